/* soup_session_send_async() against soup_session_send(): the same request, two threads' fates.
 * For real: src/core/juggler-http-request.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <libsoup/soup.h>

/* Async: returns at once; the UI thread handles hundreds of requests in flight. */
static void
sent_cb (GObject      *session,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) body = soup_session_send_finish (SOUP_SESSION (session), result, &error);

  if (body == NULL)
    g_warning ("Request failed: %s", error->message);
  /* else read it with g_input_stream_read_bytes_async () */
}

static void
fetch_async (SoupSession *session,
             const char  *uri)
{
  g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_GET, uri);

  soup_session_send_async (session, msg, G_PRIORITY_DEFAULT, NULL, sent_cb, NULL);
}

/* Blocking: the calling thread sleeps until the headers arrive. On the UI thread (the
 * blocking strategy) nothing paints; in a worker (threads) it costs a thread per request. */
static GInputStream *
fetch (SoupSession  *session,
       const char   *uri,
       GError      **error)
{
  g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_GET, uri);

  return soup_session_send (session, msg, NULL, error);
}
