/* test-report.c: a run's report as a struct and as one line of JSON
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-report"

#include "config.h"

#include "juggler-report.h"
#include "juggler-test-run.h"
#include "juggler-test-workload.h"

static void
assert_member_number (JsonObject *object,
                      const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  g_assert_nonnull (node);
  g_assert_cmpint (json_node_get_node_type (node), ==, JSON_NODE_VALUE);
  g_assert_true (json_node_get_value_type (node) == G_TYPE_INT64 ||
                 json_node_get_value_type (node) == G_TYPE_DOUBLE);
}

static void
test_report_json (JugglerTestFixture *fixture,
                  gconstpointer       data)
{
  static const char *numbers[] = {
    "workers", "jobs", "completed", "switches", "wall_s", "cpu_s", "throughput_jobs_s",
    "threads_used", "peak_rss_kb",
  };
  JugglerMandelbrot *mandelbrot = juggler_test_small_mandelbrot (37, 300);
  JugglerRun *run = juggler_run_new (JUGGLER_WORKLOAD (mandelbrot), JUGGLER_STRATEGY_THREADS, 3);
  g_autoptr(JugglerReport) report = juggler_test_execute (run, NULL);
  g_autofree char *text = juggler_report_to_string (report);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *object, *latency, *ctx;

  g_assert_null (strchr (text, '\n'));
  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_node_get_node_type (json_parser_get_root (parser)), ==, JSON_NODE_OBJECT);
  object = json_node_get_object (json_parser_get_root (parser));

  g_assert_cmpstr (json_object_get_string_member (object, "workload"), ==, "cpu");
  g_assert_cmpstr (json_object_get_string_member (object, "strategy"), ==, "threads");
  g_assert_cmpstr (json_object_get_string_member (object, "digest"), ==, report->digest);
  g_assert_true (json_object_has_member (object, "cancelled"));
  g_assert_false (json_object_get_boolean_member (object, "cancelled"));
  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    assert_member_number (object, numbers[i]);
  g_assert_cmpint (json_object_get_int_member (object, "workers"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (object, "workers"), ==,
                   juggler_report_get_workers_used (report));
  g_assert_cmpint (json_object_get_int_member (object, "jobs"), ==, report->jobs);
  g_assert_cmpint (json_object_get_int_member (object, "completed"), ==, report->jobs);
  g_assert_cmpint (json_object_get_int_member (object, "switches"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (object, "threads_used"), ==, report->threads_used);
  g_assert_cmpfloat (json_object_get_double_member (object, "wall_s"), >, 0.0);
  g_assert_cmpfloat (json_object_get_double_member (object, "cpu_s"), >=, 0.0);
  g_assert_cmpfloat (json_object_get_double_member (object, "throughput_jobs_s"), >, 0.0);
  g_assert_cmpint (json_object_get_int_member (object, "peak_rss_kb"), >, 0);

  /* The machine the run shared: cores, its load when the run started, and how many cores
   * the run kept busy, apart from any speed-up. */
  g_assert_cmpuint (report->cores, ==, g_get_num_processors ());
  g_assert_cmpint (json_object_get_int_member (object, "cores"), ==, report->cores);
  if (g_file_test ("/proc/loadavg", G_FILE_TEST_EXISTS))
    {
      g_assert_cmpfloat (report->load_average, >=, 0.0);
      g_assert_cmpfloat (json_object_get_double_member (object, "load_average"), ==,
                         report->load_average);
    }
  g_assert_cmpfloat (report->cores_busy, ==, juggler_report_get_cores_busy (report));
  g_assert_cmpfloat (report->cores_busy, >, 0.0);
  g_assert_cmpfloat (json_object_get_double_member (object, "cores_busy"), ==,
                     report->cores_busy);
  /* No one-worker baseline for this run: no speed-up, and why; cores busy is not one. */
  g_assert_true (json_object_get_null_member (object, "speedup"));
  g_assert_nonnull (json_object_get_string_member (object, "speedup_missing"));
  report->baseline_wall_s = 2 * report->wall_s;
  g_assert_cmpfloat_with_epsilon (juggler_report_get_speedup (report), 2.0, 1e-9);

  latency = json_object_get_object_member (object, "loop_latency_ms");
  g_assert_nonnull (latency);
  assert_member_number (latency, "p50");
  assert_member_number (latency, "p99");
  assert_member_number (latency, "max");
  g_assert_cmpfloat (json_object_get_double_member (latency, "p50"), <=,
                     json_object_get_double_member (latency, "p99"));
  g_assert_cmpfloat (json_object_get_double_member (latency, "p99"), <=,
                     json_object_get_double_member (latency, "max"));

  ctx = json_object_get_object_member (object, "ctx_switches");
  g_assert_nonnull (ctx);
  assert_member_number (ctx, "voluntary");
  assert_member_number (ctx, "involuntary");
  g_assert_cmpint (json_object_get_int_member (ctx, "voluntary"), >=, 0);
  g_assert_cmpint (json_object_get_int_member (ctx, "involuntary"), >=, 0);

  g_assert_finalize_object (run);
  g_assert_finalize_object (mandelbrot);
}

static void
test_report_cancelled_json (JugglerTestFixture *fixture,
                            gconstpointer       data)
{
  TestWorkload *workload = test_workload_new (10, 1, 0, 0);
  JugglerRun *run = juggler_run_new (JUGGLER_WORKLOAD (workload), JUGGLER_STRATEGY_COOPERATIVE, 1);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(JugglerReport) report = NULL;
  g_autofree char *text = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *object;

  g_cancellable_cancel (cancellable);
  report = juggler_test_execute (run, cancellable);
  text = juggler_report_to_string (report);
  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  object = json_node_get_object (json_parser_get_root (parser));
  g_assert_true (json_object_get_boolean_member (object, "cancelled"));
  g_assert_cmpint (json_object_get_int_member (object, "completed"), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (object, "workload"), ==, "test");

  g_assert_finalize_object (run);
  g_assert_finalize_object (workload);
}

/* The "workers" of the JSON, the bench's table and the window: the threads that ran, not the
 * setting that GLib's shared pool and a thread per job ignore. */
static void
test_report_workers_used (void)
{
  static const struct
  {
    const char *strategies[3];
    guint       setting;
    guint       threads_used;
    guint       peak_jobs_in_flight;
    guint       expected;
  } cases[] = {
    { { "threads" }, 4, 4, 8, 4 },
    { { "global-lock" }, 3, 3, 6, 3 },
    { { "shared-pool" }, 1, 10, 500, 10 },
    { { "thread-per-job" }, 1, 480, 300, 300 },
    /* A report made by hand has no peak: the threads that finished a job. */
    { { "thread-per-job" }, 1, 48, 0, 48 },
    { { "cooperative" }, 4, 1, 1, 1 },
    { { "async" }, 10, 1, 500, 1 },
    /* A switched run: the most of its strategies. */
    { { "threads", "shared-pool" }, 2, 7, 14, 7 },
    { { "shared-pool", "threads" }, 12, 7, 14, 12 },
    /* No strategy Juggler knows (the bench's bare kernel): the setting. */
    { { "kernel" }, 1, 1, 0, 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JugglerReport) report = juggler_report_new ();
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;
      JsonObject *object;

      for (guint s = 0; s < G_N_ELEMENTS (cases[i].strategies) && cases[i].strategies[s]; s++)
        g_ptr_array_add (report->strategies, g_strdup (cases[i].strategies[s]));
      report->workload = g_strdup ("cpu");
      report->strategy = g_strdup (cases[i].strategies[0]);
      report->workers = cases[i].setting;
      report->threads_used = cases[i].threads_used;
      report->peak_jobs_in_flight = cases[i].peak_jobs_in_flight;
      report->jobs = report->completed = 500;

      g_test_message ("case %u: %s", i, cases[i].strategies[0]);
      g_assert_cmpuint (juggler_report_get_workers_used (report), ==, cases[i].expected);
      text = juggler_report_to_string (report);
      json_parser_load_from_data (parser, text, -1, &error);
      g_assert_no_error (error);
      object = json_node_get_object (json_parser_get_root (parser));
      g_assert_cmpint (json_object_get_int_member (object, "workers"), ==, cases[i].expected);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  JUGGLER_TEST_ADD_RUN ("/core/run/report/json", test_report_json);
  JUGGLER_TEST_ADD_RUN ("/core/run/report/cancelled-json", test_report_cancelled_json);
  g_test_add_func ("/core/run/report/workers-used", test_report_workers_used);

  return g_test_run ();
}
