/* juggler-claim-chart.c: a claim's chart on the Claims page: its series over x, with a legend
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-claim-chart"

#include "config.h"

#include "juggler-claim-chart.h"

#include <glib/gi18n.h>
#include <math.h>

#include "juggler-format.h"

/* The y axis' steps are at least this many pixels apart, so their values do not touch. */
#define MIN_STEP_PX 18

/* The experiments' series, as src/core names them in results and JSON; shown translated. */
static const char *const series_titles[] = {
  N_("10 threads"), N_("a thread per connection"), N_("a thread per request"), N_("async"),
  N_("atomic"), N_("blocking"), N_("coalesced"), N_("CPU time ÷ bare kernel"),
  N_("CPython threads"), N_("event loop"), N_("frame"), N_("global lock"),
  N_("hand-off per event"), N_("host"), N_("ideal"), N_("ip"), N_("KiB per thread"),
  N_("loop p99"), N_("main loop"), N_("mutex"), N_("one worker"), N_("shared pool"),
  N_("slices"), N_("switches per tile"), N_("threads"), N_("unsynchronised"),
  N_("µs to create a thread"),
};

const char *
juggler_claim_chart_get_series_title (const char *series)
{
  g_return_val_if_fail (series != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (series_titles); i++)
    if (g_str_equal (series, series_titles[i]))
      return _(series_titles[i]);

  return series;
}

static int
compare_point_x (gconstpointer a,
                 gconstpointer b)
{
  double xa = ((const JugglerPoint *) a)->x, xb = ((const JugglerPoint *) b)->x;

  return xa < xb ? -1 : xa > xb;
}

/* The n-th measured series' marker size on the plot: each smaller than the one before, so
 * that drawn in order over each other, points at the same place all show (a circle round
 * a square round a diamond). */
static double
get_marker_size (guint n)
{
  static const double sizes[] = { 7.5, 5.5, 4.2, 3.6, 3.2 };

  return sizes[MIN (n, G_N_ELEMENTS (sizes) - 1)];
}

/* The n-th measured series' marker, of a shape of its own, r from its centre to its edge. */
static void
draw_marker (cairo_t       *cr,
             guint          s,
             double         x,
             double         y,
             double         r,
             const double  *rgb,
             const GdkRGBA *outline)
{
  switch (s % 5)
    {
    case 0:
      cairo_arc (cr, x, y, r, 0, 2 * G_PI);
      break;
    case 1:
      cairo_rectangle (cr, x - r, y - r, 2 * r, 2 * r);
      break;
    case 2:
      cairo_move_to (cr, x, y - r);
      cairo_line_to (cr, x + r, y);
      cairo_line_to (cr, x, y + r);
      cairo_line_to (cr, x - r, y);
      cairo_close_path (cr);
      break;
    case 3:
      cairo_move_to (cr, x, y - r);
      cairo_line_to (cr, x + r * 0.87, y + r * 0.5);
      cairo_line_to (cr, x - r * 0.87, y + r * 0.5);
      cairo_close_path (cr);
      break;
    default:
      cairo_move_to (cr, x, y + r);
      cairo_line_to (cr, x + r * 0.87, y - r * 0.5);
      cairo_line_to (cr, x - r * 0.87, y - r * 0.5);
      cairo_close_path (cr);
      break;
    }

  cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
  cairo_fill_preserve (cr);
  /* An outline in the background's colour parts it from a larger marker underneath. */
  gdk_cairo_set_source_rgba (cr, outline);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
}

/* The chart: one line per series over x (logarithmic when x spans two decades), y from 0
 * to a round number; "ideal" and "frame" dashed, as references. */
void
juggler_claim_chart_draw (GtkWidget          *widget,
                          cairo_t            *cr,
                          int                 width,
                          int                 height,
                          const JugglerClaim *claim,
                          GArray             *points)
{
  static const double palette[][3] = {
    { 0.21, 0.52, 0.89 }, { 0.90, 0.38, 0.00 }, { 0.20, 0.82, 0.48 },
    { 0.75, 0.11, 0.16 }, { 0.57, 0.25, 0.67 }, { 0.39, 0.27, 0.20 },
  };
  g_autoptr(GPtrArray) series = g_ptr_array_new ();
  g_autoptr(PangoLayout) layout = NULL;
  g_autoptr(GArray) sorted = NULL;
  GdkRGBA fg, bg;
  double y_step;
  double x_min = INFINITY, x_max = -INFINITY, y_max = 0;
  /* Amounts on x get their values under the axis, kinds only the legend. */
  gboolean x_ticks = !claim->x_is_kind;
  double left = 48, right = width - 12, top = 24, bottom = height - (x_ticks ? 46 : 28);
  g_autofree double *legend_x = NULL;
  g_autofree double *legend_y = NULL;
  gboolean log_x;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  /* The claims list's rows are cards; the markers' outline is their colour. */
  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), "card_bg_color",
                                       &bg))
    bg = (GdkRGBA) { 1 - fg.red, 1 - fg.green, 1 - fg.blue, 1 };
  layout = gtk_widget_create_pango_layout (widget, NULL);

  if (points->len == 0)
    {
      int text_width, text_height;

      /* Wrapped in a narrow window rather than cut at both ends. */
      pango_layout_set_width (layout, MAX (width - 8, 1) * PANGO_SCALE);
      pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
      pango_layout_set_text (layout, _("The chart fills in while the experiment runs."), -1);
      pango_layout_get_pixel_size (layout, &text_width, &text_height);
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.55);
      cairo_move_to (cr, 4, (height - text_height) / 2.0);
      pango_cairo_show_layout (cr, layout);
      return;
    }

  /* Left to right: a series' line joins its points in the order of x, not of measurement. */
  sorted = g_array_sized_new (FALSE, FALSE, sizeof (JugglerPoint), points->len);
  g_array_append_vals (sorted, points->data, points->len);
  g_array_sort (sorted, compare_point_x);

  for (guint i = 0; i < sorted->len; i++)
    {
      const JugglerPoint *point = &g_array_index (sorted, JugglerPoint, i);
      gboolean known = FALSE;

      x_min = MIN (x_min, point->x);
      x_max = MAX (x_max, point->x);
      y_max = MAX (y_max, point->y);
      for (guint j = 0; j < series->len && !known; j++)
        known = g_str_equal (g_ptr_array_index (series, j), point->series);
      if (!known)
        g_ptr_array_add (series, point->series);
    }
  /* The legend right to left on the title's line, clear of the title; what does not fit
   * goes on lines below it, and the plot starts under the last. */
  legend_x = g_new0 (double, series->len);
  legend_y = g_new0 (double, series->len);
  {
    double line_left, line_right = right, line_y = 2;
    int text_width, text_height = 0;

    /* The y axis' name, cut short in a narrow window; the legend goes under it when it
     * does not fit beside it. */
    pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    pango_layout_set_width (layout, MAX (right - left, 1) * PANGO_SCALE);
    pango_layout_set_text (layout, claim->y_axis != NULL ? _(claim->y_axis) : "", -1);
    pango_layout_get_pixel_size (layout, &text_width, &text_height);
    pango_layout_set_width (layout, -1);
    line_left = left + text_width + 16;
    for (guint s = 0; s < series->len; s++)
      {
        pango_layout_set_text (layout, juggler_claim_chart_get_series_title (g_ptr_array_index (series, s)), -1);
        pango_layout_get_pixel_size (layout, &text_width, &text_height);
        if (line_right - text_width - 16 < line_left && (line_right < right || line_left > left))
          {
            line_right = right;
            line_y += text_height + 2;
            line_left = left;
          }
        legend_x[s] = line_right - text_width;
        legend_y[s] = line_y;
        line_right -= text_width + 24;
      }
    top = MAX (top, line_y + text_height + 8);
  }

  log_x = x_min > 0 && x_max / x_min >= 100;
  if (x_max == x_min)
    {
      x_min -= 1;
      x_max += 1;
    }
  /* A round top above the highest point, in steps far enough apart for their values. */
  y_max = juggler_format_nice_axis (y_max * 1.05, MAX ((bottom - top) / MIN_STEP_PX, 1),
                                    &y_step);

#define X(v) (left + (log_x ? (log10 (v) - log10 (x_min)) / (log10 (x_max) - log10 (x_min)) \
                            : ((v) - x_min) / (x_max - x_min)) * (right - left))
#define Y(v) (bottom - (v) / y_max * (bottom - top))

  /* Axes, their names and the scale's steps, each with a faint line across. */
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.4);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, left, top);
  cairo_line_to (cr, left, bottom);
  cairo_line_to (cr, right, bottom);
  cairo_stroke (cr);
  for (guint k = 0; k * y_step <= y_max * (1 + 1e-9); k++)
    {
      g_autofree char *text = g_strdup_printf ("%g", k * y_step);
      int text_width, text_height;

      if (k > 0)
        {
          cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.12);
          cairo_move_to (cr, left, round (Y (k * y_step)) + 0.5);
          cairo_line_to (cr, right, round (Y (k * y_step)) + 0.5);
          cairo_stroke (cr);
        }
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.7);
      pango_layout_set_text (layout, text, -1);
      pango_layout_get_pixel_size (layout, &text_width, &text_height);
      cairo_move_to (cr, MAX (left - 6 - text_width, 0), Y (k * y_step) - text_height / 2.0);
      pango_cairo_show_layout (cr, layout);
    }
  {
    cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.7);
    pango_layout_set_width (layout, MAX (right - left, 1) * PANGO_SCALE);
    pango_layout_set_text (layout, claim->y_axis != NULL ? _(claim->y_axis) : "", -1);
    cairo_move_to (cr, left, 2);
    pango_cairo_show_layout (cr, layout);
    pango_layout_set_width (layout, -1);
    pango_layout_set_text (layout, claim->x_axis != NULL ? _(claim->x_axis) : "", -1);
    cairo_move_to (cr, left, bottom + (x_ticks ? 24 : 6));
    pango_cairo_show_layout (cr, layout);
  }

  /* Each x measured, under the axis; one that would overlap the last one shown is left out. */
  if (x_ticks)
    {
      double last_end = -INFINITY;

      for (guint i = 0; i < sorted->len; i++)
        {
          double x = g_array_index (sorted, JugglerPoint, i).x;
          g_autofree char *text = NULL;
          int text_width, text_height;
          double text_x;

          if (i > 0 && x == g_array_index (sorted, JugglerPoint, i - 1).x)
            continue;
          text = g_strdup_printf ("%g", x);
          pango_layout_set_text (layout, text, -1);
          pango_layout_get_pixel_size (layout, &text_width, &text_height);
          text_x = CLAMP (X (x) - text_width / 2.0, left - 8, width - text_width - 2);
          if (text_x < last_end + 8)
            continue;
          cairo_move_to (cr, X (x), bottom);
          cairo_line_to (cr, X (x), bottom + 3);
          cairo_stroke (cr);
          cairo_move_to (cr, text_x, bottom + 4);
          pango_cairo_show_layout (cr, layout);
          last_end = text_x + text_width;
        }
    }

  for (guint s = 0; s < series->len; s++)
    {
      const char *name = g_ptr_array_index (series, s);
      const double *rgb = palette[s % G_N_ELEMENTS (palette)];
      gboolean reference = g_str_equal (name, "ideal") || g_str_equal (name, "frame");
      gboolean first = TRUE;

      cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
      cairo_set_line_width (cr, 2);
      if (reference)
        cairo_set_dash (cr, (double[]) { 4, 4 }, 2, 0);
      for (guint i = 0; i < sorted->len; i++)
        {
          const JugglerPoint *point = &g_array_index (sorted, JugglerPoint, i);

          if (!g_str_equal (point->series, name))
            continue;
          if (first)
            cairo_move_to (cr, X (point->x), Y (point->y));
          else
            cairo_line_to (cr, X (point->x), Y (point->y));
          first = FALSE;
        }
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }

  /* The markers over every line, the first measured series' (the largest) first. A
   * reference ("ideal", "frame") is its dashed line alone: no marker hides a measured one. */
  for (guint s = 0, n = 0; s < series->len; s++)
    {
      const char *name = g_ptr_array_index (series, s);
      const double *rgb = palette[s % G_N_ELEMENTS (palette)];
      gboolean reference = g_str_equal (name, "ideal") || g_str_equal (name, "frame");
      int text_width, text_height;

      for (guint i = 0; i < sorted->len && !reference; i++)
        {
          const JugglerPoint *point = &g_array_index (sorted, JugglerPoint, i);

          if (g_str_equal (point->series, name))
            draw_marker (cr, n, X (point->x), Y (point->y), get_marker_size (n), rgb, &bg);
        }

      cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
      pango_layout_set_text (layout, juggler_claim_chart_get_series_title (name), -1);
      pango_layout_get_pixel_size (layout, &text_width, &text_height);
      cairo_move_to (cr, legend_x[s], legend_y[s]);
      pango_cairo_show_layout (cr, layout);
      /* In the legend, one size for all: there they never overlap. */
      if (reference)
        {
          cairo_set_line_width (cr, 2);
          cairo_set_dash (cr, (double[]) { 3, 2 }, 2, 0);
          cairo_move_to (cr, legend_x[s] - 15, legend_y[s] + text_height / 2.0);
          cairo_line_to (cr, legend_x[s] - 3, legend_y[s] + text_height / 2.0);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
        }
      else
        draw_marker (cr, n, legend_x[s] - 9, legend_y[s] + text_height / 2.0, 4.5, rgb, &bg);
      n += !reference;
    }

#undef X
#undef Y
}
