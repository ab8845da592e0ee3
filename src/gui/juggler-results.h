/* juggler-results.h: finished runs side by side in sortable columns, newest first
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "juggler-result.h"

G_BEGIN_DECLS

#define JUGGLER_TYPE_RESULTS (juggler_results_get_type ())

G_DECLARE_FINAL_TYPE (JugglerResults, juggler_results, JUGGLER, RESULTS, GtkWidget)

/*
 * One list per page: it shows the columns of the kinds of run it holds. Speed-ups are
 * against the newest baseline run of the same workload in the list (see JugglerResult).
 *
 * Properties: "n-results" (guint, read-only).
 * Signals: "add-toast" (AdwToast *toast): a run in which most requests failed, and Clear
 * (with its Undo); by default the toast goes to the nearest ancestor AdwToastOverlay.
 * Actions: "results.clear", "results.remove-selected" (Delete), "results.copy-selected"
 * (Ctrl+C: the row as a line of text), "results.copy-command" (the row's juggler-bench line),
 * "results.export" ("csv" or "json": asks for a file, then juggler_results_save()).
 */
GtkWidget  *juggler_results_new           (void);
void        juggler_results_add           (JugglerResults *self,
                                           JugglerResult  *result);
/* Marks the n newest results as n runs in a row of one configuration: the median's row
 * and the others get a badge with the median wall time and the spread. FALSE (and no
 * marks) unless they are n finished runs of one workload. */
gboolean    juggler_results_mark_repeats  (JugglerResults *self,
                                           guint           n);
void        juggler_results_remove        (JugglerResults *self,
                                           JugglerResult  *result);
/* Removes every result, with an Undo toast. */
void        juggler_results_clear         (JugglerResults *self);
guint       juggler_results_get_n_results (JugglerResults *self);
/* The results as shown: newest first, or in the order of the column sorted by. */
GListModel *juggler_results_get_model     (JugglerResults *self);

/* The results as shown, as CSV or as the bench's JSON lines (see juggler-results-export.h). */
gboolean    juggler_results_save          (JugglerResults *self,
                                           GFile          *file,
                                           gboolean        json,
                                           GError        **error);

G_END_DECLS
