/* juggler-test-window.h: presenting a window in tests and finding its controls, boundedly
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "juggler-test-run.h"

G_BEGIN_DECLS

/* g_test_init (), then GTK and libadwaita; FALSE without a display, the suite then skipped:
 * return g_test_run (). */
gboolean   juggler_test_init_display   (int         *argc,
                                        char      ***argv);
/* Presents the window and waits until it is mapped. */
void       juggler_test_present        (GtkWindow  *window);
/* The first widget of type under root, root itself included, depth first; or NULL. */
gpointer   juggler_test_find_widget    (GtkWidget  *root,
                                        GType       type);
/* The first widget under root whose action is action_name ("win.start"), or NULL. */
GtkWidget *juggler_test_find_actionable (GtkWidget  *root,
                                         const char *action_name);
/* Whether the widget of action_name under root can be activated: what a user sees of an
 * action's enabled state. */
gboolean   juggler_test_action_enabled (GtkWidget  *root,
                                        const char *action_name);
/* Iterates the default main context until the object is finalized; FALSE after
 * timeout_s. */
gboolean   juggler_test_wait_finalized (gpointer    object,
                                        guint       timeout_s);

G_END_DECLS
