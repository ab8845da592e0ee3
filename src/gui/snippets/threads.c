/* Threads: a dedicated pool whose workers queue finished jobs and wake the UI thread.
 * For real: src/core/juggler-pool-executor.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <gio/gio.h>

gboolean job_step (gpointer job, gint64 deadline_us); /* the workload: works until the deadline */

static GAsyncQueue *finished;   /* jobs done, waiting for the UI thread */

/* Runs in a pool thread, made with g_thread_pool_new (worker_func, NULL, 4, TRUE, NULL). */
static void
worker_func (gpointer job,
             gpointer user_data)
{
  while (!job_step (job, g_get_monotonic_time () + 1000))
    ;

  /* Not g_task_return_*() from here: that wakes the UI thread while holding its lock. */
  g_async_queue_push (finished, job);
  g_main_context_wakeup (NULL);
}

/* Runs on the UI thread: the dispatch of a GSource whose check is "the queue is not empty". */
static void
return_finished_jobs (void (*job_done) (gpointer job))
{
  gpointer job;

  while ((job = g_async_queue_try_pop (finished)) != NULL)
    job_done (job);
}
