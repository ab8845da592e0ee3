/* juggler-application.c: the application, its command line and its app-wide actions
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-application"

#include "config.h"

#include "juggler-application.h"

#include <glib/gi18n.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "juggler-class-warm-up.h"
#include "juggler-preferences-window.h"
#include "juggler-scenario.h"
#include "juggler-window.h"

/* The icon compiled into the resources, for when the app runs uninstalled. */
#define RESOURCE_ICON_NAME "io.github.juggler.Juggler"

/* No window of the app stays around hidden: GTK 4.8's AT-SPI root answers GetChildAtIndex
 * with an index past its visible windows (a screen reader's child count from before a window
 * closed) with the last window in gtk_window_get_toplevels(), visible or not, and a hidden
 * window has no object path there: g_variant_new_object_path() fails on NULL and the app
 * crashes in g_variant_new() (gtk/a11y/gtkatspiroot.c, handle_accessible_method(), 4.8.3).
 * So the shortcuts window and Preferences are made when shown and destroyed when closed,
 * and a stale index gets a visible window. */

struct _JugglerApplication
{
  AdwApplication   parent_instance;

  JugglerScenario *scenario;
  int              exit_status;
  GtkWindow       *preferences;
  GThread         *icon_theme_thread; /* loading the icon theme, until the first window */
  GThread         *class_warm_up_thread; /* initialising its classes, likewise */
  gboolean         heap_trim_scheduled; /* after the first window's first frame */
};

G_DEFINE_FINAL_TYPE (JugglerApplication, juggler_application, ADW_TYPE_APPLICATION)

static int
juggler_application_handle_local_options (GApplication *application,
                                          GVariantDict *options)
{
  JugglerApplication *self = JUGGLER_APPLICATION (application);
  g_autoptr(GError) error = NULL;

  self->scenario = juggler_scenario_new_from_options (options, &error);
  if (error != NULL)
    {
      g_printerr ("juggler: %s\n", error->message);
      return 2;
    }

  /* A scenario is a self-contained experiment: it must get its own window in its own
   * process, not be forwarded to an instance that is already running. */
  if (self->scenario != NULL)
    g_application_set_flags (application,
                             g_application_get_flags (application) | G_APPLICATION_NON_UNIQUE);

  return -1;
}

/* The installed icon is named after the app id (.Devel too); uninstalled, only the copy in
 * the resources exists. */
static const char *
get_icon_name (void)
{
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());

  return gtk_icon_theme_has_icon (theme, APP_ID) ? APP_ID : RESOURCE_ICON_NAME;
}

static gpointer
load_icon_theme_thread_func (gpointer data)
{
  GtkIconTheme *theme = data;

  /* The first lookup loads the themes, under the theme's lock, as GTK's own loading thread
   * does; a lookup on the UI thread meanwhile waits for it. */
  gtk_icon_theme_has_icon (theme, APP_ID);

  return NULL;
}

static void
join_thread (GThread **thread)
{
  if (*thread != NULL)
    g_thread_join (g_steal_pointer (thread));
}

static void
juggler_application_startup (GApplication *application)
{
  JugglerApplication *self = JUGGLER_APPLICATION (application);
  GtkIconTheme *theme;

  /* While the parent's startup opens the display and parses libadwaita's style sheet. */
  self->class_warm_up_thread = juggler_class_warm_up_start ();

  G_APPLICATION_CLASS (juggler_application_parent_class)->startup (application);

  /* GtkApplication's startup has just added the resources' icons to the theme, which throws
   * away the themes GTK began to load in a thread when it made it: the next lookup reads
   * them again, index files and caches, about 66 M instructions before the first frame.
   * That is done here in a thread while the window is built, not on the UI thread. */
  theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());
  self->icon_theme_thread = g_thread_new ("juggler-icons", load_icon_theme_thread_func, theme);
}

/* Startup frees much of what its threads allocated (GTK's icon theme loading, which
 * GtkApplication's startup makes it throw away, this file's, Pango's font sorting threads),
 * in the arena the other threads share: when those frees interleave with the allocations
 * that stay, the free pages between them stay resident. Given back once, a second after
 * the first frame: idle RSS under Xvfb, 8 rounds alternating on a loaded machine, 34.16 MB
 * against 34.98 MB (33.3 to 34.6 MB against 33.7 to 35.4 MB). */
static gboolean
trim_heap_cb (gpointer user_data)
{
#ifdef __GLIBC__
  malloc_trim (0);
#endif
  return G_SOURCE_REMOVE;
}

static void
first_frame_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  g_signal_handlers_disconnect_by_func (clock, first_frame_cb, user_data);
  g_timeout_add_seconds_full (G_PRIORITY_LOW, 1, trim_heap_cb, NULL, NULL);
}

static void
first_window_realize_cb (GtkWidget *window,
                         gpointer   user_data)
{
  g_signal_handlers_disconnect_by_func (window, first_window_realize_cb, user_data);
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (first_frame_cb), NULL);
}

static void
juggler_application_activate (GApplication *application)
{
  JugglerApplication *self = JUGGLER_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));

  if (window == NULL)
    {
      /* Done with the classes by now (see juggler_application_startup), or it waits. */
      join_thread (&self->class_warm_up_thread);
      window = GTK_WINDOW (juggler_window_new (self, g_steal_pointer (&self->scenario)));
      if (!self->heap_trim_scheduled)
        {
          self->heap_trim_scheduled = TRUE;
          g_signal_connect (window, "realize", G_CALLBACK (first_window_realize_cb), NULL);
        }
    }

  /* Before the window is realized, which sets its X11 icon; the theme is loaded by now, or
   * nearly (see juggler_application_startup). */
  if (self->icon_theme_thread != NULL)
    {
      join_thread (&self->icon_theme_thread);
      gtk_window_set_default_icon_name (get_icon_name ());
    }

  gtk_window_present (window);
}

static void
juggler_application_finalize (GObject *object)
{
  JugglerApplication *self = (JugglerApplication *) object;

  g_clear_pointer (&self->scenario, juggler_scenario_free);

  G_OBJECT_CLASS (juggler_application_parent_class)->finalize (object);
}

static void
juggler_application_shutdown (GApplication *application)
{
  JugglerApplication *self = JUGGLER_APPLICATION (application);

  join_thread (&self->icon_theme_thread);
  join_thread (&self->class_warm_up_thread);

  /* While GTK still runs: the preferences window is no application window it would close. */
  if (self->preferences != NULL)
    gtk_window_destroy (self->preferences);
  g_assert (self->preferences == NULL);

  G_APPLICATION_CLASS (juggler_application_parent_class)->shutdown (application);
}

static gboolean
help_overlay_close_request_cb (GtkWindow            *overlay,
                               GtkApplicationWindow *window)
{
  /* Destroys it (see the comment at the top) instead of hiding it. */
  gtk_application_window_set_help_overlay (window, NULL);

  return TRUE;
}

static void
show_help_overlay_cb (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  GtkApplicationWindow *window = user_data;
  const char *base_path = g_application_get_resource_base_path (g_application_get_default ());
  g_autofree char *path = g_strconcat (base_path, "/help-overlay.ui", NULL);
  g_autoptr(GtkBuilder) builder = NULL;
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (window);

  if (overlay == NULL)
    {
      builder = gtk_builder_new_from_resource (path);
      overlay = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      /* What GtkApplication does for every window, so shortcuts show their actions' keys. */
      gtk_application_window_set_help_overlay (window, overlay);
      g_signal_connect_object (overlay, "close-request",
                               G_CALLBACK (help_overlay_close_request_cb), window, 0);
    }
  gtk_window_present (GTK_WINDOW (overlay));
}

static void
juggler_application_window_added (GtkApplication *application,
                                  GtkWindow      *window)
{
  GTK_APPLICATION_CLASS (juggler_application_parent_class)->window_added (application, window);

  /* The shortcuts window is made when first asked for: its resource is not where
   * GtkApplication would look for it, to build one for every window before it is shown. */
  if (GTK_IS_APPLICATION_WINDOW (window) &&
      g_action_map_lookup_action (G_ACTION_MAP (window), "show-help-overlay") == NULL)
    {
      g_autoptr(GSimpleAction) action = g_simple_action_new ("show-help-overlay", NULL);

      g_signal_connect_object (action, "activate", G_CALLBACK (show_help_overlay_cb), window, 0);
      g_action_map_add_action (G_ACTION_MAP (window), G_ACTION (action));
    }
}

static void
juggler_application_class_init (JugglerApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);
  GtkApplicationClass *gtk_app_class = GTK_APPLICATION_CLASS (klass);

  object_class->finalize = juggler_application_finalize;

  app_class->handle_local_options = juggler_application_handle_local_options;
  app_class->shutdown = juggler_application_shutdown;
  app_class->startup = juggler_application_startup;
  app_class->activate = juggler_application_activate;

  gtk_app_class->window_added = juggler_application_window_added;
}

static void
about_cb (GSimpleAction *action,
          GVariant      *parameter,
          gpointer       user_data)
{
  GtkApplication *application = user_data;
  const char *developers[] = { _("The Juggler developers"), NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (application),
                        "application-name", _("Juggler"),
                        "application-icon", get_icon_name (),
                        "developer-name", _("The Juggler developers"),
                        "developers", developers,
                        "version", PACKAGE_VERSION,
                        "comments", _("See whether a GTK window stays responsive while heavy "
                                      "work runs, and switch strategies while it does."),
                        /* The same addresses as the metainfo's homepage and bugtracker. */
                        "website", "https://github.com/juggler/juggler",
                        "issue-url", "https://github.com/juggler/juggler/issues",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        /* Translators: your names, one per line, to be credited in About. */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_destroy_cb (GtkWidget          *preferences,
                        JugglerApplication *self)
{
  self->preferences = NULL;
}

static void
preferences_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  JugglerApplication *self = user_data;

  /* One window at a time, shown for whichever window is active; destroyed when closed (see
   * the comment at the top). */
  if (self->preferences == NULL)
    {
      self->preferences = GTK_WINDOW (juggler_preferences_window_new ());
      g_signal_connect (self->preferences, "destroy", G_CALLBACK (preferences_destroy_cb), self);
    }
  gtk_window_set_transient_for (self->preferences,
                                gtk_application_get_active_window (GTK_APPLICATION (self)));
  gtk_window_present (self->preferences);
}

static void
quit_cb (GSimpleAction *action,
         GVariant      *parameter,
         gpointer       user_data)
{
  GtkApplication *application = user_data;
  GList *windows = g_list_copy (gtk_application_get_windows (application));

  /* Closing (not destroying) the windows lets each save its state and cancel its run. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
  g_list_free (windows);
  g_settings_sync ();

  g_application_quit (G_APPLICATION (application));
}

static const GActionEntry app_actions[] = {
  { "about", about_cb },
  { "preferences", preferences_cb },
  { "quit", quit_cb },
};

static void
juggler_application_init (JugglerApplication *self)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *start_accels[] = { "<Control>Return", NULL };
  static const char *stop_accels[] = { "Escape", NULL };
  /* GtkApplication's own, which it sets only when it finds gtk/help-overlay.ui. */
  static const char *help_overlay_accels[] = { "<Control>question", NULL };
  /* Ctrl+N is the Nth strategy of the page shown; Alt+N the Nth page. */
  static const struct { const char *action; const char *accel; } strategy_accels[] = {
    { "win.strategy-index(1)", "<Control>1" },
    { "win.strategy-index(2)", "<Control>2" },
    { "win.strategy-index(3)", "<Control>3" },
    { "win.strategy-index(4)", "<Control>4" },
    { "win.page::cpu", "<Alt>1" },
    { "win.page::net", "<Alt>2" },
    { "win.page::claims", "<Alt>3" },
    { "win.show-timeline", "<Control>t" },
  };

  g_application_add_main_option_entries (G_APPLICATION (self),
                                         juggler_scenario_get_option_entries ());
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Show how a GTK window stays responsive under "
                                              "heavy work, strategy by strategy."));

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions),
                                   self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close", close_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.start", start_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.stop", stop_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-help-overlay",
                                         help_overlay_accels);
  for (guint i = 0; i < G_N_ELEMENTS (strategy_accels); i++)
    {
      const char *accels[] = { strategy_accels[i].accel, NULL };

      gtk_application_set_accels_for_action (GTK_APPLICATION (self), strategy_accels[i].action,
                                             accels);
    }
}

JugglerApplication *
juggler_application_new (void)
{
  /* The resource path is fixed so that the .Devel profile finds the same templates. */
  return g_object_new (JUGGLER_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "resource-base-path", "/io/github/juggler/Juggler",
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       NULL);
}

int
juggler_application_get_exit_status (JugglerApplication *self)
{
  g_return_val_if_fail (JUGGLER_IS_APPLICATION (self), 0);

  return self->exit_status;
}

void
juggler_application_set_exit_status (JugglerApplication *self,
                                     int                 status)
{
  g_return_if_fail (JUGGLER_IS_APPLICATION (self));

  self->exit_status = status;
}
