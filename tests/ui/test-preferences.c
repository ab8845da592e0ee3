/* test-preferences.c: Preferences: the progress mode's rows follow the setting, and nothing is cut off
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs in the ui suite in English, and in the i18n suite once per language of po/LINGUAS
 * (LANGUAGE=<lang>, TEST_LOCALEDIR): German and French labels are the longest.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "juggler-preferences-window.h"
#include "juggler-test-window.h"

#define JUGGLER_SCHEMA_ID "io.github.juggler.Juggler"

static void
collect_checks (GtkWidget *widget,
                GPtrArray *checks)
{
  if (GTK_IS_CHECK_BUTTON (widget))
    g_ptr_array_add (checks, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_checks (child, checks);
}

static GtkCheckButton *
find_check (GtkWidget  *root,
            const char *target)
{
  g_autoptr(GPtrArray) checks = g_ptr_array_new ();

  collect_checks (root, checks);
  for (guint i = 0; i < checks->len; i++)
    {
      GVariant *value = gtk_actionable_get_action_target_value (g_ptr_array_index (checks, i));

      if (value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_STRING) &&
          g_strcmp0 (g_variant_get_string (value, NULL), target) == 0)
        return g_ptr_array_index (checks, i);
    }

  return NULL;
}

static void
iterate (void)
{
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

static void
test_progress_mode (void)
{
  g_autoptr(GSettings) settings = g_settings_new (JUGGLER_SCHEMA_ID);
  GtkWindow *window = GTK_WINDOW (juggler_preferences_window_new ());
  GtkCheckButton *coalesced;
  GtkCheckButton *per_event;

  g_settings_set_string (settings, "progress-mode", "coalesced");
  juggler_test_present (window);
  iterate ();

  coalesced = find_check (GTK_WIDGET (window), "coalesced");
  per_event = find_check (GTK_WIDGET (window), "per-event");
  g_assert_nonnull (coalesced);
  g_assert_nonnull (per_event);
  g_assert_true (gtk_check_button_get_active (coalesced));
  g_assert_false (gtk_check_button_get_active (per_event));

  /* Choosing a row writes the key... */
  g_assert_true (gtk_widget_activate (GTK_WIDGET (per_event)));
  iterate ();
  g_assert_cmpstr (g_settings_get_string (settings, "progress-mode"), ==, "per-event");
  g_assert_true (gtk_check_button_get_active (per_event));
  g_assert_false (gtk_check_button_get_active (coalesced));

  /* ...and a change of the key from elsewhere moves the choice. */
  g_settings_set_string (settings, "progress-mode", "coalesced");
  iterate ();
  g_assert_true (gtk_check_button_get_active (coalesced));
  g_assert_false (gtk_check_button_get_active (per_event));

  gtk_window_destroy (window);
}

static void
collect_ellipsized (GtkWidget *widget,
                    GString   *cut)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (widget))))
    g_string_append_printf (cut, "“%s” ", gtk_label_get_label (GTK_LABEL (widget)));

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_ellipsized (child, cut);
}

/* D15 of the UX review: the Progress Updates value read "Coalesced, once per fr…" at the
 * default size, "Zusamme…" in German. No label may be cut, at the default width or at a
 * phone's 360 px. */
static void
test_nothing_cut (gconstpointer data)
{
  int width = GPOINTER_TO_INT (data);
  GtkWindow *window = GTK_WINDOW (juggler_preferences_window_new ());
  g_autoptr(GString) cut = g_string_new (NULL);

  if (width > 0)
    gtk_window_set_default_size (window, width, 640);
  juggler_test_present (window);
  iterate ();

  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, width > 0 ? width : 560);
  collect_ellipsized (GTK_WIDGET (window), cut);
  if (cut->len > 0)
    g_test_message ("cut off: %s", cut->str);
  g_assert_cmpuint (cut->len, ==, 0);

  gtk_window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
#ifdef TEST_LOCALEDIR
  bindtextdomain (GETTEXT_PACKAGE, TEST_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  /* GtkBuilder templates translate with the default domain, as in main.c. */
  textdomain (GETTEXT_PACKAGE);
#endif

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/preferences/progress-mode", test_progress_mode);
  g_test_add_data_func ("/preferences/nothing-cut/default-size", GINT_TO_POINTER (0),
                        test_nothing_cut);
  g_test_add_data_func ("/preferences/nothing-cut/360px", GINT_TO_POINTER (360),
                        test_nothing_cut);

  return g_test_run ();
}
