/* juggler-menu-button.c: a menu button whose popover is made when it first opens
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-menu-button"

#include "config.h"

#include "juggler-menu-button.h"

static void
create_popup_cb (GtkMenuButton *button,
                 gpointer       user_data)
{
  GMenuModel *model = user_data;

  /* Once: from now on the button has its popover (which holds the model: drop ours after). */
  gtk_menu_button_set_menu_model (button, model);
  gtk_menu_button_set_create_popup_func (button, NULL, NULL, NULL);
}

/* A GtkMenuButton given a menu model builds its GtkPopoverMenu right away: the window's
 * two menus were 64 widgets (a fifth of those not shown at rest), with their CSS nodes and
 * accessible objects, kept for a menu that may never open. With this the popover is made
 * from model the first time the button opens, by click, keyboard (F10 on a primary button)
 * or screen reader, and stays. */
void
juggler_menu_button_set_menu_model_on_open (GtkMenuButton *button,
                                            GMenuModel    *model)
{
  g_return_if_fail (GTK_IS_MENU_BUTTON (button));
  g_return_if_fail (G_IS_MENU_MODEL (model));

  gtk_menu_button_set_create_popup_func (button, create_popup_cb, g_object_ref (model),
                                         g_object_unref);
}
