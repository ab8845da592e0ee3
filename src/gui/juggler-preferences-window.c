/* juggler-preferences-window.c: settings that shape a run but need no place in the main view
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-preferences-window"

#include "config.h"

#include "juggler-preferences-window.h"

#define JUGGLER_SCHEMA_ID "io.github.juggler.Juggler"

struct _JugglerPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  GtkSwitch            *nice_switch;
  GtkSwitch            *show_workers_switch;

  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (JugglerPreferencesWindow, juggler_preferences_window,
                     ADW_TYPE_PREFERENCES_WINDOW)

static void
juggler_preferences_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), JUGGLER_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (juggler_preferences_window_parent_class)->dispose (object);
}

static void
juggler_preferences_window_finalize (GObject *object)
{
  JugglerPreferencesWindow *self = (JugglerPreferencesWindow *) object;

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (juggler_preferences_window_parent_class)->finalize (object);
}

static void
juggler_preferences_window_class_init (JugglerPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = juggler_preferences_window_dispose;
  object_class->finalize = juggler_preferences_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/juggler/Juggler/juggler-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, JugglerPreferencesWindow, nice_switch);
  gtk_widget_class_bind_template_child (widget_class, JugglerPreferencesWindow,
                                        show_workers_switch);
}

static void
juggler_preferences_window_init (JugglerPreferencesWindow *self)
{
  g_autoptr(GSimpleActionGroup) actions = g_simple_action_group_new ();
  g_autoptr(GAction) progress_mode = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (JUGGLER_SCHEMA_ID);

  g_settings_bind (self->settings, "nice", self->nice_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "show-workers", self->show_workers_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);

  /* The mode's rows are radio buttons on the key's own action: its state is the nick. */
  progress_mode = g_settings_create_action (self->settings, "progress-mode");
  g_action_map_add_action (G_ACTION_MAP (actions), progress_mode);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "preferences", G_ACTION_GROUP (actions));
}

JugglerPreferencesWindow *
juggler_preferences_window_new (void)
{
  return g_object_new (JUGGLER_TYPE_PREFERENCES_WINDOW, NULL);
}
