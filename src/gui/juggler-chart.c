/* juggler-chart.c: a small live chart of the last seconds of one measurement
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-chart"

#include "config.h"

#include "juggler-chart.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#define HEADER_GAP   4.0
/* At least this much room between the title and the readout. */
#define TITLE_GAP    12.0
/* Between the scale labels and the plot, and between the plot and the time axis. */
#define SCALE_GAP    4.0
#define AXIS_GAP     2.0
/* How far an idle chart moves at a time: once a second is enough for a window at rest. */
#define REST_STEP_US G_USEC_PER_SEC
/* A dim text colour that still has 4.5:1 against the card, in light and dark styles. */
#define DIM_ALPHA    0.75

struct _JugglerChart
{
  GtkWidget      parent_instance;

  char          *title;
  char          *readout;
  char          *unit;
  double         min_range;
  double         reference;
  gboolean       live;

  /* The samples plotted: the chart's own, or a series someone else owns and trims. */
  JugglerSeries *own_series;
  JugglerSeries *series;
  gint64         now_us;
  /* The right edge of the last redraw that was asked for. */
  gint64         drawn_now_us;
  /* The plot's width in the last snapshot, in pixels; 0 before the first. */
  int            drawn_plot_w;

  /* Shaped once and kept until their text or the style changes: a live chart is redrawn
   * in every frame, its text a few times a second. */
  PangoLayout   *title_layout;
  PangoLayout   *readout_layout;
  PangoLayout   *scale_layout;
  PangoLayout   *zero_layout;
  PangoLayout   *gutter_layout;
  PangoLayout   *axis_layouts[3];
  char          *scale_text;

  /* Per pixel column of the plot, reused from draw to draw. */
  GArray        *columns;
};

enum {
  PROP_0,
  PROP_TITLE,
  PROP_READOUT,
  PROP_UNIT,
  PROP_MIN_RANGE,
  PROP_REFERENCE,
  PROP_LIVE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (JugglerChart, juggler_chart, GTK_TYPE_WIDGET)

/* Where the parts of the chart go, in widget coordinates. */
typedef struct
{
  double width;
  double header_h;
  double plot_x;
  double plot_y;
  double plot_w;
  double plot_h;
  double axis_y;
  double range;
} Layout;

/* The step function over one pixel column: the values it takes there, in order. */
typedef struct
{
  double   entry;
  double   exit;
  double   low;
  double   high;
  gboolean used;
} Column;

/* g_set_str() is GLib 2.76. */
static gboolean
set_str (char       **dest,
         const char  *src)
{
  if (g_strcmp0 (*dest, src) == 0)
    return FALSE;

  g_free (*dest);
  *dest = g_strdup (src);
  return TRUE;
}

static double
round_up_nicely (double value)
{
  static const double steps[] = { 1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10 };
  double magnitude;

  if (!(value > 0) || !isfinite (value))
    return 1;

  magnitude = pow (10, floor (log10 (value)));
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      /* A relative tolerance, so 80 stays 80 despite rounding in log10 and pow. */
      if (value <= steps[i] * magnitude * (1 + 1e-9))
        return steps[i] * magnitude;
    }

  return 10 * magnitude;
}

double
juggler_chart_compute_range (double min_range,
                             double reference,
                             double max_value)
{
  /* Room above the reference so the line never sits on the top edge, and above the
   * largest value so a spike's top shows. */
  double top = MAX (min_range, reference * 1.25);

  if (isfinite (max_value))
    top = MAX (top, max_value * 1.05);

  return round_up_nicely (top);
}

static char *
format_number (double value)
{
  if (value >= 10000)
    /* TRANSLATORS: thousands on a chart's scale, "12k" */
    return g_strdup_printf (_("%gk"), value / 1000);

  return g_strdup_printf ("%g", value);
}

char *
juggler_chart_format_value (double      value,
                            const char *unit)
{
  g_autofree char *number = NULL;

  if (g_strcmp0 (unit, "ms") == 0 && value >= 1000)
    {
      number = format_number (value / 1000);
      /* TRANSLATORS: seconds on a chart's scale, "1.5 s" */
      return g_strdup_printf (_("%s s"), number);
    }

  number = format_number (value);
  if (unit == NULL || *unit == '\0')
    return g_steal_pointer (&number);
  /* A rate without a noun: "250/s". */
  if (unit[0] == '/')
    return g_strconcat (number, unit, NULL);

  /* TRANSLATORS: a number and its unit on a chart's scale, "40 ms", "80 fps" */
  return g_strdup_printf (_("%s %s"), number, unit);
}

static PangoLayout *
create_layout (JugglerChart *self,
               const char   *text,
               gboolean      bold,
               gboolean      small)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();

  if (bold)
    pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  if (small)
    pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum"));
  pango_layout_set_attributes (layout, attrs);

  return layout;
}

static PangoLayout *
ensure_layout (JugglerChart  *self,
               PangoLayout  **layout,
               const char    *text,
               gboolean       bold,
               gboolean       small)
{
  if (*layout == NULL)
    *layout = create_layout (self, text ? text : "", bold, small);

  return *layout;
}

static void
clear_layouts (JugglerChart *self)
{
  g_clear_object (&self->title_layout);
  g_clear_object (&self->readout_layout);
  g_clear_object (&self->scale_layout);
  g_clear_object (&self->zero_layout);
  g_clear_object (&self->gutter_layout);
  for (guint i = 0; i < G_N_ELEMENTS (self->axis_layouts); i++)
    g_clear_object (&self->axis_layouts[i]);
}

static int
get_small_text_height (JugglerChart *self)
{
  int height;

  pango_layout_get_pixel_size (ensure_layout (self, &self->zero_layout, "0", FALSE, TRUE),
                               NULL, &height);

  return height;
}

/* The index of the first sample at or after time_us: samples are in time order. */
static guint
find_first_since (JugglerSeries *series,
                  gint64         time_us)
{
  guint low = 0, high = juggler_series_get_length (series);

  while (low < high)
    {
      guint mid = low + (high - low) / 2;
      gint64 t;

      juggler_series_get (series, mid, &t, NULL);
      if (t < time_us)
        low = mid + 1;
      else
        high = mid;
    }

  return low;
}

static double
get_max_visible (JugglerChart *self,
                 gint64        now_us)
{
  guint n = juggler_series_get_length (self->series);
  double max = -INFINITY;

  /* The sample that ends first inside the window still covers its left edge. */
  for (guint i = find_first_since (self->series, now_us - JUGGLER_CHART_WINDOW_US); i < n; i++)
    {
      gint64 t;
      double v;

      juggler_series_get (self->series, i, &t, &v);
      if (t > now_us)
        break;
      max = MAX (max, v);
    }

  return max;
}

/* The text keeps the colour the chart inherits; the chart's own CSS colour is its trace's,
 * and a trace colour such as yellow or purple is too faint for text (below 4.5:1). */
static void
get_colors (JugglerChart *self,
            GdkRGBA      *trace,
            GdkRGBA      *text)
{
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self));

  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), trace);
  if (parent != NULL)
    gtk_style_context_get_color (gtk_widget_get_style_context (parent), text);
  else
    *text = *trace;
}

static void
append_layout_at (GtkSnapshot   *snapshot,
                  PangoLayout   *layout,
                  double         x,
                  double         y,
                  const GdkRGBA *color)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

/* Whether the readout fits beside the whole title in width; if not it goes under it, since
 * neither the title nor the numbers should be cut short. */
static gboolean
header_fits (JugglerChart *self,
             double        width)
{
  PangoLayout *title = ensure_layout (self, &self->title_layout, self->title, TRUE, FALSE);
  PangoLayout *readout = ensure_layout (self, &self->readout_layout, self->readout, FALSE, TRUE);
  int title_w, readout_w;

  if (self->readout == NULL || *self->readout == '\0')
    return TRUE;

  pango_layout_set_width (title, -1);
  pango_layout_get_pixel_size (title, &title_w, NULL);
  pango_layout_get_pixel_size (readout, &readout_w, NULL);

  return title_w + TITLE_GAP + readout_w <= width;
}

/* The title on the left and the readout on the right, or the readout on a line of its own
 * when they do not fit side by side. Returns the header's height. */
static double
draw_header (JugglerChart  *self,
             GtkSnapshot   *snapshot,
             double         width,
             const GdkRGBA *color)
{
  gboolean fits = header_fits (self, width);
  PangoLayout *title = self->title_layout;
  PangoLayout *readout = self->readout_layout;
  int title_h, readout_w, readout_h;
  double readout_y;

  pango_layout_set_ellipsize (title, PANGO_ELLIPSIZE_END);
  pango_layout_set_width (title, (int) MAX (width, 0) * PANGO_SCALE);
  pango_layout_get_pixel_size (title, NULL, &title_h);
  pango_layout_get_pixel_size (readout, &readout_w, &readout_h);
  append_layout_at (snapshot, title, 0, 0, color);

  if (fits)
    readout_y = pango_layout_get_baseline (title) / PANGO_SCALE -
                pango_layout_get_baseline (readout) / PANGO_SCALE;
  else
    readout_y = title_h;
  append_layout_at (snapshot, readout, MAX (width - readout_w, 0), readout_y, color);

  return fits ? title_h : title_h + readout_h;
}

/* The scale's labels go left of the plot, where no spike can run through them. */
static void
compute_layout (JugglerChart *self,
                double        width,
                double        height,
                double        header_h,
                Layout       *layout)
{
  g_autofree char *scale_text = NULL;
  int scale_w, gutter_w, small_h = get_small_text_height (self);

  layout->width = width;
  layout->header_h = header_h;
  layout->range = juggler_chart_compute_range (self->min_range, self->reference,
                                               get_max_visible (self, self->drawn_now_us));

  scale_text = juggler_chart_format_value (layout->range, self->unit);
  if (g_strcmp0 (scale_text, self->scale_text) != 0)
    {
      g_clear_object (&self->scale_layout);
      g_free (self->scale_text);
      self->scale_text = g_steal_pointer (&scale_text);
    }
  pango_layout_get_pixel_size (ensure_layout (self, &self->scale_layout, self->scale_text,
                                              FALSE, TRUE),
                               &scale_w, NULL);
  /* Wide enough for the usual labels, so the plots of charts in a column line up. */
  pango_layout_get_pixel_size (ensure_layout (self, &self->gutter_layout, "000 ms", FALSE, TRUE),
                               &gutter_w, NULL);

  layout->plot_x = MAX (scale_w, gutter_w) + SCALE_GAP;
  layout->plot_y = header_h + HEADER_GAP;
  layout->plot_w = MAX (width - layout->plot_x, 0);
  layout->axis_y = height - small_h;
  layout->plot_h = layout->axis_y - AXIS_GAP - layout->plot_y;
}

static void
draw_scale (JugglerChart  *self,
            GtkSnapshot   *snapshot,
            const Layout  *layout,
            const GdkRGBA *color)
{
  int scale_w, scale_h, zero_w, zero_h;

  pango_layout_get_pixel_size (self->scale_layout, &scale_w, &scale_h);
  pango_layout_get_pixel_size (self->zero_layout, &zero_w, &zero_h);

  append_layout_at (snapshot, self->scale_layout,
                    layout->plot_x - SCALE_GAP - scale_w, layout->plot_y, color);
  append_layout_at (snapshot, self->zero_layout,
                    layout->plot_x - SCALE_GAP - zero_w,
                    layout->plot_y + layout->plot_h - zero_h, color);
}

/* Seconds ago under the plot: the window's left edge, its middle and now. */
static void
draw_time_axis (JugglerChart  *self,
                GtkSnapshot   *snapshot,
                const Layout  *layout,
                const GdkRGBA *color)
{
  const double window_s = JUGGLER_CHART_WINDOW_US / (double) G_USEC_PER_SEC;

  for (guint i = 0; i < G_N_ELEMENTS (self->axis_layouts); i++)
    {
      double fraction = (double) i / (G_N_ELEMENTS (self->axis_layouts) - 1);
      int text_w;
      double x;

      if (self->axis_layouts[i] == NULL)
        {
          g_autofree char *text = NULL;

          if (i == G_N_ELEMENTS (self->axis_layouts) - 1)
            /* TRANSLATORS: the right edge of a chart's time axis */
            text = g_strdup (_("now"));
          else
            /* TRANSLATORS: a point on a chart's time axis, "10 s ago" */
            text = g_strdup_printf (_("%g s ago"), window_s * (1 - fraction));
          self->axis_layouts[i] = create_layout (self, text, FALSE, TRUE);
        }

      pango_layout_get_pixel_size (self->axis_layouts[i], &text_w, NULL);
      x = layout->plot_x + fraction * layout->plot_w - fraction * text_w;
      append_layout_at (snapshot, self->axis_layouts[i], x, layout->axis_y, color);
    }
}

static double
value_to_y (const Layout *layout,
            double        value)
{
  return layout->plot_y + layout->plot_h - CLAMP (value / layout->range, 0, 1) * layout->plot_h;
}

static double
time_to_x (JugglerChart *self,
           const Layout *layout,
           gint64        time_us)
{
  return layout->plot_x + layout->plot_w -
         (double) (self->drawn_now_us - time_us) / JUGGLER_CHART_WINDOW_US * layout->plot_w;
}

static void
column_add (Column *column,
            double  value)
{
  if (!column->used)
    {
      column->entry = column->low = column->high = value;
      column->used = TRUE;
    }
  column->low = MIN (column->low, value);
  column->high = MAX (column->high, value);
  column->exit = value;
}

/* Folds the samples into pixel columns: sample i covers the time since sample i - 1, so a
 * long frame interval covers every column it lasted. Stroking a noisy line costs cairo far
 * more than linearly in its points (600 measured 1.4 ms a chart per frame, 280 0.35 ms), so
 * the path gets at most four points a column, and every spike stays. */
static guint
fill_columns (JugglerChart *self,
              const Layout *layout)
{
  guint n_columns = (guint) ceil (layout->plot_w);
  guint n = juggler_series_get_length (self->series);
  guint first = find_first_since (self->series, self->drawn_now_us - JUGGLER_CHART_WINDOW_US);
  gint64 previous_t;

  g_array_set_size (self->columns, n_columns);
  memset (self->columns->data, 0, sizeof (Column) * n_columns);
  if (first >= n)
    return n_columns;

  if (first > 0)
    juggler_series_get (self->series, first - 1, &previous_t, NULL);
  else
    juggler_series_get (self->series, first, &previous_t, NULL);

  for (guint i = first; i < n; i++)
    {
      gint64 t;
      double v;
      int from, to;

      juggler_series_get (self->series, i, &t, &v);
      if (t > self->drawn_now_us)
        break;
      from = (int) floor (time_to_x (self, layout, previous_t) - layout->plot_x);
      to = (int) floor (time_to_x (self, layout, t) - layout->plot_x);
      from = CLAMP (from, 0, (int) n_columns - 1);
      to = CLAMP (to, 0, (int) n_columns - 1);
      for (int c = from; c <= to; c++)
        column_add (&g_array_index (self->columns, Column, c), v);
      previous_t = t;
    }

  return n_columns;
}

static void
trace_series (JugglerChart  *self,
              cairo_t       *cr,
              const Layout  *layout,
              const GdkRGBA *color)
{
  guint n_columns = fill_columns (self, layout);
  double baseline = layout->plot_y + layout->plot_h;
  double first_x = 0, last_x = 0;
  gboolean started = FALSE;
  cairo_path_t *path;

  for (guint c = 0; c < n_columns; c++)
    {
      const Column *column = &g_array_index (self->columns, Column, c);
      double x = layout->plot_x + c;
      gboolean rising = column->exit >= column->entry;

      if (!column->used)
        continue;

      if (!started)
        {
          cairo_move_to (cr, x, value_to_y (layout, column->entry));
          first_x = x;
          started = TRUE;
        }
      else
        cairo_line_to (cr, x, value_to_y (layout, column->entry));

      /* A step within the column goes through both extremes, in the direction it goes. */
      if (column->low != column->high)
        {
          cairo_line_to (cr, x + 0.5, value_to_y (layout, rising ? column->low : column->high));
          cairo_line_to (cr, x + 0.5, value_to_y (layout, rising ? column->high : column->low));
        }
      last_x = MIN (x + 1, layout->plot_x + layout->plot_w);
      cairo_line_to (cr, last_x, value_to_y (layout, column->exit));
    }

  if (!started)
    return;

  path = cairo_copy_path (cr);
  cairo_line_to (cr, last_x, baseline);
  cairo_line_to (cr, first_x, baseline);
  cairo_close_path (cr);
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, 0.18);
  cairo_fill (cr);

  cairo_append_path (cr, path);
  cairo_path_destroy (path);
  cairo_set_line_width (cr, 1.5);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  gdk_cairo_set_source_rgba (cr, color);
  cairo_stroke (cr);
}

/* On top of the trace, so a trace that sits on it (60 fps on the 60 fps line) cannot hide it. */
static void
draw_reference (JugglerChart  *self,
                cairo_t       *cr,
                const Layout  *layout,
                const GdkRGBA *color)
{
  static const double dash[] = { 3, 3 };
  double y;

  if (self->reference <= 0)
    return;

  y = round (value_to_y (layout, self->reference)) + 0.5;
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, 0.6);
  cairo_set_line_width (cr, 1);
  cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
  cairo_move_to (cr, layout->plot_x, y);
  cairo_line_to (cr, layout->plot_x + layout->plot_w, y);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
}

static void
juggler_chart_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  JugglerChart *self = JUGGLER_CHART (widget);
  g_autoptr(PangoLayout) layout = create_layout (self, "Hg", TRUE, FALSE);
  int text_h;

  pango_layout_get_pixel_size (layout, NULL, &text_h);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = 180;
  else
    {
      *minimum = *natural = text_h + HEADER_GAP + 48 + AXIS_GAP + get_small_text_height (self);
      if (for_size >= 0 && !header_fits (self, for_size))
        *minimum = *natural = *natural + get_small_text_height (self);
    }
}

static GtkSizeRequestMode
juggler_chart_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
juggler_chart_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  JugglerChart *self = JUGGLER_CHART (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  GdkRGBA trace, text, dim;
  Layout layout;
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;

  get_colors (self, &trace, &text);
  dim = text;
  dim.alpha *= DIM_ALPHA;

  compute_layout (self, width, height, draw_header (self, snapshot, width, &text), &layout);
  self->drawn_plot_w = (int) layout.plot_w;
  /* Too small to plot: the header is all there is room for. */
  if (layout.plot_h < 4 || layout.plot_w < 4)
    return;

  draw_scale (self, snapshot, &layout, &dim);
  draw_time_axis (self, snapshot, &layout, &dim);

  cr = gtk_snapshot_append_cairo (snapshot,
                                  &GRAPHENE_RECT_INIT (layout.plot_x, layout.plot_y,
                                                       layout.plot_w, layout.plot_h + 1));
  cairo_set_source_rgba (cr, text.red, text.green, text.blue, 0.06);
  cairo_rectangle (cr, layout.plot_x, layout.plot_y, layout.plot_w, layout.plot_h);
  cairo_fill (cr);
  trace_series (self, cr, &layout, &trace);
  draw_reference (self, cr, &layout, &text);
  cairo_destroy (cr);
}

static void
juggler_chart_finalize (GObject *object)
{
  JugglerChart *self = (JugglerChart *) object;

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->readout, g_free);
  g_clear_pointer (&self->unit, g_free);
  g_clear_pointer (&self->own_series, juggler_series_free);
  g_clear_pointer (&self->scale_text, g_free);
  g_clear_pointer (&self->columns, g_array_unref);
  clear_layouts (self);

  G_OBJECT_CLASS (juggler_chart_parent_class)->finalize (object);
}

/* A new font, letter spacing or font setting: shape the text again. */
static void
juggler_chart_css_changed (GtkWidget         *widget,
                           GtkCssStyleChange *change)
{
  clear_layouts (JUGGLER_CHART (widget));

  GTK_WIDGET_CLASS (juggler_chart_parent_class)->css_changed (widget, change);
}

static void
juggler_chart_system_setting_changed (GtkWidget        *widget,
                                      GtkSystemSetting  setting)
{
  clear_layouts (JUGGLER_CHART (widget));

  GTK_WIDGET_CLASS (juggler_chart_parent_class)->system_setting_changed (widget, setting);
}

static void
juggler_chart_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  JugglerChart *self = JUGGLER_CHART (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_READOUT:
      g_value_set_string (value, self->readout);
      break;

    case PROP_UNIT:
      g_value_set_string (value, self->unit);
      break;

    case PROP_MIN_RANGE:
      g_value_set_double (value, self->min_range);
      break;

    case PROP_REFERENCE:
      g_value_set_double (value, self->reference);
      break;

    case PROP_LIVE:
      g_value_set_boolean (value, self->live);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_double (JugglerChart *self,
            double       *field,
            double        value,
            guint         prop_id)
{
  if (value == *field)
    return;

  *field = value;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
juggler_chart_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  JugglerChart *self = JUGGLER_CHART (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      juggler_chart_set_title (self, g_value_get_string (value));
      break;

    case PROP_READOUT:
      juggler_chart_set_readout (self, g_value_get_string (value));
      break;

    case PROP_UNIT:
      juggler_chart_set_unit (self, g_value_get_string (value));
      break;

    case PROP_MIN_RANGE:
      set_double (self, &self->min_range, g_value_get_double (value), PROP_MIN_RANGE);
      break;

    case PROP_REFERENCE:
      set_double (self, &self->reference, g_value_get_double (value), PROP_REFERENCE);
      break;

    case PROP_LIVE:
      juggler_chart_set_live (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
juggler_chart_class_init (JugglerChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = juggler_chart_finalize;
  object_class->get_property = juggler_chart_get_property;
  object_class->set_property = juggler_chart_set_property;

  widget_class->get_request_mode = juggler_chart_get_request_mode;
  widget_class->measure = juggler_chart_measure;
  widget_class->snapshot = juggler_chart_snapshot;
  widget_class->css_changed = juggler_chart_css_changed;
  widget_class->system_setting_changed = juggler_chart_system_setting_changed;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_READOUT] =
    g_param_spec_string ("readout", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UNIT] =
    g_param_spec_string ("unit", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The smallest top of the y axis. */
  properties[PROP_MIN_RANGE] =
    g_param_spec_double ("min-range", NULL, NULL, 0, G_MAXDOUBLE, 1,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* A dashed line at a value worth comparing with, e.g. one frame at 60 Hz; 0 for none. */
  properties[PROP_REFERENCE] =
    g_param_spec_double ("reference", NULL, NULL, 0, G_MAXDOUBLE, 0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LIVE] =
    g_param_spec_boolean ("live", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
juggler_chart_init (JugglerChart *self)
{
  self->min_range = 1;
  self->live = TRUE;
  self->own_series = juggler_series_new ();
  self->series = self->own_series;
  self->columns = g_array_new (FALSE, TRUE, sizeof (Column));
}

/* A new title or readout: a new size only if it no longer fits as before (the readout
 * changes a few times a second, a relayout costs more than a redraw). */
static void
queue_header_change (JugglerChart *self,
                     gboolean      fitted)
{
  if (header_fits (self, gtk_widget_get_width (GTK_WIDGET (self))) != fitted)
    gtk_widget_queue_resize (GTK_WIDGET (self));
  else
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

GtkWidget *
juggler_chart_new (const char *title)
{
  return g_object_new (JUGGLER_TYPE_CHART, "title", title, NULL);
}

const char *
juggler_chart_get_title (JugglerChart *self)
{
  g_return_val_if_fail (JUGGLER_IS_CHART (self), NULL);

  return self->title;
}

void
juggler_chart_set_title (JugglerChart *self,
                         const char   *title)
{
  g_return_if_fail (JUGGLER_IS_CHART (self));

  gboolean fitted = header_fits (self, gtk_widget_get_width (GTK_WIDGET (self)));

  if (set_str (&self->title, title))
    {
      g_clear_object (&self->title_layout);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                      -1);
      queue_header_change (self, fitted);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
    }
}

const char *
juggler_chart_get_readout (JugglerChart *self)
{
  g_return_val_if_fail (JUGGLER_IS_CHART (self), NULL);

  return self->readout;
}

void
juggler_chart_set_readout (JugglerChart *self,
                           const char   *readout)
{
  gboolean fitted;

  g_return_if_fail (JUGGLER_IS_CHART (self));

  fitted = header_fits (self, gtk_widget_get_width (GTK_WIDGET (self)));
  if (set_str (&self->readout, readout))
    {
      g_clear_object (&self->readout_layout);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, readout,
                                      -1);
      queue_header_change (self, fitted);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READOUT]);
    }
}

const char *
juggler_chart_get_unit (JugglerChart *self)
{
  g_return_val_if_fail (JUGGLER_IS_CHART (self), NULL);

  return self->unit;
}

void
juggler_chart_set_unit (JugglerChart *self,
                        const char   *unit)
{
  g_return_if_fail (JUGGLER_IS_CHART (self));

  if (set_str (&self->unit, unit))
    {
      /* The scale's width depends on it: the plot moves. */
      g_clear_pointer (&self->scale_text, g_free);
      g_clear_object (&self->scale_layout);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNIT]);
    }
}

gboolean
juggler_chart_get_live (JugglerChart *self)
{
  g_return_val_if_fail (JUGGLER_IS_CHART (self), FALSE);

  return self->live;
}

void
juggler_chart_set_live (JugglerChart *self,
                        gboolean      live)
{
  g_return_if_fail (JUGGLER_IS_CHART (self));

  live = !!live;
  if (live == self->live)
    return;

  self->live = live;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIVE]);
}

void
juggler_chart_set_series (JugglerChart  *self,
                          JugglerSeries *series)
{
  g_return_if_fail (JUGGLER_IS_CHART (self));

  series = series != NULL ? series : self->own_series;
  if (series == self->series)
    return;

  self->series = series;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
juggler_chart_push (JugglerChart *self,
                    gint64        time_us,
                    double        value)
{
  g_return_if_fail (JUGGLER_IS_CHART (self));
  g_return_if_fail (self->series == self->own_series);

  juggler_series_append (self->own_series, time_us, value);
}

void
juggler_chart_set_now (JugglerChart *self,
                       gint64        now_us)
{
  g_return_if_fail (JUGGLER_IS_CHART (self));

  self->now_us = now_us;
  /* Keep one sample beyond the left edge: it says where the first step starts. */
  if (self->series == self->own_series)
    juggler_series_trim_to_edge (self->own_series,
                         now_us - JUGGLER_CHART_WINDOW_US - 2 * G_USEC_PER_SEC);

  /* At rest the picture moves by whole seconds, so it is redrawn once a second, not in
   * every frame; what it shows is as of drawn_now_us. */
  if (!self->live && self->drawn_now_us != 0 && now_us >= self->drawn_now_us &&
      now_us - self->drawn_now_us < REST_STEP_US)
    return;

  /* Live, it moves by whole pixels: 10 s across 230 pixels is a pixel every 43 ms, so a
   * redraw in every frame would draw the same picture two frames in three, and each redraw
   * of the window's right column costs the cairo renderer a repaint of all it covers.
   * Every chart of the same width steps in the same frames. */
  if (self->live && self->drawn_plot_w > 0)
    {
      gint64 step_us = MAX (JUGGLER_CHART_WINDOW_US / self->drawn_plot_w, 1);

      now_us -= now_us % step_us;
      if (now_us == self->drawn_now_us)
        return;
    }

  self->drawn_now_us = now_us;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
juggler_chart_clear (JugglerChart *self)
{
  g_return_if_fail (JUGGLER_IS_CHART (self));

  juggler_series_clear (self->own_series);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gint64
juggler_chart_get_shown_now (JugglerChart *self)
{
  g_return_val_if_fail (JUGGLER_IS_CHART (self), 0);

  return self->drawn_now_us;
}
