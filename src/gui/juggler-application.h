/* juggler-application.h: the application, its command line and its app-wide actions
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define JUGGLER_TYPE_APPLICATION (juggler_application_get_type ())

G_DECLARE_FINAL_TYPE (JugglerApplication, juggler_application, JUGGLER, APPLICATION, AdwApplication)

JugglerApplication *juggler_application_new             (void);
/* What main() returns when the main loop ends; scenarios set it when they fail. */
int                 juggler_application_get_exit_status (JugglerApplication *self);
void                juggler_application_set_exit_status (JugglerApplication *self,
                                                         int                 status);

G_END_DECLS
