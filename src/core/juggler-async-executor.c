/* juggler-async-executor.c: jobs as asynchronous operations on the main loop, up to a
 * chosen concurrency in flight at once, all from one thread
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-async-executor"

#include "config.h"

#include "juggler-executor.h"

/* Requests started per main-loop dispatch: hundreds of connections opened in one callback
 * are a burst that keeps the loop from painting. */
#define START_BATCH 8

typedef struct
{
  JugglerExecutor  parent;

  guint            concurrency;
  guint            n_in_flight;
  GSource         *batch_source;
} JugglerAsyncExecutor;

typedef struct
{
  JugglerExecutor *executor;
  JugglerRunJob   *job;
} Operation;

static void
steps_cb (guint    n_steps,
          gpointer user_data)
{
  Operation *operation = user_data;

  juggler_run_account_steps (operation->executor->run, operation->job, n_steps, FALSE);
}

static void
job_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Operation *operation = user_data;
  g_autoptr(JugglerExecutor) executor = operation->executor;
  JugglerAsyncExecutor *self = (JugglerAsyncExecutor *) executor;
  JugglerRunJob *job = operation->job;

  g_free (operation);

  if (juggler_workload_job_run_finish (JUGGLER_WORKLOAD (object), result, NULL))
    juggler_run_account_steps (executor->run, job, 0, TRUE);

  self->n_in_flight--;
  juggler_run_finish_job (executor->run, job);
}

static gboolean
next_batch_cb (gpointer user_data)
{
  JugglerAsyncExecutor *self = user_data;

  g_clear_pointer (&self->batch_source, g_source_unref);
  juggler_executor_pump (&self->parent);

  return G_SOURCE_REMOVE;
}

static void
juggler_async_executor_pump (JugglerExecutor *executor)
{
  JugglerAsyncExecutor *self = (JugglerAsyncExecutor *) executor;
  JugglerWorkload *workload = juggler_run_get_workload (executor->run);
  JugglerRunJob *job;
  guint n_started = 0;

  if (self->batch_source != NULL)
    return;

  while (self->n_in_flight < self->concurrency)
    {
      Operation *operation;

      if (n_started == START_BATCH)
        {
          /* The rest after GTK has had its turn; the source holds the executor. */
          self->batch_source = g_idle_source_new ();
          g_source_set_priority (self->batch_source, G_PRIORITY_DEFAULT_IDLE);
          g_source_set_callback (self->batch_source, next_batch_cb,
                                 juggler_executor_ref (executor),
                                 (GDestroyNotify) juggler_executor_unref);
          g_source_attach (self->batch_source, juggler_run_get_context (executor->run));
          return;
        }

      if ((job = juggler_run_take_job (executor->run)) == NULL)
        return;

      operation = g_new0 (Operation, 1);
      operation->executor = juggler_executor_ref (executor);
      operation->job = job;
      juggler_run_start_job (executor->run, job);
      self->n_in_flight++;
      n_started++;
      juggler_workload_job_run_async (workload, job->job,
                                      juggler_run_get_cancellable (executor->run),
                                      steps_cb, operation, job_done_cb, operation);
    }
}

static void
juggler_async_executor_free (JugglerExecutor *executor)
{
  g_assert (((JugglerAsyncExecutor *) executor)->n_in_flight == 0);
  g_assert (((JugglerAsyncExecutor *) executor)->batch_source == NULL);

  g_free (executor);
}

static const JugglerExecutorClass async_executor_class = {
  .pump = juggler_async_executor_pump,
  .free = juggler_async_executor_free,
};

JugglerExecutor *
juggler_async_executor_new (JugglerRun *run,
                            guint       concurrency,
                            guint       max_connections)
{
  JugglerAsyncExecutor *self = g_new0 (JugglerAsyncExecutor, 1);

  self->parent.klass = &async_executor_class;
  self->concurrency = concurrency;
  juggler_workload_prepare_async (juggler_run_get_workload (run), max_connections);

  return &self->parent;
}
