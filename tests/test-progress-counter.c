/* test-progress-counter.c: progress counted by atomics or delivered as events, bounded
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-progress-counter"

#include "config.h"

#include "juggler-progress-counter.h"
#include "juggler-test-run.h"

#define N_THREADS 4

typedef struct
{
  JugglerProgressCounter *counter;
  guint                   n_jobs;
  guint                   steps_per_job;
} Reporter;

static gpointer
report_thread (gpointer data)
{
  Reporter *reporter = data;

  for (guint i = 0; i < reporter->n_jobs; i++)
    {
      juggler_progress_counter_add (reporter->counter, reporter->steps_per_job,
                                    reporter->steps_per_job, FALSE, 10);
      juggler_progress_counter_add (reporter->counter, 0, 0, TRUE, 0);
    }

  return NULL;
}

static void
run_reporters (JugglerProgressCounter *counter,
               guint                   n_jobs,
               guint                   steps_per_job)
{
  Reporter reporter = { counter, n_jobs, steps_per_job };
  GThread *threads[N_THREADS];

  for (guint i = 0; i < N_THREADS; i++)
    threads[i] = g_thread_new ("reporter", report_thread, &reporter);
  for (guint i = 0; i < N_THREADS; i++)
    g_thread_join (threads[i]);
}

static void
drained_cb (gpointer user_data)
{
  gboolean *drained = user_data;

  *drained = TRUE;
}

static void
test_coalesced (JugglerTestFixture *fixture,
                gconstpointer       data)
{
  JugglerProgressCounter *counter = juggler_progress_counter_new (JUGGLER_PROGRESS_COALESCED,
                                                                  fixture->context);
  guint jobs_done;
  guint64 steps_done;

  juggler_progress_counter_sample (counter, &jobs_done, &steps_done);
  g_assert_cmpuint (jobs_done, ==, 0);
  g_assert_cmpuint (steps_done, ==, 0);

  run_reporters (counter, 100, 3);

  /* Read at once, without a main-loop iteration. */
  juggler_progress_counter_sample (counter, &jobs_done, &steps_done);
  g_assert_cmpuint (jobs_done, ==, N_THREADS * 100);
  g_assert_cmpuint (steps_done, ==, N_THREADS * 100 * 3);
  g_assert_cmpint (juggler_progress_counter_get_job_cpu_ns (counter), ==, N_THREADS * 100 * 10);
  g_assert_false (juggler_progress_counter_has_pending (counter));
  g_assert_cmpuint (juggler_progress_counter_get_delivered (counter), ==, 0);
  g_assert_cmpuint (juggler_progress_counter_get_dropped (counter), ==, 0);

  juggler_progress_counter_unref (counter);
}

static void
test_per_event (JugglerTestFixture *fixture,
                gconstpointer       data)
{
  JugglerProgressCounter *counter = juggler_progress_counter_new (JUGGLER_PROGRESS_PER_EVENT,
                                                                  fixture->context);
  gboolean drained = FALSE;
  guint jobs_done;
  guint64 steps_done;

  juggler_progress_counter_set_drained_func (counter, drained_cb, &drained);

  /* Few enough to stay under the bound: every event arrives. */
  run_reporters (counter, 10, 2);
  g_assert_true (juggler_progress_counter_has_pending (counter));
  juggler_progress_counter_sample (counter, &jobs_done, &steps_done);
  g_assert_cmpuint (jobs_done, ==, 0);
  g_assert_cmpuint (steps_done, ==, 0);

  g_assert_true (juggler_test_iterate_until (&drained, 30));
  g_assert_false (juggler_progress_counter_has_pending (counter));
  juggler_progress_counter_sample (counter, &jobs_done, &steps_done);
  g_assert_cmpuint (jobs_done, ==, N_THREADS * 10);
  g_assert_cmpuint (steps_done, ==, N_THREADS * 10 * 2);
  g_assert_cmpuint (juggler_progress_counter_get_delivered (counter), ==, N_THREADS * 10 * 3);
  g_assert_cmpuint (juggler_progress_counter_get_dropped (counter), ==, 0);

  juggler_progress_counter_unref (counter);
}

static void
test_per_event_bounded (JugglerTestFixture *fixture,
                        gconstpointer       data)
{
  JugglerProgressCounter *counter = juggler_progress_counter_new (JUGGLER_PROGRESS_PER_EVENT,
                                                                  fixture->context);
  guint64 n_events = N_THREADS * 1000 * (5 + 1);
  gboolean drained = FALSE;
  guint jobs_done;
  guint64 steps_done;

  juggler_progress_counter_set_drained_func (counter, drained_cb, &drained);

  /* Nobody iterates while the threads report: past the bound, events are dropped. */
  run_reporters (counter, 1000, 5);
  g_assert_cmpuint (juggler_progress_counter_get_dropped (counter), ==,
                    n_events - JUGGLER_PROGRESS_MAX_PENDING_EVENTS);

  g_assert_true (juggler_test_iterate_until (&drained, 30));
  g_assert_cmpuint (juggler_progress_counter_get_delivered (counter), ==,
                    JUGGLER_PROGRESS_MAX_PENDING_EVENTS);
  juggler_progress_counter_sample (counter, &jobs_done, &steps_done);
  g_assert_cmpuint (steps_done + jobs_done, ==, JUGGLER_PROGRESS_MAX_PENDING_EVENTS);

  /* Dropped events carried progress too: settled, the counts are exact. */
  juggler_progress_counter_settle (counter);
  juggler_progress_counter_sample (counter, &jobs_done, &steps_done);
  g_assert_cmpuint (jobs_done, ==, N_THREADS * 1000);
  g_assert_cmpuint (steps_done, ==, N_THREADS * 1000 * 5);

  juggler_progress_counter_unref (counter);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  JUGGLER_TEST_ADD_RUN ("/core/progress-counter/coalesced", test_coalesced);
  JUGGLER_TEST_ADD_RUN ("/core/progress-counter/per-event", test_per_event);
  JUGGLER_TEST_ADD_RUN ("/core/progress-counter/per-event-bounded", test_per_event_bounded);

  return g_test_run ();
}
