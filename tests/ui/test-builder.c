/* test-builder.c: every .ui file in the resources loads, with the app's real classes, and the
 * shortcuts window lists every accelerator the application sets
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "juggler-application.h"
#include "juggler-canary.h"
#include "juggler-canvas.h"
#include "juggler-chart.h"
#include "juggler-claims-page.h"
#include "juggler-code-view.h"
#include "juggler-cpu-controls.h"
#include "juggler-net-controls.h"
#include "juggler-preferences-window.h"
#include "juggler-results.h"
#include "juggler-window.h"

#define RESOURCE_PREFIX "/io/github/juggler/Juggler/"

/* gtk4-builder-tool validate does not know libadwaita or our classes, so each file is loaded
 * here: templates by instantiating their class (which is what the app does), other files in
 * a GtkBuilder. Criticals from either are fatal under g_test_init. */

static void
collect_ui_resources (const char *path,
                      GPtrArray  *paths)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) children = g_resources_enumerate_children (path, 0, &error);

  g_assert_no_error (error);
  for (guint i = 0; children[i] != NULL; i++)
    {
      g_autofree char *child = g_strconcat (path, children[i], NULL);

      if (g_str_has_suffix (child, "/"))
        collect_ui_resources (child, paths);
      else if (g_str_has_suffix (child, ".ui"))
        g_ptr_array_add (paths, g_steal_pointer (&child));
    }
}

typedef struct
{
  char *template_class;
} UiInfo;

static void
ui_start_element (GMarkupParseContext  *context,
                  const char           *element_name,
                  const char          **attribute_names,
                  const char          **attribute_values,
                  gpointer              user_data,
                  GError              **error)
{
  UiInfo *info = user_data;

  if (g_str_equal (element_name, "template"))
    {
      for (guint i = 0; attribute_names[i] != NULL; i++)
        if (g_str_equal (attribute_names[i], "class"))
          {
            g_free (info->template_class);
            info->template_class = g_strdup (attribute_values[i]);
          }
    }
}

static void
test_builder_load (gconstpointer data)
{
  const char *path = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_resources_lookup_data (path, 0, &error);
  const GMarkupParser parser = { ui_start_element, NULL, NULL, NULL, NULL };
  g_autoptr(GMarkupParseContext) context = NULL;
  UiInfo info = { NULL };
  gsize size;
  const char *xml;

  g_assert_no_error (error);
  xml = g_bytes_get_data (bytes, &size);

  context = g_markup_parse_context_new (&parser, 0, &info, NULL);
  g_markup_parse_context_parse (context, xml, size, &error);
  g_assert_no_error (error);
  g_markup_parse_context_end_parse (context, &error);
  g_assert_no_error (error);

  if (info.template_class != NULL)
    {
      GType type = g_type_from_name (info.template_class);
      GObject *object;

      g_test_message ("%s: template of %s", path, info.template_class);
      if (type == G_TYPE_INVALID)
        g_error ("%s is the template of %s, which is not registered: g_type_ensure it in "
                 "main() here or in its parent's class_init", path, info.template_class);
      g_assert_true (g_type_is_a (type, GTK_TYPE_WIDGET));

      /* An abstract class's template loads with each of its subclasses, which have their own
       * .ui files here. */
      if (G_TYPE_IS_ABSTRACT (type))
        {
          g_test_message ("abstract: loaded with its subclasses");
          g_free (info.template_class);
          return;
        }

      object = g_object_ref_sink (g_object_new (type, NULL));
      if (GTK_IS_WINDOW (object))
        gtk_window_destroy (GTK_WINDOW (object));
      g_assert_finalize_object (object);
      g_free (info.template_class);
    }
  else
    {
      g_autoptr(GtkBuilder) builder = gtk_builder_new ();
      g_autoptr(GSList) objects = NULL;

      g_test_message ("%s: plain GtkBuilder file", path);
      gtk_builder_add_from_resource (builder, path, &error);
      g_assert_no_error (error);

      /* Toplevels a builder creates are owned by GTK: destroy them, or they leak. */
      objects = gtk_builder_get_objects (builder);
      for (GSList *l = objects; l != NULL; l = l->next)
        if (GTK_IS_WINDOW (l->data))
          gtk_window_destroy (l->data);
    }
}

/* Every shortcut named in the shortcuts window, as parsed keys or as action names. */
static void
collect_help_shortcuts (GtkWidget  *widget,
                        GPtrArray  *accelerators,
                        GPtrArray  *actions)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    {
      g_autofree char *accelerator = NULL;
      g_autofree char *action_name = NULL;

      g_object_get (widget, "accelerator", &accelerator, "action-name", &action_name, NULL);
      if (accelerator != NULL)
        g_ptr_array_add (accelerators, g_steal_pointer (&accelerator));
      if (action_name != NULL)
        g_ptr_array_add (actions, g_steal_pointer (&action_name));
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_help_shortcuts (child, accelerators, actions);
}

static gboolean
accelerator_listed (GPtrArray  *accelerators,
                    const char *accel)
{
  guint key;
  GdkModifierType mods;

  g_assert_true (gtk_accelerator_parse (accel, &key, &mods));
  for (guint i = 0; i < accelerators->len; i++)
    {
      /* One entry may hold several accelerators separated by spaces. */
      g_auto(GStrv) parts = g_strsplit (g_ptr_array_index (accelerators, i), " ", -1);

      for (guint j = 0; parts[j] != NULL; j++)
        {
          guint other_key;
          GdkModifierType other_mods;

          if (gtk_accelerator_parse (parts[j], &other_key, &other_mods) &&
              other_key == key && other_mods == mods)
            return TRUE;
        }
    }

  return FALSE;
}

static void
test_help_overlay_lists_every_accelerator (void)
{
  g_autoptr(JugglerApplication) app = juggler_application_new ();
  g_autoptr(GtkBuilder) builder = gtk_builder_new ();
  g_autoptr(GPtrArray) accelerators = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) actions = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) described = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *overlay;
  guint checked = 0;

  gtk_builder_add_from_resource (builder, RESOURCE_PREFIX "help-overlay.ui", &error);
  g_assert_no_error (error);
  overlay = GTK_WIDGET (gtk_builder_get_object (builder, "help_overlay"));
  g_assert_nonnull (overlay);
  collect_help_shortcuts (overlay, accelerators, actions);

  described = gtk_application_list_action_descriptions (GTK_APPLICATION (app));
  for (guint i = 0; described[i] != NULL; i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                    described[i]);
      g_autofree char *name = NULL;
      g_autoptr(GVariant) target = NULL;

      g_assert_true (g_action_parse_detailed_name (described[i], &name, &target, NULL));
      for (guint j = 0; accels[j] != NULL; j++)
        {
          gboolean by_action = target == NULL &&
                               g_ptr_array_find_with_equal_func (actions, name, g_str_equal, NULL);

          if (!by_action && !accelerator_listed (accelerators, accels[j]))
            g_error ("%s (%s) is missing from the shortcuts window", accels[j], described[i]);
          checked++;
        }
    }

  /* GtkApplicationWindow adds the shortcuts window's own accelerator: it is listed by action. */
  g_assert_true (g_ptr_array_find_with_equal_func (actions, "win.show-help-overlay", g_str_equal,
                                                   NULL));
  g_assert_cmpuint (checked, >=, 8);

  gtk_window_destroy (GTK_WINDOW (overlay));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  /* Template classes are looked up by name: register every class a .ui file may name. */
  g_type_ensure (JUGGLER_TYPE_APPLICATION);
  g_type_ensure (JUGGLER_TYPE_CANARY);
  g_type_ensure (JUGGLER_TYPE_CANVAS);
  g_type_ensure (JUGGLER_TYPE_CHART);
  g_type_ensure (JUGGLER_TYPE_CLAIMS_PAGE);
  /* Registered by their parents' class_init too, but the files load in hash order. */
  g_type_ensure (JUGGLER_TYPE_CODE_VIEW);
  g_type_ensure (JUGGLER_TYPE_CPU_CONTROLS);
  g_type_ensure (JUGGLER_TYPE_NET_CONTROLS);
  g_type_ensure (JUGGLER_TYPE_PREFERENCES_WINDOW);
  g_type_ensure (JUGGLER_TYPE_RESULTS);
  g_type_ensure (JUGGLER_TYPE_WINDOW);
  /* The window's class_init ensures the types of its template children, new ones too. */
  g_type_class_unref (g_type_class_ref (JUGGLER_TYPE_WINDOW));

  collect_ui_resources (RESOURCE_PREFIX, paths);
  g_assert_cmpuint (paths->len, >=, 4);
  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      g_autofree char *test_path = g_strconcat ("/ui/builder/load/",
                                                path + strlen (RESOURCE_PREFIX), NULL);

      g_test_add_data_func (test_path, path, test_builder_load);
    }
  g_test_add_func ("/ui/builder/help-overlay-lists-every-accelerator",
                   test_help_overlay_lists_every_accelerator);

  return g_test_run ();
}
