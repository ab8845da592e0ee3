/* juggler-http-stats.h: how the requests of a network run ended, as typed figures
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "juggler-series.h"

G_BEGIN_DECLS

/* Why a request failed; the report counts them by name (juggler_http_outcome_to_string). */
typedef enum
{
  JUGGLER_HTTP_OK,
  JUGGLER_HTTP_REFUSED,
  JUGGLER_HTTP_NOT_RESOLVED,
  JUGGLER_HTTP_TIMEOUT,
  JUGGLER_HTTP_STATUS,
  JUGGLER_HTTP_TRUNCATED,
  JUGGLER_HTTP_TLS,
  JUGGLER_HTTP_INVALID_URL,
  JUGGLER_HTTP_MALFORMED,
  JUGGLER_HTTP_OTHER,
  JUGGLER_HTTP_N_OUTCOMES
} JugglerHttpOutcome;

/*
 * The figures of a network run. A request's time runs from when it left the queue (a
 * worker thread or a connection became free for it) to its end; the wait before that is
 * its queued time, counted apart.
 */
typedef struct
{
  guint          requests;          /* in the workload */
  guint64        bytes;             /* of complete good bodies only */
  guint          peak_in_flight;    /* the most requests connecting, waiting or receiving */
  double         average_in_flight; /* request time summed over the span of the requests */
  guint          outcomes[JUGGLER_HTTP_N_OUTCOMES]; /* ended requests by outcome, OK too */
  JugglerSummary request_ms;        /* of every ended request that left the queue */
  JugglerSummary queued_ms;         /* of every ended request */
} JugglerHttpStats;

const char *juggler_http_outcome_to_string    (JugglerHttpOutcome      outcome);
/* Failed requests, every kind but OK. */
guint       juggler_http_stats_get_n_errors   (const JugglerHttpStats *self);

G_END_DECLS
