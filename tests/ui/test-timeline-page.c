/* test-timeline-page.c: a page's timeline records the window's run and exports it as JSON
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "juggler-timeline.h"
#include "juggler-test-window.h"
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

int
main (int   argc,
      char *argv[])
{
  if (!juggler_test_init_display (&argc, &argv))
    return g_test_run ();

  g_test_add_func ("/timeline-page/cpu", test_timeline_page_cpu);

  return g_test_run ();
}
