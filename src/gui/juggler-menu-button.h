/* juggler-menu-button.h: a menu button whose menu is made the first time it opens
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/*
 * gtk_menu_button_set_menu_model() builds the whole GtkPopoverMenu at once, a widget per
 * item with its labels and accelerators: about 7 M instructions before the first frame for
 * the window's two menus, which nobody sees then. This gives @button @model when it first
 * opens (by pointer, keyboard, F10 for a primary menu, or gtk_menu_button_popup()); from
 * then on it is a plain menu button with that model.
 */
void juggler_menu_button_set_menu_model_on_open (GtkMenuButton *button,
                                                 GMenuModel    *model);

G_END_DECLS
