/* juggler-bench-claims.c: `juggler-bench claims`, every claim's experiment run headless, with
 * its verdict and the figures that decided it
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-bench"

#include "config.h"

#include "juggler-bench.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <stdlib.h>

#include "juggler-bench-common.h"
#include "juggler-experiment.h"

typedef struct
{
  JugglerClaimResult *result;
  GError             *error;
  gboolean            done;
} Outcome;

static void
experiment_done_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Outcome *outcome = user_data;

  outcome->result = juggler_experiment_run_finish (JUGGLER_EXPERIMENT (object), result,
                                                   &outcome->error);
  outcome->done = TRUE;
}

static char *
format_figure (JsonObject *figures,
               const char *name)
{
  g_autofree char *text = juggler_claim_dup_figure_text (figures, name);

  return text != NULL ? g_strdup_printf ("%s=%s", name, text) : NULL;
}

static void
print_row (const JugglerClaimResult *result)
{
  g_autoptr(GString) figures = g_string_new (NULL);

  for (guint i = 0; result->claim->deciding[i] != NULL; i++)
    {
      g_autofree char *figure = format_figure (result->figures, result->claim->deciding[i]);

      /* Those of a window (frames) are not there headless. */
      if (figure == NULL)
        continue;
      if (figures->len > 0)
        g_string_append (figures, "  ");
      g_string_append (figures, figure);
    }

  g_print ("%-19s %-10s %s\n", result->claim->id, juggler_verdict_get_title (result->verdict),
           figures->str);
  g_print ("%-19s %-10s %s (%.1f s)\n", "", "", result->rule, result->wall_s);
}

static void
print_opinion (const JugglerClaim *claim,
               gboolean            json)
{
  if (json)
    {
      g_autofree char *line = juggler_claim_opinion_to_json (claim);

      g_print ("%s\n", line);
    }
  else
    {
      g_print ("%-19s %-10s %s\n", claim->id, _("Opinion"), _(claim->experiment));
    }
}

/* Runs one claim's experiment on the thread-default loop; FALSE when it could not run. */
static gboolean
run_claim (const JugglerClaim *claim,
           gboolean            quick,
           gboolean            json)
{
  g_autoptr(JugglerExperiment) experiment = juggler_experiment_new (claim->id, quick);
  Outcome outcome = { NULL, NULL, FALSE };

  juggler_experiment_run_async (experiment, NULL, experiment_done_cb, &outcome);
  while (!outcome.done)
    g_main_context_iteration (NULL, TRUE);

  if (outcome.error != NULL)
    {
      g_printerr (_("juggler-bench claims: %s: %s\n"), claim->id, outcome.error->message);
      g_error_free (outcome.error);
      return FALSE;
    }

  if (json)
    {
      g_autofree char *line = juggler_claim_result_to_json (outcome.result);

      g_print ("%s\n", line);
    }
  else
    {
      print_row (outcome.result);
    }
  /* Each claim as soon as it is decided: the whole set takes a minute or two. */
  fflush (stdout);
  juggler_claim_result_free (outcome.result);

  return TRUE;
}

int
juggler_bench_claims (int    argc,
                      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *claim_id = NULL;
  gboolean quick = FALSE;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "claim", 0, 0, G_OPTION_ARG_STRING, &claim_id,
      N_("Only this claim (default: all of them)"), N_("ID") },
    { "quick", 0, 0, G_OPTION_ARG_NONE, &quick,
      N_("Much smaller experiments: a first look, not a verdict to quote"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("One JSON object per claim per line instead of the table"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GString) ids = g_string_new (NULL);
  const JugglerClaim *claims;
  const JugglerClaim *only = NULL;
  guint n_claims;
  gboolean all_ran = TRUE;
  gint64 start_us;

  claims = juggler_claims_get (&n_claims);
  for (guint i = 0; i < n_claims; i++)
    g_string_append_printf (ids, "%s%s", i > 0 ? ", " : "", claims[i].id);

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("Runs the experiment of every claim of the usual "
                                           "“event loop or threads” advice on this machine and "
                                           "prints its verdict with the figures that decided "
                                           "it. Verdicts do not change the exit status."));
  if (g_option_context_parse (context, &argc, &argv, &error) && argc > 1)
    bench_usage_error (&error, _("unexpected argument “%s”"), argv[1]);
  if (error == NULL && claim_id != NULL && (only = juggler_claim_lookup (claim_id)) == NULL)
    bench_usage_error (&error, _("--claim: no claim “%s” (one of %s)"), claim_id, ids->str);
  if (error != NULL)
    {
      g_printerr ("juggler-bench claims: %s\n", error->message);
      return EXIT_USAGE;
    }

  if (!json)
    g_print ("%-19s %-10s %s\n", _("Claim"), _("Verdict"), _("Deciding figures"));

  start_us = g_get_monotonic_time ();
  for (guint i = 0; i < n_claims; i++)
    {
      const JugglerClaim *claim = &claims[i];

      if (only != NULL && claim != only)
        continue;
      if (juggler_claim_is_opinion (claim))
        print_opinion (claim, json);
      else if (!run_claim (claim, quick, json))
        all_ran = FALSE;
    }

  if (!json)
    {
      guint cores = juggler_claims_count_cores ();
      g_autofree char *needing = juggler_claims_dup_needing_cores (cores);

      g_print (_("%u cores; %.1f s in all%s.\n"), cores,
               (g_get_monotonic_time () - start_us) / 1e6,
               quick ? _(", quick sizes") : "");
      if (needing != NULL)
        g_print (_("This machine has one core: these claims cannot be shown here: %s.\n"),
                 needing);
    }

  return all_ran ? EXIT_SUCCESS : EXIT_FAILURE;
}
