/* test-translated-window.c: the window speaks German or French with LANGUAGE=de or fr
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run once per language with LANGUAGE=<lang> LC_ALL=C.UTF-8 (C and C.UTF-8 are the only
 * locales on the build machines, and glibc honours LANGUAGE with C.UTF-8). The catalogues
 * are the ones just compiled into the build dir: meson lays them out as
 * <build>/po/<lang>/LC_MESSAGES/juggler.mo, which is a locale dir as it stands.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "juggler-test-window.h"
#include "juggler-window.h"

typedef struct
{
  const char *language;
  /* Strings the window must show, each from a different source: the .ui template, a
   * <menu> in it, C code in the GUI and the strategy titles in src/core. */
  const char *start;              /* run button, ui/juggler-window.ui and juggler-window.c */
  const char *threads;            /* strategy button, N_() in src/core/juggler-types.c */
  const char *strategy_group;     /* AdwPreferencesGroup title in the template */
  const char *tile_size;          /* AdwActionRow title in the template */
  const char *network_page;       /* AdwViewStackPage title, shown by the view switcher */
  const char *preferences_item;   /* primary menu */
  const char *about_item;         /* primary menu */
} Expected;

static const Expected expectations[] = {
  { "de", "_Starten", "Arbeitsthreads", "Strategie", "Kachelgröße", "Netzwerk",
    "_Einstellungen", "_Info zu Juggler" },
  { "fr", "_Démarrer", "Fils de travail", "Stratégie", "Taille des tuiles", "Réseau",
    "_Préférences", "À _propos de Juggler" },
};

static const Expected *expected;

static void
add_text (GHashTable *texts,
          const char *text)
{
  if (text != NULL && *text != '\0')
    g_hash_table_add (texts, g_strdup (text));
}

/* Every text the widget tree shows: labels, button labels, row and group titles, tooltips. */
static void
collect_texts (GtkWidget  *widget,
               GHashTable *texts)
{
  if (GTK_IS_LABEL (widget))
    add_text (texts, gtk_label_get_label (GTK_LABEL (widget)));
  if (GTK_IS_BUTTON (widget))
    add_text (texts, gtk_button_get_label (GTK_BUTTON (widget)));
  if (ADW_IS_PREFERENCES_ROW (widget))
    add_text (texts, adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)));
  if (ADW_IS_PREFERENCES_GROUP (widget))
    add_text (texts, adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget)));
  add_text (texts, gtk_widget_get_tooltip_text (widget));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_texts (child, texts);
}

/* The labels of a menu model's items, sections included. */
static void
collect_menu_labels (GMenuModel *model,
                     GHashTable *texts)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *label = NULL;
      g_autoptr(GMenuModel) section = NULL;

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_LABEL, "s", &label))
        add_text (texts, label);
      section = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);
      if (section != NULL)
        collect_menu_labels (section, texts);
    }
}

static GtkWidget *
find_menu_button (GtkWidget *widget)
{
  if (GTK_IS_MENU_BUTTON (widget))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_menu_button (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
assert_shown (GHashTable *texts,
              const char *text)
{
  if (!g_hash_table_contains (texts, text))
    {
      GHashTableIter iter;
      const char *shown;

      g_hash_table_iter_init (&iter, texts);
      while (g_hash_table_iter_next (&iter, (gpointer *) &shown, NULL))
        g_test_message ("shown: “%s”", shown);
      g_test_message ("not shown: “%s”", text);
    }
  g_assert_true (g_hash_table_contains (texts, text));
}

static void
test_catalogue (void)
{
  /* The catalogue itself, apart from any widget: both lookups the code uses. */
  g_assert_cmpstr (_("_Start"), ==, expected->start);
  g_assert_cmpstr (g_dgettext (GETTEXT_PACKAGE, "Worker Threads"), ==, expected->threads);
}

static void
test_window_labels (void)
{
  JugglerWindow *window = juggler_window_new (NULL, NULL);
  g_autoptr(GHashTable) texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GtkWidget *menu_button;

  g_object_ref_sink (window);
  juggler_test_present (GTK_WINDOW (window));

  collect_texts (GTK_WIDGET (window), texts);
  menu_button = find_menu_button (GTK_WIDGET (window));
  g_assert_nonnull (menu_button);
  /* The menu is made when it first opens (juggler-menu-button.c). */
  gtk_menu_button_popup (GTK_MENU_BUTTON (menu_button));
  collect_menu_labels (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (menu_button)), texts);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (menu_button));

  assert_shown (texts, expected->start);
  assert_shown (texts, expected->threads);
  assert_shown (texts, expected->strategy_group);
  assert_shown (texts, expected->tile_size);
  assert_shown (texts, expected->network_page);
  assert_shown (texts, expected->preferences_item);
  assert_shown (texts, expected->about_item);
  /* And the English original is gone, so nothing above matched by accident. */
  g_assert_false (g_hash_table_contains (texts, "_Start"));
  g_assert_false (g_hash_table_contains (texts, "Worker Threads"));

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

/* The window's minimum width with page shown. */
static int
measure_window (JugglerWindow *window,
                const char    *page)
{
  int minimum;

  g_object_set (window, "page", page, NULL);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  gtk_widget_measure (gtk_widget_get_first_child (GTK_WIDGET (window)),
                      GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_test_message ("%s page: the window needs %d px", page, minimum);

  return minimum;
}

/* Translated, the window fits 360 px on the CPU and the Claims page, as in English
 * (test-window.c): "Noch nicht ausgeführt" beside "Ausführen" made the Claims page 8 px
 * wider, and the header bar's "Starten" and "Démarrer" made every page 11 and 28 px wider
 * before Start and Stop fell back to their icons. */
static void
test_window_narrow (void)
{
  JugglerWindow *window = juggler_window_new (NULL, NULL);
  int cpu, claims;

  g_object_ref_sink (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 700);
  juggler_test_present (GTK_WINDOW (window));
  cpu = measure_window (window, "cpu");
  claims = measure_window (window, "claims");
  g_assert_cmpint (cpu, <=, 360);
  g_assert_cmpint (claims, <=, 360);

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

int
main (int   argc,
      char *argv[])
{
  const char *language = g_getenv ("LANGUAGE");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, TEST_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  /* GtkBuilder templates translate with the default domain, as in main.c. */
  textdomain (GETTEXT_PACKAGE);

  g_test_init (&argc, &argv, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (expectations); i++)
    if (g_strcmp0 (language, expectations[i].language) == 0)
      expected = &expectations[i];
  if (expected == NULL)
    g_error ("set LANGUAGE to one of de, fr (got “%s”)", language ? language : "(unset)");

  g_test_add_func ("/i18n/catalogue", test_catalogue);

  if (!gtk_init_check ())
    {
      g_test_skip ("no display");
      return g_test_run ();
    }
  adw_init ();

  g_test_add_func ("/i18n/window/labels", test_window_labels);
  g_test_add_func ("/i18n/window/narrow", test_window_narrow);

  return g_test_run ();
}
