/* juggler-http-stats.c: how the requests of a network run ended, as typed figures
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-http-stats"

#include "config.h"

#include "juggler-http-stats.h"

/* The names the report's "errors" object uses; scripts read them. */
static const char *outcome_names[JUGGLER_HTTP_N_OUTCOMES] = {
  "ok", "refused", "not-resolved", "timeout", "http-status", "truncated", "tls", "invalid-url",
  "malformed", "other",
};

const char *
juggler_http_outcome_to_string (JugglerHttpOutcome outcome)
{
  g_return_val_if_fail (outcome < JUGGLER_HTTP_N_OUTCOMES, NULL);

  return outcome_names[outcome];
}

guint
juggler_http_stats_get_n_errors (const JugglerHttpStats *self)
{
  guint n = 0;

  g_return_val_if_fail (self != NULL, 0);

  for (guint i = JUGGLER_HTTP_OK + 1; i < JUGGLER_HTTP_N_OUTCOMES; i++)
    n += self->outcomes[i];

  return n;
}
