/* test-code-view.c: the code view shows C for every strategy of both pages, follows the pages'
 * strategy settings and the dark style, and copies its code
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "juggler-code-view.h"
#include "juggler-cpu-controls.h"
#include "juggler-net-controls.h"
#include "juggler-strategy-group.h"
#include "juggler-test-window.h"

#define SNIPPET_PATH "/io/github/juggler/Juggler/snippets/"

static char *
dup_text (JugglerCodeView *view)
{
  GtkTextIter start, end;
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (juggler_code_view_get_buffer (view));

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
test_every_strategy (void)
{
  GtkWidget *window = gtk_window_new ();
  JugglerCodeView *view = JUGGLER_CODE_VIEW (juggler_code_view_new ());
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) files = NULL;

  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  juggler_test_present (GTK_WINDOW (window));

  for (JugglerWorkloadKind kind = JUGGLER_WORKLOAD_CPU; kind <= JUGGLER_WORKLOAD_NET; kind++)
    for (JugglerStrategy strategy = 0; strategy < JUGGLER_N_STRATEGIES; strategy++)
      {
        if (!juggler_strategy_supports (strategy, kind))
          continue;

        juggler_code_view_set_strategy (view, strategy, kind);
        g_assert_cmpuint (juggler_code_view_get_n_snippets (view), >=, 1);

        for (guint i = 0; i < juggler_code_view_get_n_snippets (view); i++)
          {
            GtkSourceBuffer *buffer = juggler_code_view_get_buffer (view);
            const char *source_file;
            g_autofree char *text = NULL;
            g_autofree char *path = NULL;

            juggler_code_view_select_snippet (view, i);
            text = dup_text (view);
            g_assert_cmpuint (strlen (text), >, 200);
            g_assert_nonnull (gtk_source_buffer_get_language (buffer));
            g_assert_cmpstr (gtk_source_language_get_id (gtk_source_buffer_get_language (buffer)),
                             ==, "c");

            /* Each snippet names, in its first lines, the Juggler file that does it for real. */
            source_file = juggler_code_view_get_source_file (view);
            g_assert_nonnull (strstr (text, source_file));
            path = g_build_filename (JUGGLER_SOURCE_ROOT, source_file, NULL);
            g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

            g_hash_table_add (seen, g_steal_pointer (&text));
          }
      }

  /* Every snippet compiled into the binary is reachable from some strategy. */
  files = g_resources_enumerate_children (SNIPPET_PATH, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_assert_nonnull (files);
  g_assert_cmpuint (g_hash_table_size (seen), ==, g_strv_length (files));

  gtk_window_destroy (GTK_WINDOW (window));
}

static JugglerStrategy
get_strategy (JugglerCodeView *view)
{
  JugglerStrategy strategy;

  g_object_get (view, "strategy", &strategy, NULL);
  return strategy;
}

static void
test_follows_setting (gconstpointer data)
{
  gboolean net = GPOINTER_TO_INT (data);
  const char *key = net ? "net-strategy" : "strategy";
  g_autoptr(GSettings) settings = g_settings_new ("io.github.juggler.Juggler");
  GtkWidget *window = gtk_window_new ();
  GtkWidget *controls = g_object_new (net ? JUGGLER_TYPE_NET_CONTROLS : JUGGLER_TYPE_CPU_CONTROLS,
                                      NULL);
  JugglerWorkloadKind kind = net ? JUGGLER_WORKLOAD_NET : JUGGLER_WORKLOAD_CPU;
  GtkExpander *expander;
  JugglerStrategyGroup *group;
  JugglerCodeView *view;
  JugglerWorkloadKind view_kind;

  gtk_window_set_child (GTK_WINDOW (window), controls);
  if (net)
    juggler_net_controls_set_settings (JUGGLER_NET_CONTROLS (controls), settings);
  else
    juggler_cpu_controls_set_settings (JUGGLER_CPU_CONTROLS (controls), settings);
  juggler_test_present (GTK_WINDOW (window));

  /* "Show Code": a collapsed expander keeps its child out of the widget tree. */
  expander = juggler_test_find_widget (controls, GTK_TYPE_EXPANDER);
  g_assert_nonnull (expander);
  g_assert_null (juggler_test_find_widget (controls, JUGGLER_TYPE_CODE_VIEW));
  /* Not made at all until then: the first frame does without it. */
  group = juggler_test_find_widget (controls, JUGGLER_TYPE_STRATEGY_GROUP);
  g_assert_nonnull (group);
  g_assert_null (juggler_strategy_group_get_code_view (group));
  gtk_expander_set_expanded (expander, TRUE);
  view = juggler_test_find_widget (controls, JUGGLER_TYPE_CODE_VIEW);
  g_assert_nonnull (view);
  g_assert_true (juggler_strategy_group_get_code_view (group) == view);
  g_object_get (view, "kind", &view_kind, NULL);
  g_assert_cmpint (view_kind, ==, kind);

  for (JugglerStrategy strategy = 0; strategy < JUGGLER_N_STRATEGIES; strategy++)
    {
      g_autofree char *text = NULL;

      if (!juggler_strategy_supports (strategy, kind))
        continue;

      g_settings_set_enum (settings, key, strategy);
      g_assert_cmpint (get_strategy (view), ==, strategy);
      text = dup_text (view);
      g_assert_cmpuint (strlen (text), >, 200);
    }

  g_settings_reset (settings, key);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_follows_dark_style (void)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  JugglerCodeView *view = g_object_ref_sink (JUGGLER_CODE_VIEW (juggler_code_view_new ()));
  GtkSourceBuffer *buffer = juggler_code_view_get_buffer (view);

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_cmpstr (gtk_source_style_scheme_get_id (gtk_source_buffer_get_style_scheme (buffer)),
                   ==, "Adwaita-dark");
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  g_assert_cmpstr (gtk_source_style_scheme_get_id (gtk_source_buffer_get_style_scheme (buffer)),
                   ==, "Adwaita");
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);

  g_assert_finalize_object (view);
}

static void
read_text_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  char **text = user_data;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);
  if (*text == NULL)
    *text = g_strdup ("");
}

static GtkWidget *
find_copy_button (GtkWidget *root)
{
  if (GTK_IS_BUTTON (root) &&
      g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (root)), "edit-copy-symbolic") == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_copy_button (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_copy (void)
{
  GtkWidget *window = gtk_window_new ();
  JugglerCodeView *view = JUGGLER_CODE_VIEW (juggler_code_view_new ());
  GtkWidget *copy;
  g_autofree char *expected = NULL;
  g_autofree char *copied = NULL;

  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  juggler_test_present (GTK_WINDOW (window));
  juggler_code_view_set_strategy (view, JUGGLER_STRATEGY_ASYNC, JUGGLER_WORKLOAD_NET);
  expected = dup_text (view);

  copy = find_copy_button (GTK_WIDGET (view));
  g_assert_nonnull (copy);
  g_signal_emit_by_name (copy, "clicked");

  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (view)), NULL,
                                 read_text_cb, &copied);
  /* The clipboard is the widget's own here: it answers within the process. */
  while (copied == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (copied, ==, expected);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/ui/code-view/every-strategy", test_every_strategy);
  g_test_add_data_func ("/ui/code-view/follows-cpu-setting", GINT_TO_POINTER (FALSE),
                        test_follows_setting);
  g_test_add_data_func ("/ui/code-view/follows-net-setting", GINT_TO_POINTER (TRUE),
                        test_follows_setting);
  g_test_add_func ("/ui/code-view/follows-dark-style", test_follows_dark_style);
  g_test_add_func ("/ui/code-view/copy", test_copy);

  return g_test_run ();
}
