/* test-http-tls.c: how a request for https ends at a peer that does not speak TLS
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Apart from test-http-outcomes.c because glib-networking's GnuTLS module runs the handshake
 * in a GTask thread and leaves dynamic TLS there, which GCC 12's LeakSanitizer misreads at
 * exit ("Tracer caught signal 11" in about half the runs): build-aux/dev runs this program
 * under AddressSanitizer without the leak check.
 */
#define G_LOG_DOMAIN "test-http-tls"

#include "config.h"

#include "juggler-http-workload.h"
#include "juggler-report.h"
#include "juggler-test-http.h"

static void
test_outcome_tls (JugglerTestHttpFixture *fixture,
                  gconstpointer           data)
{
  /* Plain HTTP at once, before reading anything: what a TLS client meets at a port that
   * does not speak TLS. */
  JugglerTestResponder responder = {
    .response = "HTTP/1.1 400 Bad Request\r\n"
                "Content-Length: 0\r\n"
                "Connection: close\r\n"
                "\r\n",
    .answer_at_once = TRUE,
  };
  g_autofree char *url = NULL;

  juggler_test_responder_start (&responder);
  url = juggler_test_responder_url (&responder, "https");
  juggler_test_assert_outcome (url, 10, 2, JUGGLER_HTTP_TLS, 0);
  juggler_test_responder_stop (&responder);
}

static void
test_outcome_tls_to_plain_server (JugglerTestHttpFixture *fixture,
                                  gconstpointer           data)
{
  g_autofree char *url = g_strdup_printf ("https://127.0.0.1:%u/delay/0",
                                          juggler_server_get_port (fixture->server));
  const char *urls[] = { url, NULL };
  JugglerHttpWorkload *workload = juggler_test_workload_new (urls, 1, 1);
  g_autoptr(JugglerReport) report =
    juggler_test_run_config (workload, &juggler_test_every_strategy[0]);
  const JugglerHttpResult *result = juggler_http_workload_get_result (workload, 0);

  /* The embedded server waits for a request line that a ClientHello never completes, so the
   * handshake gets no answer at all: the deadline ends it, and that is what it is. */
  g_test_message ("%s: %s", juggler_http_outcome_to_string (result->outcome), result->reason);
  g_assert_cmpuint (report->completed, ==, 1);
  g_assert_cmpint (result->outcome, ==, JUGGLER_HTTP_TIMEOUT);
  g_assert_nonnull (result->reason);

  g_assert_finalize_object (workload);
}

int
main (int   argc,
      char *argv[])
{
  juggler_test_http_init ();
  g_test_init (&argc, &argv, NULL);

  JUGGLER_TEST_ADD_HTTP ("/core/http/outcome/tls", test_outcome_tls);
  JUGGLER_TEST_ADD_HTTP ("/core/http/outcome/tls-to-plain-server",
                         test_outcome_tls_to_plain_server);

  return g_test_run ();
}
