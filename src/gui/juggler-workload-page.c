/* juggler-workload-page.c: the pages' base: what the window asks, and what the two pages share
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-workload-page"

#include "config.h"

#include "juggler-workload-page.h"

#include <adwaita.h>

#include "juggler-timeline.h"

typedef struct
{
  /* Template widgets */
  JugglerRunStatus *status;
  JugglerResults   *results;
  GtkStack         *view_stack;
  AdwBin           *view_bin;
  JugglerTimeline  *timeline;

  GtkWidget        *controls;
  GSettings        *settings;
  GAction          *strategy_action;
  GSignalGroup     *run_signals;
  JugglerStrategy   strategy;
} JugglerWorkloadPagePrivate;

enum {
  PROP_0,
  PROP_CAN_START,
  PROP_STRATEGY,
  PROP_VIEW_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkBuildableIface *parent_buildable_iface;

static void juggler_workload_page_buildable_init (GtkBuildableIface *iface);

G_DEFINE_ABSTRACT_TYPE_WITH_CODE (JugglerWorkloadPage, juggler_workload_page, GTK_TYPE_BOX,
                                  G_ADD_PRIVATE (JugglerWorkloadPage)
                                  G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDABLE,
                                                         juggler_workload_page_buildable_init))

#define PRIV(self) ((JugglerWorkloadPagePrivate *) juggler_workload_page_get_instance_private (self))
#define CLASS(self) JUGGLER_WORKLOAD_PAGE_GET_CLASS (self)

/* ------------------------------------------------------------------------------------ */
/* What the window asks                                                                  */

GtkWidget *
juggler_workload_page_get_controls (JugglerWorkloadPage *self)
{
  g_return_val_if_fail (JUGGLER_IS_WORKLOAD_PAGE (self), NULL);

  return PRIV (self)->controls;
}

JugglerRunStatus *
juggler_workload_page_get_status (JugglerWorkloadPage *self)
{
  g_return_val_if_fail (JUGGLER_IS_WORKLOAD_PAGE (self), NULL);

  return PRIV (self)->status;
}

JugglerResults *
juggler_workload_page_get_results (JugglerWorkloadPage *self)
{
  g_return_val_if_fail (JUGGLER_IS_WORKLOAD_PAGE (self), NULL);

  return PRIV (self)->results;
}

void
juggler_workload_page_set_settings (JugglerWorkloadPage *self,
                                    GSettings           *settings)
{
  JugglerWorkloadPagePrivate *priv;
  const char *key;

  g_return_if_fail (JUGGLER_IS_WORKLOAD_PAGE (self));
  g_return_if_fail (G_IS_SETTINGS (settings));

  priv = PRIV (self);
  key = CLASS (self)->strategy_key;
  g_set_object (&priv->settings, settings);
  g_settings_bind_with_mapping (settings, key, self, "strategy", G_SETTINGS_BIND_DEFAULT,
                                juggler_enum_get_mapping, juggler_enum_set_mapping,
                                GSIZE_TO_POINTER (JUGGLER_TYPE_STRATEGY), NULL);
  /* The buttons' action: the setting is its state, so the key has one owner. */
  g_clear_object (&priv->strategy_action);
  priv->strategy_action = G_ACTION (g_settings_create_action (settings, key));

  if (CLASS (self)->set_settings != NULL)
    CLASS (self)->set_settings (self, settings);
}

GSettings *
juggler_workload_page_get_settings (JugglerWorkloadPage *self)
{
  g_return_val_if_fail (JUGGLER_IS_WORKLOAD_PAGE (self), NULL);

  return PRIV (self)->settings;
}

JugglerWorkload *
juggler_workload_page_create_workload (JugglerWorkloadPage  *self,
                                       GError              **error)
{
  g_return_val_if_fail (JUGGLER_IS_WORKLOAD_PAGE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return CLASS (self)->create_workload (self, error);
}

void
juggler_workload_page_configure_run (JugglerWorkloadPage *self,
                                     JugglerRun          *run)
{
  g_return_if_fail (JUGGLER_IS_WORKLOAD_PAGE (self));
  g_return_if_fail (JUGGLER_IS_RUN (run));

  if (CLASS (self)->configure_run != NULL)
    CLASS (self)->configure_run (self, run);
}

const JugglerStrategy *
juggler_workload_page_get_strategies (JugglerWorkloadPage *self,
                                      guint               *n_strategies)
{
  g_return_val_if_fail (JUGGLER_IS_WORKLOAD_PAGE (self), NULL);
  g_return_val_if_fail (n_strategies != NULL, NULL);

  return CLASS (self)->get_strategies (self, n_strategies);
}

double
juggler_workload_page_estimate_blocking_s (JugglerWorkloadPage *self)
{
  g_return_val_if_fail (JUGGLER_IS_WORKLOAD_PAGE (self), -1);

  return CLASS (self)->estimate_blocking_s != NULL ? CLASS (self)->estimate_blocking_s (self) : -1;
}

char *
juggler_workload_page_format_progress (JugglerWorkloadPage   *self,
                                       const JugglerProgress *progress)
{
  g_return_val_if_fail (JUGGLER_IS_WORKLOAD_PAGE (self), NULL);
  g_return_val_if_fail (progress != NULL, NULL);

  return CLASS (self)->format_progress (self, progress);
}

char *
juggler_workload_page_format_rate (JugglerWorkloadPage *self,
                                   double               jobs_per_s,
                                   double               interval_s)
{
  g_return_val_if_fail (JUGGLER_IS_WORKLOAD_PAGE (self), NULL);

  return CLASS (self)->format_rate (self, jobs_per_s, interval_s);
}

/* Records run (when not NULL) into a new trace that the timeline shows live, or stops
 * following the trace once the run is over (run NULL). */
static void
trace_run (JugglerWorkloadPage *self,
           JugglerRun          *run)
{
  JugglerTimeline *timeline = PRIV (self)->timeline;
  g_autoptr(JugglerTrace) trace = NULL;
  g_autofree char *name = NULL;

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

void
juggler_workload_page_set_run (JugglerWorkloadPage *self,
                               JugglerRun          *run)
{
  g_return_if_fail (JUGGLER_IS_WORKLOAD_PAGE (self));
  g_return_if_fail (run == NULL || JUGGLER_IS_RUN (run));

  if (run != NULL)
    juggler_run_status_start (PRIV (self)->status);
  if (CLASS (self)->set_run != NULL)
    CLASS (self)->set_run (self, run);
  trace_run (self, run);
  g_signal_group_set_target (PRIV (self)->run_signals, run);
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
  juggler_run_status_update (PRIV (self)->status, progress, text, frame_time_us);
  if (CLASS (self)->update_view != NULL)
    CLASS (self)->update_view (self, frame_time_us);
}

void
juggler_workload_page_add_report (JugglerWorkloadPage *self,
                                  const JugglerReport *report)
{
  g_autoptr(JugglerResult) result = NULL;

  g_return_if_fail (JUGGLER_IS_WORKLOAD_PAGE (self));
  g_return_if_fail (report != NULL);

  if (CLASS (self)->update_view != NULL)
    CLASS (self)->update_view (self, 0);
  juggler_run_status_finish (PRIV (self)->status, report);
  result = CLASS (self)->create_result (self, report);
  juggler_results_add (PRIV (self)->results, result);
  if (CLASS (self)->add_report != NULL)
    CLASS (self)->add_report (self, report);
}

gboolean
juggler_workload_page_get_can_start (JugglerWorkloadPage *self)
{
  gboolean can_start = TRUE;

  g_return_val_if_fail (JUGGLER_IS_WORKLOAD_PAGE (self), FALSE);

  if (PRIV (self)->controls != NULL)
    g_object_get (PRIV (self)->controls, "can-start", &can_start, NULL);
  return can_start;
}

JugglerStrategy
juggler_workload_page_get_strategy (JugglerWorkloadPage *self)
{
  g_return_val_if_fail (JUGGLER_IS_WORKLOAD_PAGE (self), 0);

  return PRIV (self)->strategy;
}

void
juggler_workload_page_set_strategy (JugglerWorkloadPage *self,
                                    JugglerStrategy      strategy)
{
  JugglerWorkloadPagePrivate *priv;

  g_return_if_fail (JUGGLER_IS_WORKLOAD_PAGE (self));

  priv = PRIV (self);
  if (priv->strategy == strategy || !juggler_strategy_supports (strategy, CLASS (self)->kind))
    return;

  priv->strategy = strategy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STRATEGY]);
}

GAction *
juggler_workload_page_get_strategy_action (JugglerWorkloadPage *self)
{
  g_return_val_if_fail (JUGGLER_IS_WORKLOAD_PAGE (self), NULL);

  return PRIV (self)->strategy_action;
}

/* ------------------------------------------------------------------------------------ */
/* For the pages                                                                         */

static void
can_start_notify_cb (GtkWidget           *controls,
                     GParamSpec          *pspec,
                     JugglerWorkloadPage *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_START]);
}

void
juggler_workload_page_set_controls (JugglerWorkloadPage *self,
                                    GtkWidget           *controls)
{
  JugglerWorkloadPagePrivate *priv;

  g_return_if_fail (JUGGLER_IS_WORKLOAD_PAGE (self));
  g_return_if_fail (GTK_IS_WIDGET (controls));
  g_return_if_fail (g_object_class_find_property (G_OBJECT_GET_CLASS (controls), "can-start"));

  priv = PRIV (self);
  g_return_if_fail (priv->controls == NULL);

  priv->controls = g_object_ref_sink (controls);
  g_signal_connect_object (controls, "notify::can-start", G_CALLBACK (can_start_notify_cb), self,
                           0);
}

static void
job_done_cb (JugglerRun          *run,
             guint                index,
             guint                worker,
             JugglerWorkloadPage *self)
{
  if (CLASS (self)->job_done != NULL)
    CLASS (self)->job_done (self, run, index, worker);
}

static void
juggler_workload_page_buildable_add_child (GtkBuildable *buildable,
                                           GtkBuilder   *builder,
                                           GObject      *child,
                                           const char   *type)
{
  JugglerWorkloadPage *self = JUGGLER_WORKLOAD_PAGE (buildable);

  if (g_strcmp0 (type, "view") == 0)
    adw_bin_set_child (PRIV (self)->view_bin, GTK_WIDGET (child));
  else
    parent_buildable_iface->add_child (buildable, builder, child, type);
}

static void
juggler_workload_page_buildable_init (GtkBuildableIface *iface)
{
  parent_buildable_iface = g_type_interface_peek_parent (iface);
  iface->add_child = juggler_workload_page_buildable_add_child;
}

static void
export_trace_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  JugglerWorkloadPage *self = JUGGLER_WORKLOAD_PAGE (widget);

  gtk_widget_activate_action (GTK_WIDGET (PRIV (self)->timeline), "timeline.export", NULL);
}

static void
show_timeline_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  GtkStack *view_stack = PRIV (JUGGLER_WORKLOAD_PAGE (widget))->view_stack;
  gboolean shown = g_strcmp0 (gtk_stack_get_visible_child_name (view_stack), "timeline") == 0;

  gtk_stack_set_visible_child_name (view_stack, shown ? "view" : "timeline");
}

static GtkStackPage *
view_page (JugglerWorkloadPage *self)
{
  return gtk_stack_get_page (PRIV (self)->view_stack, GTK_WIDGET (PRIV (self)->view_bin));
}

static void
juggler_workload_page_constructed (GObject *object)
{
  JugglerWorkloadPage *self = JUGGLER_WORKLOAD_PAGE (object);
  const JugglerStrategy *strategies;
  guint n_strategies = 0;

  G_OBJECT_CLASS (juggler_workload_page_parent_class)->constructed (object);

  /* The default until settings say otherwise. */
  strategies = juggler_workload_page_get_strategies (self, &n_strategies);
  g_assert (n_strategies > 0);
  PRIV (self)->strategy = strategies[0];
}

static void
juggler_workload_page_dispose (GObject *object)
{
  JugglerWorkloadPage *self = JUGGLER_WORKLOAD_PAGE (object);
  JugglerWorkloadPagePrivate *priv = PRIV (self);
  GtkWidget *child;

  if (priv->run_signals != NULL)
    g_signal_group_set_target (priv->run_signals, NULL);
  g_clear_object (&priv->run_signals);
  g_clear_object (&priv->controls);
  g_clear_object (&priv->strategy_action);
  g_clear_object (&priv->settings);
  /* Not gtk_widget_dispose_template (): GTK 4.8's asserts on a class whose subclass has a
   * template too. The template's objects go with the widget; its direct children here. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (juggler_workload_page_parent_class)->dispose (object);
}

static void
juggler_workload_page_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  JugglerWorkloadPage *self = JUGGLER_WORKLOAD_PAGE (object);

  switch (prop_id)
    {
    case PROP_CAN_START:
      g_value_set_boolean (value, juggler_workload_page_get_can_start (self));
      break;

    case PROP_STRATEGY:
      g_value_set_uint (value, PRIV (self)->strategy);
      break;

    case PROP_VIEW_TITLE:
      g_value_set_string (value, gtk_stack_page_get_title (view_page (self)));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
juggler_workload_page_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  JugglerWorkloadPage *self = JUGGLER_WORKLOAD_PAGE (object);

  switch (prop_id)
    {
    case PROP_STRATEGY:
      juggler_workload_page_set_strategy (self, g_value_get_uint (value));
      break;

    case PROP_VIEW_TITLE:
      if (g_strcmp0 (gtk_stack_page_get_title (view_page (self)),
                     g_value_get_string (value)) != 0)
        {
          gtk_stack_page_set_title (view_page (self), g_value_get_string (value));
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
juggler_workload_page_class_init (JugglerWorkloadPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = juggler_workload_page_constructed;
  object_class->dispose = juggler_workload_page_dispose;
  object_class->get_property = juggler_workload_page_get_property;
  object_class->set_property = juggler_workload_page_set_property;

  properties[PROP_CAN_START] =
    g_param_spec_boolean ("can-start", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STRATEGY] =
    g_param_spec_uint ("strategy", NULL, NULL, 0, JUGGLER_N_STRATEGIES - 1, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VIEW_TITLE] =
    g_param_spec_string ("view-title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (JUGGLER_TYPE_RESULTS);
  g_type_ensure (JUGGLER_TYPE_RUN_STATUS);
  g_type_ensure (JUGGLER_TYPE_TIMELINE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/juggler/Juggler/juggler-workload-page.ui");
  gtk_widget_class_bind_template_child_private (widget_class, JugglerWorkloadPage, status);
  gtk_widget_class_bind_template_child_private (widget_class, JugglerWorkloadPage, results);
  gtk_widget_class_bind_template_child_private (widget_class, JugglerWorkloadPage, view_stack);
  gtk_widget_class_bind_template_child_private (widget_class, JugglerWorkloadPage, view_bin);
  gtk_widget_class_bind_template_child_private (widget_class, JugglerWorkloadPage, timeline);

  gtk_widget_class_install_action (widget_class, "page.export-trace", NULL, export_trace_action);
  /* Toggles between the live view and the timeline. */
  gtk_widget_class_install_action (widget_class, "page.show-timeline", NULL, show_timeline_action);
}

static void
juggler_workload_page_init (JugglerWorkloadPage *self)
{
  JugglerWorkloadPagePrivate *priv = PRIV (self);

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.export-trace", FALSE);

  priv->run_signals = g_signal_group_new (JUGGLER_TYPE_RUN);
  g_signal_group_connect_object (priv->run_signals, "job-done", G_CALLBACK (job_done_cb), self, 0);
}
