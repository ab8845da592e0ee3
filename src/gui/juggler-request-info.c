/* juggler-request-info.c: what the grid and the waterfall say about one HTTP request
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-request-info"

#include "config.h"

#include "juggler-request-info.h"

#include <glib/gi18n.h>

#include "juggler-format.h"
#include "juggler-palette.h"

/* Merged results have a completion time; a slot not merged yet is all zeroes. */
static const JugglerHttpResult *
get_merged_result (JugglerHttpWorkload *workload,
                   guint                index)
{
  const JugglerHttpResult *result = juggler_http_workload_get_result (workload, index);

  return result != NULL && result->done_us > 0 ? result : NULL;
}

char *
juggler_request_info_dup_failure (JugglerHttpWorkload *workload,
                                  guint                index)
{
  JugglerHttpOutcome kind;
  const char *message;
  const char *title;

  g_return_val_if_fail (JUGGLER_IS_HTTP_WORKLOAD (workload), NULL);
  g_return_val_if_fail (index < juggler_http_workload_get_n_requests (workload), NULL);

  if (!juggler_http_workload_get_request_error (workload, index, &kind, &message))
    return NULL;

  title = juggler_palette_get_outcome_title (kind);
  if (message == NULL || *message == '\0')
    return g_strdup (title);

  /* TRANSLATORS: a failed request: its kind of failure, then the error's own message */
  return g_strdup_printf (_("%s: %s"), title, message);
}

static void
append_phase (GString    *text,
              const char *title,
              gint64      from_us,
              gint64      to_us)
{
  g_autofree char *duration = NULL;

  if (from_us <= 0 || to_us < from_us)
    return;

  duration = juggler_format_duration_ms ((to_us - from_us) / 1000.0);
  /* TRANSLATORS: a phase of a request and how long it took, e.g. "Waiting 201 ms" */
  g_string_append_printf (text, _("\n%s %s"), title, duration);
}

char *
juggler_request_info_dup_summary (JugglerHttpWorkload *workload,
                                  guint                index)
{
  const JugglerHttpResult *result;
  g_autofree char *failure = NULL;
  GString *text;
  JugglerHttpState state;

  g_return_val_if_fail (JUGGLER_IS_HTTP_WORKLOAD (workload), NULL);
  g_return_val_if_fail (index < juggler_http_workload_get_n_requests (workload), NULL);

  state = juggler_http_workload_get_state (workload, index);
  text = g_string_new (NULL);
  /* TRANSLATORS: a request's number and where it is, e.g. "Request 12 · Done" */
  g_string_append_printf (text, _("Request %u · %s"), index + 1,
                          juggler_palette_get_state_title (state));

  result = get_merged_result (workload, index);
  if (result == NULL)
    return g_string_free (text, FALSE);

  failure = juggler_request_info_dup_failure (workload, index);
  if (failure != NULL)
    g_string_append_printf (text, "\n%s", failure);
  else
    {
      g_autofree char *size = g_format_size (result->bytes);

      /* TRANSLATORS: an HTTP status code and the size of the body, e.g. "HTTP 200 · 16.4 kB" */
      g_string_append_printf (text, _("\nHTTP %u · %s"), result->status, size);
    }

  append_phase (text, juggler_palette_get_state_title (JUGGLER_HTTP_STATE_QUEUED),
                result->queued_us, result->queued_us + juggler_http_result_get_queued_us (result));
  if (result->connected_us > 0)
    append_phase (text, juggler_palette_get_state_title (JUGGLER_HTTP_STATE_CONNECTING),
                  result->start_us, result->connected_us);
  if (result->first_byte_us > 0)
    {
      append_phase (text, juggler_palette_get_state_title (JUGGLER_HTTP_STATE_WAITING),
                    result->connected_us > 0 ? result->connected_us : result->start_us,
                    result->first_byte_us);
      append_phase (text, juggler_palette_get_state_title (JUGGLER_HTTP_STATE_RECEIVING),
                    result->first_byte_us, result->done_us);
    }
  /* TRANSLATORS: a request's whole time, from when it was queued to its end */
  append_phase (text, _("Total"), result->queued_us, result->done_us);

  return g_string_free (text, FALSE);
}
