/* juggler-menu-button.c: a menu button whose menu is made the first time it opens
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

  /* GTK calls this on every opening; once the menu exists, the button keeps it. The model
   * is referenced by the button before the callback's own reference goes. */
  gtk_menu_button_set_menu_model (button, model);
  gtk_menu_button_set_create_popup_func (button, NULL, NULL, NULL);
}

void
juggler_menu_button_set_menu_model_on_open (GtkMenuButton *button,
                                            GMenuModel    *model)
{
  g_return_if_fail (GTK_IS_MENU_BUTTON (button));
  g_return_if_fail (G_IS_MENU_MODEL (model));

  gtk_menu_button_set_create_popup_func (button, create_popup_cb, g_object_ref (model),
                                         g_object_unref);
}
