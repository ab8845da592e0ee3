/* juggler-waterfall.c: the timings of a range of HTTP requests as bars on one time axis
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-waterfall"

#include "config.h"

#include "juggler-waterfall.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "juggler-format.h"
#include "juggler-palette.h"
#include "juggler-request-info.h"
#include "juggler-time-axis.h"

#define LABEL_WIDTH_PX 56
#define AXIS_HEIGHT_PX 20
#define MIN_ROW_PX     6
#define MAX_ROW_PX     16
/* Below this a row has no room for text beside its bar. */
#define TEXT_ROW_PX    10
/* Right of the bars: each request's total time. */
#define NOTE_WIDTH_PX  52

struct _JugglerWaterfall
{
  GtkDrawingArea       parent_instance;

  JugglerHttpWorkload *workload;
  guint                n_requests;
  guint8              *done;
  /* The requests shown, in increasing order. */
  GArray              *shown;

  /* The rows of the last draw, for tooltips. */
  guint                drawn_rows;
  double               drawn_row_px;
};

G_DEFINE_FINAL_TYPE (JugglerWaterfall, juggler_waterfall, GTK_TYPE_DRAWING_AREA)

/* Where the bars go: rows from the top, time from left to right. */
typedef struct
{
  guint   n_range;        /* requests selected */
  guint   n_rows;         /* requests drawn; a footer counts the rest */
  double  row_px;
  guint   label_every;    /* a row label every this many rows, so labels never overlap */
  double  plot_x;
  double  plot_width;
  gint64  t0;
  gint64  t1;
  double  scale;          /* px per µs */
} Geometry;

static void
get_text_size (PangoLayout *layout,
               const char  *text,
               int         *width,
               int         *height)
{
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, width, height);
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

  get_text_size (layout, text, &width, &height);
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
  juggler_palette_get_state_color (state, &color);
  if (state == JUGGLER_HTTP_STATE_QUEUED)
    color.alpha = 0.6f;
  gdk_cairo_set_source_rgba (cr, &color);
  cairo_rectangle (cr, x0, y, MAX (x1 - x0, 1), height);
  cairo_fill (cr);
}

/* Rows, their labels and the time span of the finished ones; FALSE when none has finished. */
static gboolean
compute_geometry (JugglerWaterfall *self,
                  int               width,
                  int               height,
                  int               text_h,
                  Geometry         *g)
{
  int rows_h = height - AXIS_HEIGHT_PX;
  gboolean any_done = FALSE;

  g->n_range = self->shown->len;
  g->n_rows = MIN (g->n_range, (guint) MAX (rows_h / MIN_ROW_PX, 1));
  /* The footer that counts the rest gets a whole line of text. */
  if (g->n_rows < g->n_range)
    {
      rows_h -= text_h + 2;
      g->n_rows = MIN (g->n_range, (guint) MAX (rows_h / MIN_ROW_PX, 1));
    }
  g->row_px = MIN (MAX_ROW_PX, (double) MAX (rows_h, 1) / MAX (g->n_rows, 1));
  g->label_every = (guint) MAX (1, ceil ((text_h - 1) / g->row_px));
  g->plot_x = LABEL_WIDTH_PX;
  g->plot_width = width - LABEL_WIDTH_PX - (g->row_px >= TEXT_ROW_PX ? NOTE_WIDTH_PX : 8);

  g->t0 = G_MAXINT64;
  g->t1 = 0;
  for (guint r = 0; r < g->n_rows; r++)
    {
      const JugglerHttpResult *result;

      guint i = g_array_index (self->shown, guint, r);

      if (!self->done[i])
        continue;
      result = juggler_http_workload_get_result (self->workload, i);
      g->t0 = MIN (g->t0, result->queued_us);
      g->t1 = MAX (g->t1, result->done_us);
      any_done = TRUE;
    }
  if (!any_done)
    return FALSE;

  g->t1 = MAX (g->t1, g->t0 + 1000);
  g->scale = g->plot_width / (double) (g->t1 - g->t0);

  return TRUE;
}

/* The time axis, since the first selected request was queued. A label that would touch the
 * one before it is left out; the line stays. */
static void
draw_axis (cairo_t        *cr,
           PangoLayout    *layout,
           const Geometry *g,
           int             width,
           int             height,
           const GdkRGBA  *dim)
{
  JugglerTimeAxis axis = {
    .left = g->plot_x,
    .px_per_ms = g->scale * 1000,
    .right = width,
    .from_ms = 0,
    .to_ms = (g->t1 - g->t0) / 1000.0,
    .label_height = AXIS_HEIGHT_PX,
    .line_top = AXIS_HEIGHT_PX - 4,
    .bottom = height,
    .n_ticks = 5,
  };

  juggler_time_axis_draw (&axis, cr, layout, dim);
}

/* A request's total time, right of its bar. */
static void
draw_total (cairo_t       *cr,
            PangoLayout   *layout,
            const char    *text,
            double         bar_right,
            double         y,
            const GdkRGBA *color)
{
  int text_h;

  get_text_size (layout, text, NULL, &text_h);
  gdk_cairo_set_source_rgba (cr, color);
  cairo_move_to (cr, bar_right + 4, y - text_h / 2.0);
  pango_cairo_show_layout (cr, layout);
}

/* Why a request failed: in its red bar if the bar is wide enough, else right of it, else
 * left of it over the time it was queued. */
static void
draw_failure (cairo_t       *cr,
              PangoLayout   *layout,
              const char    *text,
              double         plot_x,
              double         bar_left,
              double         bar_right,
              double         y,
              int            width,
              const GdkRGBA *color)
{
  static const GdkRGBA on_red = { 1, 1, 1, 1 };
  double room_in = bar_right - bar_left - 8;
  double room_right = width - bar_right - 8;
  double room_left = bar_left - plot_x - 8;
  gboolean inside = room_in >= 60;
  gboolean right = !inside && (room_right >= 60 || room_right >= room_left);
  double room = inside ? room_in : right ? room_right : room_left;
  int text_w, text_h;

  if (room < 16)
    return;

  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_width (layout, (int) room * PANGO_SCALE);
  get_text_size (layout, text, &text_w, &text_h);
  gdk_cairo_set_source_rgba (cr, inside ? &on_red : color);
  if (inside)
    cairo_move_to (cr, bar_left + 4, y - text_h / 2.0);
  else if (right)
    cairo_move_to (cr, bar_right + 4, y - text_h / 2.0);
  else
    cairo_move_to (cr, bar_left - 4 - text_w, y - text_h / 2.0);
  pango_cairo_show_layout (cr, layout);
  pango_layout_set_width (layout, -1);
}

static void
draw_row (JugglerWaterfall *self,
          cairo_t          *cr,
          PangoLayout      *layout,
          const Geometry   *g,
          guint             r,
          int               width,
          GdkRGBA           dim)
{
  guint i = g_array_index (self->shown, guint, r);
  double y = AXIS_HEIGHT_PX + r * g->row_px;
  double bar_y = y + MAX (1, g->row_px * 0.15);
  double bar_h = MAX (g->row_px * 0.7, 2);
  const JugglerHttpResult *result;
  g_autofree char *failure = NULL;
  double xq, xs, xc, xf, xd;

  if (r % g->label_every == 0)
    {
      g_autofree char *label = g_strdup_printf ("#%u", i + 1);

      gdk_cairo_set_source_rgba (cr, &dim);
      draw_text (cr, layout, label, LABEL_WIDTH_PX - 6, y + g->row_px / 2, 1.0, 0.5);
    }

  if (!self->done[i])
    return;

  result = juggler_http_workload_get_result (self->workload, i);
  xq = g->plot_x + (result->queued_us - g->t0) * g->scale;
  xd = g->plot_x + (result->done_us - g->t0) * g->scale;
  xs = result->start_us > 0 ? g->plot_x + (result->start_us - g->t0) * g->scale : xd;
  xc = result->connected_us > 0 ? g->plot_x + (result->connected_us - g->t0) * g->scale : xs;
  xf = result->first_byte_us > 0 ? g->plot_x + (result->first_byte_us - g->t0) * g->scale : xd;

  fill_segment (cr, JUGGLER_HTTP_STATE_QUEUED, xq, xs, bar_y, bar_h);
  if (result->outcome != JUGGLER_HTTP_OK)
    {
      /* Where it failed matters less than that it did, why, and how long it took to. */
      fill_segment (cr, JUGGLER_HTTP_STATE_FAILED, xs, xd, bar_y, bar_h);
      failure = juggler_request_info_dup_failure (self->workload, i);
      if (failure != NULL && g->row_px >= TEXT_ROW_PX)
        draw_failure (cr, layout, failure, g->plot_x, xs, MAX (xd, xs + 1), y + g->row_px / 2,
                      width, &dim);
      return;
    }

  fill_segment (cr, JUGGLER_HTTP_STATE_CONNECTING, xs, xc, bar_y, bar_h);
  fill_segment (cr, JUGGLER_HTTP_STATE_WAITING, xc, xf, bar_y, bar_h);
  fill_segment (cr, JUGGLER_HTTP_STATE_RECEIVING, xf, xd, bar_y, bar_h);
  if (g->row_px >= TEXT_ROW_PX)
    {
      g_autofree char *total =
        juggler_format_duration_ms ((result->done_us - result->queued_us) / 1000.0);

      draw_total (cr, layout, total, MAX (xd, xq + 1), y + g->row_px / 2, &dim);
    }
}

static void
draw_message (cairo_t     *cr,
              PangoLayout *layout,
              const char  *text,
              int          width,
              int          height,
              GdkRGBA      dim)
{
  gdk_cairo_set_source_rgba (cr, &dim);
  pango_layout_set_width (layout, MAX (width - 24, 1) * PANGO_SCALE);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  draw_text (cr, layout, text, width / 2.0, height / 2.0, 0.5, 0.5);
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
  g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();
  GdkRGBA fg, dim;
  Geometry g;
  int text_h;

  self->drawn_rows = 0;

  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), &fg);
  dim = fg;
  /* Dim, yet 4.5:1 against the card in light and dark styles. */
  dim.alpha = 0.75f;
  pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum"));
  pango_layout_set_attributes (layout, attrs);
  get_text_size (layout, "#0", NULL, &text_h);

  if (self->workload == NULL || self->shown->len == 0)
    {
      draw_message (cr, layout, _("Start a run to see the timings of its requests"),
                    width, height, dim);
      return;
    }

  if (!compute_geometry (self, width, height, text_h, &g) || g.plot_width < 20)
    {
      draw_message (cr, layout, _("Waiting for a selected request to finish…"),
                    width, height, dim);
      return;
    }

  draw_axis (cr, layout, &g, width, height, &fg);
  for (guint r = 0; r < g.n_rows; r++)
    draw_row (self, cr, layout, &g, r, width, dim);

  if (g.n_rows < g.n_range)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "+%u more request",
                                                            "+%u more requests",
                                                            g.n_range - g.n_rows),
                                               g.n_range - g.n_rows);

      gdk_cairo_set_source_rgba (cr, &dim);
      draw_text (cr, layout, more, LABEL_WIDTH_PX, AXIS_HEIGHT_PX + g.n_rows * g.row_px + 2, 0, 0);
    }

  self->drawn_rows = g.n_rows;
  self->drawn_row_px = g.row_px;
}

static gboolean
query_tooltip_cb (GtkWidget        *widget,
                  int               x,
                  int               y,
                  gboolean          keyboard_mode,
                  GtkTooltip       *tooltip,
                  JugglerWaterfall *self)
{
  g_autofree char *text = NULL;
  guint row;

  if (keyboard_mode || self->workload == NULL || self->drawn_rows == 0 || y < AXIS_HEIGHT_PX)
    return FALSE;

  row = (guint) ((y - AXIS_HEIGHT_PX) / self->drawn_row_px);
  if (row >= self->drawn_rows)
    return FALSE;

  text = juggler_request_info_dup_summary (self->workload,
                                           g_array_index (self->shown, guint, row));
  gtk_tooltip_set_text (tooltip, text);

  return TRUE;
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
  g_clear_pointer (&self->shown, g_array_unref);

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
  self->shown = g_array_new (FALSE, FALSE, sizeof (guint));

  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), self);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);

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
  /* The same rows as before, as far as the new workload has them. */
  while (self->shown->len > 0 &&
         g_array_index (self->shown, guint, self->shown->len - 1) >= self->n_requests)
    g_array_set_size (self->shown, self->shown->len - 1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
juggler_waterfall_set_requests (JugglerWaterfall *self,
                                const guint      *indexes,
                                guint             n_indexes)
{
  g_return_if_fail (JUGGLER_IS_WATERFALL (self));
  g_return_if_fail (indexes != NULL || n_indexes == 0);

  if (n_indexes == self->shown->len &&
      (n_indexes == 0 || memcmp (indexes, self->shown->data, n_indexes * sizeof (guint)) == 0))
    return;

  g_array_set_size (self->shown, 0);
  /* Only requests of the workload: a stale selection may reach past a smaller one. */
  for (guint i = 0; i < n_indexes; i++)
    {
      g_return_if_fail (i == 0 || indexes[i] > indexes[i - 1]);
      if (indexes[i] < self->n_requests)
        g_array_append_val (self->shown, indexes[i]);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
juggler_waterfall_set_range (JugglerWaterfall *self,
                             guint             first,
                             guint             last)
{
  g_autoptr(GArray) indexes = g_array_new (FALSE, FALSE, sizeof (guint));

  g_return_if_fail (JUGGLER_IS_WATERFALL (self));
  g_return_if_fail (first <= last);

  for (guint i = first; i <= MIN (last, MAX (self->n_requests, 1) - 1); i++)
    g_array_append_val (indexes, i);
  juggler_waterfall_set_requests (self, (const guint *) indexes->data, indexes->len);
}

/* Whether index is shown: a binary search of the sorted rows. */
static gboolean
is_shown (JugglerWaterfall *self,
          guint             index)
{
  guint low = 0, high = self->shown->len;

  while (low < high)
    {
      guint mid = low + (high - low) / 2;
      guint value = g_array_index (self->shown, guint, mid);

      if (value == index)
        return TRUE;
      if (value < index)
        low = mid + 1;
      else
        high = mid;
    }

  return FALSE;
}

void
juggler_waterfall_request_done (JugglerWaterfall *self,
                                guint             index)
{
  g_return_if_fail (JUGGLER_IS_WATERFALL (self));
  g_return_if_fail (index < self->n_requests);

  self->done[index] = TRUE;
  if (is_shown (self, index))
    gtk_widget_queue_draw (GTK_WIDGET (self));
}
