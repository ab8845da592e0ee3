/* A thread per job: g_thread_new() for each, joined when it is done. A spawner thread at
 * idle priority starts and joins them, so the UI thread neither makes threads nor has them
 * born beside it at its own priority. For real: src/core/juggler-thread-executor.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <gio/gio.h>
#include <sched.h>
#include <sys/resource.h>
#include <unistd.h>

gboolean job_step (gpointer job, gint64 deadline_us);
/* Hands the job back to the UI thread (a queue and g_main_context_wakeup). */
void     job_done (gpointer job);

static GAsyncQueue *to_spawner;   /* jobs to start, and threads to join */

static gpointer
job_thread_func (gpointer job)
{
  while (!job_step (job, G_MAXINT64))
    ;
  g_async_queue_push (to_spawner, g_thread_self ());   /* join me */
  job_done (job);
  return NULL;
}

static gpointer
spawner_thread_func (G_GNUC_UNUSED gpointer data)
{
  struct sched_param param = { 0 };
  GHashTable *started = g_hash_table_new (NULL, NULL);

  /* Our own thread's priority, which every thread it starts inherits. */
  setpriority (PRIO_PROCESS, gettid (), 19);
  sched_setscheduler (0, SCHED_IDLE, &param);

  for (;;)
    {
      gpointer message = g_async_queue_pop (to_spawner);

      if (g_hash_table_remove (started, message))
        g_thread_join (message);
      else
        g_hash_table_add (started, g_thread_new ("juggler-job", job_thread_func, message));
    }

  return NULL;
}

/* Runs on the UI thread: one new thread per job, as many as there are jobs. */
static void
start_job (gpointer job)
{
  if (to_spawner == NULL)
    {
      to_spawner = g_async_queue_new ();
      g_thread_unref (g_thread_new ("juggler-spawner", spawner_thread_func, NULL));
    }
  g_async_queue_push (to_spawner, job);
}
