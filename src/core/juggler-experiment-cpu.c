/* juggler-experiment-cpu.c: the experiments on CPU work — threads, slices, a global lock and
 * what each costs in context switches
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-experiment"

#include "config.h"

#include "juggler-experiment-private.h"

#include <math.h>

#include "juggler-mandelbrot.h"

/* About half a second of work on one core with the defaults; a tenth of that quick. */
static JugglerWorkload *
new_mandelbrot (JugglerLab *lab,
                guint       tile_size)
{
  gboolean quick = juggler_lab_is_quick (lab);
  g_autoptr(GError) error = NULL;
  JugglerMandelbrot *mandelbrot;

  mandelbrot = juggler_mandelbrot_new (quick ? 320 : 640, quick ? 240 : 480, tile_size,
                                       quick ? 1000 : 2000, NULL, &error);
  g_assert_no_error (error);

  return JUGGLER_WORKLOAD (mandelbrot);
}

JugglerReport *
juggler_lab_run_mandelbrot (JugglerLab       *lab,
                            JugglerStrategy   strategy,
                            guint             workers,
                            guint             tile_size,
                            GError          **error)
{
  g_autoptr(JugglerWorkload) workload = new_mandelbrot (lab, tile_size);
  JugglerLabConfig config = { strategy, workers, 1, NULL, NULL };
  g_autoptr(JugglerReport) report = juggler_lab_run (lab, workload, &config, NULL);

  if (juggler_lab_cancelled (lab, error))
    return NULL;

  return g_steal_pointer (&report);
}

/* The faster of two runs: other programs only ever slow a run down, so the faster one is
 * nearer to what the strategy itself costs. */
static JugglerReport *
run_cpu (JugglerLab       *lab,
         JugglerStrategy   strategy,
         guint             workers,
         guint             tile_size,
         GError          **error)
{
  g_autoptr(JugglerReport) first = juggler_lab_run_mandelbrot (lab, strategy, workers, tile_size,
                                                               error);
  g_autoptr(JugglerReport) second = NULL;

  if (first == NULL)
    return NULL;
  second = juggler_lab_run_mandelbrot (lab, strategy, workers, tile_size, error);
  if (second == NULL)
    return NULL;

  return second->wall_s < first->wall_s ? g_steal_pointer (&second) : g_steal_pointer (&first);
}

/* 1 to 2 × cores workers on small machines; on larger ones the powers of two in between. */
static GArray *
worker_counts (guint cores)
{
  GArray *counts = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint n = 1; n <= 2 * cores && n <= JUGGLER_MAX_WORKERS; n++)
    if (cores <= 4 || (n & (n - 1)) == 0 || n == cores || n == 2 * cores)
      g_array_append_val (counts, n);

  return counts;
}

gboolean
juggler_measure_cpu_threads (JugglerLab  *lab,
                             GError     **error)
{
  guint cores = juggler_lab_get_cores (lab);
  g_autoptr(GArray) counts = worker_counts (cores);
  g_autoptr(JugglerReport) slices = NULL;
  double wall_1 = 0;

  juggler_lab_set_figure_int (lab, "cores", cores);

  for (guint i = 0; i < counts->len; i++)
    {
      guint n = g_array_index (counts, guint, i);
      g_autoptr(JugglerReport) report = run_cpu (lab, JUGGLER_STRATEGY_THREADS, n,
                                                 JUGGLER_MANDELBROT_DEFAULT_TILE, error);
      g_autofree char *name = g_strdup_printf ("speedup_%u", n);
      double speedup;

      if (report == NULL)
        return FALSE;

      if (n == 1)
        {
          wall_1 = juggler_lab_wall_s (report);
          juggler_lab_set_figure (lab, "wall_1_s", wall_1);
        }
      speedup = wall_1 / juggler_lab_wall_s (report);
      juggler_lab_set_figure (lab, name, speedup);
      if (n == cores)
        juggler_lab_set_figure (lab, "speedup_at_cores", speedup);
      if (n == 2 * cores)
        juggler_lab_set_figure (lab, "speedup_at_2x_cores", speedup);
      juggler_lab_add_point (lab, "ideal", n, MIN (n, cores));
      juggler_lab_add_point (lab, "threads", n, speedup);
    }

  slices = run_cpu (lab, JUGGLER_STRATEGY_COOPERATIVE, 1, JUGGLER_MANDELBROT_DEFAULT_TILE, error);
  if (slices == NULL)
    return FALSE;
  juggler_lab_record (lab, "slices_speedup", "slices", 1, wall_1 / juggler_lab_wall_s (slices));

  return TRUE;
}

gboolean
juggler_measure_loop_cpu (JugglerLab  *lab,
                          GError     **error)
{
  g_autoptr(JugglerReport) one = NULL;
  g_autoptr(JugglerReport) slices = NULL;
  g_autoptr(JugglerReport) blocking = NULL;

  one = run_cpu (lab, JUGGLER_STRATEGY_THREADS, 1, JUGGLER_MANDELBROT_DEFAULT_TILE, error);
  if (one == NULL)
    return FALSE;
  juggler_lab_set_figure (lab, "wall_1_worker_s", juggler_lab_wall_s (one));
  juggler_lab_add_point (lab, "one worker", 0, 1.0);

  slices = run_cpu (lab, JUGGLER_STRATEGY_COOPERATIVE, 1, JUGGLER_MANDELBROT_DEFAULT_TILE, error);
  if (slices == NULL)
    return FALSE;
  juggler_lab_record (lab, "slices_speedup", "slices", 1,
                      juggler_lab_wall_s (one) / juggler_lab_wall_s (slices));

  blocking = run_cpu (lab, JUGGLER_STRATEGY_BLOCKING, 1, JUGGLER_MANDELBROT_DEFAULT_TILE, error);
  if (blocking == NULL)
    return FALSE;
  juggler_lab_record (lab, "blocking_speedup", "blocking", 2,
                      juggler_lab_wall_s (one) / juggler_lab_wall_s (blocking));

  return TRUE;
}

/* CPython's own threads on a pure-Python loop: the time of two units of work one after the
 * other over the time of the same two on two threads, the faster of two tries each. NAN
 * without a python3. */
static double
measure_cpython_speedup (gboolean quick)
{
  g_autofree char *python = g_find_program_in_path ("python3");
  g_autofree char *script = NULL;
  g_autofree char *output = NULL;
  int status = 0;

  if (python == NULL)
    return NAN;

  script = g_strdup_printf (
    "import threading, time\n"
    "def work(n):\n"
    "    x = 0\n"
    "    for i in range(n):\n"
    "        x += i\n"
    "def serial(n):\n"
    "    t = time.perf_counter(); work(n); work(n); return time.perf_counter() - t\n"
    "def threaded(n):\n"
    "    threads = [threading.Thread(target=work, args=(n,)) for _ in range(2)]\n"
    "    t = time.perf_counter()\n"
    "    for thread in threads: thread.start()\n"
    "    for thread in threads: thread.join()\n"
    "    return time.perf_counter() - t\n"
    "n = %u\n"
    "print(min(serial(n), serial(n)) / min(threaded(n), threaded(n)))\n",
    quick ? 300000 : 3000000);

  if (!g_spawn_sync (NULL, (char *[]) { python, "-c", script, NULL }, NULL,
                     G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &output, NULL, &status, NULL) ||
      !g_spawn_check_wait_status (status, NULL))
    return NAN;

  return g_ascii_strtod (output, NULL);
}

gboolean
juggler_measure_gil (JugglerLab  *lab,
                     GError     **error)
{
  g_autoptr(JugglerReport) one = NULL;
  g_autoptr(JugglerReport) two = NULL;
  double cpython;

  juggler_lab_set_figure_int (lab, "cores", juggler_lab_get_cores (lab));
  juggler_lab_set_figure (lab, "switch_interval_ms", 5.0);

  one = run_cpu (lab, JUGGLER_STRATEGY_GLOBAL_LOCK, 1, JUGGLER_MANDELBROT_DEFAULT_TILE, error);
  if (one == NULL)
    return FALSE;
  juggler_lab_add_point (lab, "global lock", 1, 1.0);
  juggler_lab_add_point (lab, "ideal", 1, 1.0);

  two = run_cpu (lab, JUGGLER_STRATEGY_GLOBAL_LOCK, 2, JUGGLER_MANDELBROT_DEFAULT_TILE, error);
  if (two == NULL)
    return FALSE;
  juggler_lab_record (lab, "speedup_2", "global lock", 2,
                      juggler_lab_wall_s (one) / juggler_lab_wall_s (two));
  juggler_lab_set_figure (lab, "loop_p99_ms", two->loop_latency_ms.p99);
  juggler_lab_set_figure (lab, "loop_max_ms", two->loop_latency_ms.max);
  juggler_lab_add_point (lab, "ideal", 2, MIN (2, juggler_lab_get_cores (lab)));

  /* The real thing, labelled as such, where a python3 is installed. */
  cpython = measure_cpython_speedup (juggler_lab_is_quick (lab));
  if (!isnan (cpython))
    {
      juggler_lab_set_figure (lab, "cpython_speedup_2", cpython);
      juggler_lab_add_point (lab, "CPython threads", 1, 1.0);
      juggler_lab_add_point (lab, "CPython threads", 2, cpython);
    }

  return TRUE;
}

/* switches_per_<job> and cpu_us_per_<job> of a run, e.g. job "tile_slices"; the switches
 * are a point of series at x. */
static void
record_per_job (JugglerLab          *lab,
                const JugglerReport *report,
                const char          *job,
                const char          *series,
                double               x)
{
  g_autofree char *switches = g_strdup_printf ("switches_per_%s", job);
  g_autofree char *cpu_us = g_strdup_printf ("cpu_us_per_%s", job);

  juggler_lab_record (lab, switches, series, x, juggler_lab_switches_per_job (report));
  juggler_lab_set_figure (lab, cpu_us, report->cpu_s * 1e6 / MAX (report->jobs, 1));
}

gboolean
juggler_measure_switching (JugglerLab  *lab,
                           GError     **error)
{
  guint cores = juggler_lab_get_cores (lab);
  guint many = MIN (16 * cores, JUGGLER_MAX_WORKERS);
  g_autoptr(JugglerReport) threads = NULL;
  g_autoptr(JugglerReport) crowd = NULL;
  g_autoptr(JugglerReport) slices = NULL;
  g_autoptr(JugglerReport) async = NULL;
  JugglerLabConfig async_config = { JUGGLER_STRATEGY_ASYNC, 1, 1, NULL, NULL };
  guint n_requests;

  /* Small tiles: many jobs, so a per-job figure is not one job's noise. */
  threads = run_cpu (lab, JUGGLER_STRATEGY_THREADS, cores, 32, error);
  if (threads == NULL)
    return FALSE;
  juggler_lab_set_figure_int (lab, "workers_cores", cores);
  record_per_job (lab, threads, "tile_threads_cores", "threads", cores);

  crowd = run_cpu (lab, JUGGLER_STRATEGY_THREADS, many, 32, error);
  if (crowd == NULL)
    return FALSE;
  juggler_lab_set_figure_int (lab, "workers_16x", many);
  record_per_job (lab, crowd, "tile_threads_16x", "threads", many);

  slices = run_cpu (lab, JUGGLER_STRATEGY_COOPERATIVE, 1, 32, error);
  if (slices == NULL)
    return FALSE;
  record_per_job (lab, slices, "tile_slices", "slices", 1);

  n_requests = juggler_lab_is_quick (lab) ? 40 : 200;
  async_config.concurrency = n_requests;
  async = juggler_lab_run_requests (lab, &async_config, n_requests,
                                    juggler_lab_is_quick (lab) ? 20 : 50, NULL, 0, NULL, NULL,
                                    error);
  if (async == NULL)
    return FALSE;
  record_per_job (lab, async, "request_async", "async", async->jobs);

  return TRUE;
}
