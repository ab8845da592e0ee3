/* juggler-test-window.c: waiting for a window in tests, with a timeout instead of a hang
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "juggler-test-window.h"

/* Generous: only a broken display makes a test wait this long. */
#define MAP_TIMEOUT_S 10

static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

void
juggler_test_wait_for (gboolean *flag,
                       guint     timeout_s)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (timeout_s, timeout_cb, &timed_out);

  while (!*flag && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (!timed_out)
    g_source_remove (id);
  g_assert_false (timed_out);
}

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
  juggler_test_wait_for (&mapped, MAP_TIMEOUT_S);
  g_signal_handler_disconnect (window, handler);
}
