/* juggler-run.h: a workload executed under a strategy that can change mid-run
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "juggler-report.h"
#include "juggler-trace.h"
#include "juggler-types.h"
#include "juggler-workload.h"

G_BEGIN_DECLS

#define JUGGLER_TYPE_RUN (juggler_run_get_type ())

G_DECLARE_FINAL_TYPE (JugglerRun, juggler_run, JUGGLER, RUN, GObject)

/*
 * Signals, emitted on the run's main context:
 *   "job-done" (guint index, guint worker): a job was merged into the workload; worker is
 *   0 for the UI thread, else 1, 2, ... in the order worker threads first finished a job.
 *   A thread keeps its number if a later pool reuses it (GLib keeps idle pool threads).
 * Property: "strategy", a JugglerStrategy (notified on every switch).
 */

/* What the UI thread knows of a run at one instant. */
typedef struct
{
  guint   jobs_done;
  guint   jobs_total;
  guint64 steps_done;
  guint64 steps_total;
  /* Predicted work (juggler_workload_get_work_total()): steps when all cost the same. */
  guint64 work_done;
  guint64 work_total;
  gint64  elapsed_us;
} JugglerProgress;

/* Time left at the rate of predicted work measured so far, or -1 before there is one. */
gint64               juggler_progress_estimate_remaining_us (const JugglerProgress *progress);

JugglerRun          *juggler_run_new                (JugglerWorkload      *workload,
                                                     JugglerStrategy       strategy,
                                                     guint                 n_workers);
JugglerWorkload     *juggler_run_get_workload       (JugglerRun           *self);
JugglerStrategy      juggler_run_get_strategy       (JugglerRun           *self);
guint                juggler_run_get_n_workers      (JugglerRun           *self);
void                 juggler_run_set_n_workers      (JugglerRun           *self,
                                                     guint                 n_workers);
/* Async requests in flight at once (network workloads). */
guint                juggler_run_get_concurrency    (JugglerRun           *self);
void                 juggler_run_set_concurrency    (JugglerRun           *self,
                                                     guint                 concurrency);
/* FALSE leaves libsoup's default connection limits: the untuned anti-pattern. */
gboolean             juggler_run_get_tune_connections (JugglerRun         *self);
void                 juggler_run_set_tune_connections (JugglerRun         *self,
                                                       gboolean            tune);
gboolean             juggler_run_get_nice           (JugglerRun           *self);
void                 juggler_run_set_nice           (JugglerRun           *self,
                                                     gboolean              nice);
void                 juggler_run_set_progress_mode  (JugglerRun           *self,
                                                     JugglerProgressMode   mode);
/* Rotates through the workload's strategies in enum order every interval_ms (0: never). */
void                 juggler_run_set_switch_every   (JugglerRun           *self,
                                                     guint                 interval_ms);
/* Records the run's spans into trace (NULL: none, the default); set before executing. */
void                 juggler_run_set_trace          (JugglerRun           *self,
                                                     JugglerTrace         *trace);
JugglerTrace        *juggler_run_get_trace          (JugglerRun           *self);
gboolean             juggler_run_is_running         (JugglerRun           *self);
/* Jobs in flight finish where they are; the rest go to the new strategy. */
void                 juggler_run_switch_strategy    (JugglerRun           *self,
                                                     JugglerStrategy       strategy);
/* Called once per frame by the UI; takes the global lock when that strategy runs. */
void                 juggler_run_sample             (JugglerRun           *self,
                                                     JugglerProgress      *progress);

/* Runs on the thread-default main context. Cancelling still completes with a report
 * whose cancelled is TRUE; errors are only for runs that could not start. */
void                 juggler_run_execute_async      (JugglerRun           *self,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
JugglerReport       *juggler_run_execute_finish     (JugglerRun           *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);

G_END_DECLS
