/* A global lock: threads take turns, one computes at a time, as under CPython's GIL.
 * For real: src/core/juggler-global-lock.c (the loop: src/core/juggler-pool-executor.c)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <gio/gio.h>

gboolean job_step (gpointer job, gint64 deadline_us);

static GMutex mutex;
static GCond released, switched;
static gboolean held;
static guint n_waiters;
static guint64 n_switches;

static void
acquire (void)
{
  g_mutex_lock (&mutex);
  n_waiters++;
  while (held)
    g_cond_wait (&released, &mutex);
  n_waiters--;
  held = TRUE;
  n_switches++;
  g_cond_broadcast (&switched);
  g_mutex_unlock (&mutex);
}

/* The hand-off: release, then wait until a waiting thread really took it. Without the
 * wait, the releasing thread usually takes the lock straight back. */
static void
yield (void)
{
  guint64 before;

  g_mutex_lock (&mutex);
  before = n_switches;
  held = FALSE;
  g_cond_signal (&released);
  while (n_waiters > 0 && n_switches == before)
    g_cond_wait (&switched, &mutex);
  g_mutex_unlock (&mutex);
}

/* Runs in a pool thread: 5 ms turns under the lock. */
static void
compute (gpointer job)
{
  gboolean done;

  do
    {
      acquire ();
      done = job_step (job, g_get_monotonic_time () + 5000);
      yield ();
    }
  while (!done);
}
