/* juggler-experiment-threads.c: what threads cost in large numbers, and what a pool saves
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-experiment"

#include "config.h"

#include "juggler-experiment-private.h"

#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "juggler-mandelbrot.h"

/* Small tiles: enough jobs for 256 workers to all have some. */
#define MANY_TILE 16

typedef struct
{
  GMutex mutex;
  GCond  cond;
  guint  started;
  gboolean release;
} Gate;

static gpointer
waiting_thread_func (gpointer user_data)
{
  Gate *gate = user_data;

  g_mutex_lock (&gate->mutex);
  gate->started++;
  g_cond_broadcast (&gate->cond);
  while (!gate->release)
    g_cond_wait (&gate->cond, &gate->mutex);
  g_mutex_unlock (&gate->mutex);

  return NULL;
}

static gint64
rss_kb (void)
{
  g_autofree char *statm = NULL;
  gint64 pages = 0;

  if (g_file_get_contents ("/proc/self/statm", &statm, NULL, NULL))
    sscanf (statm, "%*d %" G_GINT64_FORMAT, &pages);

  return pages * sysconf (_SC_PAGESIZE) / 1024;
}

/* Starts n threads that wait, all alive at once: µs to create one, KiB resident per thread.
 * FALSE when the system refused a thread. */
static gboolean
measure_thread_cost (guint   n,
                     double *create_us,
                     double *kb)
{
  g_autoptr(GPtrArray) threads = g_ptr_array_new ();
  Gate gate = { 0 };
  gint64 rss_before = rss_kb ();
  gint64 start_us = g_get_monotonic_time ();
  gboolean all = TRUE;

  g_mutex_init (&gate.mutex);
  g_cond_init (&gate.cond);

  for (guint i = 0; i < n && all; i++)
    {
      GThread *thread = g_thread_try_new ("juggler-many", waiting_thread_func, &gate, NULL);

      if (thread == NULL)
        all = FALSE;
      else
        g_ptr_array_add (threads, thread);
    }

  g_mutex_lock (&gate.mutex);
  while (gate.started < threads->len)
    g_cond_wait (&gate.cond, &gate.mutex);
  *create_us = (double) (g_get_monotonic_time () - start_us) / MAX (threads->len, 1);
  *kb = (double) MAX (rss_kb () - rss_before, 0) / MAX (threads->len, 1);
  gate.release = TRUE;
  g_cond_broadcast (&gate.cond);
  g_mutex_unlock (&gate.mutex);

  for (guint i = 0; i < threads->len; i++)
    g_thread_join (g_ptr_array_index (threads, i));
  g_mutex_clear (&gate.mutex);
  g_cond_clear (&gate.cond);

  return all;
}

static double
thread_cpu_s (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

gboolean
juggler_measure_many_threads (JugglerLab  *lab,
                              GError     **error)
{
  static const guint thread_counts[] = { 10, 100, 1000 };
  static const guint worker_counts[] = { 2, 16, 256 };
  gboolean quick = juggler_lab_is_quick (lab);
  guint n_thread_counts = quick ? 2 : G_N_ELEMENTS (thread_counts);
  guint n_worker_counts = quick ? 2 : G_N_ELEMENTS (worker_counts);
  g_autoptr(JugglerMandelbrot) kernel = NULL;
  double kernel_cpu_s, start_cpu_s;
  double first_overhead = 0, first_switches = 0;

  for (guint i = 0; i < n_thread_counts; i++)
    {
      guint n = thread_counts[i];
      double create_us, kb;

      if (juggler_lab_cancelled (lab, error))
        return FALSE;
      if (!measure_thread_cost (n, &create_us, &kb))
        juggler_lab_set_figure_int (lab, "threads_refused_at", n);
      juggler_lab_add_point (lab, "µs to create a thread", n, create_us);
      juggler_lab_add_point (lab, "KiB per thread", n, kb);
      if (i == n_thread_counts - 1)
        {
          juggler_lab_set_figure_int (lab, "most_threads", n);
          juggler_lab_set_figure (lab, "create_us", create_us);
          juggler_lab_set_figure (lab, "kb_per_thread", kb);
        }
    }

  /* The bare kernel's CPU time: every tile on this thread, no loop, no strategy. */
  kernel = juggler_mandelbrot_new (quick ? 320 : 640, quick ? 240 : 480, MANY_TILE,
                                   quick ? 1000 : 2000, NULL, error);
  if (kernel == NULL)
    return FALSE;
  start_cpu_s = thread_cpu_s ();
  juggler_workload_run_serial (JUGGLER_WORKLOAD (kernel));
  kernel_cpu_s = MAX (thread_cpu_s () - start_cpu_s, 1e-6);
  juggler_lab_set_figure (lab, "kernel_cpu_s", kernel_cpu_s);

  for (guint i = 0; i < n_worker_counts; i++)
    {
      guint n = worker_counts[i];
      g_autoptr(JugglerReport) report = juggler_lab_run_mandelbrot (lab, JUGGLER_STRATEGY_THREADS,
                                                                    n, MANY_TILE, error);
      g_autofree char *overhead_name = g_strdup_printf ("cpu_over_kernel_%u", n);
      g_autofree char *switches_name = g_strdup_printf ("switches_per_tile_%u", n);
      double overhead;

      if (report == NULL)
        return FALSE;

      overhead = report->cpu_s / kernel_cpu_s;
      juggler_lab_set_figure (lab, overhead_name, overhead);
      juggler_lab_set_figure (lab, switches_name, juggler_lab_switches_per_job (report));
      juggler_lab_add_point (lab, "CPU time ÷ bare kernel", n, overhead);
      if (i == 0)
        {
          first_overhead = overhead;
          first_switches = juggler_lab_switches_per_job (report);
        }
      if (i == n_worker_counts - 1)
        {
          juggler_lab_set_figure_int (lab, "most_workers", n);
          juggler_lab_set_figure (lab, "overhead_growth", overhead / MAX (first_overhead, 1e-6));
          juggler_lab_set_figure (lab, "switches_growth",
                                  juggler_lab_switches_per_job (report) / MAX (first_switches, 1e-6));
        }
    }

  return TRUE;
}

/* A file read by GIO (g_file_load_contents_async: open, read and close each go to GTask's
 * shared pool), one at a time, timed from the call to its callback on the lab's loop. */
typedef struct
{
  GFile    *file;
  GArray   *latencies_ms;   /* double */
  gint64    start_us;
  gboolean  idle;           /* no read in flight */
  guint     threads_peak;
} GioProbe;

static void
probe_loaded_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GioProbe *probe = user_data;
  g_autofree char *contents = NULL;
  double ms = (g_get_monotonic_time () - probe->start_us) / 1000.0;

  if (g_file_load_contents_finish (G_FILE (object), result, &contents, NULL, NULL, NULL))
    g_array_append_val (probe->latencies_ms, ms);
  probe->idle = TRUE;
}

static void
probe_read (GioProbe *probe)
{
  probe->idle = FALSE;
  probe->start_us = g_get_monotonic_time ();
  g_file_load_contents_async (probe->file, NULL, probe_loaded_cb, probe);
}

static gboolean
probe_tick_cb (gpointer user_data)
{
  GioProbe *probe = user_data;

  probe->threads_peak = MAX (probe->threads_peak, juggler_lab_count_threads ());
  if (probe->idle)
    probe_read (probe);

  return G_SOURCE_CONTINUE;
}

static double
median_ms (GArray *latencies_ms)
{
  JugglerSummary summary = { 0 };

  if (latencies_ms->len == 0)
    return NAN;
  juggler_summarize_values ((double *) latencies_ms->data, latencies_ms->len, &summary);

  return summary.p50;
}

/* The same tiles handed all at once to GTask's shared pool, as code that trusts the pool
 * does: how many threads GLib gave them, and how long GIO's own work (a small file read)
 * waits while they are queued, against the same read with the pool idle. */
static gboolean
measure_shared_pool (JugglerLab  *lab,
                     GError     **error)
{
  g_autoptr(GFileIOStream) stream = NULL;
  g_autoptr(GFile) file = g_file_new_tmp ("juggler-probe-XXXXXX", &stream, error);
  g_autoptr(GArray) idle_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) busy_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GSource) ticks = NULL;
  g_autoptr(JugglerReport) report = NULL;
  GioProbe probe = { file, idle_ms, 0, TRUE, 0 };
  guint threads_before = juggler_lab_count_threads ();
  gboolean ok;

  if (file == NULL)
    return FALSE;
  ok = g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (stream)),
                                  "juggler\n", 8, NULL, NULL, error) &&
       g_io_stream_close (G_IO_STREAM (stream), NULL, error);

  for (guint i = 0; ok && i < 5; i++)
    {
      probe_read (&probe);
      juggler_lab_iterate_until (lab, &probe.idle);
    }

  if (ok)
    {
      probe.latencies_ms = busy_ms;
      probe.threads_peak = threads_before;
      ticks = g_timeout_source_new (20);
      g_source_set_callback (ticks, probe_tick_cb, &probe, NULL);
      g_source_set_static_name (ticks, "[juggler] shared-pool probe");
      g_source_attach (ticks, g_main_context_get_thread_default ());
      report = juggler_lab_run_mandelbrot (lab, JUGGLER_STRATEGY_SHARED_POOL, 1, MANY_TILE, error);
      g_source_destroy (ticks);
      juggler_lab_iterate_until (lab, &probe.idle);
      ok = report != NULL;
    }
  g_file_delete (file, NULL, NULL);
  if (!ok)
    return FALSE;

  juggler_lab_set_figure (lab, "shared_pool_wall_s", report->wall_s);
  juggler_lab_set_figure_int (lab, "shared_pool_threads",
                              probe.threads_peak - MIN (threads_before, probe.threads_peak));
  juggler_lab_add_point (lab, "shared pool", probe.threads_peak - MIN (threads_before, probe.threads_peak),
                         juggler_lab_switches_per_job (report));
  juggler_lab_set_figure (lab, "gio_read_idle_ms", median_ms (idle_ms));
  juggler_lab_set_figure (lab, "gio_read_behind_tiles_ms", median_ms (busy_ms));
  juggler_lab_set_figure_int (lab, "gio_reads_behind_tiles", busy_ms->len);
  juggler_lab_set_figure (lab, "gio_read_wait_ratio",
                          median_ms (busy_ms) / MAX (median_ms (idle_ms), 1e-3));

  return TRUE;
}

gboolean
juggler_measure_pool (JugglerLab  *lab,
                      GError     **error)
{
  guint cores = juggler_lab_get_cores (lab);
  guint many = MIN (16 * cores, JUGGLER_MAX_WORKERS);
  g_autoptr(JugglerReport) per_job = NULL;
  g_autoptr(JugglerReport) pool = NULL;
  g_autoptr(JugglerReport) crowd = NULL;

  per_job = juggler_lab_run_mandelbrot (lab, JUGGLER_STRATEGY_THREAD_PER_JOB, 1, MANY_TILE, error);
  if (per_job == NULL)
    return FALSE;
  juggler_lab_set_figure_int (lab, "tiles", per_job->jobs);
  juggler_lab_set_figure (lab, "thread_per_job_wall_s", per_job->wall_s);
  juggler_lab_record (lab, "thread_per_job_switches_per_tile", "switches per tile", per_job->jobs,
                      juggler_lab_switches_per_job (per_job));

  pool = juggler_lab_run_mandelbrot (lab, JUGGLER_STRATEGY_THREADS, cores, MANY_TILE, error);
  if (pool == NULL)
    return FALSE;
  juggler_lab_set_figure (lab, "pool_wall_s", pool->wall_s);
  juggler_lab_record (lab, "pool_switches_per_tile", "switches per tile", cores,
                      juggler_lab_switches_per_job (pool));

  crowd = juggler_lab_run_mandelbrot (lab, JUGGLER_STRATEGY_THREADS, many, MANY_TILE, error);
  if (crowd == NULL)
    return FALSE;
  juggler_lab_set_figure_int (lab, "crowd_workers", many);
  juggler_lab_set_figure (lab, "crowd_wall_s", crowd->wall_s);
  juggler_lab_record (lab, "crowd_switches_per_tile", "switches per tile", many,
                      juggler_lab_switches_per_job (crowd));

  juggler_lab_set_figure (lab, "per_job_over_pool_switches",
                          juggler_lab_switches_per_job (per_job) /
                          MAX (juggler_lab_switches_per_job (pool), 1e-6));

  return measure_shared_pool (lab, error);
}
