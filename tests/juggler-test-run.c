/* juggler-test-run.c: runs a JugglerRun to its report on the test's pushed main context
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
