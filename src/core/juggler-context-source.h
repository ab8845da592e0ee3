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

/* @inner must have been made with G_MAIN_CONTEXT_FLAGS_OWNERLESS_POLLING, so that every
 * change to it wakes the source; only this source may iterate it, from the thread that
 * runs the source's context. Adding or removing one is allowed at any time on that thread,
 * also from a callback of the inner context being removed. Removing returns whether none
 * is left. */
void     juggler_context_source_add    (GSource      *source,
                                        GMainContext *inner);
gboolean juggler_context_source_remove (GSource      *source,
                                        GMainContext *inner);

G_END_DECLS
