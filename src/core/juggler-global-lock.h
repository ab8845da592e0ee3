/* juggler-global-lock.h: one lock that every thread must hold to compute, like CPython's GIL
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* CPython asks the holder to let go after this long (sys.getswitchinterval ()). */
#define JUGGLER_GLOBAL_LOCK_SWITCH_INTERVAL_US 5000

typedef struct _JugglerGlobalLock JugglerGlobalLock;

JugglerGlobalLock *juggler_global_lock_new     (void);
void               juggler_global_lock_free    (JugglerGlobalLock *self);
void               juggler_global_lock_acquire (JugglerGlobalLock *self);
void               juggler_global_lock_release (JugglerGlobalLock *self);
/* Releases and, when others wait, returns only once one of them has taken the lock:
 * CPython's forced switching, without which the holder would win the lock straight back. */
void               juggler_global_lock_yield   (JugglerGlobalLock *self);
/* Threads waiting in acquire() at this moment. */
guint              juggler_global_lock_get_n_waiters (JugglerGlobalLock *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JugglerGlobalLock, juggler_global_lock_free)

G_END_DECLS
