/* juggler-chart.h: a small live chart of the last seconds of one measurement
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define JUGGLER_TYPE_CHART (juggler_chart_get_type ())

G_DECLARE_FINAL_TYPE (JugglerChart, juggler_chart, JUGGLER, CHART, GtkWidget)

GtkWidget  *juggler_chart_new         (const char   *title);
const char *juggler_chart_get_title   (JugglerChart *self);
void        juggler_chart_set_title   (JugglerChart *self,
                                       const char   *title);
const char *juggler_chart_get_readout (JugglerChart *self);
void        juggler_chart_set_readout (JugglerChart *self,
                                       const char   *readout);
/* Adds a sample; time_us is monotonic time (the frame clock's frame time). */
void        juggler_chart_push        (JugglerChart *self,
                                       gint64        time_us,
                                       double        value);
/* Moves the right edge of the chart to now_us and forgets what scrolled out. */
void        juggler_chart_set_now     (JugglerChart *self,
                                       gint64        now_us);
void        juggler_chart_clear       (JugglerChart *self);

G_END_DECLS
