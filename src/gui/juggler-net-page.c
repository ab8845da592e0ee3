/* juggler-net-page.c: the Network page: the requests, their status line and results, and the embedded server
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-net-page"

#include "config.h"

#include "juggler-net-page.h"

#include <glib/gi18n.h>

#include "juggler-net-controls.h"
#include "juggler-net-view.h"
#include "juggler-server.h"

struct _JugglerNetPage
{
  JugglerWorkloadPage  parent_instance;

  /* Template widgets */
  JugglerNetView      *view;

  /* The page's sidebar; the page's base holds the reference. */
  JugglerNetControls  *controls;
  /* The default target, started the first time a run needs it, stopped with the page. */
  JugglerServer       *server;
  guint64              last_bytes_done;
  /* What the run going (or last) was started with, for its row. */
  char                *run_url;
  JugglerNetParams     run_params;
};

G_DEFINE_FINAL_TYPE (JugglerNetPage, juggler_net_page, JUGGLER_TYPE_WORKLOAD_PAGE)

static void
juggler_net_page_set_settings (JugglerWorkloadPage *page,
                               GSettings           *settings)
{
  juggler_net_controls_set_settings (JUGGLER_NET_PAGE (page)->controls, settings);
}

static JugglerWorkload *
juggler_net_page_create_workload (JugglerWorkloadPage  *page,
                                  GError              **error)
{
  JugglerNetPage *self = JUGGLER_NET_PAGE (page);
  GSettings *settings = juggler_workload_page_get_settings (page);
  g_autofree char *url = juggler_net_controls_dup_url (self->controls);
  const char *urls[2] = { NULL, NULL };

  if (*url != '\0')
    {
      if (!juggler_http_check_url (url, error))
        return NULL;
    }
  else
    {
      if (self->server == NULL)
        self->server = juggler_server_new ();
      if (!juggler_server_is_running (self->server) &&
          !juggler_server_start (self->server, 0, error))
        return NULL;

      g_free (url);
      url = g_strdup_printf ("%sbytes/%u?delay=%u", juggler_server_get_uri (self->server),
                             g_settings_get_uint (settings, "net-size"),
                             g_settings_get_uint (settings, "net-latency-ms"));
    }

  urls[0] = url;
  return JUGGLER_WORKLOAD (juggler_http_workload_new (urls,
                                                      g_settings_get_uint (settings,
                                                                           "net-requests"),
                                                      g_settings_get_uint (settings,
                                                                           "net-timeout-s"),
                                                      error));
}

static void
juggler_net_page_configure_run (JugglerWorkloadPage *page,
                                JugglerRun          *run)
{
  juggler_net_controls_configure_run (JUGGLER_NET_PAGE (page)->controls, run);
}

static const JugglerStrategy *
juggler_net_page_get_strategies (JugglerWorkloadPage *page,
                                 guint               *n_strategies)
{
  return juggler_net_controls_get_strategies (n_strategies);
}

static double
juggler_net_page_estimate_blocking_s (JugglerWorkloadPage *page)
{
  return juggler_net_controls_estimate_blocking_s (JUGGLER_NET_PAGE (page)->controls);
}

static char *
juggler_net_page_format_progress (JugglerWorkloadPage   *page,
                                  const JugglerProgress *progress)
{
  return g_strdup_printf (_("%u of %u requests"), progress->jobs_done, progress->jobs_total);
}

static char *
juggler_net_page_format_rate (JugglerWorkloadPage *page,
                              double               jobs_per_s,
                              double               interval_s)
{
  JugglerNetPage *self = JUGGLER_NET_PAGE (page);
  guint64 bytes = juggler_net_view_get_bytes_done (self->view);
  double mb_s = interval_s > 0 ? (bytes - self->last_bytes_done) / interval_s / 1e6 : 0;

  self->last_bytes_done = bytes;
  return g_strdup_printf (_("%.0f req/s · %.1f MB/s"), jobs_per_s, mb_s);
}

static void
juggler_net_page_set_run (JugglerWorkloadPage *page,
                          JugglerRun          *run)
{
  JugglerNetPage *self = JUGGLER_NET_PAGE (page);
  GSettings *settings = juggler_workload_page_get_settings (page);

  if (run == NULL)
    return;

  juggler_net_view_set_workload (self->view,
                                 JUGGLER_HTTP_WORKLOAD (juggler_run_get_workload (run)));
  self->last_bytes_done = 0;
  g_free (self->run_url);
  self->run_url = juggler_net_controls_dup_url (self->controls);
  self->run_params.url = self->run_url;
  self->run_params.latency_ms = g_settings_get_uint (settings, "net-latency-ms");
  self->run_params.size = g_settings_get_uint (settings, "net-size");
}

static void
juggler_net_page_job_done (JugglerWorkloadPage *page,
                           JugglerRun          *run,
                           guint                index,
                           guint                worker)
{
  juggler_net_view_request_done (JUGGLER_NET_PAGE (page)->view, index);
}

static void
juggler_net_page_update_view (JugglerWorkloadPage *page,
                              gint64               frame_time_us)
{
  juggler_net_view_update (JUGGLER_NET_PAGE (page)->view, frame_time_us);
}

static JugglerResult *
juggler_net_page_create_result (JugglerWorkloadPage *page,
                                const JugglerReport *report)
{
  return juggler_result_new_net (report, &JUGGLER_NET_PAGE (page)->run_params);
}

static void
juggler_net_page_dispose (GObject *object)
{
  JugglerNetPage *self = (JugglerNetPage *) object;

  if (self->server != NULL)
    juggler_server_stop (self->server);
  g_clear_object (&self->server);
  g_clear_pointer (&self->run_url, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), JUGGLER_TYPE_NET_PAGE);

  G_OBJECT_CLASS (juggler_net_page_parent_class)->dispose (object);
}

static void
juggler_net_page_class_init (JugglerNetPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  JugglerWorkloadPageClass *page_class = JUGGLER_WORKLOAD_PAGE_CLASS (klass);

  object_class->dispose = juggler_net_page_dispose;

  page_class->kind = JUGGLER_WORKLOAD_NET;
  page_class->strategy_key = "net-strategy";
  page_class->set_settings = juggler_net_page_set_settings;
  page_class->create_workload = juggler_net_page_create_workload;
  page_class->configure_run = juggler_net_page_configure_run;
  page_class->get_strategies = juggler_net_page_get_strategies;
  page_class->estimate_blocking_s = juggler_net_page_estimate_blocking_s;
  page_class->format_progress = juggler_net_page_format_progress;
  page_class->format_rate = juggler_net_page_format_rate;
  page_class->set_run = juggler_net_page_set_run;
  page_class->job_done = juggler_net_page_job_done;
  page_class->update_view = juggler_net_page_update_view;
  page_class->create_result = juggler_net_page_create_result;

  g_type_ensure (JUGGLER_TYPE_NET_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/juggler/Juggler/juggler-net-page.ui");
  gtk_widget_class_bind_template_child (widget_class, JugglerNetPage, view);
}

static void
juggler_net_page_init (JugglerNetPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->controls = g_object_new (JUGGLER_TYPE_NET_CONTROLS, NULL);
  juggler_workload_page_set_controls (JUGGLER_WORKLOAD_PAGE (self), GTK_WIDGET (self->controls));
}
