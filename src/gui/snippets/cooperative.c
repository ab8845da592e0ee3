/* Cooperative slices: the UI thread works on a job in 4 ms slices between frames.
 * For real: src/core/juggler-main-executor.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <gio/gio.h>

gboolean job_step (gpointer job, gint64 deadline_us);  /* resumable: works until the deadline */
gpointer next_job (void);

#define SLICE_US 4000

static gpointer current;

/* Runs on the UI thread, once per main loop iteration while there is work. */
static gboolean
slice_cb (gpointer user_data)
{
  gint64 deadline = g_get_monotonic_time () + SLICE_US;

  while (current != NULL || (current = next_job ()) != NULL)
    {
      if (!job_step (current, deadline))
        return G_SOURCE_CONTINUE;    /* the slice is over: paint, then resume */
      current = NULL;
      if (g_get_monotonic_time () >= deadline)
        return G_SOURCE_CONTINUE;
    }
  return G_SOURCE_REMOVE;
}

static void
start (void)
{
  /* Idle priority, below input and redraw: between slices GTK gets to paint. */
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, slice_cb, NULL, NULL);
}
