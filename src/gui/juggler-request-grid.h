/* juggler-request-grid.h: one cell per HTTP request, coloured by where the request is
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "juggler-http-workload.h"
#include "juggler-palette.h"

G_BEGIN_DECLS

#define JUGGLER_TYPE_REQUEST_GRID (juggler_request_grid_get_type ())

G_DECLARE_FINAL_TYPE (JugglerRequestGrid, juggler_request_grid, JUGGLER, REQUEST_GRID,
                      GtkDrawingArea)

/*
 * Signals: "selection-changed" (void): the user picked other cells; read them with
 * juggler_request_grid_get_selection().
 */

GtkWidget  *juggler_request_grid_new             (void);
/* Shows every request of workload as queued; NULL clears the grid. */
void        juggler_request_grid_set_workload    (JugglerRequestGrid  *self,
                                                  JugglerHttpWorkload *workload);
/* Reads every request's state once and redraws only if one changed: call once per frame
 * while a run goes, and once after it ends. */
void        juggler_request_grid_refresh         (JugglerRequestGrid  *self);
/* Counts requests per JugglerHttpState as of the last refresh: counts has
 * JUGGLER_PALETTE_N_STATES elements. */
void        juggler_request_grid_count_states    (JugglerRequestGrid  *self,
                                                  guint               *counts);
/* The first and the last selected request, first <= last; FALSE when nothing is selected. A
 * dragged rectangle need not hold every request between them: see get_selected(). */
gboolean    juggler_request_grid_get_selection   (JugglerRequestGrid  *self,
                                                  guint               *first,
                                                  guint               *last);
/* The selected requests in increasing order, owned by the grid until the selection changes. */
const guint *juggler_request_grid_get_selected   (JugglerRequestGrid  *self,
                                                  guint               *n_selected);
/* Selects the requests first to last, in reading order. */
void        juggler_request_grid_set_selection   (JugglerRequestGrid  *self,
                                                  guint                first,
                                                  guint                last);
/* Selects the rectangle of cells with these two at opposite corners, as the grid is laid out
 * at its last draw, as a drag does. */
void        juggler_request_grid_select_rectangle (JugglerRequestGrid *self,
                                                   guint               corner,
                                                   guint               opposite);

G_END_DECLS
