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
#include "juggler-workload-page.h"

struct _JugglerNetPage
{
  GtkBox              parent_instance;

  /* Template widgets */
  JugglerRunStatus   *status;
  JugglerNetView     *view;
  JugglerResults     *results;
  GtkStack           *view_stack;
  JugglerTimeline    *timeline;

  JugglerNetControls *controls;
  GSettings          *settings;
  /* The default target, started the first time a run needs it, stopped with the page. */
  JugglerServer      *server;
  GSignalGroup       *run_signals;
  JugglerStrategy     strategy;
  guint64             last_bytes_done;
  /* What the run going (or last) was started with, for its row. */
  char               *run_url;
  JugglerNetParams    run_params;
};

enum {
  PROP_0,
  PROP_CAN_START,
  PROP_STRATEGY,
  N_PROPS
};

static void juggler_net_page_workload_page_init (JugglerWorkloadPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (JugglerNetPage, juggler_net_page, GTK_TYPE_BOX,
                               G_IMPLEMENT_INTERFACE (JUGGLER_TYPE_WORKLOAD_PAGE,
                                                      juggler_net_page_workload_page_init))

static GtkWidget *
juggler_net_page_get_controls (JugglerWorkloadPage *page)
{
  return GTK_WIDGET (JUGGLER_NET_PAGE (page)->controls);
}

static JugglerRunStatus *
juggler_net_page_get_status (JugglerWorkloadPage *page)
{
  return JUGGLER_NET_PAGE (page)->status;
}

static JugglerResults *
juggler_net_page_get_results (JugglerWorkloadPage *page)
{
  return JUGGLER_NET_PAGE (page)->results;
}

static void
juggler_net_page_set_settings (JugglerWorkloadPage *page,
                               GSettings           *settings)
{
  JugglerNetPage *self = JUGGLER_NET_PAGE (page);

  g_set_object (&self->settings, settings);
  juggler_net_controls_set_settings (self->controls, settings);
  juggler_workload_page_bind_strategy (page, settings, "net-strategy");
}

static JugglerWorkload *
juggler_net_page_create_workload (JugglerWorkloadPage  *page,
                                  GError              **error)
{
  JugglerNetPage *self = JUGGLER_NET_PAGE (page);
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
                             g_settings_get_uint (self->settings, "net-size"),
                             g_settings_get_uint (self->settings, "net-latency-ms"));
    }

  urls[0] = url;
  return JUGGLER_WORKLOAD (juggler_http_workload_new (urls,
                                                      g_settings_get_uint (self->settings,
                                                                           "net-requests"),
                                                      g_settings_get_uint (self->settings,
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
job_done_cb (JugglerRun     *run,
             guint           index,
             guint           worker,
             JugglerNetPage *self)
{
  juggler_net_view_request_done (self->view, index);
}

static void
juggler_net_page_set_run (JugglerWorkloadPage *page,
                          JugglerRun          *run)
{
  JugglerNetPage *self = JUGGLER_NET_PAGE (page);

  if (run != NULL)
    {
      juggler_net_view_set_workload (self->view,
                                     JUGGLER_HTTP_WORKLOAD (juggler_run_get_workload (run)));
      self->last_bytes_done = 0;
      g_free (self->run_url);
      self->run_url = juggler_net_controls_dup_url (self->controls);
      self->run_params.url = self->run_url;
      self->run_params.latency_ms = g_settings_get_uint (self->settings, "net-latency-ms");
      self->run_params.size = g_settings_get_uint (self->settings, "net-size");
    }
  juggler_workload_page_trace_run (page, self->timeline, run);
  g_signal_group_set_target (self->run_signals, run);
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
juggler_net_page_workload_page_init (JugglerWorkloadPageInterface *iface)
{
  iface->get_controls = juggler_net_page_get_controls;
  iface->get_status = juggler_net_page_get_status;
  iface->get_results = juggler_net_page_get_results;
  iface->set_settings = juggler_net_page_set_settings;
  iface->create_workload = juggler_net_page_create_workload;
  iface->configure_run = juggler_net_page_configure_run;
  iface->get_strategies = juggler_net_page_get_strategies;
  iface->estimate_blocking_s = juggler_net_page_estimate_blocking_s;
  iface->format_progress = juggler_net_page_format_progress;
  iface->format_rate = juggler_net_page_format_rate;
  iface->set_run = juggler_net_page_set_run;
  iface->update_view = juggler_net_page_update_view;
  iface->create_result = juggler_net_page_create_result;
}

static void
can_start_notify_cb (JugglerNetControls *controls,
                     GParamSpec         *pspec,
                     JugglerNetPage     *self)
{
  g_object_notify (G_OBJECT (self), "can-start");
}

static void
juggler_net_page_dispose (GObject *object)
{
  JugglerNetPage *self = (JugglerNetPage *) object;

  if (self->run_signals != NULL)
    g_signal_group_set_target (self->run_signals, NULL);
  g_clear_object (&self->run_signals);
  if (self->server != NULL)
    juggler_server_stop (self->server);
  g_clear_object (&self->server);
  g_clear_object (&self->controls);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->run_url, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), JUGGLER_TYPE_NET_PAGE);

  G_OBJECT_CLASS (juggler_net_page_parent_class)->dispose (object);
}

static void
juggler_net_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  JugglerNetPage *self = JUGGLER_NET_PAGE (object);

  switch (prop_id)
    {
    case PROP_CAN_START:
      g_value_set_boolean (value, juggler_net_controls_get_can_start (self->controls));
      break;

    case PROP_STRATEGY:
      g_value_set_uint (value, self->strategy);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
juggler_net_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  JugglerNetPage *self = JUGGLER_NET_PAGE (object);

  switch (prop_id)
    {
    case PROP_STRATEGY:
      if (self->strategy != g_value_get_uint (value) &&
          juggler_strategy_supports (g_value_get_uint (value), JUGGLER_WORKLOAD_NET))
        {
          self->strategy = g_value_get_uint (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
export_trace_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  JugglerNetPage *self = JUGGLER_NET_PAGE (widget);

  gtk_widget_activate_action (GTK_WIDGET (self->timeline), "timeline.export", NULL);
}

static void
show_timeline_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  JugglerNetPage *self = JUGGLER_NET_PAGE (widget);
  gboolean shown = g_strcmp0 (gtk_stack_get_visible_child_name (self->view_stack), "timeline") == 0;

  gtk_stack_set_visible_child_name (self->view_stack, shown ? "view" : "timeline");
}

static void
juggler_net_page_class_init (JugglerNetPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = juggler_net_page_dispose;
  object_class->get_property = juggler_net_page_get_property;
  object_class->set_property = juggler_net_page_set_property;

  g_object_class_override_property (object_class, PROP_CAN_START, "can-start");
  g_object_class_override_property (object_class, PROP_STRATEGY, "strategy");

  g_type_ensure (JUGGLER_TYPE_NET_VIEW);
  g_type_ensure (JUGGLER_TYPE_RESULTS);
  g_type_ensure (JUGGLER_TYPE_RUN_STATUS);
  g_type_ensure (JUGGLER_TYPE_TIMELINE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/juggler/Juggler/juggler-net-page.ui");
  gtk_widget_class_bind_template_child (widget_class, JugglerNetPage, status);
  gtk_widget_class_bind_template_child (widget_class, JugglerNetPage, view);
  gtk_widget_class_bind_template_child (widget_class, JugglerNetPage, results);
  gtk_widget_class_bind_template_child (widget_class, JugglerNetPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, JugglerNetPage, timeline);

  gtk_widget_class_install_action (widget_class, "page.export-trace", NULL, export_trace_action);
  /* Toggles between the live view and the timeline. */
  gtk_widget_class_install_action (widget_class, "page.show-timeline", NULL, show_timeline_action);
}

static void
juggler_net_page_init (JugglerNetPage *self)
{
  self->strategy = JUGGLER_STRATEGY_ASYNC;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.export-trace", FALSE);

  self->controls = g_object_ref_sink (g_object_new (JUGGLER_TYPE_NET_CONTROLS, NULL));
  g_signal_connect_object (self->controls, "notify::can-start", G_CALLBACK (can_start_notify_cb),
                           self, 0);

  self->run_signals = g_signal_group_new (JUGGLER_TYPE_RUN);
  g_signal_group_connect_object (self->run_signals, "job-done", G_CALLBACK (job_done_cb), self, 0);
}
