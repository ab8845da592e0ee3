/* juggler-sourceview.h: GtkSourceView, loaded the first time code is shown
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Loads GtkSourceView into the process, once; FALSE (and one warning) when it cannot be, and
 * the functions below then make plain GTK text widgets. UI thread only. */
gboolean       juggler_sourceview_load             (void);
/* A GtkSourceBuffer highlighting language_id ("c"), matching brackets not highlighted; a
 * GtkTextBuffer without GtkSourceView. */
GtkTextBuffer *juggler_sourceview_new_buffer       (const char    *language_id);
/* Sets a buffer from juggler_sourceview_new_buffer() to the style scheme scheme_id. */
void           juggler_sourceview_set_style_scheme (GtkTextBuffer *buffer,
                                                    const char    *scheme_id);
/* A GtkSourceView of buffer with line numbers and 8-column tabs; a GtkTextView without. */
GtkWidget     *juggler_sourceview_new_view         (GtkTextBuffer *buffer);

G_END_DECLS
