/* juggler-live-charts.h: the canary and the charts of the last seconds: frames, loop latency, throughput
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "juggler-series.h"

G_BEGIN_DECLS

#define JUGGLER_TYPE_LIVE_CHARTS (juggler_live_charts_get_type ())

G_DECLARE_FINAL_TYPE (JugglerLiveCharts, juggler_live_charts, JUGGLER, LIVE_CHARTS, GtkBox)

/* Once per frame, with the frame clock's time: feeds the charts and trims old samples. */
void     juggler_live_charts_frame              (JugglerLiveCharts *self,
                                                 gint64             frame_time_us);
/* A run started at start_us (its samples are kept until it reported), or 0: none goes. */
void     juggler_live_charts_set_run_start      (JugglerLiveCharts *self,
                                                 gint64             start_us);
/* The run's throughput, with its readout ("120 tiles/s"). */
void     juggler_live_charts_push_throughput    (JugglerLiveCharts *self,
                                                 gint64             time_us,
                                                 double             jobs_per_s,
                                                 const char        *readout);
/* Frames the canary drew so far, and their intervals since since_us. */
guint64  juggler_live_charts_get_frames         (JugglerLiveCharts *self);
void     juggler_live_charts_summarize_frames   (JugglerLiveCharts *self,
                                                 gint64             since_us,
                                                 JugglerSummary    *summary);

G_END_DECLS
