/* test-http-hostile.c: the HTTP workload against misbehaving servers on loopback —
 * compressed, malformed, endless and trickling answers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-http-hostile"

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "juggler-http-workload.h"
#include "juggler-report.h"
#include "juggler-test-http.h"

/* Short: each case that runs into it costs this once per strategy. */
#define DEADLINE_S 1

/* Runs n_requests to url under every strategy, all in flight at once, and checks that each
 * ended with outcome and, when it is OK, that the bodies decoded to body. */
static void
assert_every_strategy (const char         *url,
                       guint               timeout_s,
                       guint               n_requests,
                       JugglerHttpOutcome  outcome,
                       GBytes             *body)
{
  const char *urls[] = { url, NULL };
  g_autofree char *expected = NULL;

  if (body != NULL)
    expected = juggler_test_expected_digest (n_requests, SOUP_STATUS_OK,
                                             g_bytes_get_data (body, NULL),
                                             g_bytes_get_size (body));

  for (guint c = 0; c < G_N_ELEMENTS (juggler_test_every_strategy); c++)
    {
      const JugglerTestConfig config = juggler_test_every_strategy[c];
      JugglerHttpWorkload *workload = juggler_test_workload_new (urls, n_requests, timeout_s);
      g_autoptr(JugglerReport) report = juggler_test_run_all_at_once (workload, &config);

      for (guint i = 0; i < n_requests; i++)
        {
          const JugglerHttpResult *result = juggler_http_workload_get_result (workload, i);

          g_test_message ("%s: %s (%u, %" G_GUINT64_FORMAT " bytes) %s",
                          juggler_strategy_to_string (config.strategy),
                          juggler_http_outcome_to_string (result->outcome), result->status,
                          result->bytes, result->reason != NULL ? result->reason : "");
          g_assert_cmpstr (juggler_http_outcome_to_string (result->outcome), ==,
                           juggler_http_outcome_to_string (outcome));
          g_assert_cmpint (juggler_http_workload_get_state (workload, i), ==,
                           outcome == JUGGLER_HTTP_OK ? JUGGLER_HTTP_STATE_DONE
                                                      : JUGGLER_HTTP_STATE_FAILED);
          if (outcome == JUGGLER_HTTP_OK)
            g_assert_null (result->reason);
          else
            g_assert_cmpuint (strlen (result->reason), >, 0);
          if (body != NULL)
            g_assert_cmpuint (result->bytes, ==, g_bytes_get_size (body));
        }
      g_assert_cmpuint (juggler_test_errors_total (report), ==,
                        outcome == JUGGLER_HTTP_OK ? 0 : n_requests);
      if (body != NULL)
        {
          g_assert_cmpuint (report->http->bytes, ==, n_requests * g_bytes_get_size (body));
          g_assert_cmpstr (report->digest, ==, expected);
        }

      g_assert_finalize_object (workload);
    }
}

/* Serves response (response_len bytes) to every connection, and checks every strategy. */
static void
assert_response (const char         *response,
                 gsize               response_len,
                 JugglerHttpOutcome  outcome,
                 GBytes             *body)
{
  JugglerTestResponder responder = { .response = response, .response_len = response_len };
  g_autofree char *url = NULL;

  juggler_test_responder_start (&responder);
  url = juggler_test_responder_url (&responder, "http");
  assert_every_strategy (url, 10, 2, outcome, body);
  juggler_test_responder_stop (&responder);
}

/* Text that compresses well, as real pages do. */
static GBytes *
page_new (gsize size)
{
  GString *page = g_string_sized_new (size);

  for (guint i = 0; page->len < size; i++)
    g_string_append_printf (page, "<p>Paragraph %u of a page that compresses.</p>\n", i);
  g_string_truncate (page, size);

  return g_string_free_to_bytes (page);
}

static GBytes *
compress (GBytes                *data,
          GZlibCompressorFormat  format)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (format, -1);
  gsize size = g_bytes_get_size (data) + 1024;
  guint8 *out = g_malloc (size);
  gsize n_read = 0;
  gsize n_written = 0;
  g_autoptr(GError) error = NULL;
  GConverterResult result;

  result = g_converter_convert (G_CONVERTER (compressor), g_bytes_get_data (data, NULL),
                                g_bytes_get_size (data), out, size, G_CONVERTER_INPUT_AT_END,
                                &n_read, &n_written, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, G_CONVERTER_FINISHED);
  g_assert_cmpuint (n_read, ==, g_bytes_get_size (data));

  return g_bytes_new_take (out, n_written);
}

/* A 200 with body in coding; Content-Length says length (-1: the body's). */
static GBytes *
response_new (const char *coding,
              GBytes     *body,
              gssize      length)
{
  g_autoptr(GByteArray) response = g_byte_array_new ();
  g_autofree char *full_head =
    g_strdup_printf ("HTTP/1.1 200 OK\r\nContent-Encoding: %s\r\n"
                     "Content-Length: %" G_GSIZE_FORMAT "\r\nConnection: close\r\n\r\n",
                     coding, length >= 0 ? (gsize) length : g_bytes_get_size (body));

  g_byte_array_append (response, (const guint8 *) full_head, strlen (full_head));
  g_byte_array_append (response, g_bytes_get_data (body, NULL), g_bytes_get_size (body));

  return g_byte_array_free_to_bytes (g_steal_pointer (&response));
}

/* ------------------------------------------------------------------------------------ */
/* Compressed bodies                                                                     */

/* A compressed body is complete when the decoder reached its end: its length on the wire
 * is what Content-Length counts. */
static void
test_gzip (JugglerTestHttpFixture *fixture,
          gconstpointer           data)
{
  g_autoptr(GBytes) page = page_new (12000);
  g_autoptr(GBytes) gzipped = compress (page, G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  g_autoptr(GBytes) response = NULL;
  g_autoptr(GByteArray) chunked = g_byte_array_new ();
  g_autofree char *chunk_head = NULL;

  g_assert_cmpuint (g_bytes_get_size (gzipped), <, g_bytes_get_size (page) / 4);

  response = response_new ("gzip", gzipped, -1);
  assert_response (g_bytes_get_data (response, NULL), g_bytes_get_size (response),
                   JUGGLER_HTTP_OK, page);

  /* The same in two chunks. */
  chunk_head = g_strdup ("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n"
                         "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
  g_byte_array_append (chunked, (const guint8 *) chunk_head, strlen (chunk_head));
  for (gsize offset = 0; offset < g_bytes_get_size (gzipped);)
    {
      gsize len = MIN (g_bytes_get_size (gzipped) - offset, g_bytes_get_size (gzipped) / 2 + 1);
      g_autofree char *size_line = g_strdup_printf ("%" G_GSIZE_MODIFIER "x\r\n", len);

      g_byte_array_append (chunked, (const guint8 *) size_line, strlen (size_line));
      g_byte_array_append (chunked, (const guint8 *) g_bytes_get_data (gzipped, NULL) + offset,
                           len);
      g_byte_array_append (chunked, (const guint8 *) "\r\n", 2);
      offset += len;
    }
  g_byte_array_append (chunked, (const guint8 *) "0\r\n\r\n", 5);
  assert_response ((const char *) chunked->data, chunked->len, JUGGLER_HTTP_OK, page);
}

/* "deflate" is zlib, yet some servers send raw deflate: both decode. */
static void
test_deflate (JugglerTestHttpFixture *fixture,
             gconstpointer           data)
{
  const GZlibCompressorFormat formats[] = { G_ZLIB_COMPRESSOR_FORMAT_ZLIB,
                                            G_ZLIB_COMPRESSOR_FORMAT_RAW };
  g_autoptr(GBytes) page = page_new (9000);

  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    {
      g_autoptr(GBytes) deflated = compress (page, formats[f]);
      g_autoptr(GBytes) response =
        response_new ("deflate", deflated, -1);

      assert_response (g_bytes_get_data (response, NULL), g_bytes_get_size (response),
                       JUGGLER_HTTP_OK, page);
    }
}

/* Content-Length agrees with the bytes sent, but the gzip stream stops halfway. */
static void
test_gzip_cut (JugglerTestHttpFixture *fixture,
              gconstpointer           data)
{
  g_autoptr(GBytes) page = page_new (12000);
  g_autoptr(GBytes) gzipped = compress (page, G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  g_autoptr(GBytes) half = g_bytes_new_from_bytes (gzipped, 0, g_bytes_get_size (gzipped) / 2);
  g_autoptr(GBytes) response =
    response_new ("gzip", half, -1);
  g_autoptr(GBytes) closed_early =
    response_new ("gzip", half, g_bytes_get_size (gzipped));

  assert_response (g_bytes_get_data (response, NULL), g_bytes_get_size (response),
                   JUGGLER_HTTP_TRUNCATED, NULL);
  /* And one whose connection closes before Content-Length bytes came. */
  assert_response (g_bytes_get_data (closed_early, NULL), g_bytes_get_size (closed_early),
                   JUGGLER_HTTP_TRUNCATED, NULL);
}

/* Garbage announced as gzip is not passed through as if it were the body. */
static void
test_gzip_corrupt (JugglerTestHttpFixture *fixture,
                  gconstpointer           data)
{
  static const char response[] = "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n"
                                 "Content-Length: 40\r\nConnection: close\r\n\r\n"
                                 "This is not gzip data, just forty bytes.";

  assert_response (response, 0, JUGGLER_HTTP_MALFORMED, NULL);
}

/* ------------------------------------------------------------------------------------ */
/* Malformed framing                                                                     */

static void
test_bad_chunk_sizes (JugglerTestHttpFixture *fixture,
                     gconstpointer           data)
{
  const char *sizes[] = { "zz", "-5", "ffffffffffffffffffff" };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *response =
        g_strdup_printf ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n"
                         "Connection: close\r\n\r\n%s\r\nhello\r\n0\r\n\r\n", sizes[i]);

      g_test_message ("chunk size “%s”", sizes[i]);
      assert_response (response, 0, JUGGLER_HTTP_MALFORMED, NULL);
    }
}

/* The check for bad sizes leaves a well-formed empty body alone. */
static void
test_empty_chunked (JugglerTestHttpFixture *fixture,
                   gconstpointer           data)
{
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);

  assert_response ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                   "0\r\n\r\n",
                   0, JUGGLER_HTTP_OK, empty);
}

static void
test_bad_redirect (JugglerTestHttpFixture *fixture,
                  gconstpointer           data)
{
  assert_response ("HTTP/1.1 302 Found\r\nLocation: http://[::1\r\nContent-Length: 0\r\n"
                   "Connection: close\r\n\r\n",
                   0, JUGGLER_HTTP_MALFORMED, NULL);
}

static void
test_conflicting_lengths (JugglerTestHttpFixture *fixture,
                         gconstpointer           data)
{
  assert_response ("HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 5\r\n"
                   "Connection: close\r\n\r\nhello",
                   0, JUGGLER_HTTP_MALFORMED, NULL);
}

/* ------------------------------------------------------------------------------------ */
/* The deadline                                                                          */

/* A body that never ends, sent as fast as the client reads. */
static void
test_endless_body (JugglerTestHttpFixture *fixture,
                  gconstpointer           data)
{
  JugglerTestResponder responder = {
    .response = "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n",
    .repeat = "An endless body, line after line after line after line after line.\n",
  };
  g_autofree char *url = NULL;

  juggler_test_responder_start (&responder);
  url = juggler_test_responder_url (&responder, "http");
  assert_every_strategy (url, DEADLINE_S, 2, JUGGLER_HTTP_TIMEOUT, NULL);
  juggler_test_responder_stop (&responder);
}

/* A byte every 200 ms never trips the inactivity timeout: only the deadline ends it. */
static void
test_trickle (JugglerTestHttpFixture *fixture,
             gconstpointer           data)
{
  JugglerTestResponder responder = {
    .response = "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\nConnection: close\r\n\r\n",
    .repeat = "x",
    .trickle_ms = 200,
  };
  g_autofree char *url = NULL;

  juggler_test_responder_start (&responder);
  url = juggler_test_responder_url (&responder, "http");
  assert_every_strategy (url, DEADLINE_S, 2, JUGGLER_HTTP_TIMEOUT, NULL);
  juggler_test_responder_stop (&responder);
}

/* A hang on a kept-alive connection: libsoup retries a request that failed on a reused
 * connection, so its I/O timeout alone made such a request take twice the timeout. The
 * deadline ends it once, before any retry. The server answers one request, then nothing. */
static void
test_hang_on_kept_alive_connection (JugglerTestHttpFixture *fixture,
                                    gconstpointer           data)
{
  const JugglerTestConfig configs[] = {
    { JUGGLER_STRATEGY_ASYNC, 1, 1 },
    { JUGGLER_STRATEGY_BLOCKING, 1, 1 },
  };

  for (guint c = 0; c < G_N_ELEMENTS (configs); c++)
    {
      JugglerTestResponder responder = {
        .response = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok",
        .answers = 1,
        .hold = TRUE,
      };
      g_autofree char *url = NULL;
      const char *urls[] = { NULL, NULL };
      JugglerHttpWorkload *workload;
      g_autoptr(JugglerReport) report = NULL;
      const JugglerHttpResult *result;

      juggler_test_responder_start (&responder);
      url = juggler_test_responder_url (&responder, "http");
      urls[0] = url;
      workload = juggler_test_workload_new (urls, 2, DEADLINE_S);
      report = juggler_test_run_config (workload, &configs[c]);
      result = juggler_http_workload_get_result (workload, 1);

      g_test_message ("%s: %s after %.2f s: %s", juggler_strategy_to_string (configs[c].strategy),
                      juggler_http_outcome_to_string (result->outcome),
                      juggler_http_result_get_request_us (result) / 1e6, result->reason);
      g_assert_cmpint (juggler_http_workload_get_result (workload, 0)->outcome, ==,
                       JUGGLER_HTTP_OK);
      /* The second request went out on the first one's connection... */
      g_assert_cmpint (result->connected_us, ==, 0);
      g_assert_cmpint (result->outcome, ==, JUGGLER_HTTP_TIMEOUT);
      g_assert_cmpint (juggler_http_result_get_request_us (result), >=,
                       DEADLINE_S * G_USEC_PER_SEC);
      g_assert_cmpuint (juggler_test_errors_count (report, JUGGLER_HTTP_TIMEOUT), ==, 1);
      g_assert_finalize_object (workload);

      /* ...and ended there, never tried again on a new one. */
      juggler_test_responder_stop (&responder);
      g_assert_cmpuint (responder.n_connections, ==, 1);
    }
}

int
main (int   argc,
      char *argv[])
{
  juggler_test_http_init ();
  g_test_init (&argc, &argv, NULL);

  JUGGLER_TEST_ADD_HTTP ("/core/http/hostile/gzip", test_gzip);
  JUGGLER_TEST_ADD_HTTP ("/core/http/hostile/deflate", test_deflate);
  JUGGLER_TEST_ADD_HTTP ("/core/http/hostile/gzip-cut", test_gzip_cut);
  JUGGLER_TEST_ADD_HTTP ("/core/http/hostile/gzip-corrupt", test_gzip_corrupt);
  JUGGLER_TEST_ADD_HTTP ("/core/http/hostile/bad-chunk-sizes", test_bad_chunk_sizes);
  JUGGLER_TEST_ADD_HTTP ("/core/http/hostile/empty-chunked", test_empty_chunked);
  JUGGLER_TEST_ADD_HTTP ("/core/http/hostile/bad-redirect", test_bad_redirect);
  JUGGLER_TEST_ADD_HTTP ("/core/http/hostile/conflicting-lengths", test_conflicting_lengths);
  JUGGLER_TEST_ADD_HTTP ("/core/http/hostile/endless-body", test_endless_body);
  JUGGLER_TEST_ADD_HTTP ("/core/http/hostile/trickle", test_trickle);
  JUGGLER_TEST_ADD_HTTP ("/core/http/hostile/hang-on-kept-alive-connection",
                   test_hang_on_kept_alive_connection);

  return g_test_run ();
}
