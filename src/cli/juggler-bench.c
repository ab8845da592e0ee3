/* juggler-bench.c: the same runs as the window, headless, for benchmarks, CI and scripts
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-bench"

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "juggler-mandelbrot.h"
#include "juggler-run.h"
#include "juggler-server.h"

#define EXIT_USAGE 2
/* The bench samples progress as often as a 60 Hz window would. */
#define FRAME_INTERVAL_MS 16

typedef struct
{
  JugglerStrategy     strategy;
  gboolean            all;
  guint               workers;
  guint               width;
  guint               height;
  guint               tile;
  guint               iterations;
  guint               switch_every_ms;
  gboolean            nice;
  JugglerProgressMode progress_mode;
  guint               repeat;
  gboolean            json;
} CpuOptions;

/* One row of the comparison: a strategy with a worker count, or the bare kernel. */
typedef struct
{
  const char      *label;
  JugglerStrategy  strategy;
  guint            workers;
  gboolean         kernel;
  GPtrArray       *reports;
} Config;

static G_GNUC_PRINTF (2, 3) gboolean
usage_error (GError    **error,
             const char *format,
             ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                                                format, args));
  va_end (args);

  return FALSE;
}

static gboolean
parse_uint (const char *option,
            const char *value,
            guint       min,
            guint       max,
            guint      *out,
            GError    **error)
{
  guint64 number;

  if (!g_ascii_string_to_unsigned (value, 10, min, max, &number, NULL))
    return usage_error (error, _("%s: expected a whole number from %u to %u, got “%s”"),
                        option, min, max, value);

  *out = number;
  return TRUE;
}

static gboolean
parse_size (const char *value,
            guint      *width,
            guint      *height,
            GError    **error)
{
  g_auto(GStrv) parts = g_strsplit (value, "x", 2);

  if (g_strv_length (parts) != 2 ||
      !parse_uint ("--size", parts[0], 1, G_MAXUINT, width, NULL) ||
      !parse_uint ("--size", parts[1], 1, G_MAXUINT, height, NULL))
    return usage_error (error, _("--size: expected WIDTHxHEIGHT such as 1024x768, got “%s”"),
                        value);

  return TRUE;
}

static gboolean
parse_cpu_options (int         *argc,
                   char      ***argv,
                   CpuOptions  *options,
                   GError     **error)
{
  g_autofree char *strategy = NULL;
  g_autofree char *workers = NULL;
  g_autofree char *size = NULL;
  g_autofree char *tile = NULL;
  g_autofree char *iterations = NULL;
  g_autofree char *switch_every = NULL;
  g_autofree char *progress = NULL;
  g_autofree char *repeat = NULL;
  gboolean no_nice = FALSE;
  GOptionEntry entries[] = {
    { "strategy", 0, 0, G_OPTION_ARG_STRING, &strategy,
      N_("threads, cooperative, blocking, global-lock or all (default: all)"), N_("NAME") },
    { "workers", 0, 0, G_OPTION_ARG_STRING, &workers,
      N_("Worker threads, 1 to 256 (default: the number of processors)"), N_("N") },
    { "size", 0, 0, G_OPTION_ARG_STRING, &size, N_("Image size (default: 1024x768)"), N_("WxH") },
    { "tile", 0, 0, G_OPTION_ARG_STRING, &tile, N_("Tile size in pixels (default: 64)"), N_("PX") },
    { "iterations", 0, 0, G_OPTION_ARG_STRING, &iterations,
      N_("Maximum iterations per pixel (default: 2000)"), N_("N") },
    { "switch-every", 0, 0, G_OPTION_ARG_STRING, &switch_every,
      N_("Rotate through the strategies during the run"), N_("MS") },
    { "no-nice", 0, 0, G_OPTION_ARG_NONE, &no_nice,
      N_("Keep worker threads at normal priority"), NULL },
    { "progress", 0, 0, G_OPTION_ARG_STRING, &progress,
      N_("coalesced (default) or per-event"), N_("MODE") },
    { "repeat", 0, 0, G_OPTION_ARG_STRING, &repeat, N_("Run each configuration K times"), N_("K") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &options->json, N_("One JSON object per run per line"),
      NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("— CPU workload"));

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("Computes Mandelbrot tiles under each strategy on a "
                                           "GMainLoop with the main-loop latency probe active."));
  if (!g_option_context_parse (context, argc, argv, error))
    return FALSE;
  if (*argc > 1)
    return usage_error (error, _("unexpected argument “%s”"), (*argv)[1]);

  options->all = strategy == NULL || g_str_equal (strategy, "all");
  if (!options->all && !juggler_strategy_from_string (strategy, &options->strategy))
    return usage_error (error, _("--strategy: unknown strategy “%s”"), strategy);

  options->workers = g_get_num_processors ();
  options->width = JUGGLER_MANDELBROT_DEFAULT_WIDTH;
  options->height = JUGGLER_MANDELBROT_DEFAULT_HEIGHT;
  options->tile = JUGGLER_MANDELBROT_DEFAULT_TILE;
  options->iterations = JUGGLER_MANDELBROT_DEFAULT_ITERATIONS;
  options->nice = !no_nice;
  options->repeat = 1;

  if ((workers != NULL &&
       !parse_uint ("--workers", workers, 1, JUGGLER_MAX_WORKERS, &options->workers, error)) ||
      (size != NULL && !parse_size (size, &options->width, &options->height, error)) ||
      (tile != NULL && !parse_uint ("--tile", tile, 1, 65536, &options->tile, error)) ||
      (iterations != NULL &&
       !parse_uint ("--iterations", iterations, 1, JUGGLER_MANDELBROT_MAX_ITERATIONS,
                    &options->iterations, error)) ||
      (switch_every != NULL &&
       !parse_uint ("--switch-every", switch_every, 1, 3600000, &options->switch_every_ms,
                    error)) ||
      (repeat != NULL && !parse_uint ("--repeat", repeat, 1, 1000, &options->repeat, error)))
    return FALSE;

  if (progress != NULL && !juggler_progress_mode_from_string (progress, &options->progress_mode))
    return usage_error (error, _("--progress: expected coalesced or per-event, got “%s”"),
                        progress);

  return TRUE;
}

static void
run_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  JugglerReport **report = user_data;

  *report = juggler_run_execute_finish (JUGGLER_RUN (object), result, NULL);
}

static gboolean
frame_cb (gpointer user_data)
{
  JugglerProgress progress;

  /* What a window does once per frame: read the progress (under the GIL if there is one). */
  juggler_run_sample (user_data, &progress);

  return G_SOURCE_CONTINUE;
}

static JugglerReport *
run_once (const CpuOptions  *options,
          JugglerWorkload   *workload,
          const Config      *config)
{
  g_autoptr(JugglerRun) run = juggler_run_new (workload, config->strategy, config->workers);
  JugglerReport *report = NULL;
  guint frame_id;

  juggler_run_set_nice (run, options->nice);
  juggler_run_set_progress_mode (run, options->progress_mode);
  juggler_run_set_switch_every (run, options->switch_every_ms);

  frame_id = g_timeout_add (FRAME_INTERVAL_MS, frame_cb, run);
  juggler_run_execute_async (run, NULL, run_done_cb, &report);
  while (report == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (frame_id);

  return report;
}

/* The bare kernel: every tile on this thread, no main loop, no tasks, no threads. */
static JugglerReport *
run_kernel (JugglerWorkload *workload)
{
  JugglerReport *report = juggler_report_new ();
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
  report->throughput_jobs_s = report->completed / report->wall_s;
  report->threads_used = 1;
  report->digest = juggler_workload_dup_digest (workload);

  return report;
}

static double
median_wall (GPtrArray *reports)
{
  g_autofree double *walls = g_new (double, reports->len);
  JugglerSummary summary;

  for (guint i = 0; i < reports->len; i++)
    walls[i] = ((JugglerReport *) g_ptr_array_index (reports, i))->wall_s;
  juggler_summarize_values (walls, reports->len, &summary);

  return summary.p50;
}

static const JugglerReport *
median_report (GPtrArray *reports)
{
  double median = median_wall (reports);

  for (guint i = 0; i < reports->len; i++)
    {
      const JugglerReport *report = g_ptr_array_index (reports, i);

      if (report->wall_s == median)
        return report;
    }

  g_assert_not_reached ();
}

static void
print_table (GArray           *configs,
             const CpuOptions *options)
{
  double baseline = 0;
  const char *digest = NULL;
  gboolean digests_equal = TRUE;

  for (guint i = 0; i < configs->len; i++)
    {
      const Config *config = &g_array_index (configs, Config, i);

      if (!config->kernel && config->strategy == JUGGLER_STRATEGY_THREADS && config->workers == 1)
        baseline = median_wall (config->reports);
    }

  g_print ("%-12s %7s %8s %8s %6s %9s %9s %9s %7s  %s\n", "strategy", "workers", "wall s",
           "speedup", "cores", "lat p50", "lat p99", "lat max", "threads", "digest");
  for (guint i = 0; i < configs->len; i++)
    {
      const Config *config = &g_array_index (configs, Config, i);
      const JugglerReport *report = median_report (config->reports);
      g_autofree char *speedup = baseline > 0 ? g_strdup_printf ("%.2f×", baseline / report->wall_s)
                                              : g_strdup ("–");

      g_print ("%-12s %7u %8.3f %9s %6.2f %9.2f %9.2f %9.2f %7u  %.12s\n", config->label,
               config->workers, report->wall_s, speedup, juggler_report_get_speedup (report),
               report->loop_latency_ms.p50, report->loop_latency_ms.p99,
               report->loop_latency_ms.max, report->threads_used, report->digest);

      for (guint r = 0; r < config->reports->len; r++)
        {
          const JugglerReport *each = g_ptr_array_index (config->reports, r);

          if (!each->cancelled && digest != NULL && !g_str_equal (digest, each->digest))
            digests_equal = FALSE;
          digest = digest != NULL ? digest : each->digest;
        }
    }

  g_print ("\n%u×%u pixels, tile %u, %u iterations, %s progress, workers %s%s; "
           "speedup against threads with 1 worker; cores = job CPU time / wall time; "
           "lat = main-loop latency in ms.\n",
           options->width, options->height, options->tile, options->iterations,
           juggler_progress_mode_to_string (options->progress_mode),
           options->nice ? "niced" : "not niced",
           options->repeat > 1 ? "; median of the repeats" : "");
  g_print ("%s\n", digests_equal ? "All digests are equal." : "DIGESTS DIFFER!");
}

static void
add_config (GArray          *configs,
            const char      *label,
            JugglerStrategy  strategy,
            guint            workers,
            gboolean         kernel)
{
  Config config = { label, strategy, workers, kernel, g_ptr_array_new_with_free_func ((GDestroyNotify) juggler_report_free) };

  for (guint i = 0; i < configs->len; i++)
    {
      const Config *other = &g_array_index (configs, Config, i);

      if (other->kernel == kernel && other->strategy == strategy && other->workers == workers)
        {
          g_ptr_array_unref (config.reports);
          return;
        }
    }

  g_array_append_val (configs, config);
}

static void
config_clear (gpointer data)
{
  Config *config = data;

  g_ptr_array_unref (config->reports);
}

static int
run_cpu (int    argc,
         char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) configs = g_array_new (FALSE, FALSE, sizeof (Config));
  CpuOptions options = { 0 };
  gboolean digests_equal = TRUE;
  g_autofree char *reference = NULL;

  if (!parse_cpu_options (&argc, &argv, &options, &error))
    {
      g_printerr ("juggler-bench cpu: %s\n", error->message);
      return EXIT_USAGE;
    }

  /* Refuse an impossible image before anything runs. */
  {
    g_autoptr(JugglerMandelbrot) probe =
      juggler_mandelbrot_new (options.width, options.height, options.tile, options.iterations,
                              NULL, &error);
    if (probe == NULL)
      {
        g_printerr ("juggler-bench cpu: %s: %s\n",
                    g_error_matches (error, JUGGLER_ERROR, JUGGLER_ERROR_TOO_LARGE) ? "--size"
                                                                                   : "--tile",
                    error->message);
        return EXIT_USAGE;
      }
  }

  g_array_set_clear_func (configs, config_clear);
  if (options.all)
    {
      add_config (configs, "kernel", JUGGLER_STRATEGY_THREADS, 1, TRUE);
      add_config (configs, "threads", JUGGLER_STRATEGY_THREADS, 1, FALSE);
      add_config (configs, "threads", JUGGLER_STRATEGY_THREADS, options.workers, FALSE);
      add_config (configs, "cooperative", JUGGLER_STRATEGY_COOPERATIVE, 1, FALSE);
      add_config (configs, "blocking", JUGGLER_STRATEGY_BLOCKING, 1, FALSE);
      add_config (configs, "global-lock", JUGGLER_STRATEGY_GLOBAL_LOCK, 1, FALSE);
      add_config (configs, "global-lock", JUGGLER_STRATEGY_GLOBAL_LOCK, options.workers, FALSE);
    }
  else
    {
      add_config (configs, juggler_strategy_to_string (options.strategy), options.strategy,
                  juggler_strategy_uses_workers (options.strategy) ? options.workers : 1, FALSE);
    }

  /* Repeats go round all configurations, so a noisy moment hurts none of them alone. */
  for (guint r = 0; r < options.repeat; r++)
    {
      for (guint i = 0; i < configs->len; i++)
        {
          Config *config = &g_array_index (configs, Config, i);
          g_autoptr(JugglerMandelbrot) workload =
            juggler_mandelbrot_new (options.width, options.height, options.tile,
                                    options.iterations, NULL, NULL);
          JugglerReport *report;

          if (config->kernel)
            report = run_kernel (JUGGLER_WORKLOAD (workload));
          else
            report = run_once (&options, JUGGLER_WORKLOAD (workload), config);
          g_ptr_array_add (config->reports, report);

          if (reference == NULL)
            reference = g_strdup (report->digest);
          digests_equal &= g_str_equal (reference, report->digest);

          if (options.json)
            {
              g_autofree char *line = juggler_report_to_string (report);

              g_print ("%s\n", line);
            }
        }
    }

  if (!options.json)
    print_table (configs, &options);

  return digests_equal ? EXIT_SUCCESS : EXIT_FAILURE;
}

static gboolean
quit_loop_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);

  return G_SOURCE_CONTINUE;
}

static int
run_serve (int    argc,
           char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *port_text = NULL;
  GOptionEntry entries[] = {
    { "port", 0, 0, G_OPTION_ARG_STRING, &port_text,
      N_("Port on 127.0.0.1, 0 to 65535 (default: 0, any free port)"), N_("P") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("— the embedded HTTP server"));
  g_autoptr(JugglerServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  guint port = 0;
  guint sigint_id;
  guint sigterm_id;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("Serves /delay/MS, /bytes/N?rate=BYTES_PER_S&seed=S, "
                                           "/status/CODE, /hang and /truncate/N on 127.0.0.1 "
                                           "until SIGINT or SIGTERM."));
  if (g_option_context_parse (context, &argc, &argv, &error) && argc > 1)
    usage_error (&error, _("unexpected argument “%s”"), argv[1]);
  if (error == NULL && port_text != NULL)
    parse_uint ("--port", port_text, 0, G_MAXUINT16, &port, &error);
  if (error != NULL)
    {
      g_printerr ("juggler-bench serve: %s\n", error->message);
      return EXIT_USAGE;
    }

  server = juggler_server_new ();
  if (!juggler_server_start (server, port, &error))
    {
      g_printerr ("juggler-bench serve: %s\n", error->message);
      return EXIT_FAILURE;
    }

  /* The server answers on its own thread; this one only waits for a signal to stop. */
  loop = g_main_loop_new (NULL, FALSE);
  sigint_id = g_unix_signal_add (SIGINT, quit_loop_cb, loop);
  sigterm_id = g_unix_signal_add (SIGTERM, quit_loop_cb, loop);

  /* Flushed at once: scripts read the URL from a pipe while the server runs. */
  g_print ("Serving on %s\n", juggler_server_get_uri (server));
  fflush (stdout);

  g_main_loop_run (loop);

  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);
  juggler_server_stop (server);

  return EXIT_SUCCESS;
}

static void
print_usage (void)
{
  g_printerr (_("Usage: juggler-bench COMMAND [OPTION…]\n"
                "\n"
                "Commands:\n"
                "  cpu    Mandelbrot tiles under each strategy (juggler-bench cpu --help)\n"
                "  serve  The embedded HTTP server on 127.0.0.1 (juggler-bench serve --help)\n"));
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc >= 2 && g_str_equal (argv[1], "cpu"))
    return run_cpu (argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "serve"))
    return run_serve (argc - 1, argv + 1);

  if (argc >= 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")))
    {
      print_usage ();
      return EXIT_SUCCESS;
    }

  if (argc >= 2)
    g_printerr ("juggler-bench: unknown command “%s”\n", argv[1]);
  print_usage ();
  return EXIT_USAGE;
}
