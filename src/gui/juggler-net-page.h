/* juggler-net-page.h: the Network page's controls, and the embedded server they target
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "juggler-http-workload.h"
#include "juggler-run.h"

G_BEGIN_DECLS

#define JUGGLER_TYPE_NET_PAGE (juggler_net_page_get_type ())

G_DECLARE_FINAL_TYPE (JugglerNetPage, juggler_net_page, JUGGLER, NET_PAGE, GtkBox)

/*
 * Properties: "can-start" (read-only): FALSE while the URL typed in is invalid.
 */

/* Binds the controls to the net-* keys of settings (the window's, maybe delayed). */
void                 juggler_net_page_set_settings    (JugglerNetPage  *self,
                                                       GSettings       *settings);
gboolean             juggler_net_page_get_can_start   (JugglerNetPage  *self);
/* A workload for the current settings; starts the embedded server the first time it is
 * needed (it stops when the page is disposed). */
JugglerHttpWorkload *juggler_net_page_create_workload (JugglerNetPage  *self,
                                                       GError         **error);
/* Applies concurrency, workers and connection limits to a new run. */
void                 juggler_net_page_configure_run   (JugglerNetPage  *self,
                                                       JugglerRun      *run);
/* How long a blocking run of the current settings freezes the window, or -1 if unknown. */
double               juggler_net_page_estimate_blocking_s (JugglerNetPage *self);

G_END_DECLS
