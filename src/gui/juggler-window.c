/* juggler-window.c: the main window: strategy switcher, controls, canvas, canary and charts
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-window"

#include "config.h"

#include "juggler-window.h"

#include <glib/gi18n.h>

#include "juggler-canary.h"
#include "juggler-canvas.h"
#include "juggler-chart.h"
#include "juggler-latency-probe.h"
#include "juggler-mandelbrot.h"
#include "juggler-net-page.h"
#include "juggler-net-view.h"
#include "juggler-results.h"
#include "juggler-run.h"

#define JUGGLER_SCHEMA_ID     "io.github.juggler.Juggler"
#define LIVE_WINDOW_US        (10 * G_USEC_PER_SEC)
#define READOUT_INTERVAL_US   (G_USEC_PER_SEC / 4)
/* Frames to let the window settle after mapping before a scenario starts measuring. */
#define SCENARIO_SETTLE_FRAMES 10
/* A blocking run longer than this is no longer a demonstration but an ordeal. */
#define BLOCKING_COMFORT_S    3.0
/* Calibrated on the default workload (~1.5 s on one core); replaced by measurement. */
#define DEFAULT_UNITS_PER_S   (1024.0 * 768.0 * 2000.0 / 1.5)

struct _JugglerWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  GtkButton            *run_button;
  AdwViewSwitcherTitle *window_title;
  AdwViewStack         *view_stack;
  AdwToastOverlay      *toast_overlay;
  GtkToggleButton      *async_button;
  GtkToggleButton      *threads_button;
  GtkToggleButton      *cooperative_button;
  GtkToggleButton      *blocking_button;
  GtkToggleButton      *global_lock_button;
  GtkToggleButton      *shared_pool_button;
  GtkToggleButton      *thread_per_job_button;
  GtkLabel             *explanation_label;
  GtkWidget            *estimate_box;
  GtkLabel             *estimate_label;
  GtkSpinButton        *width_spin;
  GtkSpinButton        *height_spin;
  GtkSpinButton        *tile_spin;
  GtkSpinButton        *iterations_spin;
  GtkSpinButton        *workers_spin;
  GtkWidget            *strategy_grid;
  GtkWidget            *workload_group;
  GtkWidget            *execution_group;
  JugglerNetPage       *net_page;
  JugglerNetView       *net_view;
  GtkProgressBar       *progress_bar;
  GtkLabel             *progress_label;
  JugglerCanvas        *canvas;
  JugglerCanary        *canary;
  JugglerChart         *fps_chart;
  JugglerChart         *frame_chart;
  JugglerChart         *latency_chart;
  JugglerChart         *throughput_chart;
  JugglerResults       *results;

  /* The template's strategy buttons, by JugglerStrategy. */
  GtkToggleButton      *strategy_buttons[JUGGLER_N_STRATEGIES];

  GSettings            *settings;
  JugglerScenario      *scenario;
  /* Frames seen before a scenario's run starts, up to SCENARIO_SETTLE_FRAMES. */
  guint                 scenario_frames;

  /* The live view's own probe; each run has another one for its report. */
  JugglerLatencyProbe  *probe;
  gint64                last_frame_pushed_us;
  gint64                last_latency_pushed_us;
  gint64                last_readout_us;
  gint64                last_trim_us;

  /* The workload of the page shown, and of the run going (they may differ). */
  JugglerWorkloadKind   kind;
  JugglerWorkloadKind   run_kind;

  JugglerRun           *run;
  GCancellable         *run_cancellable;
  GApplication         *held_app;
  gint64                run_start_us;
  gint64                last_throughput_us;
  gint64                last_progress_label_us;
  guint                 last_jobs_done;
  guint64               last_bytes_done;

  /* A finished run waits for one more canary frame: that frame's interval is the stall
   * the run's last callback caused, and the blocking strategy ends inside that callback. */
  JugglerReport        *pending_report;
  guint64               pending_frames;

  double                units_per_s;
  gboolean              disposed;
};

enum {
  PROP_0,
  PROP_RUNNING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (JugglerWindow, juggler_window, ADW_TYPE_APPLICATION_WINDOW)

static void
show_toast (JugglerWindow *self,
            const char    *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Each page shows its own strategies, in the order of Ctrl+1, Ctrl+2... */
static const JugglerStrategy cpu_strategies[] = {
  JUGGLER_STRATEGY_THREADS, JUGGLER_STRATEGY_COOPERATIVE, JUGGLER_STRATEGY_BLOCKING,
  JUGGLER_STRATEGY_GLOBAL_LOCK, JUGGLER_STRATEGY_SHARED_POOL, JUGGLER_STRATEGY_THREAD_PER_JOB,
};
static const JugglerStrategy net_strategies[] = {
  JUGGLER_STRATEGY_ASYNC, JUGGLER_STRATEGY_THREADS, JUGGLER_STRATEGY_BLOCKING,
  JUGGLER_STRATEGY_SHARED_POOL, JUGGLER_STRATEGY_THREAD_PER_JOB,
};

static guint
get_page_strategies (JugglerWorkloadKind      kind,
                     const JugglerStrategy  **strategies)
{
  if (kind == JUGGLER_WORKLOAD_NET)
    {
      *strategies = net_strategies;
      return G_N_ELEMENTS (net_strategies);
    }

  *strategies = cpu_strategies;
  return G_N_ELEMENTS (cpu_strategies);
}

static const char *
get_strategy_key (JugglerWorkloadKind kind)
{
  return kind == JUGGLER_WORKLOAD_NET ? "net-strategy" : "strategy";
}

static JugglerStrategy
get_settings_strategy (JugglerWindow *self)
{
  g_autofree char *name = g_settings_get_string (self->settings, get_strategy_key (self->kind));
  JugglerStrategy strategy = self->kind == JUGGLER_WORKLOAD_NET ? JUGGLER_STRATEGY_ASYNC
                                                                : JUGGLER_STRATEGY_THREADS;

  juggler_strategy_from_string (name, &strategy);
  return strategy;
}

static guint
get_settings_workers (JugglerWindow *self)
{
  guint workers = g_settings_get_uint (self->settings, "workers");

  if (workers == 0)
    workers = g_get_num_processors ();

  return CLAMP (workers, 1, JUGGLER_MAX_WORKERS);
}

static void
update_estimate (JugglerWindow *self)
{
  JugglerStrategy strategy = get_settings_strategy (self);
  double units, seconds;
  g_autofree char *text = NULL;

  gtk_widget_set_visible (self->estimate_box, strategy == JUGGLER_STRATEGY_BLOCKING);
  if (strategy != JUGGLER_STRATEGY_BLOCKING)
    return;

  if (self->kind == JUGGLER_WORKLOAD_NET)
    {
      seconds = juggler_net_page_estimate_blocking_s (self->net_page);
      if (seconds < 0)
        {
          gtk_label_set_label (self->estimate_label,
                               _("This run freezes the window until every request has been "
                                 "answered, one after another."));
          gtk_widget_add_css_class (self->estimate_box, "estimate-warning");
          return;
        }
    }
  else
    {
  units = (double) g_settings_get_uint (self->settings, "image-width") *
          g_settings_get_uint (self->settings, "image-height") *
          g_settings_get_uint (self->settings, "iterations");
  seconds = units / self->units_per_s;
    }

  if (seconds <= BLOCKING_COMFORT_S)
    {
      text = g_strdup_printf (_("This run will freeze the window for about %.1f s."), seconds);
      gtk_widget_remove_css_class (self->estimate_box, "estimate-warning");
    }
  else
    {
      if (self->kind == JUGGLER_WORKLOAD_NET)
        text = g_strdup_printf (_("This run may freeze the window for about %.0f s. Reduce the "
                                  "requests or the latency to stay under %.0f s."),
                                seconds, BLOCKING_COMFORT_S);
      else
        text = g_strdup_printf (_("This run may freeze the window for about %.0f s. Reduce the "
                                  "image size or iterations to stay under %.0f s."),
                                seconds, BLOCKING_COMFORT_S);
      gtk_widget_add_css_class (self->estimate_box, "estimate-warning");
    }
  gtk_label_set_label (self->estimate_label, text);
}

static void
update_strategy_view (JugglerWindow   *self,
                      JugglerStrategy  strategy)
{
  gtk_label_set_label (self->explanation_label, juggler_strategy_get_explanation (strategy, self->kind));
  adw_view_switcher_title_set_subtitle (self->window_title, juggler_strategy_get_title (strategy));
  update_estimate (self);
}

static void
set_strategy_state (JugglerWindow   *self,
                    JugglerStrategy  strategy)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "strategy");

  g_simple_action_set_state (G_SIMPLE_ACTION (action),
                             g_variant_new_string (juggler_strategy_to_string (strategy)));
  update_strategy_view (self, strategy);
}

static void
strategy_change_state_cb (GSimpleAction *action,
                          GVariant      *value,
                          gpointer       user_data)
{
  JugglerWindow *self = user_data;
  JugglerStrategy strategy;

  if (!juggler_strategy_from_string (g_variant_get_string (value, NULL), &strategy) ||
      !juggler_strategy_supports (strategy, self->kind))
    return;

  set_strategy_state (self, strategy);
  /* In a scenario the settings are delayed, so this stays out of the user's settings. */
  g_settings_set_string (self->settings, get_strategy_key (self->kind),
                         juggler_strategy_to_string (strategy));

  if (self->run != NULL && self->run_kind == self->kind)
    juggler_run_switch_strategy (self->run, strategy);
}

/* Ctrl+N picks the Nth strategy of the page shown. */
static void
strategy_index_cb (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  JugglerWindow *self = user_data;
  const JugglerStrategy *strategies;
  guint n = get_page_strategies (self->kind, &strategies);
  gint32 index = g_variant_get_int32 (parameter);

  if (index < 1 || (guint) index > n)
    return;

  g_action_group_activate_action (G_ACTION_GROUP (self), "strategy",
                                  g_variant_new_string (juggler_strategy_to_string (strategies[index - 1])));
}

static void
settings_strategy_changed_cb (GSettings     *settings,
                              const char    *key,
                              JugglerWindow *self)
{
  if (g_str_equal (key, get_strategy_key (self->kind)))
    set_strategy_state (self, get_settings_strategy (self));
}

static void
settings_workload_changed_cb (GSettings     *settings,
                              const char    *key,
                              JugglerWindow *self)
{
  update_estimate (self);
}

static void
run_strategy_notify_cb (JugglerRun    *run,
                        GParamSpec    *pspec,
                        JugglerWindow *self)
{
  /* --switch-every rotates the strategy inside the run: reflect it, but do not save it. */
  if (self->run_kind == self->kind)
    set_strategy_state (self, juggler_run_get_strategy (run));
}

static void
run_job_done_cb (JugglerRun    *run,
                 guint          index,
                 guint          worker,
                 JugglerWindow *self)
{
  if (self->run_kind == JUGGLER_WORKLOAD_NET)
    juggler_net_view_request_done (self->net_view, index);
  else
    juggler_canvas_tile_done (self->canvas, index, worker);
}

static void
update_start_enabled (JugglerWindow *self)
{
  gboolean can_start = self->run == NULL &&
                       (self->kind != JUGGLER_WORKLOAD_NET ||
                        juggler_net_page_get_can_start (self->net_page));

  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self),
                                                                             "start")),
                               can_start);
}

static void
net_page_can_start_notify_cb (JugglerNetPage *page,
                              GParamSpec     *pspec,
                              JugglerWindow  *self)
{
  update_start_enabled (self);
}

/* Shows the page's strategies in the page's order, two to a row, and nothing else. */
static void
show_page_strategies (JugglerWindow *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (self->strategy_grid);
  const JugglerStrategy *strategies;
  guint n = get_page_strategies (self->kind, &strategies);

  for (guint i = 0; i < JUGGLER_N_STRATEGIES; i++)
    gtk_widget_set_visible (GTK_WIDGET (self->strategy_buttons[i]), FALSE);

  for (guint i = 0; i < n; i++)
    {
      GtkWidget *button = GTK_WIDGET (self->strategy_buttons[strategies[i]]);
      GtkGridLayoutChild *child = GTK_GRID_LAYOUT_CHILD (gtk_layout_manager_get_layout_child (layout, button));
      g_autofree char *tooltip = g_strdup_printf (_("Ctrl+%u"), i + 1);

      gtk_grid_layout_child_set_column (child, i % 2);
      gtk_grid_layout_child_set_row (child, i / 2);
      gtk_widget_set_tooltip_text (button, tooltip);
      gtk_widget_set_visible (button, TRUE);
    }
}

static void
set_page (JugglerWindow       *self,
          JugglerWorkloadKind  kind)
{
  const char *name = kind == JUGGLER_WORKLOAD_NET ? "net" : "cpu";
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "page");

  self->kind = kind;
  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), name) != 0)
    adw_view_stack_set_visible_child_name (self->view_stack, name);
  g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_string (name));

  gtk_widget_set_visible (self->workload_group, kind == JUGGLER_WORKLOAD_CPU);
  gtk_widget_set_visible (self->execution_group, kind == JUGGLER_WORKLOAD_CPU);
  gtk_widget_set_visible (GTK_WIDGET (self->net_page), kind == JUGGLER_WORKLOAD_NET);

  show_page_strategies (self);
  set_strategy_state (self, get_settings_strategy (self));
  update_start_enabled (self);
}

static void
page_change_state_cb (GSimpleAction *action,
                      GVariant      *value,
                      gpointer       user_data)
{
  const char *name = g_variant_get_string (value, NULL);

  if (g_str_equal (name, "cpu"))
    set_page (user_data, JUGGLER_WORKLOAD_CPU);
  else if (g_str_equal (name, "net"))
    set_page (user_data, JUGGLER_WORKLOAD_NET);
}

static void
view_stack_child_notify_cb (AdwViewStack  *stack,
                            GParamSpec    *pspec,
                            JugglerWindow *self)
{
  const char *name = adw_view_stack_get_visible_child_name (stack);
  JugglerWorkloadKind kind = g_strcmp0 (name, "net") == 0 ? JUGGLER_WORKLOAD_NET
                                                           : JUGGLER_WORKLOAD_CPU;

  if (kind != self->kind)
    set_page (self, kind);
}

static void
set_running (JugglerWindow *self,
             gboolean       running)
{
  if (running)
    {
      gtk_button_set_label (self->run_button, _("_Stop"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->run_button), "win.stop");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->run_button), _("Stop the run (Escape)"));
      gtk_widget_remove_css_class (GTK_WIDGET (self->run_button), "suggested-action");
      gtk_widget_add_css_class (GTK_WIDGET (self->run_button), "destructive-action");
    }
  else
    {
      gtk_button_set_label (self->run_button, _("_Start"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->run_button), "win.start");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->run_button), _("Start a run (Ctrl+Return)"));
      gtk_widget_remove_css_class (GTK_WIDGET (self->run_button), "destructive-action");
      gtk_widget_add_css_class (GTK_WIDGET (self->run_button), "suggested-action");
    }

  /* GTK 4.8 adds the raw label, underline and all, to the name it takes from the label
   * widget: "_Start Start". The label widget alone names the button well. */
  gtk_accessible_reset_property (GTK_ACCESSIBLE (self->run_button), GTK_ACCESSIBLE_PROPERTY_LABEL);

  update_start_enabled (self);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self),
                                                                             "stop")),
                               running);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static void
finish_scenario (JugglerWindow *self,
                 int            status)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (status != 0 && app != NULL)
    juggler_application_set_exit_status (JUGGLER_APPLICATION (app), status);

  if (self->scenario->quit_when_done || status != 0)
    gtk_window_destroy (GTK_WINDOW (self));
}

/* What ran, for the results list: the settings the run started with. */
static JugglerResult *
new_result (JugglerWindow       *self,
            const JugglerReport *report)
{
  if (self->run_kind == JUGGLER_WORKLOAD_NET)
    {
      g_autofree char *url = g_settings_get_string (self->settings, "net-url");
      JugglerNetParams params = {
        .url = g_strstrip (url),
        .latency_ms = g_settings_get_uint (self->settings, "net-latency-ms"),
        .size = g_settings_get_uint (self->settings, "net-size"),
      };

      return juggler_result_new_net (report, &params);
    }
  else
    {
      JugglerCpuParams params = {
        .width = g_settings_get_uint (self->settings, "image-width"),
        .height = g_settings_get_uint (self->settings, "image-height"),
        .tile_size = g_settings_get_uint (self->settings, "tile-size"),
        .iterations = g_settings_get_uint (self->settings, "iterations"),
      };

      return juggler_result_new_cpu (report, &params);
    }
}

/* Runs on the first frame the canary drew after the run ended. */
static void
complete_report (JugglerWindow *self)
{
  g_autoptr(JugglerReport) report = g_steal_pointer (&self->pending_report);
  g_autoptr(JugglerResult) result = NULL;
  g_autofree char *label = NULL;

  juggler_series_summarize (juggler_canary_get_series (self->canary), self->run_start_us,
                            &report->frame_interval_ms);
  report->frames = report->frame_interval_ms.n;

  result = new_result (self, report);
  juggler_results_add (self->results, result);

  if (report->cancelled || report->completed < report->jobs)
    label = g_strdup_printf (_("Stopped after %.2f s"), report->wall_s);
  else
    label = g_strdup_printf (_("Done in %.2f s"), report->wall_s);
  gtk_label_set_label (self->progress_label, label);

  /* Measured speed makes the next blocking estimate honest on this machine. */
  if (self->run_kind == JUGGLER_WORKLOAD_CPU &&
      !report->cancelled && report->completed == report->jobs && report->job_cpu_s > 0.05)
    {
      JugglerMandelbrot *mandelbrot = juggler_canvas_get_mandelbrot (self->canvas);

      self->units_per_s = (double) juggler_mandelbrot_get_width (mandelbrot) *
                          juggler_mandelbrot_get_height (mandelbrot) *
                          g_settings_get_uint (self->settings, "iterations") /
                          report->job_cpu_s;
      update_estimate (self);
    }

  if (self->scenario != NULL && self->scenario->run)
    {
      int status = 0;

      if (self->scenario->report_path != NULL)
        {
          g_autofree char *json = juggler_report_to_string (report);
          g_autofree char *contents = g_strconcat (json, "\n", NULL);
          g_autoptr(GError) error = NULL;

          if (!g_file_set_contents (self->scenario->report_path, contents, -1, &error))
            {
              g_printerr ("juggler: %s\n", error->message);
              status = 1;
            }
        }

      finish_scenario (self, status);
    }
}

static void
run_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(JugglerWindow) self = user_data;
  JugglerRun *run = JUGGLER_RUN (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(JugglerReport) report = juggler_run_execute_finish (run, result, &error);
  g_autoptr(GApplication) app = g_steal_pointer (&self->held_app);

  if (app != NULL)
    g_application_release (app);

  /* The window may have closed during the run: it cancelled the run, nobody is watching. */
  if (self->disposed)
    return;

  if (self->run == run)
    {
      g_clear_object (&self->run);
      g_clear_object (&self->run_cancellable);
    }
  set_running (self, FALSE);

  if (report == NULL)
    {
      show_toast (self, error->message);
      if (self->scenario != NULL && self->scenario->run)
        {
          g_printerr ("juggler: %s\n", error->message);
          finish_scenario (self, 1);
        }
      return;
    }

  gtk_progress_bar_set_fraction (self->progress_bar,
                                 report->jobs > 0 ? (double) report->completed / report->jobs : 0);
  if (self->run_kind == JUGGLER_WORKLOAD_NET)
    juggler_net_view_update (self->net_view, 0);
  self->pending_report = g_steal_pointer (&report);
  self->pending_frames = juggler_canary_get_frames (self->canary);
}

/* Without a workload a scenario has nothing to measure: its run ends here. */
static void
show_workload_error (JugglerWindow *self,
                     const GError  *error)
{
  show_toast (self, error->message);
  if (self->scenario != NULL && self->scenario->run)
    {
      g_printerr ("juggler: %s\n", error->message);
      finish_scenario (self, 2);
    }
}

gboolean
juggler_window_start (JugglerWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *progress_name = NULL;
  JugglerProgressMode progress_mode = JUGGLER_PROGRESS_COALESCED;
  GtkApplication *app;

  g_return_val_if_fail (JUGGLER_IS_WINDOW (self), FALSE);

  if (self->run != NULL || self->pending_report != NULL)
    return FALSE;

  if (self->kind == JUGGLER_WORKLOAD_NET)
    {
      g_autoptr(JugglerHttpWorkload) workload = NULL;

      workload = juggler_net_page_create_workload (self->net_page, &error);
      if (workload == NULL)
        {
          show_workload_error (self, error);
          return FALSE;
        }
      self->run = juggler_run_new (JUGGLER_WORKLOAD (workload), get_settings_strategy (self), 1);
      juggler_net_page_configure_run (self->net_page, self->run);
      juggler_net_view_set_workload (self->net_view, workload);
    }
  else
    {
      g_autoptr(JugglerMandelbrot) workload = NULL;

      workload = juggler_mandelbrot_new (g_settings_get_uint (self->settings, "image-width"),
                                         g_settings_get_uint (self->settings, "image-height"),
                                         g_settings_get_uint (self->settings, "tile-size"),
                                         g_settings_get_uint (self->settings, "iterations"),
                                         NULL, &error);
      if (workload == NULL)
        {
          show_workload_error (self, error);
          return FALSE;
        }
      self->run = juggler_run_new (JUGGLER_WORKLOAD (workload), get_settings_strategy (self),
                                   get_settings_workers (self));
      juggler_canvas_set_mandelbrot (self->canvas, workload);
    }

  self->run_kind = self->kind;
  juggler_run_set_nice (self->run, g_settings_get_boolean (self->settings, "nice"));
  progress_name = g_settings_get_string (self->settings, "progress-mode");
  juggler_progress_mode_from_string (progress_name, &progress_mode);
  juggler_run_set_progress_mode (self->run, progress_mode);
  if (self->scenario != NULL)
    juggler_run_set_switch_every (self->run, self->scenario->switch_every_ms);

  g_signal_connect_object (self->run, "job-done", G_CALLBACK (run_job_done_cb), self, 0);
  g_signal_connect_object (self->run, "notify::strategy", G_CALLBACK (run_strategy_notify_cb),
                           self, 0);

  juggler_chart_clear (self->throughput_chart);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);

  self->run_cancellable = g_cancellable_new ();
  self->run_start_us = g_get_monotonic_time ();
  self->last_throughput_us = self->run_start_us;
  self->last_jobs_done = 0;
  self->last_bytes_done = 0;

  /* The application outlives a closed window until the cancelled run has wound down. */
  app = gtk_window_get_application (GTK_WINDOW (self));
  if (app != NULL)
    {
      self->held_app = g_object_ref (G_APPLICATION (app));
      g_application_hold (self->held_app);
    }

  set_running (self, TRUE);
  juggler_run_execute_async (self->run, self->run_cancellable, run_done_cb, g_object_ref (self));

  return TRUE;
}

void
juggler_window_stop (JugglerWindow *self)
{
  g_return_if_fail (JUGGLER_IS_WINDOW (self));

  g_cancellable_cancel (self->run_cancellable);
}

gboolean
juggler_window_get_running (JugglerWindow *self)
{
  g_return_val_if_fail (JUGGLER_IS_WINDOW (self), FALSE);

  return self->run != NULL;
}

/* Feeds a chart the samples of a series it has not seen yet. */
static void
push_new_samples (JugglerChart  *chart,
                  JugglerSeries *series,
                  gint64        *last_pushed_us)
{
  guint n = juggler_series_get_length (series);
  guint first = n;

  while (first > 0)
    {
      gint64 t;

      juggler_series_get (series, first - 1, &t, NULL);
      if (t <= *last_pushed_us)
        break;
      first--;
    }

  for (guint i = first; i < n; i++)
    {
      gint64 t;
      double v;

      juggler_series_get (series, i, &t, &v);
      juggler_chart_push (chart, t, v);
      *last_pushed_us = t;
    }
}

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

static void
update_progress (JugglerWindow *self,
                 gint64         now)
{
  JugglerProgress progress;

  /* Once per frame, on purpose: under the global lock this is where the UI waits. */
  juggler_run_sample (self->run, &progress);

  if (progress.steps_total > 0)
    gtk_progress_bar_set_fraction (self->progress_bar,
                                   (double) progress.steps_done / progress.steps_total);

  /* Text changes relayout the window: four times a second is plenty for reading. */
  if (now - self->last_progress_label_us >= READOUT_INTERVAL_US)
    {
      g_autofree char *label = NULL;

      if (progress.steps_done > 0 && progress.steps_done < progress.steps_total)
        {
          double left_s = progress.elapsed_us / 1e6 *
                          (progress.steps_total - progress.steps_done) / progress.steps_done;

          if (self->run_kind == JUGGLER_WORKLOAD_NET)
            label = g_strdup_printf (_("%u of %u requests · %.1f s left"),
                                     progress.jobs_done, progress.jobs_total, left_s);
          else
            label = g_strdup_printf (_("%u of %u tiles · %.1f s left"),
                                     progress.jobs_done, progress.jobs_total, left_s);
        }
      else if (self->run_kind == JUGGLER_WORKLOAD_NET)
        label = g_strdup_printf (_("%u of %u requests"), progress.jobs_done, progress.jobs_total);
      else
        label = g_strdup_printf (_("%u of %u tiles"), progress.jobs_done, progress.jobs_total);
      gtk_label_set_label (self->progress_label, label);
      self->last_progress_label_us = now;
    }

  if (now - self->last_throughput_us >= READOUT_INTERVAL_US)
    {
      double rate = (progress.jobs_done - self->last_jobs_done) * 1e6 /
                    (now - self->last_throughput_us);
      g_autofree char *readout = NULL;

      if (self->run_kind == JUGGLER_WORKLOAD_NET)
        {
          guint64 bytes = juggler_net_view_get_bytes_done (self->net_view);
          double mb_s = (bytes - self->last_bytes_done) / (double) (now - self->last_throughput_us);

          readout = g_strdup_printf (_("%.0f req/s · %.1f MB/s"), rate, mb_s);
          self->last_bytes_done = bytes;
        }
      else
        readout = g_strdup_printf (_("%.0f tiles/s"), rate);

      juggler_chart_push (self->throughput_chart, now, rate);
      juggler_chart_set_readout (self->throughput_chart, readout);
      self->last_throughput_us = now;
      self->last_jobs_done = progress.jobs_done;
    }
}

static void
update_readouts (JugglerWindow *self,
                 gint64         now,
                 guint          frames_last_s)
{
  JugglerSeries *frames = juggler_canary_get_series (self->canary);
  JugglerSummary summary;
  g_autofree char *fps = NULL;
  g_autofree char *frame = NULL;
  g_autofree char *latency = NULL;

  fps = g_strdup_printf (_("%u fps"), frames_last_s);
  juggler_chart_set_readout (self->fps_chart, fps);

  juggler_series_summarize (frames, now - LIVE_WINDOW_US, &summary);
  frame = g_strdup_printf (_("p99 %.0f · max %.0f ms"), summary.p99, summary.max);
  juggler_chart_set_readout (self->frame_chart, frame);

  juggler_latency_probe_summarize (self->probe, now - LIVE_WINDOW_US, &summary);
  latency = g_strdup_printf (_("p99 %.0f · max %.0f ms"), summary.p99, summary.max);
  juggler_chart_set_readout (self->latency_chart, latency);

  if (self->run == NULL)
    {
      juggler_chart_push (self->throughput_chart, now, 0);
      juggler_chart_set_readout (self->throughput_chart, _("idle"));
    }
}

static gboolean
start_idle_cb (gpointer user_data)
{
  JugglerWindow *self = user_data;

  if (!self->disposed)
    juggler_window_start (self);

  return G_SOURCE_REMOVE;
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *frame_clock,
         gpointer       user_data)
{
  JugglerWindow *self = JUGGLER_WINDOW (widget);
  gint64 now = gdk_frame_clock_get_frame_time (frame_clock);
  JugglerSeries *frames = juggler_canary_get_series (self->canary);
  JugglerSeries *latency = juggler_latency_probe_get_series (self->probe);
  guint frames_last_s;

  if (self->scenario != NULL && self->scenario->run &&
      self->scenario_frames < SCENARIO_SETTLE_FRAMES &&
      ++self->scenario_frames == SCENARIO_SETTLE_FRAMES)
    {
      /* After this frame has been painted, so starting does not make it late. */
      g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, start_idle_cb, g_object_ref (self), g_object_unref);
    }

  if (self->pending_report != NULL &&
      juggler_canary_get_frames (self->canary) > self->pending_frames)
    {
      complete_report (self);
      if (self->disposed)
        return G_SOURCE_REMOVE;
    }

  push_new_samples (self->frame_chart, frames, &self->last_frame_pushed_us);
  push_new_samples (self->latency_chart, latency, &self->last_latency_pushed_us);
  frames_last_s = count_since (frames, now - G_USEC_PER_SEC);
  juggler_chart_push (self->fps_chart, now, frames_last_s);

  if (self->run != NULL)
    {
      update_progress (self, now);
      if (self->run_kind == JUGGLER_WORKLOAD_NET)
        juggler_net_view_update (self->net_view, now);
    }

  if (now - self->last_readout_us >= READOUT_INTERVAL_US)
    {
      update_readouts (self, now, frames_last_s);
      self->last_readout_us = now;
    }

  juggler_chart_set_now (self->fps_chart, now);
  juggler_chart_set_now (self->frame_chart, now);
  juggler_chart_set_now (self->latency_chart, now);
  juggler_chart_set_now (self->throughput_chart, now);

  /* The window may stay open for days: forget what neither the charts nor a run need. */
  if (now - self->last_trim_us >= G_USEC_PER_SEC)
    {
      gint64 keep_from = now - LIVE_WINDOW_US - 2 * G_USEC_PER_SEC;

      if (self->run != NULL || self->pending_report != NULL)
        keep_from = MIN (keep_from, self->run_start_us);
      juggler_series_trim (frames, keep_from);
      juggler_series_trim (latency, keep_from);
      self->last_trim_us = now;
    }

  return G_SOURCE_CONTINUE;
}

static void
start_action_cb (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  juggler_window_start (user_data);
}

static void
stop_action_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  juggler_window_stop (user_data);
}

static const GActionEntry win_actions[] = {
  { "start", start_action_cb },
  { "stop", stop_action_cb },
  { "strategy", NULL, "s", "'threads'", strategy_change_state_cb },
  { "strategy-index", strategy_index_cb, "i" },
  { "page", NULL, "s", "'cpu'", page_change_state_cb },
};

static gboolean
workers_get_mapping (GValue   *value,
                     GVariant *variant,
                     gpointer  user_data)
{
  guint workers = g_variant_get_uint32 (variant);

  /* 0 is "one per processor", so a new machine gets a sensible default. */
  g_value_set_double (value, workers == 0 ? g_get_num_processors () : workers);
  return TRUE;
}

static GVariant *
workers_set_mapping (const GValue       *value,
                     const GVariantType *expected_type,
                     gpointer            user_data)
{
  return g_variant_new_uint32 ((guint) g_value_get_double (value));
}

static gboolean
juggler_window_close_request (GtkWindow *window)
{
  JugglerWindow *self = JUGGLER_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));

  return GTK_WINDOW_CLASS (juggler_window_parent_class)->close_request (window);
}

static void
juggler_window_dispose (GObject *object)
{
  JugglerWindow *self = (JugglerWindow *) object;

  /* The run finishes on its own after this, with a report nobody will show. */
  self->disposed = TRUE;
  g_cancellable_cancel (self->run_cancellable);
  if (self->run != NULL)
    g_signal_handlers_disconnect_by_data (self->run, self);
  g_clear_object (&self->run);
  g_clear_object (&self->run_cancellable);
  g_clear_pointer (&self->pending_report, juggler_report_free);

  if (self->probe != NULL)
    juggler_latency_probe_stop (self->probe);
  g_clear_object (&self->probe);

  gtk_widget_dispose_template (GTK_WIDGET (self), JUGGLER_TYPE_WINDOW);

  G_OBJECT_CLASS (juggler_window_parent_class)->dispose (object);
}

static void
juggler_window_finalize (GObject *object)
{
  JugglerWindow *self = (JugglerWindow *) object;

  g_clear_object (&self->settings);
  g_clear_pointer (&self->scenario, juggler_scenario_free);

  G_OBJECT_CLASS (juggler_window_parent_class)->finalize (object);
}

static void
juggler_window_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  JugglerWindow *self = JUGGLER_WINDOW (object);

  switch (prop_id)
    {
    case PROP_RUNNING:
      g_value_set_boolean (value, juggler_window_get_running (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
juggler_window_class_init (JugglerWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = juggler_window_dispose;
  object_class->finalize = juggler_window_finalize;
  object_class->get_property = juggler_window_get_property;

  window_class->close_request = juggler_window_close_request;

  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (JUGGLER_TYPE_CANARY);
  g_type_ensure (JUGGLER_TYPE_CANVAS);
  g_type_ensure (JUGGLER_TYPE_CHART);
  g_type_ensure (JUGGLER_TYPE_NET_PAGE);
  g_type_ensure (JUGGLER_TYPE_NET_VIEW);
  g_type_ensure (JUGGLER_TYPE_RESULTS);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/juggler/Juggler/juggler-window.ui");
  gtk_widget_class_bind_template_child (widget_class, JugglerWindow, run_button);
  gtk_widget_class_bind_template_child (widget_class, JugglerWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, JugglerWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, JugglerWindow, async_button);
  gtk_widget_class_bind_template_child (widget_class, JugglerWindow, strategy_grid);
  gtk_widget_class_bind_template_child (widget_class, JugglerWindow, workload_group);
  gtk_widget_class_bind_template_child (widget_class, JugglerWindow, execution_group);
  gtk_widget_class_bind_template_child (widget_class, JugglerWindow, net_page);
  gtk_widget_class_bind_template_child (widget_class, JugglerWindow, net_view);
  gtk_widget_class_bind_template_child (widget_class, JugglerWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, JugglerWindow, threads_button);
  gtk_widget_class_bind_template_child (widget_class, JugglerWindow, cooperative_button);
  gtk_widget_class_bind_template_child (widget_class, JugglerWindow, blocking_button);
  gtk_widget_class_bind_template_child (widget_class, JugglerWindow, global_lock_button);
  gtk_widget_class_bind_template_child (widget_class, JugglerWindow, shared_pool_button);
  gtk_widget_class_bind_template_child (widget_class, JugglerWindow, thread_per_job_button);
  gtk_widget_class_bind_template_child (widget_class, JugglerWindow, explanation_label);
  gtk_widget_class_bind_template_child (widget_class, JugglerWindow, estimate_box);
  gtk_widget_class_bind_template_child (widget_class, JugglerWindow, estimate_label);
  gtk_widget_class_bind_template_child (widget_class, JugglerWindow, width_spin);
  gtk_widget_class_bind_template_child (widget_class, JugglerWindow, height_spin);
  gtk_widget_class_bind_template_child (widget_class, JugglerWindow, tile_spin);
  gtk_widget_class_bind_template_child (widget_class, JugglerWindow, iterations_spin);
  gtk_widget_class_bind_template_child (widget_class, JugglerWindow, workers_spin);
  gtk_widget_class_bind_template_child (widget_class, JugglerWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, JugglerWindow, progress_label);
  gtk_widget_class_bind_template_child (widget_class, JugglerWindow, canvas);
  gtk_widget_class_bind_template_child (widget_class, JugglerWindow, canary);
  gtk_widget_class_bind_template_child (widget_class, JugglerWindow, fps_chart);
  gtk_widget_class_bind_template_child (widget_class, JugglerWindow, frame_chart);
  gtk_widget_class_bind_template_child (widget_class, JugglerWindow, latency_chart);
  gtk_widget_class_bind_template_child (widget_class, JugglerWindow, throughput_chart);
  gtk_widget_class_bind_template_child (widget_class, JugglerWindow, results);
}

/* The settings the blocking strategy's freeze estimate depends on. */
static const char *workload_keys[] = {
  "net-requests", "net-latency-ms", "net-url", "image-width", "image-height", "iterations",
};

static void
juggler_window_init (JugglerWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->strategy_buttons[JUGGLER_STRATEGY_THREADS] = self->threads_button;
  self->strategy_buttons[JUGGLER_STRATEGY_COOPERATIVE] = self->cooperative_button;
  self->strategy_buttons[JUGGLER_STRATEGY_BLOCKING] = self->blocking_button;
  self->strategy_buttons[JUGGLER_STRATEGY_GLOBAL_LOCK] = self->global_lock_button;
  self->strategy_buttons[JUGGLER_STRATEGY_ASYNC] = self->async_button;
  self->strategy_buttons[JUGGLER_STRATEGY_SHARED_POOL] = self->shared_pool_button;
  self->strategy_buttons[JUGGLER_STRATEGY_THREAD_PER_JOB] = self->thread_per_job_button;
  /* The titles live in the core, next to the explanations, so they are translated once. */
  for (guint i = 0; i < JUGGLER_N_STRATEGIES; i++)
    gtk_button_set_label (GTK_BUTTON (self->strategy_buttons[i]), juggler_strategy_get_title (i));

  self->units_per_s = DEFAULT_UNITS_PER_S;
  self->settings = g_settings_new (JUGGLER_SCHEMA_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (self), win_actions, G_N_ELEMENTS (win_actions),
                                   self);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  g_settings_bind (self->settings, "image-width", self->width_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "image-height", self->height_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "tile-size", self->tile_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "iterations", self->iterations_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "workers", self->workers_spin, "value",
                                G_SETTINGS_BIND_DEFAULT, workers_get_mapping, workers_set_mapping,
                                NULL, NULL);
  /* Low-priority workers and the progress mode live in the preferences window. */
  g_settings_bind (self->settings, "show-workers", self->canvas, "show-workers",
                   G_SETTINGS_BIND_GET);

  g_signal_connect_object (self->settings, "changed::strategy",
                           G_CALLBACK (settings_strategy_changed_cb), self, 0);
  g_signal_connect_object (self->settings, "changed::net-strategy",
                           G_CALLBACK (settings_strategy_changed_cb), self, 0);
  for (guint i = 0; i < G_N_ELEMENTS (workload_keys); i++)
    {
      g_autofree char *signal = g_strconcat ("changed::", workload_keys[i], NULL);

      g_signal_connect_object (self->settings, signal,
                               G_CALLBACK (settings_workload_changed_cb), self, 0);
    }
  juggler_net_page_set_settings (self->net_page, self->settings);
  g_signal_connect_object (self->net_page, "notify::can-start",
                           G_CALLBACK (net_page_can_start_notify_cb), self, 0);
  g_signal_connect_object (self->view_stack, "notify::visible-child-name",
                           G_CALLBACK (view_stack_child_notify_cb), self, 0);
  set_page (self, JUGGLER_WORKLOAD_CPU);
  set_running (self, FALSE);

  self->probe = juggler_latency_probe_new (10);
  juggler_latency_probe_start (self->probe);
  gtk_widget_add_tick_callback (GTK_WIDGET (self), tick_cb, NULL, NULL);
}

static void
apply_scenario (JugglerWindow   *self,
                JugglerScenario *scenario)
{
  self->scenario = scenario;

  /* Command-line values are for this window only: delayed settings are never applied. */
  g_settings_delay (self->settings);

  if (scenario->strategy >= 0)
    g_settings_set_string (self->settings, get_strategy_key (scenario->kind),
                           juggler_strategy_to_string (scenario->strategy));
  if (scenario->workers > 0)
    g_settings_set_uint (self->settings,
                         scenario->kind == JUGGLER_WORKLOAD_NET ? "net-workers" : "workers",
                         scenario->workers);
  if (scenario->requests > 0)
    g_settings_set_uint (self->settings, "net-requests", scenario->requests);
  if (scenario->concurrency > 0)
    g_settings_set_uint (self->settings, "net-concurrency", scenario->concurrency);
  if (scenario->latency_ms >= 0)
    g_settings_set_uint (self->settings, "net-latency-ms", scenario->latency_ms);
  if (scenario->size_bytes >= 0)
    g_settings_set_uint (self->settings, "net-size", scenario->size_bytes);
  if (scenario->timeout_s > 0)
    g_settings_set_uint (self->settings, "net-timeout-s", scenario->timeout_s);
  if (scenario->url != NULL)
    g_settings_set_string (self->settings, "net-url", scenario->url);
  if (scenario->untuned)
    g_settings_set_boolean (self->settings, "net-tune-connections", FALSE);
  if (scenario->width > 0)
    {
      g_settings_set_uint (self->settings, "image-width", scenario->width);
      g_settings_set_uint (self->settings, "image-height", scenario->height);
    }
  if (scenario->tile > 0)
    g_settings_set_uint (self->settings, "tile-size", scenario->tile);
  if (scenario->iterations > 0)
    g_settings_set_uint (self->settings, "iterations", scenario->iterations);
  if (scenario->nice >= 0)
    g_settings_set_boolean (self->settings, "nice", scenario->nice);
  if (scenario->progress_mode >= 0)
    g_settings_set_string (self->settings, "progress-mode",
                           juggler_progress_mode_to_string (scenario->progress_mode));

  set_page (self, scenario->kind);
}

JugglerWindow *
juggler_window_new (JugglerApplication *application,
                    JugglerScenario    *scenario)
{
  JugglerWindow *self;

  g_return_val_if_fail (application == NULL || JUGGLER_IS_APPLICATION (application), NULL);

  self = g_object_new (JUGGLER_TYPE_WINDOW, "application", application, NULL);
  if (scenario != NULL)
    apply_scenario (self, scenario);

  return self;
}
