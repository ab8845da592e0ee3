/* juggler-waterfall.h: the timings of a range of HTTP requests as bars on one time axis
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "juggler-http-workload.h"

G_BEGIN_DECLS

#define JUGGLER_TYPE_WATERFALL (juggler_waterfall_get_type ())

G_DECLARE_FINAL_TYPE (JugglerWaterfall, juggler_waterfall, JUGGLER, WATERFALL, GtkDrawingArea)

GtkWidget *juggler_waterfall_new          (void);
void       juggler_waterfall_set_workload (JugglerWaterfall    *self,
                                           JugglerHttpWorkload *workload);
/* Shows requests first to last (inclusive); the rows that do not fit are counted. */
void       juggler_waterfall_set_range    (JugglerWaterfall    *self,
                                           guint                first,
                                           guint                last);
/* Shows these requests, in increasing order, as a grid's dragged rectangle selects them. */
void       juggler_waterfall_set_requests (JugglerWaterfall    *self,
                                           const guint         *indexes,
                                           guint                n_indexes);
/* Request index was merged: its result is valid from now on. */
void       juggler_waterfall_request_done (JugglerWaterfall    *self,
                                           guint                index);

G_END_DECLS
