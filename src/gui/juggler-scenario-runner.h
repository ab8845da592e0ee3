/* juggler-scenario-runner.h: a scenario applied to a window: its settings, its run, its report and exit status
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "juggler-scenario.h"
#include "juggler-window.h"

G_BEGIN_DECLS

/* Takes the scenario. Its values go into the window's settings, delayed so that they never
 * reach the user's; with --run-scenario the run starts once the window has settled, its
 * report is written, the application's exit status set (1: the run failed, 2: its workload
 * was invalid) and, with --quit-when-done or on failure, the window closed. */
void juggler_scenario_runner_attach (JugglerWindow   *window,
                                     JugglerScenario *scenario);

G_END_DECLS
