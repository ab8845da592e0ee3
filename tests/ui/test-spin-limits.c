/* test-spin-limits.c: every spin button of the CPU and Network controls offers exactly the
 * range juggler-run-options accepts, the same the settings schema and juggler-bench use
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "juggler-cpu-controls.h"
#include "juggler-net-controls.h"
#include "juggler-run-options.h"

typedef struct
{
  const char *id;   /* the spin button's id in the template */
  double      lower;
  double      upper;
} SpinLimits;

static guint
count_spin_buttons (GtkWidget *widget)
{
  guint n = GTK_IS_SPIN_BUTTON (widget) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_spin_buttons (child);
  return n;
}

/* A spin button that no entry here names fails the test: a new one needs its limits. */
static void
assert_spin_limits (GType             type,
                    const SpinLimits *limits,
                    guint             n_limits)
{
  g_autoptr(GtkWidget) controls = g_object_ref_sink (g_object_new (type, NULL));
  guint n_spins;

  for (guint i = 0; i < n_limits; i++)
    {
      GObject *object = gtk_widget_get_template_child (controls, type, limits[i].id);
      GtkAdjustment *adjustment;

      g_test_message ("%s %s", g_type_name (type), limits[i].id);
      g_assert_true (GTK_IS_SPIN_BUTTON (object));
      adjustment = gtk_spin_button_get_adjustment (GTK_SPIN_BUTTON (object));
      g_assert_cmpfloat (gtk_adjustment_get_lower (adjustment), ==, limits[i].lower);
      g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), ==, limits[i].upper);
    }

  n_spins = count_spin_buttons (controls);
  g_assert_cmpuint (n_spins, ==, n_limits);
}

static void
test_cpu (void)
{
  static const SpinLimits limits[] = {
    { "width_spin", JUGGLER_IMAGE_SIDE_MIN, JUGGLER_IMAGE_SIDE_MAX },
    { "height_spin", JUGGLER_IMAGE_SIDE_MIN, JUGGLER_IMAGE_SIDE_MAX },
    { "tile_spin", JUGGLER_TILE_MIN, JUGGLER_TILE_MAX },
    { "iterations_spin", JUGGLER_ITERATIONS_MIN, JUGGLER_ITERATIONS_MAX },
    { "workers_spin", JUGGLER_WORKERS_MIN, JUGGLER_WORKERS_MAX },
  };

  assert_spin_limits (JUGGLER_TYPE_CPU_CONTROLS, limits, G_N_ELEMENTS (limits));
}

static void
test_net (void)
{
  static const SpinLimits limits[] = {
    { "requests_spin", JUGGLER_REQUESTS_MIN, JUGGLER_REQUESTS_MAX },
    { "latency_spin", JUGGLER_LATENCY_MS_MIN, JUGGLER_LATENCY_MS_MAX },
    { "size_spin", JUGGLER_RESPONSE_SIZE_MIN, JUGGLER_RESPONSE_SIZE_MAX },
    { "concurrency_spin", JUGGLER_CONCURRENCY_MIN, JUGGLER_CONCURRENCY_MAX },
    { "workers_spin", JUGGLER_WORKERS_MIN, JUGGLER_WORKERS_MAX },
    { "timeout_spin", JUGGLER_TIMEOUT_S_MIN, JUGGLER_TIMEOUT_S_MAX },
  };

  assert_spin_limits (JUGGLER_TYPE_NET_CONTROLS, limits, G_N_ELEMENTS (limits));
}

static GtkEventController *
get_scroll_controller (GtkWidget *spin)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (spin);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_SCROLL (controller))
        return controller;
    }
  return NULL;
}

static void
wait_for_phase (GtkEventController *controller,
                GtkPropagationPhase phase)
{
  for (guint i = 0; i < 1000 && gtk_event_controller_get_propagation_phase (controller) != phase; i++)
    g_main_context_iteration (NULL, FALSE);
}

/* The mouse wheel over the sidebar scrolls it: a spin button only spins once focused. */
static void
test_wheel_needs_focus (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *controls = g_object_new (JUGGLER_TYPE_CPU_CONTROLS, NULL);
  GtkWidget *width_spin, *height_spin;
  GtkEventController *width_scroll, *height_scroll;

  gtk_window_set_child (GTK_WINDOW (window), controls);
  gtk_window_present (GTK_WINDOW (window));
  width_spin = GTK_WIDGET (gtk_widget_get_template_child (controls, JUGGLER_TYPE_CPU_CONTROLS,
                                                          "width_spin"));
  height_spin = GTK_WIDGET (gtk_widget_get_template_child (controls, JUGGLER_TYPE_CPU_CONTROLS,
                                                           "height_spin"));
  width_scroll = get_scroll_controller (width_spin);
  height_scroll = get_scroll_controller (height_spin);
  g_assert_nonnull (width_scroll);
  g_assert_nonnull (height_scroll);
  g_assert_cmpint (gtk_event_controller_get_propagation_phase (width_scroll), ==, GTK_PHASE_NONE);

  g_assert_true (gtk_widget_grab_focus (width_spin));
  wait_for_phase (width_scroll, GTK_PHASE_BUBBLE);
  g_assert_cmpint (gtk_event_controller_get_propagation_phase (width_scroll), ==, GTK_PHASE_BUBBLE);
  g_assert_cmpint (gtk_event_controller_get_propagation_phase (height_scroll), ==, GTK_PHASE_NONE);

  g_assert_true (gtk_widget_grab_focus (height_spin));
  wait_for_phase (width_scroll, GTK_PHASE_NONE);
  g_assert_cmpint (gtk_event_controller_get_propagation_phase (width_scroll), ==, GTK_PHASE_NONE);
  g_assert_cmpint (gtk_event_controller_get_propagation_phase (height_scroll), ==, GTK_PHASE_BUBBLE);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/ui/spin-limits/cpu", test_cpu);
  g_test_add_func ("/ui/spin-limits/net", test_net);
  g_test_add_func ("/ui/spin-limits/wheel-needs-focus", test_wheel_needs_focus);

  return g_test_run ();
}
