/* juggler-async-executor.c: jobs as asynchronous operations on the main loop, up to a
 * chosen concurrency in flight at once, all from one thread
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-async-executor"

#include "config.h"

#include "juggler-executor-private.h"
#include "juggler-frame-pacer.h"

/* Starting requests gets this long per main-loop dispatch; the rest wait for the next one,
 * after GTK has painted and the loop has served what is ready. Hundreds of requests started
 * in one callback would block the loop for tens of milliseconds; a fixed count per dispatch
 * (it was 8) starts them too slowly on a fast machine: 500 requests of 200 ms never were
 * all in flight at once. */
#define START_BUDGET_US 1000
/* Started whatever the clock says, so that a preempted loop still moves on. */
#define START_MIN 4

typedef struct
{
  JugglerExecutor  parent;

  guint            concurrency;
  guint            n_in_flight;
  GSource         *batch_source;
  gboolean         waiting_for_frame;
} JugglerAsyncExecutor;

typedef struct
{
  JugglerExecutor *executor;
  JugglerJob      *job;
  gint64           start_us;
} Operation;

static void
steps_cb (guint    n_steps,
          gpointer user_data)
{
  Operation *operation = user_data;

  juggler_executor_account_steps (operation->executor, operation->job, n_steps, FALSE);
}

static void
job_done_cb (gboolean completed,
             gpointer user_data)
{
  Operation *operation = user_data;
  g_autoptr(JugglerExecutor) executor = operation->executor;
  JugglerAsyncExecutor *self = (JugglerAsyncExecutor *) executor;
  JugglerJob *job = operation->job;
  JugglerTrace *trace = executor->env.trace;
  JugglerFramePacer *pacer = juggler_frame_pacer_lookup (executor->env.context);

  if (pacer != NULL)
    juggler_frame_pacer_done (pacer, operation->start_us);
  if (trace != NULL)
    {
      gint64 now = g_get_monotonic_time ();

      juggler_trace_request (trace, job->index, operation->start_us, now);
      juggler_trace_counter (trace, JUGGLER_TRACE_COUNTER_IN_FLIGHT, now, self->n_in_flight - 1);
    }
  g_free (operation);

  if (completed)
    juggler_executor_account_steps (executor, job, 0, TRUE);

  self->n_in_flight--;
  juggler_job_queue_finish (executor->env.queue, job);
}

static gboolean
next_frame_cb (gpointer user_data)
{
  JugglerAsyncExecutor *self = user_data;

  self->waiting_for_frame = FALSE;
  juggler_executor_pump (&self->parent);

  return G_SOURCE_REMOVE;
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
  JugglerWorkload *workload = executor->env.workload;
  JugglerFramePacer *pacer = juggler_frame_pacer_lookup (executor->env.context);
  JugglerJob *job;
  guint n_started = 0;
  gint64 deadline;

  if (self->batch_source != NULL || self->waiting_for_frame)
    return;

  deadline = g_get_monotonic_time () + START_BUDGET_US;
  while (self->n_in_flight < self->concurrency)
    {
      Operation *operation;

      if (n_started >= START_MIN && g_get_monotonic_time () >= deadline)
        {
          /* The rest after GTK has had its turn; the source holds the executor. */
          self->batch_source = g_idle_source_new ();
          g_source_set_priority (self->batch_source, G_PRIORITY_DEFAULT_IDLE);
          g_source_set_callback (self->batch_source, next_batch_cb,
                                 juggler_executor_ref (executor),
                                 (GDestroyNotify) juggler_executor_unref);
          g_source_attach (self->batch_source, executor->env.context);
          return;
        }

      /* In a window, as many as leave room for its next frame (juggler-frame-pacer.h). */
      if (pacer != NULL && !juggler_frame_pacer_can_start (pacer))
        {
          if (!juggler_executor_is_retired (executor) &&
              juggler_job_queue_has_jobs_left (executor->env.queue))
            {
              self->waiting_for_frame = TRUE;
              juggler_frame_pacer_wait (pacer, next_frame_cb, juggler_executor_ref (executor),
                                        (GDestroyNotify) juggler_executor_unref);
            }
          return;
        }

      if ((job = juggler_executor_take_job (executor)) == NULL)
        return;

      operation = g_new0 (Operation, 1);
      operation->executor = juggler_executor_ref (executor);
      operation->job = job;
      job->started = TRUE;
      operation->start_us = g_get_monotonic_time ();
      if (pacer != NULL)
        juggler_frame_pacer_started (pacer);
      self->n_in_flight++;
      n_started++;
      if (executor->env.trace != NULL)
        {
          juggler_trace_counter (executor->env.trace, JUGGLER_TRACE_COUNTER_IN_FLIGHT,
                                 operation->start_us, self->n_in_flight);
        }
      juggler_workload_job_run_async (workload, job->state, executor->env.cancellable,
                                      steps_cb, job_done_cb, operation);
    }
}

static void
juggler_async_executor_free (JugglerExecutor *executor)
{
  g_assert (((JugglerAsyncExecutor *) executor)->n_in_flight == 0);
  g_assert (((JugglerAsyncExecutor *) executor)->batch_source == NULL);
  g_assert (!((JugglerAsyncExecutor *) executor)->waiting_for_frame);

  g_free (executor);
}

static const JugglerExecutorVTable async_executor_vtable = {
  .pump = juggler_async_executor_pump,
  .free = juggler_async_executor_free,
};

JugglerExecutor *
juggler_async_executor_new (const JugglerExecutorEnv         *env,
                            const JugglerAsyncExecutorConfig *config)
{
  JugglerAsyncExecutor *self = g_new0 (JugglerAsyncExecutor, 1);

  juggler_executor_init (&self->parent, &async_executor_vtable, env);
  self->concurrency = config->concurrency;
  juggler_workload_prepare_async (env->workload, config->max_connections);

  return &self->parent;
}
