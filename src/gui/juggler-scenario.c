/* juggler-scenario.c: command-line overrides and the automated run they may ask for
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-scenario"

#include "config.h"

#include "juggler-scenario.h"

#include <glib/gi18n.h>

#include "juggler-claim.h"

static const GOptionEntry scenario_entries[] = {
  { "run-scenario", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Start a run as soon as the window is shown: cpu, net or claims (every claim)"),
    N_("WORKLOAD") },
  { "report", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Write the report of the run as JSON to FILE"), N_("FILE") },
  { "quit-when-done", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Quit when the run has finished"), NULL },
  { "quick", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("With --run-scenario=claims: the experiments at their quick sizes"), NULL },
  { "claim", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With --run-scenario=claims: run only the claim ID"), N_("ID") },
  { NULL }
};

/* Built once: GApplication keeps reading the entries while it runs. */
static gpointer
build_option_entries (gpointer data)
{
  GArray *entries = g_array_new (TRUE, TRUE, sizeof (GOptionEntry));
  const GOptionEntry *run_entries = juggler_run_options_get_dict_entries ();

  g_array_append_vals (entries, scenario_entries, 1);
  for (guint i = 0; run_entries[i].long_name != NULL; i++)
    g_array_append_vals (entries, &run_entries[i], 1);
  for (guint i = 1; scenario_entries[i].long_name != NULL; i++)
    g_array_append_vals (entries, &scenario_entries[i], 1);

  return g_array_free (entries, FALSE);
}

const GOptionEntry *
juggler_scenario_get_option_entries (void)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, build_option_entries, NULL);

  return once.retval;
}

JugglerScenario *
juggler_scenario_new_from_options (GVariantDict  *options,
                                   GError       **error)
{
  g_autoptr(JugglerScenario) self = g_new0 (JugglerScenario, 1);
  JugglerWorkloadKind kind = JUGGLER_WORKLOAD_CPU;
  const char *text;
  gboolean any = FALSE;
  gboolean flag;

  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* The kind first: it says what --size and --strategy mean. */
  if (g_variant_dict_lookup (options, "run-scenario", "&s", &text))
    {
      self->claims = g_str_equal (text, "claims");
      if (!self->claims && !juggler_workload_kind_from_string (text, &kind))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("--run-scenario: unknown scenario “%s”; use cpu, net or claims"), text);
          return NULL;
        }
      self->run = any = TRUE;
    }

  juggler_run_options_init (&self->run_options, kind, 0);
  if (!juggler_run_options_set_from_dict (&self->run_options, options, &any, error) ||
      !juggler_run_options_validate (&self->run_options, error))
    return NULL;

  if (g_variant_dict_lookup (options, "report", "^ay", &self->report_path))
    any = TRUE;

  if (g_variant_dict_lookup (options, "quit-when-done", "b", &flag) && flag)
    {
      self->quit_when_done = TRUE;
      any = TRUE;
    }

  if (g_variant_dict_lookup (options, "quick", "b", &flag) && flag)
    {
      if (!self->claims)
        {
          g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                               _("--quick needs --run-scenario=claims"));
          return NULL;
        }
      self->quick = TRUE;
    }

  if (g_variant_dict_lookup (options, "claim", "s", &self->claim_id))
    {
      const JugglerClaim *claim = juggler_claim_lookup (self->claim_id);

      if (!self->claims || claim == NULL || juggler_claim_is_opinion (claim))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("--claim: “%s” is not a measurable claim, or --run-scenario=claims "
                         "is missing"), self->claim_id);
          return NULL;
        }
    }

  if ((self->report_path != NULL || self->quit_when_done ||
       self->run_options.switch_every_ms > 0) &&
      !self->run)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--report, --quit-when-done and --switch-every need "
                     "--run-scenario=cpu, net or claims"));
      return NULL;
    }

  if (!any)
    return NULL;

  return g_steal_pointer (&self);
}

void
juggler_scenario_free (JugglerScenario *self)
{
  if (self == NULL)
    return;

  juggler_run_options_clear (&self->run_options);
  g_free (self->report_path);
  g_free (self->claim_id);
  g_free (self);
}
