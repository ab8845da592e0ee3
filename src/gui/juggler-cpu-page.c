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

struct _JugglerCpuPage
{
  JugglerWorkloadPage  parent_instance;

  /* Template widgets */
  JugglerCanvas       *canvas;

  /* The page's sidebar; the page's base holds the reference. */
  JugglerCpuControls  *controls;
  /* What the run going (or last) was started with, for its row. */
  JugglerCpuParams     run_params;
};

G_DEFINE_FINAL_TYPE (JugglerCpuPage, juggler_cpu_page, JUGGLER_TYPE_WORKLOAD_PAGE)

static void
juggler_cpu_page_set_settings (JugglerWorkloadPage *page,
                               GSettings           *settings)
{
  JugglerCpuPage *self = JUGGLER_CPU_PAGE (page);

  juggler_cpu_controls_set_settings (self->controls, settings);
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
  /* Never "0" while tiles are being computed: slow ones may take minutes each. */
  if (jobs_per_s >= 9.5 || jobs_per_s == 0)
    return g_strdup_printf (_("%.0f tiles/s"), jobs_per_s);
  if (jobs_per_s >= 0.995)
    return g_strdup_printf (_("%.1f tiles/s"), jobs_per_s);
  if (jobs_per_s >= 0.01)
    return g_strdup_printf (_("%.2f tiles/s"), jobs_per_s);

  return g_strdup (_("under 0.01 tiles/s"));
}

static void
juggler_cpu_page_set_run (JugglerWorkloadPage *page,
                          JugglerRun          *run)
{
  JugglerCpuPage *self = JUGGLER_CPU_PAGE (page);
  GSettings *settings = juggler_workload_page_get_settings (page);
  JugglerMandelbrot *mandelbrot;

  if (run == NULL)
    return;

  mandelbrot = JUGGLER_MANDELBROT (juggler_run_get_workload (run));
  juggler_canvas_set_mandelbrot (self->canvas, mandelbrot);
  self->run_params.width = juggler_mandelbrot_get_width (mandelbrot);
  self->run_params.height = juggler_mandelbrot_get_height (mandelbrot);
  self->run_params.tile_size = g_settings_get_uint (settings, "tile-size");
  self->run_params.iterations = g_settings_get_uint (settings, "iterations");
}

static void
juggler_cpu_page_job_done (JugglerWorkloadPage *page,
                           JugglerRun          *run,
                           guint                index,
                           guint                worker)
{
  JugglerCpuPage *self = JUGGLER_CPU_PAGE (page);

  /* The strategy that computed the tile: after a switch, the outlines tell them apart. */
  juggler_canvas_set_strategy_title (self->canvas,
                                     juggler_strategy_info_get_title (juggler_run_get_strategy (run)));
  juggler_canvas_tile_done (self->canvas, index, worker);
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
    {
      guint64 work = juggler_workload_get_work_total (JUGGLER_WORKLOAD (mandelbrot));

      juggler_cpu_controls_set_measured_speed (self->controls, work / report->job_cpu_s);
    }
}

static void
juggler_cpu_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), JUGGLER_TYPE_CPU_PAGE);

  G_OBJECT_CLASS (juggler_cpu_page_parent_class)->dispose (object);
}

static void
juggler_cpu_page_class_init (JugglerCpuPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  JugglerWorkloadPageClass *page_class = JUGGLER_WORKLOAD_PAGE_CLASS (klass);

  object_class->dispose = juggler_cpu_page_dispose;

  page_class->kind = JUGGLER_WORKLOAD_CPU;
  page_class->strategy_key = "strategy";
  page_class->set_settings = juggler_cpu_page_set_settings;
  page_class->create_workload = juggler_cpu_page_create_workload;
  page_class->configure_run = juggler_cpu_page_configure_run;
  page_class->get_strategies = juggler_cpu_page_get_strategies;
  page_class->estimate_blocking_s = juggler_cpu_page_estimate_blocking_s;
  page_class->format_progress = juggler_cpu_page_format_progress;
  page_class->format_rate = juggler_cpu_page_format_rate;
  page_class->set_run = juggler_cpu_page_set_run;
  page_class->job_done = juggler_cpu_page_job_done;
  page_class->create_result = juggler_cpu_page_create_result;
  page_class->add_report = juggler_cpu_page_add_report;

  g_type_ensure (JUGGLER_TYPE_CANVAS);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/juggler/Juggler/juggler-cpu-page.ui");
  gtk_widget_class_bind_template_child (widget_class, JugglerCpuPage, canvas);
}

static void
juggler_cpu_page_init (JugglerCpuPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->controls = g_object_new (JUGGLER_TYPE_CPU_CONTROLS, NULL);
  juggler_workload_page_set_controls (JUGGLER_WORKLOAD_PAGE (self), GTK_WIDGET (self->controls));
}
