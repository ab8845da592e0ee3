/* juggler-fd-limit.h: room for as many sockets as the user asks for
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Raises the soft limit on open files towards the hard one; once per process is enough. */
void juggler_raise_fd_limit (void);

G_END_DECLS
