/* juggler-workload-page.c: what the window asks of a page: its workload, run, controls and status
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-workload-page"

#include "config.h"

#include "juggler-workload-page.h"

G_DEFINE_INTERFACE (JugglerWorkloadPage, juggler_workload_page, GTK_TYPE_WIDGET)

static void
juggler_workload_page_default_init (JugglerWorkloadPageInterface *iface)
{
  g_object_interface_install_property (iface,
    g_param_spec_boolean ("can-start", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_interface_install_property (iface,
    g_param_spec_uint ("strategy", NULL, NULL, 0, JUGGLER_N_STRATEGIES - 1, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
}

#define IFACE(self) JUGGLER_WORKLOAD_PAGE_GET_IFACE (self)

GtkWidget *
juggler_workload_page_get_controls (JugglerWorkloadPage *self)
{
  g_return_val_if_fail (JUGGLER_IS_WORKLOAD_PAGE (self), NULL);

  return IFACE (self)->get_controls (self);
}

JugglerRunStatus *
juggler_workload_page_get_status (JugglerWorkloadPage *self)
{
  g_return_val_if_fail (JUGGLER_IS_WORKLOAD_PAGE (self), NULL);

  return IFACE (self)->get_status (self);
}

JugglerResults *
juggler_workload_page_get_results (JugglerWorkloadPage *self)
{
  g_return_val_if_fail (JUGGLER_IS_WORKLOAD_PAGE (self), NULL);

  return IFACE (self)->get_results (self);
}

void
juggler_workload_page_set_settings (JugglerWorkloadPage *self,
                                    GSettings           *settings)
{
  g_return_if_fail (JUGGLER_IS_WORKLOAD_PAGE (self));
  g_return_if_fail (G_IS_SETTINGS (settings));

  IFACE (self)->set_settings (self, settings);
}

JugglerWorkload *
juggler_workload_page_create_workload (JugglerWorkloadPage  *self,
                                       GError              **error)
{
  g_return_val_if_fail (JUGGLER_IS_WORKLOAD_PAGE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return IFACE (self)->create_workload (self, error);
}

void
juggler_workload_page_configure_run (JugglerWorkloadPage *self,
                                     JugglerRun          *run)
{
  g_return_if_fail (JUGGLER_IS_WORKLOAD_PAGE (self));
  g_return_if_fail (JUGGLER_IS_RUN (run));

  if (IFACE (self)->configure_run != NULL)
    IFACE (self)->configure_run (self, run);
}

const JugglerStrategy *
juggler_workload_page_get_strategies (JugglerWorkloadPage *self,
                                      guint               *n_strategies)
{
  g_return_val_if_fail (JUGGLER_IS_WORKLOAD_PAGE (self), NULL);
  g_return_val_if_fail (n_strategies != NULL, NULL);

  return IFACE (self)->get_strategies (self, n_strategies);
}

double
juggler_workload_page_estimate_blocking_s (JugglerWorkloadPage *self)
{
  g_return_val_if_fail (JUGGLER_IS_WORKLOAD_PAGE (self), -1);

  return IFACE (self)->estimate_blocking_s != NULL ? IFACE (self)->estimate_blocking_s (self) : -1;
}

char *
juggler_workload_page_format_progress (JugglerWorkloadPage   *self,
                                       const JugglerProgress *progress)
{
  g_return_val_if_fail (JUGGLER_IS_WORKLOAD_PAGE (self), NULL);
  g_return_val_if_fail (progress != NULL, NULL);

  return IFACE (self)->format_progress (self, progress);
}

char *
juggler_workload_page_format_rate (JugglerWorkloadPage *self,
                                   double               jobs_per_s,
                                   double               interval_s)
{
  g_return_val_if_fail (JUGGLER_IS_WORKLOAD_PAGE (self), NULL);

  return IFACE (self)->format_rate (self, jobs_per_s, interval_s);
}

void
juggler_workload_page_set_run (JugglerWorkloadPage *self,
                               JugglerRun          *run)
{
  g_return_if_fail (JUGGLER_IS_WORKLOAD_PAGE (self));
  g_return_if_fail (run == NULL || JUGGLER_IS_RUN (run));

  if (run != NULL)
    juggler_run_status_start (juggler_workload_page_get_status (self));
  IFACE (self)->set_run (self, run);
}

void
juggler_workload_page_update (JugglerWorkloadPage   *self,
                              const JugglerProgress *progress,
                              gint64                 frame_time_us)
{
  g_autofree char *text = NULL;

  g_return_if_fail (JUGGLER_IS_WORKLOAD_PAGE (self));
  g_return_if_fail (progress != NULL);

  text = juggler_workload_page_format_progress (self, progress);
  juggler_run_status_update (juggler_workload_page_get_status (self), progress, text,
                             frame_time_us);
  if (IFACE (self)->update_view != NULL)
    IFACE (self)->update_view (self, frame_time_us);
}

void
juggler_workload_page_add_report (JugglerWorkloadPage *self,
                                  const JugglerReport *report)
{
  g_autoptr(JugglerResult) result = NULL;

  g_return_if_fail (JUGGLER_IS_WORKLOAD_PAGE (self));
  g_return_if_fail (report != NULL);

  if (IFACE (self)->update_view != NULL)
    IFACE (self)->update_view (self, 0);
  juggler_run_status_finish (juggler_workload_page_get_status (self), report);
  result = IFACE (self)->create_result (self, report);
  juggler_results_add (juggler_workload_page_get_results (self), result);
  if (IFACE (self)->add_report != NULL)
    IFACE (self)->add_report (self, report);
}

gboolean
juggler_workload_page_get_can_start (JugglerWorkloadPage *self)
{
  gboolean can_start = FALSE;

  g_return_val_if_fail (JUGGLER_IS_WORKLOAD_PAGE (self), FALSE);

  g_object_get (self, "can-start", &can_start, NULL);
  return can_start;
}

JugglerStrategy
juggler_workload_page_get_strategy (JugglerWorkloadPage *self)
{
  guint strategy = 0;

  g_return_val_if_fail (JUGGLER_IS_WORKLOAD_PAGE (self), 0);

  g_object_get (self, "strategy", &strategy, NULL);
  return strategy;
}

void
juggler_workload_page_set_strategy (JugglerWorkloadPage *self,
                                    JugglerStrategy      strategy)
{
  g_return_if_fail (JUGGLER_IS_WORKLOAD_PAGE (self));

  g_object_set (self, "strategy", (guint) strategy, NULL);
}

static gboolean
strategy_get_mapping (GValue   *value,
                      GVariant *variant,
                      gpointer  user_data)
{
  JugglerStrategy strategy;

  if (!juggler_strategy_from_string (g_variant_get_string (variant, NULL), &strategy))
    return FALSE;

  g_value_set_uint (value, strategy);
  return TRUE;
}

static GVariant *
strategy_set_mapping (const GValue       *value,
                      const GVariantType *expected_type,
                      gpointer            user_data)
{
  guint strategy = g_value_get_uint (value);

  if (strategy >= JUGGLER_N_STRATEGIES)
    return NULL;

  return g_variant_new_string (juggler_strategy_to_string (strategy));
}

void
juggler_workload_page_bind_strategy (JugglerWorkloadPage *self,
                                     GSettings           *settings,
                                     const char          *key)
{
  g_return_if_fail (JUGGLER_IS_WORKLOAD_PAGE (self));
  g_return_if_fail (G_IS_SETTINGS (settings));

  g_settings_bind_with_mapping (settings, key, self, "strategy", G_SETTINGS_BIND_DEFAULT,
                                strategy_get_mapping, strategy_set_mapping, NULL, NULL);
  /* The buttons' action: the setting is its state, so the key has one owner. */
  g_object_set_data_full (G_OBJECT (self), "juggler-strategy-action",
                          g_settings_create_action (settings, key), g_object_unref);
}

GAction *
juggler_workload_page_get_strategy_action (JugglerWorkloadPage *self)
{
  g_return_val_if_fail (JUGGLER_IS_WORKLOAD_PAGE (self), NULL);

  return g_object_get_data (G_OBJECT (self), "juggler-strategy-action");
}

void
juggler_workload_page_trace_run (JugglerWorkloadPage *self,
                                 JugglerTimeline     *timeline,
                                 JugglerRun          *run)
{
  g_autoptr(JugglerTrace) trace = NULL;
  g_autofree char *name = NULL;

  g_return_if_fail (JUGGLER_IS_WORKLOAD_PAGE (self));
  g_return_if_fail (JUGGLER_IS_TIMELINE (timeline));

  if (run == NULL)
    {
      juggler_timeline_set_live (timeline, FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.export-trace",
                                     juggler_timeline_get_trace (timeline) != NULL);
      return;
    }

  trace = juggler_trace_new (JUGGLER_TRACE_DEFAULT_MAX_SPANS);
  juggler_run_set_trace (run, trace);
  name = g_strdup_printf ("juggler-trace-%s.json",
                          juggler_strategy_to_string (juggler_run_get_strategy (run)));
  juggler_timeline_set_export_name (timeline, name);
  juggler_timeline_set_workload (timeline, juggler_run_get_workload (run));
  juggler_timeline_set_live (timeline, TRUE);
  juggler_timeline_set_trace (timeline, trace);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.export-trace", TRUE);
}
