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
/* The plot's own height, whatever the legend above it and the axis under it take. */
#define PLOT_HEIGHT_PX 80
/* Room under the plot: the x axis' values and name, or its name alone for kinds. */
#define BOTTOM_TICKS_PX 46
#define BOTTOM_KINDS_PX 28
/* The legend's line starts at least this far down; the plot at least this far. */
#define LEGEND_TOP_PX 2
#define PLOT_MIN_TOP_PX 24
/* A width to measure at when none is given. */
#define FALLBACK_WIDTH_PX 400

struct _JugglerClaimChart
{
  GtkWidget           parent_instance;

  const JugglerClaim *claim;
  GArray             *points;   /* JugglerPoint, the page's: read, never changed */
};

G_DEFINE_FINAL_TYPE (JugglerClaimChart, juggler_claim_chart, GTK_TYPE_WIDGET)

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

/* points sorted by x, and the series in the order they first appear there (which gives each
 * its colour and marker). */
static GArray *
sort_points (GArray     *points,
             GPtrArray  *series)
{
  GArray *sorted = g_array_sized_new (FALSE, FALSE, sizeof (JugglerPoint), points->len);

  /* Left to right: a series' line joins its points in the order of x, not of measurement. */
  g_array_append_vals (sorted, points->data, points->len);
  g_array_sort (sorted, compare_point_x);

  for (guint i = 0; i < sorted->len; i++)
    {
      const JugglerPoint *point = &g_array_index (sorted, JugglerPoint, i);
      gboolean known = FALSE;

      for (guint j = 0; j < series->len && !known; j++)
        known = g_str_equal (g_ptr_array_index (series, j), point->series);
      if (!known)
        g_ptr_array_add (series, point->series);
    }

  return sorted;
}

/* Each series' largest value, in the order of series. */
static double *
get_series_max (GArray    *sorted,
                GPtrArray *series)
{
  double *series_max = g_new0 (double, MAX (series->len, 1));

  for (guint i = 0; i < sorted->len; i++)
    {
      const JugglerPoint *point = &g_array_index (sorted, JugglerPoint, i);
      guint s;

      if (g_ptr_array_find_with_equal_func (series, point->series, g_str_equal, &s))
        series_max[s] = MAX (series_max[s], point->y);
    }

  return series_max;
}

/* Where a point is drawn: its value, or on a claim whose series each have a scale of their
 * own, its share of its series' largest value in per cent. */
static double
get_plotted_y (const JugglerClaim *claim,
               GPtrArray          *series,
               const double       *series_max,
               const JugglerPoint *point)
{
  guint s;

  if (!claim->y_per_series)
    return point->y;
  if (!g_ptr_array_find_with_equal_func (series, point->series, g_str_equal, &s) ||
      series_max[s] <= 0)
    return 0;

  return point->y / series_max[s] * 100;
}

/* What the legend calls each series: its title, and where each series has a scale of its
 * own, the value at the top of that scale. */
static GPtrArray *
dup_legend_titles (const JugglerClaim *claim,
                   GPtrArray          *series,
                   const double       *series_max)
{
  GPtrArray *titles = g_ptr_array_new_with_free_func (g_free);

  for (guint s = 0; s < series->len; s++)
    {
      const char *title = juggler_claim_chart_get_series_title (g_ptr_array_index (series, s));

      if (claim->y_per_series)
        {
          double top = series_max[s];
          /* Three digits or so, never as 1e+03. */
          int digits = top >= 100 ? 0 : top >= 10 ? 1 : 2;

          /* Translators: a chart's legend, a line's name and its largest value, the top
           * of the line's own scale: "KiB per thread (max 64.2)". */
          g_ptr_array_add (titles, g_strdup_printf (_("%s (max %.*f)"), title, digits, top));
        }
      else
        g_ptr_array_add (titles, g_strdup (title));
    }

  return titles;
}

static gboolean
has_x_ticks (const JugglerClaim *claim)
{
  /* Amounts on x get their values under the axis, kinds only the legend. */
  return !claim->x_is_kind;
}

/* The legend right to left on the y axis name's line, clear of the name; what does not fit
 * goes on lines below it. Fills legend_x/_y (may be NULL) for each series and returns where
 * the plot starts, under the last line. */
static double
layout_legend (PangoLayout        *layout,
               const JugglerClaim *claim,
               GPtrArray          *titles,
               double              left,
               double              right,
               double             *legend_x,
               double             *legend_y)
{
  double line_left, line_right = right, line_y = LEGEND_TOP_PX;
  int text_width, text_height = 0;

  /* The y axis' name, cut short in a narrow window; the legend goes under it when it does
   * not fit beside it. */
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_width (layout, MAX (right - left, 1) * PANGO_SCALE);
  pango_layout_set_text (layout, claim->y_axis != NULL ? _(claim->y_axis) : "", -1);
  pango_layout_get_pixel_size (layout, &text_width, &text_height);
  pango_layout_set_width (layout, -1);
  line_left = left + text_width + 16;
  for (guint s = 0; s < titles->len; s++)
    {
      pango_layout_set_text (layout, g_ptr_array_index (titles, s), -1);
      pango_layout_get_pixel_size (layout, &text_width, &text_height);
      if (line_right - text_width - 16 < line_left && (line_right < right || line_left > left))
        {
          line_right = right;
          line_y += text_height + 2;
          line_left = left;
        }
      if (legend_x != NULL)
        {
          legend_x[s] = line_right - text_width;
          legend_y[s] = line_y;
        }
      line_right -= text_width + 24;
    }

  return MAX (PLOT_MIN_TOP_PX, line_y + text_height + 8);
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
  gboolean x_ticks = has_x_ticks (claim);
  double left = 48, right = width - 12, top = PLOT_MIN_TOP_PX;
  double bottom = height - (x_ticks ? BOTTOM_TICKS_PX : BOTTOM_KINDS_PX);
  g_autofree double *legend_x = NULL;
  g_autofree double *legend_y = NULL;
  g_autofree double *series_max = NULL;
  g_autoptr(GPtrArray) titles = NULL;
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

  sorted = sort_points (points, series);
  series_max = get_series_max (sorted, series);
  titles = dup_legend_titles (claim, series, series_max);
  for (guint i = 0; i < sorted->len; i++)
    {
      const JugglerPoint *point = &g_array_index (sorted, JugglerPoint, i);

      x_min = MIN (x_min, point->x);
      x_max = MAX (x_max, point->x);
      y_max = MAX (y_max, get_plotted_y (claim, series, series_max, point));
    }
  legend_x = g_new0 (double, series->len);
  legend_y = g_new0 (double, series->len);
  top = layout_legend (layout, claim, titles, left, right, legend_x, legend_y);

  log_x = x_min > 0 && x_max / x_min >= 100;
  if (x_max == x_min)
    {
      x_min -= 1;
      x_max += 1;
    }
  /* A round top above the highest point, in steps far enough apart for their values; on
   * scales of each line's own, the last step is 100 %, a little room above it for the
   * markers there. */
  y_max = juggler_format_nice_axis (claim->y_per_series ? 100 : y_max * 1.05,
                                    MAX ((bottom - top) / MIN_STEP_PX, 1), &y_step);
  if (claim->y_per_series)
    y_max *= 1.1;

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

      /* Kinds on x are in no order: a line from one to the next would show a trend that
       * is not there (blocking for CPU work, then for requests). */
      if (claim->x_is_kind && !reference)
        continue;
      cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
      cairo_set_line_width (cr, 2);
      if (reference)
        cairo_set_dash (cr, (double[]) { 4, 4 }, 2, 0);
      for (guint i = 0; i < sorted->len; i++)
        {
          const JugglerPoint *point = &g_array_index (sorted, JugglerPoint, i);

          if (!g_str_equal (point->series, name))
            continue;
          double y = get_plotted_y (claim, series, series_max, point);

          if (first)
            cairo_move_to (cr, X (point->x), Y (y));
          else
            cairo_line_to (cr, X (point->x), Y (y));
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
            draw_marker (cr, n, X (point->x), Y (get_plotted_y (claim, series, series_max, point)),
                         get_marker_size (n), rgb, &bg);
        }

      cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
      pango_layout_set_text (layout, g_ptr_array_index (titles, s), -1);
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

/* The height a chart of width needs: the legend's lines, then the plot at its own height
 * and the x axis, so a legend that wraps in a narrow window takes nothing of the plot. */
static int
measure_height (JugglerClaimChart *self,
                int                width)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  g_autoptr(GPtrArray) series = g_ptr_array_new ();
  g_autoptr(GArray) sorted = NULL;
  g_autofree double *series_max = NULL;
  g_autoptr(GPtrArray) titles = NULL;
  double top;

  /* Empty, with the y axis' line all the same: the first points change nothing where the
   * legend fits beside it, and relayouts cost frames (the page is mostly wrapped text). */
  sorted = sort_points (self->points, series);
  series_max = get_series_max (sorted, series);
  titles = dup_legend_titles (self->claim, series, series_max);
  top = layout_legend (layout, self->claim, titles, 48, width - 12, NULL, NULL);

  return ceil (top) + PLOT_HEIGHT_PX +
         (has_x_ticks (self->claim) ? BOTTOM_TICKS_PX : BOTTOM_KINDS_PX);
}

static GtkSizeRequestMode
juggler_claim_chart_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
juggler_claim_chart_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  JugglerClaimChart *self = JUGGLER_CLAIM_CHART (widget);

  /* As wide as it is given; as high as that width needs. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = 0;
  else
    *minimum = *natural = measure_height (self, for_size > 0 ? for_size : FALLBACK_WIDTH_PX);
}

static void
juggler_claim_chart_snapshot (GtkWidget   *widget,
                              GtkSnapshot *snapshot)
{
  JugglerClaimChart *self = JUGGLER_CLAIM_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (width <= 0 || height <= 0 || self->points == NULL)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  juggler_claim_chart_draw (widget, cr, width, height, self->claim, self->points);
  cairo_destroy (cr);
}

static void
juggler_claim_chart_finalize (GObject *object)
{
  JugglerClaimChart *self = (JugglerClaimChart *) object;

  g_clear_pointer (&self->points, g_array_unref);

  G_OBJECT_CLASS (juggler_claim_chart_parent_class)->finalize (object);
}

static void
juggler_claim_chart_class_init (JugglerClaimChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = juggler_claim_chart_finalize;
  widget_class->get_request_mode = juggler_claim_chart_get_request_mode;
  widget_class->measure = juggler_claim_chart_measure;
  widget_class->snapshot = juggler_claim_chart_snapshot;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
juggler_claim_chart_init (JugglerClaimChart *self)
{
}

GtkWidget *
juggler_claim_chart_new (const JugglerClaim *claim,
                         GArray             *points)
{
  JugglerClaimChart *self;

  g_return_val_if_fail (claim != NULL, NULL);
  g_return_val_if_fail (points != NULL, NULL);

  self = g_object_new (JUGGLER_TYPE_CLAIM_CHART, NULL);
  self->claim = claim;
  self->points = g_array_ref (points);

  return GTK_WIDGET (self);
}

void
juggler_claim_chart_points_changed (JugglerClaimChart *self)
{
  int width;

  g_return_if_fail (JUGGLER_IS_CLAIM_CHART (self));

  /* Measured again only when the legend needs another height at this width: a relayout
   * while an experiment runs is UI thread time its frames would count. */
  width = gtk_widget_get_width (GTK_WIDGET (self));
  if (width <= 0 || measure_height (self, width) != gtk_widget_get_height (GTK_WIDGET (self)))
    gtk_widget_queue_resize (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
