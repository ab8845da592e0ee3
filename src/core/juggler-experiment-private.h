/* juggler-experiment-private.h: what the experiments share — the lab they run in, runs on
 * its loop, and the families of experiments
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "juggler-experiment.h"
#include "juggler-report.h"
#include "juggler-run.h"

G_BEGIN_DECLS

/* The experiment's thread and everything its measurements need. */
typedef struct _JugglerLab JugglerLab;

/* What a run looked like from outside: memory and threads, sampled 60 times a second. */
typedef struct
{
  gint64 rss_idle_kb;
  gint64 rss_peak_kb;
  guint  threads_before;
  guint  threads_peak;
} JugglerLabSample;

typedef struct
{
  JugglerStrategy strategy;
  guint           workers;        /* threads strategies */
  guint           concurrency;    /* async */
  /* Called once every job is merged, before the run's own ending (its digest). */
  void          (*jobs_done_func) (gpointer data);
  gpointer        jobs_done_data;
  /* Run on the caller's loop (a window's), which the experiment must allow. */
  gboolean        on_caller_loop;
} JugglerLabConfig;

/* A family's measurement fills the lab's figures and points; FALSE with error when it was
 * cancelled or could not run. */
typedef gboolean (*JugglerMeasureFunc) (JugglerLab  *lab,
                                        GError     **error);

gboolean       juggler_lab_is_quick        (JugglerLab              *lab);
/* The caller's loop is a window's that the experiment may run on: see
 * juggler_experiment_set_use_caller_loop(). */
gboolean       juggler_lab_uses_caller_loop (JugglerLab             *lab);
guint          juggler_lab_get_cores       (JugglerLab              *lab);
/* The thread that started the experiment (its points go there). */
int            juggler_lab_get_caller_tid  (JugglerLab              *lab);
GCancellable  *juggler_lab_get_cancellable (JugglerLab              *lab);
/* Sets error and returns TRUE once the experiment is cancelled. */
gboolean       juggler_lab_cancelled       (JugglerLab              *lab,
                                            GError                 **error);
void           juggler_lab_set_figure      (JugglerLab              *lab,
                                            const char              *name,
                                            double                   value);
void           juggler_lab_set_figure_int  (JugglerLab              *lab,
                                            const char              *name,
                                            gint64                   value);
void           juggler_lab_set_figure_string (JugglerLab            *lab,
                                              const char            *name,
                                              const char            *value);
/* A chart point, recorded and sent to the caller at once. */
void           juggler_lab_add_point       (JugglerLab              *lab,
                                            const char              *series,
                                            double                   x,
                                            double                   y);
/* A figure that is also a point of the chart: figure = value, and (series, x, value). */
void           juggler_lab_record          (JugglerLab              *lab,
                                            const char              *figure,
                                            const char              *series,
                                            double                   x,
                                            double                   value);
/* A run's wall time, never 0 (a run too short to time cannot divide anything). */
double         juggler_lab_wall_s          (const JugglerReport     *report);
/* Context switches of the whole process per job of a run. */
double         juggler_lab_switches_per_job (const JugglerReport    *report);
/* The embedded server's URI ("http://127.0.0.1:PORT/"), started on first use. */
const char    *juggler_lab_get_server_uri  (JugglerLab              *lab,
                                            GError                 **error);
guint16        juggler_lab_get_server_port (JugglerLab              *lab);
/* Runs workload to its end on the lab's loop (CPU work on a loop: on one of its own, at
 * nice 19 like the workers), sampling progress once a frame as a window would (which takes
 * the global lock under that strategy); sample may be NULL. */
JugglerReport *juggler_lab_run             (JugglerLab              *lab,
                                            JugglerWorkload         *workload,
                                            const JugglerLabConfig  *config,
                                            JugglerLabSample        *sample);
/* What the requests of a run saw, from their results. */
typedef struct
{
  guint  n_failed;
  double request_p99_ms;     /* of the requests that succeeded */
} JugglerLabRequests;

/* n_requests GETs of /delay/delay_ms on host:port (NULL: 127.0.0.1; 0: the embedded
 * server, started on first use), run as juggler_lab_run() does; requests (may be NULL)
 * gets what they saw. NULL with error when cancelled or the server could not start. */
JugglerReport *juggler_lab_run_requests    (JugglerLab              *lab,
                                            const JugglerLabConfig  *config,
                                            guint                    n_requests,
                                            guint                    delay_ms,
                                            const char              *host,
                                            guint16                  port,
                                            JugglerLabSample        *sample,
                                            JugglerLabRequests      *requests,
                                            GError                 **error);
/* Mandelbrot tiles (640 × 480 at 2000 iterations, quick 320 × 240 at 1000) under strategy. */
JugglerReport *juggler_lab_run_mandelbrot  (JugglerLab              *lab,
                                            JugglerStrategy          strategy,
                                            guint                    workers,
                                            guint                    tile_size,
                                            GError                 **error);
/* Iterates the lab's loop until *flag is TRUE. */
void           juggler_lab_iterate_until   (JugglerLab              *lab,
                                            gboolean                *flag);
/* Threads of the process now (/proc/self/task). */
guint          juggler_lab_count_threads   (void);

/* The families. */
gboolean juggler_measure_cpu_threads        (JugglerLab *lab, GError **error);
gboolean juggler_measure_loop_cpu           (JugglerLab *lab, GError **error);
gboolean juggler_measure_gil                (JugglerLab *lab, GError **error);
gboolean juggler_measure_many_threads       (JugglerLab *lab, GError **error);
gboolean juggler_measure_pool               (JugglerLab *lab, GError **error);
gboolean juggler_measure_servers            (JugglerLab *lab, GError **error);
gboolean juggler_measure_switching          (JugglerLab *lab, GError **error);
gboolean juggler_measure_io_event_loop      (JugglerLab *lab, GError **error);
gboolean juggler_measure_loop_scales_io     (JugglerLab *lab, GError **error);
gboolean juggler_measure_gui                (JugglerLab *lab, GError **error);
gboolean juggler_measure_blocking           (JugglerLab *lab, GError **error);
gboolean juggler_measure_loop_no_threads    (JugglerLab *lab, GError **error);
gboolean juggler_measure_locks              (JugglerLab *lab, GError **error);
gboolean juggler_measure_loop_thread_safety (JugglerLab *lab, GError **error);

G_END_DECLS
