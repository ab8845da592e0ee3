/* juggler-cpu-page.c: the CPU page: Mandelbrot tiles, their status line and results
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-cpu-page"

#include "config.h"

#include "juggler-cpu-page.h"

#include <glib/gi18n.h>

#include "juggler-canvas.h"
#include "juggler-cpu-controls.h"
#include "juggler-strategy-info.h"
#include "juggler-workload-page.h"

struct _JugglerCpuPage
{
  GtkBox              parent_instance;

  /* Template widgets */
  JugglerRunStatus   *status;
  JugglerCanvas      *canvas;
  JugglerResults     *results;
  GtkStack           *view_stack;
  JugglerTimeline    *timeline;

  JugglerCpuControls *controls;
  GSettings          *settings;
  GSignalGroup       *run_signals;
  JugglerStrategy     strategy;
  /* What the run going (or last) was started with, for its row. */
  JugglerCpuParams    run_params;
};

enum {
  PROP_0,
  PROP_CAN_START,
  PROP_STRATEGY,
  N_PROPS
};

static void juggler_cpu_page_workload_page_init (JugglerWorkloadPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (JugglerCpuPage, juggler_cpu_page, GTK_TYPE_BOX,
                               G_IMPLEMENT_INTERFACE (JUGGLER_TYPE_WORKLOAD_PAGE,
                                                      juggler_cpu_page_workload_page_init))

static GtkWidget *
juggler_cpu_page_get_controls (JugglerWorkloadPage *page)
{
  return GTK_WIDGET (JUGGLER_CPU_PAGE (page)->controls);
}

static JugglerRunStatus *
juggler_cpu_page_get_status (JugglerWorkloadPage *page)
{
  return JUGGLER_CPU_PAGE (page)->status;
}

static JugglerResults *
juggler_cpu_page_get_results (JugglerWorkloadPage *page)
{
  return JUGGLER_CPU_PAGE (page)->results;
}

static void
juggler_cpu_page_set_settings (JugglerWorkloadPage *page,
                               GSettings           *settings)
{
  JugglerCpuPage *self = JUGGLER_CPU_PAGE (page);

  g_set_object (&self->settings, settings);
  juggler_cpu_controls_set_settings (self->controls, settings);
  juggler_workload_page_bind_strategy (page, settings, "strategy");
  /* Low-priority workers and the progress mode live in the preferences window. */
  g_settings_bind (settings, "show-workers", self->canvas, "show-workers", G_SETTINGS_BIND_GET);
}

static JugglerWorkload *
juggler_cpu_page_create_workload (JugglerWorkloadPage  *page,
                                  GError              **error)
{
  return JUGGLER_WORKLOAD (juggler_cpu_controls_create_workload (JUGGLER_CPU_PAGE (page)->controls,
                                                                 error));
}

static void
juggler_cpu_page_configure_run (JugglerWorkloadPage *page,
                                JugglerRun          *run)
{
  juggler_run_set_n_workers (run, juggler_cpu_controls_get_workers (JUGGLER_CPU_PAGE (page)->controls));
}

static const JugglerStrategy *
juggler_cpu_page_get_strategies (JugglerWorkloadPage *page,
                                 guint               *n_strategies)
{
  return juggler_cpu_controls_get_strategies (n_strategies);
}

static double
juggler_cpu_page_estimate_blocking_s (JugglerWorkloadPage *page)
{
  return juggler_cpu_controls_estimate_blocking_s (JUGGLER_CPU_PAGE (page)->controls);
}

static char *
juggler_cpu_page_format_progress (JugglerWorkloadPage   *page,
                                  const JugglerProgress *progress)
{
  return g_strdup_printf (_("%u of %u tiles"), progress->jobs_done, progress->jobs_total);
}

static char *
juggler_cpu_page_format_rate (JugglerWorkloadPage *page,
                              double               jobs_per_s,
                              double               interval_s)
{
  return g_strdup_printf (_("%.0f tiles/s"), jobs_per_s);
}

static void
job_done_cb (JugglerRun     *run,
             guint           index,
             guint           worker,
             JugglerCpuPage *self)
{
  /* The strategy that computed the tile: after a switch, the outlines tell them apart. */
  juggler_canvas_set_strategy_title (self->canvas,
                                     juggler_strategy_info_get_title (juggler_run_get_strategy (run)));
  juggler_canvas_tile_done (self->canvas, index, worker);
}

static void
juggler_cpu_page_set_run (JugglerWorkloadPage *page,
                          JugglerRun          *run)
{
  JugglerCpuPage *self = JUGGLER_CPU_PAGE (page);

  if (run != NULL)
    {
      JugglerMandelbrot *mandelbrot = JUGGLER_MANDELBROT (juggler_run_get_workload (run));

      juggler_canvas_set_mandelbrot (self->canvas, mandelbrot);
      self->run_params.width = juggler_mandelbrot_get_width (mandelbrot);
      self->run_params.height = juggler_mandelbrot_get_height (mandelbrot);
      self->run_params.tile_size = g_settings_get_uint (self->settings, "tile-size");
      self->run_params.iterations = g_settings_get_uint (self->settings, "iterations");
    }
  juggler_workload_page_trace_run (page, self->timeline, run);
  g_signal_group_set_target (self->run_signals, run);
}

static JugglerResult *
juggler_cpu_page_create_result (JugglerWorkloadPage *page,
                                const JugglerReport *report)
{
  return juggler_result_new_cpu (report, &JUGGLER_CPU_PAGE (page)->run_params);
}

static void
juggler_cpu_page_add_report (JugglerWorkloadPage *page,
                             const JugglerReport *report)
{
  JugglerCpuPage *self = JUGGLER_CPU_PAGE (page);
  JugglerMandelbrot *mandelbrot = juggler_canvas_get_mandelbrot (self->canvas);

  /* Measured speed makes the next blocking estimate honest on this machine. */
  if (mandelbrot != NULL && !report->cancelled && report->completed == report->jobs &&
      report->job_cpu_s > 0.05)
    juggler_cpu_controls_set_measured_speed (self->controls,
                                             (double) juggler_mandelbrot_get_width (mandelbrot) *
                                             juggler_mandelbrot_get_height (mandelbrot) *
                                             self->run_params.iterations /
                                             report->job_cpu_s);
}

static void
juggler_cpu_page_workload_page_init (JugglerWorkloadPageInterface *iface)
{
  iface->get_controls = juggler_cpu_page_get_controls;
  iface->get_status = juggler_cpu_page_get_status;
  iface->get_results = juggler_cpu_page_get_results;
  iface->set_settings = juggler_cpu_page_set_settings;
  iface->create_workload = juggler_cpu_page_create_workload;
  iface->configure_run = juggler_cpu_page_configure_run;
  iface->get_strategies = juggler_cpu_page_get_strategies;
  iface->estimate_blocking_s = juggler_cpu_page_estimate_blocking_s;
  iface->format_progress = juggler_cpu_page_format_progress;
  iface->format_rate = juggler_cpu_page_format_rate;
  iface->set_run = juggler_cpu_page_set_run;
  iface->create_result = juggler_cpu_page_create_result;
  iface->add_report = juggler_cpu_page_add_report;
}

static void
can_start_notify_cb (JugglerCpuControls *controls,
                     GParamSpec         *pspec,
                     JugglerCpuPage     *self)
{
  g_object_notify (G_OBJECT (self), "can-start");
}

static void
juggler_cpu_page_dispose (GObject *object)
{
  JugglerCpuPage *self = (JugglerCpuPage *) object;

  if (self->run_signals != NULL)
    g_signal_group_set_target (self->run_signals, NULL);
  g_clear_object (&self->run_signals);
  g_clear_object (&self->controls);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), JUGGLER_TYPE_CPU_PAGE);

  G_OBJECT_CLASS (juggler_cpu_page_parent_class)->dispose (object);
}

static void
juggler_cpu_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  JugglerCpuPage *self = JUGGLER_CPU_PAGE (object);

  switch (prop_id)
    {
    case PROP_CAN_START:
      g_value_set_boolean (value, juggler_cpu_controls_get_can_start (self->controls));
      break;

    case PROP_STRATEGY:
      g_value_set_uint (value, self->strategy);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
juggler_cpu_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  JugglerCpuPage *self = JUGGLER_CPU_PAGE (object);

  switch (prop_id)
    {
    case PROP_STRATEGY:
      if (self->strategy != g_value_get_uint (value) &&
          juggler_strategy_supports (g_value_get_uint (value), JUGGLER_WORKLOAD_CPU))
        {
          self->strategy = g_value_get_uint (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
export_trace_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  JugglerCpuPage *self = JUGGLER_CPU_PAGE (widget);

  gtk_widget_activate_action (GTK_WIDGET (self->timeline), "timeline.export", NULL);
}

static void
show_timeline_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  JugglerCpuPage *self = JUGGLER_CPU_PAGE (widget);
  gboolean shown = g_strcmp0 (gtk_stack_get_visible_child_name (self->view_stack), "timeline") == 0;

  gtk_stack_set_visible_child_name (self->view_stack, shown ? "view" : "timeline");
}

static void
juggler_cpu_page_class_init (JugglerCpuPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = juggler_cpu_page_dispose;
  object_class->get_property = juggler_cpu_page_get_property;
  object_class->set_property = juggler_cpu_page_set_property;

  g_object_class_override_property (object_class, PROP_CAN_START, "can-start");
  g_object_class_override_property (object_class, PROP_STRATEGY, "strategy");

  g_type_ensure (JUGGLER_TYPE_CANVAS);
  g_type_ensure (JUGGLER_TYPE_RESULTS);
  g_type_ensure (JUGGLER_TYPE_RUN_STATUS);
  g_type_ensure (JUGGLER_TYPE_TIMELINE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/juggler/Juggler/juggler-cpu-page.ui");
  gtk_widget_class_bind_template_child (widget_class, JugglerCpuPage, status);
  gtk_widget_class_bind_template_child (widget_class, JugglerCpuPage, canvas);
  gtk_widget_class_bind_template_child (widget_class, JugglerCpuPage, results);
  gtk_widget_class_bind_template_child (widget_class, JugglerCpuPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, JugglerCpuPage, timeline);

  gtk_widget_class_install_action (widget_class, "page.export-trace", NULL, export_trace_action);
  /* Toggles between the live view and the timeline. */
  gtk_widget_class_install_action (widget_class, "page.show-timeline", NULL, show_timeline_action);
}

static void
juggler_cpu_page_init (JugglerCpuPage *self)
{
  self->strategy = JUGGLER_STRATEGY_THREADS;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.export-trace", FALSE);

  self->controls = g_object_ref_sink (g_object_new (JUGGLER_TYPE_CPU_CONTROLS, NULL));
  g_signal_connect_object (self->controls, "notify::can-start", G_CALLBACK (can_start_notify_cb),
                           self, 0);

  self->run_signals = g_signal_group_new (JUGGLER_TYPE_RUN);
  g_signal_group_connect_object (self->run_signals, "job-done", G_CALLBACK (job_done_cb), self, 0);
}
