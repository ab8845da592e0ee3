/* juggler-bench-common.c: what the bench's commands share — option parsing, running one
 * configuration on the main loop, and the comparison table
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-bench"

#include "config.h"

#include "juggler-bench-common.h"

#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* The bench samples progress as often as a 60 Hz window would. */
#define FRAME_INTERVAL_MS 16

gboolean
bench_parse_uint (const char *option,
                  const char *value,
                  guint       min,
                  guint       max,
                  guint      *out,
                  GError    **error)
{
  if (g_str_has_prefix (option, "--"))
    option += strlen ("--");

  return juggler_run_options_parse_uint (option, value, min, max, out, error);
}

gboolean
bench_parse_options (int                 *argc,
                     char              ***argv,
                     const char          *summary,
                     JugglerWorkloadKind  kind,
                     guint                default_workers,
                     GOptionEntry        *extra_entries,
                     BenchOptions        *options,
                     GError             **error)
{
  g_autofree char *repeat = NULL;
  GOptionEntry entries[] = {
    { "repeat", 0, 0, G_OPTION_ARG_STRING, &repeat,
      N_("Run each configuration K times (1 to 1000)"), N_("K") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &options->json, N_("One JSON object per run per line"),
      NULL },
    { "trace", 0, 0, G_OPTION_ARG_FILENAME, &options->trace_path,
      N_("Write every thread's spans as Chrome Trace Event JSON, for Perfetto UI"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);

  juggler_run_options_init (&options->run, kind,
                            JUGGLER_RUN_OPTIONS_STRATEGY_ALL | JUGGLER_RUN_OPTIONS_MANY_URLS);
  g_option_context_set_main_group (context, juggler_run_options_new_group (&options->run));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, extra_entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, summary);
  if (!g_option_context_parse (context, argc, argv, error))
    return FALSE;
  if (*argc > 1)
    return bench_usage_error (error, _("unexpected argument “%s”"), (*argv)[1]);

  options->repeat = 1;
  if (repeat != NULL &&
      !juggler_run_options_parse_uint ("repeat", repeat, JUGGLER_REPEAT_MIN, JUGGLER_REPEAT_MAX,
                                       &options->repeat, error))
    return FALSE;
  if (!juggler_run_options_validate (&options->run, error))
    return FALSE;

  /* The bench's defaults for what the command line left unset. */
  options->all = options->run.strategy < 0;
  options->strategy = options->all ? 0 : options->run.strategy;
  options->workers = options->run.workers > 0 ? options->run.workers : default_workers;
  options->nice = options->run.nice != 0;
  options->progress_mode = options->run.progress_mode >= 0 ? options->run.progress_mode
                                                          : JUGGLER_PROGRESS_COALESCED;

  /* Under a Sysprof recorder a trace feeds its marks even without --trace. */
  if (options->trace_path != NULL || juggler_trace_sysprof_is_active ())
    options->trace = juggler_trace_new (0);

  return TRUE;
}

void
bench_options_clear (BenchOptions *options)
{
  juggler_run_options_clear (&options->run);
}

static void
config_clear (gpointer data)
{
  BenchConfig *config = data;

  g_free (config->label);
  g_ptr_array_unref (config->reports);
}

GArray *
bench_configs_new (void)
{
  GArray *configs = g_array_new (FALSE, FALSE, sizeof (BenchConfig));

  g_array_set_clear_func (configs, config_clear);

  return configs;
}

void
bench_configs_add (GArray          *configs,
                   const char      *label,
                   JugglerStrategy  strategy,
                   guint            workers,
                   guint            concurrency,
                   gboolean         tune_connections,
                   gboolean         kernel)
{
  BenchConfig config = { NULL, strategy, workers, concurrency, tune_connections, kernel, NULL };

  for (guint i = 0; i < configs->len; i++)
    {
      const BenchConfig *other = &g_array_index (configs, BenchConfig, i);

      if (other->kernel == kernel && other->strategy == strategy && other->workers == workers &&
          other->concurrency == concurrency && other->tune_connections == tune_connections)
        return;
    }

  config.label = g_strdup (label);
  config.reports = g_ptr_array_new_with_free_func ((GDestroyNotify) juggler_report_free);
  g_array_append_val (configs, config);
}

/* Reads the resident set size, in KiB, from an open /proc/self/statm: frame_cb runs 60 times
 * a second on the loop whose latency the bench measures, so no open, allocation or close. */
static gint64
read_rss_kb (int statm_fd)
{
  char statm[128];
  gssize length = statm_fd >= 0 ? pread (statm_fd, statm, sizeof statm - 1, 0) : -1;
  gint64 pages = 0;

  if (length > 0)
    {
      statm[length] = '\0';
      sscanf (statm, "%*d %" G_GINT64_FORMAT, &pages);
    }

  return pages * sysconf (_SC_PAGESIZE) / 1024;
}

/* The kernel's high-water mark of the resident set (VmHWM, which getrusage()'s ru_maxrss
 * also reads), set back to the current size: then the run's peak is the kernel's, exact,
 * and not only what the samples of frame_cb happened to see. FALSE where the kernel does
 * not let a process do it (before Linux 4.0). */
static gboolean
reset_rss_peak (void)
{
  int fd = g_open ("/proc/self/clear_refs", O_WRONLY | O_CLOEXEC, 0);
  gboolean reset = fd >= 0 && write (fd, "5", 1) == 1;

  if (fd >= 0)
    g_close (fd, NULL);

  return reset;
}

/* The high-water mark in KiB, or 0 if unknown. Once, after the run: it may allocate. */
static gint64
read_rss_peak_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, "\nVmHWM:")) == NULL)
    return 0;

  return g_ascii_strtoll (line + strlen ("\nVmHWM:"), NULL, 10);
}

typedef struct
{
  JugglerRun    *run;
  JugglerReport *report;
  int            statm_fd;
  gint64         peak_rss_kb;
} RunState;

static void
run_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  RunState *state = user_data;

  state->report = juggler_run_execute_finish (JUGGLER_RUN (object), result, NULL);
}

static gboolean
frame_cb (gpointer user_data)
{
  RunState *state = user_data;
  JugglerProgress progress;

  /* What a window does once per frame: read the progress (under the GIL if there is one). */
  juggler_run_sample (state->run, &progress);
  if (juggler_run_get_trace (state->run) != NULL)
    {
      gint64 now = g_get_monotonic_time ();

      juggler_trace_record (juggler_run_get_trace (state->run), JUGGLER_SPAN_FRAME, now, now, 0,
                            0, 0);
    }
  state->peak_rss_kb = MAX (state->peak_rss_kb, read_rss_kb (state->statm_fd));

  return G_SOURCE_CONTINUE;
}

JugglerReport *
bench_run_once (const BenchOptions *options,
                JugglerWorkload    *workload,
                const BenchConfig  *config)
{
  g_autoptr(JugglerRun) run = juggler_run_new (workload, config->strategy, config->workers);
  RunState state = { run, NULL, g_open ("/proc/self/statm", O_RDONLY | O_CLOEXEC, 0), 0 };
  gint64 idle_rss_kb = read_rss_kb (state.statm_fd);
  gboolean peak_reset = reset_rss_peak ();
  guint frame_id;

  /* The options, then the configuration's own workers and connections over them. */
  juggler_run_options_apply (&options->run, run);
  juggler_run_set_n_workers (run, config->workers);
  juggler_run_set_concurrency (run, config->concurrency);
  juggler_run_set_tune_connections (run, config->tune_connections);
  juggler_run_set_trace (run, options->trace);

  frame_id = g_timeout_add (FRAME_INTERVAL_MS, frame_cb, &state);
  juggler_run_execute_async (run, NULL, run_done_cb, &state);
  while (state.report == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (frame_id);
  if (state.statm_fd >= 0)
    g_close (state.statm_fd, NULL);
  if (peak_reset)
    state.peak_rss_kb = MAX (state.peak_rss_kb, read_rss_peak_kb ());

  /* The process's lifetime peak says little after earlier runs: this run's own growth,
   * from the size after the warm-up (the caller's) to the kernel's peak since then. */
  state.report->rss_idle_kb = idle_rss_kb;
  state.report->rss_peak_kb = MAX (state.peak_rss_kb, idle_rss_kb);

  return state.report;
}

const JugglerReport *
bench_median_report (const BenchConfig *config)
{
  g_autofree double *walls = g_new (double, config->reports->len);
  JugglerSummary summary;

  for (guint i = 0; i < config->reports->len; i++)
    walls[i] = ((JugglerReport *) g_ptr_array_index (config->reports, i))->wall_s;
  juggler_summarize_values (walls, config->reports->len, &summary);

  for (guint i = 0; i < config->reports->len; i++)
    {
      const JugglerReport *report = g_ptr_array_index (config->reports, i);

      if (report->wall_s == summary.p50)
        return report;
    }

  g_assert_not_reached ();
}

gboolean
bench_keep_report (const BenchOptions *options,
                   BenchConfig        *config,
                   JugglerReport      *report,
                   char              **reference)
{
  g_ptr_array_add (config->reports, report);

  if (*reference == NULL)
    *reference = g_strdup (report->digest);

  return g_str_equal (*reference, report->digest);
}

double
bench_baseline_wall_s (GArray *configs)
{
  for (guint i = 0; i < configs->len; i++)
    {
      const BenchConfig *config = &g_array_index (configs, BenchConfig, i);

      if (!config->kernel && config->strategy == JUGGLER_STRATEGY_THREADS &&
          config->workers == 1 && config->reports->len > 0)
        return bench_median_report (config)->wall_s;
    }

  return 0;
}

void
bench_print_json (const BenchOptions *options,
                  GArray             *configs)
{
  double baseline = bench_baseline_wall_s (configs);
  guint rounds = 0;

  if (!options->json)
    return;

  for (guint i = 0; i < configs->len; i++)
    rounds = MAX (rounds, g_array_index (configs, BenchConfig, i).reports->len);

  /* In the order the runs ran: each round goes through every configuration. */
  for (guint r = 0; r < rounds; r++)
    for (guint i = 0; i < configs->len; i++)
      {
        const BenchConfig *config = &g_array_index (configs, BenchConfig, i);
        JugglerReport *report;
        g_autofree char *line = NULL;

        if (r >= config->reports->len)
          continue;
        report = g_ptr_array_index (config->reports, r);
        report->baseline_wall_s = baseline;
        line = juggler_report_to_string (report);
        g_print ("%s\n", line);
      }
  fflush (stdout);
}

void
bench_print_digest_verdict (gboolean digests_equal)
{
  g_print ("%s\n", digests_equal ? _("All digests are equal.")
                                 : _("THE DIGESTS DIFFER: a strategy computed something else."));
}

void
bench_print_machine_note (GArray *configs)
{
  double load = -1;
  guint cores = g_get_num_processors ();

  for (guint i = 0; i < configs->len; i++)
    {
      const BenchConfig *config = &g_array_index (configs, BenchConfig, i);

      for (guint j = 0; j < config->reports->len; j++)
        {
          const JugglerReport *report = g_ptr_array_index (config->reports, j);

          load = MAX (load, report->load_average);
        }
    }

  if (load < 0)
    g_print (_("%u cores.\n"), cores);
  else if (juggler_report_load_is_high (load, cores))
    g_print (_("%u cores, load average up to %.2f at the start of a run: the machine was busy, "
               "so the figures are noisy.\n"), cores, load);
  else
    g_print (_("%u cores, load average up to %.2f at the start of a run.\n"), cores, load);
}

void
bench_print_repeat_note (const BenchOptions *options)
{
  if (options->repeat > 1)
    g_print (_("Each row shows the run with the median wall time of %u.\n"), options->repeat);
}

gboolean
bench_finish_trace (BenchOptions *options,
                    const char   *command)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  gboolean saved = TRUE;

  if (options->trace_path != NULL)
    {
      file = g_file_new_for_commandline_arg (options->trace_path);
      saved = juggler_trace_save_chrome_json (options->trace, file, NULL, &error);
      if (!saved)
        g_printerr ("juggler-bench %s: --trace: %s\n", command, error->message);
    }
  g_clear_pointer (&options->trace, juggler_trace_unref);
  g_clear_pointer (&options->trace_path, g_free);

  return saved;
}
