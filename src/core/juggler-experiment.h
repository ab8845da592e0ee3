/* juggler-experiment.h: the experiment that tests one claim on this machine, and its result
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "juggler-claim.h"

G_BEGIN_DECLS

/* One point of an experiment's chart, e.g. ("threads", 2 workers, 1.9× speed-up). */
typedef struct
{
  char   *series;
  double  x;
  double  y;
} JugglerPoint;

typedef struct
{
  const JugglerClaim *claim;
  gboolean            quick;
  guint               cores;
  double              wall_s;
  JugglerVerdict      verdict;
  char               *rule;
  /* Name → number (or, for a few, a string); names end in their unit (_s, _ms, _kb...). */
  JsonObject         *figures;
  GArray             *points;    /* JugglerPoint, in the order they were measured */
} JugglerClaimResult;

void                juggler_claim_result_free    (JugglerClaimResult *self);
/* {"claim":ID,"verdict":...,"figures":{...},"rule":"...",...}, one line. */
char               *juggler_claim_result_to_json (const JugglerClaimResult *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JugglerClaimResult, juggler_claim_result_free)

#define JUGGLER_TYPE_EXPERIMENT (juggler_experiment_get_type ())

G_DECLARE_FINAL_TYPE (JugglerExperiment, juggler_experiment, JUGGLER, EXPERIMENT, GObject)

/*
 * An experiment runs in a thread of its own, on a main context of its own: its runs block
 * nothing of the caller's, and the loop it measures is its own. Only one runs at a time in
 * the process (a second start fails with G_IO_ERROR_BUSY): the experiments measure the
 * whole machine.
 *
 * Signal "point" (const char *series, double x, double y), on the caller's main context:
 * a point of the chart as soon as it is measured.
 */

/* claim_id must name a measurable claim; quick shrinks every size for tests and a first look. */
JugglerExperiment  *juggler_experiment_new         (const char          *claim_id,
                                                    gboolean             quick);
const JugglerClaim *juggler_experiment_get_claim   (JugglerExperiment   *self);
/* The caller's main context is a window's: an experiment that measures a GUI's loop (the
 * gui claim) then runs its requests on it rather than on a loop of its own, and the caller
 * adds the window's frames to the result with juggler_claim_result_add_frames(). */
void                juggler_experiment_set_use_caller_loop (JugglerExperiment *self,
                                                            gboolean           use_caller_loop);
void                juggler_experiment_run_async   (JugglerExperiment   *self,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
JugglerClaimResult *juggler_experiment_run_finish  (JugglerExperiment   *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

/* The verdict figures lead to under claim's rule; the same as an experiment would give. */
JugglerClaimResult *juggler_claim_result_new       (const JugglerClaim  *claim,
                                                    JsonObject          *figures);
/* The intervals (ms) between a window's frames while the experiment ran, and (may be NULL)
 * the CPU time its UI thread spent in each: frames, frame_p50_ms, frame_p99_ms,
 * frame_max_ms, ui_cpu_p99_ms and ui_cpu_max_ms join the figures, and the verdict is
 * decided again (the gui claim's rule reads them). Sorts both arrays. */
void                juggler_claim_result_add_frames (JugglerClaimResult *self,
                                                     double             *intervals_ms,
                                                     double             *ui_cpu_ms,
                                                     guint               n_intervals);

G_END_DECLS
