/* test-http-outcomes.c: how each request of the HTTP workload ends against the embedded
 * server and refusing or silent peers, and what the report counts (TLS: test-http-tls.c)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-http-outcomes"

#include "config.h"

#include <string.h>

#include "juggler-http-workload.h"
#include "juggler-report.h"
#include "juggler-test-http.h"

/* ------------------------------------------------------------------------------------ */
/* Outcomes                                                                              */

static void
test_outcome_refused (JugglerTestHttpFixture *fixture,
                      gconstpointer           data)
{
  g_autofree char *url = NULL;
  g_autoptr(GSocket) socket = juggler_test_refused_port (&url);

  juggler_test_assert_outcome (url, 10, 2, JUGGLER_HTTP_REFUSED, 0);
}

static void
test_outcome_not_resolved (JugglerTestHttpFixture *fixture,
                           gconstpointer           data)
{
  const char *urls[] = { "http://nonexistent.invalid/", NULL };
  JugglerHttpWorkload *workload = juggler_test_workload_new (urls, 1, 5);
  g_autoptr(JugglerReport) report = NULL;
  const JugglerHttpResult *result;
  const JugglerTestConfig config = { JUGGLER_STRATEGY_ASYNC, 1, 1 };

  /* RFC 6761: .invalid never resolves. A machine without any resolver may fail otherwise. */
  report = juggler_test_run_config (workload, &config);
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

  juggler_test_assert_outcome (urls[0], 5, 1, JUGGLER_HTTP_NOT_RESOLVED, 0);
}

static void
test_outcome_timeout (JugglerTestHttpFixture *fixture,
                      gconstpointer           data)
{
  g_autofree char *url = juggler_test_http_url (fixture, "hang");

  /* One request: the blocking strategy waits its timeouts one after another. */
  juggler_test_assert_outcome (url, 1, 1, JUGGLER_HTTP_TIMEOUT, 0);
}

static void
test_outcome_http_status (JugglerTestHttpFixture *fixture,
                          gconstpointer           data)
{
  g_autofree char *not_found = juggler_test_http_url (fixture, "status/404");
  g_autofree char *unavailable = juggler_test_http_url (fixture, "status/503");
  const char *urls[] = { not_found, NULL };
  JugglerHttpWorkload *workload;
  g_autoptr(JugglerReport) report = NULL;

  juggler_test_assert_outcome (not_found, 10, 2, JUGGLER_HTTP_STATUS, 404);
  juggler_test_assert_outcome (unavailable, 10, 2, JUGGLER_HTTP_STATUS, 503);

  /* The reason names the status. */
  workload = juggler_test_workload_new (urls, 1, 10);
  report = juggler_test_run_config (workload, &juggler_test_every_strategy[0]);
  g_assert_nonnull (strstr (juggler_http_workload_get_result (workload, 0)->reason, "404"));
  g_assert_finalize_object (workload);
}

/* A server that wants Basic credentials, on a thread of its own as the embedded one. */
typedef struct
{
  GMainContext *context;
  GMainLoop    *loop;
  SoupServer   *server;
  GThread      *thread;
  guint16       port;
  GMutex        lock;
  GCond         ready;
} AuthServer;

static gboolean
auth_check_cb (SoupAuthDomain    *domain,
               SoupServerMessage *message,
               const char        *user,
               const char        *password,
               gpointer           user_data)
{
  return g_str_equal (user, "juggler") && g_str_equal (password, "secret");
}

static void
auth_handler_cb (SoupServer        *server,
                 SoupServerMessage *message,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message, "text/plain", SOUP_MEMORY_STATIC, "welcome", 7);
}

static gpointer
auth_server_thread (gpointer data)
{
  AuthServer *auth = data;
  g_autoptr(SoupAuthDomain) domain = NULL;
  g_autoslist(GUri) uris = NULL;
  g_autoptr(GError) error = NULL;

  g_main_context_push_thread_default (auth->context);
  auth->server = soup_server_new (NULL, NULL);
  domain = soup_auth_domain_basic_new ("realm", "juggler", "auth-callback", auth_check_cb,
                                       NULL);
  soup_auth_domain_add_path (domain, "/");
  soup_server_add_auth_domain (auth->server, domain);
  soup_server_add_handler (auth->server, NULL, auth_handler_cb, NULL, NULL);
  soup_server_listen_local (auth->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (auth->server);

  g_mutex_lock (&auth->lock);
  auth->port = g_uri_get_port (uris->data);
  g_cond_signal (&auth->ready);
  g_mutex_unlock (&auth->lock);

  g_main_loop_run (auth->loop);
  g_clear_object (&auth->server);
  g_main_context_pop_thread_default (auth->context);

  return NULL;
}

/* With credentials in the URL, libsoup answers the server's challenge with them; without,
 * or with wrong ones, the request ends with the 401. Sessions for loopback URLs leave
 * libsoup's authentication out unless a URL has credentials (juggler-http-session.h). */
static void
test_outcome_credentials (JugglerTestHttpFixture *fixture,
                          gconstpointer           data)
{
  AuthServer auth = { g_main_context_new () };
  g_autofree char *good = NULL;
  g_autofree char *wrong = NULL;
  g_autofree char *none = NULL;

  auth.loop = g_main_loop_new (auth.context, FALSE);
  g_mutex_init (&auth.lock);
  g_cond_init (&auth.ready);
  auth.thread = g_thread_new ("auth-server", auth_server_thread, &auth);
  g_mutex_lock (&auth.lock);
  while (auth.port == 0)
    g_cond_wait (&auth.ready, &auth.lock);
  g_mutex_unlock (&auth.lock);

  good = g_strdup_printf ("http://juggler:secret@127.0.0.1:%u/", auth.port);
  wrong = g_strdup_printf ("http://juggler:guess@127.0.0.1:%u/", auth.port);
  none = g_strdup_printf ("http://127.0.0.1:%u/", auth.port);
  juggler_test_assert_outcome (good, 10, 2, JUGGLER_HTTP_OK, 200);
  juggler_test_assert_outcome (wrong, 10, 2, JUGGLER_HTTP_STATUS, 401);
  juggler_test_assert_outcome (none, 10, 2, JUGGLER_HTTP_STATUS, 401);

  g_main_loop_quit (auth.loop);
  g_thread_join (auth.thread);
  g_main_loop_unref (auth.loop);
  g_main_context_unref (auth.context);
  g_mutex_clear (&auth.lock);
  g_cond_clear (&auth.ready);
}

static void
test_outcome_truncated (JugglerTestHttpFixture *fixture,
                        gconstpointer           data)
{
  g_autofree char *url = juggler_test_http_url (fixture, "truncate/1000");

  juggler_test_assert_outcome (url, 10, 2, JUGGLER_HTTP_TRUNCATED, 200);
}

static void
test_outcome_invalid_url (JugglerTestHttpFixture *fixture,
                          gconstpointer           data)
{
  g_autofree char *good = juggler_test_http_url (fixture, "bytes/100?seed=3");
  const char *urls[] = { "not a url", good, NULL };

  for (guint c = 0; c < G_N_ELEMENTS (juggler_test_every_strategy); c++)
    {
      JugglerHttpWorkload *workload = juggler_test_workload_new (urls, 6, 10);
      g_autoptr(JugglerReport) report =
        juggler_test_run_config (workload, &juggler_test_every_strategy[c]);

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
      g_assert_cmpint (juggler_test_errors_count (report, JUGGLER_HTTP_INVALID_URL), ==, 3);
      g_assert_cmpuint (juggler_test_errors_total (report), ==, 3);

      g_assert_finalize_object (workload);
    }
}

/* ------------------------------------------------------------------------------------ */
/* Reports                                                                               */

static void
test_report_mixed (JugglerTestHttpFixture *fixture,
                   gconstpointer           data)
{
  g_autofree char *small = juggler_test_http_url (fixture, "bytes/1000?seed=1");
  g_autofree char *not_found = juggler_test_http_url (fixture, "status/404");
  g_autofree char *large = juggler_test_http_url (fixture, "bytes/3000?seed=2");
  g_autofree char *truncated = juggler_test_http_url (fixture, "truncate/1000");
  g_autofree char *unavailable = juggler_test_http_url (fixture, "status/503");
  g_autofree char *refused = NULL;
  const char *urls[] = { small, not_found, large, truncated, "not a url", NULL, unavailable,
                         NULL };
  const guint n_requests = 14;
  g_autoptr(GSocket) socket = juggler_test_refused_port (&refused);

  urls[5] = refused;

  for (guint c = 0; c < G_N_ELEMENTS (juggler_test_every_strategy); c++)
    {
      JugglerHttpWorkload *workload = juggler_test_workload_new (urls, n_requests, 10);
      g_autoptr(JugglerReport) report =
        juggler_test_run_config (workload, &juggler_test_every_strategy[c]);
      const JugglerSummary *request_ms = &report->http->request_ms;
      guint64 good_bytes = 0;
      double max_ms = 0;

      g_assert_false (report->cancelled);
      g_assert_cmpuint (report->jobs, ==, n_requests);
      g_assert_cmpuint (report->completed, ==, report->jobs);

      /* Twice each of the seven URLs: 1000, 404, 3000, truncated, invalid, refused, 503. */
      g_assert_cmpint (report->http->requests, ==, n_requests);
      g_assert_cmpint (juggler_test_errors_count (report, JUGGLER_HTTP_STATUS), ==, 4);
      g_assert_cmpint (juggler_test_errors_count (report, JUGGLER_HTTP_TRUNCATED), ==, 2);
      g_assert_cmpint (juggler_test_errors_count (report, JUGGLER_HTTP_INVALID_URL), ==, 2);
      g_assert_cmpint (juggler_test_errors_count (report, JUGGLER_HTTP_REFUSED), ==, 2);
      g_assert_cmpuint (juggler_test_errors_total (report), ==, 10);

      for (guint i = 0; i < n_requests; i++)
        {
          const JugglerHttpResult *result = juggler_http_workload_get_result (workload, i);

          JugglerHttpOutcome kind = JUGGLER_HTTP_OK;
          const char *message = NULL;

          if (result->outcome == JUGGLER_HTTP_OK)
            good_bytes += result->bytes;
          max_ms = MAX (max_ms, juggler_http_result_get_request_us (result) / 1000.0);

          /* What a failed cell's tooltip shows. */
          g_assert_cmpint (juggler_http_workload_get_request_error (workload, i, &kind, &message),
                           ==, result->outcome != JUGGLER_HTTP_OK);
          if (result->outcome != JUGGLER_HTTP_OK)
            {
              g_assert_cmpint (kind, ==, result->outcome);
              g_assert_cmpstr (message, ==, result->reason);
              g_assert_cmpuint (strlen (message), >, 0);
            }
        }
      g_assert_cmpuint (good_bytes, ==, 2 * 1000 + 2 * 3000);
      g_assert_cmpuint (juggler_http_workload_get_result (workload, 0)->bytes, ==, 1000);
      g_assert_cmpuint (juggler_http_workload_get_result (workload, 9)->bytes, ==, 3000);
      g_assert_cmpint (report->http->bytes, ==, good_bytes);

      g_assert_cmpfloat (request_ms->p50, >=, 0);
      g_assert_cmpfloat (request_ms->p50, <=, request_ms->p99);
      g_assert_cmpfloat (request_ms->p99, <=, request_ms->max);
      g_assert_cmpfloat_with_epsilon (request_ms->max, max_ms, 1e-6);
      g_assert_cmpfloat (report->http->queued_ms.p50, >=, 0);
      g_assert_cmpfloat (report->http->queued_ms.p50, <=, report->http->queued_ms.max);

      g_assert_finalize_object (workload);
    }
}

int
main (int   argc,
      char *argv[])
{
  juggler_test_http_init ();
  g_test_init (&argc, &argv, NULL);

  JUGGLER_TEST_ADD_HTTP ("/core/http/outcome/refused", test_outcome_refused);
  JUGGLER_TEST_ADD_HTTP ("/core/http/outcome/not-resolved", test_outcome_not_resolved);
  JUGGLER_TEST_ADD_HTTP ("/core/http/outcome/timeout", test_outcome_timeout);
  JUGGLER_TEST_ADD_HTTP ("/core/http/outcome/http-status", test_outcome_http_status);
  JUGGLER_TEST_ADD_HTTP ("/core/http/outcome/credentials", test_outcome_credentials);
  JUGGLER_TEST_ADD_HTTP ("/core/http/outcome/truncated", test_outcome_truncated);
  JUGGLER_TEST_ADD_HTTP ("/core/http/outcome/invalid-url", test_outcome_invalid_url);
  JUGGLER_TEST_ADD_HTTP ("/core/http/report/mixed", test_report_mixed);

  return g_test_run ();
}
