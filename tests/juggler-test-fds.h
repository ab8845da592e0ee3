/* juggler-test-fds.h: counting this process's descriptors, without the server's sockets
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Descriptors open in this process, leaving out the server's side of its connections on
 * server_port (and its listening socket). With log, every descriptor goes to the test log. */
guint juggler_test_count_client_fds (guint16  server_port,
                                     gboolean log);
/* Iterates this thread's contexts until the count is back to expected, for at most about a
 * second, and returns the last count. */
guint juggler_test_settle_fds       (guint16  server_port,
                                     guint    expected);
/* Iterates this thread's contexts until no descriptor of this process is either side of a
 * connection to server_port (kept-alive ones close when their session or thread goes, and
 * the server's side then), for at most about five seconds; how many are left. */
guint juggler_test_settle_connections (guint16 server_port);
/* The kernel's descriptor table size for this process (FDSize). */
guint juggler_test_fd_table_size    (void);

G_END_DECLS
