/* test-widget-waterfall.c: the waterfall's time axis and its drawing of failed requests
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "juggler-test-window.h"
#include "juggler-time-axis.h"
#include "juggler-waterfall.h"

static void
assert_axis_tick (double      ms,
                  double      step_ms,
                  double      axis_max_ms,
                  const char *expected)
{
  g_autofree char *text = juggler_time_axis_format_tick (ms, step_ms, axis_max_ms);

  g_assert_cmpstr (text, ==, expected);
}

/* A tick that is the axis's last. */
static void
assert_tick (double      ms,
             double      step_ms,
             const char *expected)
{
  g_autofree char *text = juggler_time_axis_format_tick (ms, step_ms, ms);

  g_assert_cmpstr (text, ==, expected);
}

/* The review's D14: short spans read "0 ms 0 ms 0 ms 1 ms 1 ms". */
static void
test_waterfall_ticks (void)
{
  g_assert_cmpfloat (juggler_time_axis_nice_step_ms (1.2, 5), ==, 0.5);
  g_assert_cmpfloat (juggler_time_axis_nice_step_ms (210, 5), ==, 50);
  g_assert_cmpfloat (juggler_time_axis_nice_step_ms (10000, 5), ==, 2000);

  assert_tick (0, 0.2, "0");
  assert_tick (0.2, 0.2, "0.2 ms");
  assert_tick (0.4, 0.2, "0.4 ms");
  assert_tick (1.5, 0.5, "1.5 ms");
  assert_tick (150, 50, "150 ms");
  assert_tick (1000, 200, "1.0 s");
  assert_tick (2000, 1000, "2 s");
  assert_tick (2500, 500, "2.5 s");

  /* One unit an axis: not "500 ms" beside "1.0 s" (issue 9). */
  assert_axis_tick (500, 500, 1500, "0.5 s");
  assert_axis_tick (1000, 500, 1500, "1.0 s");
  assert_axis_tick (400, 200, 800, "400 ms");

  /* Neighbouring ticks never read alike. */
  for (double span = 0.3; span < 100000; span *= 1.7)
    {
      double step = juggler_time_axis_nice_step_ms (span, 5);

      for (double ms = step; ms <= span; ms += step)
        {
          g_autofree char *a = juggler_time_axis_format_tick (ms - step, step, span);
          g_autofree char *b = juggler_time_axis_format_tick (ms, step, span);

          g_assert_cmpstr (a, !=, b);
        }
    }
}

/* Failed requests with reasons, drawn at a size where rows have room for text: no crash, and
 * the footer counts what did not fit. */
static void
test_waterfall_draws_failures (void)
{
  const char *urls[] = { "http://127.0.0.1:1/", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(JugglerHttpWorkload) workload = juggler_http_workload_new (urls, 40, 5, &error);
  GtkWidget *window = gtk_window_new ();
  JugglerWaterfall *waterfall = JUGGLER_WATERFALL (juggler_waterfall_new ());
  GtkSnapshot *snapshot;
  g_autoptr(GskRenderNode) node = NULL;

  g_assert_no_error (error);
  gtk_widget_set_size_request (GTK_WIDGET (waterfall), 500, 170);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (waterfall));
  juggler_test_present (GTK_WINDOW (window));

  juggler_waterfall_set_workload (waterfall, workload);
  juggler_workload_run_serial (JUGGLER_WORKLOAD (workload));
  for (guint i = 0; i < 40; i++)
    juggler_waterfall_request_done (waterfall, i);
  juggler_waterfall_set_range (waterfall, 0, 39);

  while (gtk_widget_get_width (GTK_WIDGET (waterfall)) == 0)
    g_main_context_iteration (NULL, TRUE);
  snapshot = gtk_snapshot_new ();
  GTK_WIDGET_GET_CLASS (waterfall)->snapshot (GTK_WIDGET (waterfall), snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);

  /* A dragged rectangle's requests, some beyond this workload's: those are left out. */
  juggler_waterfall_set_requests (waterfall, (const guint[]) { 1, 5, 39, 41, 400 }, 5);
  snapshot = gtk_snapshot_new ();
  GTK_WIDGET_GET_CLASS (waterfall)->snapshot (GTK_WIDGET (waterfall), snapshot);
  gsk_render_node_unref (gtk_snapshot_free_to_node (snapshot));

  juggler_waterfall_set_workload (waterfall, NULL);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ui/widget/waterfall/ticks", test_waterfall_ticks);
  g_test_add_func ("/ui/widget/waterfall/draws-failures", test_waterfall_draws_failures);

  return g_test_run ();
}
