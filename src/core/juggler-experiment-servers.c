/* juggler-experiment-servers.c: the same slow answers served from one event loop (the
 * embedded SoupServer) and by a thread per connection (GThreadedSocketService)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-experiment"

#include "config.h"

#include "juggler-experiment-private.h"

#include <stdlib.h>
#include <string.h>

/* The thread-per-connection server: only what the experiment asks of it, GET /delay/MS. */
typedef struct
{
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  GMutex        mutex;
  GCond         cond;
  guint16       port;
  gboolean      ready;
  GError       *error;
} ThreadedServer;

/* Runs in one of the service's threads, one per connection: it blocks as it pleases. */
static gboolean
serve_connection_cb (GThreadedSocketService *service,
                     GSocketConnection      *connection,
                     GObject                *source_object,
                     gpointer                user_data)
{
  static const char answer[] = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
                               "Content-Length: 2\r\nConnection: close\r\n\r\nok";
  GInputStream *input = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  GOutputStream *output = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  char request[4096];
  gsize length = 0;
  const char *delay;

  while (length < sizeof request - 1)
    {
      gssize n = g_input_stream_read (input, request + length, sizeof request - 1 - length,
                                      NULL, NULL);

      if (n <= 0)
        break;
      length += n;
      request[length] = '\0';
      if (strstr (request, "\r\n\r\n") != NULL)
        break;
    }
  request[length] = '\0';

  delay = strstr (request, "/delay/");
  if (delay != NULL)
    g_usleep (MIN (strtoul (delay + 7, NULL, 10), 60000) * 1000);

  g_output_stream_write_all (output, answer, sizeof answer - 1, NULL, NULL, NULL);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);

  return TRUE;
}

static gpointer
threaded_server_func (gpointer user_data)
{
  ThreadedServer *server = user_data;
  g_autoptr(GSocketService) service = g_threaded_socket_service_new (-1);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) effective = NULL;
  GError *error = NULL;

  g_main_context_push_thread_default (server->context);
  g_signal_connect (service, "run", G_CALLBACK (serve_connection_cb), NULL);
  if (g_socket_listener_add_address (G_SOCKET_LISTENER (service), address, G_SOCKET_TYPE_STREAM,
                                     G_SOCKET_PROTOCOL_TCP, NULL, &effective, &error))
    g_socket_service_start (service);

  g_mutex_lock (&server->mutex);
  server->error = error;
  if (effective != NULL)
    server->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  server->ready = TRUE;
  g_cond_signal (&server->cond);
  g_mutex_unlock (&server->mutex);

  if (error == NULL)
    g_main_loop_run (server->loop);

  g_socket_service_stop (service);
  g_socket_listener_close (G_SOCKET_LISTENER (service));
  g_main_context_pop_thread_default (server->context);

  return NULL;
}

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);

  return G_SOURCE_REMOVE;
}

static void
threaded_server_stop (ThreadedServer *server)
{
  g_main_context_invoke (server->context, quit_cb, server->loop);
  g_thread_join (server->thread);
  g_main_loop_unref (server->loop);
  g_main_context_unref (server->context);
  g_mutex_clear (&server->mutex);
  g_cond_clear (&server->cond);
}

static gboolean
threaded_server_start (ThreadedServer  *server,
                       GError         **error)
{
  memset (server, 0, sizeof *server);
  g_mutex_init (&server->mutex);
  g_cond_init (&server->cond);
  server->context = g_main_context_new ();
  server->loop = g_main_loop_new (server->context, FALSE);
  server->thread = g_thread_new ("juggler-tserver", threaded_server_func, server);

  g_mutex_lock (&server->mutex);
  while (!server->ready)
    g_cond_wait (&server->cond, &server->mutex);
  g_mutex_unlock (&server->mutex);

  if (server->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&server->error));
      threaded_server_stop (server);
      return FALSE;
    }

  return TRUE;
}

static double
kb_per_connection (const JugglerLabSample *sample,
                   guint                   n)
{
  return (double) MAX (sample->rss_peak_kb - sample->rss_idle_kb, 0) / MAX (n, 1);
}

gboolean
juggler_measure_servers (JugglerLab  *lab,
                         GError     **error)
{
  static const guint connections[] = { 10, 100, 1000 };
  static const guint connections_quick[] = { 10, 50 };
  gboolean quick = juggler_lab_is_quick (lab);
  const guint *counts = quick ? connections_quick : connections;
  guint n_counts = quick ? G_N_ELEMENTS (connections_quick) : G_N_ELEMENTS (connections);
  guint delay_ms = quick ? 50 : 200;
  ThreadedServer threaded;
  gboolean measured = TRUE;

  /* Both servers up before anything is measured: their start is not a connection's cost. */
  if (juggler_lab_get_server_uri (lab, error) == NULL || !threaded_server_start (&threaded, error))
    return FALSE;
  juggler_lab_set_figure_int (lab, "latency_ms", delay_ms);

  for (guint i = 0; i < n_counts && measured; i++)
    {
      guint n = counts[i];
      JugglerLabConfig config = { JUGGLER_STRATEGY_ASYNC, 1, n, NULL, NULL };
      JugglerLabSample loop_sample, threaded_sample;
      JugglerLabRequests loop_requests, threaded_requests;
      g_autoptr(JugglerReport) loop = NULL;
      g_autoptr(JugglerReport) by_thread = NULL;
      g_autofree char *loop_port = NULL;
      g_autofree char *threaded_port = NULL;
      g_autofree char *name = NULL;

      /* The event loop first: the thread-per-connection run then reuses the memory it grew,
       * which can only make threads look cheaper. */
      loop = juggler_lab_run_requests (lab, &config, n, delay_ms, NULL, 0, &loop_sample,
                                       &loop_requests, error);
      by_thread = loop == NULL ? NULL
                  : juggler_lab_run_requests (lab, &config, n, delay_ms, NULL, threaded.port,
                                              &threaded_sample, &threaded_requests, error);
      if (by_thread == NULL)
        {
          measured = FALSE;
          break;
        }

      name = g_strdup_printf ("loop_kb_per_connection_%u", n);
      juggler_lab_set_figure (lab, name, kb_per_connection (&loop_sample, n));
      g_free (name);
      name = g_strdup_printf ("threaded_kb_per_connection_%u", n);
      juggler_lab_set_figure (lab, name, kb_per_connection (&threaded_sample, n));
      g_free (name);
      name = g_strdup_printf ("loop_p99_ms_%u", n);
      juggler_lab_set_figure (lab, name, loop_requests.request_p99_ms);
      g_free (name);
      name = g_strdup_printf ("threaded_p99_ms_%u", n);
      juggler_lab_set_figure (lab, name, threaded_requests.request_p99_ms);
      juggler_lab_add_point (lab, "event loop", n, kb_per_connection (&loop_sample, n));
      juggler_lab_add_point (lab, "a thread per connection", n,
                             kb_per_connection (&threaded_sample, n));

      if (i == n_counts - 1)
        {
          juggler_lab_set_figure_int (lab, "most_connections", n);
          juggler_lab_set_figure (lab, "loop_kb_per_connection", kb_per_connection (&loop_sample, n));
          juggler_lab_set_figure (lab, "threaded_kb_per_connection",
                                  kb_per_connection (&threaded_sample, n));
          juggler_lab_set_figure (lab, "threaded_over_loop_kb",
                                  kb_per_connection (&threaded_sample, n) /
                                  MAX (kb_per_connection (&loop_sample, n), 0.1));
          juggler_lab_set_figure (lab, "loop_p99_ms", loop_requests.request_p99_ms);
          juggler_lab_set_figure (lab, "threaded_p99_ms", threaded_requests.request_p99_ms);
          juggler_lab_set_figure_int (lab, "threaded_threads_added",
                                      threaded_sample.threads_peak - threaded_sample.threads_before);
          juggler_lab_set_figure_int (lab, "failed",
                                      loop_requests.n_failed + threaded_requests.n_failed);
        }
    }

  threaded_server_stop (&threaded);

  return measured;
}
