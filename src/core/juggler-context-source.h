/* juggler-context-source.h: a GMainContext served from another one's loop by one GSource
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Returns a source that, attached to a context the thread runs, iterates @inner whenever
 * one of @inner's descriptors is ready or its next timeout is due, with @inner pushed as
 * the thread-default context meanwhile: the same thread, the same loop, but the outer loop
 * looks at one source and one descriptor (an epoll set of @inner's) instead of at all of
 * @inner's. @inner must have been made with G_MAIN_CONTEXT_FLAGS_OWNERLESS_POLLING, so
 * that every change to it wakes the source; only this source may iterate it. */
GSource *juggler_context_source_new (GMainContext *inner);

G_END_DECLS
