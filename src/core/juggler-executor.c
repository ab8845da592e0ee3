/* juggler-executor.c: what every strategy's executor shares
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-executor"

#include "config.h"

#include "juggler-executor.h"

JugglerExecutor *
juggler_executor_new (JugglerRun      *run,
                      JugglerStrategy  strategy)
{
  guint n_workers = juggler_run_get_n_workers (run);
  gboolean nice = juggler_run_get_nice (run);
  guint concurrency = juggler_run_get_concurrency (run);
  JugglerExecutor *self;

  switch (strategy)
    {
    case JUGGLER_STRATEGY_THREADS:
      self = juggler_pool_executor_new (run, n_workers, nice, NULL);
      break;
    case JUGGLER_STRATEGY_GLOBAL_LOCK:
      self = juggler_pool_executor_new (run, n_workers, nice, juggler_run_get_global_lock (run));
      break;
    case JUGGLER_STRATEGY_COOPERATIVE:
    case JUGGLER_STRATEGY_BLOCKING:
      self = juggler_main_executor_new ();
      break;
    case JUGGLER_STRATEGY_ASYNC:
      /* Untuned: libsoup's default limits (10 connections, 2 per host) queue the rest. */
      self = juggler_async_executor_new (run, concurrency,
                                         juggler_run_get_tune_connections (run) ? concurrency : 0);
      break;
    case JUGGLER_N_STRATEGIES:
    default:
      g_assert_not_reached ();
    }

  g_atomic_ref_count_init (&self->ref_count);
  self->run = g_object_ref (run);
  self->strategy = strategy;

  return self;
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
  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_autoptr(JugglerRun) run = self->run;

      self->klass->free (self);
    }
}

void
juggler_executor_pump (JugglerExecutor *self)
{
  if (!juggler_executor_is_retired (self))
    self->klass->pump (self);
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
