/* juggler-waterfall.c: the timings of a range of HTTP requests as bars on one time axis
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-waterfall"

#include "config.h"

#include "juggler-waterfall.h"

#include <glib/gi18n.h>
#include <math.h>

#include "juggler-request-grid.h"

#define LABEL_WIDTH_PX 56
#define AXIS_HEIGHT_PX 20
#define MIN_ROW_PX     6
#define MAX_ROW_PX     16

struct _JugglerWaterfall
{
  GtkDrawingArea       parent_instance;

  JugglerHttpWorkload *workload;
  guint                n_requests;
  guint8              *done;
  guint                first;
  guint                last;
};

G_DEFINE_FINAL_TYPE (JugglerWaterfall, juggler_waterfall, GTK_TYPE_DRAWING_AREA)

/* 1, 2 or 5 × 10^k milliseconds, so that about five ticks cover span_ms. */
static double
nice_step_ms (double span_ms)
{
  double raw = span_ms / 5;
  double magnitude = pow (10, floor (log10 (MAX (raw, 1e-3))));
  double fraction = raw / magnitude;

  if (fraction <= 1)
    return magnitude;
  if (fraction <= 2)
    return 2 * magnitude;
  if (fraction <= 5)
    return 5 * magnitude;
  return 10 * magnitude;
}

static void
draw_text (cairo_t     *cr,
           PangoLayout *layout,
           const char  *text,
           double       x,
           double       y,
           double       xalign,
           double       yalign)
{
  int width, height;

  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &width, &height);
  cairo_move_to (cr, x - width * xalign, y - height * yalign);
  pango_cairo_show_layout (cr, layout);
}

static void
fill_segment (cairo_t          *cr,
              JugglerHttpState  state,
              double            x0,
              double            x1,
              double            y,
              double            height)
{
  GdkRGBA color;

  if (x1 < x0)
    return;
  juggler_request_grid_get_state_color (state, &color);
  if (state == JUGGLER_HTTP_STATE_QUEUED)
    color.alpha = 0.6f;
  gdk_cairo_set_source_rgba (cr, &color);
  cairo_rectangle (cr, x0, y, MAX (x1 - x0, 1), height);
  cairo_fill (cr);
}

static void
draw_cb (GtkDrawingArea *area,
         cairo_t        *cr,
         int             width,
         int             height,
         gpointer        user_data)
{
  JugglerWaterfall *self = JUGGLER_WATERFALL (area);
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));
  PangoAttrList *attrs = pango_attr_list_new ();
  GdkRGBA fg, dim;
  guint n_range, n_rows;
  gint64 t0 = G_MAXINT64, t1 = 0;
  double row_px, scale, step_ms, plot_width;
  gboolean any_done = FALSE;

  gtk_style_context_get_color (context, &fg);
  dim = fg;
  dim.alpha = 0.55f;
  pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum"));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);

  if (self->workload == NULL || self->first >= self->n_requests)
    {
      gdk_cairo_set_source_rgba (cr, &dim);
      draw_text (cr, layout, _("Start a run to see the timings of its requests"),
                 width / 2.0, height / 2.0, 0.5, 0.5);
      return;
    }

  n_range = MIN (self->last, self->n_requests - 1) - self->first + 1;
  n_rows = MIN (n_range, (guint) MAX ((height - AXIS_HEIGHT_PX) / MIN_ROW_PX, 1));
  /* The last row says how many did not fit. */
  if (n_rows < n_range && n_rows > 1)
    n_rows--;
  row_px = MIN (MAX_ROW_PX, (double) (height - AXIS_HEIGHT_PX) / MAX (n_rows + (n_rows < n_range), 1));
  plot_width = width - LABEL_WIDTH_PX - 8;

  for (guint r = 0; r < n_rows; r++)
    {
      guint i = self->first + r;
      const JugglerHttpResult *result;

      if (!self->done[i])
        continue;
      result = juggler_http_workload_get_result (self->workload, i);
      t0 = MIN (t0, result->queued_us);
      t1 = MAX (t1, result->done_us);
      any_done = TRUE;
    }

  if (!any_done || plot_width < 20)
    {
      gdk_cairo_set_source_rgba (cr, &dim);
      draw_text (cr, layout, _("Waiting for a selected request to finish…"),
                 width / 2.0, height / 2.0, 0.5, 0.5);
      return;
    }

  t1 = MAX (t1, t0 + 1000);
  scale = plot_width / (double) (t1 - t0);

  /* The time axis, in milliseconds since the first selected request was queued. */
  step_ms = nice_step_ms ((t1 - t0) / 1000.0);
  for (double ms = 0; ms <= (t1 - t0) / 1000.0 + 1e-9; ms += step_ms)
    {
      double x = round (LABEL_WIDTH_PX + ms * 1000 * scale) + 0.5;
      g_autofree char *tick = ms >= 1000 ? g_strdup_printf (_("%.3g s"), ms / 1000)
                                         : g_strdup_printf (_("%.0f ms"), ms);

      dim.alpha = 0.15f;
      gdk_cairo_set_source_rgba (cr, &dim);
      cairo_move_to (cr, x, AXIS_HEIGHT_PX - 4);
      cairo_line_to (cr, x, height);
      cairo_set_line_width (cr, 1);
      cairo_stroke (cr);

      dim.alpha = 0.55f;
      gdk_cairo_set_source_rgba (cr, &dim);
      draw_text (cr, layout, tick, x, AXIS_HEIGHT_PX / 2.0,
                 x + 30 > width ? 1.0 : ms == 0 ? 0.0 : 0.5, 0.5);
    }

  for (guint r = 0; r < n_rows; r++)
    {
      guint i = self->first + r;
      double y = AXIS_HEIGHT_PX + r * row_px;
      double bar_y = y + MAX (1, row_px * 0.15);
      double bar_h = MAX (row_px * 0.7, 2);
      const JugglerHttpResult *result;
      double xq, xs, xc, xf, xd;

      if (row_px >= 10)
        {
          g_autofree char *label = g_strdup_printf ("#%u", i + 1);

          gdk_cairo_set_source_rgba (cr, &dim);
          draw_text (cr, layout, label, LABEL_WIDTH_PX - 6, y + row_px / 2, 1.0, 0.5);
        }

      if (!self->done[i])
        continue;

      result = juggler_http_workload_get_result (self->workload, i);
      xq = LABEL_WIDTH_PX + (result->queued_us - t0) * scale;
      xd = LABEL_WIDTH_PX + (result->done_us - t0) * scale;
      xs = result->start_us > 0 ? LABEL_WIDTH_PX + (result->start_us - t0) * scale : xd;
      xc = result->connected_us > 0 ? LABEL_WIDTH_PX + (result->connected_us - t0) * scale : xs;
      xf = result->first_byte_us > 0 ? LABEL_WIDTH_PX + (result->first_byte_us - t0) * scale : xd;

      fill_segment (cr, JUGGLER_HTTP_STATE_QUEUED, xq, xs, bar_y, bar_h);
      if (result->outcome != JUGGLER_HTTP_OK)
        {
          /* Where it failed matters less than that it did and how long it took to. */
          fill_segment (cr, JUGGLER_HTTP_STATE_FAILED, xs, xd, bar_y, bar_h);
          continue;
        }
      fill_segment (cr, JUGGLER_HTTP_STATE_CONNECTING, xs, xc, bar_y, bar_h);
      fill_segment (cr, JUGGLER_HTTP_STATE_WAITING, xc, xf, bar_y, bar_h);
      fill_segment (cr, JUGGLER_HTTP_STATE_RECEIVING, xf, xd, bar_y, bar_h);
    }

  if (n_rows < n_range)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "+%u more request",
                                                            "+%u more requests",
                                                            n_range - n_rows),
                                               n_range - n_rows);

      gdk_cairo_set_source_rgba (cr, &dim);
      draw_text (cr, layout, more, LABEL_WIDTH_PX, AXIS_HEIGHT_PX + n_rows * row_px + 1, 0, 0);
    }
}

static void
juggler_waterfall_dispose (GObject *object)
{
  JugglerWaterfall *self = (JugglerWaterfall *) object;

  g_clear_object (&self->workload);

  G_OBJECT_CLASS (juggler_waterfall_parent_class)->dispose (object);
}

static void
juggler_waterfall_finalize (GObject *object)
{
  JugglerWaterfall *self = (JugglerWaterfall *) object;

  g_clear_pointer (&self->done, g_free);

  G_OBJECT_CLASS (juggler_waterfall_parent_class)->finalize (object);
}

static void
juggler_waterfall_class_init (JugglerWaterfallClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = juggler_waterfall_dispose;
  object_class->finalize = juggler_waterfall_finalize;

  gtk_widget_class_set_css_name (widget_class, "waterfall");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
juggler_waterfall_init (JugglerWaterfall *self)
{
  gtk_widget_set_size_request (GTK_WIDGET (self), 200, 120);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self), draw_cb, NULL, NULL);
}

GtkWidget *
juggler_waterfall_new (void)
{
  return g_object_new (JUGGLER_TYPE_WATERFALL, NULL);
}

void
juggler_waterfall_set_workload (JugglerWaterfall    *self,
                                JugglerHttpWorkload *workload)
{
  g_return_if_fail (JUGGLER_IS_WATERFALL (self));
  g_return_if_fail (workload == NULL || JUGGLER_IS_HTTP_WORKLOAD (workload));

  g_set_object (&self->workload, workload);
  self->n_requests = workload != NULL ? juggler_http_workload_get_n_requests (workload) : 0;
  g_clear_pointer (&self->done, g_free);
  self->done = g_new0 (guint8, MAX (self->n_requests, 1));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
juggler_waterfall_set_range (JugglerWaterfall *self,
                             guint             first,
                             guint             last)
{
  g_return_if_fail (JUGGLER_IS_WATERFALL (self));
  g_return_if_fail (first <= last);

  if (self->first == first && self->last == last)
    return;

  self->first = first;
  self->last = last;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
juggler_waterfall_request_done (JugglerWaterfall *self,
                                guint             index)
{
  g_return_if_fail (JUGGLER_IS_WATERFALL (self));
  g_return_if_fail (index < self->n_requests);

  self->done[index] = TRUE;
  if (index >= self->first && index <= self->last)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}
