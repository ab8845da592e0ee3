/* test-trace-run.c: what a run records into a trace, and its Chrome Trace JSON, per strategy
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>

#include "juggler-http-workload.h"
#include "juggler-mandelbrot.h"
#include "juggler-run.h"
#include "juggler-server.h"
#include "juggler-test-run.h"
#include "juggler-test-workload.h"
#include "juggler-trace.h"
#include "juggler-types.h"

/* ------------------------------------------------------------------------------------ */
/* Reading the Chrome Trace JSON back                                                     */

typedef struct
{
  JsonParser *parser;
  GHashTable *thread_names;   /* tid → name */
  GHashTable *job_spans;      /* job index → number of X job spans */
  GHashTable *open_requests;  /* async id → job index, between b and e */
  GHashTable *requests;       /* job index → number of b/e pairs */
  guint       n_job_spans;
  guint       n_lock_waits;
  guint       n_lock_waits_off_ui;
  guint       n_runs;
} ParsedTrace;

static void
parsed_trace_clear (ParsedTrace *parsed)
{
  g_clear_object (&parsed->parser);
  g_clear_pointer (&parsed->thread_names, g_hash_table_unref);
  g_clear_pointer (&parsed->job_spans, g_hash_table_unref);
  g_clear_pointer (&parsed->open_requests, g_hash_table_unref);
  g_clear_pointer (&parsed->requests, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ParsedTrace, parsed_trace_clear)

static void
count (GHashTable *table,
       guint       key)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (table, GUINT_TO_POINTER (key)));

  g_hash_table_insert (table, GUINT_TO_POINTER (key), GUINT_TO_POINTER (n + 1));
}

static guint
count_of (GHashTable *table,
          guint       key)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (table, GUINT_TO_POINTER (key)));
}

/* Writes trace to a file the way the bench does, and reads it back with json-glib. */
static void
parse_trace (JugglerTrace *trace,
             ParsedTrace  *parsed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileIOStream) stream = NULL;
  g_autoptr(GFile) file = g_file_new_tmp ("juggler-trace-XXXXXX.json", &stream, &error);
  g_autofree char *path = NULL;
  JsonArray *events;

  g_assert_no_error (error);
  g_assert_true (juggler_trace_save_chrome_json (trace, file, NULL, &error));
  g_assert_no_error (error);

  parsed->parser = json_parser_new ();
  path = g_file_get_path (file);
  json_parser_load_from_file (parsed->parser, path, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_delete (file, NULL, NULL));

  parsed->thread_names = g_hash_table_new (NULL, NULL);
  parsed->job_spans = g_hash_table_new (NULL, NULL);
  parsed->open_requests = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  parsed->requests = g_hash_table_new (NULL, NULL);

  events = json_object_get_array_member (json_node_get_object (json_parser_get_root (parsed->parser)),
                                         "traceEvents");
  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *event = json_array_get_object_element (events, i);
      const char *ph = json_object_get_string_member (event, "ph");
      const char *name = json_object_get_string_member (event, "name");
      const char *cat = json_object_get_string_member_with_default (event, "cat", "");
      guint tid = json_object_get_int_member_with_default (event, "tid", 0);

      if (g_str_equal (ph, "M") && g_str_equal (name, "thread_name"))
        {
          g_assert_null (g_hash_table_lookup (parsed->thread_names, GUINT_TO_POINTER (tid)));
          g_hash_table_insert (parsed->thread_names, GUINT_TO_POINTER (tid),
                               (gpointer) json_object_get_string_member (
                                 json_object_get_object_member (event, "args"), "name"));
        }
      else if (g_str_equal (ph, "X") && g_str_equal (cat, "run"))
        {
          parsed->n_runs++;
        }
      else if (g_str_equal (ph, "X") && g_str_has_prefix (name, "job "))
        {
          JsonObject *args = json_object_get_object_member (event, "args");

          g_assert_true (json_object_has_member (event, "dur"));
          g_assert_nonnull (g_hash_table_lookup (parsed->thread_names, GUINT_TO_POINTER (tid)));
          count (parsed->job_spans, json_object_get_int_member (args, "job"));
          parsed->n_job_spans++;
        }
      else if (g_str_equal (ph, "X") && g_str_equal (name, "wait for global lock"))
        {
          g_assert_cmpstr (cat, ==, "lock");
          parsed->n_lock_waits++;
          if (tid != 1)
            parsed->n_lock_waits_off_ui++;
        }
      else if (g_str_equal (ph, "b"))
        {
          const char *id = json_object_get_string_member (event, "id");
          guint job = json_object_get_int_member (json_object_get_object_member (event, "args"), "job");

          g_assert_cmpstr (cat, ==, "request");
          g_assert_true (g_hash_table_insert (parsed->open_requests, g_strdup (id),
                                              GUINT_TO_POINTER (job)));
        }
      else if (g_str_equal (ph, "e"))
        {
          const char *id = json_object_get_string_member (event, "id");
          gpointer job;

          g_assert_true (g_hash_table_lookup_extended (parsed->open_requests, id, NULL, &job));
          count (parsed->requests, GPOINTER_TO_UINT (job));
          g_hash_table_remove (parsed->open_requests, id);
        }
    }

  /* The UI thread is first, whatever ran. */
  g_assert_cmpstr (g_hash_table_lookup (parsed->thread_names, GUINT_TO_POINTER (1)), ==, "UI thread");
}

/* ------------------------------------------------------------------------------------ */

typedef struct
{
  JugglerStrategy strategy;
  guint           n_workers;
} StrategyCase;

static const StrategyCase strategy_cases[] = {
  { JUGGLER_STRATEGY_THREADS, 3 },
  { JUGGLER_STRATEGY_GLOBAL_LOCK, 2 },
  { JUGGLER_STRATEGY_COOPERATIVE, 1 },
  { JUGGLER_STRATEGY_BLOCKING, 1 },
};

/* Every call of job_step() is one job span, on the lane of the thread that made it. */
static void
test_cpu_run (gconstpointer data)
{
  const StrategyCase *c = data;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(TestWorkload) workload = test_workload_new (24, 5, 300, 0);
  g_autoptr(JugglerRun) run = NULL;
  g_autoptr(JugglerTrace) trace = NULL;
  g_autoptr(JugglerReport) report = NULL;
  g_auto(ParsedTrace) parsed = { NULL };
  guint n_lanes;

  /* One unit per call: the spans can be counted. */
  workload->units_per_call = 1;
  g_main_context_push_thread_default (context);
  trace = juggler_trace_new (0);
  run = juggler_run_new (JUGGLER_WORKLOAD (workload), c->strategy, c->n_workers);
  juggler_run_set_trace (run, trace);
  report = juggler_test_execute (run, NULL);
  g_assert_false (report->cancelled);
  g_assert_cmpuint (report->completed, ==, 24);

  parse_trace (trace, &parsed);
  g_assert_cmpuint (parsed.n_runs, ==, 1);
  g_assert_cmpuint (parsed.n_job_spans, ==, g_atomic_int_get (&workload->n_calls));
  g_assert_cmpuint (parsed.n_job_spans, ==, 24 * 5);
  for (guint job = 0; job < 24; job++)
    g_assert_cmpuint (count_of (parsed.job_spans, job), ==, 5);

  /* A name for the UI thread and for each worker that ran, and no more. */
  n_lanes = juggler_trace_get_n_lanes (trace);
  g_assert_cmpuint (g_hash_table_size (parsed.thread_names), ==, n_lanes);
  if (juggler_strategy_uses_workers (c->strategy))
    {
      g_assert_cmpuint (n_lanes, >=, 2);
      g_assert_cmpuint (n_lanes, <=, 1 + c->n_workers);
      for (guint tid = 2; tid <= n_lanes; tid++)
        {
          g_autofree char *expected = g_strdup_printf ("worker %u", tid - 1);

          g_assert_cmpstr (g_hash_table_lookup (parsed.thread_names, GUINT_TO_POINTER (tid)), ==,
                           expected);
        }
    }
  else
    {
      g_assert_cmpuint (n_lanes, ==, 1);
    }

  /* Under the global lock every step waited for it first, if only for a moment. */
  if (c->strategy == JUGGLER_STRATEGY_GLOBAL_LOCK)
    g_assert_cmpuint (parsed.n_lock_waits_off_ui, ==, 24 * 5);
  else
    g_assert_cmpuint (parsed.n_lock_waits, ==, 0);

  g_main_context_pop_thread_default (context);
}

/* A real Mandelbrot run, as `juggler-bench cpu --trace` records it. */
static void
test_mandelbrot_run (void)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(JugglerMandelbrot) workload = NULL;
  g_autoptr(JugglerRun) run = NULL;
  g_autoptr(JugglerTrace) trace = NULL;
  g_autoptr(JugglerReport) report = NULL;
  g_auto(ParsedTrace) parsed = { NULL };
  guint n_jobs;

  g_main_context_push_thread_default (context);
  workload = juggler_mandelbrot_new (256, 128, 32, 200, NULL, NULL);
  n_jobs = juggler_workload_get_n_jobs (JUGGLER_WORKLOAD (workload));
  trace = juggler_trace_new (0);
  run = juggler_run_new (JUGGLER_WORKLOAD (workload), JUGGLER_STRATEGY_GLOBAL_LOCK, 2);
  juggler_run_set_trace (run, trace);
  report = juggler_test_execute (run, NULL);
  g_assert_cmpuint (report->completed, ==, n_jobs);

  parse_trace (trace, &parsed);
  for (guint job = 0; job < n_jobs; job++)
    g_assert_cmpuint (count_of (parsed.job_spans, job), >=, 1);
  g_assert_cmpuint (parsed.n_lock_waits_off_ui, >=, parsed.n_job_spans);
  for (guint tid = 2; tid <= juggler_trace_get_n_lanes (trace); tid++)
    g_assert_nonnull (g_hash_table_lookup (parsed.thread_names, GUINT_TO_POINTER (tid)));

  g_main_context_pop_thread_default (context);
}

/* Each request of an async run is one b/e pair with an id of its own, on the UI thread. */
static void
test_net_run (void)
{
  const guint n_requests = 40;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(JugglerServer) server = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autoptr(JugglerTrace) trace = NULL;
  g_auto(ParsedTrace) parsed = { NULL };

  g_main_context_push_thread_default (context);
  server = juggler_server_new ();
  g_assert_true (juggler_server_start (server, 0, &error));
  g_assert_no_error (error);
  url = g_strconcat (juggler_server_get_uri (server), "bytes/512", NULL);
  trace = juggler_trace_new (0);

  /* Two runs into one trace, as `juggler-bench net --repeat 2 --trace` makes. */
  for (guint r = 0; r < 2; r++)
    {
      const char *urls[] = { url, NULL };
      g_autoptr(JugglerHttpWorkload) workload = juggler_http_workload_new (urls, n_requests, 10,
                                                                          &error);
      g_autoptr(JugglerRun) run = NULL;
      g_autoptr(JugglerReport) report = NULL;

      g_assert_no_error (error);
      run = juggler_run_new (JUGGLER_WORKLOAD (workload), JUGGLER_STRATEGY_ASYNC, 1);
      juggler_run_set_concurrency (run, 10);
      juggler_run_set_trace (run, trace);
      report = juggler_test_execute (run, NULL);
      g_assert_cmpuint (report->completed, ==, n_requests);
    }

  parse_trace (trace, &parsed);
  g_assert_cmpuint (parsed.n_runs, ==, 2);
  g_assert_cmpuint (g_hash_table_size (parsed.open_requests), ==, 0);
  g_assert_cmpuint (g_hash_table_size (parsed.requests), ==, n_requests);
  for (guint job = 0; job < n_requests; job++)
    g_assert_cmpuint (count_of (parsed.requests, job), ==, 2);
  /* Async requests all run on the UI thread. */
  g_assert_cmpuint (juggler_trace_get_n_lanes (trace), ==, 1);

  juggler_server_stop (server);
  while (g_main_context_iteration (context, FALSE))
    ;
  g_main_context_pop_thread_default (context);
}

/* A run without a trace records nothing anywhere: the default. */
static void
test_no_trace (void)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(TestWorkload) workload = test_workload_new (4, 2, 300, 0);
  g_autoptr(JugglerRun) run = NULL;
  g_autoptr(JugglerReport) report = NULL;

  g_main_context_push_thread_default (context);
  run = juggler_run_new (JUGGLER_WORKLOAD (workload), JUGGLER_STRATEGY_THREADS, 2);
  g_assert_null (juggler_run_get_trace (run));
  report = juggler_test_execute (run, NULL);
  g_assert_cmpuint (report->completed, ==, 4);
  g_main_context_pop_thread_default (context);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (strategy_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/core/trace-run/cpu/%s",
                                               juggler_strategy_to_string (strategy_cases[i].strategy));

      g_test_add_data_func (path, &strategy_cases[i], test_cpu_run);
    }
  g_test_add_func ("/core/trace-run/mandelbrot", test_mandelbrot_run);
  g_test_add_func ("/core/trace-run/net-async", test_net_run);
  g_test_add_func ("/core/trace-run/no-trace", test_no_trace);

  return g_test_run ();
}
