/* juggler-net-page.c: the Network page's controls, and the embedded server they target
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-net-page"

#include "config.h"

#include "juggler-net-page.h"

#include <glib/gi18n.h>

#include "juggler-server.h"

struct _JugglerNetPage
{
  GtkBox          parent_instance;

  /* Template widgets */
  GtkSpinButton  *requests_spin;
  AdwActionRow   *latency_row;
  GtkSpinButton  *latency_spin;
  AdwActionRow   *size_row;
  GtkSpinButton  *size_spin;
  AdwEntryRow    *url_row;
  GtkLabel       *url_error_label;
  GtkSpinButton  *concurrency_spin;
  GtkSpinButton  *workers_spin;
  GtkSwitch      *tune_switch;

  GSettings      *settings;
  JugglerServer  *server;
  gboolean        can_start;
};

enum {
  PROP_0,
  PROP_CAN_START,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (JugglerNetPage, juggler_net_page, GTK_TYPE_BOX)

/* The URL of the settings, trimmed: empty means the embedded server. */
static char *
get_settings_url (JugglerNetPage *self)
{
  return g_strstrip (g_settings_get_string (self->settings, "net-url"));
}

static void
set_can_start (JugglerNetPage *self,
               gboolean        can_start)
{
  if (self->can_start == can_start)
    return;

  self->can_start = can_start;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_START]);
}

/* Flags a bad URL where it is typed, so that a run never starts only to fail 200 times. */
static void
validate_url (JugglerNetPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->url_row));
  g_autoptr(GError) error = NULL;
  g_autofree char *url = g_strstrip (g_strdup (text));
  gboolean embedded = *url == '\0';
  gboolean valid = embedded || juggler_http_check_url (url, &error);

  if (valid)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->url_row), "error");
      gtk_widget_set_visible (GTK_WIDGET (self->url_error_label), FALSE);
    }
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->url_row), "error");
      gtk_label_set_label (self->url_error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->url_error_label), TRUE);
    }

  /* Latency and size are the embedded server's: a real URL answers as it likes. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->latency_row), embedded);
  gtk_widget_set_sensitive (GTK_WIDGET (self->size_row), embedded);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->url_row),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               valid ? GTK_ACCESSIBLE_INVALID_FALSE : GTK_ACCESSIBLE_INVALID_TRUE,
                               -1);

  set_can_start (self, valid);
}

static void
url_changed_cb (GtkEditable    *editable,
                JugglerNetPage *self)
{
  validate_url (self);
}

static void
juggler_net_page_dispose (GObject *object)
{
  JugglerNetPage *self = (JugglerNetPage *) object;

  if (self->server != NULL)
    juggler_server_stop (self->server);
  g_clear_object (&self->server);
  g_clear_object (&self->settings);

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
      g_value_set_boolean (value, self->can_start);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
juggler_net_page_class_init (JugglerNetPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = juggler_net_page_dispose;
  object_class->get_property = juggler_net_page_get_property;

  properties[PROP_CAN_START] =
    g_param_spec_boolean ("can-start", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/juggler/Juggler/juggler-net-page.ui");
  gtk_widget_class_bind_template_child (widget_class, JugglerNetPage, requests_spin);
  gtk_widget_class_bind_template_child (widget_class, JugglerNetPage, latency_row);
  gtk_widget_class_bind_template_child (widget_class, JugglerNetPage, latency_spin);
  gtk_widget_class_bind_template_child (widget_class, JugglerNetPage, size_row);
  gtk_widget_class_bind_template_child (widget_class, JugglerNetPage, size_spin);
  gtk_widget_class_bind_template_child (widget_class, JugglerNetPage, url_row);
  gtk_widget_class_bind_template_child (widget_class, JugglerNetPage, url_error_label);
  gtk_widget_class_bind_template_child (widget_class, JugglerNetPage, concurrency_spin);
  gtk_widget_class_bind_template_child (widget_class, JugglerNetPage, workers_spin);
  gtk_widget_class_bind_template_child (widget_class, JugglerNetPage, tune_switch);
}

static void
juggler_net_page_init (JugglerNetPage *self)
{
  self->can_start = TRUE;

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (self->url_row, "changed", G_CALLBACK (url_changed_cb), self, 0);
}

void
juggler_net_page_set_settings (JugglerNetPage *self,
                               GSettings      *settings)
{
  g_return_if_fail (JUGGLER_IS_NET_PAGE (self));
  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (self->settings == NULL);

  self->settings = g_object_ref (settings);

  g_settings_bind (settings, "net-requests", self->requests_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "net-latency-ms", self->latency_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "net-size", self->size_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "net-url", self->url_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "net-concurrency", self->concurrency_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "net-workers", self->workers_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "net-tune-connections", self->tune_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);

  validate_url (self);
}

gboolean
juggler_net_page_get_can_start (JugglerNetPage *self)
{
  g_return_val_if_fail (JUGGLER_IS_NET_PAGE (self), FALSE);

  return self->can_start;
}

JugglerHttpWorkload *
juggler_net_page_create_workload (JugglerNetPage  *self,
                                  GError         **error)
{
  g_autofree char *setting = NULL;
  g_autofree char *url = NULL;
  const char *urls[2] = { NULL, NULL };

  g_return_val_if_fail (JUGGLER_IS_NET_PAGE (self), NULL);
  g_return_val_if_fail (self->settings != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  setting = get_settings_url (self);
  if (*setting != '\0')
    {
      if (!juggler_http_check_url (setting, error))
        return NULL;
      url = g_steal_pointer (&setting);
    }
  else
    {
      if (self->server == NULL)
        self->server = juggler_server_new ();
      if (!juggler_server_is_running (self->server) &&
          !juggler_server_start (self->server, 0, error))
        return NULL;

      url = g_strdup_printf ("%sbytes/%u?delay=%u", juggler_server_get_uri (self->server),
                             g_settings_get_uint (self->settings, "net-size"),
                             g_settings_get_uint (self->settings, "net-latency-ms"));
    }

  urls[0] = url;
  return juggler_http_workload_new (urls, g_settings_get_uint (self->settings, "net-requests"),
                                    g_settings_get_uint (self->settings, "net-timeout-s"), error);
}

void
juggler_net_page_configure_run (JugglerNetPage *self,
                                JugglerRun     *run)
{
  guint concurrency;

  g_return_if_fail (JUGGLER_IS_NET_PAGE (self));
  g_return_if_fail (JUGGLER_IS_RUN (run));

  concurrency = g_settings_get_uint (self->settings, "net-concurrency");
  juggler_run_set_concurrency (run, CLAMP (concurrency, 1, JUGGLER_MAX_CONCURRENCY));
  juggler_run_set_n_workers (run, CLAMP (g_settings_get_uint (self->settings, "net-workers"), 1,
                                         JUGGLER_MAX_WORKERS));
  juggler_run_set_tune_connections (run, g_settings_get_boolean (self->settings,
                                                                 "net-tune-connections"));
}

double
juggler_net_page_estimate_blocking_s (JugglerNetPage *self)
{
  g_autofree char *url = NULL;

  g_return_val_if_fail (JUGGLER_IS_NET_PAGE (self), -1);

  if (self->settings == NULL)
    return -1;

  url = get_settings_url (self);
  if (*url != '\0')
    return -1;

  return g_settings_get_uint (self->settings, "net-requests") *
         g_settings_get_uint (self->settings, "net-latency-ms") / 1000.0;
}
