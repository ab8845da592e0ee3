/* juggler-claim-chart.h: a claim's chart on the Claims page: its series over x, with a legend
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "juggler-experiment.h"

G_BEGIN_DECLS

#define JUGGLER_TYPE_CLAIM_CHART (juggler_claim_chart_get_type ())

G_DECLARE_FINAL_TYPE (JugglerClaimChart, juggler_claim_chart, JUGGLER, CLAIM_CHART, GtkWidget)

/* The chart of a claim's points, which the caller keeps and changes (the chart holds a
 * reference): as high as its width needs, its plot always the same height. */
GtkWidget  *juggler_claim_chart_new              (const JugglerClaim *claim,
                                                  GArray             *points);
/* Points were added or removed: redraws, and measures again when a series came or went. */
void        juggler_claim_chart_points_changed   (JugglerClaimChart  *self);

/* The chart of points (JugglerPoint, in any order) for claim, width × height on cr, in the
 * colours and font of widget. Each series has a marker of its own shape and size, drawn
 * largest first with an outline, so that points measured at the same place all show. */
void        juggler_claim_chart_draw             (GtkWidget          *widget,
                                                  cairo_t            *cr,
                                                  int                 width,
                                                  int                 height,
                                                  const JugglerClaim *claim,
                                                  GArray             *points);
/* The title a series is shown with: translated when src/core's name for it is known. */
const char *juggler_claim_chart_get_series_title (const char         *series);

G_END_DECLS
