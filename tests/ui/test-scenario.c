/* test-scenario.c: the built juggler binary runs every strategy through --run-scenario
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <string.h>
#include <json-glib/json-glib.h>

#include "juggler-mandelbrot.h"
#include "juggler-test-run.h"
#include "juggler-test-scenario.h"
#include "juggler-types.h"

/* A small workload keeps the suite quick; the blocking run freezes for a moment only. */
#define SMALL_WORKLOAD "--size=320x240", "--iterations=500", "--tile=32", "--workers=4"

/* The digest every strategy must reproduce, from the core alone: no test depends on
 * another's. */
static char *
expected_digest (void)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JugglerMandelbrot) workload = NULL;
  g_autoptr(JugglerRun) run = NULL;
  g_autoptr(JugglerReport) report = NULL;

  g_main_context_push_thread_default (context);
  workload = juggler_mandelbrot_new (320, 240, 32, 500, NULL, &error);
  g_assert_no_error (error);
  run = juggler_run_new (JUGGLER_WORKLOAD (workload), JUGGLER_STRATEGY_COOPERATIVE, 1);
  report = juggler_test_execute (run, NULL);
  g_main_context_pop_thread_default (context);

  return g_strdup (report->digest);
}

static void
assert_sane_report (JsonObject *report)
{
  JsonObject *frames;

  g_assert_cmpstr (json_object_get_string_member (report, "workload"), ==, "cpu");
  g_assert_false (json_object_get_boolean_member (report, "cancelled"));
  g_assert_cmpint (json_object_get_int_member (report, "jobs"), >, 0);
  g_assert_cmpint (json_object_get_int_member (report, "completed"), ==,
                   json_object_get_int_member (report, "jobs"));
  g_assert_cmpfloat (json_object_get_double_member (report, "wall_s"), >, 0);
  g_assert_cmpint (json_object_get_int_member (report, "frames"), >, 0);
  g_assert_true (json_object_has_member (report, "frame_interval_ms"));
  frames = json_object_get_object_member (report, "frame_interval_ms");
  g_assert_nonnull (frames);
  g_assert_cmpfloat (json_object_get_double_member (frames, "p50"), >, 0);
  g_assert_cmpfloat (json_object_get_double_member (frames, "p99"), >=,
                     json_object_get_double_member (frames, "p50"));
  g_assert_cmpfloat (json_object_get_double_member (frames, "max"), >=,
                     json_object_get_double_member (frames, "p99"));
  g_assert_cmpuint (strlen (json_object_get_string_member (report, "digest")), ==, 64);
}

static void
test_strategy (gconstpointer data)
{
  JugglerStrategy strategy = GPOINTER_TO_UINT (data);
  g_autofree char *strategy_arg = g_strdup_printf ("--strategy=%s",
                                                   juggler_strategy_to_string (strategy));
  g_autoptr(JsonObject) report = juggler_test_run_scenario ("cpu", strategy_arg,
                                                            SMALL_WORKLOAD, NULL);
  g_autofree char *expected = expected_digest ();

  assert_sane_report (report);
  g_assert_cmpstr (json_object_get_string_member (report, "strategy"), ==,
                   juggler_strategy_to_string (strategy));
  /* The threads that ran: --workers=4 sizes the pools; GLib sizes its shared pool, a thread
   * per job has as many as it has tiles alive, the others compute on the UI thread. */
  if (juggler_strategy_sized_by_workers (strategy))
    g_assert_cmpint (json_object_get_int_member (report, "workers"), ==, 4);
  else if (strategy == JUGGLER_STRATEGY_SHARED_POOL)
    g_assert_cmpint (json_object_get_int_member (report, "workers"), ==,
                     json_object_get_int_member (report, "threads_used"));
  else if (strategy == JUGGLER_STRATEGY_THREAD_PER_JOB)
    {
      g_assert_cmpint (json_object_get_int_member (report, "workers"), >=, 1);
      g_assert_cmpint (json_object_get_int_member (report, "workers"), <=,
                       json_object_get_int_member (report, "jobs"));
    }
  else
    g_assert_cmpint (json_object_get_int_member (report, "workers"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (report, "digest"), ==, expected);
}

static void
test_switch_every (void)
{
  g_autoptr(JsonObject) report = NULL;
  g_autofree char *expected = NULL;
  JsonArray *strategies;

  /* Tiny interval: the rotation happens however fast this machine is. */
  report = juggler_test_run_scenario ("cpu", "--strategy=threads", SMALL_WORKLOAD,
                                      "--switch-every=1", NULL);
  assert_sane_report (report);
  strategies = json_object_get_array_member (report, "strategies");
  g_assert_cmpint (json_object_get_int_member (report, "switches"), >=, 1);
  g_assert_cmpuint (json_array_get_length (strategies), >=, 2);
  expected = expected_digest ();
  g_assert_cmpstr (json_object_get_string_member (report, "digest"), ==, expected);
}

/* --run-scenario=claims: the Claims page runs the claim, and the report is its result. */
static void
test_claims (void)
{
  g_autoptr(JsonObject) report = juggler_test_run_scenario ("claims", "--claim=locks",
                                                            "--quick", NULL);
  JsonObject *figures = json_object_get_object_member (report, "figures");

  g_assert_cmpstr (json_object_get_string_member (report, "claim"), ==, "locks");
  g_assert_true (json_object_get_boolean_member (report, "quick"));
  g_assert_true (json_object_has_member (figures, "mutex_lost"));
  juggler_test_assert_usage_error ("claims", "--claim=opinions");
  juggler_test_assert_usage_error ("cpu", "--quick");
}

static void
test_invalid (gconstpointer data)
{
  juggler_test_assert_usage_error ("cpu", data);
}

int
main (int   argc,
      char *argv[])
{
  static const char *invalid[] = {
    "--workers=0", "--workers=abc", "--strategy=nope", "--size=12", "--progress=sometimes",
    "--iterations=0", "--size=65535x65535",
  };

  g_test_init (&argc, &argv, NULL);

  if (g_getenv ("JUGGLER_BINARY") == NULL ||
      (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL))
    {
      g_test_skip ("needs the built binary and a display (run under xvfb-run)");
      return g_test_run ();
    }

  for (guint i = 0; i < JUGGLER_N_STRATEGIES; i++)
    {
      g_autofree char *name = g_strdup_printf ("/ui/scenario/%s", juggler_strategy_to_string (i));

      if (!juggler_strategy_supports (i, JUGGLER_WORKLOAD_CPU))
        continue;

      g_test_add_data_func (name, GUINT_TO_POINTER (i), test_strategy);
    }
  g_test_add_func ("/ui/scenario/switch-every", test_switch_every);
  g_test_add_func ("/ui/scenario/claims", test_claims);
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autofree char *name = g_strdup_printf ("/ui/scenario/invalid/%u", i);

      g_test_add_data_func (name, invalid[i], test_invalid);
    }

  return g_test_run ();
}
