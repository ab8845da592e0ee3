/* test-http-strategies.c: the HTTP workload under each strategy — digests, concurrency,
 * queued and request time, strategy switches, cancellation and progress
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-http-strategies"

#include "config.h"

#include "juggler-http-workload.h"
#include "juggler-report.h"
#include "juggler-test-fds.h"
#include "juggler-test-http.h"
#include "juggler-test-run.h"

/* ------------------------------------------------------------------------------------ */
/* Digests                                                                               */

static void
test_digest_all_strategies (JugglerTestHttpFixture *fixture,
                            gconstpointer           data)
{
  g_autofree char *url = juggler_test_http_url (fixture, "bytes/5000?seed=7");
  const char *urls[] = { url, NULL };
  g_autofree char *expected = juggler_test_expected_bytes_digest (30, 5000, 7);
  const JugglerTestConfig configs[] = {
    { JUGGLER_STRATEGY_ASYNC, 1, 1 },
    { JUGGLER_STRATEGY_ASYNC, 1, 8 },
    { JUGGLER_STRATEGY_ASYNC, 1, 30 },
    { JUGGLER_STRATEGY_THREADS, 1, 1 },
    { JUGGLER_STRATEGY_THREADS, 2, 1 },
    { JUGGLER_STRATEGY_THREADS, 4, 1 },
    { JUGGLER_STRATEGY_THREADS, 8, 1 },
    { JUGGLER_STRATEGY_BLOCKING, 1, 1 },
  };

  for (guint c = 0; c < G_N_ELEMENTS (configs); c++)
    {
      JugglerHttpWorkload *workload = juggler_test_workload_new (urls, 30, 10);
      g_autoptr(JugglerReport) report = juggler_test_run_config (workload, &configs[c]);

      g_assert_cmpuint (report->completed, ==, 30);
      g_assert_cmpuint (juggler_test_errors_total (report), ==, 0);
      g_assert_cmpint (report->http->bytes, ==, 30 * 5000);
      for (guint i = 0; i < 30; i++)
        g_assert_cmpuint (juggler_http_workload_get_result (workload, i)->bytes, ==, 5000);
      g_assert_cmpstr (report->digest, ==, expected);

      g_assert_finalize_object (workload);
    }
}

/* ------------------------------------------------------------------------------------ */
/* Concurrency                                                                           */

static void
test_async_concurrency (JugglerTestHttpFixture *fixture,
                        gconstpointer           data)
{
  JugglerHttpWorkload *workload = juggler_test_http_workload (fixture, "delay/300", 20);
  const JugglerTestConfig config = { JUGGLER_STRATEGY_ASYNC, 1, 20 };
  g_autoptr(JugglerRun) run = juggler_test_run_new (workload, &config);
  JugglerTestSampler sampler = { .workload = workload };
  g_autoptr(JugglerReport) report = juggler_test_run_sampled (run, &sampler);

  g_assert_cmpuint (report->completed, ==, 20);
  g_assert_cmpuint (juggler_test_errors_total (report), ==, 0);
  /* More than libsoup's default two connections per host had requests on the wire. */
  g_assert_cmpuint (sampler.max_waiting, >, 2);
  g_assert_cmpuint (sampler.max_in_flight, <=, 20);
  g_assert_cmpuint (juggler_test_max_overlap (workload, FALSE), >, 2);
  g_assert_cmpuint (juggler_test_max_overlap (workload, FALSE), <=, 20);

  g_assert_finalize_object (g_steal_pointer (&run));
  g_assert_finalize_object (workload);
}

static void
test_async_concurrency_limit (JugglerTestHttpFixture *fixture,
                              gconstpointer           data)
{
  JugglerHttpWorkload *workload = juggler_test_http_workload (fixture, "delay/100", 12);
  const JugglerTestConfig config = { JUGGLER_STRATEGY_ASYNC, 1, 4 };
  g_autoptr(JugglerRun) run = juggler_test_run_new (workload, &config);
  JugglerTestSampler sampler = { .workload = workload };
  g_autoptr(JugglerReport) report = juggler_test_run_sampled (run, &sampler);

  g_assert_cmpuint (report->completed, ==, 12);
  g_assert_cmpuint (sampler.max_in_flight, <=, 4);
  g_assert_cmpuint (sampler.max_waiting, >=, 2);
  g_assert_cmpuint (juggler_test_max_overlap (workload, FALSE), <=, 4);
  g_assert_cmpuint (juggler_test_max_overlap (workload, FALSE), >=, 2);
  g_assert_cmpint (report->concurrency, ==, 4);

  g_assert_finalize_object (g_steal_pointer (&run));
  g_assert_finalize_object (workload);
}

/* On the global default context, as in a window, where g_main_context_get_thread_default()
 * says NULL: every request's end still reaches the run, also the invalid URLs' ones, which
 * end before the next request starts. */
static void
test_async_default_context (JugglerTestHttpFixture *fixture,
                            gconstpointer           data)
{
  g_autofree char *good = juggler_test_http_url (fixture, "delay/50");
  const char *urls[] = { "not a url", good, NULL };
  JugglerHttpWorkload *workload = juggler_test_workload_new (urls, 24, 10);
  const JugglerTestConfig config = { JUGGLER_STRATEGY_ASYNC, 1, 8 };
  g_autoptr(JugglerRun) run = NULL;
  g_autoptr(JugglerReport) report = NULL;

  g_main_context_pop_thread_default (fixture->context);
  g_assert_null (g_main_context_get_thread_default ());
  run = juggler_test_run_new (workload, &config);
  report = juggler_test_execute (run, NULL);

  g_assert_false (report->cancelled);
  g_assert_cmpuint (report->completed, ==, 24);
  g_assert_cmpint (juggler_test_errors_count (report, JUGGLER_HTTP_INVALID_URL), ==, 12);
  g_assert_cmpuint (juggler_test_errors_total (report), ==, 12);

  g_assert_finalize_object (g_steal_pointer (&run));
  g_assert_finalize_object (workload);
  g_main_context_push_thread_default (fixture->context);
}

static void
test_async_untuned (JugglerTestHttpFixture *fixture,
                    gconstpointer           data)
{
  const guint n_requests = 8;
  const guint delay_ms = 200;
  JugglerHttpWorkload *workload = juggler_test_http_workload (fixture, "delay/200", n_requests);
  const JugglerTestConfig config = { JUGGLER_STRATEGY_ASYNC, 1, n_requests };
  g_autoptr(JugglerRun) run = juggler_test_run_new (workload, &config);
  g_autoptr(JugglerReport) report = NULL;
  JugglerTestSampler sampler = { .workload = workload };
  gint64 first_queued = G_MAXINT64;
  gint64 last_done = 0;

  juggler_run_set_tune_connections (run, FALSE);
  report = juggler_test_run_sampled (run, &sampler);

  g_assert_cmpuint (report->completed, ==, n_requests);
  g_assert_cmpuint (juggler_test_errors_total (report), ==, 0);
  g_assert_false (report->tuned_connections);

  /* All were handed to libsoup at once, but only two at a time went on the wire: the
   * others stayed queued. */
  g_assert_cmpuint (juggler_test_max_overlap (workload, FALSE), >, 2);
  g_assert_cmpuint (sampler.max_in_flight, <=, 2);
  g_assert_cmpuint (sampler.max_waiting, >=, 1);
  g_assert_cmpint (report->http->peak_in_flight, ==, 2);
  /* Waiting for a connection is queued time, never request time. */
  g_assert_cmpuint (juggler_test_max_overlap (workload, TRUE), <=, 2);
  g_assert_cmpfloat (report->http->average_in_flight, <=, 2 + 1e-9);

  /* So the server's delays added up in pairs: a lower bound only. */
  for (guint i = 0; i < n_requests; i++)
    {
      const JugglerHttpResult *result = juggler_http_workload_get_result (workload, i);

      first_queued = MIN (first_queued, result->queued_us);
      last_done = MAX (last_done, result->done_us);
    }
  g_assert_cmpint (last_done - first_queued, >=, (gint64) (n_requests / 2) * delay_ms * 1000);

  g_assert_finalize_object (g_steal_pointer (&run));
  g_assert_finalize_object (workload);
}

/* A request waits for a free worker as queued, and its time starts when a worker sends it:
 * with two workers, never more than two requests' times overlap. */
static void
test_threads_queued (JugglerTestHttpFixture *fixture,
                     gconstpointer           data)
{
  const guint n_requests = 6;
  const guint delay_ms = 100;
  JugglerHttpWorkload *workload = juggler_test_http_workload (fixture, "delay/100", n_requests);
  const JugglerTestConfig config = { JUGGLER_STRATEGY_THREADS, 2, 1 };
  g_autoptr(JugglerReport) report = juggler_test_run_config (workload, &config);

  g_assert_cmpuint (report->completed, ==, n_requests);
  g_assert_cmpuint (juggler_test_errors_total (report), ==, 0);
  g_assert_cmpuint (juggler_test_max_overlap (workload, TRUE), <=, 2);
  g_assert_cmpuint (report->http->peak_in_flight, <=, 2);
  g_assert_cmpfloat (report->http->average_in_flight, <=, 2 + 1e-9);
  for (guint i = 0; i < n_requests; i++)
    {
      const JugglerHttpResult *result = juggler_http_workload_get_result (workload, i);

      /* Lower bounds only: a loaded machine may answer later, never sooner. */
      g_assert_cmpint (juggler_http_result_get_request_us (result), >=, delay_ms * 1000);
      g_assert_cmpint (result->start_us, >=, result->queued_us);
      g_assert_cmpint (juggler_http_result_get_queued_us (result) +
                       juggler_http_result_get_request_us (result), ==,
                       result->done_us - result->queued_us);
    }
  g_assert_cmpfloat (report->http->request_ms.p50, >=, delay_ms);

  g_assert_finalize_object (workload);
}

/* ------------------------------------------------------------------------------------ */
/* Switching strategies                                                                  */

static gboolean
report_used (const JugglerReport *report,
             const char          *strategy)
{
  for (guint i = 0; i < report->strategies->len; i++)
    if (g_str_equal (g_ptr_array_index (report->strategies, i), strategy))
      return TRUE;

  return FALSE;
}

static void
test_switch_every (JugglerTestHttpFixture *fixture,
                   gconstpointer           data)
{
  g_autofree char *expected = juggler_test_expected_bytes_digest (30, 5000, 7);
  JugglerHttpWorkload *workload =
    juggler_test_http_workload (fixture, "bytes/5000?seed=7&delay=5", 30);
  const JugglerTestConfig config = { JUGGLER_STRATEGY_ASYNC, 2, 4 };
  g_autoptr(JugglerRun) run = juggler_test_run_new (workload, &config);
  g_autoptr(JugglerReport) report = NULL;

  /* Every job that ends a millisecond after the last switch switches again. */
  juggler_run_set_switch_every (run, 1);
  report = juggler_test_execute (run, NULL);

  g_test_message ("%u switches", report->switches);
  g_assert_false (report->cancelled);
  g_assert_cmpuint (report->completed, ==, report->jobs);
  g_assert_cmpuint (report->switches, >=, 2);
  g_assert_cmpstr (g_ptr_array_index (report->strategies, 0), ==, "async");
  g_assert_true (report_used (report, "threads"));
  g_assert_true (report_used (report, "blocking"));
  g_assert_cmpuint (juggler_test_errors_total (report), ==, 0);
  g_assert_cmpstr (report->digest, ==, expected);

  g_assert_finalize_object (g_steal_pointer (&run));
  g_assert_finalize_object (workload);
}

static void
switch_job_done_cb (JugglerRun *run,
                    guint       index,
                    guint       worker,
                    gpointer    user_data)
{
  guint *n_done = user_data;

  (*n_done)++;
  if (*n_done == 5)
    juggler_run_switch_strategy (run, JUGGLER_STRATEGY_THREADS);
  else if (*n_done == 15)
    juggler_run_switch_strategy (run, JUGGLER_STRATEGY_BLOCKING);
}

static void
test_switch_from_job_done (JugglerTestHttpFixture *fixture,
                           gconstpointer           data)
{
  g_autofree char *expected = juggler_test_expected_bytes_digest (30, 5000, 7);
  JugglerHttpWorkload *workload =
    juggler_test_http_workload (fixture, "bytes/5000?seed=7&delay=5", 30);
  const JugglerTestConfig config = { JUGGLER_STRATEGY_ASYNC, 2, 3 };
  g_autoptr(JugglerRun) run = juggler_test_run_new (workload, &config);
  g_autoptr(JugglerReport) report = NULL;
  guint n_done = 0;

  g_signal_connect (run, "job-done", G_CALLBACK (switch_job_done_cb), &n_done);
  report = juggler_test_execute (run, NULL);

  g_assert_false (report->cancelled);
  g_assert_cmpuint (n_done, ==, 30);
  g_assert_cmpuint (report->completed, ==, 30);
  g_assert_cmpuint (report->switches, ==, 2);
  g_assert_cmpuint (report->strategies->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (report->strategies, 0), ==, "async");
  g_assert_cmpstr (g_ptr_array_index (report->strategies, 1), ==, "threads");
  g_assert_cmpstr (g_ptr_array_index (report->strategies, 2), ==, "blocking");
  g_assert_cmpstr (report->digest, ==, expected);

  g_assert_finalize_object (g_steal_pointer (&run));
  g_assert_finalize_object (workload);
}

/* A short run first, so that descriptors GIO keeps for the life of the process (the
 * network monitor, the resolver's, the GLib worker's wakeup) are open before counting. */
static void
warm_up (JugglerTestHttpFixture  *fixture,
         const JugglerTestConfig *config)
{
  JugglerHttpWorkload *workload = juggler_test_http_workload (fixture, "delay/0", 2);
  g_autoptr(JugglerReport) report = juggler_test_run_config (workload, config);
  guint n_connections = G_MAXUINT;

  g_assert_cmpuint (report->completed, ==, 2);
  g_assert_finalize_object (workload);
  /* The server keeps connections alive: the run's went with its sessions, or go with its
   * worker threads, and are not counted as the run's to come. GLib keeps up to two idle
   * pool threads for the next pool, each with its session and its connection until it
   * exits (15 s idle) or sends again: stopped here, so that they end now. */
  for (guint round = 0; round < 10 && n_connections != 0; round++)
    {
      /* A thread that was still finishing its job only joins the idle ones afterwards. */
      g_thread_pool_stop_unused_threads ();
      n_connections = juggler_test_settle_connections (juggler_server_get_port (fixture->server));
    }
  g_assert_cmpuint (n_connections, ==, 0);
}


/* ------------------------------------------------------------------------------------ */
/* Cancellation                                                                          */

static void
test_cancel_async_hang (JugglerTestHttpFixture *fixture,
                        gconstpointer           data)
{
  const guint n_requests = 50;
  const JugglerTestConfig config = { JUGGLER_STRATEGY_ASYNC, 1, n_requests };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(JugglerReport) report = NULL;
  JugglerHttpWorkload *workload;
  JugglerRun *run;
  JugglerTestSampler sampler = { 0 };
  guint fds_before;
  guint fds_after;

  warm_up (fixture, &config);
  fds_before = juggler_test_count_client_fds (juggler_server_get_port (fixture->server), FALSE);

  workload = juggler_test_http_workload (fixture, "hang", n_requests);
  run = juggler_test_run_new (workload, &config);
  sampler.workload = workload;
  sampler.cancellable = cancellable;
  /* Cancel once every request sits at the server. */
  sampler.cancel_at_waiting = n_requests;
  report = juggler_test_run_sampled (run, &sampler);

  g_assert_cmpuint (sampler.max_waiting, ==, n_requests);
  g_assert_true (report->cancelled);
  g_assert_cmpuint (report->completed, ==, 0);
  g_assert_cmpuint (report->jobs, ==, n_requests);
  g_assert_cmpuint (juggler_test_errors_total (report), ==, 0);
  /* Cancelled requests left the in-flight count: none is shown as waiting any more. */
  g_assert_cmpuint (report->http->peak_in_flight, ==, n_requests);
  for (guint i = 0; i < n_requests; i++)
    g_assert_cmpint (juggler_http_workload_get_state (workload, i), ==, JUGGLER_HTTP_STATE_QUEUED);

  g_assert_finalize_object (run);
  g_assert_finalize_object (workload);

  fds_after = juggler_test_settle_fds (juggler_server_get_port (fixture->server), fds_before);
  g_assert_cmpuint (fds_after, ==, fds_before);
}

/* 500 requests at concurrency 500 are all at the server at once, spread over as many
 * libsoup sessions as that takes (juggler-http-workload.c): none waits in a session's
 * queue for a connection, and cancelling closes every one of them. A count, not a time:
 * the server never answers, so a slow machine only takes longer to get there. Each
 * session's sockets sit in a context of its own, and the run's loop watches all of them
 * through one descriptor (juggler-context-source.c): a loop that polled every socket in
 * every iteration would cost O(requests) per event. */
static void
test_async_all_at_once (JugglerTestHttpFixture *fixture,
                        gconstpointer           data)
{
  const guint n_requests = 500;
  const JugglerTestConfig config = { JUGGLER_STRATEGY_ASYNC, 1, n_requests };
  g_autofree char *url = juggler_test_http_url (fixture, "hang");
  const char *urls[] = { url, NULL };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(JugglerReport) report = NULL;
  JugglerHttpWorkload *workload;
  JugglerRun *run;
  JugglerTestSampler sampler = { 0 };
  guint fds_before;
  guint fds_after;

  warm_up (fixture, &config);
  fds_before = juggler_test_count_client_fds (juggler_server_get_port (fixture->server), FALSE);

  workload = juggler_test_workload_new (urls, n_requests, 60);
  run = juggler_test_run_new (workload, &config);
  sampler.workload = workload;
  sampler.cancellable = cancellable;
  sampler.cancel_at_waiting = n_requests;
  report = juggler_test_run_sampled (run, &sampler);

  g_assert_cmpuint (sampler.max_waiting, ==, n_requests);
  g_assert_cmpuint (report->http->peak_in_flight, ==, n_requests);
  g_assert_cmpuint (sampler.max_polled_fds, <, n_requests / 10);
  g_assert_true (report->cancelled);
  g_assert_cmpuint (report->completed, ==, 0);
  g_assert_cmpuint (juggler_test_errors_total (report), ==, 0);
  for (guint i = 0; i < n_requests; i++)
    g_assert_cmpint (juggler_http_workload_get_state (workload, i), ==, JUGGLER_HTTP_STATE_QUEUED);

  g_assert_finalize_object (run);
  g_assert_finalize_object (workload);

  fds_after = juggler_test_settle_fds (juggler_server_get_port (fixture->server), fds_before);
  g_assert_cmpuint (fds_after, ==, fds_before);
}

static void
test_cancel_threads_delay (JugglerTestHttpFixture *fixture,
                           gconstpointer           data)
{
  const guint n_requests = 10;
  const JugglerTestConfig config = { JUGGLER_STRATEGY_THREADS, 2, 1 };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(JugglerReport) report = NULL;
  JugglerHttpWorkload *workload;
  JugglerRun *run;
  JugglerTestSampler sampler = { 0 };
  guint fds_before;
  guint fds_after;

  warm_up (fixture, &config);
  fds_before = juggler_test_count_client_fds (juggler_server_get_port (fixture->server), FALSE);

  workload = juggler_test_http_workload (fixture, "delay/2000", n_requests);
  run = juggler_test_run_new (workload, &config);
  sampler.workload = workload;
  sampler.cancellable = cancellable;
  /* Both workers blocked in a send that the server answers only after 2 s. */
  sampler.cancel_at_waiting = config.workers;
  report = juggler_test_run_sampled (run, &sampler);

  g_assert_true (report->cancelled);
  g_assert_cmpuint (report->completed, <, report->jobs);
  g_assert_cmpuint (report->completed, ==, 0);

  /* Cancelling aborted the blocked sends: the server never got to answer any of them. */
  for (guint i = 0; i < n_requests; i++)
    {
      JugglerHttpState state = juggler_http_workload_get_state (workload, i);

      g_assert_cmpuint (juggler_http_workload_get_result (workload, i)->status, !=, 200);
      g_assert_cmpint (state, !=, JUGGLER_HTTP_STATE_RECEIVING);
      g_assert_cmpint (state, !=, JUGGLER_HTTP_STATE_DONE);
    }

  g_assert_finalize_object (run);
  g_assert_finalize_object (workload);

  fds_after = juggler_test_settle_fds (juggler_server_get_port (fixture->server), fds_before);
  g_assert_cmpuint (fds_after, ==, fds_before);
}

/* ------------------------------------------------------------------------------------ */
/* Progress                                                                              */

static void
test_per_event (JugglerTestHttpFixture *fixture,
                gconstpointer           data)
{
  g_autofree char *url = juggler_test_http_url (fixture, "bytes/2000?seed=5");
  const char *urls[] = { url, "not a url", NULL };
  const guint n_requests = 40;

  for (guint c = 0; c < G_N_ELEMENTS (juggler_test_every_strategy); c++)
    {
      JugglerHttpWorkload *workload = juggler_test_workload_new (urls, n_requests, 10);
      g_autoptr(JugglerRun) run = juggler_test_run_new (workload, &juggler_test_every_strategy[c]);
      g_autoptr(JugglerReport) report = NULL;
      JugglerProgress progress;

      juggler_run_set_progress_mode (run, JUGGLER_PROGRESS_PER_EVENT);
      report = juggler_test_execute (run, NULL);

      g_test_message ("%s: %" G_GUINT64_FORMAT " events delivered, %" G_GUINT64_FORMAT " dropped",
                      juggler_strategy_to_string (juggler_test_every_strategy[c].strategy),
                      report->progress_events, report->progress_events_dropped);
      g_assert_cmpstr (report->progress_mode, ==, "per-event");
      g_assert_cmpuint (report->completed, ==, n_requests);
      g_assert_cmpuint (report->progress_events, >, 0);
      /* A step and a job event per request. */
      g_assert_cmpuint (report->progress_events + report->progress_events_dropped, ==,
                        juggler_workload_get_n_steps (JUGGLER_WORKLOAD (workload)) +
                        juggler_workload_get_n_jobs (JUGGLER_WORKLOAD (workload)));

      juggler_run_sample (run, &progress);
      g_assert_cmpuint (progress.jobs_done, ==, progress.jobs_total);
      g_assert_cmpuint (progress.steps_done, ==, progress.steps_total);

      g_assert_finalize_object (g_steal_pointer (&run));
      g_assert_finalize_object (workload);
    }
}

int
main (int   argc,
      char *argv[])
{
  juggler_test_http_init ();
  g_test_init (&argc, &argv, NULL);

  JUGGLER_TEST_ADD_HTTP ("/core/http/digest/all-strategies", test_digest_all_strategies);
  JUGGLER_TEST_ADD_HTTP ("/core/http/async/concurrency", test_async_concurrency);
  JUGGLER_TEST_ADD_HTTP ("/core/http/async/concurrency-limit", test_async_concurrency_limit);
  JUGGLER_TEST_ADD_HTTP ("/core/http/async/default-context", test_async_default_context);
  JUGGLER_TEST_ADD_HTTP ("/core/http/async/untuned", test_async_untuned);
  JUGGLER_TEST_ADD_HTTP ("/core/http/threads/queued", test_threads_queued);
  JUGGLER_TEST_ADD_HTTP ("/core/http/switch/every", test_switch_every);
  JUGGLER_TEST_ADD_HTTP ("/core/http/switch/from-job-done", test_switch_from_job_done);
  JUGGLER_TEST_ADD_HTTP ("/core/http/cancel/async-hang", test_cancel_async_hang);
  JUGGLER_TEST_ADD_HTTP ("/core/http/cancel/threads-delay", test_cancel_threads_delay);
  JUGGLER_TEST_ADD_HTTP ("/core/http/async/all-at-once", test_async_all_at_once);
  JUGGLER_TEST_ADD_HTTP ("/core/http/progress/per-event", test_per_event);

  return g_test_run ();
}
