/* juggler-chart.c: a small live chart of the last seconds of one measurement
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-chart"

#include "config.h"

#include "juggler-chart.h"

#include <math.h>

#include "juggler-series.h"

#define WINDOW_US   (10 * G_USEC_PER_SEC)
#define HEADER_GAP  4.0
/* At least this much room between the title and the readout. */
#define TITLE_GAP   12.0

struct _JugglerChart
{
  GtkWidget      parent_instance;

  char          *title;
  char          *readout;
  double         min_range;
  double         reference;
  JugglerSeries *series;
  gint64         now_us;

  /* Shaped once and kept until their text or the style changes: the chart is redrawn on
   * every frame, its text a few times a second. */
  PangoLayout   *title_layout;
  PangoLayout   *readout_layout;
  PangoLayout   *scale_layout;
  char          *scale_text;
};

enum {
  PROP_0,
  PROP_TITLE,
  PROP_READOUT,
  PROP_MIN_RANGE,
  PROP_REFERENCE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (JugglerChart, juggler_chart, GTK_TYPE_WIDGET)

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

static PangoLayout *
create_layout (JugglerChart *self,
               const char   *text,
               gboolean      bold)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);

  if (bold)
    {
      g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
      pango_layout_set_attributes (layout, attrs);
    }

  return layout;
}

static PangoLayout *
ensure_layout (JugglerChart  *self,
               PangoLayout  **layout,
               const char    *text,
               gboolean       bold)
{
  if (*layout == NULL)
    *layout = create_layout (self, text ? text : "", bold);

  return *layout;
}

static void
clear_layouts (JugglerChart *self)
{
  g_clear_object (&self->title_layout);
  g_clear_object (&self->readout_layout);
  g_clear_object (&self->scale_layout);
}

/* The samples that fall into one pixel column of the plot. */
typedef struct
{
  double   column;
  double   low_x, low_y;    /* the lowest value: the largest y */
  double   high_x, high_y;
  gboolean low_first;
} PlotColumn;

static void
path_to (cairo_t  *cr,
         gboolean *started,
         double    x,
         double    y)
{
  if (*started)
    cairo_line_to (cr, x, y);
  else
    cairo_move_to (cr, x, y);
  *started = TRUE;
}

/* Visits the column's extremes in the order they were sampled; within a pixel they are
 * one point, which the 1.5 px line could not tell apart anyway. */
static void
path_column (cairo_t          *cr,
             gboolean         *started,
             const PlotColumn *c)
{
  if (c->low_y - c->high_y < 1)
    path_to (cr, started, c->low_x, (c->low_y + c->high_y) / 2);
  else if (c->low_first)
    {
      path_to (cr, started, c->low_x, c->low_y);
      path_to (cr, started, c->high_x, c->high_y);
    }
  else
    {
      path_to (cr, started, c->high_x, c->high_y);
      path_to (cr, started, c->low_x, c->low_y);
    }
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
  g_autoptr(PangoLayout) layout = create_layout (self, "Hg", TRUE);
  int text_h;

  pango_layout_get_pixel_size (layout, NULL, &text_h);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = 180;
  else
    *minimum = *natural = text_h + HEADER_GAP + 48;
}

static void
juggler_chart_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  JugglerChart *self = JUGGLER_CHART (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  PangoLayout *title = ensure_layout (self, &self->title_layout, self->title, TRUE);
  PangoLayout *readout = ensure_layout (self, &self->readout_layout, self->readout, FALSE);
  cairo_t *cr;
  g_autofree char *scale_text = NULL;
  GdkRGBA color;
  int text_h, readout_w;
  double top, plot_h, range;
  guint n;

  if (width <= 0 || height <= 0)
    return;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  G_GNUC_END_IGNORE_DEPRECATIONS

  /* The numbers matter more than the title: in a narrow chart the title gives way. */
  pango_layout_get_pixel_size (readout, &readout_w, NULL);
  pango_layout_set_ellipsize (title, PANGO_ELLIPSIZE_END);
  pango_layout_set_width (title, (int) MAX (width - readout_w - TITLE_GAP, 0) * PANGO_SCALE);
  pango_layout_get_pixel_size (title, NULL, &text_h);
  gtk_snapshot_append_layout (snapshot, title, &color);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (width - readout_w, 0));
  gtk_snapshot_append_layout (snapshot, readout, &color);
  gtk_snapshot_restore (snapshot);

  top = text_h + HEADER_GAP;
  plot_h = height - top - 1;
  /* Too small to plot: the header is all there is room for. */
  if (plot_h < 4)
    return;

  /* Scale to what is visible, but never below min-range, so noise does not look like drama. */
  range = MAX (self->min_range, self->reference * 1.5);
  n = juggler_series_get_length (self->series);
  for (guint i = 0; i < n; i++)
    {
      gint64 t;
      double v;

      juggler_series_get (self->series, i, &t, &v);
      if (t >= self->now_us - WINDOW_US)
        range = MAX (range, v * 1.1);
    }

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, top, width, plot_h + 1));

  /* Plot frame */
  cairo_set_line_width (cr, 1);
  cairo_set_source_rgba (cr, color.red, color.green, color.blue, 0.06);
  cairo_rectangle (cr, 0, top, width, plot_h);
  cairo_fill (cr);

  if (self->reference > 0)
    {
      double y = top + plot_h - self->reference / range * plot_h;
      static const double dash[] = { 3, 3 };

      cairo_set_source_rgba (cr, color.red, color.green, color.blue, 0.35);
      cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
      cairo_move_to (cr, 0, y + 0.5);
      cairo_line_to (cr, width, y + 0.5);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }

  if (n > 0)
    {
      gboolean started = FALSE;
      gboolean in_column = FALSE;
      PlotColumn c = { 0, };
      double first_x = 0, last_x;

      /* Two or more samples share a pixel column (60 a second over 10 s in a few hundred
       * pixels): the path visits only each column's lowest and highest point, so every
       * spike stays. Stroking a noisy line costs cairo far more than linearly in its
       * points: 600 measured 1.4 ms a chart per frame, 280 0.35 ms. */
      for (guint i = 0; i < n; i++)
        {
          gint64 t;
          double v, x, y;

          juggler_series_get (self->series, i, &t, &v);
          if (t < self->now_us - WINDOW_US - G_USEC_PER_SEC)
            continue;
          x = width - (double) (self->now_us - t) / WINDOW_US * width;
          y = top + plot_h - CLAMP (v / range, 0, 1) * plot_h;

          if (in_column && floor (x) == c.column)
            {
              if (y > c.low_y)
                {
                  c.low_x = x, c.low_y = y;
                  c.low_first = FALSE;
                }
              else if (y < c.high_y)
                {
                  c.high_x = x, c.high_y = y;
                  c.low_first = TRUE;
                }
              continue;
            }

          if (in_column)
            path_column (cr, &started, &c);
          else
            first_x = x;

          in_column = TRUE;
          c.column = floor (x);
          c.low_x = c.high_x = x;
          c.low_y = c.high_y = y;
          c.low_first = TRUE;
        }

      if (in_column)
        path_column (cr, &started, &c);

      if (started)
        {
          cairo_path_t *path = cairo_copy_path (cr);

          cairo_get_current_point (cr, &last_x, NULL);
          cairo_line_to (cr, last_x, top + plot_h);
          cairo_line_to (cr, first_x, top + plot_h);
          cairo_close_path (cr);
          cairo_set_source_rgba (cr, color.red, color.green, color.blue, 0.18);
          cairo_fill (cr);

          cairo_append_path (cr, path);
          cairo_path_destroy (path);
          cairo_set_line_width (cr, 1.5);
          cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
          gdk_cairo_set_source_rgba (cr, &color);
          cairo_stroke (cr);
        }
    }

  /* The top of the scale, faint, so a tall spike can be read. */
  scale_text = g_strdup_printf ("%.0f", range);
  if (g_strcmp0 (scale_text, self->scale_text) != 0)
    {
      g_clear_object (&self->scale_layout);
      g_free (self->scale_text);
      self->scale_text = g_steal_pointer (&scale_text);
    }
  cairo_move_to (cr, 3, top + 1);
  cairo_set_source_rgba (cr, color.red, color.green, color.blue, 0.5);
  pango_cairo_show_layout (cr, ensure_layout (self, &self->scale_layout, self->scale_text, FALSE));
  cairo_destroy (cr);
}

static void
juggler_chart_finalize (GObject *object)
{
  JugglerChart *self = (JugglerChart *) object;

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->readout, g_free);
  g_clear_pointer (&self->series, juggler_series_free);
  g_clear_pointer (&self->scale_text, g_free);
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

    case PROP_MIN_RANGE:
      g_value_set_double (value, self->min_range);
      break;

    case PROP_REFERENCE:
      g_value_set_double (value, self->reference);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
juggler_chart_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  JugglerChart *self = JUGGLER_CHART (object);
  double d;

  switch (prop_id)
    {
    case PROP_TITLE:
      juggler_chart_set_title (self, g_value_get_string (value));
      break;

    case PROP_READOUT:
      juggler_chart_set_readout (self, g_value_get_string (value));
      break;

    case PROP_MIN_RANGE:
      d = g_value_get_double (value);
      if (d != self->min_range)
        {
          self->min_range = d;
          gtk_widget_queue_draw (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_REFERENCE:
      d = g_value_get_double (value);
      if (d != self->reference)
        {
          self->reference = d;
          gtk_widget_queue_draw (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
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
  /* The smallest top of the y axis. */
  properties[PROP_MIN_RANGE] =
    g_param_spec_double ("min-range", NULL, NULL, 0, G_MAXDOUBLE, 1,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* A dashed line at a value worth comparing with, e.g. one frame at 60 Hz; 0 for none. */
  properties[PROP_REFERENCE] =
    g_param_spec_double ("reference", NULL, NULL, 0, G_MAXDOUBLE, 0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
juggler_chart_init (JugglerChart *self)
{
  self->min_range = 1;
  self->series = juggler_series_new ();
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

  if (set_str (&self->title, title))
    {
      g_clear_object (&self->title_layout);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                      -1);
      /* The height comes from the font alone: a new title needs no new size. */
      gtk_widget_queue_draw (GTK_WIDGET (self));
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
  g_return_if_fail (JUGGLER_IS_CHART (self));

  if (set_str (&self->readout, readout))
    {
      g_clear_object (&self->readout_layout);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, readout,
                                      -1);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READOUT]);
    }
}

void
juggler_chart_push (JugglerChart *self,
                    gint64        time_us,
                    double        value)
{
  g_return_if_fail (JUGGLER_IS_CHART (self));

  juggler_series_append (self->series, time_us, value);
}

void
juggler_chart_set_now (JugglerChart *self,
                       gint64        now_us)
{
  g_return_if_fail (JUGGLER_IS_CHART (self));

  self->now_us = now_us;
  /* Keep one sample beyond the left edge so the line enters from the side. */
  juggler_series_trim (self->series, now_us - WINDOW_US - 2 * G_USEC_PER_SEC);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
juggler_chart_clear (JugglerChart *self)
{
  g_return_if_fail (JUGGLER_IS_CHART (self));

  juggler_series_clear (self->series);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
