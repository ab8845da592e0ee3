/* juggler-http-session.h: libsoup sessions for the network workload, one per thread that sends
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* What a session can do without, for requests that do not need it (TRUE as flags is
 * JUGGLER_HTTP_SESSION_SKIP_PROXY, what a gboolean skip_proxy used to say).
 * SKIP_PROXY: connections never ask the system for a proxy. NO_AUTH: no SoupAuthManager,
 * which connects five handlers to every message (about 1.2 KB of memory per request in
 * flight) to answer a 401 or 407 with the credentials of the URL or the proxy's URL. */
typedef enum
{
  JUGGLER_HTTP_SESSION_SKIP_PROXY = 1 << 0,
  JUGGLER_HTTP_SESSION_NO_AUTH    = 1 << 1,
} JugglerHttpSessionFlags;

/* timeout_s is libsoup's I/O inactivity timeout; max_conns 0 keeps libsoup's limits (10 in
 * all, 2 per host). Every request connects to @remote (from the function below), or to its
 * URL's host when NULL, which is then resolved for each connection. */
SoupSession *juggler_http_session_new            (guint                    timeout_s,
                                                  guint                    max_conns,
                                                  JugglerHttpSessionFlags  flags,
                                                  GSocketConnectable      *remote);
/* When every URL of @uris (GUri *; NULL entries are skipped) is http:// to one loopback
 * address written as such (127.0.0.1, [::1]) and one port, a new GInetSocketAddress of
 * them, for juggler_http_session_new(); else NULL. Names, "localhost" too, and https://
 * keep their host's connectable: only the resolver knows a name's addresses, and TLS checks
 * the certificate against the connectable. */
GSocketConnectable *juggler_http_session_direct_address (GPtrArray *uris);
/*
 * The calling thread's session for blocking sends on behalf of owner (a number no other
 * owner ever had), one connection at a time: libsoup sessions belong to one thread. It lives
 * in thread-private storage and dies with its thread, on that thread, or when a new owner
 * sends from the thread. The caller does not get a reference.
 */
SoupSession *juggler_http_session_get_for_thread (guint64                  owner,
                                                  guint                    timeout_s,
                                                  JugglerHttpSessionFlags  flags);
/* Drops the calling thread's session if owner made it: the owner goes away. */
void         juggler_http_session_drop_for_thread (guint64  owner);
/* A number for a new owner of thread sessions. */
guint64      juggler_http_session_new_owner      (void);

G_END_DECLS
