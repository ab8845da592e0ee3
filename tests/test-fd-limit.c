/* test-fd-limit.c: the descriptor table is grown once, up front, for a run's sockets
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-fd-limit"

#include "config.h"

#include <glib/gstdio.h>
#include <sys/resource.h>
#include <unistd.h>

#include "juggler-fd-limit.h"
#include "juggler-test-fds.h"

/* A run's sockets never make the kernel grow the descriptor table, which would stall the
 * thread opening one for an RCU grace period. */
static void
test_fd_table_grown_up_front (void)
{
  /* 1000 connections, and as many accepted by the server in the same process. */
  const guint n_fds = 2000;
  g_autoptr(GArray) fds = g_array_new (FALSE, FALSE, sizeof (int));
  struct rlimit limit;
  guint size;

  /* What every network workload does when it is made. */
  juggler_prepare_fd_table ();
  size = juggler_test_fd_table_size ();

  /* The soft limit is raised towards the hard one: poll() has no FD_SETSIZE. */
  g_assert_cmpint (getrlimit (RLIMIT_NOFILE, &limit), ==, 0);
  g_assert_cmpuint (limit.rlim_cur, >=, MIN (limit.rlim_max, 16384));
  if (limit.rlim_cur < n_fds + 100)
    {
      g_test_skip ("The file descriptor limit is too low here");
      return;
    }

  for (guint i = 0; i < n_fds; i++)
    {
      int fd = dup (STDERR_FILENO);

      g_assert_cmpint (fd, >=, 0);
      g_array_append_val (fds, fd);
    }
  g_assert_cmpuint (juggler_test_fd_table_size (), ==, size);

  for (guint i = 0; i < fds->len; i++)
    g_close (g_array_index (fds, int, i), NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/fd-limit/table-grown-up-front", test_fd_table_grown_up_front);

  return g_test_run ();
}
