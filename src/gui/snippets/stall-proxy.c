/* Stall: every libsoup connection first asks the system's proxy resolver, in a helper thread.
 * For real: src/core/juggler-http-session.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <libsoup/soup.h>

/* No proxy ever stands between a client and a loopback address, yet each connection pays
 * for a lookup: a third of the client's CPU time for 500 requests to a local server. */
static SoupSession *
session_for_loopback (guint max_conns)
{
  /* max-conns and max-conns-per-host are construct-only (libsoup's defaults: 10 and 2). */
  SoupSession *session = soup_session_new_with_options ("max-conns", max_conns,
                                                        "max-conns-per-host", max_conns,
                                                        NULL);

  soup_session_set_proxy_resolver (session, NULL);
  return session;
}
