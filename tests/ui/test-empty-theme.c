/* test-empty-theme.c: the display opens with GTK's empty theme, and libadwaita's stylesheet still applies
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "juggler-empty-theme.h"

/* A button without a child, as the current theme draws it: GTK's default theme and
 * libadwaita's stylesheet give it a minimum height, padding and a border; the empty
 * theme none. */
static int
button_min_height (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *button = gtk_button_new ();
  int min;

  gtk_window_set_child (GTK_WINDOW (window), button);
  gtk_widget_measure (button, GTK_ORIENTATION_VERTICAL, -1, &min, NULL, NULL, NULL);
  gtk_window_destroy (GTK_WINDOW (window));

  return min;
}

static char *
theme_name (void)
{
  char *name = NULL;

  g_object_get (gtk_settings_get_default (), "gtk-theme-name", &name, NULL);
  return name;
}

static void
test_empty_theme_first (void)
{
  g_autofree char *name = NULL;

  if (g_test_subprocess ())
    {
      g_unsetenv ("GTK_THEME");
      juggler_empty_theme_open_display ();

      /* GTK styles with the empty theme from the start, and GTK_THEME is gone again. */
      g_assert_null (g_getenv ("GTK_THEME"));
      g_assert_cmpint (button_min_height (), ==, 0);

      /* libadwaita did not take it for a theme of the user's: its stylesheet is in. */
      adw_init ();
      name = theme_name ();
      g_assert_cmpstr (name, ==, "Adwaita-empty");
      g_assert_cmpint (button_min_height (), >, 0);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* What the above saves: without it, GTK styles with its default theme first. */
static void
test_default_theme_without (void)
{
  if (g_test_subprocess ())
    {
      g_unsetenv ("GTK_THEME");
      gtk_init ();
      g_assert_cmpint (button_min_height (), >, 0);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_user_theme_kept (void)
{
  if (g_test_subprocess ())
    {
      g_setenv ("GTK_THEME", "Default", TRUE);
      juggler_empty_theme_open_display ();
      g_assert_cmpstr (g_getenv ("GTK_THEME"), ==, "Default");

      gtk_init ();
      g_assert_cmpint (button_min_height (), >, 0);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ui/empty-theme/first", test_empty_theme_first);
  g_test_add_func ("/ui/empty-theme/default-theme-without", test_default_theme_without);
  g_test_add_func ("/ui/empty-theme/user-theme-kept", test_user_theme_kept);

  return g_test_run ();
}
