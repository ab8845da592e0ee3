/* juggler-bench-common.h: what the bench's commands share — option parsing, running one
 * configuration on the main loop, and the comparison table
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "juggler-run.h"
#include "juggler-run-options.h"

G_BEGIN_DECLS

#define EXIT_USAGE 2

/* Options every workload's command takes: the run's (parsed by juggler-run-options, with
 * every unset field filled in with the bench's default) and the bench's own. */
typedef struct
{
  JugglerRunOptions   run;
  JugglerStrategy     strategy;         /* when !all */
  gboolean            all;
  guint               workers;
  gboolean            nice;
  JugglerProgressMode progress_mode;
  guint               repeat;
  gboolean            json;
  char               *trace_path;   /* --trace FILE */
  JugglerTrace       *trace;        /* every run records into it; NULL: no trace */
} BenchOptions;

/* One row of the comparison: a strategy with its parameters, measured repeat times. */
typedef struct
{
  char            *label;
  JugglerStrategy  strategy;
  guint            workers;
  guint            concurrency;
  gboolean         tune_connections;
  gboolean         kernel;          /* the bare kernel: no loop, no strategy */
  GPtrArray       *reports;
} BenchConfig;

/* The run options' usage error, for the commands' own options. */
#define bench_usage_error juggler_run_options_usage_error
/* juggler_run_options_parse_uint() for the commands' own options ("--port"). */
gboolean       bench_parse_uint       (const char         *option,
                                       const char         *value,
                                       guint               min,
                                       guint               max,
                                       guint              *out,
                                       GError            **error);
/* Parses argv into options (--workers defaulting to default_workers), rejecting a --strategy
 * that kind does not support; extra_entries (the command's own) are filled in. */
gboolean       bench_parse_options    (int                *argc,
                                       char             ***argv,
                                       const char         *summary,
                                       JugglerWorkloadKind kind,
                                       guint               default_workers,
                                       GOptionEntry       *extra_entries,
                                       BenchOptions       *options,
                                       GError            **error);
void           bench_options_clear    (BenchOptions       *options);
GArray        *bench_configs_new      (void);
void           bench_configs_add      (GArray             *configs,
                                       const char         *label,
                                       JugglerStrategy     strategy,
                                       guint               workers,
                                       guint               concurrency,
                                       gboolean            tune_connections,
                                       gboolean            kernel);
/* Runs workload under config on the thread-default main loop, sampling progress 60 times
 * a second as a window would; returns the report. */
JugglerReport *bench_run_once         (const BenchOptions *options,
                                       JugglerWorkload    *workload,
                                       const BenchConfig  *config);
/* Keeps report (taking it) among config's and returns whether its digest is the one
 * *reference holds (the first run's, which it sets). */
gboolean       bench_keep_report      (const BenchOptions *options,
                                       BenchConfig        *config,
                                       JugglerReport      *report,
                                       char              **reference);
const JugglerReport *bench_median_report (const BenchConfig *config);
/* The median wall time of the speed-ups' baseline, threads with 1 worker, or 0 when the
 * invocation did not run it. */
double         bench_baseline_wall_s  (GArray             *configs);
/* Under --json, every kept report as a JSON line, once all have run: "speedup" is against the
 * median wall time of threads with 1 worker when the invocation ran that configuration (as
 * in the table and the window), and null with "speedup_missing" otherwise. */
void           bench_print_json       (const BenchOptions *options,
                                       GArray             *configs);
void           bench_print_repeat_note (const BenchOptions *options);
/* Cores and the highest load average any run started with: how noisy the figures are. */
void           bench_print_machine_note (GArray           *configs);
/* Writes the --trace file, if one was asked for, and frees the trace; FALSE on an error,
 * which it prints. */
gboolean       bench_finish_trace     (BenchOptions       *options,
                                       const char         *command);
/* The last line of a table: whether every run produced the same result. */
void           bench_print_digest_verdict (gboolean digests_equal);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (BenchOptions, bench_options_clear)

G_END_DECLS
