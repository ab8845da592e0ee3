/* juggler-strategy-info.h: what the window says about each strategy: title and explanation
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "juggler-types.h"

G_BEGIN_DECLS

/* Translated; for buttons, result rows and the header's subtitle. */
const char *juggler_strategy_info_get_title       (JugglerStrategy     strategy);
/* Translated; what the strategy does to a workload of that kind, and what to expect.
 * NULL when the strategy does not serve that kind. */
const char *juggler_strategy_info_get_explanation (JugglerStrategy     strategy,
                                                   JugglerWorkloadKind kind);

/* Labels a strategy button with the title, wrapped rather than widening the sidebar. */
void        juggler_strategy_info_label_button    (GtkButton          *button,
                                                   JugglerStrategy     strategy);
/* A blocking run's warning: "This run will freeze the window for about 1.1 s." up to a few
 * seconds, then the longer warning with reduce_hint (how to make it shorter) after it. */
char       *juggler_strategy_info_format_freeze   (double              seconds,
                                                   const char         *reduce_hint,
                                                   gboolean           *too_long);

G_END_DECLS
