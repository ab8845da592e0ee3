/* test-run.c: every strategy computes the same image; workers, the global lock and niceness
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-run"

#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <sched.h>
#include <sys/resource.h>
#include <unistd.h>

#include "juggler-test-run.h"
#include "juggler-test-workload.h"

static void
test_digest_all_strategies (JugglerTestFixture *fixture,
                            gconstpointer       data)
{
  g_autofree char *reference = juggler_test_reference_digest (37, 300);

  for (JugglerStrategy strategy = 0; strategy < JUGGLER_N_STRATEGIES; strategy++)
    {
      gboolean uses_workers = juggler_strategy_uses_workers (strategy);

      if (!juggler_strategy_supports (strategy, JUGGLER_WORKLOAD_CPU))
        continue;

      /* Cooperative and blocking ignore the worker count: once is enough for them. */
      for (guint n_workers = 1; n_workers <= (uses_workers ? 8 : 1); n_workers++)
        {
          JugglerMandelbrot *mandelbrot = juggler_test_small_mandelbrot (37, 300);
          JugglerRun *run = juggler_run_new (JUGGLER_WORKLOAD (mandelbrot), strategy, n_workers);
          g_autoptr(JugglerReport) report = NULL;
          JugglerJobCounter counter;

          g_test_message ("%s with %u workers", juggler_strategy_to_string (strategy), n_workers);
          juggler_job_counter_init (&counter, run);
          g_assert_cmpuint (juggler_run_get_n_workers (run), ==, n_workers);
          g_assert_cmpuint (juggler_run_get_strategy (run), ==, strategy);

          report = juggler_test_execute (run, NULL);

          g_assert_cmpstr (report->digest, ==, reference);
          g_assert_cmpstr (report->workload, ==, "cpu");
          g_assert_cmpstr (report->strategy, ==, juggler_strategy_to_string (strategy));
          g_assert_cmpuint (report->strategies->len, ==, 1);
          g_assert_false (report->cancelled);
          g_assert_cmpuint (report->switches, ==, 0);
          g_assert_cmpuint (report->workers, ==, n_workers);
          g_assert_cmpuint (report->jobs, ==,
                            juggler_workload_get_n_jobs (JUGGLER_WORKLOAD (mandelbrot)));
          g_assert_cmpuint (report->completed, ==, report->jobs);
          juggler_job_counter_assert_each_once (&counter);

          if (uses_workers)
            {
              /* Exactly N dedicated threads, never the UI thread; GLib sizes its shared
               * pool, and a thread per job is one thread per tile. */
              gboolean sized = strategy != JUGGLER_STRATEGY_SHARED_POOL &&
                               strategy != JUGGLER_STRATEGY_THREAD_PER_JOB;
              guint max_threads = sized ? n_workers : report->jobs;

              g_assert_cmpuint (report->threads_used, >=, 1);
              g_assert_cmpuint (report->threads_used, <=, max_threads);
              g_assert_cmpuint (counter.max_worker, <=, max_threads);
              g_assert_false (counter.main_thread_seen);

              /* Workers says what ran, not the setting those two ignore: the threads GLib
               * ran tiles on, or the most threads alive at once. */
              if (sized)
                g_assert_cmpuint (juggler_report_get_workers_used (report), ==, n_workers);
              else if (strategy == JUGGLER_STRATEGY_SHARED_POOL)
                g_assert_cmpuint (juggler_report_get_workers_used (report), ==,
                                  report->threads_used);
              else
                {
                  g_assert_cmpuint (report->peak_jobs_in_flight, >=, 1);
                  g_assert_cmpuint (report->peak_jobs_in_flight, <=, report->jobs);
                  g_assert_cmpuint (juggler_report_get_workers_used (report), ==,
                                    report->peak_jobs_in_flight);
                }
            }
          else
            {
              g_assert_cmpuint (report->threads_used, ==, 1);
              g_assert_cmpuint (counter.max_worker, ==, 0);
              g_assert_cmpuint (juggler_report_get_workers_used (report), ==, 1);
            }

          juggler_job_counter_clear (&counter);
          g_assert_finalize_object (run);
          g_assert_finalize_object (mandelbrot);
        }
    }
}

static void
run_empty_workload (JugglerStrategy strategy)
{
  TestWorkload *workload = test_workload_new (0, 1, 0, 0);
  JugglerRun *run = juggler_run_new (JUGGLER_WORKLOAD (workload), strategy, 2);
  g_autoptr(JugglerReport) report = juggler_test_execute (run, NULL);

  g_assert_false (report->cancelled);
  g_assert_cmpuint (report->jobs, ==, 0);
  g_assert_cmpuint (report->completed, ==, 0);

  g_assert_finalize_object (run);
  g_assert_finalize_object (workload);
}

static void
test_empty_workload (JugglerTestFixture *fixture,
                     gconstpointer       data)
{
  for (JugglerStrategy strategy = 0; strategy < JUGGLER_N_STRATEGIES; strategy++)
    if (juggler_strategy_supports (strategy, JUGGLER_WORKLOAD_CPU))
      run_empty_workload (strategy);
}

static guint
max_concurrency (JugglerStrategy strategy,
                 guint          *threads_used)
{
  /* Each step waits up to 50 ms, computing, for another thread to come in: under plain
   * threads an overlap is near certain even on a loaded machine. Under the global lock
   * a step ends at the lock's 5 ms switch interval instead. */
  TestWorkload *workload = test_workload_new (12, 4, 0, 50000);
  JugglerRun *run = juggler_run_new (JUGGLER_WORKLOAD (workload), strategy, 4);
  g_autoptr(JugglerReport) report = NULL;
  guint max;

  juggler_run_set_nice (run, FALSE);
  report = juggler_test_execute (run, NULL);

  g_assert_false (report->cancelled);
  g_assert_cmpuint (report->completed, ==, 12);
  for (guint i = 0; i < workload->n_jobs; i++)
    g_assert_cmpint (workload->merged[i], ==, 1);
  g_assert_cmpint (g_atomic_int_get (&workload->inside), ==, 0);
  *threads_used = report->threads_used;
  max = g_atomic_int_get (&workload->max_inside);

  g_assert_finalize_object (run);
  g_assert_finalize_object (workload);

  return max;
}

static void
test_global_lock_serialises (JugglerTestFixture *fixture,
                             gconstpointer       data)
{
  guint threads_used = 0;
  guint max;

  max = max_concurrency (JUGGLER_STRATEGY_THREADS, &threads_used);
  g_test_message ("threads: at most %u at once, %u threads", max, threads_used);
  g_assert_cmpuint (max, >, 1);
  g_assert_cmpuint (max, <=, 4);

  max = max_concurrency (JUGGLER_STRATEGY_GLOBAL_LOCK, &threads_used);
  g_test_message ("global-lock: at most %u at once, %u threads", max, threads_used);
  g_assert_cmpuint (max, ==, 1);
  /* Not vacuous: several threads took turns with the lock. */
  g_assert_cmpuint (threads_used, >, 1);
  g_assert_cmpuint (threads_used, <=, 4);
}

/* The nice value the kernel gives the calling thread. */
static int
thread_priority (void)
{
  int priority;

  errno = 0;
  priority = getpriority (PRIO_PROCESS, gettid ());
  g_assert_cmpint (errno, ==, 0);

  return priority;
}

static void
test_nice (JugglerTestFixture *fixture,
           gconstpointer       data)
{
  g_autofree char *reference = juggler_test_reference_digest (37, 300);
  static const JugglerStrategy strategies[] = {
    JUGGLER_STRATEGY_THREADS, JUGGLER_STRATEGY_GLOBAL_LOCK,
  };
  int ui_priority = thread_priority ();

  for (guint i = 0; i < G_N_ELEMENTS (strategies); i++)
    for (guint nice = 0; nice <= 1; nice++)
      {
        JugglerMandelbrot *mandelbrot = juggler_test_small_mandelbrot (37, 300);
        JugglerRun *run = juggler_run_new (JUGGLER_WORKLOAD (mandelbrot), strategies[i], 2);
        TestWorkload *workload = test_workload_new (8, 1, 0, 0);
        JugglerRun *observed = juggler_run_new (JUGGLER_WORKLOAD (workload), strategies[i], 2);
        g_autoptr(JugglerReport) report = NULL;
        g_autoptr(JugglerReport) observed_report = NULL;

        g_test_message ("%s, nice %u", juggler_strategy_to_string (strategies[i]), nice);
        juggler_run_set_nice (run, nice);
        report = juggler_test_execute (run, NULL);

        g_assert_cmpint (report->nice, ==, nice);
        g_assert_cmpuint (report->completed, ==, report->jobs);
        g_assert_cmpstr (report->digest, ==, reference);

        /* What the kernel says of the threads that stepped each job: nice 19, or the UI
         * thread's own priority when nice is off. */
        juggler_run_set_nice (observed, nice);
        observed_report = juggler_test_execute (observed, NULL);
        g_assert_cmpuint (observed_report->completed, ==, workload->n_jobs);
        for (guint j = 0; j < workload->n_jobs; j++)
          {
            g_assert_cmpint (workload->tids[j], !=, gettid ());
            g_assert_cmpint (workload->priorities[j], ==, nice ? 19 : ui_priority);
          }
        /* Renicing the workers leaves the UI thread alone. */
        g_assert_cmpint (thread_priority (), ==, ui_priority);

        g_assert_finalize_object (observed);
        g_assert_finalize_object (workload);
        g_assert_finalize_object (run);
        g_assert_finalize_object (mandelbrot);
      }
}

/* Threads of this process whose name starts with prefix, as the kernel lists them. */
static guint
count_threads_named (const char *prefix)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/task", 0, NULL);
  const char *tid;
  guint n = 0;

  g_assert_nonnull (dir);
  while ((tid = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename ("/proc/self/task", tid, "comm", NULL);
      g_autofree char *comm = NULL;

      /* A thread that ended since the listing has no file left. */
      if (g_file_get_contents (path, &comm, NULL, NULL) && g_str_has_prefix (comm, prefix))
        n++;
    }

  return n;
}

/* A thread per job is born at the low priority, not raised to it: at nice 19 and with the
 * idle policy from its first step, started by a thread other than the UI thread, which
 * keeps its own priority; without nice, at the UI thread's priority. Every thread the run
 * started ends after it. */
static void
test_thread_per_job_born_low (JugglerTestFixture *fixture,
                              gconstpointer       data)
{
  int ui_priority = thread_priority ();
  int ui_policy = sched_getscheduler (0);

  for (guint nice = 0; nice <= 1; nice++)
    {
      TestWorkload *workload = test_workload_new (64, 1, 0, 0);
      JugglerRun *run = juggler_run_new (JUGGLER_WORKLOAD (workload),
                                         JUGGLER_STRATEGY_THREAD_PER_JOB, 1);
      g_autoptr(JugglerReport) report = NULL;
      g_autoptr(GHashTable) tids = g_hash_table_new (NULL, NULL);
      gint64 give_up;

      g_test_message ("nice %u", nice);
      juggler_run_set_nice (run, nice);
      report = juggler_test_execute (run, NULL);
      g_assert_cmpuint (report->completed, ==, workload->n_jobs);
      for (guint j = 0; j < workload->n_jobs; j++)
        {
          g_assert_cmpint (workload->tids[j], !=, gettid ());
          g_assert_cmpint (workload->priorities[j], ==, nice ? 19 : ui_priority);
          g_assert_cmpint (workload->policies[j], ==, nice ? SCHED_IDLE : ui_policy);
          g_hash_table_add (tids, GINT_TO_POINTER (workload->tids[j]));
        }
      /* A thread each: the kernel may hand a thread id on, but not this soon. */
      g_assert_cmpuint (g_hash_table_size (tids), ==, workload->n_jobs);
      g_assert_cmpint (thread_priority (), ==, ui_priority);
      g_assert_cmpint (sched_getscheduler (0), ==, ui_policy);

      g_assert_finalize_object (run);
      g_assert_finalize_object (workload);

      /* The spawner ends once told, after joining the last threads: not a timing bound,
       * only a test that fails instead of hanging. */
      give_up = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
      while ((count_threads_named ("juggler-job") > 0 ||
              count_threads_named ("juggler-spawner") > 0) &&
             g_get_monotonic_time () < give_up)
        g_usleep (1000);
      g_assert_cmpuint (count_threads_named ("juggler-job"), ==, 0);
      g_assert_cmpuint (count_threads_named ("juggler-spawner"), ==, 0);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  JUGGLER_TEST_ADD_RUN ("/core/run/digest-all-strategies", test_digest_all_strategies);
  JUGGLER_TEST_ADD_RUN ("/core/run/empty-workload", test_empty_workload);
  JUGGLER_TEST_ADD_RUN ("/core/run/global-lock-serialises", test_global_lock_serialises);
  JUGGLER_TEST_ADD_RUN ("/core/run/nice", test_nice);
  JUGGLER_TEST_ADD_RUN ("/core/run/thread-per-job-born-low", test_thread_per_job_born_low);

  return g_test_run ();
}
