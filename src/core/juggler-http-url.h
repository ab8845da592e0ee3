/* juggler-http-url.h: which URLs the network workload fetches, and which stay on this machine
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* An http:// or https:// URL with a host name, or NULL with a JUGGLER_ERROR saying why. */
GUri     *juggler_http_url_parse       (const char  *url,
                                        GError     **error);
/* Whether the URL's host is a loopback address or "localhost": no proxy stands in between. */
gboolean  juggler_http_url_is_loopback (GUri        *uri);

G_END_DECLS
