/* juggler-test-widget.c: helpers for the widget tests: counting property notifications
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "juggler-test-widget.h"

static void
count_cb (GObject    *object,
          GParamSpec *pspec,
          gpointer    user_data)
{
  (*(guint *) user_data)++;
}

void
juggler_test_count_notify (gpointer    object,
                           const char *property,
                           guint      *count)
{
  g_autofree char *signal = g_strconcat ("notify::", property, NULL);

  *count = 0;
  g_signal_connect (object, signal, G_CALLBACK (count_cb), count);
}

void
juggler_test_assert_notify_once (gpointer      object,
                                 const char   *property,
                                 const GValue *value)
{
  guint count;

  juggler_test_count_notify (object, property, &count);
  g_object_set_property (object, property, value);
  g_object_set_property (object, property, value);
  g_signal_handlers_disconnect_by_data (object, &count);

  g_assert_cmpuint (count, ==, 1);
}

void
juggler_test_flush (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}
