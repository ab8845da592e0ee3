/* juggler-experiment-net.c: the experiments on I/O — async requests against threads, how far
 * a loop scales, what blocking costs it, and which threads an event loop really uses
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-experiment"

#include "config.h"

#include "juggler-experiment-private.h"

#include <string.h>
#include <unistd.h>

#include "juggler-http-workload.h"
#include "juggler-mandelbrot.h"

JugglerReport *
juggler_lab_run_requests (JugglerLab             *lab,
                          const JugglerLabConfig *config,
                          guint                   n_requests,
                          guint                   delay_ms,
                          const char             *host,
                          guint16                 port,
                          JugglerLabSample       *sample,
                          JugglerLabRequests     *requests,
                          GError                **error)
{
  g_autoptr(JugglerHttpWorkload) workload = NULL;
  g_autoptr(JugglerReport) report = NULL;
  g_autofree char *url = NULL;
  const char *urls[2] = { NULL, NULL };

  if (juggler_lab_get_server_uri (lab, error) == NULL)
    return NULL;

  url = g_strdup_printf ("http://%s:%u/delay/%u", host != NULL ? host : "127.0.0.1",
                         port != 0 ? port : juggler_lab_get_server_port (lab), delay_ms);
  urls[0] = url;
  workload = juggler_http_workload_new (urls, n_requests, JUGGLER_HTTP_DEFAULT_TIMEOUT_S, error);
  if (workload == NULL)
    return NULL;

  report = juggler_lab_run (lab, JUGGLER_WORKLOAD (workload), config, sample);
  if (juggler_lab_cancelled (lab, error))
    return NULL;

  if (requests != NULL)
    {
      g_autofree double *request_ms = g_new0 (double, n_requests);
      JugglerSummary summary = { 0 };
      guint n_done = 0;

      /* A result is there to read only once every request has been merged. */
      requests->n_failed = n_requests - MIN (report->completed, n_requests);
      for (guint i = 0; report->completed == n_requests && i < n_requests; i++)
        {
          const JugglerHttpResult *result = juggler_http_workload_get_result (workload, i);

          if (result->outcome != JUGGLER_HTTP_OK)
            requests->n_failed++;
          else
            request_ms[n_done++] = juggler_http_result_get_request_us (result) / 1000.0;
        }
      if (n_done > 0)
        juggler_summarize_values (request_ms, n_done, &summary);
      requests->request_p99_ms = summary.p99;
    }

  return g_steal_pointer (&report);
}

static double
kb_per_request (const JugglerLabSample *sample,
                guint                   n_requests)
{
  return (double) MAX (sample->rss_peak_kb - sample->rss_idle_kb, 0) / MAX (n_requests, 1);
}

gboolean
juggler_measure_io_event_loop (JugglerLab  *lab,
                               GError     **error)
{
  gboolean quick = juggler_lab_is_quick (lab);
  guint n_requests = quick ? 40 : 500;
  guint delay_ms = quick ? 50 : 100;
  JugglerLabConfig async_config = { JUGGLER_STRATEGY_ASYNC, 1, n_requests, NULL, NULL };
  JugglerLabConfig pool_config = { JUGGLER_STRATEGY_THREADS, 10, 1, NULL, NULL };
  JugglerLabConfig per_request_config = { JUGGLER_STRATEGY_THREAD_PER_JOB, 1, 1, NULL, NULL };
  JugglerLabSample async_sample, pool_sample, per_request_sample;
  g_autoptr(JugglerReport) async = NULL;
  g_autoptr(JugglerReport) pool = NULL;
  g_autoptr(JugglerReport) per_request = NULL;

  juggler_lab_set_figure_int (lab, "requests", n_requests);
  juggler_lab_set_figure_int (lab, "latency_ms", delay_ms);

  async = juggler_lab_run_requests (lab, &async_config, n_requests, delay_ms, NULL, 0,
                                    &async_sample, NULL, error);
  if (async == NULL)
    return FALSE;
  juggler_lab_record (lab, "async_wall_s", "async", n_requests, juggler_lab_wall_s (async));
  juggler_lab_set_figure (lab, "async_kb_per_request", kb_per_request (&async_sample, n_requests));

  pool = juggler_lab_run_requests (lab, &pool_config, n_requests, delay_ms, NULL, 0,
                                   &pool_sample, NULL, error);
  if (pool == NULL)
    return FALSE;
  juggler_lab_set_figure_int (lab, "pool_threads", pool_config.workers);
  juggler_lab_record (lab, "pool_wall_s", "10 threads", pool_config.workers,
                      juggler_lab_wall_s (pool));
  juggler_lab_set_figure (lab, "pool_over_async",
                          juggler_lab_wall_s (pool) / juggler_lab_wall_s (async));

  /* Threads match async only with one per request: at what memory cost. */
  per_request = juggler_lab_run_requests (lab, &per_request_config, n_requests, delay_ms, NULL, 0,
                                          &per_request_sample, NULL, error);
  if (per_request == NULL)
    return FALSE;
  juggler_lab_record (lab, "thread_per_request_wall_s", "a thread per request", n_requests,
                      juggler_lab_wall_s (per_request));
  juggler_lab_set_figure (lab, "thread_per_request_over_async",
                          juggler_lab_wall_s (per_request) / juggler_lab_wall_s (async));
  juggler_lab_set_figure (lab, "thread_per_request_kb_per_request",
                          kb_per_request (&per_request_sample, n_requests));

  return TRUE;
}

gboolean
juggler_measure_loop_scales_io (JugglerLab  *lab,
                                GError     **error)
{
  static const guint in_flight[] = { 1, 10, 100, 1000 };
  static const guint in_flight_quick[] = { 1, 10, 50 };
  gboolean quick = juggler_lab_is_quick (lab);
  const guint *counts = quick ? in_flight_quick : in_flight;
  guint n_counts = quick ? G_N_ELEMENTS (in_flight_quick) : G_N_ELEMENTS (in_flight);
  guint delay_ms = quick ? 50 : 200;

  juggler_lab_set_figure_int (lab, "latency_ms", delay_ms);

  for (guint i = 0; i < n_counts; i++)
    {
      guint n = counts[i];
      JugglerLabConfig config = { JUGGLER_STRATEGY_ASYNC, 1, n, NULL, NULL };
      JugglerLabSample sample;
      g_autoptr(JugglerReport) report = NULL;
      g_autofree char *name = g_strdup_printf ("wall_over_ideal_%u", n);
      JugglerLabRequests requests;
      double ratio;

      /* One wave: n requests, n in flight, ideally done in one latency. */
      report = juggler_lab_run_requests (lab, &config, n, delay_ms, NULL, 0, &sample,
                                         &requests, error);
      if (report == NULL)
        return FALSE;

      ratio = juggler_lab_wall_s (report) / (delay_ms / 1000.0);
      juggler_lab_set_figure (lab, name, ratio);
      juggler_lab_add_point (lab, "ideal", n, 1.0);
      juggler_lab_add_point (lab, "async", n, ratio);

      if (i == n_counts - 1)
        {
          juggler_lab_set_figure_int (lab, "max_in_flight", n);
          juggler_lab_set_figure (lab, "wall_over_ideal", ratio);
          juggler_lab_set_figure (lab, "kb_per_request", kb_per_request (&sample, n));
          juggler_lab_set_figure (lab, "loop_p99_ms", report->loop_latency_ms.p99);
          juggler_lab_set_figure_int (lab, "failed", requests.n_failed);
        }
    }

  return TRUE;
}

gboolean
juggler_measure_gui (JugglerLab  *lab,
                     GError     **error)
{
  gboolean quick = juggler_lab_is_quick (lab);
  guint n_requests = quick ? 50 : 500;
  JugglerLabConfig config = { JUGGLER_STRATEGY_ASYNC, 1, n_requests, NULL, NULL,
                              juggler_lab_uses_caller_loop (lab) };
  g_autoptr(JugglerReport) report = NULL;

  /* From a window, on the window's own loop: its frames are then the ones at stake. */
  report = juggler_lab_run_requests (lab, &config, n_requests, quick ? 50 : 200, NULL, 0,
                                     NULL, NULL, error);
  if (report == NULL)
    return FALSE;

  juggler_lab_set_figure_string (lab, "loop", config.on_caller_loop ? "window" : "experiment");
  juggler_lab_set_figure_int (lab, "requests", n_requests);
  juggler_lab_set_figure (lab, "loop_p99_ms", report->loop_latency_ms.p99);
  juggler_lab_set_figure (lab, "loop_max_ms", report->loop_latency_ms.max);
  juggler_lab_set_figure (lab, "wall_s", juggler_lab_wall_s (report));
  juggler_lab_add_point (lab, "loop p99", n_requests, report->loop_latency_ms.p99);
  juggler_lab_add_point (lab, "frame", n_requests, 16.7);

  return TRUE;
}

/* A run's longest stall of the loop: <name>_stall_ms and a point at x; with share, also
 * <name>_stall_share, the stall's share of the run's wall time. */
static void
record_stall (JugglerLab          *lab,
              const JugglerReport *report,
              const char          *name,
              const char          *series,
              double               x,
              gboolean             share)
{
  g_autofree char *stall = g_strdup_printf ("%s_stall_ms", name);
  g_autofree char *stall_share = g_strdup_printf ("%s_stall_share", name);

  juggler_lab_record (lab, stall, series, x, report->loop_latency_ms.max);
  if (share)
    juggler_lab_set_figure (lab, stall_share,
                            report->loop_latency_ms.max / 1000.0 / juggler_lab_wall_s (report));
}

gboolean
juggler_measure_blocking (JugglerLab  *lab,
                          GError     **error)
{
  gboolean quick = juggler_lab_is_quick (lab);
  guint n_requests = quick ? 3 : 5;
  guint delay_ms = quick ? 50 : 100;
  JugglerLabConfig blocking_config = { JUGGLER_STRATEGY_BLOCKING, 1, 1, NULL, NULL };
  JugglerLabConfig async_config = { JUGGLER_STRATEGY_ASYNC, 1, n_requests, NULL, NULL };
  g_autoptr(JugglerReport) cpu_blocking = NULL;
  g_autoptr(JugglerReport) cpu_threads = NULL;
  g_autoptr(JugglerReport) net_blocking = NULL;
  g_autoptr(JugglerReport) net_async = NULL;

  cpu_threads = juggler_lab_run_mandelbrot (lab, JUGGLER_STRATEGY_THREADS,
                                            juggler_lab_get_cores (lab),
                                            JUGGLER_MANDELBROT_DEFAULT_TILE, error);
  if (cpu_threads == NULL)
    return FALSE;
  record_stall (lab, cpu_threads, "cpu_threads", "threads", 0, FALSE);

  cpu_blocking = juggler_lab_run_mandelbrot (lab, JUGGLER_STRATEGY_BLOCKING, 1,
                                             JUGGLER_MANDELBROT_DEFAULT_TILE, error);
  if (cpu_blocking == NULL)
    return FALSE;
  record_stall (lab, cpu_blocking, "cpu_blocking", "blocking", 1, TRUE);

  net_async = juggler_lab_run_requests (lab, &async_config, n_requests, delay_ms, NULL, 0,
                                        NULL, NULL, error);
  if (net_async == NULL)
    return FALSE;
  record_stall (lab, net_async, "net_async", "async", 2, FALSE);

  net_blocking = juggler_lab_run_requests (lab, &blocking_config, n_requests, delay_ms, NULL, 0,
                                           NULL, NULL, error);
  if (net_blocking == NULL)
    return FALSE;
  record_stall (lab, net_blocking, "net_blocking", "blocking", 3, TRUE);

  return TRUE;
}

/* tid → context switches so far, of every thread of the process. */
static GHashTable *
snapshot_threads (void)
{
  GHashTable *threads = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/task", 0, NULL);
  const char *tid;

  while (dir != NULL && (tid = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_strdup_printf ("/proc/self/task/%s/status", tid);
      g_autofree char *status = NULL;
      guint64 switches = 0;
      const char *line;

      if (!g_file_get_contents (path, &status, NULL, NULL))
        continue;
      for (line = status; line != NULL && *line != '\0'; line = strchr (line, '\n'))
        {
          if (*line == '\n')
            line++;
          if (g_str_has_prefix (line, "voluntary_ctxt_switches:") ||
              g_str_has_prefix (line, "nonvoluntary_ctxt_switches:"))
            switches += g_ascii_strtoull (strchr (line, ':') + 1, NULL, 10);
        }
      g_hash_table_insert (threads, g_strdup (tid), GSIZE_TO_POINTER (switches + 1));
    }

  return threads;
}

static char *
thread_name (const char *tid)
{
  g_autofree char *path = g_strdup_printf ("/proc/self/task/%s/comm", tid);
  char *name = NULL;

  if (!g_file_get_contents (path, &name, NULL, NULL))
    return g_strdup ("?");

  return g_strchomp (name);
}

/* The threads that ran between before and after and are not ignored; their names in *names. */
static guint
count_woken (GHashTable  *before,
             GHashTable  *after,
             GHashTable  *ignored,
             char       **names)
{
  g_autoptr(GPtrArray) woken = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer tid, switches;

  g_hash_table_iter_init (&iter, after);
  while (g_hash_table_iter_next (&iter, &tid, &switches))
    {
      g_autofree char *name = NULL;

      if (g_hash_table_contains (ignored, tid) ||
          g_hash_table_lookup (before, tid) == switches)
        continue;

      name = thread_name (tid);
      /* The embedded server is the other end of the requests, not the client's helper. */
      if (g_str_equal (name, "juggler-server"))
        continue;
      g_ptr_array_add (woken, g_steal_pointer (&name));
    }

  g_ptr_array_sort (woken, (GCompareFunc) g_strcmp0);
  g_ptr_array_add (woken, NULL);
  *names = g_strjoinv (",", (char **) woken->pdata);

  return woken->len - 1;
}

static gboolean
timeout_flag_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;

  return G_SOURCE_REMOVE;
}

static void
snapshot_cb (gpointer user_data)
{
  GHashTable **snapshot = user_data;

  *snapshot = snapshot_threads ();
}

/* Counts the threads that work for a run of async requests through host. */
static gboolean
measure_helpers (JugglerLab  *lab,
                 const char  *prefix,
                 const char  *host,
                 GHashTable  *ignored,
                 GError     **error)
{
  guint n_requests = juggler_lab_is_quick (lab) ? 5 : 20;
  JugglerLabConfig config = { JUGGLER_STRATEGY_ASYNC, 1, n_requests, NULL, NULL };
  g_autoptr(GHashTable) before = snapshot_threads ();
  g_autoptr(GHashTable) after = NULL;
  g_autoptr(JugglerReport) report = NULL;
  g_autofree char *names = NULL;
  g_autofree char *count_name = g_strdup_printf ("%s_helper_threads", prefix);
  g_autofree char *names_name = g_strdup_printf ("%s_helpers", prefix);
  g_autofree char *failed_name = g_strdup_printf ("%s_failed", prefix);
  JugglerLabRequests requests;
  guint n;

  /* Until the last request is in: the run's own ending hashes its result on GTask's pool. */
  config.jobs_done_func = snapshot_cb;
  config.jobs_done_data = &after;
  report = juggler_lab_run_requests (lab, &config, n_requests, 20, host, 0, NULL, &requests,
                                     error);
  if (report == NULL)
    return FALSE;

  if (after == NULL)
    after = snapshot_threads ();
  n = count_woken (before, after, ignored, &names);
  juggler_lab_set_figure_int (lab, count_name, n);
  juggler_lab_set_figure_string (lab, names_name, names);
  juggler_lab_set_figure_int (lab, failed_name, requests.n_failed);
  juggler_lab_add_point (lab, prefix, 0, n);

  return TRUE;
}

gboolean
juggler_measure_loop_no_threads (JugglerLab  *lab,
                                 GError     **error)
{
  g_autoptr(GHashTable) ignored = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) idle_before = NULL;
  g_autoptr(GHashTable) idle_after = NULL;
  g_autoptr(GSource) pause = NULL;
  g_autofree char *idle_names = NULL;
  GHashTableIter iter;
  gpointer tid, switches;
  gboolean paused = FALSE;

  if (juggler_lab_get_server_uri (lab, error) == NULL)
    return FALSE;

  /* The loop's own thread, and any thread that wakes while nothing runs (the caller's loop,
   * a window's frame clock): they do not work for the requests. */
  g_hash_table_add (ignored, g_strdup_printf ("%d", (int) gettid ()));
  g_hash_table_add (ignored, g_strdup_printf ("%d", juggler_lab_get_caller_tid (lab)));
  idle_before = snapshot_threads ();
  pause = g_timeout_source_new (juggler_lab_is_quick (lab) ? 50 : 200);
  g_source_set_callback (pause, timeout_flag_cb, &paused, NULL);
  g_source_attach (pause, g_main_context_get_thread_default ());
  juggler_lab_iterate_until (lab, &paused);
  idle_after = snapshot_threads ();
  g_hash_table_iter_init (&iter, idle_after);
  while (g_hash_table_iter_next (&iter, &tid, &switches))
    if (g_hash_table_lookup (idle_before, tid) != switches)
      g_hash_table_add (ignored, g_strdup (tid));
  juggler_lab_set_figure_int (lab, "idle_threads_ignored", g_hash_table_size (ignored) - 2);

  if (!measure_helpers (lab, "ip", NULL, ignored, error))
    return FALSE;
  juggler_lab_set_figure_string (lab, "host", g_get_host_name ());
  if (!measure_helpers (lab, "host", g_get_host_name (), ignored, error))
    return FALSE;

  return TRUE;
}
