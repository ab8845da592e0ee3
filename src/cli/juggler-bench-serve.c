/* juggler-bench-serve.c: `juggler-bench serve`, the embedded HTTP server on its own
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-bench"

#include "config.h"

#include "juggler-bench.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <stdio.h>
#include <stdlib.h>

#include "juggler-bench-common.h"
#include "juggler-server.h"

static gboolean
quit_loop_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);

  return G_SOURCE_CONTINUE;
}

int
juggler_bench_serve (int    argc,
                     char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *port_text = NULL;
  g_autofree char *max_connections_text = NULL;
  GOptionEntry entries[] = {
    { "port", 0, 0, G_OPTION_ARG_STRING, &port_text,
      N_("Port on 127.0.0.1, 0 to 65535 (default: 0, any free port)"), N_("P") },
    { "max-connections", 0, 0, G_OPTION_ARG_STRING, &max_connections_text,
      N_("Keep connections open for further requests while at most N are open, 0 to 100000 "
         "(default: 1024; 0: every answer closes its connection)"), N_("N") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(JugglerServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  guint port = 0;
  guint max_connections = 0;
  guint sigint_id;
  guint sigterm_id;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("Serves /delay/MS, /bytes/N?delay=MS&rate=B&seed=S, "
                                           "/status/CODE, /hang and /truncate/N on 127.0.0.1 "
                                           "until SIGINT or SIGTERM."));
  if (g_option_context_parse (context, &argc, &argv, &error) && argc > 1)
    bench_usage_error (&error, _("unexpected argument “%s”"), argv[1]);
  if (error == NULL && port_text != NULL)
    bench_parse_uint ("--port", port_text, 0, G_MAXUINT16, &port, &error);
  if (error == NULL && max_connections_text != NULL)
    bench_parse_uint ("--max-connections", max_connections_text, 0, 100000, &max_connections,
                      &error);
  if (error != NULL)
    {
      g_printerr ("juggler-bench serve: %s\n", error->message);
      return EXIT_USAGE;
    }

  server = juggler_server_new ();
  if (max_connections_text != NULL)
    juggler_server_set_max_connections (server, max_connections);
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

