/* juggler-trace-chrome.c: a trace as Chrome Trace Event JSON, for Perfetto UI and chrome://tracing
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The events are written one by one rather than built as a JsonNode tree: a full trace has
 * 200,000 spans, and a tree of them costs hundreds of megabytes. Strings are quoted here
 * too; the tests read the file back with json-glib.
 *
 * Perfetto reads: M events (thread and process names, thread_sort_index), X (complete
 * slices, dur required), b/e (async slices keyed by cat and id, which may overlap on one
 * thread as concurrent requests do), i (instants) and C (one counter track per args key).
 */
#define G_LOG_DOMAIN "juggler-trace"

#include "config.h"

#include "juggler-trace.h"

#include <math.h>
#include <unistd.h>

#include "juggler-types.h"

/* Perfetto wants a thread id; 0 may read as "no thread", so lanes count from 1. */
#define TID(lane) ((guint) (lane) + 1)

/* A JSON string literal. By hand rather than through a JsonNode per string: the names are
 * written once per event, and json-glib's round trip made writing the file cost as much as
 * 3 % of a small run's instructions. */
static void
append_json_string (GString    *out,
                    const char *string)
{
  g_string_append_c (out, '"');
  for (const char *p = string; *p != '\0'; p++)
    {
      guchar c = *p;

      if (c == '"' || c == '\\')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, c);
        }
      else if (c < 0x20)
        {
          g_string_append_printf (out, "\\u%04x", c);
        }
      else
        {
          /* UTF-8 passes as it is: JSON text is UTF-8. */
          g_string_append_c (out, c);
        }
    }
  g_string_append_c (out, '"');
}

static void
append_double (GString *out,
               double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  /* JSON has no NaN or infinity. */
  if (!isfinite (value))
    value = 0;
  g_string_append (out, g_ascii_formatd (buffer, sizeof buffer, "%.3f", value));
}

static void
begin_event (GString    *out,
             gboolean   *first,
             const char *ph,
             const char *name,
             const char *cat,
             guint       pid)
{
  g_string_append (out, *first ? "\n" : ",\n");
  *first = FALSE;
  g_string_append (out, "{\"ph\":\"");
  g_string_append (out, ph);
  g_string_append (out, "\",\"name\":");
  append_json_string (out, name);
  if (cat != NULL)
    {
      g_string_append (out, ",\"cat\":");
      append_json_string (out, cat);
    }
  g_string_append_printf (out, ",\"pid\":%u", pid);
}

static const char *
counter_name (guint32     counter,
              const char **key)
{
  switch (counter)
    {
    case JUGGLER_TRACE_COUNTER_IN_FLIGHT:
      *key = "requests";
      return "in flight";
    case JUGGLER_TRACE_COUNTER_FPS:
      *key = "fps";
      return "frames per second";
    case JUGGLER_TRACE_COUNTER_LOOP_LATENCY:
      *key = "ms";
      return "main-loop latency";
    default:
      *key = "value";
      return "counter";
    }
}

static const char *
strategy_name (guint strategy)
{
  return strategy < JUGGLER_N_STRATEGIES ? juggler_strategy_to_string (strategy) : "unknown";
}

static void
append_span (GString           *out,
             gboolean          *first,
             guint              pid,
             gint64             origin_us,
             const JugglerSpan *span)
{
  gint64 ts = span->start_us - origin_us;
  gint64 dur = span->end_us - span->start_us;
  char name[64];
  const char *key;

  switch ((JugglerSpanKind) span->kind)
    {
    case JUGGLER_SPAN_RUN:
      g_snprintf (name, sizeof name, "run (%s)", strategy_name (span->strategy));
      begin_event (out, first, "X", name, "run", pid);
      g_string_append_printf (out, ",\"tid\":%u,\"ts\":%" G_GINT64_FORMAT ",\"dur\":%" G_GINT64_FORMAT
                              ",\"args\":{\"strategy\":\"%s\"}}",
                              TID (span->lane), ts, dur, strategy_name (span->strategy));
      break;

    case JUGGLER_SPAN_JOB_STEP:
      g_snprintf (name, sizeof name, "job %u", span->id);
      begin_event (out, first, "X", name, strategy_name (span->strategy), pid);
      g_string_append_printf (out, ",\"tid\":%u,\"ts\":%" G_GINT64_FORMAT ",\"dur\":%" G_GINT64_FORMAT
                              ",\"args\":{\"job\":%u,\"strategy\":\"%s\"}}",
                              TID (span->lane), ts, dur, span->id, strategy_name (span->strategy));
      break;

    case JUGGLER_SPAN_LOCK_WAIT:
    case JUGGLER_SPAN_LOCK_HOLD:
      begin_event (out, first, "X",
                   span->kind == JUGGLER_SPAN_LOCK_WAIT ? "wait for global lock" : "hold global lock",
                   "lock", pid);
      g_string_append_printf (out, ",\"tid\":%u,\"ts\":%" G_GINT64_FORMAT ",\"dur\":%" G_GINT64_FORMAT "}",
                              TID (span->lane), ts, dur);
      break;

    case JUGGLER_SPAN_UI_STALL:
      begin_event (out, first, "X", "UI stall", "stall", pid);
      g_string_append_printf (out, ",\"tid\":%u,\"ts\":%" G_GINT64_FORMAT ",\"dur\":%" G_GINT64_FORMAT "}",
                              TID (span->lane), ts, dur);
      break;

    case JUGGLER_SPAN_DISPATCH:
      begin_event (out, first, "X", "dispatch results", "dispatch", pid);
      g_string_append_printf (out, ",\"tid\":%u,\"ts\":%" G_GINT64_FORMAT ",\"dur\":%" G_GINT64_FORMAT
                              ",\"args\":{\"results\":%u}}",
                              TID (span->lane), ts, dur, span->id);
      break;

    case JUGGLER_SPAN_FRAME:
      begin_event (out, first, "i", "frame", "frame", pid);
      g_string_append_printf (out, ",\"tid\":%u,\"ts\":%" G_GINT64_FORMAT ",\"s\":\"t\"}",
                              TID (span->lane), ts);
      break;

    case JUGGLER_SPAN_REQUEST:
      /* Async: requests in flight together overlap on one thread, which X slices cannot. */
      g_snprintf (name, sizeof name, "request %u", span->id);
      begin_event (out, first, "b", name, "request", pid);
      g_string_append_printf (out, ",\"tid\":%u,\"ts\":%" G_GINT64_FORMAT ",\"id\":\"0x%x\""
                              ",\"args\":{\"job\":%u}}",
                              TID (span->lane), ts, (guint) span->value, span->id);
      begin_event (out, first, "e", name, "request", pid);
      g_string_append_printf (out, ",\"tid\":%u,\"ts\":%" G_GINT64_FORMAT ",\"id\":\"0x%x\"}",
                              TID (span->lane), ts + dur, (guint) span->value);
      break;

    case JUGGLER_SPAN_COUNTER:
      begin_event (out, first, "C", counter_name (span->id, &key), NULL, pid);
      g_string_append_printf (out, ",\"ts\":%" G_GINT64_FORMAT ",\"args\":{\"%s\":", ts, key);
      append_double (out, span->value);
      g_string_append (out, "}}");
      break;

    case JUGGLER_N_SPAN_KINDS:
    default:
      g_assert_not_reached ();
    }
}

GBytes *
juggler_trace_snapshot_to_chrome_json (const JugglerTraceSnapshot *snapshot)
{
  GString *out;
  gboolean first = TRUE;
  guint pid = getpid ();

  g_return_val_if_fail (snapshot != NULL, NULL);

  out = g_string_sized_new (128 + snapshot->spans->len * 120);
  g_string_append_printf (out, "{\"displayTimeUnit\":\"ms\",\"otherData\":{\"generator\":\"Juggler %s\","
                          "\"dropped_spans\":%" G_GUINT64_FORMAT "},\"traceEvents\":[",
                          PACKAGE_VERSION, snapshot->n_dropped);

  /* No ts on M events: Perfetto rejects a negative one and needs none. */
  begin_event (out, &first, "M", "process_name", NULL, pid);
  g_string_append (out, ",\"args\":{\"name\":\"Juggler\"}}");
  for (guint lane = 0; lane < snapshot->lane_names->len; lane++)
    {
      begin_event (out, &first, "M", "thread_name", NULL, pid);
      g_string_append_printf (out, ",\"tid\":%u,\"args\":{\"name\":", TID (lane));
      append_json_string (out, g_ptr_array_index (snapshot->lane_names, lane));
      g_string_append (out, "}}");
      /* The UI thread first, then the workers in the order they first ran. */
      begin_event (out, &first, "M", "thread_sort_index", NULL, pid);
      g_string_append_printf (out, ",\"tid\":%u,\"args\":{\"sort_index\":%u}}", TID (lane), lane);
    }

  for (guint i = 0; i < snapshot->spans->len; i++)
    append_span (out, &first, pid, snapshot->origin_us,
                 &g_array_index (snapshot->spans, JugglerSpan, i));

  g_string_append (out, "\n]}\n");

  return g_string_free_to_bytes (out);
}

gboolean
juggler_trace_save_chrome_json (JugglerTrace  *self,
                                GFile         *file,
                                GCancellable  *cancellable,
                                GError       **error)
{
  g_autoptr(JugglerTraceSnapshot) snapshot = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  snapshot = juggler_trace_snapshot (self, G_MININT64);
  bytes = juggler_trace_snapshot_to_chrome_json (snapshot);

  return g_file_replace_contents (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                  NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL,
                                  cancellable, error);
}
