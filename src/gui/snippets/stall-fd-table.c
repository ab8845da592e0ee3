/* Stall: the 257th, 513th and 1025th open descriptor make Linux grow the table, 10-20 ms.
 * For real: src/core/juggler-fd-limit.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib.h>
#include <glib/gstdio.h>
#include <fcntl.h>
#include <sys/resource.h>

/* In a threaded process, growing the descriptor table waits for an RCU grace period: the
 * thread inside connect() sleeps. Open one descriptor high up, once, at startup, and the
 * table is already big when 500 sockets open during a run. */
static void
grow_fd_table (void)
{
  struct rlimit limit;
  int fd, high_fd;

  if (getrlimit (RLIMIT_NOFILE, &limit) != 0)
    return;
  fd = g_open ("/dev/null", O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    return;
  high_fd = fcntl (fd, F_DUPFD_CLOEXEC, (int) MIN (limit.rlim_cur, 4096) - 1);
  if (high_fd >= 0)
    g_close (high_fd, NULL);
  g_close (fd, NULL);
}
