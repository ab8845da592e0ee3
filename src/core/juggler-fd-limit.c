/* juggler-fd-limit.c: room for as many sockets as the user asks for
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-fd-limit"

#include "config.h"

#include "juggler-fd-limit.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sys/resource.h>
#include <unistd.h>

#define WANTED_FD_LIMIT 16384

/* 1000 client connections and, with the embedded server in the same process, their 1000
 * accepted sockets. */
#define RESERVED_FDS 4096

static void
raise_fd_limit (void)
{
  struct rlimit limit;

  /* GLib polls with poll(), not select(), so the soft limit (often 1024) is only a
   * historical default; raise it towards the hard limit as systemd advises. */
  if (getrlimit (RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < WANTED_FD_LIMIT &&
      limit.rlim_cur < limit.rlim_max)
    {
      limit.rlim_cur = MIN (limit.rlim_max, WANTED_FD_LIMIT);
      if (setrlimit (RLIMIT_NOFILE, &limit) != 0)
        g_debug ("Could not raise the file descriptor limit: %s", g_strerror (errno));
    }
}

/* Linux grows a process's descriptor table when a descriptor past its end is opened (at
 * 256, 512, 1024…) and, once the process has threads, waits for an RCU grace period to do
 * so: the thread that opened the socket sleeps in the kernel for 10 to 20 ms. Grown once,
 * up front, the table never grows in the middle of a run on the UI thread. */
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

  high_fd = fcntl (fd, F_DUPFD_CLOEXEC, (int) MIN (limit.rlim_cur, RESERVED_FDS) - 1);
  if (high_fd >= 0)
    g_close (high_fd, NULL);
  g_close (fd, NULL);
}

void
juggler_prepare_fd_table (void)
{
  static gsize done = 0;

  if (!g_once_init_enter (&done))
    return;

  raise_fd_limit ();
  grow_fd_table ();

  g_once_init_leave (&done, 1);
}
