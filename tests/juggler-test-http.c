/* juggler-test-http.c: what the HTTP suites share — the embedded server fixture, runs under
 * each strategy, the report readers, the digest oracle, the state sampler, raw responders
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-test-http"

#include "config.h"

#include "juggler-test-http.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "juggler-http-request.h"
#include "juggler-report.h"
#include "juggler-test-run.h"

/* How often the samplers look at the requests' states. */
#define SAMPLE_INTERVAL_MS 5

/* ------------------------------------------------------------------------------------ */
/* The embedded server                                                                   */

JugglerServer *
juggler_test_server_start (void)
{
  g_autoptr(JugglerServer) server = juggler_server_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (juggler_server_start (server, 0, &error));
  g_assert_no_error (error);

  return g_steal_pointer (&server);
}

GBytes *
juggler_test_server_get (SoupSession    *session,
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

void
juggler_test_http_fixture_set_up (JugglerTestHttpFixture *fixture,
                                  gconstpointer           data)
{
  fixture->context = g_main_context_new ();
  g_main_context_push_thread_default (fixture->context);
  fixture->server = juggler_test_server_start ();
}

void
juggler_test_http_fixture_tear_down (JugglerTestHttpFixture *fixture,
                                     gconstpointer           data)
{
  juggler_server_stop (fixture->server);
  g_assert_finalize_object (fixture->server);

  while (g_main_context_iteration (fixture->context, FALSE))
    ;
  g_main_context_pop_thread_default (fixture->context);
  g_main_context_unref (fixture->context);
}

char *
juggler_test_http_url (JugglerTestHttpFixture *fixture,
                       const char             *path)
{
  return g_strconcat (juggler_server_get_uri (fixture->server), path, NULL);
}

JugglerHttpWorkload *
juggler_test_http_workload (JugglerTestHttpFixture *fixture,
                            const char             *path,
                            guint                   n_requests)
{
  g_autofree char *url = juggler_test_http_url (fixture, path);
  const char *urls[] = { url, NULL };

  return juggler_test_workload_new (urls, n_requests, 10);
}

void
juggler_test_http_init (void)
{
  g_unsetenv ("http_proxy");
  g_unsetenv ("https_proxy");
  g_unsetenv ("HTTP_PROXY");
  g_unsetenv ("HTTPS_PROXY");
  g_unsetenv ("all_proxy");
  g_unsetenv ("ALL_PROXY");
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
}

/* ------------------------------------------------------------------------------------ */
/* Runs                                                                                  */

const JugglerTestConfig juggler_test_every_strategy[3] = {
  { JUGGLER_STRATEGY_ASYNC, 1, 4 },
  { JUGGLER_STRATEGY_THREADS, 3, 1 },
  { JUGGLER_STRATEGY_BLOCKING, 1, 1 },
};

JugglerHttpWorkload *
juggler_test_workload_new (const char * const *urls,
                           guint               n_requests,
                           guint               timeout_s)
{
  g_autoptr(GError) error = NULL;
  JugglerHttpWorkload *workload = juggler_http_workload_new (urls, n_requests, timeout_s, &error);

  g_assert_no_error (error);
  g_assert_nonnull (workload);

  return workload;
}

JugglerRun *
juggler_test_run_new (JugglerHttpWorkload     *workload,
                      const JugglerTestConfig *config)
{
  JugglerRun *run = juggler_run_new (JUGGLER_WORKLOAD (workload), config->strategy,
                                     config->workers);

  juggler_run_set_concurrency (run, config->concurrency);

  return run;
}

JugglerReport *
juggler_test_run_config (JugglerHttpWorkload     *workload,
                         const JugglerTestConfig *config)
{
  g_autoptr(JugglerRun) run = juggler_test_run_new (workload, config);
  JugglerReport *report;

  g_test_message ("%s, %u workers, concurrency %u", juggler_strategy_to_string (config->strategy),
                  config->workers, config->concurrency);
  report = juggler_test_execute (run, NULL);
  g_assert_finalize_object (g_steal_pointer (&run));

  return report;
}

JugglerReport *
juggler_test_run_all_at_once (JugglerHttpWorkload     *workload,
                              const JugglerTestConfig *config)
{
  guint n_requests = juggler_workload_get_n_jobs (JUGGLER_WORKLOAD (workload));
  JugglerTestConfig at_once = *config;
  JugglerReport *report;

  at_once.workers = MAX (at_once.workers, n_requests);
  at_once.concurrency = MAX (at_once.concurrency, n_requests);
  report = juggler_test_run_config (workload, &at_once);

  g_assert_false (report->cancelled);
  g_assert_cmpuint (report->completed, ==, n_requests);

  return report;
}

/* ------------------------------------------------------------------------------------ */
/* Reports                                                                               */

guint
juggler_test_errors_count (const JugglerReport *report,
                           JugglerHttpOutcome   outcome)
{
  g_assert_nonnull (report->http);

  return report->http->outcomes[outcome];
}

static JugglerHttpOutcome
outcome_from_name (const char *name)
{
  for (guint i = 0; i < JUGGLER_HTTP_N_OUTCOMES; i++)
    if (g_str_equal (juggler_http_outcome_to_string (i), name))
      return i;

  g_assert_not_reached ();
}

guint
juggler_test_errors_total (const JugglerReport *report)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *json = juggler_report_to_string (report);
  g_autoptr(GList) members = NULL;
  JsonObject *errors;
  guint n = 0;

  g_assert_nonnull (report->http);

  /* The JSON the bench prints lists only the kinds that happened, and adds up the same. */
  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  errors = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                          "errors");
  g_assert_nonnull (errors);
  members = json_object_get_members (errors);
  for (GList *l = members; l != NULL; l = l->next)
    {
      gint64 count = json_object_get_int_member (errors, l->data);

      g_assert_cmpint (count, >, 0);
      g_assert_cmpint (count, ==, juggler_test_errors_count (report, outcome_from_name (l->data)));
      n += count;
    }
  g_assert_cmpuint (n, ==, juggler_http_stats_get_n_errors (report->http));

  return n;
}

/* Every request of a run that fetches url must end with this outcome, under every strategy. */
void
juggler_test_assert_outcome (const char         *url,
                             guint               timeout_s,
                             guint               n_requests,
                             JugglerHttpOutcome  outcome,
                             guint               status)
{
  const char *urls[] = { url, NULL };

  for (guint c = 0; c < G_N_ELEMENTS (juggler_test_every_strategy); c++)
    {
      JugglerHttpWorkload *workload = juggler_test_workload_new (urls, n_requests, timeout_s);
      g_autoptr(JugglerReport) report =
        juggler_test_run_all_at_once (workload, &juggler_test_every_strategy[c]);

      for (guint i = 0; i < n_requests; i++)
        {
          const JugglerHttpResult *result = juggler_http_workload_get_result (workload, i);

          g_test_message ("%s: %s (%u) %s", url, juggler_http_outcome_to_string (result->outcome),
                          result->status, result->reason != NULL ? result->reason : "");
          g_assert_cmpstr (juggler_http_outcome_to_string (result->outcome), ==,
                           juggler_http_outcome_to_string (outcome));
          g_assert_cmpuint (result->status, ==, status);
          g_assert_cmpint (result->done_us, >=, result->queued_us);
          g_assert_cmpint (juggler_http_workload_get_state (workload, i), ==,
                           outcome == JUGGLER_HTTP_OK ? JUGGLER_HTTP_STATE_DONE
                                                      : JUGGLER_HTTP_STATE_FAILED);
          if (outcome == JUGGLER_HTTP_OK)
            {
              g_assert_null (result->reason);
            }
          else
            {
              g_assert_nonnull (result->reason);
              g_assert_cmpuint (strlen (result->reason), >, 0);
            }
        }

      if (outcome != JUGGLER_HTTP_OK)
        g_assert_cmpint (juggler_test_errors_count (report, outcome), ==, n_requests);
      g_assert_cmpuint (juggler_test_errors_total (report), ==,
                        outcome == JUGGLER_HTTP_OK ? 0 : n_requests);
      g_assert_cmpint (report->http->requests, ==, n_requests);

      g_assert_finalize_object (workload);
    }
}

char *
juggler_test_expected_digest (guint         n_requests,
                              guint         status,
                              const guint8 *body,
                              gsize         size)
{
  JugglerHttpBody *whole = juggler_http_body_new ();
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 body_digest[JUGGLER_HTTP_BODY_DIGEST_LEN];
  guint32 status_le = GUINT32_TO_LE (status);

  /* The body's digest in one piece, however the requests got it (test-http-body.c checks
   * the digest itself). */
  g_assert_true (juggler_http_body_take (whole, body, size, FALSE, NULL));
  g_assert_true (juggler_http_body_take (whole, NULL, 0, TRUE, NULL));
  juggler_http_body_get_digest (whole, body_digest);
  juggler_http_body_free (whole);

  for (guint i = 0; i < n_requests; i++)
    {
      g_checksum_update (checksum, (const guchar *) &status_le, sizeof status_le);
      g_checksum_update (checksum, body_digest, sizeof body_digest);
    }

  return g_strdup (g_checksum_get_string (checksum));
}

char *
juggler_test_expected_bytes_digest (guint   n_requests,
                                    gsize   size,
                                    guint32 seed)
{
  g_autofree guint8 *body = g_malloc (MAX (size, 1));

  juggler_server_fill_bytes (seed, 0, body, size);

  return juggler_test_expected_digest (n_requests, SOUP_STATUS_OK, body, size);
}

/* ------------------------------------------------------------------------------------ */
/* Watching the requests' states while a run goes on                                     */

static gboolean
sample_cb (gpointer user_data)
{
  JugglerTestSampler *sampler = user_data;
  guint n = juggler_http_workload_get_n_requests (sampler->workload);
  guint waiting = 0;
  guint in_flight = 0;

  for (guint i = 0; i < n; i++)
    {
      JugglerHttpState state = juggler_http_workload_get_state (sampler->workload, i);

      waiting += state == JUGGLER_HTTP_STATE_WAITING;
      in_flight += state == JUGGLER_HTTP_STATE_CONNECTING || state == JUGGLER_HTTP_STATE_WAITING ||
                   state == JUGGLER_HTTP_STATE_RECEIVING;
    }

  sampler->n_samples++;
  sampler->max_waiting = MAX (sampler->max_waiting, waiting);
  /* Only counts: the descriptors the loop polls in each iteration. */
  sampler->max_polled_fds = MAX (sampler->max_polled_fds,
                                 (guint) g_main_context_query (g_main_context_get_thread_default (),
                                                               G_MAXINT, NULL, NULL, 0));
  sampler->max_in_flight = MAX (sampler->max_in_flight, in_flight);

  if (sampler->cancel_at_waiting > 0 && waiting >= sampler->cancel_at_waiting &&
      !g_cancellable_is_cancelled (sampler->cancellable))
    g_cancellable_cancel (sampler->cancellable);

  return G_SOURCE_CONTINUE;
}

JugglerReport *
juggler_test_run_sampled (JugglerRun         *run,
                          JugglerTestSampler *sampler)
{
  GSource *source = g_timeout_source_new (SAMPLE_INTERVAL_MS);
  JugglerReport *report;

  g_source_set_callback (source, sample_cb, sampler, NULL);
  g_source_attach (source, g_main_context_get_thread_default ());
  report = juggler_test_execute (run, sampler->cancellable);
  g_source_destroy (source);
  g_source_unref (source);

  g_test_message ("%u samples, at most %u waiting for the server, %u in flight, %u descriptors polled",
                  sampler->n_samples, sampler->max_waiting, sampler->max_in_flight,
                  sampler->max_polled_fds);

  return report;
}

guint
juggler_test_max_overlap (JugglerHttpWorkload *workload,
                          gboolean             started)
{
  guint n = juggler_http_workload_get_n_requests (workload);
  guint best = 0;

  /* A window's start is where the overlap peaks; n is small. */
  for (guint i = 0; i < n; i++)
    {
      const JugglerHttpResult *a = juggler_http_workload_get_result (workload, i);
      gint64 a_start = started ? a->start_us : a->queued_us;
      guint overlap = 0;

      if (a_start == 0)
        continue;
      for (guint j = 0; j < n; j++)
        {
          const JugglerHttpResult *b = juggler_http_workload_get_result (workload, j);
          gint64 b_start = started ? b->start_us : b->queued_us;

          overlap += b_start != 0 && b_start <= a_start && a_start < b->done_us;
        }
      best = MAX (best, overlap);
    }

  return best;
}

/* ------------------------------------------------------------------------------------ */
/* Raw responders                                                                        */

typedef struct
{
  JugglerTestResponder *responder;
  GSocket              *connection;
  guint                 number;     /* from 1, in the order they came */
} Connection;

static gboolean
send_all (GSocket      *socket,
          const char   *data,
          gsize         len,
          guint         trickle_ms,
          GCancellable *cancellable)
{
  while (len > 0)
    {
      gssize n;

      if (trickle_ms > 0)
        {
          g_usleep (trickle_ms * 1000);
          if (g_cancellable_is_cancelled (cancellable))
            return FALSE;
        }
      n = g_socket_send (socket, data, trickle_ms > 0 ? 1 : len, cancellable, NULL);
      if (n <= 0)
        return FALSE;
      data += n;
      len -= n;
    }

  return TRUE;
}

/* Up to the blank line that ends a request's head, or until the client goes. */
static void
read_request_head (GSocket      *socket,
                   GCancellable *cancellable)
{
  g_autoptr(GString) head = g_string_new (NULL);
  char buffer[1024];

  while (strstr (head->str, "\r\n\r\n") == NULL)
    {
      gssize n = g_socket_receive (socket, buffer, sizeof buffer, cancellable, NULL);

      if (n <= 0)
        return;
      g_string_append_len (head, buffer, n);
    }
}

static gpointer
connection_thread (gpointer user_data)
{
  Connection *connection = user_data;
  JugglerTestResponder *responder = connection->responder;
  GSocket *socket = connection->connection;
  gsize len = responder->response_len > 0 ? responder->response_len
                                           : strlen (responder->response);
  gboolean sent = TRUE;

  if (!responder->answer_at_once)
    read_request_head (socket, responder->cancellable);

  if (responder->answers == 0 || connection->number <= responder->answers)
    sent = send_all (socket, responder->response, len, 0, responder->cancellable);
  while (sent && responder->repeat != NULL)
    sent = send_all (socket, responder->repeat, strlen (responder->repeat),
                     responder->trickle_ms, responder->cancellable);

  if (sent && (responder->hold || (responder->answers > 0 &&
                                    connection->number > responder->answers)))
    {
      char buffer[256];

      /* Until the client closes its side. */
      while (g_socket_receive (socket, buffer, sizeof buffer, responder->cancellable, NULL) > 0)
        ;
    }

  g_socket_shutdown (socket, FALSE, TRUE, NULL);
  g_socket_close (socket, NULL);
  g_object_unref (socket);
  g_free (connection);

  return NULL;
}

static gpointer
accept_thread (gpointer user_data)
{
  JugglerTestResponder *responder = user_data;

  for (;;)
    {
      GSocket *socket = g_socket_accept (responder->socket, responder->cancellable, NULL);
      Connection *connection;

      if (socket == NULL)
        break;

      connection = g_new0 (Connection, 1);
      connection->responder = responder;
      connection->connection = socket;
      g_mutex_lock (&responder->lock);
      connection->number = ++responder->n_connections;
      g_ptr_array_add (responder->connections,
                       g_thread_new ("test-responder-connection", connection_thread, connection));
      g_mutex_unlock (&responder->lock);
    }

  return NULL;
}

void
juggler_test_responder_start (JugglerTestResponder *responder)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (responder->response);

  responder->socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                    G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_assert_true (g_socket_bind (responder->socket, address, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (g_socket_listen (responder->socket, &error));
  g_assert_no_error (error);
  bound = g_socket_get_local_address (responder->socket, &error);
  g_assert_no_error (error);
  responder->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  responder->cancellable = g_cancellable_new ();
  responder->connections = g_ptr_array_new ();
  g_mutex_init (&responder->lock);
  responder->thread = g_thread_new ("test-responder", accept_thread, responder);
}

void
juggler_test_responder_stop (JugglerTestResponder *responder)
{
  g_cancellable_cancel (responder->cancellable);
  g_thread_join (g_steal_pointer (&responder->thread));
  /* No more connections come: each ends as its client goes or sees the cancellation. */
  for (guint i = 0; i < responder->connections->len; i++)
    g_thread_join (g_ptr_array_index (responder->connections, i));
  g_clear_pointer (&responder->connections, g_ptr_array_unref);
  g_mutex_clear (&responder->lock);
  g_socket_close (responder->socket, NULL);
  g_clear_object (&responder->socket);
  g_clear_object (&responder->cancellable);
}

char *
juggler_test_responder_url (JugglerTestResponder *responder,
                            const char           *scheme)
{
  return g_strdup_printf ("%s://127.0.0.1:%u/", scheme, responder->port);
}

GSocket *
juggler_test_refused_port (char **url)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GError) error = NULL;

  /* Bound but not listening: connecting is refused for as long as the socket stays open. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                         &error);
  g_assert_no_error (error);
  g_assert_true (g_socket_bind (socket, address, FALSE, &error));
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  *url = g_strdup_printf ("http://127.0.0.1:%u/",
                          g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));

  return g_steal_pointer (&socket);
}
