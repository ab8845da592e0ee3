/* juggler-results.h: finished runs side by side, newest first
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "juggler-report.h"

G_BEGIN_DECLS

#define JUGGLER_TYPE_RESULTS (juggler_results_get_type ())

G_DECLARE_FINAL_TYPE (JugglerResults, juggler_results, JUGGLER, RESULTS, GtkWidget)

void juggler_results_add (JugglerResults      *self,
                          const JugglerReport *report);

G_END_DECLS
