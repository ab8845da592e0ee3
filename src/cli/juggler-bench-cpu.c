/* juggler-bench-cpu.c: `juggler-bench cpu`, Mandelbrot tiles under each strategy
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-bench"

#include "config.h"

#include "juggler-bench.h"

#include <glib/gi18n.h>
#include <time.h>

#include "juggler-bench-common.h"
#include "juggler-mandelbrot.h"

typedef struct
{
  guint width;
  guint height;
  guint tile;
  guint iterations;
} CpuWorkload;

static gboolean
parse_cpu_options (int          *argc,
                   char       ***argv,
                   BenchOptions *options,
                   CpuWorkload  *cpu,
                   GError      **error)
{
  GOptionEntry entries[] = { { NULL } };
  const JugglerRunOptions *run = &options->run;

  if (!bench_parse_options (argc, argv,
                            _("Computes Mandelbrot tiles under each strategy on a GMainLoop with "
                              "the main-loop latency probe active."),
                            JUGGLER_WORKLOAD_CPU, MIN (g_get_num_processors (), JUGGLER_MAX_WORKERS),
                            entries, options, error))
    return FALSE;

  cpu->width = run->width != 0 ? run->width : JUGGLER_MANDELBROT_DEFAULT_WIDTH;
  cpu->height = run->height != 0 ? run->height : JUGGLER_MANDELBROT_DEFAULT_HEIGHT;
  cpu->tile = run->tile != 0 ? run->tile : JUGGLER_MANDELBROT_DEFAULT_TILE;
  cpu->iterations = run->iterations != 0 ? run->iterations : JUGGLER_MANDELBROT_DEFAULT_ITERATIONS;

  return TRUE;
}

/* The bare kernel: every tile on this thread, no main loop, no tasks, no threads. */
static JugglerReport *
run_kernel (JugglerWorkload *workload)
{
  JugglerReport *report = juggler_report_new ();
  double load_average = juggler_report_read_load_average ();
  gint64 start = g_get_monotonic_time ();
  clock_t cpu_start = clock ();

  juggler_workload_run_serial (workload);

  report->workload = g_strdup (juggler_workload_get_name (workload));
  report->strategy = g_strdup ("kernel");
  g_ptr_array_add (report->strategies, g_strdup ("kernel"));
  report->progress_mode = g_strdup ("none");
  report->workers = 1;
  report->jobs = report->completed = juggler_workload_get_n_jobs (workload);
  report->wall_s = (g_get_monotonic_time () - start) / 1e6;
  report->cpu_s = report->job_cpu_s = (double) (clock () - cpu_start) / CLOCKS_PER_SEC;
  /* A tiny image can take less than the clock's resolution: no inf in the JSON. */
  report->throughput_jobs_s = report->wall_s > 0 ? report->completed / report->wall_s : 0;
  report->threads_used = 1;
  report->cores = g_get_num_processors ();
  report->load_average = load_average;
  report->cores_busy = juggler_report_get_cores_busy (report);
  report->digest = juggler_workload_dup_digest (workload);

  return report;
}

static void
print_table (GArray            *configs,
             const BenchOptions *options,
             const CpuWorkload  *cpu,
             gboolean            digests_equal)
{
  double baseline = bench_baseline_wall_s (configs);

  g_print ("%-14s %7s %8s %8s %6s %9s %9s %9s %7s  %s\n", "strategy", "workers", "wall s",
           "speedup", "cores", "lat p50", "lat p99", "lat max", "threads", "digest");
  for (guint i = 0; i < configs->len; i++)
    {
      const BenchConfig *config = &g_array_index (configs, BenchConfig, i);
      const JugglerReport *report = bench_median_report (config);
      g_autofree char *speedup = baseline > 0 && report->wall_s > 0
                                   ? g_strdup_printf ("%.2f×", baseline / report->wall_s)
                                   : g_strdup ("–");

      g_print ("%-14s %7u %8.3f %9s %6.2f %9.2f %9.2f %9.2f %7u  %.12s\n", config->label,
               juggler_report_get_workers_used (report), report->wall_s, speedup, juggler_report_get_cores_busy (report),
               report->loop_latency_ms.p50, report->loop_latency_ms.p99,
               report->loop_latency_ms.max, report->threads_used, report->digest);
    }

  g_print ("\n");
  g_print (_("%u×%u pixels, tile %u, %u iterations, progress %s, workers %s.\n"),
           cpu->width, cpu->height, cpu->tile, cpu->iterations,
           juggler_progress_mode_to_string (options->progress_mode),
           options->nice ? _("at low priority") : _("at normal priority"));
  g_print (_("speedup: against threads with 1 worker; cores: job CPU time ÷ wall time; "
             "lat: main-loop latency in ms.\n"));
  bench_print_machine_note (configs);
  bench_print_repeat_note (options);
  bench_print_digest_verdict (digests_equal);
}

int
juggler_bench_cpu (int    argc,
                   char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) configs = bench_configs_new ();
  g_autofree char *reference = NULL;
  g_auto(BenchOptions) options = { 0 };
  CpuWorkload cpu = { 0 };
  gboolean digests_equal = TRUE;

  if (!parse_cpu_options (&argc, &argv, &options, &cpu, &error))
    {
      g_printerr ("juggler-bench cpu: %s\n", error->message);
      return EXIT_USAGE;
    }

  if (options.all)
    {
      /* The bare kernel, then every strategy in enum order, with one worker and with
       * --workers where the count sizes its threads: each configuration once. */
      bench_configs_add (configs, "kernel", JUGGLER_STRATEGY_THREADS, 1, 1, TRUE, TRUE);
      for (JugglerStrategy strategy = 0; strategy < JUGGLER_N_STRATEGIES; strategy++)
        {
          const char *name = juggler_strategy_to_string (strategy);

          if (!juggler_strategy_supports (strategy, JUGGLER_WORKLOAD_CPU))
            continue;
          bench_configs_add (configs, name, strategy, 1, 1, TRUE, FALSE);
          if (juggler_strategy_sized_by_workers (strategy) && options.workers != 1)
            bench_configs_add (configs, name, strategy, options.workers, 1, TRUE, FALSE);
        }
    }
  else
    {
      bench_configs_add (configs, juggler_strategy_to_string (options.strategy), options.strategy,
                         juggler_strategy_sized_by_workers (options.strategy) ? options.workers : 1,
                         1, TRUE, FALSE);
    }

  /* Repeats go round all configurations, so a noisy moment hurts none of them alone. */
  for (guint r = 0; r < options.repeat; r++)
    {
      for (guint i = 0; i < configs->len; i++)
        {
          BenchConfig *config = &g_array_index (configs, BenchConfig, i);
          g_autoptr(JugglerMandelbrot) workload =
            juggler_mandelbrot_new (cpu.width, cpu.height, cpu.tile, cpu.iterations, NULL, NULL);
          JugglerReport *report;

          if (config->kernel)
            report = run_kernel (JUGGLER_WORKLOAD (workload));
          else
            report = bench_run_once (&options, JUGGLER_WORKLOAD (workload), config);
          digests_equal &= bench_keep_report (&options, config, report, &reference);
        }
    }

  bench_print_json (&options, configs);
  if (!options.json)
    print_table (configs, &options, &cpu, digests_equal);
  if (!bench_finish_trace (&options, "cpu"))
    return EXIT_FAILURE;

  return digests_equal ? EXIT_SUCCESS : EXIT_FAILURE;
}
