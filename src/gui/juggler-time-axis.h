/* juggler-time-axis.h: the time axis the timeline and the waterfall share: ticks, labels, grid
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Where an axis goes, in the widget's pixels, and which times it spans. */
typedef struct
{
  double left;          /* x of from_ms */
  double px_per_ms;
  double right;         /* labels stay left of this */
  double from_ms;       /* the times at the left and right ends, e.g. since a run began */
  double to_ms;
  double label_height;  /* labels are centred in this band at the top */
  double line_top;      /* each tick's grid line runs from here down to bottom */
  double bottom;
  guint  n_ticks;       /* about how many ticks */
} JugglerTimeAxis;

/* A tick step of 1, 2 or 5 × 10^k ms giving about n_ticks ticks over span_ms. */
double     juggler_time_axis_nice_step_ms (double                 span_ms,
                                           guint                  n_ticks);
/* A tick's label with as many decimals as the step needs, in seconds on an axis whose
 * largest tick (axis_max_ms) is a second or more, else in milliseconds. */
char      *juggler_time_axis_format_tick  (double                 ms,
                                           double                 step_ms,
                                           double                 axis_max_ms);
/* Grid lines in color at a low alpha, and the labels that fit without touching. */
void       juggler_time_axis_draw         (const JugglerTimeAxis *axis,
                                           cairo_t               *cr,
                                           PangoLayout           *layout,
                                           const GdkRGBA         *color);

G_END_DECLS
