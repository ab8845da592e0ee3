/* juggler-results-export.h: a results list as CSV or as the bench's JSON lines
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "juggler-result.h"

G_BEGIN_DECLS

/* A header line, then one line per JugglerResult of results, in its order; numbers in the
 * C locale, fields quoted where they hold a comma, a quote or a line break. */
char *juggler_results_export_csv  (GListModel *results);
/* One report object per line, as `juggler-bench --json` prints them. */
char *juggler_results_export_json (GListModel *results);

G_END_DECLS
