/* Blocking: the whole job runs in one callback on the UI thread, and nothing paints meanwhile.
 * For real: src/core/juggler-main-executor.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <gio/gio.h>

gboolean job_step (gpointer job, gint64 deadline_us);
gpointer next_job (void);

/* Runs on the UI thread. Until it returns, no input is handled and no frame is drawn. */
static gboolean
blocking_cb (gpointer user_data)
{
  gpointer job;

  while ((job = next_job ()) != NULL)
    {
      /* No deadline: the job runs to its end before the main loop gets control back. */
      while (!job_step (job, G_MAXINT64))
        ;
    }
  return G_SOURCE_REMOVE;
}

static void
start (void)
{
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, blocking_cb, NULL, NULL);
}
