/* juggler-empty-theme.c: opens the display with GTK's empty theme, the one libadwaita uses
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-empty-theme"

#include "config.h"

#include "juggler-empty-theme.h"

#include <gtk/gtk.h>

/* libadwaita 1.2 styles the window with a stylesheet of its own over an empty GTK theme,
 * "Adwaita-empty", which adw_init() sets. But by then GTK has parsed its default theme, when
 * it made the display's settings: about 80 M instructions on the UI thread, a fifth of all
 * before the first frame, for rules that are dropped before any widget is styled. Asking
 * GTK for the empty theme from the start, through GTK_THEME, gives the same first frame
 * without that work. GTK_THEME must be gone again before adw_init(), which would take it for
 * the user's choice of a theme and leave its stylesheet out; GTK reads it afresh each time
 * it loads a theme, so from then on the setting rules, as before.
 *
 * setenv() runs while the process has one thread. gtk_init() starts threads (Pango's
 * fontconfig set-up), but GTK_THEME, added here, is the environment's last entry: unsetting
 * it clears that one slot, and moves no other entry under a thread that reads the
 * environment. A GTK_THEME the user set is left alone; without a display nothing changes. */
void
juggler_empty_theme_open_display (void)
{
  if (g_getenv ("GTK_THEME") != NULL)
    return;

  g_setenv ("GTK_THEME", "Adwaita-empty", TRUE);
  if (gtk_init_check ())
    gtk_settings_get_for_display (gdk_display_get_default ());
  g_unsetenv ("GTK_THEME");
}
