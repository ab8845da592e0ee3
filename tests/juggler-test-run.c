/* juggler-test-run.c: runs a JugglerRun to its report on the test's pushed main context, and
 * what the run suites share
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-test-run"

#include "config.h"

#include "juggler-test-run.h"

#define RUN_TIMEOUT_S 60

typedef struct
{
  JugglerReport *report;
  gboolean       done;
  guint          callbacks;
} Completion;

static void
execute_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Completion *completion = user_data;
  g_autoptr(GError) error = NULL;

  completion->callbacks++;
  completion->report = juggler_run_execute_finish (JUGGLER_RUN (source), result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (completion->report);
  g_assert_false (juggler_run_is_running (JUGGLER_RUN (source)));
  completion->done = TRUE;
}

static gboolean
flag_cb (gpointer user_data)
{
  gboolean *flag = user_data;

  *flag = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
juggler_test_iterate_until (gboolean *flag,
                            guint     timeout_s)
{
  GMainContext *context = g_main_context_get_thread_default ();
  gboolean timed_out = FALSE;
  GSource *timeout = g_timeout_source_new_seconds (timeout_s);

  g_source_set_callback (timeout, flag_cb, &timed_out, NULL);
  g_source_attach (timeout, context);

  while (!*flag && !timed_out)
    g_main_context_iteration (context, TRUE);

  g_source_destroy (timeout);
  g_source_unref (timeout);

  return *flag;
}

JugglerReport *
juggler_test_execute (JugglerRun   *run,
                      GCancellable *cancellable)
{
  Completion completion = { 0 };

  juggler_run_execute_async (run, cancellable, execute_cb, &completion);
  /* Even a run with nothing to do reports from the main loop, never from inside the call. */
  g_assert_false (completion.done);

  if (!juggler_test_iterate_until (&completion.done, RUN_TIMEOUT_S))
    g_error ("The run did not complete within %u s", RUN_TIMEOUT_S);

  /* Sources a retired executor still holds go away on their next dispatch. */
  while (g_main_context_iteration (g_main_context_get_thread_default (), FALSE))
    ;

  g_assert_cmpuint (completion.callbacks, ==, 1);
  g_assert_false (juggler_run_is_running (run));

  return completion.report;
}

void
juggler_test_fixture_set_up (JugglerTestFixture *fixture,
                             gconstpointer       data)
{
  fixture->context = g_main_context_new ();
  g_main_context_push_thread_default (fixture->context);
}

void
juggler_test_fixture_tear_down (JugglerTestFixture *fixture,
                                gconstpointer       data)
{
  while (g_main_context_iteration (fixture->context, FALSE))
    ;
  g_main_context_pop_thread_default (fixture->context);
  g_main_context_unref (fixture->context);
}

JugglerMandelbrot *
juggler_test_small_mandelbrot (guint tile_size,
                               guint iterations)
{
  g_autoptr(GError) error = NULL;
  JugglerMandelbrot *mandelbrot;

  mandelbrot = juggler_mandelbrot_new (333, 217, tile_size, iterations, NULL, &error);
  g_assert_no_error (error);

  return mandelbrot;
}

char *
juggler_test_reference_digest (guint tile_size,
                               guint iterations)
{
  JugglerMandelbrot *mandelbrot = juggler_test_small_mandelbrot (tile_size, iterations);
  char *digest;

  juggler_workload_run_serial (JUGGLER_WORKLOAD (mandelbrot));
  digest = juggler_workload_dup_digest (JUGGLER_WORKLOAD (mandelbrot));
  g_assert_finalize_object (mandelbrot);

  return digest;
}

static void
job_done_cb (JugglerRun *run,
             guint       index,
             guint       worker,
             gpointer    user_data)
{
  JugglerJobCounter *counter = user_data;

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

void
juggler_job_counter_init (JugglerJobCounter *counter,
                          JugglerRun        *run)
{
  *counter = (JugglerJobCounter) { 0 };
  counter->run = run;
  counter->n_jobs = juggler_workload_get_n_jobs (juggler_run_get_workload (run));
  counter->per_index = g_new0 (guint, MAX (counter->n_jobs, 1));
  counter->cancel_after = G_MAXUINT;
  counter->switch_after = G_MAXUINT;
  g_signal_connect (run, "job-done", G_CALLBACK (job_done_cb), counter);
}

void
juggler_job_counter_assert_each_once (JugglerJobCounter *counter)
{
  for (guint i = 0; i < counter->n_jobs; i++)
    g_assert_cmpuint (counter->per_index[i], ==, 1);
  g_assert_cmpuint (counter->total, ==, counter->n_jobs);
}

void
juggler_job_counter_assert_at_most_once (JugglerJobCounter *counter)
{
  for (guint i = 0; i < counter->n_jobs; i++)
    g_assert_cmpuint (counter->per_index[i], <=, 1);
}

void
juggler_job_counter_clear (JugglerJobCounter *counter)
{
  g_clear_pointer (&counter->per_index, g_free);
}
