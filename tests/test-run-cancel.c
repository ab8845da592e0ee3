/* test-run-cancel.c: cancelling a run at any moment ends it with a report and frees every job
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-run-cancel"

#include "config.h"

#include "juggler-test-run.h"
#include "juggler-test-workload.h"

static void
cancel_from_job_done (JugglerStrategy strategy)
{
  JugglerMandelbrot *mandelbrot = juggler_test_small_mandelbrot (16, 300);
  JugglerRun *run = juggler_run_new (JUGGLER_WORKLOAD (mandelbrot), strategy, 2);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(JugglerReport) report = NULL;
  JugglerJobCounter counter;

  g_test_message ("%s", juggler_strategy_to_string (strategy));
  juggler_job_counter_init (&counter, run);
  counter.cancel_after = 5;
  counter.cancellable = cancellable;

  report = juggler_test_execute (run, cancellable);

  g_assert_true (report->cancelled);
  g_assert_cmpuint (report->completed, >=, 5);
  g_assert_cmpuint (report->completed, <=, report->jobs);
  g_assert_cmpuint (report->completed, ==, counter.total);
  /* Only jobs already in flight may still land: two per worker at most. The shared pool
   * and a thread per job have every job in flight at once, and tiles this small may all
   * be done before the cancel is seen. */
  if (strategy != JUGGLER_STRATEGY_SHARED_POOL && strategy != JUGGLER_STRATEGY_THREAD_PER_JOB)
    {
      g_assert_cmpuint (report->completed, <, report->jobs);
      g_assert_cmpuint (report->completed, <=, 5 + 2 * 2);
    }
  juggler_job_counter_assert_at_most_once (&counter);

  juggler_job_counter_clear (&counter);
  g_assert_finalize_object (run);
  g_assert_finalize_object (mandelbrot);
}

static void
test_cancel_from_job_done (JugglerTestFixture *fixture,
                           gconstpointer       data)
{
  for (JugglerStrategy strategy = 0; strategy < JUGGLER_N_STRATEGIES; strategy++)
    if (juggler_strategy_supports (strategy, JUGGLER_WORKLOAD_CPU))
      cancel_from_job_done (strategy);
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel_from_timeout (JugglerTestFixture *fixture,
                          gconstpointer       data)
{
  /* Blocking cannot be cancelled from a timeout: the timeout never runs. */
  static const JugglerStrategy strategies[] = {
    JUGGLER_STRATEGY_THREADS, JUGGLER_STRATEGY_COOPERATIVE, JUGGLER_STRATEGY_GLOBAL_LOCK,
  };

  for (guint i = 0; i < G_N_ELEMENTS (strategies); i++)
    {
      /* Each job takes at least 2 ms, so 400 jobs take far longer than the timeout. */
      TestWorkload *workload = test_workload_new (400, 2, 1000, 0);
      JugglerRun *run = juggler_run_new (JUGGLER_WORKLOAD (workload), strategies[i], 2);
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_autoptr(JugglerReport) report = NULL;
      g_autoptr(GSource) timeout = g_timeout_source_new (20);
      JugglerJobCounter counter;

      g_test_message ("%s", juggler_strategy_to_string (strategies[i]));
      juggler_job_counter_init (&counter, run);
      g_source_set_callback (timeout, cancel_cb, cancellable, NULL);
      g_source_attach (timeout, fixture->context);

      report = juggler_test_execute (run, cancellable);

      g_assert_true (report->cancelled);
      g_assert_cmpuint (report->completed, <, report->jobs);
      g_assert_cmpuint (report->completed, ==, counter.total);
      juggler_job_counter_assert_at_most_once (&counter);
      for (guint j = 0; j < workload->n_jobs; j++)
        g_assert_cmpint (workload->merged[j], ==, (int) counter.per_index[j]);

      juggler_job_counter_clear (&counter);
      g_assert_finalize_object (run);
      /* Every job the run created, it freed. */
      g_assert_cmpint (workload->created, ==, workload->freed);
      g_assert_finalize_object (workload);
    }
}

static void
test_cancel_before_start (JugglerTestFixture *fixture,
                          gconstpointer       data)
{
  TestWorkload *workload = test_workload_new (10, 1, 0, 0);
  JugglerRun *run = juggler_run_new (JUGGLER_WORKLOAD (workload), JUGGLER_STRATEGY_THREADS, 2);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(JugglerReport) report = NULL;

  g_cancellable_cancel (cancellable);
  report = juggler_test_execute (run, cancellable);

  g_assert_true (report->cancelled);
  g_assert_cmpuint (report->completed, ==, 0);
  g_assert_cmpuint (report->jobs, ==, 10);

  g_assert_finalize_object (run);
  g_assert_cmpint (workload->created, ==, workload->freed);
  g_assert_finalize_object (workload);
}

static void
test_cancel_after_switch (JugglerTestFixture *fixture,
                          gconstpointer       data)
{
  /* Switching away from threads hands queued, unstarted jobs back to the run; a cancel
   * right after must still free them. Repeat: which jobs are queued depends on timing. */
  for (guint i = 0; i < 5; i++)
    {
      TestWorkload *workload = test_workload_new (100, 1, 3000, 0);
      JugglerRun *run = juggler_run_new (JUGGLER_WORKLOAD (workload), JUGGLER_STRATEGY_THREADS, 2);
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_autoptr(JugglerReport) report = NULL;
      JugglerJobCounter counter;

      juggler_run_set_nice (run, FALSE);
      juggler_job_counter_init (&counter, run);
      counter.switch_after = 3;
      counter.switch_to = i % 2 == 0 ? JUGGLER_STRATEGY_COOPERATIVE : JUGGLER_STRATEGY_GLOBAL_LOCK;
      counter.cancel_after = 3;
      counter.cancellable = cancellable;

      report = juggler_test_execute (run, cancellable);

      g_assert_true (report->cancelled);
      g_assert_cmpuint (report->completed, <, report->jobs);
      juggler_job_counter_assert_at_most_once (&counter);

      juggler_job_counter_clear (&counter);
      g_assert_finalize_object (run);
      g_test_message ("round %u: %d jobs created, %d freed", i, workload->created, workload->freed);
      g_assert_cmpint (workload->created, ==, workload->freed);
      g_assert_finalize_object (workload);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  JUGGLER_TEST_ADD_RUN ("/core/run/cancel/from-job-done", test_cancel_from_job_done);
  JUGGLER_TEST_ADD_RUN ("/core/run/cancel/from-timeout", test_cancel_from_timeout);
  JUGGLER_TEST_ADD_RUN ("/core/run/cancel/before-start", test_cancel_before_start);
  JUGGLER_TEST_ADD_RUN ("/core/run/cancel/after-switch", test_cancel_after_switch);

  return g_test_run ();
}
