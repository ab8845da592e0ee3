/* juggler-global-lock.c: one lock that every thread must hold to compute, like CPython's GIL
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-global-lock"

#include "config.h"

#include "juggler-global-lock.h"

struct _JugglerGlobalLock
{
  GMutex  mutex;
  GCond   released;
  GCond   switched;
  gboolean held;
  guint   n_waiters;
  guint64 n_switches;
};

JugglerGlobalLock *
juggler_global_lock_new (void)
{
  JugglerGlobalLock *self = g_new0 (JugglerGlobalLock, 1);

  g_mutex_init (&self->mutex);
  g_cond_init (&self->released);
  g_cond_init (&self->switched);

  return self;
}

void
juggler_global_lock_free (JugglerGlobalLock *self)
{
  if (self == NULL)
    return;

  g_assert (!self->held);

  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->released);
  g_cond_clear (&self->switched);
  g_free (self);
}

void
juggler_global_lock_acquire (JugglerGlobalLock *self)
{
  g_return_if_fail (self != NULL);

  g_mutex_lock (&self->mutex);
  self->n_waiters++;
  while (self->held)
    g_cond_wait (&self->released, &self->mutex);
  self->n_waiters--;
  self->held = TRUE;
  self->n_switches++;
  g_cond_broadcast (&self->switched);
  g_mutex_unlock (&self->mutex);
}

static void
release_locked (JugglerGlobalLock *self,
                gboolean           wait_for_switch)
{
  guint64 n_switches = self->n_switches;

  g_assert (self->held);

  self->held = FALSE;
  g_cond_signal (&self->released);

  if (wait_for_switch)
    {
      while (self->n_waiters > 0 && self->n_switches == n_switches)
        g_cond_wait (&self->switched, &self->mutex);
    }
}

void
juggler_global_lock_release (JugglerGlobalLock *self)
{
  g_return_if_fail (self != NULL);

  g_mutex_lock (&self->mutex);
  release_locked (self, FALSE);
  g_mutex_unlock (&self->mutex);
}

void
juggler_global_lock_yield (JugglerGlobalLock *self)
{
  g_return_if_fail (self != NULL);

  g_mutex_lock (&self->mutex);
  release_locked (self, TRUE);
  g_mutex_unlock (&self->mutex);
}

guint
juggler_global_lock_get_n_waiters (JugglerGlobalLock *self)
{
  guint n_waiters;

  g_return_val_if_fail (self != NULL, 0);

  g_mutex_lock (&self->mutex);
  n_waiters = self->n_waiters;
  g_mutex_unlock (&self->mutex);

  return n_waiters;
}
