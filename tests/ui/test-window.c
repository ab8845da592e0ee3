/* test-window.c: the window opens, shows its parts and closes cleanly, also mid-run
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "juggler-application.h"
#include "juggler-net-page.h"
#include "juggler-strategy-group.h"
#include "juggler-workload-page.h"
#include "juggler-test-window.h"
#include "juggler-window.h"

static void
running_notify_cb (GObject    *object,
                   GParamSpec *pspec,
                   gpointer    user_data)
{
  if (!juggler_window_get_running (JUGGLER_WINDOW (object)))
    *(gboolean *) user_data = TRUE;
}

static void
test_window_opens (void)
{
  JugglerWindow *window = juggler_window_new (NULL, NULL);

  g_object_ref_sink (window);
  juggler_test_present (GTK_WINDOW (window));

  g_assert_false (juggler_window_get_running (window));
  /* Wide enough for the view switcher in the header bar: none at the bottom, not even
   * hidden. */
  g_assert_null (juggler_test_find_widget (GTK_WIDGET (window), ADW_TYPE_VIEW_SWITCHER_BAR));
  g_assert_nonnull (g_action_map_lookup_action (G_ACTION_MAP (window), "strategy"));
  g_assert_nonnull (juggler_test_find_actionable (GTK_WIDGET (window), "win.start"));
  g_assert_true (juggler_test_action_enabled (GTK_WIDGET (window), "win.start"));

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static void
test_window_run_and_switch (void)
{
  JugglerWindow *window = juggler_window_new (NULL, NULL);
  g_autoptr(GSettings) settings = g_settings_new ("io.github.juggler.Juggler");
  gboolean finished = FALSE;

  g_settings_set_uint (settings, "image-width", 320);
  g_settings_set_uint (settings, "image-height", 240);
  g_settings_set_uint (settings, "iterations", 500);

  g_object_ref_sink (window);
  juggler_test_present (GTK_WINDOW (window));

  g_signal_connect (window, "notify::running", G_CALLBACK (running_notify_cb), &finished);
  g_assert_true (juggler_window_start (window));
  g_assert_true (juggler_window_get_running (window));
  /* Mid-run switch through the same action the toggle buttons use */
  g_action_group_activate_action (G_ACTION_GROUP (window), "strategy",
                                  g_variant_new_string ("cooperative"));
  g_assert_true (juggler_test_iterate_until (&finished, 60));

  g_assert_cmpstr (g_settings_get_string (settings, "strategy"), ==, "cooperative");
  g_settings_reset (settings, "strategy");

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static void
test_window_too_large (void)
{
  JugglerWindow *window = juggler_window_new (NULL, NULL);
  g_autoptr(GSettings) settings = g_settings_new ("io.github.juggler.Juggler");

  g_object_ref_sink (window);
  g_settings_set_uint (settings, "image-width", 65536);
  g_settings_set_uint (settings, "image-height", 65536);

  /* No crash, no run: a toast explains instead. */
  g_assert_false (juggler_window_start (window));
  g_assert_false (juggler_window_get_running (window));

  g_settings_reset (settings, "image-width");
  g_settings_reset (settings, "image-height");
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static void
test_window_close_during_run (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.juggler.Juggler");
  JugglerWindow *window = juggler_window_new (NULL, NULL);
  JugglerRun *run;

  /* Minutes of work: only cancelling ends this run in time. */
  g_settings_set_uint (settings, "iterations", 200000);
  g_object_ref_sink (window);
  juggler_test_present (GTK_WINDOW (window));

  g_assert_true (juggler_window_start (window));
  run = juggler_window_get_run (window);
  g_assert_nonnull (run);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  g_object_add_weak_pointer (G_OBJECT (run), (gpointer *) &run);

  /* Nothing but the caller's reference keeps the window: the run holds none. */
  gtk_window_close (GTK_WINDOW (window));
  g_object_unref (window);
  g_assert_true (window == NULL || juggler_test_wait_finalized (window, 10));

  /* The run was cancelled with the window: its in-flight steps end within a few ms each,
   * then it reports to nobody and goes. */
  if (run != NULL)
    g_assert_true (juggler_test_wait_finalized (run, 10));
  g_settings_reset (settings, "iterations");
}

/* The strategy keys outlive every window: changing them after a window is gone reaches no
 * action of it (GTK 4.8 keeps a window's action group alive after the window). */
static void
test_window_settings_after_close (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.juggler.Juggler");
  JugglerWindow *window = juggler_window_new (NULL, NULL);

  g_object_ref_sink (window);
  juggler_test_present (GTK_WINDOW (window));
  /* Both pages are made, so both strategy actions are in the window. */
  g_object_set (window, "page", "net", NULL);
  g_object_set (window, "page", "cpu", NULL);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);

  g_settings_set_string (settings, "net-strategy", "threads");
  g_settings_set_string (settings, "strategy", "cooperative");
  g_settings_reset (settings, "net-strategy");
  g_settings_reset (settings, "strategy");
}

static GtkWidget *
find_by_type (GtkWidget *root,
              GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_type (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* A run started on the CPU page shows there only: the Network page says where it runs,
 * cannot start or stop it, and gets no row of it. */
static void
test_window_run_stays_on_its_page (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.juggler.Juggler");
  JugglerWindow *window = juggler_window_new (NULL, NULL);
  JugglerWorkloadPage *net_page;
  JugglerRunStatus *net_status;
  g_autofree char *ready = NULL;
  gboolean finished = FALSE;

  g_settings_set_uint (settings, "image-width", 320);
  g_settings_set_uint (settings, "image-height", 240);
  g_settings_set_uint (settings, "iterations", 5000);
  g_object_ref_sink (window);
  juggler_test_present (GTK_WINDOW (window));
  /* The Network page is made when first shown: once, and back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.page", "s", "net"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.page", "s", "cpu"));
  net_page = JUGGLER_WORKLOAD_PAGE (find_by_type (GTK_WIDGET (window), JUGGLER_TYPE_NET_PAGE));
  g_assert_nonnull (net_page);
  net_status = juggler_workload_page_get_status (net_page);
  ready = g_strdup (juggler_run_status_get_text (net_status));

  g_signal_connect (window, "notify::running", G_CALLBACK (running_notify_cb), &finished);
  g_assert_true (juggler_window_start (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.page", "s", "net"));

  g_assert_nonnull (strstr (juggler_run_status_get_text (net_status), "CPU"));
  g_assert_false (juggler_test_action_enabled (GTK_WIDGET (window), "win.start"));
  g_assert_false (juggler_test_action_enabled (GTK_WIDGET (window), "win.stop"));
  /* Stop on the Network page does not stop the CPU run. */
  juggler_window_stop (window);
  g_assert_true (juggler_window_get_running (window));

  g_assert_true (juggler_test_iterate_until (&finished, 60));
  /* The row is the CPU page's; the Network page is back to what it said before. */
  for (guint i = 0; i < 100 && juggler_results_get_n_results (juggler_workload_page_get_results (net_page)) == 0 &&
                    g_strcmp0 (juggler_run_status_get_text (net_status), ready) != 0; i++)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (juggler_results_get_n_results (juggler_workload_page_get_results (net_page)), ==, 0);
  g_assert_cmpstr (juggler_run_status_get_text (net_status), ==, ready);

  g_settings_reset (settings, "image-width");
  g_settings_reset (settings, "image-height");
  g_settings_reset (settings, "iterations");
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_add_weak_pointer (G_OBJECT (net_page), (gpointer *) &net_page);
  g_assert_finalize_object (window);
  g_assert_null (net_page);
}

static GtkWidget *
find_spin_with_value (GtkWidget *root,
                      double     value)
{
  if (GTK_IS_SPIN_BUTTON (root) && gtk_spin_button_get_value (GTK_SPIN_BUTTON (root)) == value)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_spin_with_value (child, value);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The pages not shown are made when first shown: then they show what the others would have,
 * their settings included, and a run going on another page. */
static void
test_window_page_made_when_shown (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.juggler.Juggler");
  JugglerWindow *window = juggler_window_new (NULL, NULL);
  JugglerWorkloadPage *net_page;
  GtkWidget *controls;
  GtkWidget *requests_spin = NULL;
  gboolean finished = FALSE;

  g_settings_set_uint (settings, "image-width", 320);
  g_settings_set_uint (settings, "image-height", 240);
  g_settings_set_uint (settings, "iterations", 5000);
  g_settings_set_string (settings, "net-strategy", "threads");
  g_settings_set_uint (settings, "net-requests", 123);
  g_object_ref_sink (window);
  juggler_test_present (GTK_WINDOW (window));

  g_assert_null (find_by_type (GTK_WIDGET (window), JUGGLER_TYPE_NET_PAGE));
  g_assert_null (g_action_map_lookup_action (G_ACTION_MAP (window), "net-strategy"));

  g_signal_connect (window, "notify::running", G_CALLBACK (running_notify_cb), &finished);
  g_assert_true (juggler_window_start (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.page", "s", "net"));

  net_page = JUGGLER_WORKLOAD_PAGE (find_by_type (GTK_WIDGET (window), JUGGLER_TYPE_NET_PAGE));
  g_assert_nonnull (net_page);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (net_page)));
  /* A run began on the CPU page before this page existed: it says so all the same. */
  g_assert_nonnull (strstr (juggler_run_status_get_text (juggler_workload_page_get_status (net_page)),
                            "CPU"));
  g_assert_false (juggler_test_action_enabled (GTK_WIDGET (window), "win.start"));
  g_assert_false (juggler_test_action_enabled (GTK_WIDGET (window), "win.stop"));

  /* Its settings, bound as they are made: the strategy action and the controls. */
  g_assert_cmpint (juggler_workload_page_get_strategy (net_page), ==, JUGGLER_STRATEGY_THREADS);
  g_assert_nonnull (g_action_map_lookup_action (G_ACTION_MAP (window), "net-strategy"));
  controls = juggler_workload_page_get_controls (net_page);
  g_assert_true (gtk_widget_is_ancestor (controls, GTK_WIDGET (window)));
  requests_spin = find_spin_with_value (controls, 123);
  g_assert_nonnull (requests_spin);

  g_assert_true (juggler_test_iterate_until (&finished, 60));
  /* Once the run is over the page can start one of its own. */
  for (guint i = 0; i < 100 && !juggler_test_action_enabled (GTK_WIDGET (window), "win.start"); i++)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (juggler_test_action_enabled (GTK_WIDGET (window), "win.start"));

  g_settings_reset (settings, "image-width");
  g_settings_reset (settings, "image-height");
  g_settings_reset (settings, "iterations");
  g_settings_reset (settings, "net-strategy");
  g_settings_reset (settings, "net-requests");
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
}

/* GNOME apps work from 360 px wide: the sidebar folds, the charts go below the page. */
static void
test_window_narrow (void)
{
  JugglerWindow *window = juggler_window_new (NULL, NULL);
  AdwViewSwitcherBar *bar;
  gint64 deadline;
  int minimum, natural;

  g_object_ref_sink (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 700);
  juggler_test_present (GTK_WINDOW (window));

  /* Too narrow for the view switcher in the header bar: the pages are switched at the
   * bottom, by a bar made when it is first needed. */
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while ((bar = juggler_test_find_widget (GTK_WIDGET (window), ADW_TYPE_VIEW_SWITCHER_BAR)) == NULL &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_nonnull (bar);
  g_assert_true (adw_view_switcher_bar_get_reveal (bar));
  g_assert_true (adw_view_switcher_bar_get_stack (bar) ==
                 juggler_test_find_widget (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK));

  for (const char *const *page = (const char *const[]) { "cpu", "net", "claims", NULL }; *page != NULL; page++)
    {
      g_object_set (window, "page", *page, NULL);
      /* The window's size, as gtk_window_set_default_size() takes it: without the shadow
       * client-side decorations draw around it. */
      gtk_widget_measure (gtk_widget_get_first_child (GTK_WIDGET (window)),
                          GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
      g_test_message ("%s page: minimum width %d", *page, minimum);
      g_assert_cmpint (minimum, <=, 360);
    }

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

/* How far the scrolled windows inside root that are shown can scroll vertically, the
 * furthest of them. */
static double
get_inner_scroll_range (GtkWidget *root)
{
  double range = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_mapped (child))
        continue;
      if (GTK_IS_SCROLLED_WINDOW (child))
        {
          GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (child));

          range = MAX (range, gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_lower (adjustment)
                              - gtk_adjustment_get_page_size (adjustment));
        }
      range = MAX (range, get_inner_scroll_range (child));
    }

  return range;
}

static gboolean
layout_timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
iterate_for (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, layout_timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* One scroll per window: a page in a narrow window scrolls with the window's scroller, not
 * inside it; side by side the Claims page still scrolls by itself, the charts staying put. */
static void
test_window_narrow_one_scroll (void)
{
  JugglerWindow *window = juggler_window_new (NULL, NULL);
  GtkWidget *view_stack;

  g_object_ref_sink (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 700);
  juggler_test_present (GTK_WINDOW (window));
  view_stack = find_by_type (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK);
  g_assert_nonnull (view_stack);

  for (const char *const *page = (const char *const[]) { "cpu", "net", "claims", "cpu", NULL }; *page != NULL; page++)
    {
      g_object_set (window, "page", *page, NULL);
      iterate_for (300);
      g_test_message ("%s page at 360 px: inner scroll range %.0f", *page,
                      get_inner_scroll_range (view_stack));
      g_assert_cmpfloat (get_inner_scroll_range (view_stack), <, 1);
    }

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 700);
  g_object_set (window, "page", "claims", NULL);
  iterate_for (300);
  g_test_message ("claims page at 1280 px: inner scroll range %.0f",
                  get_inner_scroll_range (view_stack));
  g_assert_cmpfloat (get_inner_scroll_range (view_stack), >, 100);

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

/* The menus' popovers are made when they first open, not with the window. */
static void
test_window_menu_made_when_opened (void)
{
  JugglerWindow *window = juggler_window_new (NULL, NULL);
  GtkMenuButton *button;
  GMenuModel *model;

  g_object_ref_sink (window);
  juggler_test_present (GTK_WINDOW (window));

  g_assert_null (find_by_type (GTK_WIDGET (window), GTK_TYPE_POPOVER_MENU));
  button = GTK_MENU_BUTTON (find_by_type (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON));
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (button)));
  g_assert_null (gtk_menu_button_get_popover (button));

  gtk_menu_button_popup (button);
  g_assert_true (GTK_IS_POPOVER_MENU (gtk_menu_button_get_popover (button)));
  model = gtk_menu_button_get_menu_model (button);
  g_assert_nonnull (model);
  g_assert_cmpint (g_menu_model_get_n_items (model), >, 0);
  gtk_menu_button_popdown (button);

  /* Made once: opening again keeps it. */
  gtk_menu_button_popup (button);
  g_assert_true (gtk_menu_button_get_menu_model (button) == model);
  gtk_menu_button_popdown (button);

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static void
count_frame_cb (GdkFrameClock *clock,
                guint         *n_frames)
{
  (*n_frames)++;
}

static gboolean
frames_timeout_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Iterates until the window has painted n_frames more frames; fails after 20 s. */
static void
wait_frames (GtkWidget *window,
             guint      n_frames)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);
  guint painted = 0;
  gboolean timed_out = FALSE;
  gulong handler = g_signal_connect (clock, "after-paint", G_CALLBACK (count_frame_cb), &painted);
  guint timeout_id = g_timeout_add_seconds (20, frames_timeout_cb, &timed_out);

  while (painted < n_frames && !timed_out)
    {
      gtk_widget_queue_draw (window);
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_false (timed_out);
  g_clear_handle_id (&timeout_id, g_source_remove);
  g_signal_handler_disconnect (clock, handler);
}

static double
get_y (GtkWidget *widget,
       GtkWidget *window)
{
  graphene_point_t point;

  g_assert_true (gtk_widget_compute_point (widget, window, &GRAPHENE_POINT_INIT (0, 0), &point));
  return point.y;
}

/* Switching strategy never moves what is below the explanation: its stack keeps the height
 * of the tallest explanation, though the first frame lays out the hidden ones only for
 * their height. */
static void
test_window_strategy_keeps_controls_still (void)
{
  const struct
  {
    const char *page;
    const char *key;
  } pages[] = { { "cpu", "strategy" }, { "net", "net-strategy" } };
  g_autoptr(GSettings) settings = g_settings_new ("io.github.juggler.Juggler");
  JugglerWindow *window = juggler_window_new (NULL, NULL);

  g_object_ref_sink (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  juggler_test_present (GTK_WINDOW (window));

  for (guint p = 0; p < G_N_ELEMENTS (pages); p++)
    {
      GtkWidget *controls_stack, *group, *stack, *below, *expander;
      g_autoptr(GtkSelectionModel) stack_pages = NULL;
      double below_y, expander_y;
      int tallest = 0;

      g_object_set (window, "page", pages[p].page, NULL);
      wait_frames (GTK_WIDGET (window), 2);
      /* The group of the page shown: the sidebar holds the other page's too. */
      controls_stack = find_by_type (adw_flap_get_flap (ADW_FLAP (find_by_type (GTK_WIDGET (window), ADW_TYPE_FLAP))),
                                     GTK_TYPE_STACK);
      g_assert_nonnull (controls_stack);
      group = find_by_type (gtk_stack_get_visible_child (GTK_STACK (controls_stack)),
                            JUGGLER_TYPE_STRATEGY_GROUP);
      g_assert_nonnull (group);
      g_assert_true (gtk_widget_get_mapped (group));
      stack = find_by_type (group, GTK_TYPE_STACK);
      expander = find_by_type (group, GTK_TYPE_EXPANDER);
      below = gtk_widget_get_next_sibling (group);
      g_assert_nonnull (stack);
      g_assert_nonnull (expander);
      g_assert_nonnull (below);
      below_y = get_y (below, GTK_WIDGET (window));
      expander_y = get_y (expander, GTK_WIDGET (window));

      /* The stack is as tall as its tallest explanation at its width, no taller. */
      stack_pages = gtk_stack_get_pages (GTK_STACK (stack));
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (stack_pages)), >, 1);
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (stack_pages)); i++)
        {
          g_autoptr(GObject) page = g_list_model_get_item (G_LIST_MODEL (stack_pages), i);
          int height;

          gtk_widget_measure (gtk_stack_page_get_child (GTK_STACK_PAGE (page)), GTK_ORIENTATION_VERTICAL,
                              gtk_widget_get_width (stack), &height, NULL, NULL, NULL);
          tallest = MAX (tallest, height);
        }
      g_assert_cmpint (gtk_widget_get_height (stack), ==, tallest);

      /* Every strategy in turn, and back to the first. */
      for (guint i = 0; i <= g_list_model_get_n_items (G_LIST_MODEL (stack_pages)); i++)
        {
          guint n = g_list_model_get_n_items (G_LIST_MODEL (stack_pages));
          g_autoptr(GObject) page = g_list_model_get_item (G_LIST_MODEL (stack_pages), i % n);
          const char *name = gtk_stack_page_get_name (GTK_STACK_PAGE (page));

          g_settings_set_string (settings, pages[p].key, name);
          wait_frames (GTK_WIDGET (window), 2);
          g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, name);
          g_test_message ("%s, %s: explanation %d px high, controls below at y %.0f", pages[p].page,
                          name, gtk_widget_get_height (stack), get_y (below, GTK_WIDGET (window)));
          g_assert_cmpint (gtk_widget_get_height (stack), ==, tallest);
          g_assert_cmpfloat (get_y (expander, GTK_WIDGET (window)), ==, expander_y);
          g_assert_cmpfloat (get_y (below, GTK_WIDGET (window)), ==, below_y);
        }
      g_settings_reset (settings, pages[p].key);
    }

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

int
main (int   argc,
      char *argv[])
{
  if (!juggler_test_init_display (&argc, &argv))
    return g_test_run ();

  g_test_add_func ("/ui/window/opens", test_window_opens);
  g_test_add_func ("/ui/window/run-and-switch", test_window_run_and_switch);
  g_test_add_func ("/ui/window/too-large", test_window_too_large);
  g_test_add_func ("/ui/window/close-during-run", test_window_close_during_run);
  g_test_add_func ("/ui/window/settings-after-close", test_window_settings_after_close);
  g_test_add_func ("/ui/window/run-stays-on-its-page", test_window_run_stays_on_its_page);
  g_test_add_func ("/ui/window/page-made-when-shown", test_window_page_made_when_shown);
  g_test_add_func ("/ui/window/narrow", test_window_narrow);
  g_test_add_func ("/ui/window/narrow-one-scroll", test_window_narrow_one_scroll);
  g_test_add_func ("/ui/window/menu-made-when-opened", test_window_menu_made_when_opened);
  g_test_add_func ("/ui/window/strategy-keeps-controls-still",
                   test_window_strategy_keeps_controls_still);

  return g_test_run ();
}
