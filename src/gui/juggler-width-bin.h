/* juggler-width-bin.h: a bin whose width does not depend on its height, for wrapped text in a GtkStack
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define JUGGLER_TYPE_WIDTH_BIN (juggler_width_bin_get_type ())

G_DECLARE_FINAL_TYPE (JugglerWidthBin, juggler_width_bin, JUGGLER, WIDTH_BIN, GtkWidget)

/*
 * GTK 4.8's GtkStack asks its visible child for its minimum width at the stack's height on
 * every allocation. Through boxes and list rows, that reaches every wrapping label below as a
 * search for the narrowest width that fits the height: ten or more Pango layouts per label,
 * for a width the stack then does not use (the stack's own width is already at least the
 * child's minimum). Between the stack and its page, this bin answers a width asked for a
 * given height with the width asked for none, and passes everything else through: the page
 * is laid out exactly as before.
 */
GtkWidget *juggler_width_bin_new       (GtkWidget       *child);

GtkWidget *juggler_width_bin_get_child (JugglerWidthBin *self);
/* Replaces the child (NULL: none). In a .ui file: the "child" property. */
void       juggler_width_bin_set_child (JugglerWidthBin *self,
                                        GtkWidget       *child);

G_END_DECLS
