/* juggler-net-controls.h: the Network page's sidebar: strategy, requests, target and execution
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "juggler-controls.h"

#include "juggler-http-workload.h"
#include "juggler-run.h"

G_BEGIN_DECLS

#define JUGGLER_TYPE_NET_CONTROLS (juggler_net_controls_get_type ())

G_DECLARE_FINAL_TYPE (JugglerNetControls, juggler_net_controls, JUGGLER, NET_CONTROLS, JugglerControls)

/*
 * Properties: "can-start" (read-only): FALSE while the URL typed in is invalid.
 */

/* Binds the controls to the net-* keys of settings (the window's, maybe delayed). */
void                   juggler_net_controls_set_settings         (JugglerNetControls *self,
                                                                  GSettings          *settings);
/* The strategies of the buttons, in their order. */
const JugglerStrategy *juggler_net_controls_get_strategies       (guint              *n_strategies);
/* The URL typed in, trimmed; empty means the embedded server. */
char                  *juggler_net_controls_dup_url              (JugglerNetControls *self);
/* Applies concurrency, workers and connection limits to a new run. */
void                   juggler_net_controls_configure_run        (JugglerNetControls *self,
                                                                  JugglerRun         *run);
/* How long a blocking run of the current settings freezes the window, or -1 if unknown. */
double                 juggler_net_controls_estimate_blocking_s  (JugglerNetControls *self);

G_END_DECLS
