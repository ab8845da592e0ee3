/* juggler-class-warm-up.c: the first window's widget classes initialised in a thread while GTK and libadwaita start
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-class-warm-up"

#include "config.h"

#include "juggler-class-warm-up.h"

#include <adwaita.h>

#include "juggler-canary.h"
#include "juggler-canvas.h"
#include "juggler-chart.h"
#include "juggler-claims-page.h"
#include "juggler-control-group.h"
#include "juggler-control-row.h"
#include "juggler-controls.h"
#include "juggler-cpu-controls.h"
#include "juggler-cpu-page.h"
#include "juggler-legend.h"
#include "juggler-live-charts.h"
#include "juggler-net-page.h"
#include "juggler-reflow-box.h"
#include "juggler-results.h"
#include "juggler-run-status.h"
#include "juggler-strategy-group.h"
#include "juggler-timeline.h"
#include "juggler-width-bin.h"
#include "juggler-window.h"
#include "juggler-workload-page.h"

/* Building the first window initialises about a hundred classes on the UI thread, 20 M
 * instructions of its 530 M to the first frame (the templates' precompiling, the key bindings
 * of GtkText, GtkLabel, GtkWindow and the list widgets, properties and signals), while the
 * second core idles through GtkApplication's and libadwaita's startup before it. Here the
 * classes the first window makes are initialised in a thread meanwhile: the UI thread then
 * spends 5 M in g_type_class_ref() (callgrind, threads apart).
 *
 * GObject initialises a class under one global recursive lock, so the UI thread's
 * g_type_class_ref() for a class being warmed waits for it and finds it done. GTK is not
 * thread-safe, but the class_init functions of these classes only fill in their class:
 * properties, signals, actions, key bindings (GtkShortcut, trigger and action objects in
 * the class's own list), CSS names, accessible roles, layout manager types and templates,
 * which GTK precompiles with GMarkup from resources registered at load time (GTK registers
 * its own under a GOnce). None opens or reads the display, GtkSettings, a style provider,
 * the icon theme or a main context; the few things GTK makes on first use that they touch
 * are made on the UI thread first (_juggler_class_warm_up_prepare()); and the interfaces
 * they initialise (GtkAccessible, GtkBuildable, GtkConstraintTarget, GtkNative, GtkRoot,
 * GtkShortcutManager, GtkOrientable, GtkScrollable, GtkEditable, GtkCellEditable,
 * GtkActionable, GtkBuilderScope, GtkSelectionModel, AdwSwipeable) only set their
 * vtables and properties. Read in GTK 4.8.3 and libadwaita 1.2.2 (GTK_DEBUG's message in
 * gtk_widget_class_add_action(), the one use of the display, is compiled out of release
 * builds); other versions are not warmed. The UI thread joins the thread before it makes the
 * window, so everything done here is visible to it then.
 *
 * The classes the first window makes, found by listing g_type_class_peek() of every type
 * before and after it; each one's parents and interfaces come with it. */
typedef GType (*GetTypeFunc) (void);

static const GetTypeFunc warmed_types[] = {
  /* Juggler's, the window's template first. */
  juggler_window_get_type,
  juggler_cpu_page_get_type,
  juggler_workload_page_get_type,
  juggler_cpu_controls_get_type,
  juggler_controls_get_type,
  juggler_strategy_group_get_type,
  juggler_control_group_get_type,
  juggler_control_row_get_type,
  juggler_live_charts_get_type,
  juggler_chart_get_type,
  juggler_canary_get_type,
  juggler_canvas_get_type,
  juggler_legend_get_type,
  juggler_results_get_type,
  juggler_run_status_get_type,
  juggler_timeline_get_type,
  juggler_reflow_box_get_type,
  juggler_width_bin_get_type,

  /* The widgets of the templates and inside GTK's and libadwaita's own. */
  gtk_application_window_get_type,
  gtk_box_get_type,
  gtk_button_get_type,
  gtk_center_box_get_type,
  gtk_column_view_get_type,
  gtk_drawing_area_get_type,
  gtk_expander_get_type,
  gtk_flow_box_get_type,
  gtk_flow_box_child_get_type,
  gtk_grid_get_type,
  gtk_image_get_type,
  gtk_label_get_type,
  gtk_list_box_get_type,
  gtk_list_box_row_get_type,
  gtk_list_view_get_type,
  gtk_menu_button_get_type,
  gtk_progress_bar_get_type,
  gtk_scrollbar_get_type,
  gtk_scrolled_window_get_type,
  gtk_separator_get_type,
  gtk_spin_button_get_type,
  gtk_stack_get_type,
  gtk_stack_switcher_get_type,
  gtk_text_get_type,
  gtk_toggle_button_get_type,
  gtk_viewport_get_type,
  gtk_window_controls_get_type,
  gtk_window_handle_get_type,
  adw_application_window_get_type,
  adw_bin_get_type,
  adw_clamp_get_type,
  adw_flap_get_type,
  adw_header_bar_get_type,
  adw_preferences_row_get_type,
  adw_squeezer_get_type,
  adw_toast_overlay_get_type,
  adw_view_stack_get_type,
  adw_view_switcher_get_type,
  adw_view_switcher_title_get_type,
  adw_window_title_get_type,

  /* The other objects the templates and widgets make. */
  gtk_builder_get_type,
  gtk_bin_layout_get_type,
  gtk_box_layout_get_type,
  gtk_center_layout_get_type,
  gtk_grid_layout_get_type,
  gtk_grid_layout_child_get_type,
  gtk_event_controller_key_get_type,
  gtk_event_controller_focus_get_type,
  gtk_event_controller_motion_get_type,
  gtk_event_controller_scroll_get_type,
  gtk_event_controller_legacy_get_type,
  gtk_gesture_click_get_type,
  gtk_gesture_drag_get_type,
  gtk_gesture_long_press_get_type,
  gtk_gesture_pan_get_type,
  gtk_gesture_swipe_get_type,
  gtk_shortcut_controller_get_type,
  gtk_drop_controller_motion_get_type,
  gtk_drop_target_get_type,
  gtk_adjustment_get_type,
  gtk_size_group_get_type,
  gtk_stack_page_get_type,
  gtk_column_view_column_get_type,
  gtk_signal_list_item_factory_get_type,
  gtk_single_selection_get_type,
  gtk_sort_list_model_get_type,
  gtk_custom_sorter_get_type,
  gtk_multi_sorter_get_type,
  gtk_flatten_list_model_get_type,
  gtk_entry_buffer_get_type,
  adw_view_stack_page_get_type,
  adw_swipe_tracker_get_type,
  adw_spring_animation_get_type,
  adw_timed_animation_get_type,
};

/* The types these class_init functions ask for (layout managers, the object types of
 * properties, the pages JugglerWindow's ensures), registered on the UI thread before the
 * thread starts. A type registered in a class_init is registered under the class lock,
 * and registering one with an interface takes that lock too: were the UI thread
 * registering it at the same time (libadwaita's startup registers all of its types), each
 * would wait for the other. Enums and boxed types take no such lock and are left to the
 * class_init functions. tests/ui/test-class-warm-up.c lists the instantiatable types the
 * thread registers, in a process that has made nothing else: none, with these. */
static const GetTypeFunc registered_types[] = {
  gtk_widget_get_type, /* its registration is no GOnce (gtkwidget.c) */
  gtk_window_get_type,
  gtk_application_get_type,
  gdk_display_get_type,
  gdk_event_get_type,
  g_menu_model_get_type,
  gtk_shortcut_get_type,
  gtk_keyval_trigger_get_type,
  gtk_named_action_get_type,
  gtk_layout_manager_get_type,
  gtk_bin_layout_get_type,
  gtk_box_layout_get_type,
  gtk_center_layout_get_type,
  gtk_grid_layout_get_type,
  adw_clamp_layout_get_type,
  gtk_adjustment_get_type,
  gtk_entry_buffer_get_type,
  gtk_list_item_factory_get_type,
  gtk_popover_get_type,
  gtk_sorter_get_type,
  gtk_tooltip_get_type,
  gtk_builder_cscope_get_type,
  gtk_alternative_trigger_get_type,
  gtk_callback_action_get_type,
  gtk_signal_action_get_type,
  gdk_cursor_get_type,
  gdk_drop_get_type,
  adw_toast_get_type,
  adw_animation_target_get_type,
  juggler_net_page_get_type,
  juggler_claims_page_get_type,
};

gboolean
_juggler_class_warm_up_checked_versions (void)
{
  return gtk_get_major_version () == 4 && gtk_get_minor_version () == 8 &&
         adw_get_major_version () == 1 && adw_get_minor_version () == 2;
}

GType *
_juggler_class_warm_up_prepare (guint *n_types)
{
  GType *types;

  for (guint i = 0; i < G_N_ELEMENTS (registered_types); i++)
    g_type_ensure (registered_types[i] ());

  types = g_new (GType, G_N_ELEMENTS (warmed_types));
  for (guint i = 0; i < G_N_ELEMENTS (warmed_types); i++)
    types[i] = warmed_types[i] ();

  /* GTK makes these when first asked for, unlocked: the list of toplevels (GtkWindow's
   * class_init, or the UI thread's first gtk_window_list_toplevels(), in gtk_init() under a
   * right-to-left locale), and the trigger and action every new GtkShortcut starts with
   * (the key bindings', or any the UI thread makes). Made here, the thread only reads them. */
  gtk_window_get_toplevels ();
  gtk_never_trigger_get ();
  gtk_nothing_action_get ();

  *n_types = G_N_ELEMENTS (warmed_types);
  return types;
}

static gpointer
warm_up_thread_func (gpointer data)
{
  g_autofree GType *types = data;

  for (guint i = 0; i < G_N_ELEMENTS (warmed_types); i++)
    g_type_class_unref (g_type_class_ref (types[i]));

  return NULL;
}

GThread *
juggler_class_warm_up_start (void)
{
  GType *types;
  guint n_types;

  if (!_juggler_class_warm_up_checked_versions ())
    return NULL;

  types = _juggler_class_warm_up_prepare (&n_types);
  return g_thread_new ("juggler-classes", warm_up_thread_func, types);
}
