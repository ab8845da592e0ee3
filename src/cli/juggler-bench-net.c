/* juggler-bench-net.c: `juggler-bench net`, HTTP requests under each strategy
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-bench"

#include "config.h"

#include "juggler-bench.h"

#include <glib/gi18n.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "juggler-bench-common.h"
#include "juggler-http-workload.h"
#include "juggler-server.h"

typedef struct
{
  guint    requests;
  guint    concurrency;
  gboolean tune_connections;
  guint    latency_ms;
  guint    size;
  guint    timeout_s;
  GStrv    urls;
  gboolean in_process_server;
} NetWorkload;

static void
net_workload_clear (NetWorkload *net)
{
  g_clear_pointer (&net->urls, g_strfreev);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (NetWorkload, net_workload_clear)

/* Where the requests go: an external URL, or the embedded server in this process or in a
 * child process, so that client and server share neither a loop nor file-descriptor limits. */
typedef struct
{
  GSubprocess   *process;
  JugglerServer *server;
  char          *description;
} Target;

static void
target_clear (Target *target)
{
  if (target->process != NULL)
    {
      g_subprocess_send_signal (target->process, SIGTERM);
      g_subprocess_wait (target->process, NULL, NULL);
    }
  g_clear_object (&target->process);
  g_clear_object (&target->server);
  g_clear_pointer (&target->description, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Target, target_clear)

/* Runs in the child, between fork and exec. A bench that is killed (by any signal, even
 * SIGKILL) must not leave its server listening: the kernel sends the server SIGTERM when
 * the thread that forked it ends, which here is the main thread, so the process. */
static void
die_with_parent (gpointer user_data)
{
  pid_t parent = GPOINTER_TO_INT (user_data);

  prctl (PR_SET_PDEATHSIG, SIGTERM);
  /* The parent died before the line above: nothing will send the signal. */
  if (getppid () != parent)
    _exit (EXIT_FAILURE);
}

static char *
start_server_process (Target  *target,
                      GError **error)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GDataInputStream) output = NULL;
  g_autofree char *self_path = g_file_read_link ("/proc/self/exe", error);
  g_autofree char *line = NULL;

  if (self_path == NULL)
    return NULL;

  g_subprocess_launcher_set_child_setup (launcher, die_with_parent,
                                         GINT_TO_POINTER (getpid ()), NULL);
  target->process = g_subprocess_launcher_spawn (launcher, error, self_path, "serve", NULL);
  if (target->process == NULL)
    return NULL;

  output = g_data_input_stream_new (g_subprocess_get_stdout_pipe (target->process));
  line = g_data_input_stream_read_line_utf8 (output, NULL, NULL, error);
  if (line == NULL || !g_str_has_prefix (line, "Serving on "))
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                     _("The server process did not start (it printed “%s”)"),
                     line != NULL ? line : "");
      return NULL;
    }

  target->description = g_strdup_printf (_("embedded server in a separate process (pid %s)"),
                                         g_subprocess_get_identifier (target->process));

  return g_strdup (line + strlen ("Serving on "));
}

static GStrv
target_start (Target            *target,
              const NetWorkload *net,
              GError           **error)
{
  g_autofree char *base = NULL;
  GStrv urls;

  if (net->urls != NULL)
    {
      target->description = g_strdup (_("the given URLs"));
      return g_strdupv (net->urls);
    }

  if (net->in_process_server)
    {
      target->server = juggler_server_new ();
      if (!juggler_server_start (target->server, 0, error))
        return NULL;
      base = g_strdup (juggler_server_get_uri (target->server));
      target->description = g_strdup (_("embedded server in this process"));
    }
  else if ((base = start_server_process (target, error)) == NULL)
    {
      return NULL;
    }

  urls = g_new0 (char *, 2);
  urls[0] = g_strdup_printf ("%sbytes/%u?delay=%u", base, net->size, net->latency_ms);

  return urls;
}

/* The bench's defaults, for runs of a few seconds. */
#define DEFAULT_REQUESTS   100
#define DEFAULT_LATENCY_MS 200
#define DEFAULT_SIZE       16384
#define DEFAULT_WORKERS    10

static gboolean
parse_net_options (int          *argc,
                   char       ***argv,
                   BenchOptions *options,
                   NetWorkload  *net,
                   GError      **error)
{
  GOptionEntry entries[] = {
    { "in-process-server", 0, 0, G_OPTION_ARG_NONE, &net->in_process_server,
      N_("Run the embedded server in this process instead of a child process"), NULL },
    { NULL }
  };
  JugglerRunOptions *run = &options->run;

  if (!bench_parse_options (argc, argv,
                            _("Sends HTTP GET requests under each strategy on a GMainLoop with "
                              "the main-loop latency probe active."),
                            JUGGLER_WORKLOAD_NET, DEFAULT_WORKERS, entries, options, error))
    return FALSE;

  net->requests = run->requests > 0 ? run->requests : DEFAULT_REQUESTS;
  net->latency_ms = run->latency_ms >= 0 ? (guint) run->latency_ms : DEFAULT_LATENCY_MS;
  net->size = run->size_bytes >= 0 ? (guint) run->size_bytes : DEFAULT_SIZE;
  net->timeout_s = run->timeout_s > 0 ? run->timeout_s : JUGGLER_HTTP_DEFAULT_TIMEOUT_S;
  net->tune_connections = !run->untuned;
  net->concurrency = run->concurrency > 0 ? run->concurrency
                                          : MIN (net->requests, JUGGLER_CONCURRENCY_MAX);
  net->urls = g_strdupv (run->urls);

  return TRUE;
}

/* Memory freed by one run stays with the process for the next: the first run shows the
 * growth, so the largest of the repeats is the one that says what a request costs. */
static double
kb_per_request_in_flight (const BenchConfig *config)
{
  double kb = 0;

  for (guint i = 0; i < config->reports->len; i++)
    {
      const JugglerReport *report = g_ptr_array_index (config->reports, i);
      guint in_flight = report->http != NULL ? report->http->peak_in_flight : 0;

      if (in_flight > 0)
        kb = MAX (kb, (double) (report->rss_peak_kb - report->rss_idle_kb) / in_flight);
    }

  return kb;
}

static void
print_table (GArray            *configs,
             const BenchOptions *options,
             const NetWorkload  *net,
             const char         *target,
             gboolean            digests_equal)
{
  /* The same speed-up as the CPU table's, the JSON's and the window's: against one worker
   * thread, which --strategy all runs only with --workers 1. */
  double baseline = bench_baseline_wall_s (configs);

  g_print ("%-15s %6s %8s %8s %8s %8s %9s %9s %9s %7s %9s\n", "strategy", "in fl.", "wall s",
           "req/s", "MB/s", "speedup", "req p50", "req p99", "lat p99", "errors", "KB/req");
  for (guint i = 0; i < configs->len; i++)
    {
      const BenchConfig *config = &g_array_index (configs, BenchConfig, i);
      const JugglerReport *report = bench_median_report (config);
      gboolean async = config->strategy == JUGGLER_STRATEGY_ASYNC;
      const JugglerHttpStats *stats = report->http;
      g_autofree char *speedup = baseline > 0 && report->wall_s > 0 ? g_strdup_printf ("%.2f×", baseline / report->wall_s)
                                              : g_strdup ("–");
      /* Untuned, most requests wait inside libsoup without a connection: not a cost per
       * request in flight. */
      g_autofree char *per_request = async && config->tune_connections
                                       ? g_strdup_printf ("%.1f", kb_per_request_in_flight (config))
                                       : g_strdup ("–");

      g_print ("%-15s %6u %8.3f %8.1f %8.2f %9s %9.1f %9.1f %9.2f %7u %9s\n", config->label,
               stats->peak_in_flight, report->wall_s, report->throughput_jobs_s,
               stats->bytes / report->wall_s / 1e6, speedup, stats->request_ms.p50,
               stats->request_ms.p99, report->loop_latency_ms.p99,
               juggler_http_stats_get_n_errors (stats), per_request);
    }

  g_print ("\n");
  if (net->urls == NULL)
    g_print (_("%u requests to %s, %u ms latency, %u bytes each.\n"), net->requests, target,
             net->latency_ms, net->size);
  else
    g_print (_("%u requests to %s.\n"), net->requests, target);
  g_print (_("in fl.: requests in flight at once; speedup: against threads with 1 worker (a "
             "run with --workers 1 makes one); req: request time in ms; lat: main-loop latency "
             "in ms; KB/req: memory growth per async request in flight (of the first run: later "
             "ones reuse its memory).\n"));
  bench_print_machine_note (configs);
  bench_print_repeat_note (options);
  bench_print_digest_verdict (digests_equal);
}

/* libsoup, GIO's resolver and TLS set themselves up on first use: a few requests first, so
 * that the first measured run's memory growth is its requests', not the libraries'. */
static void
warm_up (const BenchOptions *options,
         GStrv               urls,
         const NetWorkload  *net)
{
  BenchConfig config = { NULL, JUGGLER_STRATEGY_ASYNC, 1, 4, TRUE, FALSE, NULL };
  g_autoptr(JugglerHttpWorkload) workload =
    juggler_http_workload_new ((const char * const *) urls, 4, net->timeout_s, NULL);
  BenchOptions untraced = *options;

  /* The --trace file shows the measured runs only. */
  untraced.trace = NULL;
  juggler_report_free (bench_run_once (&untraced, JUGGLER_WORKLOAD (workload), &config));
}

int
juggler_bench_net (int    argc,
                   char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) configs = bench_configs_new ();
  g_auto(Target) target = { NULL };
  g_auto(GStrv) urls = NULL;
  g_autofree char *reference = NULL;
  g_auto(BenchOptions) options = { 0 };
  g_auto(NetWorkload) net = { 0 };
  gboolean digests_equal = TRUE;

  if (!parse_net_options (&argc, &argv, &options, &net, &error))
    {
      g_printerr ("juggler-bench net: %s\n", error->message);
      return EXIT_USAGE;
    }

  urls = target_start (&target, &net, &error);
  if (urls == NULL)
    {
      g_printerr ("juggler-bench net: %s\n", error->message);
      return EXIT_FAILURE;
    }
  if (!options.json)
    g_print (_("Requests go to %s: %s\n\n"), target.description, urls[0]);

  warm_up (&options, urls, &net);

  if (options.all)
    {
      JugglerStrategy strategy = JUGGLER_STRATEGY_ASYNC;

      /* Every strategy, from async on in enum order, each with its best settings; then
       * async again with libsoup's default connection limits. */
      do
        {
          bench_configs_add (configs, juggler_strategy_to_string (strategy), strategy,
                             juggler_strategy_sized_by_workers (strategy) ? options.workers : 1,
                             strategy == JUGGLER_STRATEGY_ASYNC ? net.concurrency : 1, TRUE,
                             FALSE);
          strategy = juggler_strategy_next (strategy, JUGGLER_WORKLOAD_NET);
        }
      while (strategy != JUGGLER_STRATEGY_ASYNC);
      bench_configs_add (configs, "async untuned", JUGGLER_STRATEGY_ASYNC, 1, net.concurrency,
                         FALSE, FALSE);
    }
  else
    {
      bench_configs_add (configs,
                         options.strategy == JUGGLER_STRATEGY_ASYNC && !net.tune_connections
                           ? "async untuned" : juggler_strategy_to_string (options.strategy),
                         options.strategy,
                         juggler_strategy_sized_by_workers (options.strategy) ? options.workers : 1,
                         net.concurrency, net.tune_connections, FALSE);
    }

  for (guint r = 0; r < options.repeat; r++)
    {
      for (guint i = 0; i < configs->len; i++)
        {
          BenchConfig *config = &g_array_index (configs, BenchConfig, i);
          g_autoptr(JugglerHttpWorkload) workload =
            juggler_http_workload_new ((const char * const *) urls, net.requests, net.timeout_s,
                                       NULL);
          JugglerReport *report = bench_run_once (&options, JUGGLER_WORKLOAD (workload), config);

          report->target = g_strdup (target.description);
          /* A URL's latency is not known in advance: then no cap in the JSON. */
          report->server_latency_ms = net.urls == NULL ? net.latency_ms : 0;
          digests_equal &= bench_keep_report (&options, config, report, &reference);
        }
    }

  bench_print_json (&options, configs);
  if (!options.json)
    print_table (configs, &options, &net, target.description, digests_equal);
  if (!bench_finish_trace (&options, "net"))
    return EXIT_FAILURE;

  /* Real servers may answer differently from one request to the next: only the embedded
   * server's answers must be identical. */
  return digests_equal || net.urls != NULL ? EXIT_SUCCESS : EXIT_FAILURE;
}
