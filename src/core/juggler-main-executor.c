/* juggler-main-executor.c: jobs computed on the UI thread, either in slices that yield to
 * the main loop (cooperative) or all at once inside one callback (blocking)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-main-executor"

#include "config.h"

#include "juggler-executor-private.h"

/* The longest a cooperative slice keeps the main loop from everything else. */
#define SLICE_US 4000

typedef struct
{
  JugglerExecutor  parent;

  gboolean         blocking;
  GSource         *source;
  JugglerJob      *current;
} JugglerMainExecutor;

static gboolean
dispatch_cb (gpointer user_data)
{
  JugglerMainExecutor *self = user_data;
  JugglerExecutor *executor = user_data;
  gint64 deadline = self->blocking ? G_MAXINT64 : g_get_monotonic_time () + SLICE_US;

  for (;;)
    {
      if (self->current == NULL)
        {
          self->current = juggler_executor_take_job (executor);
          if (self->current == NULL)
            break;
        }

      if (!juggler_executor_step_job (executor, self->current, deadline))
        return G_SOURCE_CONTINUE;

      /* The UI thread is worker 0. */
      juggler_job_queue_finish (executor->env.queue, g_steal_pointer (&self->current));

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
  g_source_set_static_name (self->source, self->blocking ? "[juggler] blocking"
                                                          : "[juggler] cooperative slice");
  g_source_set_callback (self->source, dispatch_cb, juggler_executor_ref (executor),
                         (GDestroyNotify) juggler_executor_unref);
  g_source_attach (self->source, executor->env.context);
}

static void
juggler_main_executor_free (JugglerExecutor *executor)
{
  JugglerMainExecutor *self = (JugglerMainExecutor *) executor;

  g_assert (self->current == NULL);
  g_assert (self->source == NULL);

  g_free (self);
}

static const JugglerExecutorVTable main_executor_vtable = {
  .pump = juggler_main_executor_pump,
  .free = juggler_main_executor_free,
};

JugglerExecutor *
juggler_main_executor_new (const JugglerExecutorEnv        *env,
                           const JugglerMainExecutorConfig *config)
{
  JugglerMainExecutor *self = g_new0 (JugglerMainExecutor, 1);

  juggler_executor_init (&self->parent, &main_executor_vtable, env);
  self->blocking = config->blocking;

  return &self->parent;
}
