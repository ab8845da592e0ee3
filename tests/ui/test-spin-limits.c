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

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/ui/spin-limits/cpu", test_cpu);
  g_test_add_func ("/ui/spin-limits/net", test_net);

  return g_test_run ();
}
