/* juggler-results-export.c: a results list as CSV or as the bench's JSON lines
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-results"

#include "config.h"

#include "juggler-results-export.h"

#include <math.h>
#include <string.h>

static void
append_field (GString    *line,
              const char *text)
{
  if (line->len > 0 && line->str[line->len - 1] != '\n')
    g_string_append_c (line, ',');
  if (text == NULL)
    return;

  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (line, text);
      return;
    }

  g_string_append_c (line, '"');
  for (const char *c = text; *c != '\0'; c++)
    {
      if (*c == '"')
        g_string_append_c (line, '"');
      g_string_append_c (line, *c);
    }
  g_string_append_c (line, '"');
}

/* Empty for NAN: the figure does not apply. */
static void
append_double (GString *line,
               double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  append_field (line, isnan (value) ? "" : g_ascii_formatd (buffer, sizeof buffer, "%.6g", value));
}

static void
append_uint (GString *line,
             guint    value)
{
  char buffer[16];

  g_snprintf (buffer, sizeof buffer, "%u", value);
  append_field (line, buffer);
}

static const char *const csv_columns[] = {
  "workload", "parameters", "strategies", "progress", "wall_s", "stopped", "done_fraction",
  "frames", "frame_p99_ms", "worst_stall_ms", "workers", "cores_busy", "speedup",
  "limit", "requests", "failed", "requests_per_s", "mean_in_flight", "peak_in_flight",
  "command",
};

char *
juggler_results_export_csv (GListModel *results)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (G_IS_LIST_MODEL (results), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (csv_columns); i++)
    append_field (text, csv_columns[i]);
  g_string_append_c (text, '\n');

  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr(JugglerResult) result = g_list_model_get_item (results, i);
      gboolean cpu = juggler_result_get_kind (result) == JUGGLER_WORKLOAD_CPU;

      append_field (text, cpu ? "cpu" : "net");
      append_field (text, juggler_result_get_workload_title (result));
      append_field (text, juggler_result_get_strategy_title (result));
      append_field (text, juggler_result_get_progress_title (result));
      append_double (text, juggler_result_get_wall_s (result));
      append_field (text, juggler_result_get_stopped (result) ? "true" : "false");
      append_double (text, juggler_result_get_done_fraction (result));
      append_uint (text, juggler_result_get_n_frames (result));
      append_double (text, juggler_result_get_frame_p99_ms (result));
      append_double (text, juggler_result_get_worst_stall_ms (result));
      if (cpu)
        {
          double speedup = juggler_result_get_speedup (result);

          append_uint (text, juggler_result_get_workers (result));
          append_double (text, juggler_result_get_cores_busy (result));
          append_double (text, speedup > 0 ? speedup : NAN);
          for (guint j = 0; j < 6; j++)
            append_field (text, "");
        }
      else
        {
          for (guint j = 0; j < 3; j++)
            append_field (text, "");
          append_uint (text, juggler_result_get_limit (result));
          append_uint (text, juggler_result_get_n_requests (result));
          append_uint (text, juggler_result_get_n_failed (result));
          append_double (text, juggler_result_get_requests_per_s (result));
          append_double (text, juggler_result_get_mean_in_flight (result));
          append_uint (text, juggler_result_get_peak_in_flight (result));
        }
      append_field (text, juggler_result_get_command (result));
      g_string_append_c (text, '\n');
    }

  return g_string_free (text, FALSE);
}

char *
juggler_results_export_json (GListModel *results)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (G_IS_LIST_MODEL (results), NULL);

  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr(JugglerResult) result = g_list_model_get_item (results, i);

      g_string_append (text, juggler_result_get_report_json (result));
      g_string_append_c (text, '\n');
    }

  return g_string_free (text, FALSE);
}
