/* juggler-chart.h: a small live chart of the last seconds of one measurement
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "juggler-series.h"

G_BEGIN_DECLS

#define JUGGLER_TYPE_CHART (juggler_chart_get_type ())

/* How much time the chart shows, right edge "now". */
#define JUGGLER_CHART_WINDOW_US (10 * G_USEC_PER_SEC)

G_DECLARE_FINAL_TYPE (JugglerChart, juggler_chart, JUGGLER, CHART, GtkWidget)

/*
 * Each sample is the value of the time since the sample before it, so it is drawn as a step
 * that ends at its own time: a frame interval of 1200 ms is a 1.2 s wide bar, not a ramp.
 *
 * Properties: "title", "readout" (the figures in the header), "unit" (of the scale: "ms",
 * "fps", "/s"…; "ms" switches to seconds from 1000), "min-range" (the lowest top of the
 * scale), "reference" (a dashed line, 0 for none) and "live" (TRUE: the chart scrolls by whole
 * pixels, redrawn when juggler_chart_set_now() has moved it by one; FALSE: it moves once a
 * second, so an idle window does not redraw it in every frame).
 */

GtkWidget  *juggler_chart_new         (const char    *title);
const char *juggler_chart_get_title   (JugglerChart  *self);
void        juggler_chart_set_title   (JugglerChart  *self,
                                       const char    *title);
const char *juggler_chart_get_readout (JugglerChart  *self);
void        juggler_chart_set_readout (JugglerChart  *self,
                                       const char    *readout);
const char *juggler_chart_get_unit    (JugglerChart  *self);
void        juggler_chart_set_unit    (JugglerChart  *self,
                                       const char    *unit);
gboolean    juggler_chart_get_live    (JugglerChart  *self);
void        juggler_chart_set_live    (JugglerChart  *self,
                                       gboolean       live);
/* Plots series, which its owner appends to and trims, instead of samples pushed one by one:
 * nothing is copied. The chart does not own it: set NULL before series is freed. */
void        juggler_chart_set_series  (JugglerChart  *self,
                                       JugglerSeries *series);
/* Adds a sample to the chart's own series; time_us is monotonic time (the frame clock's frame
 * time). Not for a chart given a shared series. */
void        juggler_chart_push        (JugglerChart  *self,
                                       gint64         time_us,
                                       double         value);
/* Moves the right edge of the chart to now_us; its own series forgets what scrolled out. */
void        juggler_chart_set_now     (JugglerChart  *self,
                                       gint64         now_us);
void        juggler_chart_clear       (JugglerChart  *self);
/* The right edge the chart shows: while live, the last juggler_chart_set_now() rounded down
 * to a whole pixel's time of the plot (before the first draw, not rounded); at rest, the one
 * that last moved it (it moves once a second). */
gint64      juggler_chart_get_shown_now (JugglerChart *self);

/* The top of the scale: at least min_range, room above reference, above the largest value
 * shown, rounded up to 1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 × 10^k. */
double      juggler_chart_compute_range (double       min_range,
                                         double       reference,
                                         double       max_value);
/* A scale label: "80 fps", "40 ms", "1.5 s", "25k req/s", "250/s". */
char       *juggler_chart_format_value  (double       value,
                                         const char  *unit);

G_END_DECLS
