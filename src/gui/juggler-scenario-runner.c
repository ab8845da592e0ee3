/* juggler-scenario-runner.c: a scenario applied to a window: its settings, its run, its report and exit status
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-scenario-runner"

#include "config.h"

#include "juggler-scenario-runner.h"

#include "juggler-claims-page.h"
#include "juggler-report.h"
#include "juggler-window-private.h"

/* Frames to let the window settle after mapping before a scenario starts measuring. */
#define SETTLE_FRAMES 10

typedef struct
{
  JugglerWindow   *window;      /* unowned: the runner lives as the window's data */
  JugglerScenario *scenario;
  guint            frames;
  guint            start_id;
} Runner;

static void
runner_free (gpointer data)
{
  Runner *runner = data;

  g_clear_handle_id (&runner->start_id, g_source_remove);
  juggler_scenario_free (runner->scenario);
  g_free (runner);
}

static void
finish (Runner *runner,
        int     status)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (runner->window));

  if (status != 0 && app != NULL)
    juggler_application_set_exit_status (JUGGLER_APPLICATION (app), status);

  if (runner->scenario->quit_when_done || status != 0)
    gtk_window_destroy (GTK_WINDOW (runner->window));
}

static void
run_finished_cb (JugglerWindow       *window,
                 const JugglerReport *report,
                 Runner              *runner)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *contents = NULL;

  if (runner->scenario->report_path == NULL)
    {
      finish (runner, 0);
      return;
    }

  json = juggler_report_to_string (report);
  contents = g_strconcat (json, "\n", NULL);
  if (!g_file_set_contents (runner->scenario->report_path, contents, -1, &error))
    {
      g_printerr ("juggler: %s\n", error->message);
      finish (runner, 1);
      return;
    }

  finish (runner, 0);
}

static void
run_failed_cb (JugglerWindow *window,
               const GError  *error,
               gboolean       started,
               Runner        *runner)
{
  g_printerr ("juggler: %s\n", error->message);
  /* Without a workload a scenario has nothing to measure: a usage error. */
  finish (runner, started ? 1 : 2);
}

static JugglerClaimsPage *
get_claims_page (Runner *runner)
{
  return JUGGLER_CLAIMS_PAGE (_juggler_window_get_page (runner->window, "claims"));
}

/* Every claim has run: their results, one JSON line each, the window's frames included. */
static void
claims_running_notify_cb (JugglerClaimsPage *page,
                          GParamSpec        *pspec,
                          Runner            *runner)
{
  const JugglerClaim *claims;
  g_autofree char *json = NULL;
  g_autoptr(GError) error = NULL;
  guint n_claims;
  int status = 0;

  if (juggler_claims_page_get_running (page))
    return;
  g_signal_handlers_disconnect_by_func (page, claims_running_notify_cb, runner);

  claims = juggler_claims_get (&n_claims);
  for (guint i = 0; i < n_claims; i++)
    if (!juggler_claim_is_opinion (&claims[i]) &&
        (runner->scenario->claim_id == NULL ||
         juggler_claim_lookup (runner->scenario->claim_id) == &claims[i]) &&
        juggler_claims_page_get_result (page, claims[i].id) == NULL)
      {
        g_printerr ("juggler: the experiment of %s did not finish\n", claims[i].id);
        status = 1;
      }

  json = juggler_claims_page_dup_json (page);
  if (runner->scenario->report_path != NULL &&
      !g_file_set_contents (runner->scenario->report_path, json, -1, &error))
    {
      g_printerr ("juggler: %s\n", error->message);
      status = 1;
    }

  finish (runner, status);
}

static gboolean
start_cb (gpointer user_data)
{
  Runner *runner = user_data;
  JugglerClaimsPage *page;

  runner->start_id = 0;
  if (!runner->scenario->claims)
    {
      juggler_window_start (runner->window);
      return G_SOURCE_REMOVE;
    }

  page = get_claims_page (runner);
  juggler_claims_page_set_quick (page, runner->scenario->quick);
  g_signal_connect (page, "notify::running", G_CALLBACK (claims_running_notify_cb), runner);
  if (runner->scenario->claim_id != NULL)
    juggler_claims_page_run (page, runner->scenario->claim_id);
  else
    juggler_claims_page_run_all (page);

  return G_SOURCE_REMOVE;
}

static gboolean
settle_tick_cb (GtkWidget     *widget,
                GdkFrameClock *frame_clock,
                gpointer       user_data)
{
  Runner *runner = user_data;

  if (++runner->frames < SETTLE_FRAMES)
    return G_SOURCE_CONTINUE;

  /* After this frame has been painted, so starting does not make it late. */
  runner->start_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, start_cb, runner, NULL);
  return G_SOURCE_REMOVE;
}

static void
apply_settings (GSettings               *settings,
                const JugglerRunOptions *options)
{
  gboolean net = options->kind == JUGGLER_WORKLOAD_NET;

  /* Command-line values are for this window only: delayed settings are never applied. */
  g_settings_delay (settings);

  if (options->strategy >= 0)
    g_settings_set_string (settings, net ? "net-strategy" : "strategy",
                           juggler_strategy_to_string (options->strategy));
  if (options->workers > 0)
    g_settings_set_uint (settings, net ? "net-workers" : "workers", options->workers);
  if (options->requests > 0)
    g_settings_set_uint (settings, "net-requests", options->requests);
  if (options->concurrency > 0)
    g_settings_set_uint (settings, "net-concurrency", options->concurrency);
  if (options->latency_ms >= 0)
    g_settings_set_uint (settings, "net-latency-ms", options->latency_ms);
  if (options->size_bytes >= 0)
    g_settings_set_uint (settings, "net-size", options->size_bytes);
  if (options->timeout_s > 0)
    g_settings_set_uint (settings, "net-timeout-s", options->timeout_s);
  if (options->urls != NULL)
    g_settings_set_string (settings, "net-url", options->urls[0]);
  if (options->untuned)
    g_settings_set_boolean (settings, "net-tune-connections", FALSE);
  if (options->width > 0)
    {
      g_settings_set_uint (settings, "image-width", options->width);
      g_settings_set_uint (settings, "image-height", options->height);
    }
  if (options->tile > 0)
    g_settings_set_uint (settings, "tile-size", options->tile);
  if (options->iterations > 0)
    g_settings_set_uint (settings, "iterations", options->iterations);
  if (options->nice >= 0)
    g_settings_set_boolean (settings, "nice", options->nice);
  if (options->progress_mode >= 0)
    g_settings_set_string (settings, "progress-mode",
                           juggler_progress_mode_to_string (options->progress_mode));
}

void
juggler_scenario_runner_attach (JugglerWindow   *window,
                                JugglerScenario *scenario)
{
  Runner *runner;

  g_return_if_fail (JUGGLER_IS_WINDOW (window));
  g_return_if_fail (scenario != NULL);

  runner = g_new0 (Runner, 1);
  runner->window = window;
  runner->scenario = scenario;
  g_object_set_data_full (G_OBJECT (window), "juggler-scenario-runner", runner, runner_free);

  apply_settings (juggler_window_get_settings (window), &scenario->run_options);
  g_object_set (window, "page",
                scenario->claims ? "claims"
                : scenario->run_options.kind == JUGGLER_WORKLOAD_NET ? "net" : "cpu", NULL);
  juggler_window_set_run_options (window, &scenario->run_options);

  if (!scenario->run)
    return;

  g_signal_connect (window, "run-finished", G_CALLBACK (run_finished_cb), runner);
  g_signal_connect (window, "run-failed", G_CALLBACK (run_failed_cb), runner);
  gtk_widget_add_tick_callback (GTK_WIDGET (window), settle_tick_cb, runner, NULL);
}
