/* juggler-window.c: the main window: hosts the pages, their controls and the live charts, runs one run at a time
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-window"

#include "config.h"

#include "juggler-window-private.h"

#include <glib/gi18n.h>

#include "juggler-menu-button.h"
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
rest_cb (gpointer user_data)
{
  JugglerWindow *self = user_data;

  juggler_live_charts_frame (self->live_charts, g_get_monotonic_time ());

  return G_SOURCE_CONTINUE;
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
    {
      self->tick_id = 0;
      return G_SOURCE_REMOVE;
    }
  juggler_live_charts_frame (self->live_charts, now);

  /* At rest a frame clock ticking for nothing costs 3 % of a core: the charts, which step
   * once a second then, get a timer instead until the next run wakes the window. */
  if (self->run == NULL && self->pending_report == NULL && !self->claim_running)
    {
      self->tick_id = 0;
      self->rest_source_id = g_timeout_add_seconds (1, rest_cb, self);
      g_source_set_static_name (g_main_context_find_source_by_id (NULL, self->rest_source_id),
                                "[juggler] charts at rest");
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

void
_juggler_window_wake (JugglerWindow *self)
{
  g_clear_handle_id (&self->rest_source_id, g_source_remove);
  if (self->tick_id == 0)
    self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), tick_cb, NULL, NULL);
}

static void
pacer_before_paint_cb (GdkFrameClock *frame_clock,
                       JugglerWindow *self)
{
  juggler_frame_pacer_frame_begin (self->pacer);
}

static void
pacer_after_paint_cb (GdkFrameClock *frame_clock,
                      JugglerWindow *self)
{
  gint64 interval_us = 0;

  gdk_frame_clock_get_refresh_info (frame_clock, gdk_frame_clock_get_frame_time (frame_clock),
                                    &interval_us, NULL);
  juggler_frame_pacer_frame_end (self->pacer, interval_us);
}

static void
juggler_window_realize (GtkWidget *widget)
{
  JugglerWindow *self = JUGGLER_WINDOW (widget);

  GTK_WIDGET_CLASS (juggler_window_parent_class)->realize (widget);

  self->paced_clock = g_object_ref (gtk_widget_get_frame_clock (widget));
  self->pacer_begin_id = g_signal_connect (self->paced_clock, "before-paint",
                                           G_CALLBACK (pacer_before_paint_cb), self);
  self->pacer_end_id = g_signal_connect (self->paced_clock, "after-paint",
                                         G_CALLBACK (pacer_after_paint_cb), self);
}

static void
juggler_window_unrealize (GtkWidget *widget)
{
  JugglerWindow *self = JUGGLER_WINDOW (widget);

  if (self->paced_clock != NULL)
    {
      g_clear_signal_handler (&self->pacer_begin_id, self->paced_clock);
      g_clear_signal_handler (&self->pacer_end_id, self->paced_clock);
      g_clear_object (&self->paced_clock);
    }

  GTK_WIDGET_CLASS (juggler_window_parent_class)->unrealize (widget);
}

static void
run_strategy_notify_cb (JugglerRun    *run,
                        GParamSpec    *pspec,
                        JugglerWindow *self)
{
  _juggler_window_run_strategy_changed (self);
}

static gboolean
juggler_window_close_request (GtkWindow *window)
{
  JugglerWindow *self = JUGGLER_WINDOW (window);

  /* At once: nobody is left to watch the run. */
  g_cancellable_cancel (self->run_cancellable);

  return GTK_WINDOW_CLASS (juggler_window_parent_class)->close_request (window);
}

static void
juggler_window_dispose (GObject *object)
{
  JugglerWindow *self = (JugglerWindow *) object;

  g_cancellable_cancel (self->cancellable);
  _juggler_window_run_dispose (self);
  _juggler_window_pages_dispose (self);
  g_clear_handle_id (&self->rest_source_id, g_source_remove);
  g_clear_object (&self->pacer);

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
  widget_class->realize = juggler_window_realize;
  widget_class->unrealize = juggler_window_unrealize;

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

  _juggler_window_class_pages_init ();
  g_type_ensure (JUGGLER_TYPE_LIVE_CHARTS);
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
  gtk_widget_class_bind_template_child (widget_class, JugglerWindow, content_box);
  gtk_widget_class_bind_template_child_full (widget_class, "menu_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "primary_menu", FALSE, 0);
}

/* The view switcher at the bottom, for windows too narrow for the one in the header bar:
 * most never are, and its 36 widgets, hidden in a revealer, cost memory from the first frame. */
static void
title_visible_notify_cb (JugglerWindow *self)
{
  if (self->switcher_bar != NULL || self->content_box == NULL ||
      !adw_view_switcher_title_get_title_visible (self->window_title))
    return;

  self->switcher_bar = ADW_VIEW_SWITCHER_BAR (adw_view_switcher_bar_new ());
  adw_view_switcher_bar_set_stack (self->switcher_bar, self->view_stack);
  g_object_bind_property (self->window_title, "title-visible", self->switcher_bar, "reveal",
                          G_BINDING_SYNC_CREATE);
  gtk_box_append (self->content_box, GTK_WIDGET (self->switcher_bar));
  g_signal_handlers_disconnect_by_func (self->window_title, title_visible_notify_cb, self);
}

static void
juggler_window_init (JugglerWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->window_title, "notify::title-visible",
                            G_CALLBACK (title_visible_notify_cb), self);
  title_visible_notify_cb (self);
  juggler_menu_button_set_menu_model_on_open (
    GTK_MENU_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (self), JUGGLER_TYPE_WINDOW,
                                                    "menu_button")),
    G_MENU_MODEL (gtk_widget_get_template_child (GTK_WIDGET (self), JUGGLER_TYPE_WINDOW,
                                                 "primary_menu")));

  self->settings = g_settings_new (JUGGLER_SCHEMA_ID);
  self->cancellable = g_cancellable_new ();
  self->pacer = juggler_frame_pacer_new (g_main_context_default ());
  self->run_signals = g_signal_group_new (JUGGLER_TYPE_RUN);
  g_signal_group_connect_object (self->run_signals, "notify::strategy",
                                 G_CALLBACK (run_strategy_notify_cb), self, 0);

  _juggler_window_pages_init (self);

  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);

  _juggler_window_update_actions (self);

  _juggler_window_wake (self);
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
