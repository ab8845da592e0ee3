/* test-trace.c: the span recorder's lanes, bound and snapshots, and its Chrome Trace JSON
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "juggler-trace.h"
#include "juggler-types.h"

typedef struct
{
  JugglerTrace *trace;
  guint         thread_index;
  guint         n_spans;
  GMutex       *order_lock;   /* held while a thread records its first span, in turn */
  GCond        *order_cond;
  guint        *n_started;
} Writer;

/* Each writer records n_spans job steps whose id counts up from 0 and whose value names it. */
static gpointer
writer_thread (gpointer data)
{
  Writer *writer = data;

  if (writer->order_lock != NULL)
    {
      g_mutex_lock (writer->order_lock);
      while (*writer->n_started != writer->thread_index)
        g_cond_wait (writer->order_cond, writer->order_lock);
      juggler_trace_record (writer->trace, JUGGLER_SPAN_JOB_STEP, 0, 1, 0,
                            JUGGLER_STRATEGY_THREADS, writer->thread_index);
      (*writer->n_started)++;
      g_cond_broadcast (writer->order_cond);
      g_mutex_unlock (writer->order_lock);
    }

  for (guint i = writer->order_lock != NULL ? 1 : 0; i < writer->n_spans; i++)
    {
      gint64 now = g_get_monotonic_time ();

      juggler_trace_record (writer->trace, JUGGLER_SPAN_JOB_STEP, now, now, i,
                            JUGGLER_STRATEGY_THREADS, writer->thread_index);
    }

  return NULL;
}

static void
run_writers (JugglerTrace *trace,
             guint         n_threads,
             guint         n_spans,
             gboolean      in_order)
{
  g_autofree Writer *writers = g_new0 (Writer, n_threads);
  g_autofree GThread **threads = g_new0 (GThread *, n_threads);
  GMutex order_lock;
  GCond order_cond;
  guint n_started = 0;

  g_mutex_init (&order_lock);
  g_cond_init (&order_cond);
  for (guint t = 0; t < n_threads; t++)
    {
      writers[t] = (Writer) {
        .trace = trace,
        .thread_index = t,
        .n_spans = n_spans,
        .order_lock = in_order ? &order_lock : NULL,
        .order_cond = &order_cond,
        .n_started = &n_started,
      };
      threads[t] = g_thread_new ("test-writer", writer_thread, &writers[t]);
    }
  for (guint t = 0; t < n_threads; t++)
    g_thread_join (threads[t]);
  g_mutex_clear (&order_lock);
  g_cond_clear (&order_cond);
}

/* Checks that one lane holds exactly ids 0 .. n_spans - 1 of each writer, in order; with
 * in_order, writer t's lane is 1 + t. */
static void
assert_all_spans (JugglerTraceSnapshot *snapshot,
                  guint                 n_threads,
                  guint                 n_spans,
                  gboolean              in_order)
{
  g_autofree guint *next = g_new0 (guint, n_threads);
  g_autofree guint *lane_of = g_new0 (guint, n_threads);

  for (guint i = 0; i < snapshot->spans->len; i++)
    {
      const JugglerSpan *span = &g_array_index (snapshot->spans, JugglerSpan, i);
      guint t;

      g_assert_cmpuint (span->kind, ==, JUGGLER_SPAN_JOB_STEP);
      g_assert_cmpuint (span->lane, >=, 1);
      g_assert_cmpuint (span->lane, <=, n_threads);
      t = (guint) span->value;
      g_assert_cmpuint (t, <, n_threads);
      if (lane_of[t] == 0)
        lane_of[t] = span->lane;
      g_assert_cmpuint (span->lane, ==, lane_of[t]);
      if (in_order)
        g_assert_cmpuint (span->lane, ==, t + 1);
      g_assert_cmpuint (span->id, ==, next[t]);
      next[t]++;
    }
  for (guint t = 0; t < n_threads; t++)
    g_assert_cmpuint (next[t], ==, n_spans);
}

static void
test_lanes (void)
{
  g_autoptr(JugglerTrace) trace = juggler_trace_new (0);
  g_autoptr(JugglerTraceSnapshot) snapshot = NULL;
  g_autofree char *ui_name = NULL;

  run_writers (trace, 4, 3000, TRUE);

  /* The UI thread (the one that made the trace) first, then the workers as they first ran. */
  g_assert_cmpuint (juggler_trace_get_n_lanes (trace), ==, 5);
  ui_name = juggler_trace_dup_lane_name (trace, JUGGLER_TRACE_UI_LANE);
  g_assert_cmpstr (ui_name, ==, "UI thread");
  snapshot = juggler_trace_snapshot (trace, G_MININT64);
  g_assert_cmpuint (snapshot->lane_names->len, ==, 5);
  g_assert_cmpstr (g_ptr_array_index (snapshot->lane_names, 1), ==, "worker 1");
  g_assert_cmpstr (g_ptr_array_index (snapshot->lane_names, 4), ==, "worker 4");
  g_assert_cmpuint (snapshot->n_dropped, ==, 0);
  g_assert_cmpuint (snapshot->spans->len, ==, 4 * 3000);
  assert_all_spans (snapshot, 4, 3000, TRUE);

  /* A thread records into its own lane again, and can name it. */
  juggler_trace_set_thread_name (trace, "main");
  juggler_trace_counter (trace, JUGGLER_TRACE_COUNTER_FPS, G_MAXINT64 - 1, 60);
  g_clear_pointer (&snapshot, juggler_trace_snapshot_free);
  snapshot = juggler_trace_snapshot (trace, G_MAXINT64 - 1);
  g_assert_cmpuint (snapshot->spans->len, ==, 1);
  g_assert_cmpuint (g_array_index (snapshot->spans, JugglerSpan, 0).lane, ==, JUGGLER_TRACE_UI_LANE);
  g_assert_cmpstr (g_ptr_array_index (snapshot->lane_names, 0), ==, "main");
}

typedef struct
{
  JugglerTrace *trace;
  gboolean      stop;     /* atomic */
  guint         n_snapshots;
} Reader;

static gpointer
reader_thread (gpointer data)
{
  Reader *reader = data;

  while (!g_atomic_int_get (&reader->stop))
    {
      g_autoptr(JugglerTraceSnapshot) snapshot = juggler_trace_snapshot (reader->trace, G_MININT64);

      /* Every span a snapshot holds is whole: its lane and kind are ones the writers wrote. */
      for (guint i = 0; i < snapshot->spans->len; i++)
        {
          const JugglerSpan *span = &g_array_index (snapshot->spans, JugglerSpan, i);

          g_assert_cmpuint (span->kind, ==, JUGGLER_SPAN_JOB_STEP);
          g_assert_cmpuint (span->lane, >=, 1);
          g_assert_cmpuint (span->lane, <=, 4);
          g_assert_cmpfloat (span->value, <, 4);
        }
      reader->n_snapshots++;
    }

  return NULL;
}

/* Below the bound nothing is lost, even with a reader copying while the writers write. */
static void
test_no_loss_below_bound (void)
{
  g_autoptr(JugglerTrace) trace = juggler_trace_new (100000);
  g_autoptr(JugglerTraceSnapshot) snapshot = NULL;
  Reader reader = { .trace = trace };
  GThread *thread = g_thread_new ("test-reader", reader_thread, &reader);

  run_writers (trace, 4, 24999, FALSE);
  g_atomic_int_set (&reader.stop, TRUE);
  g_thread_join (thread);
  g_assert_cmpuint (reader.n_snapshots, >, 0);

  snapshot = juggler_trace_snapshot (trace, G_MININT64);
  g_assert_cmpuint (snapshot->n_dropped, ==, 0);
  g_assert_cmpuint (snapshot->spans->len, ==, 4 * 24999);
  assert_all_spans (snapshot, 4, 24999, FALSE);
}

/* Over a long run the trace keeps the newest spans and forgets the rest, within its bound. */
static void
test_bounded (void)
{
  const guint max_spans = 20000;
  const guint n_threads = 3;
  const guint n_spans = 300000;
  g_autoptr(JugglerTrace) trace = juggler_trace_new (max_spans);
  g_autoptr(JugglerTraceSnapshot) snapshot = NULL;
  g_autofree guint *newest = g_new0 (guint, n_threads);

  for (guint round = 0; round < 3; round++)
    {
      run_writers (trace, n_threads, n_spans, FALSE);

      g_clear_pointer (&snapshot, juggler_trace_snapshot_free);
      snapshot = juggler_trace_snapshot (trace, G_MININT64);
      /* The bound, plus at most one partly filled chunk per lane. */
      g_assert_cmpuint (snapshot->spans->len, >=, max_spans);
      g_assert_cmpuint (snapshot->spans->len, <=, max_spans + juggler_trace_get_n_lanes (trace) * 1024);
      g_assert_cmpuint (snapshot->spans->len + snapshot->n_dropped, ==,
                        (guint64) (round + 1) * n_threads * n_spans);
    }

  /* Each lane kept its newest spans, in order, up to the last one it wrote. */
  for (guint i = 0; i < snapshot->spans->len; i++)
    {
      const JugglerSpan *span = &g_array_index (snapshot->spans, JugglerSpan, i);

      newest[(guint) span->value] = span->id;
    }
  for (guint t = 0; t < n_threads; t++)
    g_assert_cmpuint (newest[t], ==, n_spans - 1);
}

static void
test_since (void)
{
  g_autoptr(JugglerTrace) trace = juggler_trace_new (0);
  g_autoptr(JugglerTraceSnapshot) snapshot = NULL;

  for (guint i = 0; i < 5000; i++)
    juggler_trace_job_step (trace, i, JUGGLER_STRATEGY_BLOCKING, 1000 * i, 1000 * i + 500);

  /* A span that ends at or after since is in, however early it started. */
  snapshot = juggler_trace_snapshot (trace, 4000 * 1000 + 500);
  g_assert_cmpuint (snapshot->spans->len, ==, 1000);
  g_assert_cmpuint (g_array_index (snapshot->spans, JugglerSpan, 0).id, ==, 4000);
  g_assert_cmpuint (g_array_index (snapshot->spans, JugglerSpan, 0).strategy, ==,
                    JUGGLER_STRATEGY_BLOCKING);
}

static JsonArray *
parse_events (JugglerTraceSnapshot *snapshot,
              JsonParser           *parser)
{
  g_autoptr(GBytes) bytes = juggler_trace_snapshot_to_chrome_json (snapshot);
  g_autoptr(GError) error = NULL;
  JsonObject *root;

  json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                              &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "displayTimeUnit"), ==, "ms");

  return json_object_get_array_member (root, "traceEvents");
}

static gpointer
lock_waiter_thread (gpointer data)
{
  JugglerTrace *trace = data;

  juggler_trace_lock_wait (trace, 100, 150);
  juggler_trace_lock_hold (trace, 150, 300);
  juggler_trace_job_step (trace, 7, JUGGLER_STRATEGY_GLOBAL_LOCK, 160, 290);

  return NULL;
}

static void
test_chrome_json (void)
{
  g_autoptr(JugglerTrace) trace = juggler_trace_new (0);
  g_autoptr(JugglerTraceSnapshot) snapshot = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  gint64 origin = juggler_trace_get_origin (trace);
  g_autoptr(GHashTable) threads = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  g_autoptr(GHashTable) open_requests = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonArray *events;
  guint n_x = 0, n_b = 0, n_e = 0, n_c = 0, n_i = 0, n_lock_waits = 0;

  juggler_trace_record (trace, JUGGLER_SPAN_RUN, origin, origin + 1000, 0,
                        JUGGLER_STRATEGY_GLOBAL_LOCK, 0);
  g_thread_join (g_thread_new ("test-lock", lock_waiter_thread, trace));
  juggler_trace_set_thread_name (trace, "UI \"main\" thread");
  for (guint id = 0; id < 3; id++)
    juggler_trace_request (trace, id, origin + 10 * id, origin + 500 + 10 * id);
  juggler_trace_counter (trace, JUGGLER_TRACE_COUNTER_IN_FLIGHT, origin + 20, 3);
  juggler_trace_counter (trace, JUGGLER_TRACE_COUNTER_LOOP_LATENCY, origin + 30, 0.25);
  juggler_trace_record (trace, JUGGLER_SPAN_FRAME, origin + 16667, origin + 16667, 0, 0, 0);
  juggler_trace_record (trace, JUGGLER_SPAN_UI_STALL, origin + 100, origin + 40000, 0, 0, 0);
  juggler_trace_record (trace, JUGGLER_SPAN_DISPATCH, origin + 50, origin + 60, 4, 0, 0);

  snapshot = juggler_trace_snapshot (trace, G_MININT64);
  events = parse_events (snapshot, parser);

  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *event = json_array_get_object_element (events, i);
      const char *ph = json_object_get_string_member (event, "ph");
      const char *name = json_object_get_string_member (event, "name");

      g_assert_true (json_object_has_member (event, "pid"));
      if (g_str_equal (ph, "M"))
        {
          g_assert_false (json_object_has_member (event, "ts"));
          if (g_str_equal (name, "thread_name"))
            g_hash_table_insert (threads,
                                 GINT_TO_POINTER (json_object_get_int_member (event, "tid")),
                                 g_strdup (json_object_get_string_member (
                                   json_object_get_object_member (event, "args"), "name")));
          continue;
        }

      g_assert_true (json_object_has_member (event, "ts"));
      if (g_str_equal (ph, "X"))
        {
          n_x++;
          g_assert_true (json_object_has_member (event, "dur"));
          if (g_str_equal (name, "wait for global lock"))
            {
              n_lock_waits++;
              g_assert_cmpint (json_object_get_int_member (event, "ts"), ==, 100 - origin);
              g_assert_cmpint (json_object_get_int_member (event, "dur"), ==, 50);
              g_assert_cmpint (json_object_get_int_member (event, "tid"), ==, 2);
            }
          if (g_str_equal (name, "job 7"))
            g_assert_cmpstr (json_object_get_string_member (event, "cat"), ==, "global-lock");
        }
      else if (g_str_equal (ph, "b"))
        {
          n_b++;
          g_assert_true (g_hash_table_add (open_requests,
                                           g_strdup (json_object_get_string_member (event, "id"))));
        }
      else if (g_str_equal (ph, "e"))
        {
          n_e++;
          g_assert_true (g_hash_table_remove (open_requests,
                                              json_object_get_string_member (event, "id")));
        }
      else if (g_str_equal (ph, "C"))
        {
          n_c++;
          g_assert_true (json_object_has_member (event, "args"));
        }
      else if (g_str_equal (ph, "i"))
        {
          n_i++;
        }
    }

  g_assert_cmpuint (g_hash_table_size (threads), ==, 2);
  g_assert_cmpstr (g_hash_table_lookup (threads, GINT_TO_POINTER (1)), ==, "UI \"main\" thread");
  g_assert_cmpstr (g_hash_table_lookup (threads, GINT_TO_POINTER (2)), ==, "worker 1");
  /* run, lock wait, lock hold, job step, stall, dispatch */
  g_assert_cmpuint (n_x, ==, 6);
  g_assert_cmpuint (n_lock_waits, ==, 1);
  g_assert_cmpuint (n_b, ==, 3);
  g_assert_cmpuint (n_e, ==, 3);
  g_assert_cmpuint (g_hash_table_size (open_requests), ==, 0);
  g_assert_cmpuint (n_c, ==, 2);
  g_assert_cmpuint (n_i, ==, 1);
}

static void
test_save (void)
{
  g_autoptr(JugglerTrace) trace = juggler_trace_new (0);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("juggler-trace-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_no_error (error);
  path = g_build_filename (dir, "trace.json", NULL);
  file = g_file_new_for_path (path);
  juggler_trace_job_step (trace, 1, JUGGLER_STRATEGY_THREADS, 0, 10);
  g_assert_true (juggler_trace_save_chrome_json (trace, file, NULL, &error));
  g_assert_no_error (error);
  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* A lock wait shows in snapshots while it lasts, ending at the snapshot's time, and once
 * recorded only as the span it became (issue 9: the timeline drew waits once they ended). */
static void
test_open_lock_wait (void)
{
  g_autoptr(JugglerTrace) trace = juggler_trace_new (0);
  gint64 start_us = g_get_monotonic_time () - 5000;
  g_autoptr(JugglerTraceSnapshot) during = NULL;
  g_autoptr(JugglerTraceSnapshot) after = NULL;
  const JugglerSpan *span;

  juggler_trace_lock_wait_begin (trace, start_us);
  during = juggler_trace_snapshot (trace, 0);
  g_assert_cmpuint (during->spans->len, ==, 1);
  span = &g_array_index (during->spans, JugglerSpan, 0);
  g_assert_cmpint (span->kind, ==, JUGGLER_SPAN_LOCK_WAIT);
  g_assert_cmpint (span->lane, ==, JUGGLER_TRACE_UI_LANE);
  g_assert_cmpint (span->start_us, ==, start_us);
  g_assert_cmpint (span->end_us, >=, start_us + 5000);
  g_assert_cmpfloat (span->value, ==, 1);

  juggler_trace_lock_wait (trace, start_us, start_us + 7000);
  after = juggler_trace_snapshot (trace, 0);
  g_assert_cmpuint (after->spans->len, ==, 1);
  span = &g_array_index (after->spans, JugglerSpan, 0);
  g_assert_cmpint (span->end_us, ==, start_us + 7000);
  g_assert_cmpfloat (span->value, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/trace/lanes", test_lanes);
  g_test_add_func ("/core/trace/no-loss-below-bound", test_no_loss_below_bound);
  g_test_add_func ("/core/trace/bounded", test_bounded);
  g_test_add_func ("/core/trace/since", test_since);
  g_test_add_func ("/core/trace/chrome-json", test_chrome_json);
  g_test_add_func ("/core/trace/save", test_save);
  g_test_add_func ("/core/trace/open-lock-wait", test_open_lock_wait);

  return g_test_run ();
}
