/* juggler-fd-limit.h: room for as many sockets as the user asks for
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Raises the soft limit on open files towards the hard one and makes the kernel's table of
 * descriptors large enough for the connections of a run. Once per process is enough; best
 * called first thing in main(), before any thread starts. */
void juggler_prepare_fd_table (void);

G_END_DECLS
