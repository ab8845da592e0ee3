/* juggler-class-warm-up.h: the first window's widget classes initialised in a thread while GTK and libadwaita start
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Call on the UI thread before GtkApplication's startup; join the thread it returns before
 * the first window is made. NULL with GTK or libadwaita versions not checked for it. */
GThread *juggler_class_warm_up_start (void);

G_END_DECLS
