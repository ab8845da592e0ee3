/* juggler-main-executor.c: jobs computed on the UI thread, either in slices that yield to
 * the main loop (cooperative) or all at once inside one callback (blocking)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-main-executor"

#include "config.h"

#include "juggler-executor.h"

/* The longest a cooperative slice keeps the main loop from everything else. */
#define SLICE_US 4000

typedef struct
{
  JugglerExecutor  parent;

  GSource         *source;
  JugglerRunJob   *current;
} JugglerMainExecutor;

static gboolean
dispatch_cb (gpointer user_data)
{
  JugglerMainExecutor *self = user_data;
  JugglerExecutor *executor = user_data;
  gboolean blocking = executor->strategy == JUGGLER_STRATEGY_BLOCKING;
  gint64 deadline = blocking ? G_MAXINT64 : g_get_monotonic_time () + SLICE_US;

  for (;;)
    {
      if (self->current == NULL)
        {
          if (juggler_executor_is_retired (executor))
            break;
          self->current = juggler_run_take_job (executor->run);
          if (self->current == NULL)
            break;
        }

      if (!juggler_run_step_job (executor->run, self->current, deadline))
        return G_SOURCE_CONTINUE;

      juggler_run_finish_job (executor->run, g_steal_pointer (&self->current));

      if (g_get_monotonic_time () >= deadline)
        return G_SOURCE_CONTINUE;
    }

  g_clear_pointer (&self->source, g_source_unref);
  return G_SOURCE_REMOVE;
}

static void
juggler_main_executor_pump (JugglerExecutor *executor)
{
  JugglerMainExecutor *self = (JugglerMainExecutor *) executor;

  if (self->source != NULL)
    return;

  /* Idle priority, below input and redraw: between slices GTK gets to paint. */
  self->source = g_idle_source_new ();
  g_source_set_priority (self->source, G_PRIORITY_DEFAULT_IDLE);
  g_source_set_name (self->source, executor->strategy == JUGGLER_STRATEGY_BLOCKING
                                       ? "[juggler] blocking"
                                       : "[juggler] cooperative slice");
  g_source_set_callback (self->source, dispatch_cb, juggler_executor_ref (executor),
                         (GDestroyNotify) juggler_executor_unref);
  g_source_attach (self->source, juggler_run_get_context (executor->run));
}

static void
juggler_main_executor_free (JugglerExecutor *executor)
{
  JugglerMainExecutor *self = (JugglerMainExecutor *) executor;

  g_assert (self->current == NULL);
  g_assert (self->source == NULL);

  g_free (self);
}

static const JugglerExecutorClass main_executor_class = {
  .pump = juggler_main_executor_pump,
  .free = juggler_main_executor_free,
};

JugglerExecutor *
juggler_main_executor_new (void)
{
  JugglerMainExecutor *self = g_new0 (JugglerMainExecutor, 1);

  self->parent.klass = &main_executor_class;

  return &self->parent;
}
