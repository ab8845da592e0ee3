/* test-run-switch.c: switching strategy mid-run, by hand and on a timer, loses and repeats nothing
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-run-switch"

#include "config.h"

#include <unistd.h>

#include "juggler-test-run.h"
#include "juggler-test-workload.h"

static void
test_switch_every (JugglerTestFixture *fixture,
                   gconstpointer       data)
{
  g_autofree char *reference = juggler_test_reference_digest (16, 1000);
  JugglerMandelbrot *mandelbrot = juggler_test_small_mandelbrot (16, 1000);
  JugglerRun *run = juggler_run_new (JUGGLER_WORKLOAD (mandelbrot), JUGGLER_STRATEGY_THREADS, 2);
  g_autoptr(JugglerReport) report = NULL;
  JugglerStrategy expected = JUGGLER_STRATEGY_THREADS;
  JugglerJobCounter counter;

  juggler_job_counter_init (&counter, run);
  juggler_run_set_switch_every (run, 2);

  report = juggler_test_execute (run, NULL);

  g_test_message ("%u switches", report->switches);
  g_assert_cmpuint (report->switches, >, 0);
  g_assert_cmpuint (report->strategies->len, ==, report->switches + 1);
  g_assert_cmpstr (report->strategy, ==, "threads");
  /* The rotation order: the strategies that serve CPU work in enum order, threads →
   * cooperative → blocking → global-lock → shared-pool → thread-per-job → threads. */
  g_assert_cmpint (juggler_strategy_next (JUGGLER_STRATEGY_THREADS, JUGGLER_WORKLOAD_CPU), ==,
                   JUGGLER_STRATEGY_COOPERATIVE);
  g_assert_cmpint (juggler_strategy_next (JUGGLER_STRATEGY_COOPERATIVE, JUGGLER_WORKLOAD_CPU), ==,
                   JUGGLER_STRATEGY_BLOCKING);
  g_assert_cmpint (juggler_strategy_next (JUGGLER_STRATEGY_BLOCKING, JUGGLER_WORKLOAD_CPU), ==,
                   JUGGLER_STRATEGY_GLOBAL_LOCK);
  for (guint i = 0; i < report->strategies->len; i++)
    {
      g_assert_cmpstr (g_ptr_array_index (report->strategies, i), ==,
                       juggler_strategy_to_string (expected));
      expected = juggler_strategy_next (expected, JUGGLER_WORKLOAD_CPU);
    }
  g_assert_false (report->cancelled);
  g_assert_cmpuint (report->completed, ==, report->jobs);
  g_assert_cmpstr (report->digest, ==, reference);
  juggler_job_counter_assert_each_once (&counter);

  juggler_job_counter_clear (&counter);
  g_assert_finalize_object (run);
  g_assert_finalize_object (mandelbrot);
}

static void
strategy_notify_cb (GObject    *object,
                    GParamSpec *pspec,
                    gpointer    user_data)
{
  guint *n_notifies = user_data;

  (*n_notifies)++;
}

static void
test_switch_strategy (JugglerTestFixture *fixture,
                      gconstpointer       data)
{
  g_autofree char *reference = juggler_test_reference_digest (37, 300);

  /* Every ordered pair of strategies, switching after the third job. */
  for (JugglerStrategy from = 0; from < JUGGLER_N_STRATEGIES; from++)
    for (JugglerStrategy to = 0; to < JUGGLER_N_STRATEGIES; to++)
      {
        JugglerMandelbrot *mandelbrot;
        JugglerRun *run;
        g_autoptr(JugglerReport) report = NULL;
        JugglerJobCounter counter;
        guint n_notifies = 0;

        if (from == to || !juggler_strategy_supports (from, JUGGLER_WORKLOAD_CPU) ||
            !juggler_strategy_supports (to, JUGGLER_WORKLOAD_CPU))
          continue;

        g_test_message ("%s -> %s", juggler_strategy_to_string (from),
                        juggler_strategy_to_string (to));
        mandelbrot = juggler_test_small_mandelbrot (37, 300);
        run = juggler_run_new (JUGGLER_WORKLOAD (mandelbrot), from, 3);
        juggler_job_counter_init (&counter, run);
        counter.switch_after = 3;
        counter.switch_to = to;
        g_signal_connect (run, "notify::strategy", G_CALLBACK (strategy_notify_cb), &n_notifies);

        report = juggler_test_execute (run, NULL);

        g_assert_cmpuint (n_notifies, ==, 1);
        g_assert_cmpuint (juggler_run_get_strategy (run), ==, to);
        g_assert_cmpuint (report->switches, ==, 1);
        g_assert_cmpuint (report->strategies->len, ==, 2);
        g_assert_cmpstr (report->strategy, ==, juggler_strategy_to_string (from));
        g_assert_cmpstr (g_ptr_array_index (report->strategies, 1), ==,
                         juggler_strategy_to_string (to));
        g_assert_cmpuint (report->completed, ==, report->jobs);
        g_assert_false (report->cancelled);
        g_assert_cmpstr (report->digest, ==, reference);
        juggler_job_counter_assert_each_once (&counter);
        /* Jobs after the switch ran on the UI thread when the new strategy uses none; the
         * shared pool and a thread per job start every job at once, so none may be left. */
        if (!juggler_strategy_uses_workers (to) && from != JUGGLER_STRATEGY_SHARED_POOL &&
            from != JUGGLER_STRATEGY_THREAD_PER_JOB)
          g_assert_true (counter.main_thread_seen);

        juggler_job_counter_clear (&counter);
        g_assert_finalize_object (run);
        g_assert_finalize_object (mandelbrot);
      }
}

static void
test_switch_before_start (JugglerTestFixture *fixture,
                          gconstpointer       data)
{
  g_autofree char *reference = juggler_test_reference_digest (37, 300);
  JugglerMandelbrot *mandelbrot = juggler_test_small_mandelbrot (37, 300);
  JugglerRun *run = juggler_run_new (JUGGLER_WORKLOAD (mandelbrot), JUGGLER_STRATEGY_THREADS, 2);
  g_autoptr(JugglerReport) report = NULL;

  /* Before the start, a switch only picks the strategy to start with. */
  juggler_run_switch_strategy (run, JUGGLER_STRATEGY_COOPERATIVE);
  g_assert_cmpuint (juggler_run_get_strategy (run), ==, JUGGLER_STRATEGY_COOPERATIVE);
  report = juggler_test_execute (run, NULL);

  g_assert_cmpuint (report->switches, ==, 0);
  g_assert_cmpstr (report->strategy, ==, "cooperative");
  g_assert_cmpuint (report->completed, ==, report->jobs);
  g_assert_cmpstr (report->digest, ==, reference);

  g_assert_finalize_object (run);
  g_assert_finalize_object (mandelbrot);
}

typedef struct
{
  TestWorkload *workload;
  guint         n_done;
  guint         second_switch_at;  /* n_done when the run went back to threads */
  int          *tid_of_number;     /* worker number → kernel thread id */
  GHashTable   *number_of_tid;     /* kernel thread id → worker number */
  GHashTable   *tids_before;       /* threads that delivered before the second switch */
  guint         n_new_tids;        /* threads first seen after it */
  gboolean      ui_thread_done;    /* a job was done on the UI thread */
} Numbering;

static void
numbering_job_done_cb (JugglerRun *run,
                       guint       index,
                       guint       worker,
                       gpointer    user_data)
{
  Numbering *numbering = user_data;
  int tid = numbering->workload->tids[index];
  gpointer number;

  numbering->n_done++;

  if (worker == 0)
    {
      g_assert_cmpint (tid, ==, gettid ());
      numbering->ui_thread_done = TRUE;
    }
  else
    {
      /* One thread per number and one number per thread, across both pools. */
      g_assert_cmpuint (worker, <=, JUGGLER_MAX_WORKERS);
      if (numbering->tid_of_number[worker] == 0)
        numbering->tid_of_number[worker] = tid;
      g_assert_cmpint (numbering->tid_of_number[worker], ==, tid);
      if (g_hash_table_lookup_extended (numbering->number_of_tid, GINT_TO_POINTER (tid), NULL,
                                        &number))
        g_assert_cmpuint (GPOINTER_TO_UINT (number), ==, worker);
      else
        g_hash_table_insert (numbering->number_of_tid, GINT_TO_POINTER (tid),
                             GUINT_TO_POINTER (worker));
    }

  if (numbering->second_switch_at == 0)
    g_hash_table_add (numbering->tids_before, GINT_TO_POINTER (tid));
  else if (!g_hash_table_contains (numbering->tids_before, GINT_TO_POINTER (tid)))
    {
      g_hash_table_add (numbering->tids_before, GINT_TO_POINTER (tid));
      numbering->n_new_tids++;
    }

  if (numbering->n_done == 6)
    juggler_run_switch_strategy (run, JUGGLER_STRATEGY_COOPERATIVE);
  if (numbering->n_done == 12)
    {
      /* GLib keeps up to two idle pool threads for the next pool: with more workers the
       * new pool also starts new threads, which may get a dead thread's GThread address. */
      juggler_run_set_n_workers (run, 6);
      juggler_run_switch_strategy (run, JUGGLER_STRATEGY_THREADS);
      numbering->second_switch_at = numbering->n_done;
    }
}

static void
test_switch_back_numbers_workers (JugglerTestFixture *fixture,
                                  gconstpointer       data)
{
  /* Each job computes for 2 ms, so the second pool has jobs left to take. */
  TestWorkload *workload = test_workload_new (60, 1, 2000, 0);
  JugglerRun *run = juggler_run_new (JUGGLER_WORKLOAD (workload), JUGGLER_STRATEGY_THREADS, 4);
  g_autoptr(JugglerReport) report = NULL;
  g_autoptr(GHashTable) number_of_tid = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) tids_before = g_hash_table_new (NULL, NULL);
  g_autofree int *tid_of_number = g_new0 (int, JUGGLER_MAX_WORKERS + 1);
  Numbering numbering = { workload, 0, 0, tid_of_number, number_of_tid, tids_before, 0 };
  guint n_numbers = 0;

  /* threads → cooperative → threads: the first pool is gone when the second starts. A
   * thread keeps its number (one number per thread, one thread per number) and every
   * thread counts once in threads_used. */
  juggler_run_set_nice (run, FALSE);
  g_signal_connect (run, "job-done", G_CALLBACK (numbering_job_done_cb), &numbering);
  report = juggler_test_execute (run, NULL);

  g_assert_cmpuint (report->completed, ==, workload->n_jobs);
  g_assert_cmpuint (report->switches, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (report->strategies, 2), ==, "threads");
  for (guint i = 0; i < workload->n_jobs; i++)
    g_assert_cmpint (workload->merged[i], ==, 1);

  /* Numbers are dense, 1 to the number of worker threads that delivered. */
  while (tid_of_number[n_numbers + 1] != 0)
    n_numbers++;
  g_assert_cmpuint (n_numbers, ==, g_hash_table_size (number_of_tid));
  for (guint i = n_numbers + 1; i <= JUGGLER_MAX_WORKERS; i++)
    g_assert_cmpint (tid_of_number[i], ==, 0);
  g_test_message ("%u worker threads, %u of them new after the switch back, threads_used %u",
                  n_numbers, numbering.n_new_tids, report->threads_used);
  /* Every worker thread, and the UI thread for the cooperative jobs: on a busy machine the
   * first pool's jobs already handed to its threads may be all the cooperative part gets. */
  g_assert_cmpuint (report->threads_used, ==, n_numbers + (numbering.ui_thread_done ? 1 : 0));

  g_assert_finalize_object (run);
  g_assert_finalize_object (workload);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  JUGGLER_TEST_ADD_RUN ("/core/run/switch-every", test_switch_every);
  JUGGLER_TEST_ADD_RUN ("/core/run/switch-strategy", test_switch_strategy);
  JUGGLER_TEST_ADD_RUN ("/core/run/switch-before-start", test_switch_before_start);
  JUGGLER_TEST_ADD_RUN ("/core/run/switch-back-numbers-workers", test_switch_back_numbers_workers);

  return g_test_run ();
}
