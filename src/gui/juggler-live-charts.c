/* juggler-live-charts.c: the canary and the charts of the last seconds: frames, loop latency, throughput
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-live-charts"

#include "config.h"

#include "juggler-live-charts.h"

#include <glib/gi18n.h>

#include "juggler-canary.h"
#include "juggler-chart.h"
#include "juggler-format.h"
#include "juggler-frame-slot.h"
#include "juggler-latency-probe.h"

#define LIVE_WINDOW_US      (10 * G_USEC_PER_SEC)
#define PROBE_INTERVAL_MS   10

struct _JugglerLiveCharts
{
  GtkBox               parent_instance;

  /* Template widgets */
  JugglerCanary       *canary;
  JugglerChart        *fps_chart;
  JugglerChart        *frame_chart;
  JugglerChart        *latency_chart;
  JugglerChart        *throughput_chart;

  /* The live view's own probe; each run has another one for its report. */
  JugglerLatencyProbe *probe;
  /* Frame time ÷ JUGGLER_TEXT_INTERVAL_US at the last readout: slots, so the readouts change in
   * the same frames as the run status's text (juggler-run-status.c). */
  gint64               readout_slot;
  gulong               after_paint_id;
  gboolean             probe_started;
  gint64               last_trim_us;
  gint64               run_start_us;
};

G_DEFINE_FINAL_TYPE (JugglerLiveCharts, juggler_live_charts, GTK_TYPE_BOX)

static guint
count_since (JugglerSeries *series,
             gint64         since_us)
{
  guint n = juggler_series_get_length (series);
  guint count = 0;

  for (guint i = n; i > 0; i--)
    {
      gint64 t;

      juggler_series_get (series, i - 1, &t, NULL);
      if (t < since_us)
        break;
      count++;
    }

  return count;
}

/* The figures of the chart's own 10 s, and it says so; durations as the results show them. */
static void
set_window_readout (JugglerChart         *chart,
                    const JugglerSummary *summary)
{
  g_autofree char *readout = NULL;

  if (summary->max < 999.5)
    /* TRANSLATORS: the figures over a chart's last 10 seconds, "10 s: p99 17 · max 33 ms" */
    readout = g_strdup_printf (_("10 s: p99 %.0f · max %.0f ms"), summary->p99, summary->max);
  else
    {
      g_autofree char *p99 = juggler_format_duration_ms (summary->p99);
      g_autofree char *max = juggler_format_duration_ms (summary->max);

      /* TRANSLATORS: the figures over a chart's last 10 seconds, "10 s: p99 17 ms · max 1.20 s" */
      readout = g_strdup_printf (_("10 s: p99 %s · max %s"), p99, max);
    }
  juggler_chart_set_readout (chart, readout);
}

static void
update_readouts (JugglerLiveCharts *self,
                 gint64             now,
                 guint              frames_last_s)
{
  JugglerSeries *frames = juggler_canary_get_series (self->canary);
  gboolean resting = juggler_canary_get_resting (self->canary);
  JugglerSummary summary;
  g_autofree char *fps = NULL;

  /* A resting canary asks for no frames: "0 fps" and "p99 0 ms" would read as a frozen
   * window, or one that measures nothing. */
  fps = resting && frames_last_s == 0 ? g_strdup (_("at rest"))
                                       : g_strdup_printf (_("%u fps"), frames_last_s);
  juggler_chart_set_readout (self->fps_chart, fps);

  juggler_series_summarize (frames, now - LIVE_WINDOW_US, &summary);
  if (resting && summary.n == 0)
    juggler_chart_set_readout (self->frame_chart, _("at rest"));
  else
    set_window_readout (self->frame_chart, &summary);

  juggler_latency_probe_summarize (self->probe, now - LIVE_WINDOW_US, &summary);
  set_window_readout (self->latency_chart, &summary);

  if (self->run_start_us == 0)
    {
      juggler_chart_push (self->throughput_chart, now, 0);
      juggler_chart_set_readout (self->throughput_chart, _("idle"));
    }
}

void
juggler_live_charts_frame (JugglerLiveCharts *self,
                           gint64             now)
{
  JugglerSeries *frames;
  JugglerSeries *latency;

  g_return_if_fail (JUGGLER_IS_LIVE_CHARTS (self));

  frames = juggler_canary_get_series (self->canary);
  latency = juggler_latency_probe_get_series (self->probe);

  if (juggler_frame_slot_enter (&self->readout_slot, now, JUGGLER_TEXT_INTERVAL_US))
    update_readouts (self, now, count_since (frames, now - G_USEC_PER_SEC));

  juggler_chart_set_now (self->fps_chart, now);
  juggler_chart_set_now (self->frame_chart, now);
  juggler_chart_set_now (self->latency_chart, now);
  juggler_chart_set_now (self->throughput_chart, now);

  /* The window may stay open for days: forget what neither the charts nor a run need. */
  if (now - self->last_trim_us >= G_USEC_PER_SEC)
    {
      gint64 keep_from = now - LIVE_WINDOW_US - 2 * G_USEC_PER_SEC;

      if (self->run_start_us != 0)
        keep_from = MIN (keep_from, self->run_start_us);
      juggler_canary_trim (self->canary, keep_from);
      juggler_series_trim_to_edge (latency, keep_from);
      self->last_trim_us = now;
    }
}

void
juggler_live_charts_set_run_start (JugglerLiveCharts *self,
                                   gint64             start_us)
{
  g_return_if_fail (JUGGLER_IS_LIVE_CHARTS (self));

  if (start_us != 0 && self->run_start_us == 0)
    juggler_chart_clear (self->throughput_chart);
  self->run_start_us = start_us;

  /* Scrolling with every frame only while a run goes: at rest the charts move once a
   * second, so an idle window redraws only the canary in every frame (issue 10). */
  juggler_chart_set_live (self->fps_chart, start_us != 0);
  juggler_chart_set_live (self->frame_chart, start_us != 0);
  juggler_chart_set_live (self->latency_chart, start_us != 0);
  juggler_chart_set_live (self->throughput_chart, start_us != 0);
  /* The canary rests between runs, by design: it is the lesson of a run, and at 60 fps it
   * would be nearly all an idle window costs (issue 10). It juggles from the moment a run
   * starts until its report is in, which waits for a frame after the run. */
  juggler_canary_set_resting (self->canary, start_us == 0);
}

void
juggler_live_charts_push_throughput (JugglerLiveCharts *self,
                                     gint64             time_us,
                                     double             jobs_per_s,
                                     const char        *readout)
{
  g_return_if_fail (JUGGLER_IS_LIVE_CHARTS (self));

  juggler_chart_push (self->throughput_chart, time_us, jobs_per_s);
  juggler_chart_set_readout (self->throughput_chart, readout);
}

guint64
juggler_live_charts_get_frames (JugglerLiveCharts *self)
{
  g_return_val_if_fail (JUGGLER_IS_LIVE_CHARTS (self), 0);

  return juggler_canary_get_frames (self->canary);
}

void
juggler_live_charts_summarize_frames (JugglerLiveCharts *self,
                                      gint64             since_us,
                                      JugglerSummary    *summary)
{
  g_return_if_fail (JUGGLER_IS_LIVE_CHARTS (self));
  g_return_if_fail (summary != NULL);

  juggler_series_summarize (juggler_canary_get_series (self->canary), since_us, summary);
}

/* The probe starts once the first frame is out: making that frame (styles, layout, the
 * pages) blocks the loop for a few hundred milliseconds, which the loop-latency chart would
 * show as a stall at the start of a run that begins shortly after (a scenario's) although
 * no strategy caused it (issue 9). */
static void
first_after_paint_cb (GdkFrameClock     *frame_clock,
                      JugglerLiveCharts *self)
{
  g_clear_signal_handler (&self->after_paint_id, frame_clock);
  juggler_latency_probe_start (self->probe);
}

static void
juggler_live_charts_map (GtkWidget *widget)
{
  JugglerLiveCharts *self = JUGGLER_LIVE_CHARTS (widget);

  GTK_WIDGET_CLASS (juggler_live_charts_parent_class)->map (widget);

  if (self->probe_started)
    return;
  self->probe_started = TRUE;
  self->after_paint_id = g_signal_connect_object (gtk_widget_get_frame_clock (widget),
                                                  "after-paint",
                                                  G_CALLBACK (first_after_paint_cb), self, 0);
}

static void
juggler_live_charts_unmap (GtkWidget *widget)
{
  JugglerLiveCharts *self = JUGGLER_LIVE_CHARTS (widget);

  /* Unmapped before the first frame: the probe starts with the next map. */
  if (self->after_paint_id != 0)
    {
      g_clear_signal_handler (&self->after_paint_id, gtk_widget_get_frame_clock (widget));
      self->probe_started = FALSE;
    }

  GTK_WIDGET_CLASS (juggler_live_charts_parent_class)->unmap (widget);
}

static void
juggler_live_charts_dispose (GObject *object)
{
  JugglerLiveCharts *self = (JugglerLiveCharts *) object;

  /* The charts read these series without owning them. */
  if (self->fps_chart != NULL)
    {
      juggler_chart_set_series (self->fps_chart, NULL);
      juggler_chart_set_series (self->frame_chart, NULL);
      juggler_chart_set_series (self->latency_chart, NULL);
    }
  if (self->probe != NULL)
    juggler_latency_probe_stop (self->probe);
  g_clear_object (&self->probe);
  gtk_widget_dispose_template (GTK_WIDGET (self), JUGGLER_TYPE_LIVE_CHARTS);

  G_OBJECT_CLASS (juggler_live_charts_parent_class)->dispose (object);
}

static void
juggler_live_charts_class_init (JugglerLiveChartsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = juggler_live_charts_dispose;
  widget_class->map = juggler_live_charts_map;
  widget_class->unmap = juggler_live_charts_unmap;

  g_type_ensure (JUGGLER_TYPE_CANARY);
  g_type_ensure (JUGGLER_TYPE_CHART);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/juggler/Juggler/juggler-live-charts.ui");
  gtk_widget_class_bind_template_child (widget_class, JugglerLiveCharts, canary);
  gtk_widget_class_bind_template_child (widget_class, JugglerLiveCharts, fps_chart);
  gtk_widget_class_bind_template_child (widget_class, JugglerLiveCharts, frame_chart);
  gtk_widget_class_bind_template_child (widget_class, JugglerLiveCharts, latency_chart);
  gtk_widget_class_bind_template_child (widget_class, JugglerLiveCharts, throughput_chart);
}

static void
juggler_live_charts_init (JugglerLiveCharts *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->probe = juggler_latency_probe_new (PROBE_INTERVAL_MS);

  /* The charts draw the canary's and the probe's own samples: nothing is copied per frame. */
  juggler_chart_set_series (self->fps_chart, juggler_canary_get_rate_series (self->canary));
  juggler_chart_set_series (self->frame_chart, juggler_canary_get_series (self->canary));
  juggler_chart_set_series (self->latency_chart, juggler_latency_probe_get_series (self->probe));
  juggler_chart_set_live (self->fps_chart, FALSE);
  juggler_chart_set_live (self->frame_chart, FALSE);
  juggler_chart_set_live (self->latency_chart, FALSE);
  juggler_chart_set_live (self->throughput_chart, FALSE);
  juggler_canary_set_resting (self->canary, TRUE);
}
