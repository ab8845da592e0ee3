/* juggler-result.h: one finished run as the results list shows it: what ran and what it measured
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "juggler-report.h"
#include "juggler-types.h"

G_BEGIN_DECLS

#define JUGGLER_TYPE_RESULT (juggler_result_get_type ())

G_DECLARE_FINAL_TYPE (JugglerResult, juggler_result, JUGGLER, RESULT, GObject)

/* The CPU workload a run computed, as its page built it. */
typedef struct
{
  guint width;
  guint height;
  guint tile_size;
  guint iterations;
} JugglerCpuParams;

/* Where a network run's requests went (their number and the connection limits are in the
 * report). */
typedef struct
{
  const char *url;              /* NULL or "": the embedded server */
  guint       latency_ms;       /* the embedded server's delay per request */
  guint       size;             /* the embedded server's bytes per response */
} JugglerNetParams;

/*
 * Properties: "speedup" (double, read-only): this run's wall time against its baseline's,
 * 0 without a baseline; it changes when juggler_result_set_baseline() does.
 *
 * The figures are copied out of the report: it can be freed afterwards.
 */
JugglerResult      *juggler_result_new_cpu               (const JugglerReport    *report,
                                                          const JugglerCpuParams *params);
JugglerResult      *juggler_result_new_net               (const JugglerReport    *report,
                                                          const JugglerNetParams *params);

JugglerWorkloadKind juggler_result_get_kind              (JugglerResult *self);
/* Equal for runs of the same workload parameters; only such runs are compared. */
const char         *juggler_result_get_workload_key      (JugglerResult *self);
/* "800×600 px, tile 32, 2000 iterations", "500 requests, 200 ms, 16.0 kB each". */
const char         *juggler_result_get_workload_title    (JugglerResult *self);
/* The strategies in order of use: "Worker Threads → Block the UI Thread". */
const char         *juggler_result_get_strategy_title    (JugglerResult *self);
/* "coalesced progress" or "progress per event", to follow the workload in a sentence. */
const char         *juggler_result_get_progress_title    (JugglerResult *self);

double              juggler_result_get_wall_s            (JugglerResult *self);
/* Stopped before every job was done (cancelled, or a strategy gave up). */
gboolean            juggler_result_get_stopped           (JugglerResult *self);
/* Jobs done over jobs, 0…1. */
double              juggler_result_get_done_fraction     (JugglerResult *self);
/* NAN when the run drew no frames (scripted without a window). */
double              juggler_result_get_frame_p99_ms      (JugglerResult *self);
guint               juggler_result_get_n_frames          (JugglerResult *self);
/* The longer of the worst frame interval and the worst main-loop delay. */
double              juggler_result_get_worst_stall_ms    (JugglerResult *self);

/* CPU: worker threads that computed, 1 for the strategies that compute on the UI thread. */
guint               juggler_result_get_workers           (JugglerResult *self);
/* Job CPU time ÷ wall time, as the bench's "cores" column. */
double              juggler_result_get_cores_busy        (JugglerResult *self);
/* A complete one-worker Worker Threads CPU run: what speed-ups are measured against. */
gboolean            juggler_result_is_baseline           (JugglerResult *self);
/* NULL forgets the baseline; notifies "speedup" when the figure changes. A stopped run
 * or one of another workload gets no speed-up. */
void                juggler_result_set_baseline          (JugglerResult *self,
                                                          JugglerResult *baseline);
double              juggler_result_get_speedup           (JugglerResult *self);
/* The baseline's wall time, 0 without one. */
double              juggler_result_get_baseline_wall_s   (JugglerResult *self);

/* Network: the most requests the strategies allowed in flight at once (threads,
 * connections, or 1 on the UI thread). */
guint               juggler_result_get_limit             (JugglerResult *self);
double              juggler_result_get_requests_per_s    (JugglerResult *self);
/* The limit ÷ the server's latency: the most requests/s the strategy allows; NAN when
 * the latency is not known (a URL, or 0 ms). */
double              juggler_result_get_cap_per_s         (JugglerResult *self);
double              juggler_result_get_mean_in_flight    (JugglerResult *self);
guint               juggler_result_get_peak_in_flight    (JugglerResult *self);
guint               juggler_result_get_n_requests        (JugglerResult *self);
guint               juggler_result_get_n_failed          (JugglerResult *self);
/* One line per kind of failure, most frequent first: "17 timed out\n3 refused"; NULL when
 * nothing failed. */
char               *juggler_result_dup_failures_text     (JugglerResult *self);
/* More than half of the requests done failed. */
gboolean            juggler_result_get_mostly_failed     (JugglerResult *self);
/* The machine when the run started: its cores, the 1-minute load average (< 0: unknown),
 * and whether that load made the figures noisy (juggler_report_is_noisy()). */
guint               juggler_result_get_cores             (JugglerResult *self);
double              juggler_result_get_load_average      (JugglerResult *self);
gboolean            juggler_result_get_noisy             (JugglerResult *self);
/* TRUE when a strategy of the run keeps the UI thread from responding by design (Block the
 * UI Thread, Global Lock): its stalls are the lesson, not noise. */
gboolean            juggler_result_get_stalls_on_purpose (JugglerResult *self);
/* A network run against the embedded server, which runs in this process: its threads
 * share the cores with the strategy's. */
gboolean            juggler_result_get_embedded_server   (JugglerResult *self);
/* The index-th (from 1) of n runs in a row of one configuration, with the wall times of
 * all n: their median (the run juggler-bench --repeat would show) and their spread. */
void                juggler_result_set_repeat            (JugglerResult *self,
                                                          guint          index,
                                                          guint          n,
                                                          gboolean       is_median,
                                                          double         median_s,
                                                          double         min_s,
                                                          double         max_s);
/* n, or 0 when the run was not repeated; any out argument may be NULL. */
guint               juggler_result_get_repeat            (JugglerResult *self,
                                                          guint         *index,
                                                          gboolean      *is_median,
                                                          double        *median_s,
                                                          double        *min_s,
                                                          double        *max_s);

/* The report as one line of the bench's JSON (juggler_report_to_string). */
const char         *juggler_result_get_report_json       (JugglerResult *self);
/* The juggler-bench line that reproduces the run (juggler_bench_command_build). */
const char         *juggler_result_get_command           (JugglerResult *self);

G_END_DECLS
