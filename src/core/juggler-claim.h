/* juggler-claim.h: the claims of the usual "event loop vs threads" advice, and the rules
 * that turn an experiment's figures into a verdict
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum
{
  JUGGLER_VERDICT_CONFIRMED,
  JUGGLER_VERDICT_REFUTED,
  JUGGLER_VERDICT_PARTLY,
  /* The claim is a number, not a yes or no, or this machine cannot decide it. */
  JUGGLER_VERDICT_MEASURED,
} JugglerVerdict;

/* The rule that decides a claim: a verdict from figures alone, no timing, no state, so
 * each threshold can be tested on figures handed to it. *rule gets the rule in a
 * sentence, thresholds included. */
typedef JugglerVerdict (*JugglerClaimRule) (JsonObject  *figures,
                                            char       **rule);

typedef struct
{
  const char       *id;
  /* In plain words, translatable (N_). */
  const char       *statement;
  /* What runs, in a sentence (N_); for an opinion, why it cannot be measured. */
  const char       *experiment;
  /* NULL for an opinion. */
  JugglerClaimRule  decide;
  /* The figures a reader needs to check the verdict, NULL-terminated. */
  const char       *deciding[10];
  /* Below this many cores the experiment cannot show the effect (1: any machine). */
  guint             min_cores;
  /* Axes of the experiment's chart (N_): x, then y. */
  const char       *x_axis;
  const char       *y_axis;
  /* Where the effect can be watched live: a page ("cpu", "net") and a strategy nick. */
  const char       *page;
  const char       *strategy;
  /* The x axis names kinds (strategies, variants), not amounts: its positions mean nothing,
   * each kind is a series of its own and the legend names it. */
  gboolean          x_is_kind;
  /* The series have units of their own (in their names): each is drawn to a scale of its
   * own, its largest value at the top, which the legend gives. */
  gboolean          y_per_series;
} JugglerClaim;

const char         *juggler_verdict_to_string (JugglerVerdict verdict);
/* Translated, capitalised: "Confirmed". */
const char         *juggler_verdict_get_title (JugglerVerdict verdict);

/* Every claim in the order the page and the bench show them, opinions last. */
const JugglerClaim *juggler_claims_get        (guint         *n_claims);
/* Also accepts "race" for "locks". NULL when there is no such claim. */
const JugglerClaim *juggler_claim_lookup      (const char    *id);
gboolean            juggler_claim_is_opinion  (const JugglerClaim *claim);
/* The cores this process may run on (its affinity mask, as `taskset` sets it), at least 1. */
guint               juggler_claims_count_cores (void);
/* The claims that need more cores than cores, by id, comma-separated; NULL when none. */
char               *juggler_claims_dup_needing_cores (guint cores);
/* A figure, or NAN when figures lacks it or it is not a number. */
double              juggler_claim_get_figure  (JsonObject    *figures,
                                               const char    *name);
/* A figure as it is shown: integers whole ("1000000", not "1e+06"), other numbers as %g
 * (they are recorded rounded), strings as they are; NULL when figures lacks it. */
char               *juggler_claim_dup_figure_text (JsonObject *figures,
                                                   const char *name);
/* A figure of claim's in words, translated ("Wall time, async"), NULL when it has none.
 * The figure's name stays what JSON and the bench's table say. */
const char         *juggler_claim_get_figure_label (const JugglerClaim *claim,
                                                    const char         *name);
/* A figure as a person reads it, label, value and unit: "Wall time, async: 76.2 ms",
 * durations in the unit that reads best; NULL when figures lacks it. */
char               *juggler_claim_dup_figure_display (const JugglerClaim *claim,
                                                      JsonObject         *figures,
                                                      const char         *name);
/* An opinion as `juggler-bench claims --json` gives it: verdict "opinion", no figures, and
 * why it cannot be measured as its rule. */
char               *juggler_claim_opinion_to_json (const JugglerClaim *claim);

G_END_DECLS
