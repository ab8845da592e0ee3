/* juggler-context-source.h: GMainContexts served from another one's loop by one GSource
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Returns a source that, attached to a context the thread runs, iterates each of the inner
 * contexts added to it whenever one of that context's descriptors is ready or its next
 * timeout is due, with the inner context pushed as the thread-default context meanwhile:
 * the same thread, the same loop, but the outer loop looks at one source and one
 * descriptor (an epoll set of all the inner contexts' descriptors) instead of at all of
 * theirs, and an event costs an iteration of the one inner context it belongs to. */
GSource *juggler_context_source_new    (void);

/* Only this source may iterate @inner, from the thread that runs the source's context, which
 * holds it (g_main_context_acquire()) from adding to removing: whatever another thread
 * attaches to it wakes it. What this thread changes in it outside its iteration — a request
 * sent, a cancellation — must be followed by juggler_context_source_wake() or
 * g_main_context_wakeup(), unless GLib wakes it anyway (a ready time set). Adding or
 * removing one is allowed at any time on that thread, also from a callback of the inner
 * context being removed. Removing returns whether none is left. */
void     juggler_context_source_add    (GSource      *source,
                                        GMainContext *inner);
gboolean juggler_context_source_remove (GSource      *source,
                                        GMainContext *inner);
/* Iterates @inner in the source's next dispatch, at no system call. */
void     juggler_context_source_wake   (GSource      *source,
                                        GMainContext *inner);

G_END_DECLS
