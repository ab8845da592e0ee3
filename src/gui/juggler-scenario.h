/* juggler-scenario.h: command-line overrides and the automated run they may ask for
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "juggler-run-options.h"

G_BEGIN_DECLS

/* Every field is "unset" at 0 / -1 / NULL; set fields override GSettings without being
 * written to it. run_options holds what juggler-run-options parsed and checked, with the
 * same limits as juggler-bench: the workload, strategy and sizes. */
typedef struct
{
  gboolean  run;              /* --run-scenario=cpu|net|claims: start as soon as the window is mapped */
  gboolean  claims;           /* --run-scenario=claims: Run All on the Claims page */
  gboolean  quick;            /* --quick: the claims at their quick sizes */
  char     *claim_id;         /* --claim=ID: that claim alone */
  gboolean  quit_when_done;
  char     *report_path;
  JugglerRunOptions run_options;  /* --run-scenario=cpu|net sets its kind */
} JugglerScenario;

/* The entries add_main_option_entries() needs; numbers are strings so that a bad value
 * gets our message and exit status rather than GOption's: juggler-run-options' entries
 * plus the scenario's own. */
const GOptionEntry *juggler_scenario_get_option_entries (void);
/* NULL when no option was given; sets error (G_OPTION_ERROR) on an invalid value, with a
 * message that names the option. */
JugglerScenario    *juggler_scenario_new_from_options   (GVariantDict     *options,
                                                         GError          **error);
void                juggler_scenario_free               (JugglerScenario  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JugglerScenario, juggler_scenario_free)

G_END_DECLS
