/* juggler-http-session.c: libsoup sessions for the network workload, one per thread that sends
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-http-session"

#include "config.h"

#include "juggler-http-session.h"

typedef struct
{
  guint64      owner;
  SoupSession *session;
} ThreadSession;

static void
thread_session_free (gpointer data)
{
  ThreadSession *thread_session = data;

  g_clear_object (&thread_session->session);
  g_free (thread_session);
}

/* Keyed by thread, not by GThread *: a pool may free a GThread and hand its address to the
 * next thread, but a thread's private value dies with the thread itself. */
static GPrivate thread_session = G_PRIVATE_INIT (thread_session_free);

GSocketConnectable *
juggler_http_session_direct_address (GPtrArray *uris)
{
  g_autoptr(GInetAddress) address = NULL;
  GUri *first = NULL;
  gint port;

  g_return_val_if_fail (uris != NULL, NULL);

  for (guint i = 0; i < uris->len; i++)
    {
      GUri *uri = g_ptr_array_index (uris, i);

      if (uri == NULL)
        continue;
      /* TLS checks the certificate against the connectable: it must stay the host's name. */
      if (g_ascii_strcasecmp (g_uri_get_scheme (uri), "http") != 0)
        return NULL;
      if (first == NULL)
        {
          first = uri;
          continue;
        }
      /* libsoup's own hosts compare names case-blind, and ports. */
      if (g_uri_get_port (uri) != g_uri_get_port (first) ||
          g_ascii_strcasecmp (g_uri_get_host (uri), g_uri_get_host (first)) != 0)
        return NULL;
    }
  if (first == NULL)
    return NULL;

  /* An address written as one, not a name: "localhost" may stand for two, one of which
   * answers, and only the resolver knows which. */
  address = g_inet_address_new_from_string (g_uri_get_host (first));
  if (address == NULL || !g_inet_address_get_is_loopback (address))
    return NULL;
  /* -1 where the URL names none: http's own. */
  port = g_uri_get_port (first);
  if (port < 0)
    port = 80;

  return G_SOCKET_CONNECTABLE (g_inet_socket_address_new (address, (guint16) port));
}

SoupSession *
juggler_http_session_new (guint                    timeout_s,
                          guint                    max_conns,
                          JugglerHttpSessionFlags  flags,
                          GSocketConnectable      *remote)
{
  SoupSession *session;

  g_return_val_if_fail (remote == NULL || G_IS_SOCKET_CONNECTABLE (remote), NULL);

  /* max-conns, max-conns-per-host and remote-connectable are construct-only. Connecting to
   * an address rather than to the URL's host (a GNetworkAddress) skips what makes one of the
   * host's name: its parsing, its enumerator's idle and its happy-eyeballs bookkeeping, for
   * each connection. */
  if (max_conns == 0)
    session = g_object_new (SOUP_TYPE_SESSION,
                            "timeout", timeout_s,
                            "remote-connectable", remote,
                            NULL);
  else
    session = g_object_new (SOUP_TYPE_SESSION,
                            "timeout", timeout_s,
                            "remote-connectable", remote,
                            "max-conns", max_conns,
                            "max-conns-per-host", max_conns,
                            NULL);

  /* Requests decode their bodies themselves, and check them (juggler-http-request.c). */
  soup_session_remove_feature_by_type (session, SOUP_TYPE_CONTENT_DECODER);

  /* No proxy ever stands between a client and a loopback address, yet asking the system's
   * resolver costs every connection a lookup in a helper thread: a third of the client's
   * CPU time for 500 requests to the embedded server. */
  if (flags & JUGGLER_HTTP_SESSION_SKIP_PROXY)
    soup_session_set_proxy_resolver (session, NULL);

  if (flags & JUGGLER_HTTP_SESSION_NO_AUTH)
    soup_session_remove_feature_by_type (session, SOUP_TYPE_AUTH_MANAGER);

  return session;
}

SoupSession *
juggler_http_session_get_for_thread (guint64                 owner,
                                     guint                   timeout_s,
                                     JugglerHttpSessionFlags flags)
{
  ThreadSession *current = g_private_get (&thread_session);

  if (current == NULL || current->owner != owner)
    {
      current = g_new0 (ThreadSession, 1);
      current->owner = owner;
      current->session = juggler_http_session_new (timeout_s, 1, flags, NULL);
      /* Frees the previous owner's session, here on its own thread. */
      g_private_replace (&thread_session, current);
    }

  return current->session;
}

void
juggler_http_session_drop_for_thread (guint64 owner)
{
  ThreadSession *current = g_private_get (&thread_session);

  if (current != NULL && current->owner == owner)
    g_private_replace (&thread_session, NULL);
}

guint64
juggler_http_session_new_owner (void)
{
  static GMutex lock;
  static guint64 last_owner;
  guint64 owner;

  /* 64 bits never wrap: an owner's number is never reused, unlike an address. */
  g_mutex_lock (&lock);
  owner = ++last_owner;
  g_mutex_unlock (&lock);

  return owner;
}
