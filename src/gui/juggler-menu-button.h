/* juggler-menu-button.h: a menu button whose popover is made when it first opens
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void juggler_menu_button_set_menu_model_on_open (GtkMenuButton *button,
                                                 GMenuModel    *model);

G_END_DECLS
