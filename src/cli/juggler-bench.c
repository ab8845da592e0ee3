/* juggler-bench.c: the same runs as the window, headless, for benchmarks, CI and scripts
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-bench"

#include "config.h"

#include "juggler-bench.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdlib.h>

#include "juggler-bench-common.h"
#include "juggler-fd-limit.h"
#include "juggler-locale.h"

static const struct
{
  const char *name;
  int       (*run) (int argc, char **argv);
} commands[] = {
  { "claims", juggler_bench_claims },
  { "cpu", juggler_bench_cpu },
  { "net", juggler_bench_net },
  { "serve", juggler_bench_serve },
};

static void
print_usage (void)
{
  g_printerr (_("Usage: juggler-bench COMMAND [OPTION…]\n"
                "\n"
                "Commands:\n"
                "  claims Every claim's experiment and verdict (juggler-bench claims --help)\n"
                "  cpu    Mandelbrot tiles under each strategy (juggler-bench cpu --help)\n"
                "  net    HTTP requests under each strategy (juggler-bench net --help)\n"
                "  serve  The embedded HTTP server on 127.0.0.1 (juggler-bench serve --help)\n"));
}

int
main (int    argc,
      char **argv)
{
  /* First, while the process has one thread: see juggler-fd-limit.h. */
  juggler_prepare_fd_table ();

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, juggler_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  for (guint i = 0; argc >= 2 && i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      {
        g_autofree char *prgname = g_strdup_printf ("juggler-bench %s", commands[i].name);

        /* GOption's usage line names the program: "juggler-bench cpu [OPTION…]", as typed,
         * not the bare subcommand it would take from argv[0]. */
        g_set_prgname (prgname);
        return commands[i].run (argc - 1, argv + 1);
      }

  if (argc >= 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")))
    {
      print_usage ();
      return EXIT_SUCCESS;
    }

  if (argc >= 2)
    g_printerr (_("juggler-bench: unknown command “%s”\n"), argv[1]);
  print_usage ();
  return EXIT_USAGE;
}
