/* test-server-clients.c: the embedded HTTP server against hostile, slow and vanishing
 * clients: every connection it accepted is closed again (descriptor counts), idle ones on time
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-server-clients"

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "juggler-server.h"
#include "juggler-test-fds.h"
#include "juggler-test-http.h"

/* Generous: only a broken server makes a test wait this long. */
#define TEST_TIMEOUT_S 30

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
      g_autoptr(GBytes) body = juggler_test_server_get (session, server, "bytes/100", NULL,
                                                        &error);

      g_assert_no_error (error);
    }

  /* The session kept its connection alive: gone with it, and then the server's side. */
  g_clear_object (&session);
  g_assert_cmpuint (juggler_test_settle_connections (juggler_server_get_port (server)), ==, 0);
}

/* Once clients hang up, the server has closed its side of every connection: a long-lived
 * server (the window's) must not collect sockets run after run. */
static void
test_connections_closed (JugglerTestHttpFixture *fixture,
                         gconstpointer           data)
{
  JugglerServer *server = fixture->server;
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

/* One whole response with a Content-Length body: its headers, the body read and dropped. */
static char *
raw_read_response (GSocket *socket)
{
  g_autofree char *headers = raw_read_headers (socket);
  const char *length = strstr (headers, "\r\nContent-Length: ");
  guint64 left = length != NULL ? g_ascii_strtoull (length + 18, NULL, 10) : 0;
  char buf[4096];

  while (left > 0)
    {
      g_autoptr(GError) error = NULL;
      gssize n = g_socket_receive (socket, buf, MIN (left, sizeof buf), NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpint (n, >, 0);
      left -= n;
    }

  return g_steal_pointer (&headers);
}

static gboolean
says_close (const char *headers)
{
  return strstr (headers, "\r\nConnection: close\r\n") != NULL;
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
test_refused_by_libsoup_closed (JugglerTestHttpFixture *fixture,
                                gconstpointer           data)
{
  JugglerServer *server = fixture->server;
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
test_client_gone (JugglerTestHttpFixture *fixture,
                  gconstpointer           data)
{
  const guint n = 40;
  const char *paths[] = { "hang", "delay/600000", "bytes/100?delay=600000",
                          "bytes/100000?rate=1" };
  JugglerServer *server = fixture->server;
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

          /* Half of them on a connection kept alive after a first answer, which libsoup
           * no longer knows the socket of. */
          if (j % 2 == 1)
            {
              g_autofree char *headers = NULL;

              raw_send (socket, "GET /status/200 HTTP/1.1\r\nHost: x\r\n\r\n");
              headers = raw_read_response (socket);
              g_assert_false (says_close (headers));
            }
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
test_body_refused (JugglerTestHttpFixture *fixture,
                   gconstpointer           data)
{
  JugglerServer *server = fixture->server;
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

    body = juggler_test_server_get (session, server, "delay/300", &status, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (status, ==, SOUP_STATUS_OK);
  }

  g_assert_cmpuint (wait_for_fds (baseline), <=, baseline);
}

/* Pipelined requests are answered in order on the one connection, up to the one that asks
 * to close it. */
static void
test_pipelined (JugglerTestHttpFixture *fixture,
                gconstpointer           data)
{
  JugglerServer *server = fixture->server;
  g_autoptr(GSocket) socket = raw_connect (server);
  g_autoptr(GString) answer = g_string_new (NULL);
  const char *second;
  const char *third;

  raw_send (socket, "GET /status/200 HTTP/1.1\r\nHost: x\r\n\r\n"
                    "GET /status/201 HTTP/1.1\r\nHost: x\r\n\r\n"
                    "GET /status/202 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  g_assert_true (raw_read_to_end (socket, answer));
  g_assert_cmpuint (count_substrings (answer->str, "HTTP/1.1 "), ==, 3);
  g_assert_true (g_str_has_prefix (answer->str, "HTTP/1.1 200 "));
  second = strstr (answer->str, "HTTP/1.1 201 ");
  third = strstr (answer->str, "HTTP/1.1 202 ");
  g_assert_nonnull (second);
  g_assert_nonnull (third);
  g_assert_true (second < third);
  g_assert_cmpuint (count_substrings (answer->str, "\r\nConnection: close\r\n"), ==, 1);
  g_assert_nonnull (strstr (third, "\r\nConnection: close\r\n"));
}

/* Sequential requests are served on one connection, until one that the server must close
 * on: one that asks for it, one libsoup refuses on its own, or an HTTP/1.0 one. */
static void
test_keepalive (JugglerTestHttpFixture *fixture,
                gconstpointer           data)
{
  const char *last_requests[] = {
    "GET /status/200 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    "GET /status/200%00 HTTP/1.1\r\nHost: x\r\n\r\n",
    "GET /status/200 HTTP/1.0\r\n\r\n",
    "GET /truncate/100 HTTP/1.1\r\nHost: x\r\n\r\n",
  };
  JugglerServer *server = fixture->server;
  guint baseline;

  get_n_and_hang_up (server, 1);
  baseline = count_open_fds ();

  for (guint i = 0; i < G_N_ELEMENTS (last_requests); i++)
    {
      g_autoptr(GSocket) socket = raw_connect (server);
      g_autoptr(GString) rest = g_string_new (NULL);

      for (guint j = 0; j < 5; j++)
        {
          g_autofree char *headers = NULL;

          /* Streamed, delayed and immediate answers alike. */
          raw_send (socket, j % 3 == 0 ? "GET /bytes/100000 HTTP/1.1\r\nHost: x\r\n\r\n" :
                            j % 3 == 1 ? "GET /delay/1 HTTP/1.1\r\nHost: x\r\n\r\n" :
                                         "GET /status/201 HTTP/1.1\r\nHost: x\r\n\r\n");
          headers = raw_read_response (socket);
          g_assert_true (g_str_has_prefix (headers, "HTTP/1.1 20"));
          g_assert_false (says_close (headers));
        }

      g_test_message ("%s", last_requests[i]);
      raw_send (socket, last_requests[i]);
      g_assert_true (raw_read_to_end (socket, rest));
      g_assert_true (g_str_has_prefix (rest->str, "HTTP/1."));
      if (!g_str_has_prefix (last_requests[i], "GET /truncate/"))
        g_assert_true (says_close (rest->str));
    }

  g_assert_cmpuint (wait_for_fds (baseline), <=, baseline);
}

/* A kept-alive connection that idles past the idle timeout is closed without an answer;
 * the header timeout still holds for a connection's first request. */
static void
test_idle_timeout (void)
{
  g_autoptr(JugglerServer) server = juggler_server_new ();
  g_autoptr(GError) error = NULL;
  guint baseline;

  juggler_server_set_idle_timeout (server, 100);
  g_assert_true (juggler_server_start (server, 0, &error));
  g_assert_no_error (error);
  get_n_and_hang_up (server, 1);
  baseline = count_open_fds ();

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GSocket) socket = raw_connect (server);
      g_autoptr(GString) rest = g_string_new (NULL);
      g_autofree char *headers = NULL;

      raw_send (socket, "GET /status/200 HTTP/1.1\r\nHost: x\r\n\r\n");
      headers = raw_read_response (socket);
      g_assert_false (says_close (headers));
      /* The second time, the next request starts and never ends. */
      if (i == 1)
        raw_send (socket, "GET /status/200 HTTP/1.1\r\n");
      g_assert_true (raw_read_to_end (socket, rest));
      g_assert_cmpstr (rest->str, ==, "");
    }

  /* Connects and sends nothing: the 10 s header timeout, not the idle timeout, applies,
   * so the server is still waiting well after 100 ms. */
  {
    g_autoptr(GSocket) socket = raw_connect (server);
    g_autofree char *headers = NULL;

    g_usleep (300 * 1000);
    g_assert_cmpint (g_socket_condition_check (socket, G_IO_IN), ==, 0);
    raw_send (socket, "GET /status/200 HTTP/1.1\r\nHost: x\r\n\r\n");
    headers = raw_read_response (socket);
    g_assert_true (g_str_has_prefix (headers, "HTTP/1.1 200 "));
  }

  g_assert_cmpuint (wait_for_fds (baseline), <=, baseline);
}

/* Past the connection limit, answers close their connection; below it again, they keep it. */
static gboolean
get_says_close (GSocket *socket)
{
  g_autofree char *headers = NULL;

  raw_send (socket, "GET /status/200 HTTP/1.1\r\nHost: x\r\n\r\n");
  headers = raw_read_response (socket);
  g_assert_true (g_str_has_prefix (headers, "HTTP/1.1 200 "));

  return says_close (headers);
}

static void
test_connection_limit (void)
{
  g_autoptr(JugglerServer) server = juggler_server_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) first = NULL;
  g_autoptr(GSocket) second = NULL;
  g_autoptr(GSocket) third = NULL;
  g_autoptr(GSocket) fourth = NULL;
  g_autoptr(GString) rest = g_string_new (NULL);
  guint baseline;

  juggler_server_set_max_connections (server, 2);
  g_assert_true (juggler_server_start (server, 0, &error));
  g_assert_no_error (error);
  get_n_and_hang_up (server, 1);
  baseline = count_open_fds ();

  first = raw_connect (server);
  g_assert_false (get_says_close (first));
  second = raw_connect (server);
  g_assert_false (get_says_close (second));
  /* Three open, the first two idle. */
  third = raw_connect (server);
  g_assert_true (get_says_close (third));
  g_assert_true (raw_read_to_end (third, rest));

  /* Both sides of the first one are left; libsoup may let go of a closed connection's
   * message a little after its socket, and until then the server counts it. */
  g_clear_object (&second);
  g_clear_object (&third);
  g_assert_cmpuint (wait_for_fds (baseline + 2), <=, baseline + 2);
  for (guint i = 0; i < TEST_TIMEOUT_S * 100; i++)
    {
      g_clear_object (&fourth);
      fourth = raw_connect (server);
      if (!get_says_close (fourth))
        break;
      g_usleep (10 * 1000);
    }
  g_assert_false (get_says_close (fourth));
  g_assert_false (get_says_close (first));

  /* No keep-alive at all. */
  {
    g_autoptr(JugglerServer) closing = juggler_server_new ();
    g_autoptr(GSocket) socket = NULL;

    juggler_server_set_max_connections (closing, 0);
    g_assert_true (juggler_server_start (closing, 0, &error));
    g_assert_no_error (error);
    socket = raw_connect (closing);
    g_assert_true (get_says_close (socket));
  }
}


int
main (int    argc,
      char **argv)
{
  juggler_test_http_init ();
  g_test_init (&argc, &argv, NULL);

  JUGGLER_TEST_ADD_HTTP ("/core/server/connections-closed", test_connections_closed);
  JUGGLER_TEST_ADD_HTTP ("/core/server/refused-by-libsoup-closed", test_refused_by_libsoup_closed);
  JUGGLER_TEST_ADD_HTTP ("/core/server/client-gone", test_client_gone);
  JUGGLER_TEST_ADD_HTTP ("/core/server/body-refused", test_body_refused);
  g_test_add_func ("/core/server/header-timeout", test_header_timeout);
  JUGGLER_TEST_ADD_HTTP ("/core/server/pipelined", test_pipelined);
  JUGGLER_TEST_ADD_HTTP ("/core/server/keepalive", test_keepalive);
  g_test_add_func ("/core/server/idle-timeout", test_idle_timeout);
  g_test_add_func ("/core/server/connection-limit", test_connection_limit);

  return g_test_run ();
}
