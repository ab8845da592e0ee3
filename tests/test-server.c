/* test-server.c: every endpoint of the embedded HTTP server, through a libsoup client
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-server"

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "juggler-server.h"
#include "juggler-test-http.h"
#include "juggler-test-run.h"

/* Generous: only a broken server makes a test wait this long. */
#define TEST_TIMEOUT_S 30

static JugglerServer *
start_server (void)
{
  return juggler_test_server_start ();
}

/* The server runs on its own thread, so a synchronous request from here is fine. */
static GBytes *
get (SoupSession    *session,
     JugglerServer  *server,
     const char     *path,
     guint          *status,
     GError        **error)
{
  g_autofree char *uri = g_strconcat (juggler_server_get_uri (server), path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", uri);
  GBytes *body;

  g_assert_nonnull (msg);
  body = soup_session_send_and_read (session, msg, NULL, error);
  if (status != NULL)
    *status = soup_message_get_status (msg);

  return body;
}

static void
assert_bytes_body (GBytes  *body,
                   guint32  seed,
                   gsize    len)
{
  g_autofree guint8 *expected = g_malloc (MAX (len, 1));

  juggler_server_fill_bytes (seed, 0, expected, len);
  g_assert_nonnull (body);
  g_assert_cmpmem (g_bytes_get_data (body, NULL), g_bytes_get_size (body), expected, len);
}

static gboolean
timed_out_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;

  return G_SOURCE_REMOVE;
}

static void
test_fill_bytes (void)
{
  /* SplitMix64 seeded with 0 starts with 0xe220a8397b1dcdaf, written little-endian. */
  const guint8 first[8] = { 0xaf, 0xcd, 0x1d, 0x7b, 0x39, 0xa8, 0x20, 0xe2 };
  guint8 whole[100];
  guint8 part[63];

  juggler_server_fill_bytes (0, 0, whole, sizeof whole);
  g_assert_cmpmem (whole, 8, first, 8);

  /* Any range can be produced on its own. */
  juggler_server_fill_bytes (0, 37, part, sizeof part);
  g_assert_cmpmem (whole + 37, sizeof part, part, sizeof part);

  juggler_server_fill_bytes (1, 0, part, sizeof part);
  g_assert_true (memcmp (whole, part, sizeof part) != 0);
}

static void
test_delay (void)
{
  g_autoptr(JugglerServer) server = start_server ();
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  gint64 start = g_get_monotonic_time ();
  guint status;

  body = get (session, server, "delay/150", &status, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (status, ==, SOUP_STATUS_OK);
  /* Only a lower bound: a loaded machine may answer later, never sooner. */
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 150 * 1000);
  g_assert_cmpmem (g_bytes_get_data (body, NULL), g_bytes_get_size (body), "Delayed 150 ms\n", 15);

  g_clear_pointer (&body, g_bytes_unref);
  body = get (session, server, "delay/0", &status, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (status, ==, SOUP_STATUS_OK);
}

static void
test_bytes (void)
{
  g_autoptr(JugglerServer) server = start_server ();
  g_autoptr(SoupSession) session = soup_session_new ();
  const struct { const char *path; guint32 seed; gsize len; } cases[] = {
    { "bytes/0", 0, 0 },
    { "bytes/1", 0, 1 },
    { "bytes/1000", 0, 1000 },
    { "bytes/1000?seed=7", 7, 1000 },
    /* Several chunks, the last one partial. */
    { "bytes/300001?seed=4294967295", G_MAXUINT32, 300001 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *uri = g_strconcat (juggler_server_get_uri (server), cases[i].path, NULL);
      g_autoptr(SoupMessage) msg = soup_message_new ("GET", uri);
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) body = soup_session_send_and_read (session, msg, NULL, &error);
      SoupMessageHeaders *headers = soup_message_get_response_headers (msg);

      g_test_message ("GET %s", cases[i].path);
      g_assert_no_error (error);
      g_assert_cmpuint (soup_message_get_status (msg), ==, SOUP_STATUS_OK);
      g_assert_cmpint (soup_message_headers_get_encoding (headers), ==,
                       SOUP_ENCODING_CONTENT_LENGTH);
      g_assert_cmpint (soup_message_headers_get_content_length (headers), ==, cases[i].len);
      assert_bytes_body (body, cases[i].seed, cases[i].len);
    }
}

static void
test_bytes_rate (void)
{
  g_autoptr(JugglerServer) server = start_server ();
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  gint64 start = g_get_monotonic_time ();
  guint status;

  /* 100 000 bytes at 200 000 bytes/s: at least half a second. */
  body = get (session, server, "bytes/100000?rate=200000&seed=3", &status, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (status, ==, SOUP_STATUS_OK);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, G_USEC_PER_SEC / 2);
  assert_bytes_body (body, 3, 100000);

  /* A rate of 0 means no limit. */
  g_clear_pointer (&body, g_bytes_unref);
  body = get (session, server, "bytes/5000?rate=0", &status, &error);
  g_assert_no_error (error);
  assert_bytes_body (body, 0, 5000);
}

static void
test_status (void)
{
  g_autoptr(JugglerServer) server = start_server ();
  g_autoptr(SoupSession) session = soup_session_new ();
  const guint codes[] = { 200, 201, 204, 304, 404, 418, 500, 503, 599 };

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      g_autofree char *path = g_strdup_printf ("status/%u", codes[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) body = NULL;
      guint status;

      body = get (session, server, path, &status, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (status, ==, codes[i]);
    }
}

static void
test_hang (void)
{
  g_autoptr(JugglerServer) server = start_server ();
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 1, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;

  body = get (session, server, "hang", NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_assert_null (body);
}

typedef struct
{
  GError   **error;
  gboolean   done;
} Answer;

static void
send_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Answer *answer = user_data;
  g_autoptr(GBytes) body = NULL;

  body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, answer->error);
  /* A request that did not fail is what the test must catch: give it an error to match. */
  if (*answer->error == NULL)
    g_set_error_literal (answer->error, G_IO_ERROR, G_IO_ERROR_FAILED, "answered");
  answer->done = TRUE;
}

static void
test_hang_stop (void)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(JugglerServer) server = start_server ();
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_strconcat (juggler_server_get_uri (server), "hang", NULL);
  Answer answer = { &error, FALSE };
  gboolean waited = FALSE;
  gboolean timed_out;
  GSource *timeout;

  g_main_context_push_thread_default (context);
  session = soup_session_new ();
  msg = soup_message_new ("GET", uri);
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, send_done_cb,
                                    &answer);

  /* Give the request time to reach the server and be paused there. */
  timeout = g_timeout_source_new (300);
  g_source_set_callback (timeout, timed_out_cb, &waited, NULL);
  g_source_attach (timeout, context);
  g_source_unref (timeout);
  while (!waited)
    g_main_context_iteration (context, TRUE);
  g_assert_null (error);

  /* Stopping must not wait for the hung request, and must close its connection. */
  juggler_server_stop (server);
  g_assert_false (juggler_server_is_running (server));

  timed_out = !juggler_test_iterate_until (&answer.done, TEST_TIMEOUT_S);

  g_assert_false (timed_out);
  g_assert_false (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_FAILED));
  g_test_message ("the hung request ended with: %s", error->message);

  g_clear_object (&session);
  g_main_context_pop_thread_default (context);
}

static void
test_truncate (void)
{
  g_autoptr(JugglerServer) server = start_server ();
  g_autoptr(SoupSession) session = soup_session_new ();
  const guint sizes[] = { 1, 1000, 300000 };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *path = g_strdup_printf ("truncate/%u", sizes[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) body = NULL;

      body = get (session, server, path, NULL, &error);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT);
      g_assert_null (body);
    }

  /* The server is still fine afterwards. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GBytes) body = NULL;
    guint status;

    body = get (session, server, "status/200", &status, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (status, ==, SOUP_STATUS_OK);
  }
}

static void
test_not_found (void)
{
  g_autoptr(JugglerServer) server = start_server ();
  g_autoptr(SoupSession) session = soup_session_new ();
  const char *paths[] = { "", "nope", "delay/5/extra", "hang/1", "bytes/10/20", "DELAY/5" };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) body = NULL;
      guint status;

      g_test_message ("GET /%s", paths[i]);
      body = get (session, server, paths[i], &status, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (status, ==, SOUP_STATUS_NOT_FOUND);
    }
}

static void
test_bad_request (void)
{
  g_autoptr(JugglerServer) server = start_server ();
  g_autoptr(SoupSession) session = soup_session_new ();
  const char *paths[] = {
    "delay", "delay/", "delay/abc", "delay/-1", "delay/1.5", "delay/600001",
    "delay/99999999999999999999999", "bytes/1073741825", "bytes/x", "bytes/10?seed=4294967296",
    "bytes/10?rate=fast", "bytes/10?rate=-5", "status/99", "status/100", "status/600",
    "status/", "truncate/0", "truncate/1073741825", "truncate/z",
  };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) body = NULL;
      guint status;

      g_test_message ("GET /%s", paths[i]);
      body = get (session, server, paths[i], &status, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (status, ==, SOUP_STATUS_BAD_REQUEST);
      /* A text that says what is wrong. */
      g_assert_cmpuint (g_bytes_get_size (body), >, 10);
    }
}

static void
test_method (void)
{
  g_autoptr(JugglerServer) server = start_server ();
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *uri = g_strconcat (juggler_server_get_uri (server), "bytes/10", NULL);
  g_autoptr(SoupMessage) post = soup_message_new ("POST", uri);
  g_autoptr(SoupMessage) head = soup_message_new ("HEAD", uri);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) post_body = NULL;
  g_autoptr(GBytes) head_body = NULL;

  post_body = soup_session_send_and_read (session, post, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (post), ==, SOUP_STATUS_METHOD_NOT_ALLOWED);

  head_body = soup_session_send_and_read (session, head, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (head), ==, SOUP_STATUS_OK);
  g_assert_cmpint (soup_message_headers_get_content_length (soup_message_get_response_headers (head)),
                   ==, 10);
  g_assert_cmpuint (g_bytes_get_size (head_body), ==, 0);
}

static void
test_ports (void)
{
  g_autoptr(JugglerServer) first = start_server ();
  g_autoptr(JugglerServer) second = start_server ();
  g_autoptr(JugglerServer) same = juggler_server_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;

  g_assert_cmpuint (juggler_server_get_port (first), >, 0);
  g_assert_cmpuint (juggler_server_get_port (second), >, 0);
  g_assert_cmpuint (juggler_server_get_port (first), !=, juggler_server_get_port (second));

  uri = g_strdup_printf ("http://127.0.0.1:%u/", juggler_server_get_port (first));
  g_assert_cmpstr (juggler_server_get_uri (first), ==, uri);

  /* A port in use is an error, not a crash or a silent second listener. */
  g_assert_false (juggler_server_start (same, juggler_server_get_port (first), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE);
  g_assert_false (juggler_server_is_running (same));
  g_assert_null (juggler_server_get_uri (same));
}

static void
test_stop (void)
{
  g_autoptr(JugglerServer) server = start_server ();
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  guint16 port = juggler_server_get_port (server);

  juggler_server_stop (server);
  juggler_server_stop (server);
  g_assert_false (juggler_server_is_running (server));
  g_assert_cmpuint (juggler_server_get_port (server), ==, 0);
  g_assert_null (juggler_server_get_uri (server));

  connection = g_socket_client_connect_to_host (client, "127.0.0.1", port, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
  g_assert_null (connection);

  /* A stopped server can start again. */
  g_clear_error (&error);
  g_assert_true (juggler_server_start (server, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (juggler_server_get_port (server), >, 0);
  juggler_server_stop (server);

  g_assert_finalize_object (g_steal_pointer (&server));
}

typedef struct
{
  guint    n;
  guint    done;
  guint    ok;
  gboolean all_done;
} Counts;

static void
counted_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Counts *counts = user_data;
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (object), result);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;

  body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  counts->done++;
  if (error == NULL && soup_message_get_status (msg) == SOUP_STATUS_OK)
    counts->ok++;
  counts->all_done = counts->done == counts->n;
}

static void
test_concurrent (void)
{
  const guint n = 300;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(JugglerServer) server = start_server ();
  g_autoptr(SoupSession) session = NULL;
  g_autofree char *uri = g_strconcat (juggler_server_get_uri (server), "delay/100", NULL);
  Counts counts = { .n = n };
  gboolean timed_out;

  g_main_context_push_thread_default (context);
  session = soup_session_new_with_options ("max-conns", n, "max-conns-per-host", n, NULL);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SoupMessage) msg = soup_message_new ("GET", uri);

      soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL,
                                        counted_done_cb, &counts);
    }

  timed_out = !juggler_test_iterate_until (&counts.all_done, TEST_TIMEOUT_S);

  g_assert_false (timed_out);
  g_assert_cmpuint (counts.ok, ==, n);

  g_clear_object (&session);
  g_main_context_pop_thread_default (context);
}

static guint
count_open_fds (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/fd", 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;

  return n;
}

static void
get_n_and_hang_up (JugglerServer *server,
                   guint          n)
{
  g_autoptr(SoupSession) session = soup_session_new ();

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) body = get (session, server, "bytes/100", NULL, &error);

      g_assert_no_error (error);
    }
}

/* Once clients hang up, the server has closed its side of every connection: a long-lived
 * server (the window's) must not collect sockets run after run. */
static void
test_connections_closed (void)
{
  g_autoptr(JugglerServer) server = start_server ();
  gint64 deadline = g_get_monotonic_time () + TEST_TIMEOUT_S * G_USEC_PER_SEC;
  guint baseline;

  /* GIO opens a few descriptors of its own on first use. */
  get_n_and_hang_up (server, 1);
  baseline = count_open_fds ();

  get_n_and_hang_up (server, 20);
  while (count_open_fds () > baseline && g_get_monotonic_time () < deadline)
    g_usleep (10 * 1000);
  g_assert_cmpuint (count_open_fds (), <=, baseline);
}

/* Waits, boundedly, for the descriptor count to come down to baseline; the count. */
static guint
wait_for_fds (guint baseline)
{
  gint64 deadline = g_get_monotonic_time () + TEST_TIMEOUT_S * G_USEC_PER_SEC;

  while (count_open_fds () > baseline && g_get_monotonic_time () < deadline)
    g_usleep (10 * 1000);

  return count_open_fds ();
}

/* A plain TCP connection to the server, to send what a libsoup client never would. Blocking,
 * with a timeout that only a broken server reaches. */
static GSocket *
raw_connect (JugglerServer *server)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address =
    g_inet_socket_address_new (loopback, juggler_server_get_port (server));
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GError) error = NULL;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                         &error);
  g_assert_no_error (error);
  g_socket_set_timeout (socket, TEST_TIMEOUT_S);
  g_assert_true (g_socket_connect (socket, address, NULL, &error));
  g_assert_no_error (error);

  return g_steal_pointer (&socket);
}

static void
raw_send (GSocket    *socket,
          const char *data)
{
  g_autoptr(GError) error = NULL;
  gsize len = strlen (data);
  gsize sent = 0;

  while (sent < len)
    {
      gssize n = g_socket_send (socket, data + sent, len - sent, NULL, &error);

      g_assert_no_error (error);
      sent += n;
    }
}

/* Everything the server sends until it closes the connection; FALSE if it reset it. */
static gboolean
raw_read_to_end (GSocket *socket,
                 GString *out)
{
  char buf[4096];

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      gssize n = g_socket_receive (socket, buf, sizeof buf, NULL, &error);

      /* A timeout means the server kept the connection open: a failure either way. */
      g_assert_false (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT));
      if (n < 0)
        return FALSE;
      if (n == 0)
        return TRUE;
      g_string_append_len (out, buf, n);
    }
}

/* The response headers (up to the blank line), reading no further. */
static char *
raw_read_headers (GSocket *socket)
{
  g_autoptr(GString) out = g_string_new (NULL);
  char c;

  while (!g_str_has_suffix (out->str, "\r\n\r\n"))
    {
      g_autoptr(GError) error = NULL;
      gssize n = g_socket_receive (socket, &c, 1, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpint (n, ==, 1);
      g_string_append_c (out, c);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static guint
count_substrings (const char *haystack,
                  const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;

  return n;
}

/* Requests that libsoup answers itself, before any handler runs, close their connection
 * too: each used to stay open for as long as the server ran. */
static void
test_refused_by_libsoup_closed (void)
{
  g_autoptr(JugglerServer) server = start_server ();
  const char *requests[] = {
    "GET /status/200%00 HTTP/1.1\r\nHost: x\r\n\r\n",
    "GET /..%2f..%2fetc HTTP/1.1\r\nHost: x\r\n\r\n",
    "OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n",
    "GET /status/200 HTTP/1.1\r\n\r\n",
    "GET /status/200 HTTP/9.9\r\nHost: x\r\n\r\n",
  };
  guint baseline;

  get_n_and_hang_up (server, 1);
  baseline = count_open_fds ();

  for (guint i = 0; i < G_N_ELEMENTS (requests); i++)
    {
      for (guint j = 0; j < 50; j++)
        {
          g_autoptr(GSocket) socket = raw_connect (server);
          g_autofree char *headers = NULL;
          g_autoptr(GString) rest = g_string_new (NULL);

          raw_send (socket, requests[i]);
          headers = raw_read_headers (socket);
          if (j == 0)
            g_test_message ("%s-> %s", requests[i], headers);
          /* HTTP/1.0 for the 505. */
          g_assert_true (g_str_has_prefix (headers, "HTTP/1."));
          g_assert_true (headers[9] == '4' || headers[9] == '5');
          g_assert_nonnull (strstr (headers, "\r\nConnection: close\r\n"));
          g_assert_true (raw_read_to_end (socket, rest));
        }
    }

  g_assert_cmpuint (wait_for_fds (baseline), <=, baseline);
}

/* A client that gives up while its answer waits releases its socket on the server. */
static void
test_client_gone (void)
{
  const guint n = 40;
  const char *paths[] = { "hang", "delay/600000", "bytes/100?delay=600000",
                          "bytes/100000?rate=1" };
  g_autoptr(JugglerServer) server = start_server ();
  g_autoptr(GPtrArray) sockets = g_ptr_array_new_with_free_func (g_object_unref);
  guint baseline;

  get_n_and_hang_up (server, 1);
  baseline = count_open_fds ();

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autofree char *request = g_strdup_printf ("GET /%s HTTP/1.1\r\nHost: x\r\n\r\n",
                                                  paths[i]);

      for (guint j = 0; j < n; j++)
        {
          GSocket *socket = raw_connect (server);

          raw_send (socket, request);
          g_ptr_array_add (sockets, socket);
        }
    }

  /* Most likely, the server has paused them all by now; either way none may stay open. */
  g_usleep (G_USEC_PER_SEC / 5);
  g_assert_cmpuint (count_open_fds (), >=, baseline + G_N_ELEMENTS (paths) * n);
  g_ptr_array_set_size (sockets, 0);

  g_assert_cmpuint (wait_for_fds (baseline), <=, baseline);
}

/* No endpoint takes a body: it is refused with a complete answer, and not read. */
static void
test_body_refused (void)
{
  g_autoptr(JugglerServer) server = start_server ();
  const struct { const char *request; const char *status; } cases[] = {
    { "POST /status/200 HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000000\r\n\r\n",
      "HTTP/1.1 405 " },
    { "PUT /status/200 HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n",
      "HTTP/1.1 405 " },
    { "GET /status/200 HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000000\r\n\r\n",
      "HTTP/1.1 413 " },
    { "GET /status/200 HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n",
      "HTTP/1.1 413 " },
    /* Then libsoup answers, without a "100 Continue". */
    { "GET /status/200 HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n"
      "Expect: 100-continue\r\n\r\n", "HTTP/1.1 413 " },
    /* libsoup's own 400, and still the body is not read. */
    { "GET /%00 HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000000\r\n\r\n",
      "HTTP/1.1 400 " },
  };
  g_autofree char *body = g_strnfill (64 * 1024, 'a');
  guint baseline;

  get_n_and_hang_up (server, 1);
  baseline = count_open_fds ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GSocket) socket = raw_connect (server);
      g_autofree char *headers = NULL;

      g_test_message ("%s", cases[i].request);
      raw_send (socket, cases[i].request);
      /* The start of a body, which the answer does not wait for. */
      if (strstr (cases[i].request, "Expect") == NULL)
        raw_send (socket, body);
      headers = raw_read_headers (socket);
      g_assert_true (g_str_has_prefix (headers, cases[i].status));
      g_assert_nonnull (strstr (headers, "\r\nConnection: close\r\n"));
      g_assert_null (strstr (headers, "100 Continue"));
    }

  /* A client that keeps sending is cut off long before it has sent 256 MiB. */
  {
    g_autoptr(GSocket) socket = raw_connect (server);
    g_autofree char *chunk = g_strdup_printf ("10000\r\n%s\r\n", body);
    gsize chunk_len = strlen (chunk);
    guint64 sent = 0;
    GError *error = NULL;

    raw_send (socket,
              "POST /status/200 HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
    while (error == NULL && sent < 256 * 1024 * 1024)
      {
        gssize n = g_socket_send_with_blocking (socket, chunk, chunk_len, TRUE, NULL, &error);

        if (n > 0)
          sent += n;
      }
    g_assert_nonnull (error);
    g_assert_false (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT));
    g_test_message ("cut off after %" G_GUINT64_FORMAT " bytes: %s", sent, error->message);
    g_clear_error (&error);
  }

  g_assert_cmpuint (wait_for_fds (baseline), <=, baseline);
}

/* Idle and slow clients are closed once the header timeout has passed. */
static void
test_header_timeout (void)
{
  g_autoptr(JugglerServer) server = juggler_server_new ();
  g_autoptr(GError) error = NULL;
  guint baseline;

  juggler_server_set_header_timeout (server, 100);
  g_assert_true (juggler_server_start (server, 0, &error));
  g_assert_no_error (error);
  get_n_and_hang_up (server, 1);
  baseline = count_open_fds ();

  /* Connects and sends nothing. */
  {
    g_autoptr(GSocket) socket = raw_connect (server);
    g_autoptr(GString) answer = g_string_new (NULL);

    g_assert_true (raw_read_to_end (socket, answer));
    g_assert_true (g_str_has_prefix (answer->str, "HTTP/1.1 408 "));
  }

  /* Sends a header line every 10 ms, for ever if the server let it. */
  {
    g_autoptr(GSocket) socket = raw_connect (server);
    g_autoptr(GString) answer = g_string_new (NULL);
    gboolean answered = FALSE;

    raw_send (socket, "GET /status/200 HTTP/1.1\r\nHost: x\r\n");
    for (guint i = 0; i < TEST_TIMEOUT_S * 100 && !answered; i++)
      {
        g_autoptr(GError) send_error = NULL;

        answered = g_socket_condition_check (socket, G_IO_IN) != 0;
        if (!answered &&
            g_socket_send (socket, "X-Slow: 1\r\n", 11, NULL, &send_error) < 0)
          answered = TRUE;
        g_usleep (10 * 1000);
      }
    g_assert_true (answered);
    raw_read_to_end (socket, answer);
    g_assert_true (g_str_has_prefix (answer->str, "HTTP/1.1 408 "));
  }

  /* A prompt client is not affected. */
  {
    g_autoptr(SoupSession) session = soup_session_new ();
    g_autoptr(GBytes) body = NULL;
    guint status;

    body = get (session, server, "delay/300", &status, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (status, ==, SOUP_STATUS_OK);
  }

  g_assert_cmpuint (wait_for_fds (baseline), <=, baseline);
}

/* The first of pipelined requests is answered with "Connection: close", and the connection
 * then ends cleanly: the client knows to send the rest again. */
static void
test_pipelined (void)
{
  g_autoptr(JugglerServer) server = start_server ();
  g_autoptr(GSocket) socket = raw_connect (server);
  g_autoptr(GString) answer = g_string_new (NULL);

  raw_send (socket, "GET /status/200 HTTP/1.1\r\nHost: x\r\n\r\n"
                    "GET /status/201 HTTP/1.1\r\nHost: x\r\n\r\n"
                    "GET /status/202 HTTP/1.1\r\nHost: x\r\n\r\n");
  g_assert_true (raw_read_to_end (socket, answer));
  g_assert_true (g_str_has_prefix (answer->str, "HTTP/1.1 200 "));
  g_assert_cmpuint (count_substrings (answer->str, "HTTP/1.1 "), ==, 1);
  g_assert_nonnull (strstr (answer->str, "\r\nConnection: close\r\n"));
}

/* A path that is not UTF-8 is not echoed as such in a UTF-8 body. */
static void
test_not_found_ascii (void)
{
  g_autoptr(JugglerServer) server = start_server ();
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  const char *text;
  gsize len;
  guint status;

  body = get (session, server, "%ff%fe", &status, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (status, ==, SOUP_STATUS_NOT_FOUND);
  text = g_bytes_get_data (body, &len);
  g_assert_true (g_utf8_validate (text, len, NULL));
  g_assert_nonnull (g_strstr_len (text, len, "/%FF%FE"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/server/fill-bytes", test_fill_bytes);
  g_test_add_func ("/core/server/delay", test_delay);
  g_test_add_func ("/core/server/bytes", test_bytes);
  g_test_add_func ("/core/server/bytes-rate", test_bytes_rate);
  g_test_add_func ("/core/server/status", test_status);
  g_test_add_func ("/core/server/hang", test_hang);
  g_test_add_func ("/core/server/hang-stop", test_hang_stop);
  g_test_add_func ("/core/server/truncate", test_truncate);
  g_test_add_func ("/core/server/not-found", test_not_found);
  g_test_add_func ("/core/server/bad-request", test_bad_request);
  g_test_add_func ("/core/server/method", test_method);
  g_test_add_func ("/core/server/ports", test_ports);
  g_test_add_func ("/core/server/stop", test_stop);
  g_test_add_func ("/core/server/concurrent", test_concurrent);
  g_test_add_func ("/core/server/connections-closed", test_connections_closed);
  g_test_add_func ("/core/server/refused-by-libsoup-closed", test_refused_by_libsoup_closed);
  g_test_add_func ("/core/server/client-gone", test_client_gone);
  g_test_add_func ("/core/server/body-refused", test_body_refused);
  g_test_add_func ("/core/server/header-timeout", test_header_timeout);
  g_test_add_func ("/core/server/pipelined", test_pipelined);
  g_test_add_func ("/core/server/not-found-ascii", test_not_found_ascii);

  return g_test_run ();
}
