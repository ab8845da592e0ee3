/* GTask's shared pool: g_task_run_in_thread() and the callback it returns to.
 * For real: src/core/juggler-shared-pool-executor.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <gio/gio.h>

gboolean job_step (gpointer job, gint64 deadline_us);

/* Runs in one of GLib's shared worker threads (about ten, grown slowly). */
static void
run_job_thread (GTask        *task,
                gpointer      source_object,
                gpointer      job,
                GCancellable *cancellable)
{
  while (!job_step (job, G_MAXINT64))
    ;
  g_task_return_boolean (task, TRUE);
}

/* Runs on the UI thread, at the task's priority. */
static void
job_done_cb (GObject      *source_object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_warning ("Job failed: %s", error->message);
}

static void
start_job (gpointer job)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, job_done_cb, NULL);

  g_task_set_priority (task, G_PRIORITY_DEFAULT_IDLE);  /* below redraw */
  g_task_set_task_data (task, job, NULL);
  g_task_run_in_thread (task, run_job_thread);
}
