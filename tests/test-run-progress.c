/* test-run-progress.c: progress as the UI thread samples it, coalesced or one event at a time
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-run-progress"

#include "config.h"

#include "juggler-test-run.h"
#include "juggler-test-workload.h"

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
sample_run (JugglerTestFixture  *fixture,
            JugglerStrategy      strategy,
            JugglerProgressMode  mode)
{
  JugglerMandelbrot *mandelbrot = juggler_test_small_mandelbrot (16, 300);
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

static void
test_sample (JugglerTestFixture *fixture,
             gconstpointer       data)
{
  for (JugglerStrategy strategy = 0; strategy < JUGGLER_N_STRATEGIES; strategy++)
    for (JugglerProgressMode mode = JUGGLER_PROGRESS_COALESCED; mode <= JUGGLER_PROGRESS_PER_EVENT;
         mode++)
      if (juggler_strategy_supports (strategy, JUGGLER_WORKLOAD_CPU))
        sample_run (fixture, strategy, mode);
}

static void
test_per_event_tiny_tiles (JugglerTestFixture *fixture,
                           gconstpointer       data)
{
  g_autofree char *reference = juggler_test_reference_digest (3, 50);
  JugglerMandelbrot *mandelbrot = juggler_test_small_mandelbrot (3, 50);
  JugglerWorkload *workload = JUGGLER_WORKLOAD (mandelbrot);
  JugglerRun *run = juggler_run_new (workload, JUGGLER_STRATEGY_THREADS, 4);
  g_autoptr(JugglerReport) report = NULL;
  JugglerProgress progress;
  guint64 n_events = juggler_workload_get_n_steps (workload) +
                     juggler_workload_get_n_jobs (workload);

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
test_per_event_bounded (JugglerTestFixture *fixture,
                        gconstpointer       data)
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
test_estimate_remaining (void)
{
  JugglerProgress progress = { .jobs_total = 10, .steps_total = 400, .work_total = 4000 };

  /* Nothing measured yet: no estimate. */
  g_assert_cmpint (juggler_progress_estimate_remaining_us (&progress), ==, -1);
  progress.elapsed_us = 2 * G_USEC_PER_SEC;
  g_assert_cmpint (juggler_progress_estimate_remaining_us (&progress), ==, -1);

  /* A quarter of the work in 2 s: 6 s left, whatever the jobs and steps say. */
  progress.work_done = 1000;
  progress.steps_done = 300;
  progress.jobs_done = 9;
  g_assert_cmpint (juggler_progress_estimate_remaining_us (&progress), ==, 6 * G_USEC_PER_SEC);

  progress.work_done = 4000;
  g_assert_cmpint (juggler_progress_estimate_remaining_us (&progress), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  JUGGLER_TEST_ADD_RUN ("/core/run/sample", test_sample);
  JUGGLER_TEST_ADD_RUN ("/core/run/per-event/tiny-tiles", test_per_event_tiny_tiles);
  JUGGLER_TEST_ADD_RUN ("/core/run/per-event/bounded", test_per_event_bounded);

  g_test_add_func ("/core/run/progress/estimate-remaining", test_estimate_remaining);

  return g_test_run ();
}
