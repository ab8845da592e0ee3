/* juggler-window.c: the main window: hosts the pages, their controls and the live charts, runs one run at a time
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-window"

#include "config.h"

#include "juggler-window-private.h"

#include <glib/gi18n.h>

#include "juggler-claims-page.h"
#include "juggler-cpu-page.h"
#include "juggler-net-page.h"
#include "juggler-reflow-box.h"
#include "juggler-scenario-runner.h"

#define JUGGLER_SCHEMA_ID "io.github.juggler.Juggler"

enum {
  PROP_0,
  PROP_RUNNING,
  PROP_PAGE,
  N_PROPS
};

enum {
  RUN_FINISHED,
  RUN_FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (JugglerWindow, juggler_window, ADW_TYPE_APPLICATION_WINDOW)

/* The view stack's pages hold an empty AdwBin each; the page itself is made into it when
 * first shown. The pages not shown cost a third of the first frame otherwise: the view
 * stack measures every child, and the Claims page is mostly wrapped text. */
static const struct
{
  const char *name;
  GType     (*get_type) (void);
} page_types[] = {
  { "cpu", juggler_cpu_page_get_type },
  { "net", juggler_net_page_get_type },
  { "claims", juggler_claims_page_get_type },
};

/* The page in a view stack child, NULL until it was first shown. */
GtkWidget *
_juggler_window_get_stack_child_page (GtkWidget *stack_child)
{
  return adw_bin_get_child (ADW_BIN (stack_child));
}

/* NULL on a page that runs no workload of its own (Claims). */
JugglerWorkloadPage *
_juggler_window_get_visible_page (JugglerWindow *self)
{
  GtkWidget *child = adw_view_stack_get_visible_child (self->view_stack);
  GtkWidget *page = child != NULL ? _juggler_window_get_stack_child_page (child) : NULL;

  return JUGGLER_IS_WORKLOAD_PAGE (page) ? JUGGLER_WORKLOAD_PAGE (page) : NULL;
}

const char *
_juggler_window_get_page_title (JugglerWindow       *self,
                                JugglerWorkloadPage *page)
{
  GtkWidget *stack_child = gtk_widget_get_parent (GTK_WIDGET (page));

  return adw_view_stack_page_get_title (adw_view_stack_get_page (self->view_stack, stack_child));
}

void
_juggler_window_show_toast (JugglerWindow *self,
                            const char    *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

gboolean
juggler_window_get_running (JugglerWindow *self)
{
  g_return_val_if_fail (JUGGLER_IS_WINDOW (self), FALSE);

  return self->run != NULL;
}

JugglerRun *
juggler_window_get_run (JugglerWindow *self)
{
  g_return_val_if_fail (JUGGLER_IS_WINDOW (self), NULL);

  return self->run;
}

GSettings *
juggler_window_get_settings (JugglerWindow *self)
{
  g_return_val_if_fail (JUGGLER_IS_WINDOW (self), NULL);

  return self->settings;
}

void
juggler_window_set_run_options (JugglerWindow           *self,
                                const JugglerRunOptions *options)
{
  g_return_if_fail (JUGGLER_IS_WINDOW (self));

  self->run_options = options;
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *frame_clock,
         gpointer       user_data)
{
  g_autoptr(JugglerWindow) self = g_object_ref (JUGGLER_WINDOW (widget));
  gint64 now = gdk_frame_clock_get_frame_time (frame_clock);

  _juggler_window_run_frame (self, now);
  /* A scenario may have closed the window when it heard of the report. */
  if (!gtk_widget_get_realized (widget))
    return G_SOURCE_REMOVE;
  juggler_live_charts_frame (self->live_charts, now);

  return G_SOURCE_CONTINUE;
}

static void
page_strategy_notify_cb (JugglerWorkloadPage *page,
                         GParamSpec          *pspec,
                         JugglerWindow       *self)
{
  _juggler_window_update_actions (self);
  _juggler_window_page_strategy_changed (self, page);
}

static void
run_strategy_notify_cb (JugglerRun    *run,
                        GParamSpec    *pspec,
                        JugglerWindow *self)
{
  _juggler_window_run_strategy_changed (self);
}

static void ensure_page (JugglerWindow    *self,
                         AdwViewStackPage *stack_page);

static void
visible_page_notify_cb (AdwViewStack  *stack,
                        GParamSpec    *pspec,
                        JugglerWindow *self)
{
  GtkWidget *child = adw_view_stack_get_visible_child (stack);

  if (child == NULL)
    return;

  /* Before anything asks the page shown for its strategy, controls or status. */
  ensure_page (self, adw_view_stack_get_page (stack, child));
  gtk_stack_set_visible_child_name (self->controls_stack,
                                    adw_view_stack_get_visible_child_name (stack));
  _juggler_window_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
}

static void
page_can_start_notify_cb (JugglerWorkloadPage *page,
                          GParamSpec          *pspec,
                          JugglerWindow       *self)
{
  _juggler_window_update_actions (self);
}

static gboolean
juggler_window_close_request (GtkWindow *window)
{
  JugglerWindow *self = JUGGLER_WINDOW (window);

  /* At once: nobody is left to watch the run. */
  g_cancellable_cancel (self->run_cancellable);

  return GTK_WINDOW_CLASS (juggler_window_parent_class)->close_request (window);
}

/* The pages' strategy actions outlive the window's action group, which leaves their
 * "notify::state" handlers behind: a later change of the setting would reach the freed group. */
static void
remove_page_actions (JugglerWindow *self)
{
  g_autoptr(GtkSelectionModel) pages = NULL;

  if (self->view_stack == NULL)
    return;

  pages = adw_view_stack_get_pages (self->view_stack);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (pages)); i++)
    {
      g_autoptr(AdwViewStackPage) stack_page = g_list_model_get_item (G_LIST_MODEL (pages), i);
      GtkWidget *page = _juggler_window_get_stack_child_page (adw_view_stack_page_get_child (stack_page));

      if (JUGGLER_IS_WORKLOAD_PAGE (page))
        g_action_map_remove_action (G_ACTION_MAP (self),
                                    g_action_get_name (juggler_workload_page_get_strategy_action (JUGGLER_WORKLOAD_PAGE (page))));
    }
}

static void
juggler_window_dispose (GObject *object)
{
  JugglerWindow *self = (JugglerWindow *) object;

  g_cancellable_cancel (self->cancellable);
  _juggler_window_run_dispose (self);
  remove_page_actions (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), JUGGLER_TYPE_WINDOW);

  G_OBJECT_CLASS (juggler_window_parent_class)->dispose (object);
}

static void
juggler_window_finalize (GObject *object)
{
  JugglerWindow *self = (JugglerWindow *) object;

  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (juggler_window_parent_class)->finalize (object);
}

static void
juggler_window_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  JugglerWindow *self = JUGGLER_WINDOW (object);

  switch (prop_id)
    {
    case PROP_RUNNING:
      g_value_set_boolean (value, juggler_window_get_running (self));
      break;

    case PROP_PAGE:
      g_value_set_string (value, adw_view_stack_get_visible_child_name (self->view_stack));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
juggler_window_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  JugglerWindow *self = JUGGLER_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PAGE:
      if (adw_view_stack_get_child_by_name (self->view_stack, g_value_get_string (value)) != NULL)
        adw_view_stack_set_visible_child_name (self->view_stack, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
juggler_window_class_init (JugglerWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = juggler_window_dispose;
  object_class->finalize = juggler_window_finalize;
  object_class->get_property = juggler_window_get_property;
  object_class->set_property = juggler_window_set_property;
  window_class->close_request = juggler_window_close_request;

  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PAGE] =
    g_param_spec_string ("page", NULL, NULL, "cpu",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[RUN_FINISHED] =
    g_signal_new ("run-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
  signals[RUN_FAILED] =
    g_signal_new ("run-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE, G_TYPE_BOOLEAN);

  _juggler_window_class_actions_init (widget_class);

  g_type_ensure (JUGGLER_TYPE_CLAIMS_PAGE);
  g_type_ensure (JUGGLER_TYPE_CPU_PAGE);
  g_type_ensure (JUGGLER_TYPE_LIVE_CHARTS);
  g_type_ensure (JUGGLER_TYPE_NET_PAGE);
  g_type_ensure (JUGGLER_TYPE_REFLOW_BOX);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/juggler/Juggler/juggler-window.ui");
  gtk_widget_class_bind_template_child (widget_class, JugglerWindow, start_button);
  gtk_widget_class_bind_template_child (widget_class, JugglerWindow, stop_button);
  gtk_widget_class_bind_template_child (widget_class, JugglerWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, JugglerWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, JugglerWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, JugglerWindow, controls_stack);
  gtk_widget_class_bind_template_child (widget_class, JugglerWindow, live_charts);
}

/* Each page's controls go into the sidebar under the page's name; its strategy action into
 * the window's actions. */
static void
add_page (JugglerWindow    *self,
          AdwViewStackPage *stack_page,
          GtkWidget        *child)
{
  JugglerWorkloadPage *page;

  /* The Claims page runs its experiments itself: the sidebar only says so. */
  if (!JUGGLER_IS_WORKLOAD_PAGE (child))
    {
      GtkWidget *label = gtk_label_new (_("Each claim runs from its own Run button, or all of "
                                          "them in order with Run All; the window's Start "
                                          "and Stop belong to the CPU and Network pages."));

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_set_valign (label, GTK_ALIGN_START);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_stack_add_named (self->controls_stack, label, adw_view_stack_page_get_name (stack_page));
      return;
    }

  page = JUGGLER_WORKLOAD_PAGE (child);

  juggler_workload_page_set_settings (page, self->settings);
  gtk_stack_add_named (self->controls_stack, juggler_workload_page_get_controls (page),
                       adw_view_stack_page_get_name (stack_page));
  g_action_map_add_action (G_ACTION_MAP (self), juggler_workload_page_get_strategy_action (page));
  g_signal_connect_object (page, "notify::strategy", G_CALLBACK (page_strategy_notify_cb), self, 0);
  g_signal_connect_object (page, "notify::can-start", G_CALLBACK (page_can_start_notify_cb),
                           self, 0);
  _juggler_window_page_added (self, page);
}

/* Makes the page of stack_page, the first time it is shown (see page_types). */
static void
ensure_page (JugglerWindow    *self,
             AdwViewStackPage *stack_page)
{
  AdwBin *bin = ADW_BIN (adw_view_stack_page_get_child (stack_page));
  const char *name = adw_view_stack_page_get_name (stack_page);
  GtkWidget *page = NULL;

  if (adw_bin_get_child (bin) != NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (page_types) && page == NULL; i++)
    if (g_strcmp0 (name, page_types[i].name) == 0)
      page = g_object_new (page_types[i].get_type (), NULL);
  g_assert (page != NULL);

  adw_bin_set_child (bin, page);
  add_page (self, stack_page, page);
}

GtkWidget *
_juggler_window_get_page (JugglerWindow *self,
                          const char    *name)
{
  GtkWidget *stack_child = adw_view_stack_get_child_by_name (self->view_stack, name);

  g_assert (stack_child != NULL);
  ensure_page (self, adw_view_stack_get_page (self->view_stack, stack_child));
  return _juggler_window_get_stack_child_page (stack_child);
}

static void
juggler_window_init (JugglerWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (JUGGLER_SCHEMA_ID);
  self->cancellable = g_cancellable_new ();
  self->run_signals = g_signal_group_new (JUGGLER_TYPE_RUN);
  g_signal_group_connect_object (self->run_signals, "notify::strategy",
                                 G_CALLBACK (run_strategy_notify_cb), self, 0);

  /* The page shown is made now, the others when first shown. */
  ensure_page (self, adw_view_stack_get_page (self->view_stack,
                                              adw_view_stack_get_visible_child (self->view_stack)));
  gtk_stack_set_visible_child_name (self->controls_stack,
                                    adw_view_stack_get_visible_child_name (self->view_stack));
  g_signal_connect_object (self->view_stack, "notify::visible-child",
                           G_CALLBACK (visible_page_notify_cb), self, 0);

  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);

  /* GTK 4.8 adds the raw label, underline and all, to the name it takes from the label
   * widget: "_Start Start". The label widget alone names the button well. */
  gtk_accessible_reset_property (GTK_ACCESSIBLE (self->start_button), GTK_ACCESSIBLE_PROPERTY_LABEL);
  gtk_accessible_reset_property (GTK_ACCESSIBLE (self->stop_button), GTK_ACCESSIBLE_PROPERTY_LABEL);
  _juggler_window_update_actions (self);

  gtk_widget_add_tick_callback (GTK_WIDGET (self), tick_cb, NULL, NULL);
}

JugglerWindow *
juggler_window_new (JugglerApplication *application,
                    JugglerScenario    *scenario)
{
  JugglerWindow *self;

  g_return_val_if_fail (application == NULL || JUGGLER_IS_APPLICATION (application), NULL);

  self = g_object_new (JUGGLER_TYPE_WINDOW, "application", application, NULL);
  if (scenario != NULL)
    juggler_scenario_runner_attach (self, scenario);

  return self;
}
