/* juggler-window.h: the main window: hosts the pages, their controls and the live charts, runs one run at a time
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "juggler-application.h"
#include "juggler-run.h"
#include "juggler-scenario.h"

G_BEGIN_DECLS

#define JUGGLER_TYPE_WINDOW (juggler_window_get_type ())

G_DECLARE_FINAL_TYPE (JugglerWindow, juggler_window, JUGGLER, WINDOW, AdwApplicationWindow)

/*
 * Properties: "running" (read-only): a run goes (on any page); "page" (string): the name of
 * the page shown ("cpu", "net"), also the state of the win.page action.
 * Signals:
 *   "run-finished" (const JugglerReport *report): the run reported, frame figures included;
 *   "run-failed" (GError *error, gboolean started): no run (its workload could not be made,
 *   started FALSE) or a run that could not execute (started TRUE).
 */

/* Takes the scenario (may be NULL): its values override the settings for this window only,
 * and it may start a run and close the window (see juggler-scenario-runner.h). */
JugglerWindow *juggler_window_new              (JugglerApplication *application,
                                                JugglerScenario    *scenario);
gboolean       juggler_window_get_running      (JugglerWindow      *self);
/* Starts a run of the page shown; FALSE (with a toast, or a status saying why) if it
 * cannot start. */
gboolean       juggler_window_start            (JugglerWindow      *self);
/* Stops the run of the page shown, if it has one. */
void           juggler_window_stop             (JugglerWindow      *self);
/* The run going, or NULL. */
JugglerRun    *juggler_window_get_run          (JugglerWindow      *self);
/* The window's settings object, which a scenario delays. */
GSettings     *juggler_window_get_settings     (JugglerWindow      *self);
/* Runs of options->kind started from now get options (workers, rotation, nice...) applied
 * on top of the page's settings by juggler_run_options_apply(), as juggler-bench does;
 * options must outlive the window's runs. NULL: the settings alone. */
void           juggler_window_set_run_options  (JugglerWindow           *self,
                                                const JugglerRunOptions *options);

G_END_DECLS
