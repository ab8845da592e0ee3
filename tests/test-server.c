/* test-server.c: the embedded HTTP server's endpoints and lifecycle, through a libsoup client
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

/* The status of a GET that the server answered; its body too when body is not NULL. */
static guint
get_status (SoupSession             *session,
            JugglerTestHttpFixture  *fixture,
            const char              *path,
            GBytes                 **body)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) answer = NULL;
  guint status;

  answer = juggler_test_server_get (session, fixture->server, path, &status, &error);
  g_assert_no_error (error);
  if (body != NULL)
    *body = g_steal_pointer (&answer);

  return status;
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
test_delay (JugglerTestHttpFixture *fixture,
            gconstpointer           data)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(GBytes) body = NULL;
  gint64 start = g_get_monotonic_time ();

  g_assert_cmpuint (get_status (session, fixture, "delay/150", &body), ==, SOUP_STATUS_OK);
  /* Only a lower bound: a loaded machine may answer later, never sooner. */
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 150 * 1000);
  g_assert_cmpmem (g_bytes_get_data (body, NULL), g_bytes_get_size (body), "Delayed 150 ms\n", 15);

  g_assert_cmpuint (get_status (session, fixture, "delay/0", NULL), ==, SOUP_STATUS_OK);
}

static void
test_bytes (JugglerTestHttpFixture *fixture,
            gconstpointer           data)
{
  JugglerServer *server = fixture->server;
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
test_bytes_rate (JugglerTestHttpFixture *fixture,
                 gconstpointer           data)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(GBytes) body = NULL;
  gint64 start = g_get_monotonic_time ();

  /* 100 000 bytes at 200 000 bytes/s: at least half a second. */
  g_assert_cmpuint (get_status (session, fixture, "bytes/100000?rate=200000&seed=3", &body), ==,
                    SOUP_STATUS_OK);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, G_USEC_PER_SEC / 2);
  assert_bytes_body (body, 3, 100000);

  /* A rate of 0 means no limit. */
  g_clear_pointer (&body, g_bytes_unref);
  get_status (session, fixture, "bytes/5000?rate=0", &body);
  assert_bytes_body (body, 0, 5000);
}

static void
test_status (JugglerTestHttpFixture *fixture,
             gconstpointer           data)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  const guint codes[] = { 200, 201, 204, 304, 404, 418, 500, 503, 599 };

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      g_autofree char *path = g_strdup_printf ("status/%u", codes[i]);

      g_assert_cmpuint (get_status (session, fixture, path, NULL), ==, codes[i]);
    }
}

static void
test_hang (JugglerTestHttpFixture *fixture,
           gconstpointer           data)
{
  JugglerServer *server = fixture->server;
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 1, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;

  body = juggler_test_server_get (session, server, "hang", NULL, &error);
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
test_hang_stop (JugglerTestHttpFixture *fixture,
                gconstpointer           data)
{
  JugglerServer *server = fixture->server;
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_strconcat (juggler_server_get_uri (server), "hang", NULL);
  Answer answer = { &error, FALSE };
  gboolean waited = FALSE;
  gboolean timed_out;
  GSource *timeout;

  session = soup_session_new ();
  msg = soup_message_new ("GET", uri);
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, send_done_cb,
                                    &answer);

  /* Give the request time to reach the server and be paused there. */
  timeout = g_timeout_source_new (300);
  g_source_set_callback (timeout, timed_out_cb, &waited, NULL);
  g_source_attach (timeout, fixture->context);
  g_source_unref (timeout);
  while (!waited)
    g_main_context_iteration (fixture->context, TRUE);
  g_assert_null (error);

  /* Stopping must not wait for the hung request, and must close its connection. */
  juggler_server_stop (server);
  g_assert_false (juggler_server_is_running (server));

  timed_out = !juggler_test_iterate_until (&answer.done, TEST_TIMEOUT_S);

  g_assert_false (timed_out);
  g_assert_false (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_FAILED));
  g_test_message ("the hung request ended with: %s", error->message);
}

static void
test_truncate (JugglerTestHttpFixture *fixture,
               gconstpointer           data)
{
  JugglerServer *server = fixture->server;
  g_autoptr(SoupSession) session = soup_session_new ();
  const guint sizes[] = { 1, 1000, 300000 };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *path = g_strdup_printf ("truncate/%u", sizes[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) body = NULL;

      body = juggler_test_server_get (session, server, path, NULL, &error);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT);
      g_assert_null (body);
    }

  /* The server is still fine afterwards. */
  g_assert_cmpuint (get_status (session, fixture, "status/200", NULL), ==, SOUP_STATUS_OK);
}

static void
test_not_found (JugglerTestHttpFixture *fixture,
                gconstpointer           data)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  const char *paths[] = { "", "nope", "delay/5/extra", "hang/1", "bytes/10/20", "DELAY/5" };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_test_message ("GET /%s", paths[i]);
      g_assert_cmpuint (get_status (session, fixture, paths[i], NULL), ==, SOUP_STATUS_NOT_FOUND);
    }
}

static void
test_bad_request (JugglerTestHttpFixture *fixture,
                  gconstpointer           data)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  const char *paths[] = {
    "delay", "delay/", "delay/abc", "delay/-1", "delay/1.5", "delay/600001",
    "delay/99999999999999999999999", "bytes/1073741825", "bytes/x", "bytes/10?seed=4294967296",
    "bytes/10?rate=fast", "bytes/10?rate=-5", "status/99", "status/100", "status/600",
    "status/", "truncate/0", "truncate/1073741825", "truncate/z",
  };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GBytes) body = NULL;

      g_test_message ("GET /%s", paths[i]);
      g_assert_cmpuint (get_status (session, fixture, paths[i], &body), ==,
                        SOUP_STATUS_BAD_REQUEST);
      /* A text that says what is wrong. */
      g_assert_cmpuint (g_bytes_get_size (body), >, 10);
    }
}

static void
test_method (JugglerTestHttpFixture *fixture,
             gconstpointer           data)
{
  JugglerServer *server = fixture->server;
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
test_not_found_ascii (JugglerTestHttpFixture *fixture,
                      gconstpointer           data)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(GBytes) body = NULL;
  const char *text;
  gsize len;

  g_assert_cmpuint (get_status (session, fixture, "%ff%fe", &body), ==, SOUP_STATUS_NOT_FOUND);
  text = g_bytes_get_data (body, &len);
  g_assert_true (g_utf8_validate (text, len, NULL));
  g_assert_nonnull (g_strstr_len (text, len, "/%FF%FE"));
}

static void
test_ports (void)
{
  g_autoptr(JugglerServer) first = juggler_test_server_start ();
  g_autoptr(JugglerServer) second = juggler_test_server_start ();
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
  g_autoptr(JugglerServer) server = juggler_test_server_start ();
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
test_concurrent (JugglerTestHttpFixture *fixture,
                 gconstpointer           data)
{
  const guint n = 300;
  JugglerServer *server = fixture->server;
  g_autoptr(SoupSession) session = NULL;
  g_autofree char *uri = g_strconcat (juggler_server_get_uri (server), "delay/100", NULL);
  Counts counts = { .n = n };
  gboolean timed_out;

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
}

int
main (int    argc,
      char **argv)
{
  juggler_test_http_init ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/server/fill-bytes", test_fill_bytes);
  JUGGLER_TEST_ADD_HTTP ("/core/server/delay", test_delay);
  JUGGLER_TEST_ADD_HTTP ("/core/server/bytes", test_bytes);
  JUGGLER_TEST_ADD_HTTP ("/core/server/bytes-rate", test_bytes_rate);
  JUGGLER_TEST_ADD_HTTP ("/core/server/status", test_status);
  JUGGLER_TEST_ADD_HTTP ("/core/server/hang", test_hang);
  JUGGLER_TEST_ADD_HTTP ("/core/server/hang-stop", test_hang_stop);
  JUGGLER_TEST_ADD_HTTP ("/core/server/truncate", test_truncate);
  JUGGLER_TEST_ADD_HTTP ("/core/server/not-found", test_not_found);
  JUGGLER_TEST_ADD_HTTP ("/core/server/bad-request", test_bad_request);
  JUGGLER_TEST_ADD_HTTP ("/core/server/method", test_method);
  JUGGLER_TEST_ADD_HTTP ("/core/server/not-found-ascii", test_not_found_ascii);
  g_test_add_func ("/core/server/ports", test_ports);
  g_test_add_func ("/core/server/stop", test_stop);
  JUGGLER_TEST_ADD_HTTP ("/core/server/concurrent", test_concurrent);

  return g_test_run ();
}
