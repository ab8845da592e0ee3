/* test-class-warm-up.c: the class warm-up's thread initialises its classes, needs no display and registers no object type
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "juggler-class-warm-up.h"

static void
add_instantiatable_types (GType       type,
                          GHashTable *types)
{
  g_autofree GType *children = NULL;
  guint n_children;

  if (G_TYPE_IS_INSTANTIATABLE (type))
    g_hash_table_add (types, (gpointer) type);

  children = g_type_children (type, &n_children);
  for (guint i = 0; i < n_children; i++)
    add_instantiatable_types (children[i], types);
}

/* Every registered type that has instances: objects, and the instantiatable fundamentals
 * (render nodes, expressions) with their subtypes. */
static GHashTable *
list_instantiatable_types (void)
{
  GHashTable *types = g_hash_table_new (NULL, NULL);

  for (GType fundamental = G_TYPE_MAKE_FUNDAMENTAL (1);
       fundamental < g_type_fundamental_next ();
       fundamental += G_TYPE_MAKE_FUNDAMENTAL (1))
    {
      if (g_type_name (fundamental) != NULL)
        add_instantiatable_types (fundamental, types);
    }

  return types;
}

static void
test_class_warm_up_thread (void)
{
  g_autofree GType *warmed = NULL;
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) after = NULL;
  g_autoptr(GString) registered = g_string_new (NULL);
  GHashTableIter iter;
  gpointer type;
  GThread *thread;
  guint n_warmed;

  if (!_juggler_class_warm_up_checked_versions ())
    {
      g_test_skip ("the class_init functions were checked in GTK 4.8 and libadwaita 1.2 only");
      return;
    }

  /* As in the app, before gtk_init(): the classes must not need the display. */
  warmed = _juggler_class_warm_up_prepare (&n_warmed);
  before = list_instantiatable_types ();

  thread = juggler_class_warm_up_start ();
  g_assert_nonnull (thread);
  g_thread_join (thread);

  for (guint i = 0; i < n_warmed; i++)
    g_assert_nonnull (g_type_class_peek (warmed[i]));

  /* A type with an interface registered in a class_init on the thread, while the UI thread
   * registered it too, would deadlock the two (see juggler-class-warm-up.c): every object
   * type the classes ask for must be registered before the thread starts. */
  after = list_instantiatable_types ();
  g_hash_table_iter_init (&iter, after);
  while (g_hash_table_iter_next (&iter, &type, NULL))
    {
      if (!g_hash_table_contains (before, type))
        g_string_append_printf (registered, " %s", g_type_name ((GType) type));
    }
  if (registered->len > 0)
    g_error ("the thread registered%s: add them to registered_types", registered->str);

  g_assert_null (gdk_display_get_default ());
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/class-warm-up/thread", test_class_warm_up_thread);

  return g_test_run ();
}
