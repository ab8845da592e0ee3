/* test-widget-chart.c: the live chart: its properties, its scale, stalls as bars, idle redraws
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "juggler-chart.h"
#include "juggler-test-widget.h"
#include "juggler-test-window.h"

#define FRAME_US  16667
#define CHART_W   400
#define CHART_H   200

static void
test_chart_notify (void)
{
  JugglerChart *chart = g_object_ref_sink (JUGGLER_CHART (juggler_chart_new (NULL)));
  g_auto(GValue) text = G_VALUE_INIT;
  g_auto(GValue) number = G_VALUE_INIT;
  g_auto(GValue) boolean = G_VALUE_INIT;

  g_value_init (&text, G_TYPE_STRING);
  g_value_set_string (&text, "Frame Interval");
  juggler_test_assert_notify_once (chart, "title", &text);
  g_value_set_string (&text, "p99 17 · max 33 ms");
  juggler_test_assert_notify_once (chart, "readout", &text);
  g_value_set_string (&text, "ms");
  juggler_test_assert_notify_once (chart, "unit", &text);

  g_value_init (&number, G_TYPE_DOUBLE);
  g_value_set_double (&number, 40);
  juggler_test_assert_notify_once (chart, "min-range", &number);
  g_value_set_double (&number, 16.7);
  juggler_test_assert_notify_once (chart, "reference", &number);

  g_value_init (&boolean, G_TYPE_BOOLEAN);
  g_value_set_boolean (&boolean, FALSE);
  juggler_test_assert_notify_once (chart, "live", &boolean);

  g_assert_cmpstr (juggler_chart_get_title (chart), ==, "Frame Interval");
  g_assert_cmpstr (juggler_chart_get_unit (chart), ==, "ms");
  g_assert_false (juggler_chart_get_live (chart));

  g_assert_finalize_object (chart);
}

static void
test_chart_range (void)
{
  /* Round maxima: never the review's 90, 42, 73, 1247 or 16156. */
  g_assert_cmpfloat (juggler_chart_compute_range (70, 60, 61), ==, 80);
  g_assert_cmpfloat (juggler_chart_compute_range (40, 16.7, 38.5), ==, 50);
  g_assert_cmpfloat (juggler_chart_compute_range (40, 16.7, 1200), ==, 1500);
  g_assert_cmpfloat (juggler_chart_compute_range (40, 16.7, 1247), ==, 1500);
  g_assert_cmpfloat (juggler_chart_compute_range (20, 0, 16156), ==, 20000);
  g_assert_cmpfloat (juggler_chart_compute_range (10, 0, 73), ==, 80);
  /* Nothing to show: the minimum, rounded. */
  g_assert_cmpfloat (juggler_chart_compute_range (20, 0, -INFINITY), ==, 20);
  g_assert_cmpfloat (juggler_chart_compute_range (0, 0, -INFINITY), ==, 1);
  /* The reference line keeps room above it. */
  g_assert_cmpfloat (juggler_chart_compute_range (1, 60, 0), >, 60);
}

static void
assert_value (double      value,
              const char *unit,
              const char *expected)
{
  g_autofree char *text = juggler_chart_format_value (value, unit);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_chart_units (void)
{
  assert_value (80, "fps", "80 fps");
  assert_value (40, "ms", "40 ms");
  assert_value (1500, "ms", "1.5 s");
  assert_value (20000, "ms", "20 s");
  assert_value (25000, "req/s", "25k req/s");
  assert_value (10, NULL, "10");
  assert_value (250, "/s", "250/s");
}

static JugglerChart *
present_chart (GtkWidget **window)
{
  GtkWidget *chart = juggler_chart_new ("Frame Interval");

  *window = gtk_window_new ();
  gtk_widget_set_size_request (chart, CHART_W, CHART_H);
  gtk_window_set_child (GTK_WINDOW (*window), chart);
  juggler_test_present (GTK_WINDOW (*window));
  while (gtk_widget_get_width (chart) == 0)
    g_main_context_iteration (NULL, TRUE);

  return JUGGLER_CHART (chart);
}

static cairo_surface_t *
render (GtkWidget *widget)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(GskRenderNode) node = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);

  /* The widget's own drawing, without waiting for the window's next frame. */
  GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  return surface;
}

static guint
alpha_at (cairo_surface_t *surface,
          int              x,
          int              y)
{
  const guint32 *row = (const guint32 *) (cairo_image_surface_get_data (surface) +
                                          y * cairo_image_surface_get_stride (surface));

  return row[x] >> 24;
}

/* A 3 s freeze seen by the frame clock is one interval of 3000 ms: it must fill the 3 s it
 * lasted, a bar, not rise along them as a ramp (the review's D12). */
static void
test_chart_stall_is_a_bar (void)
{
  GtkWidget *window;
  JugglerChart *chart = present_chart (&window);
  gint64 t0 = 1000 * G_USEC_PER_SEC;
  gint64 stall_end = t0 + 6 * G_USEC_PER_SEC;
  gint64 now = stall_end + G_USEC_PER_SEC;
  cairo_surface_t *surface;
  gint64 t;

  /* Before the stall and after it, one frame every 16.7 ms. */
  for (t = t0; t <= stall_end - 3 * G_USEC_PER_SEC; t += FRAME_US)
    juggler_chart_push (chart, t, 16.7);
  juggler_chart_push (chart, stall_end, 3000);
  for (t = stall_end + FRAME_US; t <= now; t += FRAME_US)
    juggler_chart_push (chart, t, 16.7);
  juggler_chart_set_now (chart, now);

  surface = render (GTK_WIDGET (chart));
  /* The stall spans 60–90 % of the plot's width, the scale goes to 4000 ms. x = 312 is in
   * the stall's second half whatever the width of the scale's labels; y = 86 is at 53–68 %
   * of the scale whatever the fonts: inside the bar, far above a ramp's 1500 ms there. */
  g_assert_cmpuint (alpha_at (surface, 312, 86), >, 30);
  /* Above the bar's top (3000 of 4000 ms) the plot is empty. */
  g_assert_cmpuint (alpha_at (surface, 312, 30), <, 30);
  cairo_surface_destroy (surface);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A freeze longer than the 10 s window plus the chart's 2 s margin: the frame before it is
 * older than what the chart keeps, yet the bar must still cover the window up to its end,
 * not shrink to a line where it ended (15 s under Block the UI Thread on a busy machine). */
static void
test_chart_long_stall_is_a_bar (void)
{
  GtkWidget *window;
  JugglerChart *chart = present_chart (&window);
  gint64 t0 = 1000 * G_USEC_PER_SEC;
  gint64 stall_end = t0 + 20 * G_USEC_PER_SEC;
  gint64 now = stall_end + 5 * G_USEC_PER_SEC;
  cairo_surface_t *surface;
  gint64 t;

  for (t = t0; t <= stall_end - 15 * G_USEC_PER_SEC; t += FRAME_US)
    juggler_chart_push (chart, t, 16.7);
  juggler_chart_push (chart, stall_end, 15000);
  for (t = stall_end + FRAME_US; t <= now; t += FRAME_US)
    {
      juggler_chart_push (chart, t, 16.7);
      juggler_chart_set_now (chart, t);
    }

  surface = render (GTK_WIDGET (chart));
  /* The stall fills the plot's left half, the scale goes to 20000 ms: x = 130 is in it
   * whatever the width of the scale's labels, y = 86 below the bar's top (75 %). */
  g_assert_cmpuint (alpha_at (surface, 130, 86), >, 30);
  cairo_surface_destroy (surface);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Frames from from_us to to_us; returns how often the chart moved, that is redrew. */
static guint
count_moves (JugglerChart *chart,
             gint64        from_us,
             gint64        to_us)
{
  guint moves = 0;

  for (gint64 t = from_us; t < to_us; t += FRAME_US)
    {
      gint64 shown = juggler_chart_get_shown_now (chart);

      juggler_chart_push (chart, t, 16.7);
      juggler_chart_set_now (chart, t);
      if (juggler_chart_get_shown_now (chart) != shown)
        moves++;
    }

  return moves;
}

/* A live chart never drawn (its plot's width unknown) scrolls with every frame; at rest it
 * moves once a second, so an idle window does not repaint its charts 60 times a second
 * (issue 10). */
static void
test_chart_idle_redraws (void)
{
  JugglerChart *chart = g_object_ref_sink (JUGGLER_CHART (juggler_chart_new (NULL)));
  gint64 t0 = 1000 * G_USEC_PER_SEC;
  guint live, rest;

  live = count_moves (chart, t0, t0 + 2 * G_USEC_PER_SEC);
  juggler_chart_set_live (chart, FALSE);
  rest = count_moves (chart, t0 + 2 * G_USEC_PER_SEC, t0 + 4 * G_USEC_PER_SEC);
  g_assert_cmpuint (live, ==, 120);
  /* Once a second: once or twice in two seconds, depending on where the seconds fall. */
  g_assert_cmpuint (rest, >=, 1);
  g_assert_cmpuint (rest, <=, 2);

  /* Back to live: the next frame is shown at once. */
  juggler_chart_set_live (chart, TRUE);
  juggler_chart_set_now (chart, t0 + 4 * G_USEC_PER_SEC + FRAME_US);
  g_assert_cmpint (juggler_chart_get_shown_now (chart), ==, t0 + 4 * G_USEC_PER_SEC + FRAME_US);

  g_assert_finalize_object (chart);
}

/* Once drawn, a live chart moves by whole pixels of its plot: frames between two steps
 * would draw the same picture (issue 10). Every step is a whole number of pixels' time. */
static void
test_chart_live_pixel_steps (void)
{
  GtkWidget *window;
  JugglerChart *chart = present_chart (&window);
  gint64 t0 = 1000 * G_USEC_PER_SEC;
  gint64 first_shown, shown;
  guint moves;

  juggler_chart_set_now (chart, t0);
  /* The plot's width is known from the first draw on. */
  cairo_surface_destroy (render (GTK_WIDGET (chart)));

  moves = count_moves (chart, t0, t0 + 2 * G_USEC_PER_SEC);
  /* The plot is narrower than the chart's CHART_W pixels, so it steps every 25 ms or
   * more: at most 81 moves in 2 s where every frame would be 120. */
  g_assert_cmpuint (moves, >=, 2);
  g_assert_cmpuint (moves, <=, 2 * G_USEC_PER_SEC / (JUGGLER_CHART_WINDOW_US / CHART_W) + 1);

  /* Within a step, nothing to redraw; the next step is shown at once. */
  first_shown = juggler_chart_get_shown_now (chart);
  g_assert_cmpint (first_shown, <=, t0 + 2 * G_USEC_PER_SEC);
  shown = first_shown;
  for (gint64 t = first_shown + 1000; shown == first_shown && t < first_shown + G_USEC_PER_SEC;
       t += 1000)
    {
      juggler_chart_set_now (chart, t);
      shown = juggler_chart_get_shown_now (chart);
    }
  g_assert_cmpint (shown, >, first_shown);
  g_assert_cmpint (shown - first_shown, >=, JUGGLER_CHART_WINDOW_US / CHART_W);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_chart_shared_series (void)
{
  GtkWidget *window;
  JugglerChart *chart = present_chart (&window);
  g_autoptr(JugglerSeries) series = juggler_series_new ();
  gint64 t0 = 1000 * G_USEC_PER_SEC;
  cairo_surface_t *surface;
  guint n;

  for (gint64 t = t0; t <= t0 + 5 * G_USEC_PER_SEC; t += FRAME_US)
    juggler_series_append (series, t, 3000);
  n = juggler_series_get_length (series);
  juggler_chart_set_series (chart, series);
  juggler_chart_set_now (chart, t0 + 5 * G_USEC_PER_SEC);

  /* The owner's samples are drawn as they are: the right half of the plot is full. */
  surface = render (GTK_WIDGET (chart));
  g_assert_cmpuint (alpha_at (surface, 312, 86), >, 30);
  cairo_surface_destroy (surface);
  /* set_now() does not trim a series the chart does not own. */
  juggler_chart_set_now (chart, t0 + 60 * G_USEC_PER_SEC);
  g_assert_cmpuint (juggler_series_get_length (series), ==, n);

  juggler_chart_set_series (chart, NULL);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ui/widget/chart/notify", test_chart_notify);
  g_test_add_func ("/ui/widget/chart/range", test_chart_range);
  g_test_add_func ("/ui/widget/chart/units", test_chart_units);
  g_test_add_func ("/ui/widget/chart/stall-is-a-bar", test_chart_stall_is_a_bar);
  g_test_add_func ("/ui/widget/chart/long-stall-is-a-bar", test_chart_long_stall_is_a_bar);
  g_test_add_func ("/ui/widget/chart/idle-redraws", test_chart_idle_redraws);
  g_test_add_func ("/ui/widget/chart/live-pixel-steps", test_chart_live_pixel_steps);
  g_test_add_func ("/ui/widget/chart/shared-series", test_chart_shared_series);

  return g_test_run ();
}
