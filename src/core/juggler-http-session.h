/* juggler-http-session.h: libsoup sessions for the network workload, one per thread that sends
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* timeout_s is libsoup's I/O inactivity timeout; max_conns 0 keeps libsoup's limits (10 in
 * all, 2 per host). With skip_proxy, connections never ask the system for a proxy; with
 * skip_auth, the session has no authentication manager (for URLs without credentials that
 * no proxy stands in front of: it could only ever pass a 401 or 407 on as it came). */
SoupSession *juggler_http_session_new            (guint     timeout_s,
                                                  guint     max_conns,
                                                  gboolean  skip_proxy,
                                                  gboolean  skip_auth);
/*
 * The calling thread's session for blocking sends on behalf of owner (a number no other
 * owner ever had), one connection at a time: libsoup sessions belong to one thread. It lives
 * in thread-private storage and dies with its thread, on that thread, or when a new owner
 * sends from the thread. The caller does not get a reference.
 */
SoupSession *juggler_http_session_get_for_thread (guint64   owner,
                                                  guint     timeout_s,
                                                  gboolean  skip_proxy,
                                                  gboolean  skip_auth);
/* Drops the calling thread's session if owner made it: the owner goes away. */
void         juggler_http_session_drop_for_thread (guint64  owner);
/* A number for a new owner of thread sessions. */
guint64      juggler_http_session_new_owner      (void);

G_END_DECLS
