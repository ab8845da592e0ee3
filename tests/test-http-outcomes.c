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
  JUGGLER_TEST_ADD_HTTP ("/core/http/outcome/truncated", test_outcome_truncated);
  JUGGLER_TEST_ADD_HTTP ("/core/http/outcome/invalid-url", test_outcome_invalid_url);
  JUGGLER_TEST_ADD_HTTP ("/core/http/report/mixed", test_report_mixed);

  return g_test_run ();
}
