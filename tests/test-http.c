/* test-http.c: the HTTP workload against the embedded server — outcomes, reports, digests,
 * concurrency, strategy switches, cancellation and progress
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-http"

#include "config.h"

#include <libsoup/soup.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "juggler-http-workload.h"
#include "juggler-report.h"
#include "juggler-run.h"
#include "juggler-test-run.h"
#include "juggler-server.h"
#include "juggler-types.h"

/* How often the samplers look at the requests' states. */
#define SAMPLE_INTERVAL_MS 5

/* ------------------------------------------------------------------------------------ */
/* Running on a pushed context                                                           */

typedef struct
{
  GMainContext  *context;
  JugglerServer *server;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->context = g_main_context_new ();
  g_main_context_push_thread_default (fixture->context);

  fixture->server = juggler_server_new ();
  g_assert_true (juggler_server_start (fixture->server, 0, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  juggler_server_stop (fixture->server);
  g_assert_finalize_object (fixture->server);

  while (g_main_context_iteration (fixture->context, FALSE))
    ;
  g_main_context_pop_thread_default (fixture->context);
  g_main_context_unref (fixture->context);
}

static char *
server_url (Fixture    *fixture,
            const char *path)
{
  return g_strconcat (juggler_server_get_uri (fixture->server), path, NULL);
}


static JugglerHttpWorkload *
workload_new (const char * const *urls,
              guint               n_requests,
              guint               timeout_s)
{
  g_autoptr(GError) error = NULL;
  JugglerHttpWorkload *workload = juggler_http_workload_new (urls, n_requests, timeout_s, &error);

  g_assert_no_error (error);
  g_assert_nonnull (workload);

  return workload;
}

/* One way to run a workload: a strategy with its worker count or async concurrency. */
typedef struct
{
  JugglerStrategy strategy;
  guint           workers;
  guint           concurrency;
} Config;

static const Config every_strategy[] = {
  { JUGGLER_STRATEGY_ASYNC, 1, 4 },
  { JUGGLER_STRATEGY_THREADS, 3, 1 },
  { JUGGLER_STRATEGY_BLOCKING, 1, 1 },
};

static JugglerRun *
run_new (JugglerHttpWorkload *workload,
         const Config        *config)
{
  JugglerRun *run = juggler_run_new (JUGGLER_WORKLOAD (workload), config->strategy,
                                     config->workers);

  juggler_run_set_concurrency (run, config->concurrency);

  return run;
}

static JugglerReport *
run_config (JugglerHttpWorkload *workload,
            const Config        *config)
{
  g_autoptr(JugglerRun) run = run_new (workload, config);
  JugglerReport *report;

  g_test_message ("%s, %u workers, concurrency %u", juggler_strategy_to_string (config->strategy),
                  config->workers, config->concurrency);
  report = juggler_test_execute (run, NULL);
  g_assert_finalize_object (g_steal_pointer (&run));

  return report;
}

static guint
errors_count (const JugglerReport *report,
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

static guint
errors_total (const JugglerReport *report)
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
      g_assert_cmpint (count, ==, errors_count (report, outcome_from_name (l->data)));
      n += count;
    }
  g_assert_cmpuint (n, ==, juggler_http_stats_get_n_errors (report->http));

  return n;
}

/* The digest the workload must report when every request fetched /bytes/size?seed=seed. */
static char *
expected_bytes_digest (guint   n_requests,
                       gsize   size,
                       guint32 seed)
{
  g_autoptr(GChecksum) body_checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree guint8 *body = g_malloc (MAX (size, 1));
  guint8 body_digest[32];
  gsize len = sizeof body_digest;
  guint32 status = GUINT32_TO_LE (SOUP_STATUS_OK);

  juggler_server_fill_bytes (seed, 0, body, size);
  g_checksum_update (body_checksum, body, size);
  g_checksum_get_digest (body_checksum, body_digest, &len);
  g_assert_cmpuint (len, ==, 32);

  for (guint i = 0; i < n_requests; i++)
    {
      g_checksum_update (checksum, (const guchar *) &status, sizeof status);
      g_checksum_update (checksum, body_digest, sizeof body_digest);
    }

  return g_strdup (g_checksum_get_string (checksum));
}

/* ------------------------------------------------------------------------------------ */
/* Watching the requests' states while a run goes on                                     */

typedef struct
{
  JugglerHttpWorkload *workload;
  guint                n_samples;
  guint                max_waiting;     /* sent on a connection, no answer yet */
  guint                max_in_flight;   /* connecting, waiting or receiving */
  /* Cancel once this many requests wait for the server (0: never). */
  guint                cancel_at_waiting;
  GCancellable        *cancellable;
} Sampler;

static gboolean
sample_cb (gpointer user_data)
{
  Sampler *sampler = user_data;
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
  sampler->max_in_flight = MAX (sampler->max_in_flight, in_flight);

  if (sampler->cancel_at_waiting > 0 && waiting >= sampler->cancel_at_waiting &&
      !g_cancellable_is_cancelled (sampler->cancellable))
    g_cancellable_cancel (sampler->cancellable);

  return G_SOURCE_CONTINUE;
}

/* Executes the run, with its sampler's cancellable, while the sampler watches it. */
static JugglerReport *
run_sampled (JugglerRun *run,
             Sampler    *sampler)
{
  GSource *source = g_timeout_source_new (SAMPLE_INTERVAL_MS);
  JugglerReport *report;

  g_source_set_callback (source, sample_cb, sampler, NULL);
  g_source_attach (source, g_main_context_get_thread_default ());
  report = juggler_test_execute (run, sampler->cancellable);
  g_source_destroy (source);
  g_source_unref (source);

  g_test_message ("%u samples, at most %u waiting for the server, %u in flight",
                  sampler->n_samples, sampler->max_waiting, sampler->max_in_flight);

  return report;
}

/* The most requests whose [queued, done] windows contain one instant. */
static guint
max_overlap (JugglerHttpWorkload *workload)
{
  guint n = juggler_http_workload_get_n_requests (workload);
  guint best = 0;

  /* A window's start is where the overlap peaks; n is small. */
  for (guint i = 0; i < n; i++)
    {
      const JugglerHttpResult *a = juggler_http_workload_get_result (workload, i);
      guint overlap = 0;

      for (guint j = 0; j < n; j++)
        {
          const JugglerHttpResult *b = juggler_http_workload_get_result (workload, j);

          overlap += b->queued_us <= a->queued_us && a->queued_us < b->done_us;
        }
      best = MAX (best, overlap);
    }

  return best;
}

/* ------------------------------------------------------------------------------------ */
/* File descriptors                                                                      */

typedef struct
{
  guint local_port;
  guint remote_port;
  guint state;
} TcpSocket;

/* Inode → TcpSocket for every IPv4 TCP socket of the machine, from /proc/net/tcp. */
static GHashTable *
read_tcp_sockets (void)
{
  GHashTable *sockets = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_true (g_file_get_contents ("/proc/net/tcp", &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      TcpSocket socket;
      gint64 inode;

      if (sscanf (lines[i], " %*u: %*[0-9A-F]:%X %*[0-9A-F]:%X %X %*s %*s %*s %*u %*u %" G_GINT64_FORMAT,
                  &socket.local_port, &socket.remote_port, &socket.state, &inode) == 4)
        g_hash_table_insert (sockets, g_memdup2 (&inode, sizeof inode),
                             g_memdup2 (&socket, sizeof socket));
    }

  return sockets;
}

/* The socket an fd link like "socket:[1234]" names, if it is an IPv4 TCP one. */
static const TcpSocket *
lookup_tcp_socket (GHashTable *sockets,
                   const char *target)
{
  gint64 inode;

  if (target == NULL || sscanf (target, "socket:[%" G_GINT64_FORMAT "]", &inode) != 1)
    return NULL;

  return g_hash_table_lookup (sockets, &inode);
}

/*
 * Descriptors open in this process, leaving out the server's side of its connections (and
 * its listening socket): libsoup 3.2's server keeps the socket of a connection that the
 * client closed while it was idle or paused (/hang) until the server stops, so those say
 * nothing about the client. With log, every descriptor goes to the test log.
 */
static guint
count_client_fds (guint16  server_port,
                  gboolean log)
{
  g_autoptr(GHashTable) sockets = read_tcp_sockets ();
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/fd", 0, NULL);
  guint n = 0;
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename ("/proc/self/fd", name, NULL);
      g_autofree char *target = g_file_read_link (path, NULL);
      const TcpSocket *socket = lookup_tcp_socket (sockets, target);
      gboolean server_side = socket != NULL && socket->local_port == server_port;

      /* The listing's own descriptor is gone by the time anyone looks. */
      if (target == NULL || g_str_has_prefix (target, "/proc/"))
        continue;

      if (log && socket != NULL)
        g_test_message ("fd %s → %s tcp :%u → :%u state %02X%s", name, target, socket->local_port,
                        socket->remote_port, socket->state, server_side ? " (server)" : "");
      else if (log)
        g_test_message ("fd %s → %s", name, target);

      if (!server_side)
        n++;
    }

  return n;
}

/* Lets closing sockets close: iterates this thread's contexts until the count is back to
 * expected, for at most about a second. Returns the last count. */
static guint
settle_fds (guint16 server_port,
            guint   expected)
{
  guint n = count_client_fds (server_port, FALSE);

  for (guint round = 0; round < 100 && n != expected; round++)
    {
      while (g_main_context_iteration (g_main_context_get_thread_default (), FALSE))
        ;
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (10 * 1000);
      n = count_client_fds (server_port, FALSE);
    }

  if (n != expected)
    count_client_fds (server_port, TRUE);

  return n;
}

/* A short run first, so that descriptors GIO keeps for the life of the process (the
 * network monitor, the resolver's, the GLib worker's wakeup) are open before counting. */
static void
warm_up (Fixture      *fixture,
         const Config *config)
{
  g_autofree char *url = server_url (fixture, "delay/0");
  const char *urls[] = { url, NULL };
  JugglerHttpWorkload *workload = workload_new (urls, 2, 10);
  g_autoptr(JugglerReport) report = run_config (workload, config);

  g_assert_cmpuint (report->completed, ==, 2);
  g_assert_finalize_object (workload);
}

/* ------------------------------------------------------------------------------------ */
/* Outcomes                                                                              */

/* Every request of a run that fetches url must end with this outcome, under every strategy. */
static void
assert_outcome (const char         *url,
                guint               timeout_s,
                guint               n_requests,
                JugglerHttpOutcome  outcome,
                guint               status)
{
  const char *urls[] = { url, NULL };

  for (guint c = 0; c < G_N_ELEMENTS (every_strategy); c++)
    {
      Config config = every_strategy[c];
      JugglerHttpWorkload *workload = workload_new (urls, n_requests, timeout_s);
      g_autoptr(JugglerReport) report = NULL;

      /* Every request in flight at once, so a slow outcome costs its time once per strategy. */
      config.workers = MAX (config.workers, n_requests);
      config.concurrency = MAX (config.concurrency, n_requests);
      report = run_config (workload, &config);

      g_assert_false (report->cancelled);
      g_assert_cmpuint (report->completed, ==, n_requests);
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
        g_assert_cmpint (errors_count (report, outcome), ==, n_requests);
      g_assert_cmpuint (errors_total (report), ==, outcome == JUGGLER_HTTP_OK ? 0 : n_requests);
      g_assert_cmpint (report->http->requests, ==, n_requests);

      g_assert_finalize_object (workload);
    }
}

static void
test_outcome_refused (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  /* A port that was free a moment ago, with nothing listening on it now. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                         &error);
  g_assert_no_error (error);
  g_assert_true (g_socket_bind (socket, address, FALSE, &error));
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  url = g_strdup_printf ("http://127.0.0.1:%u/",
                         g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  g_assert_true (g_socket_close (socket, &error));
  g_assert_no_error (error);

  assert_outcome (url, 10, 2, JUGGLER_HTTP_REFUSED, 0);
}

static void
test_outcome_not_resolved (Fixture       *fixture,
                           gconstpointer  data)
{
  const char *urls[] = { "http://nonexistent.invalid/", NULL };
  JugglerHttpWorkload *workload = workload_new (urls, 1, 5);
  g_autoptr(JugglerReport) report = NULL;
  const JugglerHttpResult *result;
  const Config config = { JUGGLER_STRATEGY_ASYNC, 1, 1 };

  /* RFC 6761: .invalid never resolves. A machine without any resolver may fail otherwise. */
  report = run_config (workload, &config);
  result = juggler_http_workload_get_result (workload, 0);
  g_test_message ("%s: %s", juggler_http_outcome_to_string (result->outcome),
                  result->reason != NULL ? result->reason : "");
  g_assert_cmpuint (report->completed, ==, 1);
  if (result->outcome != JUGGLER_HTTP_NOT_RESOLVED && result->reason != NULL &&
      (strstr (result->reason, "resol") != NULL || strstr (result->reason, "DNS") != NULL))
    {
      g_test_skip ("No working name resolution here");
      g_assert_finalize_object (workload);
      return;
    }
  g_assert_finalize_object (workload);

  assert_outcome (urls[0], 5, 1, JUGGLER_HTTP_NOT_RESOLVED, 0);
}

static void
test_outcome_timeout (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *url = server_url (fixture, "hang");

  /* One request: the blocking strategy waits its timeouts one after another. */
  assert_outcome (url, 1, 1, JUGGLER_HTTP_TIMEOUT, 0);
}

static void
test_outcome_http_status (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *not_found = server_url (fixture, "status/404");
  g_autofree char *unavailable = server_url (fixture, "status/503");
  const char *urls[] = { not_found, NULL };
  JugglerHttpWorkload *workload;
  g_autoptr(JugglerReport) report = NULL;

  assert_outcome (not_found, 10, 2, JUGGLER_HTTP_STATUS, 404);
  assert_outcome (unavailable, 10, 2, JUGGLER_HTTP_STATUS, 503);

  /* The reason names the status. */
  workload = workload_new (urls, 1, 10);
  report = run_config (workload, &every_strategy[0]);
  g_assert_nonnull (strstr (juggler_http_workload_get_result (workload, 0)->reason, "404"));
  g_assert_finalize_object (workload);
}

static void
test_outcome_truncated (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *url = server_url (fixture, "truncate/1000");

  assert_outcome (url, 10, 2, JUGGLER_HTTP_TRUNCATED, 200);
}

/* A loopback listener on its own thread that answers every connection with plain HTTP at
 * once, before reading anything: what a TLS client meets at a port that does not speak TLS. */
typedef struct
{
  GSocket      *socket;
  GCancellable *cancellable;
  GThread      *thread;
  guint16       port;
} PlainResponder;

static gpointer
plain_responder_thread (gpointer user_data)
{
  PlainResponder *responder = user_data;
  static const char answer[] = "HTTP/1.1 400 Bad Request\r\n"
                               "Content-Length: 0\r\n"
                               "Connection: close\r\n"
                               "\r\n";

  for (;;)
    {
      g_autoptr(GSocket) connection = g_socket_accept (responder->socket,
                                                       responder->cancellable, NULL);

      if (connection == NULL)
        break;
      g_socket_send (connection, answer, strlen (answer), NULL, NULL);
      g_socket_shutdown (connection, FALSE, TRUE, NULL);
      g_socket_close (connection, NULL);
    }

  return NULL;
}

static void
plain_responder_start (PlainResponder *responder)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

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
  responder->thread = g_thread_new ("plain-responder", plain_responder_thread, responder);
}

static void
plain_responder_stop (PlainResponder *responder)
{
  g_cancellable_cancel (responder->cancellable);
  g_thread_join (g_steal_pointer (&responder->thread));
  g_socket_close (responder->socket, NULL);
  g_clear_object (&responder->socket);
  g_clear_object (&responder->cancellable);
}

static void
test_outcome_tls (Fixture       *fixture,
                  gconstpointer  data)
{
  PlainResponder responder = { 0 };
  g_autofree char *url = NULL;

  plain_responder_start (&responder);
  url = g_strdup_printf ("https://127.0.0.1:%u/", responder.port);
  assert_outcome (url, 10, 2, JUGGLER_HTTP_TLS, 0);
  plain_responder_stop (&responder);
}

static void
test_outcome_tls_to_plain_server (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autofree char *url = g_strdup_printf ("https://127.0.0.1:%u/delay/0",
                                          juggler_server_get_port (fixture->server));
  const char *urls[] = { url, NULL };
  JugglerHttpWorkload *workload = workload_new (urls, 1, 1);
  g_autoptr(JugglerReport) report = run_config (workload, &every_strategy[0]);
  const JugglerHttpResult *result = juggler_http_workload_get_result (workload, 0);

  /* The embedded server waits for a request line that a ClientHello never completes, so the
   * handshake gets no answer at all: the I/O timeout ends it, and that is what it is. */
  g_test_message ("%s: %s", juggler_http_outcome_to_string (result->outcome), result->reason);
  g_assert_cmpuint (report->completed, ==, 1);
  g_assert_cmpint (result->outcome, ==, JUGGLER_HTTP_TIMEOUT);
  g_assert_nonnull (result->reason);

  g_assert_finalize_object (workload);
}

static void
test_outcome_invalid_url (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *good = server_url (fixture, "bytes/100?seed=3");
  const char *urls[] = { "not a url", good, NULL };

  for (guint c = 0; c < G_N_ELEMENTS (every_strategy); c++)
    {
      JugglerHttpWorkload *workload = workload_new (urls, 6, 10);
      g_autoptr(JugglerReport) report = run_config (workload, &every_strategy[c]);

      g_assert_false (report->cancelled);
      g_assert_cmpuint (report->completed, ==, 6);
      for (guint i = 0; i < 6; i++)
        {
          const JugglerHttpResult *result = juggler_http_workload_get_result (workload, i);

          if (i % 2 == 0)
            {
              g_assert_cmpint (result->outcome, ==, JUGGLER_HTTP_INVALID_URL);
              g_assert_cmpuint (result->status, ==, 0);
              g_assert_nonnull (result->reason);
              g_assert_nonnull (strstr (result->reason, "not a url"));
            }
          else
            {
              g_assert_cmpint (result->outcome, ==, JUGGLER_HTTP_OK);
              g_assert_cmpuint (result->status, ==, 200);
              g_assert_cmpuint (result->bytes, ==, 100);
            }
        }
      g_assert_cmpint (errors_count (report, JUGGLER_HTTP_INVALID_URL), ==, 3);
      g_assert_cmpuint (errors_total (report), ==, 3);

      g_assert_finalize_object (workload);
    }
}

/* ------------------------------------------------------------------------------------ */
/* Reports                                                                               */

static void
test_report_mixed (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *small = server_url (fixture, "bytes/1000?seed=1");
  g_autofree char *not_found = server_url (fixture, "status/404");
  g_autofree char *large = server_url (fixture, "bytes/3000?seed=2");
  g_autofree char *truncated = server_url (fixture, "truncate/1000");
  g_autofree char *unavailable = server_url (fixture, "status/503");
  g_autofree char *refused = NULL;
  const char *urls[] = { small, not_found, large, truncated, "not a url", NULL, unavailable,
                         NULL };
  const guint n_requests = 14;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);

  /* Bound but not listening: connecting is refused for as long as the socket stays open. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  g_assert_nonnull (socket);
  g_assert_true (g_socket_bind (socket, address, FALSE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  refused = g_strdup_printf ("http://127.0.0.1:%u/",
                             g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  urls[5] = refused;

  for (guint c = 0; c < G_N_ELEMENTS (every_strategy); c++)
    {
      JugglerHttpWorkload *workload = workload_new (urls, n_requests, 10);
      g_autoptr(JugglerReport) report = run_config (workload, &every_strategy[c]);
      const JugglerSummary *request_ms = &report->http->request_ms;
      guint64 good_bytes = 0;
      double max_ms = 0;

      g_assert_false (report->cancelled);
      g_assert_cmpuint (report->jobs, ==, n_requests);
      g_assert_cmpuint (report->completed, ==, report->jobs);

      /* Twice each of the seven URLs: 1000, 404, 3000, truncated, invalid, refused, 503. */
      g_assert_cmpint (report->http->requests, ==, n_requests);
      g_assert_cmpint (errors_count (report, JUGGLER_HTTP_STATUS), ==, 4);
      g_assert_cmpint (errors_count (report, JUGGLER_HTTP_TRUNCATED), ==, 2);
      g_assert_cmpint (errors_count (report, JUGGLER_HTTP_INVALID_URL), ==, 2);
      g_assert_cmpint (errors_count (report, JUGGLER_HTTP_REFUSED), ==, 2);
      g_assert_cmpuint (errors_total (report), ==, 10);

      for (guint i = 0; i < n_requests; i++)
        {
          const JugglerHttpResult *result = juggler_http_workload_get_result (workload, i);

          if (result->outcome == JUGGLER_HTTP_OK)
            good_bytes += result->bytes;
          max_ms = MAX (max_ms, juggler_http_result_get_request_us (result) / 1000.0);
        }
      g_assert_cmpuint (good_bytes, ==, 2 * 1000 + 2 * 3000);
      g_assert_cmpuint (juggler_http_workload_get_result (workload, 0)->bytes, ==, 1000);
      g_assert_cmpuint (juggler_http_workload_get_result (workload, 9)->bytes, ==, 3000);
      g_assert_cmpint (report->http->bytes, ==, good_bytes);

      g_assert_cmpfloat (request_ms->p50, >=, 0);
      g_assert_cmpfloat (request_ms->p50, <=, request_ms->p99);
      g_assert_cmpfloat (request_ms->p99, <=, request_ms->max);
      g_assert_cmpfloat_with_epsilon (request_ms->max, max_ms, 1e-6);

      g_assert_finalize_object (workload);
    }
}

/* ------------------------------------------------------------------------------------ */
/* Digests                                                                               */

static void
test_digest_all_strategies (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *url = server_url (fixture, "bytes/5000?seed=7");
  const char *urls[] = { url, NULL };
  g_autofree char *expected = expected_bytes_digest (30, 5000, 7);
  const Config configs[] = {
    { JUGGLER_STRATEGY_ASYNC, 1, 1 },
    { JUGGLER_STRATEGY_ASYNC, 1, 8 },
    { JUGGLER_STRATEGY_ASYNC, 1, 30 },
    { JUGGLER_STRATEGY_THREADS, 1, 1 },
    { JUGGLER_STRATEGY_THREADS, 2, 1 },
    { JUGGLER_STRATEGY_THREADS, 4, 1 },
    { JUGGLER_STRATEGY_THREADS, 8, 1 },
    { JUGGLER_STRATEGY_BLOCKING, 1, 1 },
  };

  for (guint c = 0; c < G_N_ELEMENTS (configs); c++)
    {
      JugglerHttpWorkload *workload = workload_new (urls, 30, 10);
      g_autoptr(JugglerReport) report = run_config (workload, &configs[c]);

      g_assert_cmpuint (report->completed, ==, 30);
      g_assert_cmpuint (errors_total (report), ==, 0);
      g_assert_cmpint (report->http->bytes, ==, 30 * 5000);
      for (guint i = 0; i < 30; i++)
        g_assert_cmpuint (juggler_http_workload_get_result (workload, i)->bytes, ==, 5000);
      g_assert_cmpstr (report->digest, ==, expected);

      g_assert_finalize_object (workload);
    }
}

/* ------------------------------------------------------------------------------------ */
/* Concurrency                                                                           */

static void
test_async_concurrency (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *url = server_url (fixture, "delay/300");
  const char *urls[] = { url, NULL };
  JugglerHttpWorkload *workload = workload_new (urls, 20, 10);
  const Config config = { JUGGLER_STRATEGY_ASYNC, 1, 20 };
  g_autoptr(JugglerRun) run = run_new (workload, &config);
  Sampler sampler = { .workload = workload };
  g_autoptr(JugglerReport) report = run_sampled (run, &sampler);

  g_assert_cmpuint (report->completed, ==, 20);
  g_assert_cmpuint (errors_total (report), ==, 0);
  /* More than libsoup's default two connections per host had requests on the wire. */
  g_assert_cmpuint (sampler.max_waiting, >, 2);
  g_assert_cmpuint (sampler.max_in_flight, <=, 20);
  g_assert_cmpuint (max_overlap (workload), >, 2);
  g_assert_cmpuint (max_overlap (workload), <=, 20);

  g_assert_finalize_object (g_steal_pointer (&run));
  g_assert_finalize_object (workload);
}

static void
test_async_concurrency_limit (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *url = server_url (fixture, "delay/100");
  const char *urls[] = { url, NULL };
  JugglerHttpWorkload *workload = workload_new (urls, 12, 10);
  const Config config = { JUGGLER_STRATEGY_ASYNC, 1, 4 };
  g_autoptr(JugglerRun) run = run_new (workload, &config);
  Sampler sampler = { .workload = workload };
  g_autoptr(JugglerReport) report = run_sampled (run, &sampler);

  g_assert_cmpuint (report->completed, ==, 12);
  g_assert_cmpuint (sampler.max_in_flight, <=, 4);
  g_assert_cmpuint (sampler.max_waiting, >=, 2);
  g_assert_cmpuint (max_overlap (workload), <=, 4);
  g_assert_cmpuint (max_overlap (workload), >=, 2);
  g_assert_cmpint (report->concurrency, ==, 4);

  g_assert_finalize_object (g_steal_pointer (&run));
  g_assert_finalize_object (workload);
}

static void
test_async_untuned (Fixture       *fixture,
                    gconstpointer  data)
{
  const guint n_requests = 8;
  const guint delay_ms = 200;
  g_autofree char *url = server_url (fixture, "delay/200");
  const char *urls[] = { url, NULL };
  JugglerHttpWorkload *workload = workload_new (urls, n_requests, 10);
  const Config config = { JUGGLER_STRATEGY_ASYNC, 1, n_requests };
  g_autoptr(JugglerRun) run = run_new (workload, &config);
  g_autoptr(JugglerReport) report = NULL;
  Sampler sampler = { .workload = workload };
  gint64 first_queued = G_MAXINT64;
  gint64 last_done = 0;

  juggler_run_set_tune_connections (run, FALSE);
  report = run_sampled (run, &sampler);

  g_assert_cmpuint (report->completed, ==, n_requests);
  g_assert_cmpuint (errors_total (report), ==, 0);
  g_assert_false (report->tuned_connections);

  /* All were handed to libsoup at once, but only two at a time went on the wire: the
   * others stayed queued. */
  g_assert_cmpuint (max_overlap (workload), >, 2);
  g_assert_cmpuint (sampler.max_in_flight, <=, 2);
  g_assert_cmpuint (sampler.max_waiting, >=, 1);
  g_assert_cmpint (report->http->peak_in_flight, ==, 2);

  /* So the server's delays added up in pairs: a lower bound only. */
  for (guint i = 0; i < n_requests; i++)
    {
      const JugglerHttpResult *result = juggler_http_workload_get_result (workload, i);

      first_queued = MIN (first_queued, result->queued_us);
      last_done = MAX (last_done, result->done_us);
    }
  g_assert_cmpint (last_done - first_queued, >=, (gint64) (n_requests / 2) * delay_ms * 1000);

  g_assert_finalize_object (g_steal_pointer (&run));
  g_assert_finalize_object (workload);
}

/* ------------------------------------------------------------------------------------ */
/* Switching strategies                                                                  */

static gboolean
report_used (const JugglerReport *report,
             const char          *strategy)
{
  for (guint i = 0; i < report->strategies->len; i++)
    if (g_str_equal (g_ptr_array_index (report->strategies, i), strategy))
      return TRUE;

  return FALSE;
}

static void
test_switch_every (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *url = server_url (fixture, "bytes/5000?seed=7&delay=5");
  const char *urls[] = { url, NULL };
  g_autofree char *expected = expected_bytes_digest (30, 5000, 7);
  JugglerHttpWorkload *workload = workload_new (urls, 30, 10);
  const Config config = { JUGGLER_STRATEGY_ASYNC, 2, 4 };
  g_autoptr(JugglerRun) run = run_new (workload, &config);
  g_autoptr(JugglerReport) report = NULL;

  /* Every job that ends a millisecond after the last switch switches again. */
  juggler_run_set_switch_every (run, 1);
  report = juggler_test_execute (run, NULL);

  g_test_message ("%u switches", report->switches);
  g_assert_false (report->cancelled);
  g_assert_cmpuint (report->completed, ==, report->jobs);
  g_assert_cmpuint (report->switches, >=, 2);
  g_assert_cmpstr (g_ptr_array_index (report->strategies, 0), ==, "async");
  g_assert_true (report_used (report, "threads"));
  g_assert_true (report_used (report, "blocking"));
  g_assert_cmpuint (errors_total (report), ==, 0);
  g_assert_cmpstr (report->digest, ==, expected);

  g_assert_finalize_object (g_steal_pointer (&run));
  g_assert_finalize_object (workload);
}

static void
switch_job_done_cb (JugglerRun *run,
                    guint       index,
                    guint       worker,
                    gpointer    user_data)
{
  guint *n_done = user_data;

  (*n_done)++;
  if (*n_done == 5)
    juggler_run_switch_strategy (run, JUGGLER_STRATEGY_THREADS);
  else if (*n_done == 15)
    juggler_run_switch_strategy (run, JUGGLER_STRATEGY_BLOCKING);
}

static void
test_switch_from_job_done (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *url = server_url (fixture, "bytes/5000?seed=7&delay=5");
  const char *urls[] = { url, NULL };
  g_autofree char *expected = expected_bytes_digest (30, 5000, 7);
  JugglerHttpWorkload *workload = workload_new (urls, 30, 10);
  const Config config = { JUGGLER_STRATEGY_ASYNC, 2, 3 };
  g_autoptr(JugglerRun) run = run_new (workload, &config);
  g_autoptr(JugglerReport) report = NULL;
  guint n_done = 0;

  g_signal_connect (run, "job-done", G_CALLBACK (switch_job_done_cb), &n_done);
  report = juggler_test_execute (run, NULL);

  g_assert_false (report->cancelled);
  g_assert_cmpuint (n_done, ==, 30);
  g_assert_cmpuint (report->completed, ==, 30);
  g_assert_cmpuint (report->switches, ==, 2);
  g_assert_cmpuint (report->strategies->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (report->strategies, 0), ==, "async");
  g_assert_cmpstr (g_ptr_array_index (report->strategies, 1), ==, "threads");
  g_assert_cmpstr (g_ptr_array_index (report->strategies, 2), ==, "blocking");
  g_assert_cmpstr (report->digest, ==, expected);

  g_assert_finalize_object (g_steal_pointer (&run));
  g_assert_finalize_object (workload);
}

/* ------------------------------------------------------------------------------------ */
/* Cancellation                                                                          */

static void
test_cancel_async_hang (Fixture       *fixture,
                        gconstpointer  data)
{
  const guint n_requests = 50;
  const Config config = { JUGGLER_STRATEGY_ASYNC, 1, n_requests };
  g_autofree char *url = server_url (fixture, "hang");
  const char *urls[] = { url, NULL };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(JugglerReport) report = NULL;
  JugglerHttpWorkload *workload;
  JugglerRun *run;
  Sampler sampler = { 0 };
  guint fds_before;
  guint fds_after;

  warm_up (fixture, &config);
  fds_before = count_client_fds (juggler_server_get_port (fixture->server), FALSE);

  workload = workload_new (urls, n_requests, 10);
  run = run_new (workload, &config);
  sampler.workload = workload;
  sampler.cancellable = cancellable;
  /* Cancel once every request sits at the server. */
  sampler.cancel_at_waiting = n_requests;
  report = run_sampled (run, &sampler);

  g_assert_cmpuint (sampler.max_waiting, ==, n_requests);
  g_assert_true (report->cancelled);
  g_assert_cmpuint (report->completed, ==, 0);
  g_assert_cmpuint (report->jobs, ==, n_requests);
  g_assert_cmpuint (errors_total (report), ==, 0);

  g_assert_finalize_object (run);
  g_assert_finalize_object (workload);

  fds_after = settle_fds (juggler_server_get_port (fixture->server), fds_before);
  g_assert_cmpuint (fds_after, ==, fds_before);
}

static void
test_cancel_threads_delay (Fixture       *fixture,
                           gconstpointer  data)
{
  const guint n_requests = 10;
  const Config config = { JUGGLER_STRATEGY_THREADS, 2, 1 };
  g_autofree char *url = server_url (fixture, "delay/2000");
  const char *urls[] = { url, NULL };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(JugglerReport) report = NULL;
  JugglerHttpWorkload *workload;
  JugglerRun *run;
  Sampler sampler = { 0 };
  guint fds_before;
  guint fds_after;

  warm_up (fixture, &config);
  fds_before = count_client_fds (juggler_server_get_port (fixture->server), FALSE);

  workload = workload_new (urls, n_requests, 10);
  run = run_new (workload, &config);
  sampler.workload = workload;
  sampler.cancellable = cancellable;
  /* Both workers blocked in a send that the server answers only after 2 s. */
  sampler.cancel_at_waiting = config.workers;
  report = run_sampled (run, &sampler);

  g_assert_true (report->cancelled);
  g_assert_cmpuint (report->completed, <, report->jobs);
  g_assert_cmpuint (report->completed, ==, 0);

  /* Cancelling aborted the blocked sends: the server never got to answer any of them. */
  for (guint i = 0; i < n_requests; i++)
    {
      JugglerHttpState state = juggler_http_workload_get_state (workload, i);

      g_assert_cmpuint (juggler_http_workload_get_result (workload, i)->status, !=, 200);
      g_assert_cmpint (state, !=, JUGGLER_HTTP_STATE_RECEIVING);
      g_assert_cmpint (state, !=, JUGGLER_HTTP_STATE_DONE);
    }

  g_assert_finalize_object (run);
  g_assert_finalize_object (workload);

  fds_after = settle_fds (juggler_server_get_port (fixture->server), fds_before);
  g_assert_cmpuint (fds_after, ==, fds_before);
}

/* ------------------------------------------------------------------------------------ */
/* Progress                                                                              */

static void
test_per_event (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *url = server_url (fixture, "bytes/2000?seed=5");
  const char *urls[] = { url, "not a url", NULL };
  const guint n_requests = 40;

  for (guint c = 0; c < G_N_ELEMENTS (every_strategy); c++)
    {
      JugglerHttpWorkload *workload = workload_new (urls, n_requests, 10);
      g_autoptr(JugglerRun) run = run_new (workload, &every_strategy[c]);
      g_autoptr(JugglerReport) report = NULL;
      JugglerProgress progress;

      juggler_run_set_progress_mode (run, JUGGLER_PROGRESS_PER_EVENT);
      report = juggler_test_execute (run, NULL);

      g_test_message ("%s: %" G_GUINT64_FORMAT " events delivered, %" G_GUINT64_FORMAT " dropped",
                      juggler_strategy_to_string (every_strategy[c].strategy),
                      report->progress_events, report->progress_events_dropped);
      g_assert_cmpstr (report->progress_mode, ==, "per-event");
      g_assert_cmpuint (report->completed, ==, n_requests);
      g_assert_cmpuint (report->progress_events, >, 0);
      /* A step and a job event per request. */
      g_assert_cmpuint (report->progress_events + report->progress_events_dropped, ==,
                        juggler_workload_get_n_steps (JUGGLER_WORKLOAD (workload)) +
                        juggler_workload_get_n_jobs (JUGGLER_WORKLOAD (workload)));

      juggler_run_sample (run, &progress);
      g_assert_cmpuint (progress.jobs_done, ==, progress.jobs_total);
      g_assert_cmpuint (progress.steps_done, ==, progress.steps_total);

      g_assert_finalize_object (g_steal_pointer (&run));
      g_assert_finalize_object (workload);
    }
}

/* ------------------------------------------------------------------------------------ */
/* File descriptors                                                                      */

static guint
fd_table_size (void)
{
  g_autofree char *status = NULL;
  const char *field;

  g_assert_true (g_file_get_contents ("/proc/self/status", &status, NULL, NULL));
  field = strstr (status, "\nFDSize:");
  g_assert_nonnull (field);

  return strtoul (field + strlen ("\nFDSize:"), NULL, 10);
}

/* A run's sockets never make the kernel grow the descriptor table, which would stall the
 * thread opening one for an RCU grace period. */
static void
test_fd_table_grown_up_front (Fixture       *fixture,
                              gconstpointer  data)
{
  /* 1000 connections, and as many accepted by the server in the same process. */
  const guint n_fds = 2000;
  g_autoptr(GArray) fds = g_array_new (FALSE, FALSE, sizeof (int));
  struct rlimit limit;
  guint size = fd_table_size ();

  g_assert_cmpint (getrlimit (RLIMIT_NOFILE, &limit), ==, 0);
  if (limit.rlim_cur < n_fds + 100)
    {
      g_test_skip ("The file descriptor limit is too low here");
      return;
    }

  for (guint i = 0; i < n_fds; i++)
    {
      int fd = dup (STDERR_FILENO);

      g_assert_cmpint (fd, >=, 0);
      g_array_append_val (fds, fd);
    }
  g_assert_cmpuint (fd_table_size (), ==, size);

  for (guint i = 0; i < fds->len; i++)
    g_close (g_array_index (fds, int, i), NULL);
}

#define ADD_HTTP_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  /* Only loopback here: a proxy from the environment must not take the requests. */
  g_unsetenv ("http_proxy");
  g_unsetenv ("https_proxy");
  g_unsetenv ("HTTP_PROXY");
  g_unsetenv ("HTTPS_PROXY");
  g_unsetenv ("all_proxy");
  g_unsetenv ("ALL_PROXY");
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);

  g_test_init (&argc, &argv, NULL);

  ADD_HTTP_TEST ("/core/http/outcome/refused", test_outcome_refused);
  ADD_HTTP_TEST ("/core/http/outcome/not-resolved", test_outcome_not_resolved);
  ADD_HTTP_TEST ("/core/http/outcome/timeout", test_outcome_timeout);
  ADD_HTTP_TEST ("/core/http/outcome/http-status", test_outcome_http_status);
  ADD_HTTP_TEST ("/core/http/outcome/truncated", test_outcome_truncated);
  ADD_HTTP_TEST ("/core/http/outcome/tls", test_outcome_tls);
  ADD_HTTP_TEST ("/core/http/outcome/tls-to-plain-server", test_outcome_tls_to_plain_server);
  ADD_HTTP_TEST ("/core/http/outcome/invalid-url", test_outcome_invalid_url);
  ADD_HTTP_TEST ("/core/http/report/mixed", test_report_mixed);
  ADD_HTTP_TEST ("/core/http/digest/all-strategies", test_digest_all_strategies);
  ADD_HTTP_TEST ("/core/http/async/concurrency", test_async_concurrency);
  ADD_HTTP_TEST ("/core/http/async/concurrency-limit", test_async_concurrency_limit);
  ADD_HTTP_TEST ("/core/http/async/untuned", test_async_untuned);
  ADD_HTTP_TEST ("/core/http/switch/every", test_switch_every);
  ADD_HTTP_TEST ("/core/http/switch/from-job-done", test_switch_from_job_done);
  ADD_HTTP_TEST ("/core/http/cancel/async-hang", test_cancel_async_hang);
  ADD_HTTP_TEST ("/core/http/cancel/threads-delay", test_cancel_threads_delay);
  ADD_HTTP_TEST ("/core/http/progress/per-event", test_per_event);
  ADD_HTTP_TEST ("/core/http/fd-table-grown-up-front", test_fd_table_grown_up_front);

  return g_test_run ();
}
