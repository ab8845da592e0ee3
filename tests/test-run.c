/* test-run.c: runs under every strategy, switches, cancellation, progress and reports
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "juggler-mandelbrot.h"
#include "juggler-report.h"
#include "juggler-run.h"
#include "juggler-test-run.h"
#include "juggler-types.h"

/* ------------------------------------------------------------------------------------ */
/* A workload that watches how many threads are inside job_step() at the same time.     */

#define TEST_TYPE_WORKLOAD (test_workload_get_type ())
G_DECLARE_FINAL_TYPE (TestWorkload, test_workload, TEST, WORKLOAD, JugglerWorkload)

struct _TestWorkload
{
  JugglerWorkload parent_instance;

  guint    n_jobs;
  guint    units;          /* steps per job */
  gint64   min_unit_us;    /* every unit computes at least this long */
  gint64   wait_us;        /* and up to this long while no other thread has come in */
  guint    flood_index;    /* this job claims flood_steps extra progress steps */
  guint    flood_steps;

  int      inside;
  int      max_inside;
  int      created;
  int      freed;
  int      flooded;
  int      ui_held;        /* set by the UI thread once it stops dispatching */
  int     *merged;
};

typedef struct
{
  TestWorkload *workload;  /* not a reference: jobs never outlive their run */
  guint         index;
  guint         units_done;
  double        sum;
} TestJob;

G_DEFINE_FINAL_TYPE (TestWorkload, test_workload, JUGGLER_TYPE_WORKLOAD)

static const char *
test_workload_get_name (JugglerWorkload *workload)
{
  return "test";
}

static guint
test_workload_get_n_jobs (JugglerWorkload *workload)
{
  return TEST_WORKLOAD (workload)->n_jobs;
}

static guint64
test_workload_get_n_steps (JugglerWorkload *workload)
{
  TestWorkload *self = TEST_WORKLOAD (workload);
  guint64 n = (guint64) self->n_jobs * self->units;

  if (self->flood_index < self->n_jobs)
    n += self->flood_steps;

  return n;
}

static gpointer
test_workload_job_new (JugglerWorkload *workload,
                       guint            index)
{
  TestWorkload *self = TEST_WORKLOAD (workload);
  TestJob *job = g_new0 (TestJob, 1);

  job->workload = self;
  job->index = index;
  g_atomic_int_inc (&self->created);

  return job;
}

static void
note_inside (TestWorkload *self,
             int           n)
{
  int max = g_atomic_int_get (&self->max_inside);

  while (n > max && !g_atomic_int_compare_and_exchange (&self->max_inside, max, n))
    max = g_atomic_int_get (&self->max_inside);
}

static gboolean
test_workload_job_step (JugglerWorkload *workload,
                        gpointer         data,
                        gint64           deadline_us,
                        GCancellable    *cancellable,
                        guint           *n_steps)
{
  TestWorkload *self = TEST_WORKLOAD (workload);
  TestJob *job = data;

  note_inside (self, g_atomic_int_add (&self->inside, 1) + 1);

  while (job->units_done < self->units && !g_cancellable_is_cancelled (cancellable))
    {
      gint64 start = g_get_monotonic_time ();
      gint64 now;

      /* Real work, so the thread is really computing while it waits for company. */
      do
        {
          for (guint i = 0; i < 200; i++)
            job->sum += sqrt (job->sum + i);
          now = g_get_monotonic_time ();
        }
      while (now < deadline_us && !g_cancellable_is_cancelled (cancellable) &&
             (now - start < self->min_unit_us ||
              (g_atomic_int_get (&self->max_inside) < 2 && now - start < self->wait_us)));

      job->units_done++;
      (*n_steps)++;
      if (now >= deadline_us)
        break;
    }

  if (job->units_done == self->units && job->index == self->flood_index)
    {
      gint64 give_up = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

      /* Flood only while the UI thread is held, or it drains the events as they come. */
      while (!g_atomic_int_get (&self->ui_held) && g_get_monotonic_time () < give_up)
        g_usleep (1000);
      *n_steps += self->flood_steps;
      g_atomic_int_set (&self->flooded, TRUE);
    }

  g_atomic_int_add (&self->inside, -1);

  return job->units_done == self->units;
}

static void
test_workload_job_merge (JugglerWorkload *workload,
                         gpointer         data)
{
  TestWorkload *self = TEST_WORKLOAD (workload);
  TestJob *job = data;

  g_assert_cmpuint (job->units_done, ==, self->units);
  self->merged[job->index]++;
}

static void
test_workload_job_free (gpointer data)
{
  TestJob *job = data;

  g_atomic_int_inc (&job->workload->freed);
  g_free (job);
}

static char *
test_workload_dup_digest (JugglerWorkload *workload)
{
  TestWorkload *self = TEST_WORKLOAD (workload);
  GString *digest = g_string_new (NULL);

  for (guint i = 0; i < self->n_jobs; i++)
    g_string_append_printf (digest, "%d", self->merged[i]);

  return g_string_free (digest, FALSE);
}

static void
test_workload_finalize (GObject *object)
{
  TestWorkload *self = TEST_WORKLOAD (object);

  g_free (self->merged);

  G_OBJECT_CLASS (test_workload_parent_class)->finalize (object);
}

static void
test_workload_class_init (TestWorkloadClass *klass)
{
  JugglerWorkloadClass *workload_class = JUGGLER_WORKLOAD_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = test_workload_finalize;

  workload_class->get_name = test_workload_get_name;
  workload_class->get_n_jobs = test_workload_get_n_jobs;
  workload_class->get_n_steps = test_workload_get_n_steps;
  workload_class->job_new = test_workload_job_new;
  workload_class->job_step = test_workload_job_step;
  workload_class->job_merge = test_workload_job_merge;
  workload_class->job_free = test_workload_job_free;
  workload_class->dup_digest = test_workload_dup_digest;
}

static void
test_workload_init (TestWorkload *self)
{
  self->flood_index = G_MAXUINT;
}

static TestWorkload *
test_workload_new (guint  n_jobs,
                   guint  units,
                   gint64 min_unit_us,
                   gint64 wait_us)
{
  TestWorkload *self = g_object_new (TEST_TYPE_WORKLOAD, NULL);

  self->n_jobs = n_jobs;
  self->units = units;
  self->min_unit_us = min_unit_us;
  self->wait_us = wait_us;
  self->merged = g_new0 (int, MAX (n_jobs, 1));

  return self;
}


typedef struct
{
  GMainContext *context;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->context = g_main_context_new ();
  g_main_context_push_thread_default (fixture->context);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  while (g_main_context_iteration (fixture->context, FALSE))
    ;
  g_main_context_pop_thread_default (fixture->context);
  g_main_context_unref (fixture->context);
}

static JugglerMandelbrot *
small_mandelbrot (guint tile_size,
                  guint iterations)
{
  g_autoptr(GError) error = NULL;
  JugglerMandelbrot *mandelbrot;

  mandelbrot = juggler_mandelbrot_new (333, 217, tile_size, iterations, NULL, &error);
  g_assert_no_error (error);

  return mandelbrot;
}

static char *
reference_digest (guint tile_size,
                  guint iterations)
{
  JugglerMandelbrot *mandelbrot = small_mandelbrot (tile_size, iterations);
  char *digest;

  juggler_workload_run_serial (JUGGLER_WORKLOAD (mandelbrot));
  digest = juggler_workload_dup_digest (JUGGLER_WORKLOAD (mandelbrot));
  g_assert_finalize_object (mandelbrot);

  return digest;
}

/* Counts "job-done" per index and checks the worker numbers. */
typedef struct
{
  JugglerRun *run;
  guint      *per_index;
  guint       n_jobs;
  guint       total;
  guint       max_worker;
  gboolean    main_thread_seen;
  /* Optional actions after the n-th job. */
  guint       cancel_after;
  guint       switch_after;
  JugglerStrategy switch_to;
  GCancellable *cancellable;
} JobCounter;

static void
job_done_cb (JugglerRun *run,
             guint       index,
             guint       worker,
             gpointer    user_data)
{
  JobCounter *counter = user_data;

  g_assert_true (run == counter->run);
  g_assert_cmpuint (index, <, counter->n_jobs);
  counter->per_index[index]++;
  counter->total++;
  counter->max_worker = MAX (counter->max_worker, worker);
  if (worker == 0)
    counter->main_thread_seen = TRUE;

  if (counter->total == counter->switch_after)
    juggler_run_switch_strategy (run, counter->switch_to);
  if (counter->total == counter->cancel_after)
    g_cancellable_cancel (counter->cancellable);
}

static void
job_counter_init (JobCounter *counter,
                  JugglerRun *run)
{
  *counter = (JobCounter) { 0 };
  counter->run = run;
  counter->n_jobs = juggler_workload_get_n_jobs (juggler_run_get_workload (run));
  counter->per_index = g_new0 (guint, MAX (counter->n_jobs, 1));
  counter->cancel_after = G_MAXUINT;
  counter->switch_after = G_MAXUINT;
  g_signal_connect (run, "job-done", G_CALLBACK (job_done_cb), counter);
}

static void
job_counter_assert_each_once (JobCounter *counter)
{
  for (guint i = 0; i < counter->n_jobs; i++)
    g_assert_cmpuint (counter->per_index[i], ==, 1);
  g_assert_cmpuint (counter->total, ==, counter->n_jobs);
}

static void
job_counter_assert_at_most_once (JobCounter *counter)
{
  for (guint i = 0; i < counter->n_jobs; i++)
    g_assert_cmpuint (counter->per_index[i], <=, 1);
}

static void
job_counter_clear (JobCounter *counter)
{
  g_clear_pointer (&counter->per_index, g_free);
}

/* ------------------------------------------------------------------------------------ */

static void
test_digest_all_strategies (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *reference = reference_digest (37, 300);

  for (JugglerStrategy strategy = 0; strategy < JUGGLER_N_STRATEGIES; strategy++)
    {
      if (!juggler_strategy_supports (strategy, JUGGLER_WORKLOAD_CPU))
        continue;
      gboolean uses_workers = juggler_strategy_uses_workers (strategy);

      /* Cooperative and blocking ignore the worker count: once is enough for them. */
      for (guint n_workers = 1; n_workers <= (uses_workers ? 8 : 1); n_workers++)
        {
          JugglerMandelbrot *mandelbrot = small_mandelbrot (37, 300);
          JugglerRun *run = juggler_run_new (JUGGLER_WORKLOAD (mandelbrot), strategy, n_workers);
          g_autoptr(JugglerReport) report = NULL;
          JobCounter counter;

          g_test_message ("%s with %u workers", juggler_strategy_to_string (strategy), n_workers);
          job_counter_init (&counter, run);
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
          g_assert_cmpuint (report->jobs, ==, juggler_workload_get_n_jobs (JUGGLER_WORKLOAD (mandelbrot)));
          g_assert_cmpuint (report->completed, ==, report->jobs);
          job_counter_assert_each_once (&counter);

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
            }
          else
            {
              g_assert_cmpuint (report->threads_used, ==, 1);
              g_assert_cmpuint (counter.max_worker, ==, 0);
            }

          job_counter_clear (&counter);
          g_assert_finalize_object (run);
          g_assert_finalize_object (mandelbrot);
        }
    }
}

static void
test_switch_every (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *reference = reference_digest (16, 1000);
  JugglerMandelbrot *mandelbrot = small_mandelbrot (16, 1000);
  JugglerRun *run = juggler_run_new (JUGGLER_WORKLOAD (mandelbrot), JUGGLER_STRATEGY_THREADS, 2);
  g_autoptr(JugglerReport) report = NULL;
  JobCounter counter;

  job_counter_init (&counter, run);
  juggler_run_set_switch_every (run, 2);

  report = juggler_test_execute (run, NULL);

  g_test_message ("%u switches", report->switches);
  g_assert_cmpuint (report->switches, >, 0);
  g_assert_cmpuint (report->strategies->len, ==, report->switches + 1);
  g_assert_cmpstr (report->strategy, ==, "threads");
  /* The rotation order: threads → cooperative → blocking → global-lock → threads; the
   * strategies that serve CPU work are the first four of the enum. */
  for (guint i = 0; i < report->strategies->len; i++)
    g_assert_cmpstr (g_ptr_array_index (report->strategies, i), ==,
                     juggler_strategy_to_string (i % (JUGGLER_STRATEGY_GLOBAL_LOCK + 1)));
  g_assert_false (report->cancelled);
  g_assert_cmpuint (report->completed, ==, report->jobs);
  g_assert_cmpstr (report->digest, ==, reference);
  job_counter_assert_each_once (&counter);

  job_counter_clear (&counter);
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
test_switch_strategy (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *reference = reference_digest (37, 300);

  /* Every ordered pair of strategies, switching after the third job. */
  for (JugglerStrategy from = 0; from < JUGGLER_N_STRATEGIES; from++)
    for (JugglerStrategy to = 0; to < JUGGLER_N_STRATEGIES; to++)
      {
        if (!juggler_strategy_supports (from, JUGGLER_WORKLOAD_CPU) ||
            !juggler_strategy_supports (to, JUGGLER_WORKLOAD_CPU))
          continue;
        JugglerMandelbrot *mandelbrot;
        JugglerRun *run;
        g_autoptr(JugglerReport) report = NULL;
        JobCounter counter;
        guint n_notifies = 0;

        if (from == to)
          continue;

        g_test_message ("%s -> %s", juggler_strategy_to_string (from),
                        juggler_strategy_to_string (to));
        mandelbrot = small_mandelbrot (37, 300);
        run = juggler_run_new (JUGGLER_WORKLOAD (mandelbrot), from, 3);
        job_counter_init (&counter, run);
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
        job_counter_assert_each_once (&counter);
        /* Jobs after the switch ran on the UI thread when the new strategy uses none; the
         * shared pool and a thread per job start every job at once, so none may be left. */
        if (!juggler_strategy_uses_workers (to) && from != JUGGLER_STRATEGY_SHARED_POOL &&
            from != JUGGLER_STRATEGY_THREAD_PER_JOB)
          g_assert_true (counter.main_thread_seen);

        job_counter_clear (&counter);
        g_assert_finalize_object (run);
        g_assert_finalize_object (mandelbrot);
      }
}

static void
test_switch_before_start (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *reference = reference_digest (37, 300);
  JugglerMandelbrot *mandelbrot = small_mandelbrot (37, 300);
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

static void
test_cancel_from_job_done (Fixture       *fixture,
                           gconstpointer  data)
{
  for (JugglerStrategy strategy = 0; strategy < JUGGLER_N_STRATEGIES; strategy++)
    {
      if (!juggler_strategy_supports (strategy, JUGGLER_WORKLOAD_CPU))
        continue;
      JugglerMandelbrot *mandelbrot = small_mandelbrot (16, 300);
      JugglerRun *run = juggler_run_new (JUGGLER_WORKLOAD (mandelbrot), strategy, 2);
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_autoptr(JugglerReport) report = NULL;
      JobCounter counter;

      g_test_message ("%s", juggler_strategy_to_string (strategy));
      job_counter_init (&counter, run);
      counter.cancel_after = 5;
      counter.cancellable = cancellable;

      report = juggler_test_execute (run, cancellable);

      g_assert_true (report->cancelled);
      g_assert_cmpuint (report->completed, >=, 5);
      g_assert_cmpuint (report->completed, <, report->jobs);
      g_assert_cmpuint (report->completed, ==, counter.total);
      /* Only jobs already in flight may still land: two per worker at most (the shared
       * pool and a thread per job have every job in flight at once). */
      if (strategy != JUGGLER_STRATEGY_SHARED_POOL && strategy != JUGGLER_STRATEGY_THREAD_PER_JOB)
        g_assert_cmpuint (report->completed, <=, 5 + 2 * 2);
      job_counter_assert_at_most_once (&counter);

      job_counter_clear (&counter);
      g_assert_finalize_object (run);
      g_assert_finalize_object (mandelbrot);
    }
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel_from_timeout (Fixture       *fixture,
                          gconstpointer  data)
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
      JobCounter counter;

      g_test_message ("%s", juggler_strategy_to_string (strategies[i]));
      job_counter_init (&counter, run);
      g_source_set_callback (timeout, cancel_cb, cancellable, NULL);
      g_source_attach (timeout, fixture->context);

      report = juggler_test_execute (run, cancellable);

      g_assert_true (report->cancelled);
      g_assert_cmpuint (report->completed, <, report->jobs);
      g_assert_cmpuint (report->completed, ==, counter.total);
      job_counter_assert_at_most_once (&counter);
      for (guint j = 0; j < workload->n_jobs; j++)
        g_assert_cmpint (workload->merged[j], ==, (int) counter.per_index[j]);

      job_counter_clear (&counter);
      g_assert_finalize_object (run);
      /* Every job the run created, it freed. */
      g_assert_cmpint (workload->created, ==, workload->freed);
      g_assert_finalize_object (workload);
    }
}

static void
test_cancel_before_start (Fixture       *fixture,
                          gconstpointer  data)
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
test_cancel_after_switch (Fixture       *fixture,
                          gconstpointer  data)
{
  /* Switching away from threads hands queued, unstarted jobs back to the run; a cancel
   * right after must still free them. Repeat: which jobs are queued depends on timing. */
  for (guint i = 0; i < 5; i++)
    {
      TestWorkload *workload = test_workload_new (100, 1, 3000, 0);
      JugglerRun *run = juggler_run_new (JUGGLER_WORKLOAD (workload), JUGGLER_STRATEGY_THREADS, 2);
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_autoptr(JugglerReport) report = NULL;
      JobCounter counter;

      juggler_run_set_nice (run, FALSE);
      job_counter_init (&counter, run);
      counter.switch_after = 3;
      counter.switch_to = i % 2 == 0 ? JUGGLER_STRATEGY_COOPERATIVE : JUGGLER_STRATEGY_GLOBAL_LOCK;
      counter.cancel_after = 3;
      counter.cancellable = cancellable;

      report = juggler_test_execute (run, cancellable);

      g_assert_true (report->cancelled);
      g_assert_cmpuint (report->completed, <, report->jobs);
      job_counter_assert_at_most_once (&counter);

      job_counter_clear (&counter);
      g_assert_finalize_object (run);
      g_test_message ("round %u: %d jobs created, %d freed", i, workload->created, workload->freed);
      g_assert_cmpint (workload->created, ==, workload->freed);
      g_assert_finalize_object (workload);
    }
}

static void
test_empty_workload (Fixture       *fixture,
                     gconstpointer  data)
{
  for (JugglerStrategy strategy = 0; strategy < JUGGLER_N_STRATEGIES; strategy++)
    {
      if (!juggler_strategy_supports (strategy, JUGGLER_WORKLOAD_CPU))
        continue;
      TestWorkload *workload = test_workload_new (0, 1, 0, 0);
      JugglerRun *run = juggler_run_new (JUGGLER_WORKLOAD (workload), strategy, 2);
      g_autoptr(JugglerReport) report = juggler_test_execute (run, NULL);

      g_assert_false (report->cancelled);
      g_assert_cmpuint (report->jobs, ==, 0);
      g_assert_cmpuint (report->completed, ==, 0);

      g_assert_finalize_object (run);
      g_assert_finalize_object (workload);
    }
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
test_global_lock_serialises (Fixture       *fixture,
                             gconstpointer  data)
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

static void
test_nice (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *reference = reference_digest (37, 300);
  static const JugglerStrategy strategies[] = {
    JUGGLER_STRATEGY_THREADS, JUGGLER_STRATEGY_GLOBAL_LOCK,
  };

  for (guint i = 0; i < G_N_ELEMENTS (strategies); i++)
    for (guint nice = 0; nice <= 1; nice++)
      {
        JugglerMandelbrot *mandelbrot = small_mandelbrot (37, 300);
        JugglerRun *run = juggler_run_new (JUGGLER_WORKLOAD (mandelbrot), strategies[i], 2);
        g_autoptr(JugglerReport) report = NULL;

        juggler_run_set_nice (run, nice);
        report = juggler_test_execute (run, NULL);

        g_assert_cmpint (report->nice, ==, nice);
        g_assert_cmpuint (report->completed, ==, report->jobs);
        g_assert_cmpstr (report->digest, ==, reference);

        g_assert_finalize_object (run);
        g_assert_finalize_object (mandelbrot);
      }
}

typedef struct
{
  JugglerRun     *run;
  JugglerProgress last;
  guint           n_samples;
} Sampler;

static gboolean
sample_cb (gpointer user_data)
{
  Sampler *sampler = user_data;
  JugglerProgress progress;

  juggler_run_sample (sampler->run, &progress);

  /* Progress only grows and never passes the totals. */
  g_assert_cmpuint (progress.jobs_total, ==, sampler->last.jobs_total);
  g_assert_cmpuint (progress.steps_total, ==, sampler->last.steps_total);
  g_assert_cmpuint (progress.jobs_done, >=, sampler->last.jobs_done);
  g_assert_cmpuint (progress.steps_done, >=, sampler->last.steps_done);
  g_assert_cmpuint (progress.jobs_done, <=, progress.jobs_total);
  g_assert_cmpuint (progress.steps_done, <=, progress.steps_total);
  g_assert_cmpint (progress.elapsed_us, >=, sampler->last.elapsed_us);
  sampler->last = progress;
  sampler->n_samples++;

  return G_SOURCE_CONTINUE;
}

static void
test_sample (Fixture       *fixture,
             gconstpointer  data)
{
  for (JugglerStrategy strategy = 0; strategy < JUGGLER_N_STRATEGIES; strategy++)
    for (JugglerProgressMode mode = JUGGLER_PROGRESS_COALESCED; mode <= JUGGLER_PROGRESS_PER_EVENT; mode++)
      {
        if (!juggler_strategy_supports (strategy, JUGGLER_WORKLOAD_CPU))
          continue;
        JugglerMandelbrot *mandelbrot = small_mandelbrot (16, 300);
        JugglerWorkload *workload = JUGGLER_WORKLOAD (mandelbrot);
        JugglerRun *run = juggler_run_new (workload, strategy, 2);
        g_autoptr(JugglerReport) report = NULL;
        g_autoptr(GSource) ticks = g_timeout_source_new (1);
        Sampler sampler = { run };
        JugglerProgress progress;

        g_test_message ("%s, %s", juggler_strategy_to_string (strategy),
                        juggler_progress_mode_to_string (mode));
        juggler_run_set_progress_mode (run, mode);

        juggler_run_sample (run, &sampler.last);
        g_assert_cmpuint (sampler.last.jobs_done, ==, 0);
        g_assert_cmpuint (sampler.last.steps_done, ==, 0);
        g_assert_cmpint (sampler.last.elapsed_us, ==, 0);
        g_assert_cmpuint (sampler.last.jobs_total, ==, juggler_workload_get_n_jobs (workload));
        g_assert_cmpuint (sampler.last.steps_total, ==, juggler_workload_get_n_steps (workload));

        /* Like a frame clock: sampling during the run, from the UI thread. */
        g_source_set_callback (ticks, sample_cb, &sampler, NULL);
        g_source_attach (ticks, fixture->context);

        report = juggler_test_execute (run, NULL);
        g_source_destroy (ticks);

        g_assert_cmpuint (report->completed, ==, report->jobs);
        juggler_run_sample (run, &progress);
        g_assert_cmpuint (progress.jobs_done, ==, progress.jobs_total);
        g_assert_cmpuint (progress.steps_done, ==, progress.steps_total);
        g_assert_cmpint (progress.elapsed_us, >, 0);

        if (mode == JUGGLER_PROGRESS_PER_EVENT)
          {
            g_assert_cmpuint (report->progress_events + report->progress_events_dropped, ==,
                              progress.steps_total + progress.jobs_total);
          }
        else
          {
            g_assert_cmpuint (report->progress_events, ==, 0);
            g_assert_cmpuint (report->progress_events_dropped, ==, 0);
          }

        g_assert_finalize_object (run);
        g_assert_finalize_object (mandelbrot);
      }
}

static void
test_per_event_tiny_tiles (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *reference = reference_digest (3, 50);
  JugglerMandelbrot *mandelbrot = small_mandelbrot (3, 50);
  JugglerWorkload *workload = JUGGLER_WORKLOAD (mandelbrot);
  JugglerRun *run = juggler_run_new (workload, JUGGLER_STRATEGY_THREADS, 4);
  g_autoptr(JugglerReport) report = NULL;
  JugglerProgress progress;
  guint64 n_events = juggler_workload_get_n_steps (workload) + juggler_workload_get_n_jobs (workload);

  juggler_run_set_progress_mode (run, JUGGLER_PROGRESS_PER_EVENT);
  report = juggler_test_execute (run, NULL);

  g_test_message ("%" G_GUINT64_FORMAT " events delivered, %" G_GUINT64_FORMAT " dropped",
                  report->progress_events, report->progress_events_dropped);
  g_assert_cmpuint (report->completed, ==, report->jobs);
  g_assert_cmpstr (report->digest, ==, reference);
  g_assert_cmpuint (report->progress_events, >, 0);
  g_assert_cmpuint (report->progress_events + report->progress_events_dropped, ==, n_events);

  juggler_run_sample (run, &progress);
  g_assert_cmpuint (progress.jobs_done, ==, progress.jobs_total);
  g_assert_cmpuint (progress.steps_done, ==, progress.steps_total);

  g_assert_finalize_object (run);
  g_assert_finalize_object (mandelbrot);
}

typedef struct
{
  TestWorkload *workload;
  guint         n_done;
} Flood;

static void
flood_job_done_cb (JugglerRun *run,
                   guint       index,
                   guint       worker,
                   gpointer    user_data)
{
  Flood *flood = user_data;
  gint64 give_up = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  if (flood->n_done++ > 0)
    return;

  /* Hold the UI thread while the worker floods it with events, as a long frame would. */
  g_atomic_int_set (&flood->workload->ui_held, TRUE);
  while (!g_atomic_int_get (&flood->workload->flooded))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, give_up);
      g_usleep (1000);
    }
  g_usleep (200000);
}

static void
test_per_event_bounded (Fixture       *fixture,
                        gconstpointer  data)
{
  TestWorkload *workload = test_workload_new (4, 1, 0, 0);
  JugglerRun *run = juggler_run_new (JUGGLER_WORKLOAD (workload), JUGGLER_STRATEGY_THREADS, 1);
  g_autoptr(JugglerReport) report = NULL;
  JugglerProgress progress;
  Flood flood = { workload };
  guint64 n_events;

  /* Job 1 claims 20000 steps: 20001 events while the UI thread sleeps. */
  workload->flood_index = 1;
  workload->flood_steps = 20000;
  n_events = juggler_workload_get_n_steps (JUGGLER_WORKLOAD (workload)) + workload->n_jobs;
  juggler_run_set_nice (run, FALSE);
  juggler_run_set_progress_mode (run, JUGGLER_PROGRESS_PER_EVENT);
  g_signal_connect (run, "job-done", G_CALLBACK (flood_job_done_cb), &flood);

  report = juggler_test_execute (run, NULL);

  g_test_message ("%" G_GUINT64_FORMAT " events delivered, %" G_GUINT64_FORMAT " dropped",
                  report->progress_events, report->progress_events_dropped);
  g_assert_cmpuint (report->completed, ==, report->jobs);
  g_assert_cmpstr (report->digest, ==, "1111");
  /* At most 4096 wait at once, so most of the flood is dropped, and counted. */
  g_assert_cmpuint (report->progress_events_dropped, >, 0);
  g_assert_cmpuint (report->progress_events, >=, 4096);
  g_assert_cmpuint (report->progress_events, <, n_events);
  g_assert_cmpuint (report->progress_events + report->progress_events_dropped, ==, n_events);

  /* Dropped callbacks must not lose progress: the run's end still reads 100 %. */
  juggler_run_sample (run, &progress);
  g_assert_cmpuint (progress.jobs_done, ==, progress.jobs_total);
  g_assert_cmpuint (progress.steps_done, ==, progress.steps_total);

  g_assert_finalize_object (run);
  g_assert_finalize_object (workload);
}

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
test_report_json (Fixture       *fixture,
                  gconstpointer  data)
{
  static const char *numbers[] = {
    "workers", "jobs", "completed", "switches", "wall_s", "cpu_s", "throughput_jobs_s",
    "threads_used", "peak_rss_kb",
  };
  JugglerMandelbrot *mandelbrot = small_mandelbrot (37, 300);
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
  g_assert_cmpint (json_object_get_int_member (object, "jobs"), ==, report->jobs);
  g_assert_cmpint (json_object_get_int_member (object, "completed"), ==, report->jobs);
  g_assert_cmpint (json_object_get_int_member (object, "switches"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (object, "threads_used"), ==, report->threads_used);
  g_assert_cmpfloat (json_object_get_double_member (object, "wall_s"), >, 0.0);
  g_assert_cmpfloat (json_object_get_double_member (object, "cpu_s"), >=, 0.0);
  g_assert_cmpfloat (json_object_get_double_member (object, "throughput_jobs_s"), >, 0.0);
  g_assert_cmpint (json_object_get_int_member (object, "peak_rss_kb"), >, 0);

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
test_report_cancelled_json (Fixture       *fixture,
                            gconstpointer  data)
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

#define ADD_RUN_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD_RUN_TEST ("/core/run/digest-all-strategies", test_digest_all_strategies);
  ADD_RUN_TEST ("/core/run/switch-every", test_switch_every);
  ADD_RUN_TEST ("/core/run/switch-strategy", test_switch_strategy);
  ADD_RUN_TEST ("/core/run/switch-before-start", test_switch_before_start);
  ADD_RUN_TEST ("/core/run/cancel/from-job-done", test_cancel_from_job_done);
  ADD_RUN_TEST ("/core/run/cancel/from-timeout", test_cancel_from_timeout);
  ADD_RUN_TEST ("/core/run/cancel/before-start", test_cancel_before_start);
  ADD_RUN_TEST ("/core/run/cancel/after-switch", test_cancel_after_switch);
  ADD_RUN_TEST ("/core/run/empty-workload", test_empty_workload);
  ADD_RUN_TEST ("/core/run/global-lock-serialises", test_global_lock_serialises);
  ADD_RUN_TEST ("/core/run/nice", test_nice);
  ADD_RUN_TEST ("/core/run/sample", test_sample);
  ADD_RUN_TEST ("/core/run/per-event/tiny-tiles", test_per_event_tiny_tiles);
  ADD_RUN_TEST ("/core/run/per-event/bounded", test_per_event_bounded);
  ADD_RUN_TEST ("/core/run/report/json", test_report_json);
  ADD_RUN_TEST ("/core/run/report/cancelled-json", test_report_cancelled_json);

  return g_test_run ();
}
