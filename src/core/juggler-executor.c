/* juggler-executor.c: what every strategy's executor shares, and which family runs which
 * strategy
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-executor"

#include "config.h"

#include "juggler-executor-private.h"

#include <time.h>

static JugglerExecutor *
new_for_strategy (JugglerStrategy                strategy,
                  const JugglerExecutorEnv      *env,
                  const JugglerExecutorSettings *settings)
{
  switch (strategy)
    {
    case JUGGLER_STRATEGY_THREADS:
    case JUGGLER_STRATEGY_GLOBAL_LOCK:
      return juggler_pool_executor_new (env, &(JugglerPoolExecutorConfig) {
                                          .n_workers = settings->n_workers,
                                          .nice = settings->nice,
                                          .global_lock = strategy == JUGGLER_STRATEGY_GLOBAL_LOCK,
                                        });
    case JUGGLER_STRATEGY_COOPERATIVE:
    case JUGGLER_STRATEGY_BLOCKING:
      return juggler_main_executor_new (env, &(JugglerMainExecutorConfig) {
                                          .blocking = strategy == JUGGLER_STRATEGY_BLOCKING,
                                        });
    case JUGGLER_STRATEGY_ASYNC:
      /* Untuned: libsoup's default limits (10 connections, 2 per host) queue the rest. */
      return juggler_async_executor_new (env, &(JugglerAsyncExecutorConfig) {
                                           .concurrency = settings->concurrency,
                                           .max_connections = settings->tune_connections
                                                                ? settings->concurrency : 0,
                                         });
    case JUGGLER_STRATEGY_SHARED_POOL:
      return juggler_shared_pool_executor_new (env);
    case JUGGLER_STRATEGY_THREAD_PER_JOB:
      return juggler_thread_executor_new (env, &(JugglerThreadExecutorConfig) {
                                            .max_threads = JUGGLER_MAX_CONCURRENCY,
                                            .nice = settings->nice,
                                          });
    case JUGGLER_N_STRATEGIES:
    default:
      g_assert_not_reached ();
    }
}

JugglerExecutor *
juggler_executor_new (JugglerStrategy                strategy,
                      const JugglerExecutorEnv      *env,
                      const JugglerExecutorSettings *settings)
{
  JugglerExecutor *self = new_for_strategy (strategy, env, settings);

  self->strategy = strategy;

  return self;
}

void
juggler_executor_init (JugglerExecutor             *self,
                       const JugglerExecutorVTable *vtable,
                       const JugglerExecutorEnv    *env)
{
  self->vtable = vtable;
  g_atomic_ref_count_init (&self->ref_count);
  self->env.context = g_main_context_ref (env->context);
  self->env.cancellable = g_object_ref (env->cancellable);
  self->env.workload = g_object_ref (env->workload);
  self->env.queue = juggler_job_queue_ref (env->queue);
  self->env.counter = juggler_progress_counter_ref (env->counter);
  self->env.lock = env->lock;
  self->env.trace = env->trace != NULL ? juggler_trace_ref (env->trace) : NULL;
}

JugglerExecutor *
juggler_executor_ref (JugglerExecutor *self)
{
  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

void
juggler_executor_unref (JugglerExecutor *self)
{
  JugglerExecutorEnv env;

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  /* The family frees the struct; its members go after, as its free may still use them. */
  env = self->env;
  self->vtable->free (self);
  g_main_context_unref (env.context);
  g_object_unref (env.cancellable);
  g_object_unref (env.workload);
  juggler_job_queue_unref (env.queue);
  juggler_progress_counter_unref (env.counter);
  g_clear_pointer (&env.trace, juggler_trace_unref);
}

void
juggler_executor_pump (JugglerExecutor *self)
{
  if (!juggler_executor_is_retired (self))
    self->vtable->pump (self);
}

void
juggler_executor_retire (JugglerExecutor *self)
{
  g_atomic_int_set (&self->retired, TRUE);
}

gboolean
juggler_executor_is_retired (JugglerExecutor *self)
{
  return g_atomic_int_get (&self->retired);
}

JugglerJob *
juggler_executor_take_job (JugglerExecutor *self)
{
  if (juggler_executor_is_retired (self))
    return NULL;

  return juggler_job_queue_take (self->env.queue);
}

static gint64
thread_cpu_time_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_GINT64_CONSTANT (1000000000) + ts.tv_nsec;
}

gboolean
juggler_executor_step_job (JugglerExecutor *self,
                           JugglerJob      *job,
                           gint64           deadline_us)
{
  GCancellable *cancellable = self->env.cancellable;
  gint64 cpu_start;
  gint64 start_us = 0;
  guint n_steps = 0;
  guint64 work_before = 0;
  guint64 work_after = 0;
  gboolean modelled;
  gboolean done;

  if (g_cancellable_is_cancelled (cancellable))
    return TRUE;

  job->started = TRUE;
  if (self->env.trace != NULL)
    start_us = g_get_monotonic_time ();
  modelled = juggler_workload_job_get_work_done (self->env.workload, job->state, &work_before);
  cpu_start = thread_cpu_time_ns ();
  done = juggler_workload_job_step (self->env.workload, job->state, deadline_us, cancellable,
                                    &n_steps);
  if (modelled)
    juggler_workload_job_get_work_done (self->env.workload, job->state, &work_after);
  else
    work_after = n_steps;
  if (self->env.trace != NULL)
    juggler_trace_job_step (self->env.trace, job->index, self->strategy, start_us,
                            g_get_monotonic_time ());
  if (done)
    job->done = TRUE;
  juggler_progress_counter_add (self->env.counter, n_steps, work_after - work_before, done,
                                thread_cpu_time_ns () - cpu_start);

  return done || g_cancellable_is_cancelled (cancellable);
}

void
juggler_executor_account_steps (JugglerExecutor *self,
                                JugglerJob      *job,
                                guint            n_steps,
                                gboolean         done)
{
  if (done)
    job->done = TRUE;
  juggler_progress_counter_add (self->env.counter, n_steps, n_steps, done, 0);
}

/* ------------------------------------------------------------------------------------ */
/* Finished jobs back on the loop                                                        */

typedef struct
{
  GSource            source;
  GAsyncQueue       *finished;
  JugglerReturnFunc  returned;
  JugglerTrace      *trace;      /* NULL: not recording */
} ReturnsSource;

static gboolean
returns_prepare (GSource *source,
                 gint    *timeout)
{
  *timeout = -1;
  return g_async_queue_length (((ReturnsSource *) source)->finished) > 0;
}

static gboolean
returns_check (GSource *source)
{
  return g_async_queue_length (((ReturnsSource *) source)->finished) > 0;
}

static gboolean
returns_dispatch (GSource     *source,
                  GSourceFunc  callback,
                  gpointer     user_data)
{
  ReturnsSource *self = (ReturnsSource *) source;
  g_autoptr(GAsyncQueue) finished = g_async_queue_ref (self->finished);
  JugglerReturnFunc returned = self->returned;
  JugglerTrace *trace = self->trace != NULL ? juggler_trace_ref (self->trace) : NULL;
  gint64 start_us = trace != NULL ? g_get_monotonic_time () : 0;
  guint n_returned = 0;
  gpointer item;

  /* Each item may drop the executor's last reference, and with it this source. */
  while ((item = g_async_queue_try_pop (finished)) != NULL)
    {
      returned (item);
      n_returned++;
    }

  if (trace != NULL)
    {
      juggler_trace_record (trace, JUGGLER_SPAN_DISPATCH, start_us, g_get_monotonic_time (),
                            n_returned, 0, 0);
      juggler_trace_unref (trace);
    }

  return G_SOURCE_CONTINUE;
}

static void
returns_finalize (GSource *source)
{
  g_async_queue_unref (((ReturnsSource *) source)->finished);
  g_clear_pointer (&((ReturnsSource *) source)->trace, juggler_trace_unref);
}

static GSourceFuncs returns_funcs = {
  .prepare = returns_prepare,
  .check = returns_check,
  .dispatch = returns_dispatch,
  .finalize = returns_finalize,
};

GSource *
juggler_executor_returns_source_new (GAsyncQueue       *finished,
                                     JugglerReturnFunc  returned,
                                     JugglerTrace      *trace,
                                     const char        *name)
{
  GSource *source = g_source_new (&returns_funcs, sizeof (ReturnsSource));
  ReturnsSource *self = (ReturnsSource *) source;

  self->finished = g_async_queue_ref (finished);
  self->returned = returned;
  self->trace = trace != NULL ? juggler_trace_ref (trace) : NULL;
  /* Below GTK's redraw: a flood of finished jobs must not starve painting. */
  g_source_set_priority (source, G_PRIORITY_DEFAULT_IDLE);
  g_source_set_static_name (source, name);

  return source;
}
