/* juggler-fd-limit.c: room for as many sockets as the user asks for
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-fd-limit"

#include "config.h"

#include "juggler-fd-limit.h"

#include <errno.h>
#include <sys/resource.h>

/* A thousand requests in flight, both ends in one process, plus what GTK keeps open. */
#define WANTED_FD_LIMIT 16384

void
juggler_raise_fd_limit (void)
{
  static gsize done = 0;
  struct rlimit limit;

  if (!g_once_init_enter (&done))
    return;

  /* GLib polls with poll(), not select(), so the soft limit (often 1024) is only a
   * historical default; raise it towards the hard limit as systemd advises. */
  if (getrlimit (RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < WANTED_FD_LIMIT &&
      limit.rlim_cur < limit.rlim_max)
    {
      limit.rlim_cur = MIN (limit.rlim_max, WANTED_FD_LIMIT);
      if (setrlimit (RLIMIT_NOFILE, &limit) != 0)
        g_debug ("Could not raise the file descriptor limit: %s", g_strerror (errno));
    }

  g_once_init_leave (&done, 1);
}
