/* juggler-preferences-window.h: settings that shape a run but need no place in the main view
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define JUGGLER_TYPE_PREFERENCES_WINDOW (juggler_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (JugglerPreferencesWindow, juggler_preferences_window,
                      JUGGLER, PREFERENCES_WINDOW, AdwPreferencesWindow)

JugglerPreferencesWindow *juggler_preferences_window_new (void);

G_END_DECLS
