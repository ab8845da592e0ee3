/* juggler-test-http.h: what the HTTP suites share — the embedded server fixture, runs under
 * each strategy, the report readers, the digest oracle, the state sampler, raw responders
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "juggler-http-workload.h"
#include "juggler-run.h"
#include "juggler-server.h"

G_BEGIN_DECLS

/* The embedded server on a free port, started. */
JugglerServer *juggler_test_server_start (void);
/* A synchronous GET of path (no leading slash) from server, which runs on its own thread;
 * the body, and the status when status is not NULL. */
GBytes        *juggler_test_server_get   (SoupSession    *session,
                                          JugglerServer  *server,
                                          const char     *path,
                                          guint          *status,
                                          GError        **error);

/* A pushed main context and an embedded server, for g_test_add (). */
typedef struct
{
  GMainContext  *context;
  JugglerServer *server;
} JugglerTestHttpFixture;

void           juggler_test_http_fixture_set_up    (JugglerTestHttpFixture *fixture,
                                                    gconstpointer           data);
void           juggler_test_http_fixture_tear_down (JugglerTestHttpFixture *fixture,
                                                    gconstpointer           data);
#define JUGGLER_TEST_ADD_HTTP(path, func)                                                   \
  g_test_add (path, JugglerTestHttpFixture, NULL, juggler_test_http_fixture_set_up, func,   \
              juggler_test_http_fixture_tear_down)
/* The server's URL for path (no leading slash). */
char          *juggler_test_http_url               (JugglerTestHttpFixture *fixture,
                                                    const char             *path);
/* A workload of n_requests GETs of the server's path, each with a 10 s timeout. */
JugglerHttpWorkload *juggler_test_http_workload (JugglerTestHttpFixture *fixture,
                                                 const char             *path,
                                                 guint                   n_requests);
/* Only loopback in these tests: no proxy from the environment may take the requests.
 * Call before g_test_init (). */
void           juggler_test_http_init              (void);

/* One way to run a workload: a strategy with its worker count or async concurrency. */
typedef struct
{
  JugglerStrategy strategy;
  guint           workers;
  guint           concurrency;
} JugglerTestConfig;

extern const JugglerTestConfig juggler_test_every_strategy[3];

JugglerHttpWorkload *juggler_test_workload_new (const char * const      *urls,
                                                guint                    n_requests,
                                                guint                    timeout_s);
JugglerRun          *juggler_test_run_new      (JugglerHttpWorkload     *workload,
                                                const JugglerTestConfig *config);
/* Runs the workload under config to its report, and checks the run went away. */
JugglerReport       *juggler_test_run_config   (JugglerHttpWorkload     *workload,
                                                const JugglerTestConfig *config);
/* The same with every request in flight at once (config's workers and concurrency raised
 * to the workload's requests), so a slow outcome costs its time once; checks that the run
 * completed every request. */
JugglerReport       *juggler_test_run_all_at_once (JugglerHttpWorkload     *workload,
                                                   const JugglerTestConfig *config);

/* Requests that ended with outcome; and every failed one, checked against the JSON. */
guint                juggler_test_errors_count (const JugglerReport     *report,
                                                JugglerHttpOutcome       outcome);
guint                juggler_test_errors_total (const JugglerReport     *report);
/* Every request of a run that fetches url must end with this outcome, under every strategy. */
void                 juggler_test_assert_outcome (const char         *url,
                                                  guint               timeout_s,
                                                  guint               n_requests,
                                                  JugglerHttpOutcome  outcome,
                                                  guint               status);

/* The digest a workload must report when each of n_requests got status and body. */
char                *juggler_test_expected_digest       (guint          n_requests,
                                                         guint          status,
                                                         const guint8  *body,
                                                         gsize          size);
/* The same when every request fetched /bytes/size?seed=seed. */
char                *juggler_test_expected_bytes_digest (guint          n_requests,
                                                         gsize          size,
                                                         guint32        seed);

/* Watches the requests' states while a run goes on. */
typedef struct
{
  JugglerHttpWorkload *workload;
  guint                n_samples;
  guint                max_waiting;     /* sent on a connection, no answer yet */
  guint                max_in_flight;   /* connecting, waiting or receiving */
  guint                max_polled_fds;  /* descriptors the run's main context polls */
  /* Cancel once this many requests wait for the server (0: never). */
  guint                cancel_at_waiting;
  GCancellable        *cancellable;
} JugglerTestSampler;

/* Executes the run, with the sampler's cancellable, while the sampler watches it. */
JugglerReport       *juggler_test_run_sampled   (JugglerRun          *run,
                                                 JugglerTestSampler  *sampler);
/* The most requests whose [queued, done] windows contain one instant; with started, the
 * most whose [start, done] windows do (the requests really in flight at once). */
guint                juggler_test_max_overlap   (JugglerHttpWorkload *workload,
                                                 gboolean             started);

/*
 * A loopback listener that answers every connection, each on its own thread, with raw
 * bytes: what a misbehaving server sends. It reads the request's head first unless
 * answer_at_once, then sends response; with repeat, it then sends repeat until the client
 * hangs up, with trickle_ms one byte at a time that far apart; with hold, it keeps the
 * connection open until the client closes it. With answers, only that many connections get
 * an answer; the later ones get none.
 */
typedef struct
{
  const char   *response;
  gsize         response_len;    /* 0: strlen (response) */
  const char   *repeat;
  guint         trickle_ms;
  gboolean      answer_at_once;
  gboolean      hold;
  guint         answers;

  /* Private */
  GSocket      *socket;
  GCancellable *cancellable;
  GThread      *thread;
  GPtrArray    *connections;     /* GThread * */
  GMutex        lock;
  guint16       port;
  guint         n_connections;
} JugglerTestResponder;

void                 juggler_test_responder_start (JugglerTestResponder *responder);
void                 juggler_test_responder_stop  (JugglerTestResponder *responder);
char                *juggler_test_responder_url   (JugglerTestResponder *responder,
                                                   const char           *scheme);
/* http://127.0.0.1:port/ where nothing listens while the returned socket stays open. */
GSocket             *juggler_test_refused_port    (char                **url);

G_END_DECLS
