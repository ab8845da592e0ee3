/* test-results-export.c: "Copy as Command" lines and the results list's CSV and JSON, without a display
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "juggler-bench-command.h"
#include "juggler-results-export.h"

static JugglerReport *
cpu_report (const char *strategy,
            guint       workers)
{
  JugglerReport *report = juggler_report_new ();

  g_free (report->workload);
  report->workload = g_strdup ("cpu");
  g_free (report->strategy);
  report->strategy = g_strdup (strategy);
  g_ptr_array_add (report->strategies, g_strdup (strategy));
  g_free (report->progress_mode);
  report->progress_mode = g_strdup ("coalesced");
  report->nice = TRUE;
  report->workers = workers;
  report->jobs = report->completed = 48;
  report->wall_s = 1.25;
  return report;
}

static void
test_command_cpu (void)
{
  g_autoptr(JugglerReport) report = cpu_report ("threads", 4);
  JugglerCpuParams params = { 800, 600, 32, 2000 };
  g_autofree char *command = NULL;

  command = juggler_bench_command_build (report, &params, NULL);
  g_assert_cmpstr (command, ==,
                   "juggler-bench cpu --strategy threads --workers 4 --size 800x600 --tile 32 "
                   "--iterations 2000 --progress coalesced");

  report->nice = FALSE;
  g_free (report->progress_mode);
  report->progress_mode = g_strdup ("per-event");
  g_clear_pointer (&command, g_free);
  command = juggler_bench_command_build (report, &params, NULL);
  g_assert_true (g_str_has_suffix (command, " --progress per-event --no-nice"));
}

static void
test_command_net (void)
{
  g_autoptr(JugglerReport) report = cpu_report ("async", 1);
  JugglerNetParams server = { NULL, 200, 16384 };
  JugglerNetParams url = { "http://example.org/a b?c=1", 0, 0 };
  g_autofree char *command = NULL;
  g_autofree char *with_url = NULL;
  g_auto(GStrv) argv = NULL;

  g_free (report->workload);
  report->workload = g_strdup ("net");
  report->jobs = report->completed = 500;
  report->concurrency = 64;
  report->tuned_connections = TRUE;

  command = juggler_bench_command_build (report, NULL, &server);
  g_assert_cmpstr (command, ==,
                   "juggler-bench net --strategy async --workers 1 --requests 500 "
                   "--concurrency 64 --latency-ms 200 --size 16384 --progress coalesced");

  report->tuned_connections = FALSE;
  with_url = juggler_bench_command_build (report, NULL, &url);
  /* The shell gives the URL back whole. */
  g_assert_true (g_shell_parse_argv (with_url, NULL, &argv, NULL));
  g_assert_cmpstr (argv[0], ==, "juggler-bench");
  g_assert_cmpstr (argv[1], ==, "net");
  g_assert_true (g_strv_contains ((const char *const *) argv, "http://example.org/a b?c=1"));
  g_assert_true (g_strv_contains ((const char *const *) argv, "--untuned"));
  g_assert_false (g_strv_contains ((const char *const *) argv, "--latency-ms"));
}

static GListStore *
three_results (void)
{
  GListStore *store = g_list_store_new (JUGGLER_TYPE_RESULT);
  JugglerCpuParams params = { 320, 240, 32, 500 };
  const char *strategies[] = { "threads", "cooperative", "blocking" };

  for (guint i = 0; i < G_N_ELEMENTS (strategies); i++)
    {
      g_autoptr(JugglerReport) report = cpu_report (strategies[i], i + 1);
      g_autoptr(JugglerResult) result = juggler_result_new_cpu (report, &params);

      g_list_store_append (store, result);
    }
  return store;
}

static void
test_csv (void)
{
  g_autoptr(GListStore) store = three_results ();
  g_autofree char *csv = juggler_results_export_csv (G_LIST_MODEL (store));
  g_auto(GStrv) lines = g_strsplit (csv, "\n", -1);
  g_auto(GStrv) header = NULL;

  /* A header, one line per result, and the final newline. */
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + 3 + 1);
  g_assert_cmpstr (lines[4], ==, "");
  g_assert_true (g_str_has_prefix (lines[0], "workload,parameters,strategies,"));
  g_assert_true (g_str_has_suffix (lines[0], ",command"));
  /* The workload title holds commas: quoted, so the field counts still match. */
  header = g_strsplit (lines[0], ",", -1);
  for (guint i = 1; i <= 3; i++)
    {
      g_assert_true (g_str_has_prefix (lines[i], "cpu,\""));
      g_assert_nonnull (strstr (lines[i], ",1.25,"));
      g_assert_nonnull (strstr (lines[i], "juggler-bench cpu --strategy"));
    }
  g_assert_cmpuint (g_strv_length (header), ==, 20);
}

static void
test_json (void)
{
  g_autoptr(GListStore) store = three_results ();
  g_autofree char *json = juggler_results_export_json (G_LIST_MODEL (store));
  g_auto(GStrv) lines = g_strsplit (json, "\n", -1);

  g_assert_cmpuint (g_strv_length (lines), ==, 3 + 1);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      JsonObject *object;

      g_assert_true (json_parser_load_from_data (parser, lines[i], -1, &error));
      g_assert_no_error (error);
      object = json_node_get_object (json_parser_get_root (parser));
      g_assert_cmpstr (json_object_get_string_member (object, "workload"), ==, "cpu");
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/results-export/command/cpu", test_command_cpu);
  g_test_add_func ("/results-export/command/net", test_command_net);
  g_test_add_func ("/results-export/csv", test_csv);
  g_test_add_func ("/results-export/json", test_json);

  return g_test_run ();
}
