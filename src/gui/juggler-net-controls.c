/* juggler-net-controls.c: the Network page's sidebar: strategy, requests, target and execution
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-net-controls"

#include "config.h"

#include "juggler-net-controls.h"

#include <glib/gi18n.h>

#include "juggler-run-options.h"
#include "juggler-strategy-group.h"
#include "juggler-strategy-info.h"

struct _JugglerNetControls
{
  JugglerControls      parent_instance;

  /* Template widgets */
  JugglerStrategyGroup *strategy_group;
  GtkSpinButton        *requests_spin;
  GtkWidget            *latency_row;
  GtkSpinButton        *latency_spin;
  GtkWidget            *size_row;
  GtkSpinButton        *size_spin;
  AdwEntryRow          *url_row;
  GtkLabel             *url_error_label;
  GtkSpinButton        *concurrency_spin;
  GtkSpinButton        *workers_spin;
  GtkSpinButton        *timeout_spin;
  GtkSwitch            *tune_switch;

  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (JugglerNetControls, juggler_net_controls, JUGGLER_TYPE_CONTROLS)

/* The order of the buttons, and of Ctrl+1, Ctrl+2... */
static const JugglerStrategy net_strategies[] = {
  JUGGLER_STRATEGY_ASYNC, JUGGLER_STRATEGY_THREADS, JUGGLER_STRATEGY_BLOCKING,
  JUGGLER_STRATEGY_SHARED_POOL, JUGGLER_STRATEGY_THREAD_PER_JOB,
};

/* The URL of the settings, trimmed: empty means the embedded server. */
static char *
get_settings_url (JugglerNetControls *self)
{
  return g_strstrip (g_settings_get_string (self->settings, "net-url"));
}

/* Flags a bad URL where it is typed, so that a run never starts only to fail 200 times. */
static void
validate_url (JugglerNetControls *self)
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

  juggler_controls_set_can_start (JUGGLER_CONTROLS (self), valid);
}

static void
url_changed_cb (GtkEditable    *editable,
                JugglerNetControls *self)
{
  validate_url (self);
}

static void
update_estimate (JugglerNetControls *self)
{
  double seconds = juggler_net_controls_estimate_blocking_s (self);
  g_autofree char *text = NULL;
  gboolean too_long = TRUE;

  if (seconds < 0)
    text = g_strdup (_("This run freezes the window until every request has been answered, "
                       "one after another."));
  else
    text = juggler_strategy_info_format_freeze (seconds, _("the requests or the latency"),
                                                &too_long);

  juggler_strategy_group_set_estimate (self->strategy_group, text, too_long);
}

static void
settings_changed_cb (GSettings          *settings,
                     const char         *key,
                     JugglerNetControls *self)
{
  if (g_str_equal (key, "net-requests") || g_str_equal (key, "net-latency-ms") ||
      g_str_equal (key, "net-url"))
    update_estimate (self);
}

static void
juggler_net_controls_dispose (GObject *object)
{
  JugglerNetControls *self = (JugglerNetControls *) object;

  g_clear_object (&self->settings);

  gtk_widget_dispose_template (GTK_WIDGET (self), JUGGLER_TYPE_NET_CONTROLS);

  G_OBJECT_CLASS (juggler_net_controls_parent_class)->dispose (object);
}

static void
juggler_net_controls_class_init (JugglerNetControlsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = juggler_net_controls_dispose;

  g_type_ensure (JUGGLER_TYPE_STRATEGY_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/juggler/Juggler/juggler-net-controls.ui");
  gtk_widget_class_bind_template_child (widget_class, JugglerNetControls, strategy_group);
  gtk_widget_class_bind_template_child (widget_class, JugglerNetControls, requests_spin);
  gtk_widget_class_bind_template_child (widget_class, JugglerNetControls, latency_row);
  gtk_widget_class_bind_template_child (widget_class, JugglerNetControls, latency_spin);
  gtk_widget_class_bind_template_child (widget_class, JugglerNetControls, size_row);
  gtk_widget_class_bind_template_child (widget_class, JugglerNetControls, size_spin);
  gtk_widget_class_bind_template_child (widget_class, JugglerNetControls, url_row);
  gtk_widget_class_bind_template_child (widget_class, JugglerNetControls, url_error_label);
  gtk_widget_class_bind_template_child (widget_class, JugglerNetControls, concurrency_spin);
  gtk_widget_class_bind_template_child (widget_class, JugglerNetControls, workers_spin);
  gtk_widget_class_bind_template_child (widget_class, JugglerNetControls, timeout_spin);
  gtk_widget_class_bind_template_child (widget_class, JugglerNetControls, tune_switch);
}

static void
juggler_net_controls_init (JugglerNetControls *self)
{

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The ranges come from the one set of limits, not from the template (see the CPU page). */
  gtk_spin_button_set_range (self->requests_spin, JUGGLER_REQUESTS_MIN, JUGGLER_REQUESTS_MAX);
  gtk_spin_button_set_range (self->latency_spin, JUGGLER_LATENCY_MS_MIN, JUGGLER_LATENCY_MS_MAX);
  gtk_spin_button_set_range (self->size_spin, JUGGLER_RESPONSE_SIZE_MIN, JUGGLER_RESPONSE_SIZE_MAX);
  gtk_spin_button_set_range (self->concurrency_spin, JUGGLER_CONCURRENCY_MIN,
                             JUGGLER_CONCURRENCY_MAX);
  gtk_spin_button_set_range (self->workers_spin, JUGGLER_WORKERS_MIN, JUGGLER_WORKERS_MAX);
  gtk_spin_button_set_range (self->timeout_spin, JUGGLER_TIMEOUT_S_MIN, JUGGLER_TIMEOUT_S_MAX);

  juggler_strategy_group_setup (self->strategy_group, JUGGLER_WORKLOAD_NET, net_strategies,
                                G_N_ELEMENTS (net_strategies), "win.net-strategy");

  g_signal_connect_object (self->url_row, "changed", G_CALLBACK (url_changed_cb), self, 0);
}

void
juggler_net_controls_set_settings (JugglerNetControls *self,
                               GSettings      *settings)
{
  g_return_if_fail (JUGGLER_IS_NET_CONTROLS (self));
  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (self->settings == NULL);

  self->settings = g_object_ref (settings);

  juggler_strategy_group_set_settings (self->strategy_group, settings, "net-strategy");
  g_settings_bind (settings, "net-requests", self->requests_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "net-latency-ms", self->latency_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "net-size", self->size_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "net-url", self->url_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "net-concurrency", self->concurrency_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "net-workers", self->workers_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "net-tune-connections", self->tune_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "net-timeout-s", self->timeout_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);

  g_signal_connect_object (settings, "changed", G_CALLBACK (settings_changed_cb), self, 0);

  validate_url (self);
  update_estimate (self);
}

const JugglerStrategy *
juggler_net_controls_get_strategies (guint *n_strategies)
{
  *n_strategies = G_N_ELEMENTS (net_strategies);
  return net_strategies;
}

char *
juggler_net_controls_dup_url (JugglerNetControls *self)
{
  g_return_val_if_fail (JUGGLER_IS_NET_CONTROLS (self), NULL);
  g_return_val_if_fail (self->settings != NULL, NULL);

  return get_settings_url (self);
}

void
juggler_net_controls_configure_run (JugglerNetControls *self,
                                    JugglerRun         *run)
{
  guint concurrency;

  g_return_if_fail (JUGGLER_IS_NET_CONTROLS (self));
  g_return_if_fail (JUGGLER_IS_RUN (run));

  concurrency = g_settings_get_uint (self->settings, "net-concurrency");
  juggler_run_set_concurrency (run, CLAMP (concurrency, 1, JUGGLER_MAX_CONCURRENCY));
  juggler_run_set_n_workers (run, CLAMP (g_settings_get_uint (self->settings, "net-workers"), 1,
                                         JUGGLER_MAX_WORKERS));
  juggler_run_set_tune_connections (run, g_settings_get_boolean (self->settings,
                                                                 "net-tune-connections"));
}

double
juggler_net_controls_estimate_blocking_s (JugglerNetControls *self)
{
  g_autofree char *url = NULL;

  g_return_val_if_fail (JUGGLER_IS_NET_CONTROLS (self), -1);

  if (self->settings == NULL)
    return -1;

  url = get_settings_url (self);
  if (*url != '\0')
    return -1;

  return g_settings_get_uint (self->settings, "net-requests") *
         g_settings_get_uint (self->settings, "net-latency-ms") / 1000.0;
}
