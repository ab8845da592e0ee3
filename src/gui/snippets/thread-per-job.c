/* A thread per job: g_thread_new() for each, joined when it is done.
 * For real: src/core/juggler-thread-executor.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <gio/gio.h>

gboolean job_step (gpointer job, gint64 deadline_us);

static gpointer
job_thread_func (gpointer job)
{
  while (!job_step (job, G_MAXINT64))
    ;
  g_main_context_wakeup (NULL);   /* the UI thread joins it */
  return job;
}

/* Runs on the UI thread: one new thread per job, as many as there are jobs. */
static GThread *
start_job (gpointer   job,
           GError   **error)
{
  /* Fails with an error, rather than aborting, when the system has no thread left. */
  return g_thread_try_new ("juggler-job", job_thread_func, job, error);
}

/* Runs on the UI thread once the thread said it is done. */
static gpointer
finish_job (GThread *thread)
{
  return g_thread_join (thread);
}
