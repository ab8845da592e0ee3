/* juggler-class-warm-up.h: the first window's widget classes initialised in a thread while GTK and libadwaita start
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Call on the UI thread before GtkApplication's startup; join the thread it returns before
 * the first window is made. NULL with GTK or libadwaita versions not checked for it. */
GThread  *juggler_class_warm_up_start             (void);

/* For the tests: whether these GTK and libadwaita versions are the ones checked, and the part
 * juggler_class_warm_up_start() runs on the UI thread, which registers the types and returns
 * the ones the thread initialises (free with g_free()). */
gboolean  _juggler_class_warm_up_checked_versions (void);
GType    *_juggler_class_warm_up_prepare          (guint *n_types);

G_END_DECLS
