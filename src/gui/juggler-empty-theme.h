/* juggler-empty-theme.h: opens the display with GTK's empty theme, the one libadwaita uses
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* In main(), while the process has one thread, before the application runs. */
void juggler_empty_theme_open_display (void);

G_END_DECLS
