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

SoupSession *
juggler_http_session_new (guint                   timeout_s,
                          guint                   max_conns,
                          JugglerHttpSessionFlags flags)
{
  SoupSession *session;

  /* max-conns and max-conns-per-host are construct-only. */
  if (max_conns == 0)
    session = soup_session_new_with_options ("timeout", timeout_s, NULL);
  else
    session = soup_session_new_with_options ("timeout", timeout_s,
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
      current->session = juggler_http_session_new (timeout_s, 1, flags);
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
