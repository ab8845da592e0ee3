/* test-widget-canvas.c: the Mandelbrot canvas: its property, its worker legend and tints
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "juggler-canvas.h"
#include "juggler-legend.h"
#include "juggler-palette.h"
#include "juggler-test-widget.h"

static JugglerLegend *
get_legend (JugglerCanvas *canvas)
{
  GtkWidget *child = gtk_widget_get_last_child (GTK_WIDGET (canvas));

  g_assert_true (JUGGLER_IS_LEGEND (child));
  return JUGGLER_LEGEND (child);
}

static void
test_canvas_notify (void)
{
  JugglerCanvas *canvas = g_object_ref_sink (JUGGLER_CANVAS (juggler_canvas_new ()));
  g_auto(GValue) value = G_VALUE_INIT;

  g_assert_true (juggler_canvas_get_show_workers (canvas));
  g_value_init (&value, G_TYPE_BOOLEAN);
  g_value_set_boolean (&value, FALSE);
  juggler_test_assert_notify_once (canvas, "show-workers", &value);
  g_assert_false (juggler_canvas_get_show_workers (canvas));

  g_assert_finalize_object (canvas);
}

/* One legend entry per thread that computed a tile, in worker order, whatever the order of
 * the tiles; a new image starts the legend afresh. */
static void
test_canvas_legend (void)
{
  JugglerCanvas *canvas = g_object_ref_sink (JUGGLER_CANVAS (juggler_canvas_new ()));
  g_autoptr(GError) error = NULL;
  g_autoptr(JugglerMandelbrot) mandelbrot = juggler_mandelbrot_new (64, 64, 16, 10, NULL, &error);
  JugglerLegend *legend = get_legend (canvas);

  g_assert_no_error (error);
  /* Before any tile: a note that says what the tint means. */
  g_assert_cmpuint (juggler_legend_get_n_entries (legend), ==, 1);

  juggler_canvas_set_mandelbrot (canvas, mandelbrot);
  juggler_canvas_tile_done (canvas, 0, 2);
  juggler_canvas_tile_done (canvas, 1, 0);
  juggler_canvas_tile_done (canvas, 2, 2);
  juggler_canvas_tile_done (canvas, 3, 1);

  g_assert_cmpuint (juggler_legend_get_n_entries (legend), ==, 3);
  g_assert_cmpstr (juggler_legend_get_text (legend, 0), ==, "UI thread");
  g_assert_cmpstr (juggler_legend_get_text (legend, 1), ==, "Worker 1");
  g_assert_cmpstr (juggler_legend_get_text (legend, 2), ==, "Worker 2");

  juggler_canvas_set_mandelbrot (canvas, mandelbrot);
  g_assert_cmpuint (juggler_legend_get_n_entries (legend), ==, 1);

  g_assert_finalize_object (canvas);
}

/* After a switch the outlines tell the strategies apart, and the legend says which is which;
 * a strategy set but never used for a tile is not listed. */
static void
test_canvas_strategies (void)
{
  JugglerCanvas *canvas = g_object_ref_sink (JUGGLER_CANVAS (juggler_canvas_new ()));
  g_autoptr(GError) error = NULL;
  g_autoptr(JugglerMandelbrot) mandelbrot = juggler_mandelbrot_new (64, 64, 16, 10, NULL, &error);
  JugglerLegend *legend = get_legend (canvas);

  g_assert_no_error (error);
  juggler_canvas_set_strategy_title (canvas, "Worker Threads");
  juggler_canvas_set_mandelbrot (canvas, mandelbrot);
  juggler_canvas_tile_done (canvas, 0, 1);
  juggler_canvas_tile_done (canvas, 1, 1);
  /* One strategy: nothing to tell apart. */
  g_assert_cmpuint (juggler_legend_get_n_entries (legend), ==, 1);

  juggler_canvas_set_strategy_title (canvas, "Main-Loop Slices");
  juggler_canvas_set_strategy_title (canvas, "Global Lock");
  juggler_canvas_tile_done (canvas, 2, 1);
  g_assert_cmpuint (juggler_legend_get_n_entries (legend), ==, 3);
  g_assert_cmpstr (juggler_legend_get_text (legend, 1), ==, "Worker Threads");
  g_assert_cmpstr (juggler_legend_get_text (legend, 2), ==, "Global Lock");

  juggler_canvas_set_strategy_title (canvas, "Worker Threads");
  juggler_canvas_tile_done (canvas, 3, 1);
  g_assert_cmpuint (juggler_legend_get_n_entries (legend), ==, 3);

  /* The next run starts with the strategy it runs under, alone. */
  juggler_canvas_set_mandelbrot (canvas, mandelbrot);
  juggler_canvas_tile_done (canvas, 0, 1);
  g_assert_cmpuint (juggler_legend_get_n_entries (legend), ==, 1);
  g_assert_cmpstr (juggler_legend_get_text (legend, 0), ==, "Worker 1");

  g_assert_finalize_object (canvas);
}

static void
test_canvas_many_workers (void)
{
  JugglerCanvas *canvas = g_object_ref_sink (JUGGLER_CANVAS (juggler_canvas_new ()));
  g_autoptr(GError) error = NULL;
  g_autoptr(JugglerMandelbrot) mandelbrot = juggler_mandelbrot_new (320, 320, 16, 10, NULL, &error);
  JugglerLegend *legend = get_legend (canvas);
  guint n_entries;

  g_assert_no_error (error);
  juggler_canvas_set_mandelbrot (canvas, mandelbrot);
  for (guint worker = 1; worker <= 40; worker++)
    juggler_canvas_tile_done (canvas, worker, worker);

  /* A legend of 40 swatches helps nobody: the rest are counted in a last note. */
  n_entries = juggler_legend_get_n_entries (legend);
  g_assert_cmpuint (n_entries, <, 40);
  g_assert_true (g_str_has_prefix (juggler_legend_get_text (legend, n_entries - 1), "and "));

  g_assert_finalize_object (canvas);
}

/* A thread per tile brings a new worker with nearly every tile: past the legend's last entry
 * only its count changes, the entries stay as they are, and a worker that sorts before the
 * last entry still takes its place in the list. */
static void
test_canvas_more_workers_counted (void)
{
  JugglerCanvas *canvas = g_object_ref_sink (JUGGLER_CANVAS (juggler_canvas_new ()));
  g_autoptr(GError) error = NULL;
  g_autoptr(JugglerMandelbrot) mandelbrot = juggler_mandelbrot_new (320, 320, 16, 10, NULL, &error);
  JugglerLegend *legend = get_legend (canvas);
  GtkWidget *flow = gtk_widget_get_first_child (GTK_WIDGET (legend));
  g_autoptr(GtkWidget) first = NULL;
  guint n_entries;

  g_assert_no_error (error);
  juggler_canvas_set_mandelbrot (canvas, mandelbrot);
  for (guint worker = 1; worker <= 40; worker++)
    juggler_canvas_tile_done (canvas, worker, worker);
  n_entries = juggler_legend_get_n_entries (legend);
  g_assert_cmpstr (juggler_legend_get_text (legend, n_entries - 1), ==, "and 24 more workers");

  first = g_object_ref (gtk_widget_get_first_child (flow));
  juggler_canvas_tile_done (canvas, 41, 41);
  juggler_canvas_tile_done (canvas, 43, 43);
  g_assert_cmpuint (juggler_legend_get_n_entries (legend), ==, n_entries);
  g_assert_cmpstr (juggler_legend_get_text (legend, n_entries - 1), ==, "and 26 more workers");
  g_assert_true (gtk_widget_get_parent (first) == flow);

  /* The UI thread sorts first: the list starts with it, one worker more is counted. */
  juggler_canvas_tile_done (canvas, 0, 0);
  g_assert_cmpuint (juggler_legend_get_n_entries (legend), ==, n_entries);
  g_assert_cmpstr (juggler_legend_get_text (legend, 0), ==, "UI thread");
  g_assert_cmpstr (juggler_legend_get_text (legend, n_entries - 1), ==, "and 27 more workers");

  /* Counted from the list again, after it was rebuilt. */
  juggler_canvas_tile_done (canvas, 42, 42);
  g_assert_cmpstr (juggler_legend_get_text (legend, n_entries - 1), ==, "and 28 more workers");

  g_assert_finalize_object (canvas);
}

static double
distance (const GdkRGBA *a,
          const GdkRGBA *b)
{
  return fabs (a->red - b->red) + fabs (a->green - b->green) + fabs (a->blue - b->blue);
}

/* The review's D11: tints repeated after 10 workers and worker 1 was blue on a blue image. */
static void
test_canvas_tints (void)
{
  GdkRGBA colors[64];

  for (guint i = 0; i < G_N_ELEMENTS (colors); i++)
    {
      float h, s, v;

      juggler_palette_get_worker_color (i, &colors[i]);
      gtk_rgb_to_hsv (colors[i].red, colors[i].green, colors[i].blue, &h, &s, &v);
      /* No saturated blue: it would vanish on the image. */
      g_assert_false (s > 0.3f && h * 360 > 195 && h * 360 < 255);

      /* Apart at a glance up to 24 workers, different up to 64. */
      for (guint j = 0; j < i; j++)
        {
          if (distance (&colors[i], &colors[j]) < (i < 24 ? 0.2 : 0.03))
            g_error ("workers %u and %u have the same tint", j, i);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ui/widget/canvas/notify", test_canvas_notify);
  g_test_add_func ("/ui/widget/canvas/legend", test_canvas_legend);
  g_test_add_func ("/ui/widget/canvas/more-workers-counted", test_canvas_more_workers_counted);
  g_test_add_func ("/ui/widget/canvas/strategies", test_canvas_strategies);
  g_test_add_func ("/ui/widget/canvas/many-workers", test_canvas_many_workers);
  g_test_add_func ("/ui/widget/canvas/tints", test_canvas_tints);

  return g_test_run ();
}
