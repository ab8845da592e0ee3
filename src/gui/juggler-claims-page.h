/* juggler-claims-page.h: the Claims page: each claim, its experiment, chart and verdict
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "juggler-experiment.h"

G_BEGIN_DECLS

#define JUGGLER_TYPE_CLAIMS_PAGE (juggler_claims_page_get_type ())

G_DECLARE_FINAL_TYPE (JugglerClaimsPage, juggler_claims_page, JUGGLER, CLAIMS_PAGE, GtkWidget)

/*
 * Property "running" (read-only): an experiment of the page is running.
 * While one runs the page records the window's frame intervals, and adds them to its result
 * (frame_p99_ms...); the gui claim's requests run on the window's own loop.
 * Each claim's "watch it live" link activates win.page and win.strategy, when the window
 * has them.
 */

GtkWidget                *juggler_claims_page_new          (void);
gboolean                  juggler_claims_page_get_running  (JugglerClaimsPage *self);
/* Quick sizes, as the page's check button sets them. */
void                      juggler_claims_page_set_quick    (JugglerClaimsPage *self,
                                                            gboolean           quick);
/* As the claim's Run button: nothing happens while another experiment runs. */
void                      juggler_claims_page_run          (JugglerClaimsPage *self,
                                                            const char        *claim_id);
/* As Run All: every claim in order; nothing happens while an experiment runs. */
void                      juggler_claims_page_run_all      (JugglerClaimsPage *self);
/* A run goes on the page of that title (NULL: no longer): Run and Run All wait for it,
 * and the page says why. An experiment beside a run would measure the run too. */
void                      juggler_claims_page_set_busy_page (JugglerClaimsPage *self,
                                                             const char        *page_title);
/* The last result of a claim, kept until Clear; NULL before it ran. */
const JugglerClaimResult *juggler_claims_page_get_result   (JugglerClaimsPage *self,
                                                            const char        *claim_id);
/* The page as a Markdown table, and its results as JSON lines. */
char                     *juggler_claims_page_dup_markdown (JugglerClaimsPage *self);
char                     *juggler_claims_page_dup_json     (JugglerClaimsPage *self);
/* What Export JSON… writes: one JSON document, an array of one object per claim, the
 * opinions' included, each object as in `juggler-bench claims --json`. */
char                     *juggler_claims_page_dup_json_document (JugglerClaimsPage *self);

G_END_DECLS
