/* juggler-shared-pool-executor.c: every job handed to GTask's shared pool with
 * g_task_run_in_thread(), the idiom most GLib code uses
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Nothing here sizes the pool: GLib runs about 10 of its threads at once and adds more only
 * slowly when they block, and GIO's own work (name resolution, file I/O) waits in the same
 * queue. The threads belong to GLib, so they keep their priority: no nice here.
 */
#define G_LOG_DOMAIN "juggler-shared-pool-executor"

#include "config.h"

#include <sched.h>

#include "juggler-executor-private.h"

#define YIELD_INTERVAL_US 1000

typedef struct
{
  JugglerExecutor  parent;

  guint            n_in_flight;
} JugglerSharedPoolExecutor;

typedef struct
{
  JugglerExecutor *executor;
  JugglerJob      *job;
  GThread         *thread;
} SharedTask;

static void
shared_task_free (gpointer data)
{
  SharedTask *task = data;

  g_clear_pointer (&task->thread, g_thread_unref);
  g_free (task);
}

/* Runs in one of GLib's pool threads. */
static void
run_job_thread (GTask        *gtask,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  SharedTask *task = task_data;

  /* Queued behind others while a switch retired this executor: back to the run unstarted. */
  if (!juggler_executor_is_retired (task->executor))
    while (!juggler_executor_step_job (task->executor, task->job,
                                       g_get_monotonic_time () + YIELD_INTERVAL_US))
      sched_yield ();

  task->thread = g_thread_ref (g_thread_self ());
  g_task_return_boolean (gtask, TRUE);
}

static void
job_returned_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(JugglerExecutor) executor = user_data;
  JugglerSharedPoolExecutor *self = (JugglerSharedPoolExecutor *) executor;
  SharedTask *task = g_task_get_task_data (G_TASK (result));

  self->n_in_flight--;

  juggler_job_queue_settle_from (executor->env.queue, task->job, task->thread);
}

static void
juggler_shared_pool_executor_pump (JugglerExecutor *executor)
{
  JugglerSharedPoolExecutor *self = (JugglerSharedPoolExecutor *) executor;
  JugglerJob *job;

  /* Everything at once, as code that trusts the pool does: the pool decides what runs. */
  while ((job = juggler_executor_take_job (executor)) != NULL)
    {
      g_autoptr(GTask) gtask = g_task_new (NULL, NULL, job_returned_cb,
                                           juggler_executor_ref (executor));
      SharedTask *task = g_new0 (SharedTask, 1);

      task->executor = executor;
      task->job = job;
      g_task_set_source_tag (gtask, juggler_shared_pool_executor_pump);
      g_task_set_name (gtask, "[juggler] shared-pool job");
      /* Below GTK's redraw, like the dedicated pool's results. */
      g_task_set_priority (gtask, G_PRIORITY_DEFAULT_IDLE);
      g_task_set_task_data (gtask, task, shared_task_free);
      self->n_in_flight++;
      g_task_run_in_thread (gtask, run_job_thread);
    }
}

static void
juggler_shared_pool_executor_free (JugglerExecutor *executor)
{
  JugglerSharedPoolExecutor *self = (JugglerSharedPoolExecutor *) executor;

  g_assert (self->n_in_flight == 0);

  g_free (self);
}

static const JugglerExecutorVTable shared_pool_executor_vtable = {
  .pump = juggler_shared_pool_executor_pump,
  .free = juggler_shared_pool_executor_free,
};

JugglerExecutor *
juggler_shared_pool_executor_new (const JugglerExecutorEnv *env)
{
  JugglerSharedPoolExecutor *self = g_new0 (JugglerSharedPoolExecutor, 1);

  juggler_executor_init (&self->parent, &shared_pool_executor_vtable, env);

  return &self->parent;
}
