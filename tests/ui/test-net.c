/* test-net.c: the built juggler binary runs the Network page through --run-scenario=net
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>
#include <json-glib/json-glib.h>

#include "juggler-frame-pacer.h"
#include "juggler-legend.h"
#include "juggler-net-view.h"
#include "juggler-report.h"
#include "juggler-test-scenario.h"
#include "juggler-test-window.h"
#include "juggler-types.h"
#include "juggler-window.h"

/* Small and quick: 20 requests of 2000 bytes, 20 ms each, from the embedded server. */
#define SMALL_NET_WORKLOAD "--requests=20", "--latency-ms=20", "--size=2000", "--workers=4", \
                           "--concurrency=20"
#define N_REQUESTS 20


static void
assert_net_report (JsonObject *report)
{
  g_assert_cmpstr (json_object_get_string_member (report, "workload"), ==, "net");
  g_assert_false (json_object_get_boolean_member (report, "cancelled"));
  g_assert_cmpint (json_object_get_int_member (report, "jobs"), ==, N_REQUESTS);
  g_assert_cmpint (json_object_get_int_member (report, "completed"), ==, N_REQUESTS);
  g_assert_cmpint (json_object_get_int_member (report, "requests"), ==, N_REQUESTS);
  g_assert_cmpint (json_object_get_int_member (report, "frames"), >, 0);
  g_assert_true (json_object_has_member (report, "frame_interval_ms"));
  g_assert_true (json_object_has_member (report, "request_ms"));
  g_assert_cmpuint (strlen (json_object_get_string_member (report, "digest")), ==, 64);
}

static void
test_strategy (gconstpointer data)
{
  JugglerStrategy strategy = GPOINTER_TO_UINT (data);
  g_autofree char *strategy_arg = g_strdup_printf ("--strategy=%s",
                                                   juggler_strategy_to_string (strategy));
  g_autoptr(JsonObject) report = juggler_test_run_scenario ("net", strategy_arg,
                                                            SMALL_NET_WORKLOAD, NULL);
  JsonObject *errors;

  assert_net_report (report);
  g_assert_cmpstr (json_object_get_string_member (report, "strategy"), ==,
                   juggler_strategy_to_string (strategy));
  errors = json_object_get_object_member (report, "errors");
  g_assert_nonnull (errors);
  g_assert_cmpuint (json_object_get_size (errors), ==, 0);
  g_assert_cmpint (json_object_get_int_member (report, "bytes"), ==, N_REQUESTS * 2000);
}

/* Every strategy fetches the same bytes: this test runs each itself, so that it depends on
 * no other test. */
static void
test_same_digest (void)
{
  g_autofree char *reference = NULL;

  for (guint i = 0; i < JUGGLER_N_STRATEGIES; i++)
    {
      g_autofree char *strategy_arg = NULL;
      g_autoptr(JsonObject) report = NULL;
      const char *digest;

      if (!juggler_strategy_supports (i, JUGGLER_WORKLOAD_NET))
        continue;

      strategy_arg = g_strdup_printf ("--strategy=%s", juggler_strategy_to_string (i));
      report = juggler_test_run_scenario ("net", strategy_arg, SMALL_NET_WORKLOAD, NULL);
      digest = json_object_get_string_member (report, "digest");
      if (reference == NULL)
        reference = g_strdup (digest);
      g_assert_cmpstr (digest, ==, reference);
    }
}

static void
test_untuned (void)
{
  g_autoptr(JsonObject) report = juggler_test_run_scenario ("net", "--strategy=async",
                                                            SMALL_NET_WORKLOAD, "--untuned",
                                                            NULL);

  assert_net_report (report);
  g_assert_false (json_object_get_boolean_member (report, "tuned_connections"));
  g_assert_cmpuint (json_object_get_size (json_object_get_object_member (report, "errors")), ==, 0);
}

/* Nothing listens on port 1: every request is refused, and the window survives it. */
static void
test_refused (void)
{
  g_autoptr(JsonObject) report = juggler_test_run_scenario ("net", "--strategy=async",
                                                            SMALL_NET_WORKLOAD,
                                                            "--url=http://127.0.0.1:1/", NULL);
  JsonObject *errors;

  assert_net_report (report);
  errors = json_object_get_object_member (report, "errors");
  g_assert_nonnull (errors);
  g_assert_cmpint (json_object_get_int_member_with_default (errors, "refused", 0), ==, N_REQUESTS);
}

static void
test_invalid (gconstpointer data)
{
  juggler_test_assert_usage_error ("net", data);
}

static gboolean
start_enabled (JugglerWindow *window)
{
  return juggler_test_action_enabled (GTK_WIDGET (window), "win.start");
}

static void
show_page (JugglerWindow *window,
           const char    *name)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.page", "s", name));
}

/* Waits (boundedly) for settings changes to reach the window's own GSettings object. */
static void
settle (JugglerWindow *window,
        gboolean       enabled)
{
  for (guint i = 0; i < 200 && start_enabled (window) != enabled; i++)
    g_main_context_iteration (NULL, FALSE);
}

/* A URL typed into the window is checked as it is typed; an invalid one cannot start. */
static void
test_invalid_url_in_window (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.juggler.Juggler");
  JugglerWindow *window = juggler_window_new (NULL, NULL);

  g_object_ref_sink (window);
  show_page (window, "net");
  g_assert_true (start_enabled (window));

  g_settings_set_string (settings, "net-url", "notaurl");
  settle (window, FALSE);
  g_assert_false (start_enabled (window));
  g_assert_false (juggler_window_start (window));
  g_assert_false (juggler_window_get_running (window));

  /* The CPU page does not care about the network page's URL. */
  show_page (window, "cpu");
  g_assert_true (start_enabled (window));
  show_page (window, "net");
  g_assert_false (start_enabled (window));

  g_settings_set_string (settings, "net-url", "http://127.0.0.1:1/");
  settle (window, TRUE);
  g_assert_true (start_enabled (window));

  g_settings_reset (settings, "net-url");
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
}

static void
paced_run_finished_cb (JugglerWindow       *window,
                       const JugglerReport *report,
                       gpointer             user_data)
{
  *(guint *) user_data = report->completed;
}

/* In the window, async requests start a few at a time between its frames, as many as leave
 * room for the next paint (juggler-frame-pacer.c), instead of all in one main-loop
 * iteration: hundreds of answers would then come in one burst too. */
static void
test_paced_starts (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.juggler.Juggler");
  const char *keys[] = { "net-strategy", "net-requests", "net-concurrency", "net-latency-ms",
                         "net-size", "net-url" };
  JugglerWindow *window = juggler_window_new (NULL, NULL);
  JugglerFramePacer *pacer;
  guint completed = 0;
  guint frames_before;

  g_settings_set_enum (settings, "net-strategy", JUGGLER_STRATEGY_ASYNC);
  g_settings_set_uint (settings, "net-requests", 120);
  g_settings_set_uint (settings, "net-concurrency", 120);
  g_settings_set_uint (settings, "net-latency-ms", 200);
  g_settings_set_uint (settings, "net-size", 1000);
  g_settings_set_string (settings, "net-url", "");

  g_object_ref_sink (window);
  juggler_test_present (GTK_WINDOW (window));
  show_page (window, "net");
  pacer = juggler_frame_pacer_lookup (g_main_context_default ());
  g_assert_nonnull (pacer);
  g_assert_true (juggler_frame_pacer_lookup (NULL) == pacer);
  frames_before = juggler_frame_pacer_get_frames (pacer);

  g_signal_connect (window, "run-finished", G_CALLBACK (paced_run_finished_cb), &completed);
  g_assert_true (juggler_window_start (window));
  for (guint i = 0; i < 6000 && completed == 0; i++)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (completed, ==, 120);
  g_test_message ("%u frames, at most %u requests started between two",
                  juggler_frame_pacer_get_frames (pacer) - frames_before,
                  juggler_frame_pacer_get_max_starts_per_frame (pacer));
  g_assert_cmpuint (juggler_frame_pacer_get_frames (pacer), >, frames_before + 2);
  g_assert_cmpuint (juggler_frame_pacer_get_max_starts_per_frame (pacer), >, 0);
  g_assert_cmpuint (juggler_frame_pacer_get_max_starts_per_frame (pacer), <, 120);

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_reset (settings, keys[i]);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
  g_assert_null (juggler_frame_pacer_lookup (g_main_context_default ()));
}

static void
stopped_run_finished_cb (JugglerWindow       *window,
                         const JugglerReport *report,
                         gpointer             user_data)
{
  *(gboolean *) user_data = TRUE;
}

/* After Stop, the requests that never ran are not "Queued": nothing will run them. */
static void
test_stop_leaves_not_run (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.juggler.Juggler");
  const char *keys[] = { "net-strategy", "net-requests", "net-concurrency", "net-latency-ms",
                         "net-url" };
  JugglerWindow *window = juggler_window_new (NULL, NULL);
  JugglerLegend *legend;
  gboolean finished = FALSE;

  g_settings_set_enum (settings, "net-strategy", JUGGLER_STRATEGY_ASYNC);
  g_settings_set_uint (settings, "net-requests", 40);
  g_settings_set_uint (settings, "net-concurrency", 2);
  g_settings_set_uint (settings, "net-latency-ms", 300);
  g_settings_set_string (settings, "net-url", "");

  g_object_ref_sink (window);
  juggler_test_present (GTK_WINDOW (window));
  show_page (window, "net");
  legend = JUGGLER_LEGEND (juggler_test_find_widget (juggler_test_find_widget (GTK_WIDGET (window), JUGGLER_TYPE_NET_VIEW),
                                      JUGGLER_TYPE_LEGEND));
  g_assert_nonnull (legend);
  g_assert_cmpstr (juggler_legend_get_text (legend, JUGGLER_HTTP_STATE_QUEUED), ==, "Queued");

  g_signal_connect (window, "run-finished", G_CALLBACK (stopped_run_finished_cb), &finished);
  g_assert_true (juggler_window_start (window));
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (juggler_legend_get_text (legend, JUGGLER_HTTP_STATE_QUEUED), ==, "Queued");
  juggler_window_stop (window);
  for (guint i = 0; i < 6000 && !finished; i++)
    g_main_context_iteration (NULL, TRUE);

  g_assert_true (finished);
  g_assert_cmpstr (juggler_legend_get_text (legend, JUGGLER_HTTP_STATE_QUEUED), ==, "Not run");

  /* The next run's requests are queued again. */
  finished = FALSE;
  g_assert_true (juggler_window_start (window));
  g_assert_cmpstr (juggler_legend_get_text (legend, JUGGLER_HTTP_STATE_QUEUED), ==, "Queued");
  juggler_window_stop (window);
  for (guint i = 0; i < 6000 && !finished; i++)
    g_main_context_iteration (NULL, TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_reset (settings, keys[i]);
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
}

/* Ctrl+N is the Nth strategy of the page shown. */
static void
test_strategy_index (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.juggler.Juggler");
  JugglerWindow *window = juggler_window_new (NULL, NULL);
  g_autoptr(GVariant) state = NULL;

  g_object_ref_sink (window);
  show_page (window, "net");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.strategy-index", "i", 2));
  /* The Network page's strategy action is its setting's. */
  state = g_action_group_get_action_state (G_ACTION_GROUP (window), "net-strategy");
  g_assert_cmpstr (g_variant_get_string (state, NULL), ==, "threads");
  g_assert_cmpstr (g_settings_get_string (settings, "net-strategy"), ==, "threads");
  /* No sixth network strategy: nothing happens. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.strategy-index", "i", 6));
  g_clear_pointer (&state, g_variant_unref);
  state = g_action_group_get_action_state (G_ACTION_GROUP (window), "net-strategy");
  g_assert_cmpstr (g_variant_get_string (state, NULL), ==, "threads");

  g_settings_reset (settings, "net-strategy");
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
}

int
main (int   argc,
      char *argv[])
{
  static const char *invalid[] = {
    "--url=notaurl", "--url=ftp://example.org/", "--strategy=cooperative",
    "--strategy=global-lock", "--requests=0", "--concurrency=1001", "--latency-ms=-5",
    "--size=12x12",
  };

  g_test_init (&argc, &argv, NULL);

  if (g_getenv ("JUGGLER_BINARY") == NULL || !gtk_init_check ())
    {
      g_test_skip ("needs the built binary and a display (run under xvfb-run)");
      return g_test_run ();
    }
  adw_init ();

  g_test_add_func ("/ui/net/window/invalid-url", test_invalid_url_in_window);
  g_test_add_func ("/ui/net/window/strategy-index", test_strategy_index);
  g_test_add_func ("/ui/net/window/paced-starts", test_paced_starts);
  g_test_add_func ("/ui/net/window/stop-leaves-not-run", test_stop_leaves_not_run);

  for (guint i = 0; i < JUGGLER_N_STRATEGIES; i++)
    {
      g_autofree char *name = NULL;

      if (!juggler_strategy_supports (i, JUGGLER_WORKLOAD_NET))
        continue;

      name = g_strdup_printf ("/ui/net/%s", juggler_strategy_to_string (i));
      g_test_add_data_func (name, GUINT_TO_POINTER (i), test_strategy);
    }
  g_test_add_func ("/ui/net/same-digest", test_same_digest);
  g_test_add_func ("/ui/net/untuned", test_untuned);
  g_test_add_func ("/ui/net/refused", test_refused);
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autofree char *name = g_strdup_printf ("/ui/net/invalid/%u", i);

      g_test_add_data_func (name, invalid[i], test_invalid);
    }

  return g_test_run ();
}
