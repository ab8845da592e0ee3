/* juggler-test-widget.h: helpers for the widget tests: counting property notifications
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Connects a counter of object's notify::property; *count starts at 0. */
void juggler_test_count_notify        (gpointer    object,
                                       const char *property,
                                       guint      *count);
/* Sets property to value twice, as libadwaita's tests do: exactly one notification, since
 * the second set changes nothing. value must differ from the property's current value. */
void juggler_test_assert_notify_once  (gpointer      object,
                                       const char   *property,
                                       const GValue *value);
/* Iterates the default main context until nothing is pending. */
void juggler_test_flush               (void);

G_END_DECLS
