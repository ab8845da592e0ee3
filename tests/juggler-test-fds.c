/* juggler-test-fds.c: counting this process's descriptors, without the server's sockets
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-test-fds"

#include "config.h"

#include "juggler-test-fds.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The state column of /proc/net/tcp (include/net/tcp_states.h). */
#define TCP_CLOSE_WAIT 0x08
#define TCP_LISTEN     0x0A

typedef struct
{
  guint local_port;
  guint remote_port;
  guint state;
} TcpSocket;

/* Inode → TcpSocket for every IPv4 TCP socket of the machine, from /proc/net/tcp. */
static GHashTable *
read_tcp_sockets (void)
{
  GHashTable *sockets = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_true (g_file_get_contents ("/proc/net/tcp", &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      TcpSocket socket;
      gint64 inode;

      if (sscanf (lines[i], " %*u: %*[0-9A-F]:%X %*[0-9A-F]:%X %X %*s %*s %*s %*u %*u %" G_GINT64_FORMAT,
                  &socket.local_port, &socket.remote_port, &socket.state, &inode) == 4)
        g_hash_table_insert (sockets, g_memdup2 (&inode, sizeof inode),
                             g_memdup2 (&socket, sizeof socket));
    }

  return sockets;
}

/* The socket an fd link like "socket:[1234]" names, if it is an IPv4 TCP one. */
static const TcpSocket *
lookup_tcp_socket (GHashTable *sockets,
                   const char *target)
{
  gint64 inode;

  if (target == NULL || sscanf (target, "socket:[%" G_GINT64_FORMAT "]", &inode) != 1)
    return NULL;

  return g_hash_table_lookup (sockets, &inode);
}

/*
 * libsoup 3.2's server keeps the socket of a connection that the client closed while it
 * was idle or paused (/hang) until the server stops, so the server's side says nothing
 * about the client. Nor do a client's connections to an earlier test's server, closed by
 * that server, which its sessions close on their own time.
 */
guint
juggler_test_count_client_fds (guint16  server_port,
                               gboolean log)
{
  g_autoptr(GHashTable) sockets = read_tcp_sockets ();
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/fd", 0, NULL);
  guint n = 0;
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename ("/proc/self/fd", name, NULL);
      g_autofree char *target = g_file_read_link (path, NULL);
      const TcpSocket *socket = lookup_tcp_socket (sockets, target);
      gboolean server_side = socket != NULL && socket->local_port == server_port;
      /* A client's kept-alive connection to the server of an earlier test, which has
       * closed its side: it goes with that test's last session or worker thread, on its
       * own time, and is not this server's concern. */
      gboolean earlier = socket != NULL && socket->state == TCP_CLOSE_WAIT &&
                         socket->remote_port != server_port;

      /* The listing's own descriptor is gone by the time anyone looks. */
      if (target == NULL || g_str_has_prefix (target, "/proc/"))
        continue;

      if (log && socket != NULL)
        g_test_message ("fd %s → %s tcp :%u → :%u state %02X%s", name, target, socket->local_port,
                        socket->remote_port, socket->state, server_side ? " (server)" : "");
      else if (log)
        g_test_message ("fd %s → %s", name, target);

      if (!server_side && !earlier)
        n++;
    }

  return n;
}

guint
juggler_test_settle_fds (guint16 server_port,
                         guint   expected)
{
  guint n = juggler_test_count_client_fds (server_port, FALSE);

  for (guint round = 0; round < 100 && n != expected; round++)
    {
      while (g_main_context_iteration (g_main_context_get_thread_default (), FALSE))
        ;
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (10 * 1000);
      n = juggler_test_count_client_fds (server_port, FALSE);
    }

  if (n != expected)
    juggler_test_count_client_fds (server_port, TRUE);

  return n;
}

guint
juggler_test_settle_connections (guint16 server_port)
{
  guint n = G_MAXUINT;

  for (guint round = 0; round < 500 && n != 0; round++)
    {
      g_autoptr(GHashTable) sockets = NULL;
      g_autoptr(GDir) dir = NULL;
      const char *name;

      if (round > 0)
        {
          while (g_main_context_iteration (g_main_context_get_thread_default (), FALSE))
            ;
          while (g_main_context_iteration (NULL, FALSE))
            ;
          g_usleep (10 * 1000);
        }

      sockets = read_tcp_sockets ();
      dir = g_dir_open ("/proc/self/fd", 0, NULL);
      g_assert_nonnull (dir);
      n = 0;
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename ("/proc/self/fd", name, NULL);
          g_autofree char *target = g_file_read_link (path, NULL);
          const TcpSocket *socket = lookup_tcp_socket (sockets, target);

          if (socket != NULL && (socket->remote_port == server_port ||
                                 (socket->local_port == server_port &&
                                  socket->state != TCP_LISTEN)))
            n++;
        }
    }

  return n;
}

guint
juggler_test_fd_table_size (void)
{
  g_autofree char *status = NULL;
  const char *field;

  g_assert_true (g_file_get_contents ("/proc/self/status", &status, NULL, NULL));
  field = strstr (status, "\nFDSize:");
  g_assert_nonnull (field);

  return strtoul (field + strlen ("\nFDSize:"), NULL, 10);
}
