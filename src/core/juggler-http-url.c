/* juggler-http-url.c: which URLs the network workload fetches, and which stay on this machine
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-http-url"

#include "config.h"

#include "juggler-http-url.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "juggler-types.h"

GUri *
juggler_http_url_parse (const char  *url,
                        GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (url == NULL || *url == '\0')
    {
      g_set_error (error, JUGGLER_ERROR, JUGGLER_ERROR_INVALID_ARGUMENT, _("The URL is empty"));
      return NULL;
    }

  uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, &local_error);
  if (uri == NULL)
    {
      g_set_error (error, JUGGLER_ERROR, JUGGLER_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a valid URL: %s"), url, local_error->message);
      return NULL;
    }
  if (g_strcmp0 (g_uri_get_scheme (uri), "http") != 0 &&
      g_strcmp0 (g_uri_get_scheme (uri), "https") != 0)
    {
      g_set_error (error, JUGGLER_ERROR, JUGGLER_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not an http:// or https:// URL"), url);
      return NULL;
    }
  if (g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, JUGGLER_ERROR, JUGGLER_ERROR_INVALID_ARGUMENT,
                   _("“%s” has no host name"), url);
      return NULL;
    }

  return g_steal_pointer (&uri);
}

gboolean
juggler_http_url_is_loopback (GUri *uri)
{
  g_autoptr(GInetAddress) address = NULL;
  const char *host;

  g_return_val_if_fail (uri != NULL, FALSE);

  host = g_uri_get_host (uri);
  address = g_inet_address_new_from_string (host);
  if (address == NULL)
    return g_ascii_strcasecmp (host, "localhost") == 0;

  return g_inet_address_get_is_loopback (address);
}
