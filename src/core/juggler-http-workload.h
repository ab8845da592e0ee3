/* juggler-http-workload.h: the network workload, one HTTP GET per job
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "juggler-http-stats.h"
#include "juggler-workload.h"

G_BEGIN_DECLS

#define JUGGLER_TYPE_HTTP_WORKLOAD (juggler_http_workload_get_type ())

G_DECLARE_FINAL_TYPE (JugglerHttpWorkload, juggler_http_workload, JUGGLER, HTTP_WORKLOAD,
                      JugglerWorkload)

/* The request grid draws one cell per request: past 10,000 they stop being cells. The run
 * options' limit (JUGGLER_REQUESTS_MAX) is this one. */
#define JUGGLER_HTTP_MAX_REQUESTS        10000
#define JUGGLER_HTTP_DEFAULT_TIMEOUT_S   10

/* Where a request is, as the window's grid shows it; updated from any thread. Queued means
 * waiting for a worker thread or a connection, and never counts as in flight. */
typedef enum
{
  JUGGLER_HTTP_STATE_QUEUED,
  JUGGLER_HTTP_STATE_CONNECTING,
  JUGGLER_HTTP_STATE_WAITING,
  JUGGLER_HTTP_STATE_RECEIVING,
  JUGGLER_HTTP_STATE_DONE,
  JUGGLER_HTTP_STATE_FAILED,
} JugglerHttpState;

#define JUGGLER_HTTP_N_STATES (JUGGLER_HTTP_STATE_FAILED + 1)

/*
 * What happened to one request; times are monotonic µs, 0 when the phase never came.
 * queued_us: handed to the strategy; start_us: left the queue (a worker or a connection
 * was free for it, its deadline started); connected_us: a new connection was up;
 * first_byte_us: the answer began; done_us: the end, good or bad.
 */
typedef struct
{
  JugglerHttpOutcome  outcome;
  guint               status;
  guint64             bytes;         /* of the body, decoded */
  char               *reason;        /* NULL when outcome is OK */
  gint64              queued_us;
  gint64              start_us;
  gint64              connected_us;
  gint64              first_byte_us;
  gint64              done_us;
} JugglerHttpResult;

/* The request's time (from leaving the queue to its end) and its time queued; 0 for a
 * phase that never came. */
gint64                   juggler_http_result_get_request_us (const JugglerHttpResult *result);
gint64                   juggler_http_result_get_queued_us  (const JugglerHttpResult *result);

/* Request i fetches urls[i % n_urls]; timeout_s bounds each request, from leaving the
 * queue to its end, and each wait for the network. */
JugglerHttpWorkload     *juggler_http_workload_new         (const char * const  *urls,
                                                            guint                n_requests,
                                                            guint                timeout_s,
                                                            GError             **error);
gboolean                 juggler_http_check_url            (const char          *url,
                                                            GError             **error);
guint                    juggler_http_workload_get_n_requests (JugglerHttpWorkload *self);
guint                    juggler_http_workload_get_timeout (JugglerHttpWorkload *self);
JugglerHttpState         juggler_http_workload_get_state   (JugglerHttpWorkload *self,
                                                            guint                index);
/* Valid once job index has been merged. */
const JugglerHttpResult *juggler_http_workload_get_result  (JugglerHttpWorkload *self,
                                                            guint                index);
/* Whether request index failed (once merged), and if so its kind and a sentence for the
 * user (owned by the workload). */
gboolean                 juggler_http_workload_get_request_error (JugglerHttpWorkload *self,
                                                                  guint                index,
                                                                  JugglerHttpOutcome  *kind,
                                                                  const char         **message);

G_END_DECLS
