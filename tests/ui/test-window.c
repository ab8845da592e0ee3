/* test-window.c: the window opens, shows its parts and closes cleanly, also mid-run
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "juggler-application.h"
#include "juggler-test-window.h"
#include "juggler-window.h"

static void
running_notify_cb (GObject    *object,
                   GParamSpec *pspec,
                   gpointer    user_data)
{
  if (!juggler_window_get_running (JUGGLER_WINDOW (object)))
    *(gboolean *) user_data = TRUE;
}

static void
test_window_opens (void)
{
  JugglerWindow *window = juggler_window_new (NULL, NULL);

  g_object_ref_sink (window);
  juggler_test_present (GTK_WINDOW (window));

  g_assert_false (juggler_window_get_running (window));
  g_assert_nonnull (g_action_map_lookup_action (G_ACTION_MAP (window), "strategy"));
  g_assert_nonnull (juggler_test_find_actionable (GTK_WIDGET (window), "win.start"));
  g_assert_true (juggler_test_action_enabled (GTK_WIDGET (window), "win.start"));

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static void
test_window_run_and_switch (void)
{
  JugglerWindow *window = juggler_window_new (NULL, NULL);
  g_autoptr(GSettings) settings = g_settings_new ("io.github.juggler.Juggler");
  gboolean finished = FALSE;

  g_settings_set_uint (settings, "image-width", 320);
  g_settings_set_uint (settings, "image-height", 240);
  g_settings_set_uint (settings, "iterations", 500);

  g_object_ref_sink (window);
  juggler_test_present (GTK_WINDOW (window));

  g_signal_connect (window, "notify::running", G_CALLBACK (running_notify_cb), &finished);
  g_assert_true (juggler_window_start (window));
  g_assert_true (juggler_window_get_running (window));
  /* Mid-run switch through the same action the toggle buttons use */
  g_action_group_activate_action (G_ACTION_GROUP (window), "strategy",
                                  g_variant_new_string ("cooperative"));
  g_assert_true (juggler_test_iterate_until (&finished, 60));

  g_assert_cmpstr (g_settings_get_string (settings, "strategy"), ==, "cooperative");
  g_settings_reset (settings, "strategy");

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static void
test_window_too_large (void)
{
  JugglerWindow *window = juggler_window_new (NULL, NULL);
  g_autoptr(GSettings) settings = g_settings_new ("io.github.juggler.Juggler");

  g_object_ref_sink (window);
  g_settings_set_uint (settings, "image-width", 65536);
  g_settings_set_uint (settings, "image-height", 65536);

  /* No crash, no run: a toast explains instead. */
  g_assert_false (juggler_window_start (window));
  g_assert_false (juggler_window_get_running (window));

  g_settings_reset (settings, "image-width");
  g_settings_reset (settings, "image-height");
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static void
test_window_close_during_run (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.juggler.Juggler");
  JugglerWindow *window = juggler_window_new (NULL, NULL);
  JugglerRun *run;

  /* Minutes of work: only cancelling ends this run in time. */
  g_settings_set_uint (settings, "iterations", 200000);
  g_object_ref_sink (window);
  juggler_test_present (GTK_WINDOW (window));

  g_assert_true (juggler_window_start (window));
  run = juggler_window_get_run (window);
  g_assert_nonnull (run);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  g_object_add_weak_pointer (G_OBJECT (run), (gpointer *) &run);

  /* Nothing but the caller's reference keeps the window: the run holds none. */
  gtk_window_close (GTK_WINDOW (window));
  g_object_unref (window);
  g_assert_true (window == NULL || juggler_test_wait_finalized (window, 10));

  /* The run was cancelled with the window: its in-flight steps end within a few ms each,
   * then it reports to nobody and goes. */
  if (run != NULL)
    g_assert_true (juggler_test_wait_finalized (run, 10));
  g_settings_reset (settings, "iterations");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_test_skip ("no display");
      return g_test_run ();
    }
  adw_init ();

  g_test_add_func ("/ui/window/opens", test_window_opens);
  g_test_add_func ("/ui/window/run-and-switch", test_window_run_and_switch);
  g_test_add_func ("/ui/window/too-large", test_window_too_large);
  g_test_add_func ("/ui/window/close-during-run", test_window_close_during_run);

  return g_test_run ();
}
