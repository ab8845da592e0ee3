/* juggler-report.h: the numbers a finished run leaves behind, as a struct and as JSON
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "juggler-http-stats.h"
#include "juggler-series.h"

G_BEGIN_DECLS

typedef struct
{
  char           *workload;        /* "cpu" */
  char           *strategy;        /* the strategy the run started with */
  GPtrArray      *strategies;      /* every strategy used, in order (char *) */
  char           *progress_mode;
  gboolean        nice;
  guint           workers;         /* the Workers setting; what ran: juggler_report_get_workers_used () */
  guint           jobs;
  guint           completed;
  gboolean        cancelled;
  guint           switches;
  double          wall_s;
  double          cpu_s;           /* user + system time of the process during the run */
  double          job_cpu_s;       /* thread CPU time spent inside jobs */
  double          throughput_jobs_s;
  JugglerSummary  loop_latency_ms;
  guint           threads_used;
  guint           peak_jobs_in_flight; /* for a thread per job, the most threads alive at once */
  gint64          ctx_voluntary;
  gint64          ctx_involuntary;
  gint64          peak_rss_kb;
  guint64         progress_events;
  guint64         progress_events_dropped;
  char           *digest;
  /* The machine the run shared, and how much of it the run kept busy. */
  guint           cores;           /* processors available to the process */
  double          load_average;    /* 1-minute load average when the run started; < 0: unknown */
  double          cores_busy;      /* job CPU time ÷ wall time, not a speed-up */
  /* The speed-up: the wall time of one worker thread (threads, 1 worker) on the same workload,
   * measured in the same invocation, ÷ this run's. 0: no such baseline, and the JSON says why
   * in "speedup_missing" with "speedup": null. */
  double          baseline_wall_s;
  /* Network runs only (NULL otherwise): how the run was set up, and its requests' figures. */
  JugglerHttpStats *http;
  guint           concurrency;
  gboolean        tuned_connections;
  guint           server_latency_ms; /* the embedded server's delay; 0: a URL, or none */
  /* Filled by juggler-bench only; 0 and NULL leave them out of the JSON. */
  gint64          rss_idle_kb;     /* the process's resident memory before the run */
  gint64          rss_peak_kb;     /* and its peak during the run */
  char           *target;          /* where the requests went */
  /* Filled by the window only; frames == 0 leaves them out of the JSON. */
  JugglerSummary  frame_interval_ms;
  guint           frames;
} JugglerReport;

JugglerReport *juggler_report_new         (void);
void           juggler_report_free        (JugglerReport       *self);
/* Job CPU time over wall time: how many cores the strategy kept computing. Not a speed-up. */
double         juggler_report_get_cores_busy (const JugglerReport *self);
/* baseline_wall_s ÷ wall_s for a complete run with a baseline, else 0. */
double         juggler_report_get_speedup (const JugglerReport *self);
/* The threads strategy (a JugglerStrategy) runs jobs on at once: its pool's workers, the
 * threads GLib's shared pool really used (GLib sizes it), a thread per job up to Juggler's
 * limit, or 1, the UI thread. */
guint          juggler_report_get_strategy_threads (const JugglerReport *self,
                                                    guint                strategy);
/* The threads that ran the jobs at once, as the "workers" of the JSON, the bench's table and
 * the window's Workers column: the pool's workers (threads, global-lock), the threads GLib's
 * shared pool really ran jobs on, the most threads alive at once for a thread per job, or 1,
 * the UI thread; the most of them when the run switched strategies. */
guint          juggler_report_get_workers_used (const JugglerReport *self);
/* The most requests in flight any strategy of a network run allows: its threads, async's
 * connections (the concurrency, or libsoup's 2 per host when untuned), or 1. */
guint          juggler_report_get_in_flight_limit (const JugglerReport *self);
/* The most requests per second that allows: the limit ÷ the server's latency; 0 when the
 * latency is not known in advance (a URL). */
double         juggler_report_get_cap_jobs_s (const JugglerReport *self);
/* The 1-minute load average from /proc/loadavg, or -1 where there is none. */
double         juggler_report_read_load_average (void);
/* The one rule for a noisy measurement: other processes kept (nearly) every core busy
 * when the run started, i.e. the load average was at least cores - 0.5. FALSE when the
 * load is unknown (< 0). */
gboolean       juggler_report_load_is_high (double load_average,
                                            guint  cores);
/* juggler_report_load_is_high() for this report's own start. */
gboolean       juggler_report_is_noisy    (const JugglerReport *self);
/* One line of JSON, no trailing newline: the only place a report becomes JSON. */
char          *juggler_report_to_string   (const JugglerReport *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JugglerReport, juggler_report_free)

G_END_DECLS
