/* juggler-window.h: the main window: strategy switcher, controls, canvas, canary and charts
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "juggler-application.h"
#include "juggler-scenario.h"

G_BEGIN_DECLS

#define JUGGLER_TYPE_WINDOW (juggler_window_get_type ())

G_DECLARE_FINAL_TYPE (JugglerWindow, juggler_window, JUGGLER, WINDOW, AdwApplicationWindow)

/* Takes the scenario (may be NULL): its values override the settings for this window only. */
JugglerWindow *juggler_window_new         (JugglerApplication *application,
                                           JugglerScenario    *scenario);
gboolean       juggler_window_get_running (JugglerWindow      *self);
/* Starts a run with the current settings; FALSE (and a toast) if it cannot start. */
gboolean       juggler_window_start       (JugglerWindow      *self);
void           juggler_window_stop        (JugglerWindow      *self);

G_END_DECLS
