/* Stall: a worker returning a GTask holds the main context's lock while it wakes the UI thread.
 * For real: src/core/juggler-pool-executor.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <gio/gio.h>

static GAsyncQueue *finished;

/* In a worker: g_task_return_*() attaches a source to the main context and wakes it with
 * the context's lock held. With more busy threads than cores the woken UI thread preempts
 * this worker, then waits for the lock until the worker gets a core again: 3-5 ms. */
static void
worker_returns_stalling (GTask *task)
{
  g_task_return_boolean (task, TRUE);
}

/* Instead: queue the task and wake the context without taking its lock. */
static void
worker_returns (GTask *task)
{
  g_async_queue_push (finished, task);
  g_main_context_wakeup (NULL);
}

/* On the UI thread, in a GSource's dispatch: return the tasks there. */
static void
return_finished (void)
{
  GTask *task;

  while ((task = g_async_queue_try_pop (finished)) != NULL)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
    }
}
