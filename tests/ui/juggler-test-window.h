/* juggler-test-window.h: waiting for a window in tests, with a timeout instead of a hang
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Iterates the default main context until *flag is set; fails the test after timeout_s. */
void juggler_test_wait_for (gboolean  *flag,
                            guint      timeout_s);
/* Presents the window and waits until it is mapped. */
void juggler_test_present  (GtkWindow *window);

G_END_DECLS
