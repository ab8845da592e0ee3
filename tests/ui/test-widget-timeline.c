/* test-widget-timeline.c: the thread timeline live during a run, then paused, zoomed and exported
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "juggler-mandelbrot.h"
#include "juggler-run.h"
#include "juggler-test-widget.h"
#include "juggler-test-window.h"
#include "juggler-timeline.h"

#define TIMELINE_W 900
#define LABEL_W    96   /* the lane names' column */

static void
test_timeline_notify (void)
{
  JugglerTimeline *timeline = g_object_ref_sink (JUGGLER_TIMELINE (juggler_timeline_new ()));
  g_autoptr(JugglerTrace) trace = juggler_trace_new (0);
  g_auto(GValue) boolean = G_VALUE_INIT;
  g_auto(GValue) boxed = G_VALUE_INIT;

  g_assert_true (juggler_timeline_get_live (timeline));
  g_assert_cmpuint (juggler_timeline_get_n_lanes (timeline), ==, 0);

  g_value_init (&boolean, G_TYPE_BOOLEAN);
  g_value_set_boolean (&boolean, FALSE);
  juggler_test_assert_notify_once (timeline, "live", &boolean);
  g_value_init (&boxed, JUGGLER_TYPE_TRACE);
  g_value_set_boxed (&boxed, trace);
  juggler_test_assert_notify_once (timeline, "trace", &boxed);
  g_assert_true (juggler_timeline_get_trace (timeline) == trace);
  /* The trace's own thread is its first lane, named before anything ran. */
  g_assert_cmpuint (juggler_timeline_get_n_lanes (timeline), ==, 1);

  g_assert_finalize_object (timeline);
}

static void
run_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(JugglerReport) report = juggler_run_execute_finish (JUGGLER_RUN (object), result, NULL);

  g_assert_nonnull (report);
  *(gboolean *) user_data = TRUE;
}

/* Finds a hover text starting with prefix on lane (0: UI thread), scanning across. */
static char *
find_description (JugglerTimeline *timeline,
                  guint            lane,
                  const char      *prefix)
{
  double y = 18 + lane * 30 + 13;

  for (double x = LABEL_W + 1; x < TIMELINE_W; x += 1)
    {
      g_autofree char *text = juggler_timeline_describe_at (timeline, x, y);

      if (text != NULL && g_str_has_prefix (text, prefix))
        return g_steal_pointer (&text);
    }

  return NULL;
}

static void
save_screenshot (GtkWidget  *widget,
                 const char *path)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GskRenderer) renderer = gsk_cairo_renderer_new ();
  g_autoptr(GdkTexture) texture = NULL;
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);

  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  g_assert_true (gsk_renderer_realize (renderer, NULL, NULL));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, w, h));
  gsk_renderer_unrealize (renderer);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

static void
run_into_timeline (JugglerTimeline *timeline,
                   JugglerStrategy  strategy,
                   guint            n_workers)
{
  g_autoptr(JugglerMandelbrot) workload = juggler_mandelbrot_new (320, 192, 32, 3000, NULL, NULL);
  g_autoptr(JugglerRun) run = juggler_run_new (JUGGLER_WORKLOAD (workload), strategy, n_workers);
  gboolean done = FALSE;

  juggler_run_set_trace (run, juggler_timeline_get_trace (timeline));
  juggler_run_execute_async (run, NULL, run_done_cb, &done);
  g_assert_true (juggler_test_iterate_until (&done, 60));
}

static void
test_timeline_run (void)
{
  g_autoptr(JugglerTrace) trace = juggler_trace_new (0);
  GtkWidget *window = gtk_window_new ();
  JugglerTimeline *timeline = JUGGLER_TIMELINE (juggler_timeline_new ());
  g_autofree char *job = NULL;
  g_autofree char *wait = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JugglerTraceSnapshot) frames = NULL;
  gint64 start, end, zoomed_start, zoomed_end;
  guint n_frames = 0;
  const char *screenshot = g_getenv ("JUGGLER_TIMELINE_SCREENSHOT");

  juggler_timeline_set_trace (timeline, trace);
  gtk_window_set_default_size (GTK_WINDOW (window), TIMELINE_W, -1);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (timeline));
  juggler_test_present (GTK_WINDOW (window));

  /* Live: the run's threads appear as lanes while it goes, and paints are frame ticks. */
  run_into_timeline (timeline, JUGGLER_STRATEGY_THREADS, 2);
  run_into_timeline (timeline, JUGGLER_STRATEGY_GLOBAL_LOCK, 2);
  juggler_test_flush ();
  g_assert_true (juggler_timeline_get_live (timeline));
  frames = juggler_trace_snapshot (trace, G_MININT64);
  for (guint i = 0; i < frames->spans->len; i++)
    n_frames += g_array_index (frames->spans, JugglerSpan, i).kind == JUGGLER_SPAN_FRAME;
  g_assert_cmpuint (n_frames, >, 0);

  /* After the run: paused on everything the trace kept, lanes for the UI thread and workers. */
  juggler_timeline_set_live (timeline, FALSE);
  g_assert_cmpuint (juggler_timeline_get_n_lanes (timeline), >=, 3);
  juggler_timeline_get_range (timeline, &start, &end);
  {
    gint64 first = G_MAXINT64, last = 0;

    for (guint i = 0; i < frames->spans->len; i++)
      {
        const JugglerSpan *span = &g_array_index (frames->spans, JugglerSpan, i);

        if (span->kind == JUGGLER_SPAN_JOB_STEP)
          first = MIN (first, span->start_us), last = MAX (last, span->end_us);
      }
    /* Zoom onto the runs, as a user would after pausing. */
    juggler_timeline_set_range (timeline, first, last);
  }
  gtk_widget_queue_draw (GTK_WIDGET (timeline));
  juggler_test_flush ();

  job = find_description (timeline, 1, "Job ");
  g_assert_nonnull (job);
  g_assert_null (juggler_timeline_describe_at (timeline, 10, 30));
  if (screenshot != NULL)
    save_screenshot (GTK_WIDGET (timeline), screenshot);

  /* Zoomed onto the longest wait for the global lock, hovering it tells what it is. */
  {
    const JugglerSpan *longest = NULL;

    for (guint i = 0; i < frames->spans->len; i++)
      {
        const JugglerSpan *span = &g_array_index (frames->spans, JugglerSpan, i);

        if (span->kind == JUGGLER_SPAN_LOCK_WAIT && span->lane > 0 &&
            (longest == NULL || span->end_us - span->start_us > longest->end_us - longest->start_us))
          longest = span;
      }
    g_assert_nonnull (longest);
    juggler_timeline_set_range (timeline, longest->start_us - 10, longest->end_us + 10);
    wait = juggler_timeline_describe_at (timeline, LABEL_W + (TIMELINE_W - LABEL_W) / 2.0,
                                         18 + longest->lane * 30 + 13);
    g_assert_nonnull (wait);
    g_assert_true (g_str_has_prefix (wait, "Waiting for the global lock"));
  }

  juggler_timeline_get_range (timeline, &start, &end);
  juggler_timeline_zoom (timeline, 0.5);
  juggler_timeline_get_range (timeline, &zoomed_start, &zoomed_end);
  g_assert_cmpint (zoomed_end - zoomed_start, <, end - start);
  g_assert_cmpint (zoomed_start, >, start);
  g_assert_false (juggler_timeline_get_live (timeline));

  /* Export writes the trace as Chrome JSON. */
  dir = g_dir_make_tmp ("juggler-timeline-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "trace.json", NULL);
  file = g_file_new_for_path (path);
  g_assert_true (juggler_timeline_save (timeline, file, &error));
  g_assert_no_error (error);
  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_delete (file, NULL, NULL));
  g_assert_cmpint (g_rmdir (dir), ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
  juggler_test_flush ();
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/widget/timeline/notify", test_timeline_notify);
  g_test_add_func ("/widget/timeline/run", test_timeline_run);

  return g_test_run ();
}
