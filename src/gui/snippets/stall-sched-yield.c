/* Stall: with every core busy, a woken UI thread waited for the next scheduler tick (4 ms).
 * For real: src/core/juggler-pool-executor.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <gio/gio.h>
#include <sched.h>
#include <sys/resource.h>
#include <unistd.h>

gboolean job_step (gpointer job, gint64 deadline_us);

/* In a worker thread. Linux (6.18, where we measured) did not preempt a busy nice 19
 * worker for the UI thread the moment it woke; it waited for the tick. Working in 1 ms
 * slices and offering the core between them caps that wait at a millisecond. */
static void
compute (gpointer job)
{
  /* Each thread has its own nice value on Linux: unprivileged, allowed in Flatpak. */
  setpriority (PRIO_PROCESS, gettid (), 19);

  while (!job_step (job, g_get_monotonic_time () + 1000))
    sched_yield ();
}
