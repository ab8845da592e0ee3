/* juggler-test-window.c: presenting a window in tests and finding its controls, boundedly
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "juggler-test-window.h"

#include <adwaita.h>

/* Generous: only a broken display makes a test wait this long. */
#define MAP_TIMEOUT_S 10

static void
set_flag_cb (GtkWidget *widget,
             gpointer   user_data)
{
  *(gboolean *) user_data = TRUE;
}

void
juggler_test_present (GtkWindow *window)
{
  gboolean mapped = FALSE;
  gulong handler = g_signal_connect (window, "map", G_CALLBACK (set_flag_cb), &mapped);

  gtk_window_present (window);
  g_assert_true (juggler_test_iterate_until (&mapped, MAP_TIMEOUT_S));
  g_signal_handler_disconnect (window, handler);
}

GtkWidget *
juggler_test_find_actionable (GtkWidget  *root,
                              const char *action_name)
{
  if (GTK_IS_ACTIONABLE (root) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action_name) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = juggler_test_find_actionable (child, action_name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

gboolean
juggler_test_action_enabled (GtkWidget  *root,
                             const char *action_name)
{
  GtkWidget *widget = juggler_test_find_actionable (root, action_name);

  g_assert_nonnull (widget);
  return gtk_widget_get_sensitive (widget);
}

static void
weak_notify_cb (gpointer  data,
                GObject  *where_the_object_was)
{
  *(gboolean *) data = TRUE;
}

gboolean
juggler_test_wait_finalized (gpointer object,
                             guint    timeout_s)
{
  gboolean finalized = FALSE;
  gboolean done;

  g_object_weak_ref (object, weak_notify_cb, &finalized);
  done = juggler_test_iterate_until (&finalized, timeout_s);
  if (!done)
    g_object_weak_unref (object, weak_notify_cb, &finalized);

  return done;
}

gboolean
juggler_test_init_display (int    *argc,
                           char ***argv)
{
  g_test_init (argc, argv, NULL);

  if (!gtk_init_check ())
    {
      g_test_skip ("no display");
      return FALSE;
    }
  adw_init ();

  return TRUE;
}

gpointer
juggler_test_find_widget (GtkWidget *root,
                          GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      gpointer found = juggler_test_find_widget (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}
