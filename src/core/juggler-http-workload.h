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

#define JUGGLER_HTTP_MAX_REQUESTS        100000
#define JUGGLER_HTTP_DEFAULT_TIMEOUT_S   10

/* Where a request is, as the window's grid shows it; updated from any thread. */
typedef enum
{
  JUGGLER_HTTP_STATE_QUEUED,
  JUGGLER_HTTP_STATE_CONNECTING,
  JUGGLER_HTTP_STATE_WAITING,
  JUGGLER_HTTP_STATE_RECEIVING,
  JUGGLER_HTTP_STATE_DONE,
  JUGGLER_HTTP_STATE_FAILED,
} JugglerHttpState;

/* What happened to one request; times are monotonic µs, 0 when the phase never came. */
typedef struct
{
  JugglerHttpOutcome  outcome;
  guint               status;
  guint64             bytes;
  char               *reason;        /* NULL when outcome is OK */
  gint64              queued_us;
  gint64              start_us;
  gint64              connected_us;
  gint64              first_byte_us;
  gint64              done_us;
} JugglerHttpResult;

/* From leaving the queue (a worker or connection slot free for it) to the end, and the wait
 * before that; 0 for a phase that never came. */
gint64                   juggler_http_result_get_request_us (const JugglerHttpResult *result);
gint64                   juggler_http_result_get_queued_us  (const JugglerHttpResult *result);

/* Request i fetches urls[i % n_urls]. */
JugglerHttpWorkload     *juggler_http_workload_new         (const char * const  *urls,
                                                            guint                n_requests,
                                                            guint                timeout_s,
                                                            GError             **error);
gboolean                 juggler_http_check_url            (const char          *url,
                                                            GError             **error);
const char              *juggler_http_outcome_to_string    (JugglerHttpOutcome   outcome);
guint                    juggler_http_workload_get_n_requests (JugglerHttpWorkload *self);
JugglerHttpState         juggler_http_workload_get_state   (JugglerHttpWorkload *self,
                                                            guint                index);
/* Valid once job index has been merged. */
const JugglerHttpResult *juggler_http_workload_get_result  (JugglerHttpWorkload *self,
                                                            guint                index);

G_END_DECLS
