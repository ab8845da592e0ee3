/* test-timeline-page.c: a page's timeline records the window's run and exports it as JSON
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>
#include <json-glib/json-glib.h>

#include "juggler-canvas.h"
#include "juggler-timeline.h"
#include "juggler-test-window.h"
#include "juggler-types.h"
#include "juggler-window.h"

static void
run_finished_cb (JugglerWindow *window,
                 gpointer       report,
                 gpointer       user_data)
{
  *(gboolean *) user_data = TRUE;
}

/* The timeline of the page shown: the one under the visible page of the window. */
static JugglerTimeline *
find_timeline (GtkWidget *widget)
{
  if (JUGGLER_IS_TIMELINE (widget) && gtk_widget_get_mapped (widget))
    return JUGGLER_TIMELINE (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      JugglerTimeline *found = find_timeline (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
check_export (JugglerTimeline *timeline)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("juggler-timeline-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonArray *events;

  g_assert_no_error (error);
  path = g_build_filename (dir, "trace.json", NULL);
  file = g_file_new_for_path (path);
  g_assert_true (juggler_timeline_save (timeline, file, &error));
  g_assert_no_error (error);

  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  if (JSON_NODE_HOLDS_OBJECT (root))
    events = json_object_get_array_member (json_node_get_object (root), "traceEvents");
  else
    events = json_node_get_array (root);
  g_assert_nonnull (events);
  g_assert_cmpuint (json_array_get_length (events), >, 0);

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_timeline_page_cpu (void)
{
  JugglerWindow *window = juggler_window_new (NULL, NULL);
  g_autoptr(GSettings) settings = g_settings_new ("io.github.juggler.Juggler");
  JugglerTimeline *timeline;
  gboolean finished = FALSE;

  g_settings_set_uint (settings, "image-width", 320);
  g_settings_set_uint (settings, "image-height", 240);
  g_settings_set_uint (settings, "iterations", 200);

  g_object_ref_sink (window);
  juggler_test_present (GTK_WINDOW (window));

  /* Ctrl+T's action shows the timeline in place of the image. */
  g_assert_null (find_timeline (GTK_WIDGET (window)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-timeline", NULL));
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  timeline = find_timeline (GTK_WIDGET (window));
  g_assert_nonnull (timeline);
  g_assert_null (juggler_timeline_get_trace (timeline));
  g_assert_false (juggler_test_action_enabled (GTK_WIDGET (window), "page.export-trace"));

  g_signal_connect (window, "run-finished", G_CALLBACK (run_finished_cb), &finished);
  g_assert_true (juggler_window_start (window));
  g_assert_nonnull (juggler_timeline_get_trace (timeline));
  g_assert_true (juggler_timeline_get_live (timeline));
  g_assert_true (juggler_test_iterate_until (&finished, 60));

  /* After the run: paused, with a lane for the UI thread and the workers. */
  g_assert_false (juggler_timeline_get_live (timeline));
  g_assert_cmpuint (juggler_timeline_get_n_lanes (timeline), >=, 2);
  g_assert_true (juggler_test_action_enabled (GTK_WIDGET (window), "page.export-trace"));
  juggler_timeline_zoom (timeline, 0.5);
  check_export (timeline);

  g_settings_reset (settings, "image-width");
  g_settings_reset (settings, "image-height");
  g_settings_reset (settings, "iterations");
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

/* A thread per tile gives the timeline a lane per thread, hundreds of them: the image
 * beside it (the timeline is not shown) keeps its size instead of growing as tall as
 * they are, and the timeline scrolls when it is shown. */
static void
test_timeline_page_many_lanes (void)
{
  JugglerWindow *window = juggler_window_new (NULL, NULL);
  g_autoptr(GSettings) settings = g_settings_new ("io.github.juggler.Juggler");
  const char *keys[] = { "strategy", "image-width", "image-height", "tile-size", "iterations" };
  JugglerTimeline *timeline;
  GtkWidget *canvas;
  gboolean finished = FALSE;
  int lanes_height;

  g_settings_set_enum (settings, "strategy", JUGGLER_STRATEGY_THREAD_PER_JOB);
  g_settings_set_uint (settings, "image-width", 320);
  g_settings_set_uint (settings, "image-height", 240);
  g_settings_set_uint (settings, "tile-size", 16);
  g_settings_set_uint (settings, "iterations", 50);

  g_object_ref_sink (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  juggler_test_present (GTK_WINDOW (window));
  g_signal_connect (window, "run-finished", G_CALLBACK (run_finished_cb), &finished);
  g_assert_true (juggler_window_start (window));
  g_assert_true (juggler_test_iterate_until (&finished, 60));
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);

  timeline = JUGGLER_TIMELINE (juggler_test_find_widget (GTK_WIDGET (window), JUGGLER_TYPE_TIMELINE));
  canvas = juggler_test_find_widget (GTK_WIDGET (window), JUGGLER_TYPE_CANVAS);
  g_assert_nonnull (timeline);
  g_assert_nonnull (canvas);
  g_assert_cmpuint (juggler_timeline_get_n_lanes (timeline), >=, 100);
  gtk_widget_measure (GTK_WIDGET (timeline), GTK_ORIENTATION_VERTICAL, -1, &lanes_height, NULL,
                      NULL, NULL);
  g_test_message ("%u lanes, %d px; the image %d px high", juggler_timeline_get_n_lanes (timeline),
                  lanes_height, gtk_widget_get_height (canvas));
  g_assert_cmpint (gtk_widget_get_height (canvas), >, 0);
  g_assert_cmpint (gtk_widget_get_height (canvas), <, 700);
  g_assert_cmpint (gtk_widget_get_height (canvas), <, lanes_height / 2);

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_reset (settings, keys[i]);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static gboolean
timed_out_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;

  return G_SOURCE_REMOVE;
}

/* The UI thread's lane starts under the time axis (18 px) and is 26 px high; a net run's
 * band of requests in flight is next, 4 px under it and 48 px high. */
#define UI_LANE_Y 31
#define BAND_Y    72

/* Scans a row of the timeline across for a hover text starting with prefix. */
static char *
find_description (JugglerTimeline *timeline,
                  double           y,
                  const char      *prefix)
{
  int width = gtk_widget_get_width (GTK_WIDGET (timeline));

  for (int x = 100; x < width; x++)
    {
      g_autofree char *text = juggler_timeline_describe_at (timeline, x, y);

      if (text != NULL && g_str_has_prefix (text, prefix))
        return g_steal_pointer (&text);
    }

  return NULL;
}

/* The Network page's timeline during and after an async run against the embedded server:
 * its requests on the UI thread, and how many were in flight. */
static void
test_timeline_page_net (void)
{
  JugglerWindow *window = juggler_window_new (NULL, NULL);
  g_autoptr(GSettings) settings = g_settings_new ("io.github.juggler.Juggler");
  const char *keys[] = { "net-requests", "net-concurrency", "net-latency-ms",
                         "net-size", "net-url" };
  JugglerTimeline *timeline;
  JugglerTrace *trace;
  gboolean finished = FALSE;
  g_autoptr(JugglerTraceSnapshot) after = NULL;
  g_autofree char *text = NULL;
  guint n_requests = 0;
  double most_in_flight = 0;
  gboolean timed_out = FALSE;
  guint timeout_id;

  g_settings_set_enum (settings, "net-strategy", JUGGLER_STRATEGY_ASYNC);
  g_settings_set_uint (settings, "net-requests", 40);
  g_settings_set_uint (settings, "net-concurrency", 40);
  g_settings_set_uint (settings, "net-latency-ms", 300);
  g_settings_set_uint (settings, "net-size", 1000);
  g_settings_set_string (settings, "net-url", "");

  g_object_ref_sink (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  juggler_test_present (GTK_WINDOW (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.page", "s", "net"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-timeline", NULL));
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  timeline = find_timeline (GTK_WIDGET (window));
  g_assert_nonnull (timeline);

  g_signal_connect (window, "run-finished", G_CALLBACK (run_finished_cb), &finished);
  g_assert_true (juggler_window_start (window));
  trace = juggler_timeline_get_trace (timeline);
  g_assert_nonnull (trace);
  g_assert_true (juggler_timeline_get_live (timeline));

  /* During the run: the requests are out (300 ms each), and the UI lane's band says how
   * many, before any of them has ended. */
  timeout_id = g_timeout_add_seconds (60, timed_out_cb, &timed_out);
  while (!finished && !timed_out && text == NULL)
    {
      g_main_context_iteration (NULL, TRUE);
      text = find_description (timeline, BAND_Y, "");
    }
  g_assert_false (timed_out);
  g_clear_handle_id (&timeout_id, g_source_remove);
  g_assert_false (finished);
  g_assert_nonnull (strstr (text, "requests in flight"));
  g_assert_true (juggler_timeline_get_live (timeline));
  g_test_message ("during the run: %s", text);
  g_clear_pointer (&text, g_free);
  g_assert_true (juggler_test_iterate_until (&finished, 60));

  /* After the run: paused; a request span per request, on the UI thread's lane, and the
   * in-flight counter reached more than one (they overlap: one thread, many requests). */
  g_assert_false (juggler_timeline_get_live (timeline));
  after = juggler_trace_snapshot (trace, G_MININT64);
  for (guint i = 0; i < after->spans->len; i++)
    {
      const JugglerSpan *span = &g_array_index (after->spans, JugglerSpan, i);

      if (span->kind == JUGGLER_SPAN_REQUEST)
        {
          g_assert_cmpuint (span->lane, ==, JUGGLER_TRACE_UI_LANE);
          n_requests++;
        }
      if (span->kind == JUGGLER_SPAN_COUNTER && span->id == JUGGLER_TRACE_COUNTER_IN_FLIGHT)
        most_in_flight = MAX (most_in_flight, span->value);
    }
  g_assert_cmpuint (n_requests, ==, 40);
  g_assert_cmpfloat (most_in_flight, >, 1);

  /* Hovering the UI lane names a request and its times. */
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  text = find_description (timeline, UI_LANE_Y, "Request");
  g_assert_nonnull (text);
  g_test_message ("after the run: %s", text);
  check_export (timeline);

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_reset (settings, keys[i]);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

int
main (int   argc,
      char *argv[])
{
  if (!juggler_test_init_display (&argc, &argv))
    return g_test_run ();

  g_test_add_func ("/timeline-page/cpu", test_timeline_page_cpu);
  g_test_add_func ("/timeline-page/net", test_timeline_page_net);
  g_test_add_func ("/timeline-page/many-lanes", test_timeline_page_many_lanes);

  return g_test_run ();
}
