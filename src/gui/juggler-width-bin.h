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

/*
 * For a page of a homogeneous GtkStack that only has to keep the stack as tall as itself:
 * while the stack shows another page, the bin asks its child for its height at the width
 * given and for nothing else, and gives no width. A wrapped label measured so lays out its
 * text once, at the width it will get, instead of three more times for widths (the
 * narrowest, the unwrapped one) that only the page shown decides. The stack keeps the
 * tallest page's height, so that showing another page moves nothing below it. Off by
 * default. In a .ui file: the "hidden-height-only" property.
 */
void       juggler_width_bin_set_hidden_height_only (JugglerWidthBin *self,
                                                     gboolean         hidden_height_only);

G_END_DECLS
