/* juggler-timeline.c: one lane per thread of a run's trace, live or paused, zoomable
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The widget owns a copy of the spans it draws (a JugglerTraceSnapshot): while live it
 * copies the last 10 s at most ten times a second, not every frame, since a busy run
 * records thousands of spans a second; paused, it copies the whole trace once.
 */
#define G_LOG_DOMAIN "juggler-timeline"

#include "config.h"

#include "juggler-timeline.h"

#include <glib/gi18n.h>
#include <math.h>

#include "juggler-export-dialog.h"
#include "juggler-mandelbrot.h"
#include "juggler-strategy-info.h"
#include "juggler-time-axis.h"
#include "juggler-types.h"

/* The lane names' column, narrower in a phone-sized window. */
#define LABEL_WIDTH   96
#define NARROW_LABEL_WIDTH 72
#define NARROW_WIDTH  480
#define AXIS_HEIGHT   18
#define LANE_HEIGHT   26
#define LANE_GAP      4
#define BAND_HEIGHT   48
#define LEGEND_ROWS   3
#define LEGEND_ROW_HEIGHT 20
#define REFRESH_US    (G_USEC_PER_SEC / 10)
#define REDRAW_US     (G_USEC_PER_SEC / 20)
#define MIN_RANGE_US  200

struct _JugglerTimeline
{
  GtkWidget             parent_instance;

  JugglerTrace         *trace;
  JugglerTraceSnapshot *snapshot;
  gboolean              live;
  guint                 tick_id;
  gint64                last_refresh_us;
  gint64                last_draw_us;
  gint64                fps_since_us;
  guint                 fps_frames;

  gint64                start_us;      /* the visible range */
  gint64                end_us;
  gint64                drag_start_us;
  gint64                drag_end_us;
  char                 *export_name;
  JugglerWorkload      *workload;      /* names the jobs in hover texts; may be NULL */
  gboolean              has_band;      /* the snapshot counts requests in flight */
};

enum {
  PROP_0,
  PROP_TRACE,
  PROP_LIVE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (JugglerTimeline, juggler_timeline, GTK_TYPE_WIDGET)

/* One hue per strategy, readable on light and dark backgrounds. */
static const GdkRGBA strategy_colors[JUGGLER_N_STRATEGIES] = {
  [JUGGLER_STRATEGY_THREADS] = { 0.21, 0.52, 0.89, 1 },
  [JUGGLER_STRATEGY_COOPERATIVE] = { 0.18, 0.76, 0.49, 1 },
  [JUGGLER_STRATEGY_BLOCKING] = { 0.96, 0.47, 0.00, 1 },
  [JUGGLER_STRATEGY_GLOBAL_LOCK] = { 0.57, 0.25, 0.67, 1 },
  [JUGGLER_STRATEGY_ASYNC] = { 0.13, 0.63, 0.67, 1 },
  [JUGGLER_STRATEGY_SHARED_POOL] = { 0.65, 0.47, 0.18, 1 },
  [JUGGLER_STRATEGY_THREAD_PER_JOB] = { 0.45, 0.55, 0.10, 1 },
};
static const GdkRGBA stall_color = { 0.88, 0.11, 0.14, 1 };

static void
refresh_snapshot (JugglerTimeline *self,
                  gint64           since_us)
{
  g_clear_pointer (&self->snapshot, juggler_trace_snapshot_free);
  self->has_band = FALSE;
  if (self->trace == NULL)
    return;

  self->snapshot = juggler_trace_snapshot (self->trace, since_us);
  for (guint i = 0; i < self->snapshot->spans->len && !self->has_band; i++)
    {
      const JugglerSpan *span = &g_array_index (self->snapshot->spans, JugglerSpan, i);

      self->has_band = span->kind == JUGGLER_SPAN_COUNTER &&
                       span->id == JUGGLER_TRACE_COUNTER_IN_FLIGHT;
    }
}

/* The whole trace: from its origin to its latest span. */
static void
fit_range (JugglerTimeline *self)
{
  gint64 end = self->trace != NULL ? juggler_trace_get_origin (self->trace) : 0;
  gint64 start = G_MAXINT64;

  if (self->snapshot != NULL)
    {
      for (guint i = 0; i < self->snapshot->spans->len; i++)
        {
          const JugglerSpan *span = &g_array_index (self->snapshot->spans, JugglerSpan, i);

          start = MIN (start, span->start_us);
          end = MAX (end, span->end_us);
        }
    }
  if (start == G_MAXINT64)
    start = end - JUGGLER_TIMELINE_LIVE_WINDOW_US;

  self->start_us = start;
  self->end_us = MAX (end, start + MIN_RANGE_US);
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *frame_clock,
         gpointer       user_data)
{
  JugglerTimeline *self = JUGGLER_TIMELINE (widget);
  gint64 now = g_get_monotonic_time ();

  if (self->trace != NULL)
    {
      juggler_trace_record (self->trace, JUGGLER_SPAN_FRAME, now, now, 0, 0, 0);
      self->fps_frames++;
      if (self->fps_since_us == 0)
        self->fps_since_us = now;
      if (now - self->fps_since_us >= G_USEC_PER_SEC)
        {
          juggler_trace_counter (self->trace, JUGGLER_TRACE_COUNTER_FPS, now,
                                 self->fps_frames * (double) G_USEC_PER_SEC / (now - self->fps_since_us));
          self->fps_since_us = now;
          self->fps_frames = 0;
        }
    }

  if (now - self->last_refresh_us >= REFRESH_US)
    {
      guint n_lanes = juggler_timeline_get_n_lanes (self);
      gboolean had_band = self->has_band;

      refresh_snapshot (self, now - JUGGLER_TIMELINE_LIVE_WINDOW_US);
      self->last_refresh_us = now;
      /* A relayout of the window only when the timeline's height changes. */
      if (juggler_timeline_get_n_lanes (self) != n_lanes || self->has_band != had_band)
        gtk_widget_queue_resize (widget);
    }

  /* Scrolling at 20 Hz reads as smooth at 10 s across and costs a third of redrawing every
   * frame: under load a paint per frame left a live run's idle sources no turn. */
  if (now - self->last_draw_us >= REDRAW_US)
    {
      self->end_us = now;
      self->start_us = now - JUGGLER_TIMELINE_LIVE_WINDOW_US;
      self->last_draw_us = now;
      gtk_widget_queue_draw (widget);
    }

  return G_SOURCE_CONTINUE;
}

static void
update_tick (JugglerTimeline *self)
{
  gboolean want = self->live && self->trace != NULL && gtk_widget_get_mapped (GTK_WIDGET (self));

  if (want && self->tick_id == 0)
    {
      self->fps_since_us = 0;
      self->fps_frames = 0;
      self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), tick_cb, NULL, NULL);
    }
  else if (!want && self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
}

static double
label_width (JugglerTimeline *self)
{
  return gtk_widget_get_width (GTK_WIDGET (self)) < NARROW_WIDTH ? NARROW_LABEL_WIDTH : LABEL_WIDTH;
}

static double
time_to_x (JugglerTimeline *self,
           double           width,
           gint64           time_us)
{
  double span = MAX (1, self->end_us - self->start_us);

  return label_width (self) + (time_us - self->start_us) / span * (width - label_width (self));
}

/* The band of requests in flight, when there is one, sits right under the UI thread's lane,
 * whose requests it counts: the workers' lanes come after it. */
static double
band_y (void)
{
  return AXIS_HEIGHT + LANE_HEIGHT + LANE_GAP;
}

static double
lane_y (JugglerTimeline *self,
        guint            lane)
{
  double y = AXIS_HEIGHT + lane * (LANE_HEIGHT + LANE_GAP);

  return self->has_band && lane > JUGGLER_TRACE_UI_LANE ? y + BAND_HEIGHT + LANE_GAP : y;
}

/* The lane at y, BAND_ROW in the band, or G_MAXUINT between and around lanes. */
#define BAND_ROW (G_MAXUINT - 1)

static guint
row_at (JugglerTimeline *self,
        double           y)
{
  guint n_lanes = self->snapshot != NULL ? self->snapshot->lane_names->len : 0;

  if (self->has_band && y >= band_y () && y <= band_y () + BAND_HEIGHT)
    return BAND_ROW;
  for (guint lane = 0; lane < n_lanes; lane++)
    {
      if (y >= lane_y (self, lane) && y <= lane_y (self, lane) + LANE_HEIGHT)
        return lane;
    }

  return G_MAXUINT;
}

static void
hatch (cairo_t *cr,
       double   x,
       double   y,
       double   w,
       double   h)
{
  cairo_save (cr);
  cairo_rectangle (cr, x, y, w, h);
  cairo_clip (cr);
  for (double d = x - h; d < x + w; d += 5)
    {
      cairo_move_to (cr, d, y + h);
      cairo_line_to (cr, d + h, y);
    }
  cairo_set_line_width (cr, 1.5);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* Seconds since the trace began, a tick per 50 px or so: at least two in a narrow window. */
static void
draw_axis (JugglerTimeline *self,
           cairo_t         *cr,
           PangoLayout     *layout,
           const GdkRGBA   *fg,
           double           width,
           double           height)
{
  gint64 origin = self->trace != NULL ? juggler_trace_get_origin (self->trace) : 0;
  JugglerTimeAxis axis = {
    .left = label_width (self),
    .px_per_ms = (width - label_width (self)) / (MAX (1, self->end_us - self->start_us) / 1000.0),
    .right = width,
    .from_ms = (self->start_us - origin) / 1000.0,
    .to_ms = (self->end_us - origin) / 1000.0,
    .label_height = AXIS_HEIGHT,
    .line_top = AXIS_HEIGHT,
    .bottom = height,
    .n_ticks = (guint) MAX (4, (width - label_width (self)) / 50),
  };

  juggler_time_axis_draw (&axis, cr, layout, fg);
}

static void
draw_in_flight (JugglerTimeline *self,
                cairo_t         *cr,
                PangoLayout     *layout,
                const GdkRGBA   *fg,
                double           width)
{
  GArray *spans = self->snapshot->spans;
  double max = 0;
  double y0 = band_y () + 2;
  double band_h = BAND_HEIGHT - 2;
  double base = band_y () + BAND_HEIGHT;
  double last_x = label_width (self), last_v = 0;
  gboolean any = FALSE;
  g_autofree char *label = NULL;
  int label_w;

  for (guint i = 0; i < spans->len; i++)
    {
      const JugglerSpan *span = &g_array_index (spans, JugglerSpan, i);

      if (span->kind == JUGGLER_SPAN_COUNTER && span->id == JUGGLER_TRACE_COUNTER_IN_FLIGHT)
        max = MAX (max, span->value), any = TRUE;
    }
  if (!any || max <= 0)
    return;

  /* A step graph of requests in flight, scaled to the most in view: 500 requests on one
   * thread read as one full band, not as 500 sub-lanes or as a single request. */
  cairo_set_source_rgba (cr, strategy_colors[JUGGLER_STRATEGY_ASYNC].red,
                         strategy_colors[JUGGLER_STRATEGY_ASYNC].green,
                         strategy_colors[JUGGLER_STRATEGY_ASYNC].blue, 0.35);
  cairo_move_to (cr, label_width (self), base);
  for (guint i = 0; i < spans->len; i++)
    {
      const JugglerSpan *span = &g_array_index (spans, JugglerSpan, i);
      double x;

      if (span->kind != JUGGLER_SPAN_COUNTER || span->id != JUGGLER_TRACE_COUNTER_IN_FLIGHT)
        continue;
      x = CLAMP (time_to_x (self, width, span->start_us), label_width (self), width);
      cairo_line_to (cr, x, base - last_v / max * band_h);
      cairo_line_to (cr, x, base - span->value / max * band_h);
      last_x = x;
      last_v = span->value;
    }
  if (!self->live)
    last_x = CLAMP (last_x, label_width (self), width);
  else
    last_x = width;
  cairo_line_to (cr, last_x, base - last_v / max * band_h);
  cairo_line_to (cr, last_x, base);
  cairo_close_path (cr);
  cairo_fill (cr);

  /* The band's scale, at its top right: how many requests one thread has out at most. */
  label = g_strdup_printf (_("up to %.0f at once, all on the UI thread"), max);
  pango_layout_set_text (layout, label, -1);
  pango_layout_get_pixel_size (layout, &label_w, NULL);
  cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.8);
  cairo_move_to (cr, MAX (label_width (self) + 2, width - label_w - 4), y0);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_spans (JugglerTimeline *self,
            cairo_t         *cr,
            const GdkRGBA   *fg,
            double           width)
{
  GArray *spans = self->snapshot->spans;

  /* Background kinds first, so job steps and waits stay on top. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < spans->len; i++)
      {
        const JugglerSpan *span = &g_array_index (spans, JugglerSpan, i);
        double x0, x1, y = lane_y (self, span->lane);
        const GdkRGBA *c;

        if (span->end_us < self->start_us || span->start_us > self->end_us)
          continue;
        x0 = MAX (label_width (self), time_to_x (self, width, span->start_us));
        x1 = MAX (x0 + 1, MIN (width, time_to_x (self, width, span->end_us)));
        c = span->strategy < JUGGLER_N_STRATEGIES ? &strategy_colors[span->strategy] : fg;

        switch ((JugglerSpanKind) span->kind)
          {
          case JUGGLER_SPAN_UI_STALL:
            if (pass != 0)
              break;
            cairo_set_source_rgba (cr, stall_color.red, stall_color.green, stall_color.blue, 0.3);
            cairo_rectangle (cr, x0, y, x1 - x0, LANE_HEIGHT);
            cairo_fill (cr);
            cairo_set_source_rgba (cr, stall_color.red, stall_color.green, stall_color.blue, 1);
            cairo_rectangle (cr, x0, y, x1 - x0, 3);
            cairo_fill (cr);
            break;
          case JUGGLER_SPAN_LOCK_HOLD:
            if (pass != 0)
              break;
            cairo_set_source_rgba (cr, c->red, c->green, c->blue, 0.25);
            cairo_rectangle (cr, x0, y + 2, x1 - x0, LANE_HEIGHT - 4);
            cairo_fill (cr);
            break;
          case JUGGLER_SPAN_JOB_STEP:
            if (pass != 1)
              break;
            cairo_set_source_rgba (cr, c->red, c->green, c->blue, 0.9);
            cairo_rectangle (cr, x0, y + 5, MAX (1, x1 - x0 - (x1 - x0 > 3 ? 1 : 0)),
                             LANE_HEIGHT - 10);
            cairo_fill (cr);
            break;
          case JUGGLER_SPAN_LOCK_WAIT:
            if (pass != 1)
              break;
            cairo_set_source_rgba (cr, stall_color.red, stall_color.green, stall_color.blue, 0.9);
            hatch (cr, x0, y + 5, x1 - x0, LANE_HEIGHT - 10);
            break;
          case JUGGLER_SPAN_DISPATCH:
            if (pass != 1)
              break;
            cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.55);
            cairo_rectangle (cr, x0, y + LANE_HEIGHT - 6, x1 - x0, 4);
            cairo_fill (cr);
            break;
          case JUGGLER_SPAN_FRAME:
            if (pass != 1)
              break;
            cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.45);
            cairo_rectangle (cr, floor (x0), y, 1, 4);
            cairo_fill (cr);
            break;
          case JUGGLER_SPAN_RUN:
            if (pass != 0)
              break;
            cairo_set_source_rgba (cr, c->red, c->green, c->blue, 0.8);
            cairo_rectangle (cr, x0, AXIS_HEIGHT - 3, x1 - x0, 2);
            cairo_fill (cr);
            break;
          case JUGGLER_SPAN_REQUEST:
          case JUGGLER_SPAN_COUNTER:
          case JUGGLER_N_SPAN_KINDS:
          default:
            break;
          }
      }
}

/* Below the lanes: what each colour means, for the kinds of span in view. Items flow left to
 * right and wrap, at most LEGEND_ROWS rows. */
typedef enum
{
  SWATCH_FILL,
  SWATCH_HATCH,
  SWATCH_STALL,
  SWATCH_TICK,
  SWATCH_BAND,
} SwatchStyle;

static void
draw_legend_item (JugglerTimeline *self,
                  cairo_t         *cr,
                  PangoLayout     *layout,
                  const GdkRGBA   *fg,
                  double           width,
                  double          *x,
                  double          *y,
                  SwatchStyle      style,
                  const GdkRGBA   *color,
                  const char      *text)
{
  int text_w, text_h;
  double item_w, sy;

  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &text_w, &text_h);
  item_w = 14 + 4 + text_w + 14;
  if (*x > 4 && *x + item_w - 14 > width)
    {
      *x = 4;
      *y += LEGEND_ROW_HEIGHT;
    }
  sy = *y + (LEGEND_ROW_HEIGHT - 10) / 2.0;

  switch (style)
    {
    case SWATCH_FILL:
      cairo_set_source_rgba (cr, color->red, color->green, color->blue, 0.9);
      cairo_rectangle (cr, *x, sy, 14, 10);
      cairo_fill (cr);
      break;
    case SWATCH_HATCH:
      cairo_set_source_rgba (cr, color->red, color->green, color->blue, 0.9);
      hatch (cr, *x, sy, 14, 10);
      break;
    case SWATCH_STALL:
      cairo_set_source_rgba (cr, color->red, color->green, color->blue, 0.3);
      cairo_rectangle (cr, *x, sy, 14, 10);
      cairo_fill (cr);
      cairo_set_source_rgba (cr, color->red, color->green, color->blue, 1);
      cairo_rectangle (cr, *x, sy, 14, 3);
      cairo_fill (cr);
      break;
    case SWATCH_TICK:
      cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.45);
      for (int i = 0; i < 3; i++)
        cairo_rectangle (cr, *x + 2 + 5 * i, sy, 1, 4);
      cairo_fill (cr);
      break;
    case SWATCH_BAND:
      cairo_set_source_rgba (cr, color->red, color->green, color->blue, 0.35);
      cairo_move_to (cr, *x, sy + 10);
      cairo_line_to (cr, *x, sy + 6);
      cairo_line_to (cr, *x + 5, sy + 6);
      cairo_line_to (cr, *x + 5, sy);
      cairo_line_to (cr, *x + 14, sy);
      cairo_line_to (cr, *x + 14, sy + 10);
      cairo_close_path (cr);
      cairo_fill (cr);
      break;
    default:
      g_assert_not_reached ();
    }

  cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.8);
  cairo_move_to (cr, *x + 18, *y + (LEGEND_ROW_HEIGHT - text_h) / 2.0);
  pango_cairo_show_layout (cr, layout);
  *x += item_w;
}

static void
draw_legend (JugglerTimeline *self,
             cairo_t         *cr,
             PangoLayout     *layout,
             const GdkRGBA   *fg,
             double           width,
             double           top)
{
  gboolean strategies[JUGGLER_N_STRATEGIES] = { FALSE, };
  gboolean kinds[JUGGLER_N_SPAN_KINDS] = { FALSE, };
  gboolean in_flight = FALSE;
  double x = 4, y = top;

  for (guint i = 0; i < self->snapshot->spans->len; i++)
    {
      const JugglerSpan *span = &g_array_index (self->snapshot->spans, JugglerSpan, i);

      kinds[span->kind] = TRUE;
      if (span->kind == JUGGLER_SPAN_JOB_STEP && span->strategy < JUGGLER_N_STRATEGIES)
        strategies[span->strategy] = TRUE;
      if (span->kind == JUGGLER_SPAN_COUNTER && span->id == JUGGLER_TRACE_COUNTER_IN_FLIGHT)
        in_flight = TRUE;
    }

  cairo_save (cr);
  cairo_rectangle (cr, 0, top, width, LEGEND_ROWS * LEGEND_ROW_HEIGHT);
  cairo_clip (cr);
  for (guint s = 0; s < JUGGLER_N_STRATEGIES; s++)
    {
      if (strategies[s])
        draw_legend_item (self, cr, layout, fg, width, &x, &y, SWATCH_FILL, &strategy_colors[s],
                          juggler_strategy_info_get_title (s));
    }
  if (in_flight)
    draw_legend_item (self, cr, layout, fg, width, &x, &y, SWATCH_BAND,
                      &strategy_colors[JUGGLER_STRATEGY_ASYNC], _("requests in flight"));
  if (kinds[JUGGLER_SPAN_LOCK_WAIT])
    draw_legend_item (self, cr, layout, fg, width, &x, &y, SWATCH_HATCH, &stall_color,
                      _("waiting for the lock"));
  if (kinds[JUGGLER_SPAN_UI_STALL])
    draw_legend_item (self, cr, layout, fg, width, &x, &y, SWATCH_STALL, &stall_color,
                      _("UI thread stalled"));
  if (kinds[JUGGLER_SPAN_FRAME])
    draw_legend_item (self, cr, layout, fg, width, &x, &y, SWATCH_TICK, fg, _("frames"));
  cairo_restore (cr);
}

static void
juggler_timeline_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  JugglerTimeline *self = JUGGLER_TIMELINE (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, NULL);
  GdkRGBA fg;
  cairo_t *cr;
  guint n_lanes = juggler_timeline_get_n_lanes (self);

  if (width <= label_width (self) || height <= 0)
    return;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  /* Lane backgrounds and names. */
  for (guint lane = 0; lane < n_lanes; lane++)
    {
      const char *name = g_ptr_array_index (self->snapshot->lane_names, lane);

      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, lane == 0 ? 0.08 : 0.04);
      cairo_rectangle (cr, label_width (self), lane_y (self, lane), width - label_width (self),
                       LANE_HEIGHT);
      cairo_fill (cr);
      gdk_cairo_set_source_rgba (cr, &fg);
      pango_layout_set_text (layout, name, -1);
      pango_layout_set_width (layout, (label_width (self) - 8) * PANGO_SCALE);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      cairo_move_to (cr, 4, lane_y (self, lane) + 4);
      pango_cairo_show_layout (cr, layout);
    }
  if (self->has_band)
    {
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.04);
      cairo_rectangle (cr, label_width (self), band_y (), width - label_width (self), BAND_HEIGHT);
      cairo_fill (cr);
      /* Indented under "UI thread": its requests. */
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.7);
      pango_layout_set_text (layout, _("in flight"), -1);
      pango_layout_set_width (layout, (label_width (self) - 16) * PANGO_SCALE);
      cairo_move_to (cr, 12, band_y () + 4);
      pango_cairo_show_layout (cr, layout);
    }
  pango_layout_set_width (layout, -1);

  if (self->snapshot != NULL)
    {
      cairo_save (cr);
      cairo_rectangle (cr, label_width (self), 0, width - label_width (self), height);
      cairo_clip (cr);
      draw_axis (self, cr, layout, &fg, width, lane_y (self, n_lanes) - LANE_GAP);
      draw_spans (self, cr, &fg, width);
      draw_in_flight (self, cr, layout, &fg, width);
      cairo_restore (cr);
      draw_legend (self, cr, layout, &fg, width, lane_y (self, n_lanes));
    }

  cairo_destroy (cr);
}

static void
juggler_timeline_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  JugglerTimeline *self = JUGGLER_TIMELINE (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = NARROW_LABEL_WIDTH + 120;
      *natural = LABEL_WIDTH + 600;
    }
  else
    {
      *minimum = *natural = lane_y (self, MAX (1, juggler_timeline_get_n_lanes (self))) +
                            LEGEND_ROWS * LEGEND_ROW_HEIGHT;
    }
}

static gboolean
query_tooltip_cb (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard_mode,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  g_autofree char *text = juggler_timeline_describe_at (JUGGLER_TIMELINE (widget), x, y);

  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);

  return TRUE;
}

static gboolean
scroll_cb (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           gpointer                  user_data)
{
  JugglerTimeline *self = user_data;
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  gint64 range = self->end_us - self->start_us;

  if (self->snapshot == NULL)
    return FALSE;

  if (state & GDK_CONTROL_MASK)
    {
      juggler_timeline_zoom (self, pow (1.25, dy));
    }
  else
    {
      gint64 shift = (gint64) ((dx + dy) * range / 10);

      juggler_timeline_set_range (self, self->start_us + shift, self->end_us + shift);
    }

  return TRUE;
}

static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               gpointer        user_data)
{
  JugglerTimeline *self = user_data;

  self->drag_start_us = self->start_us;
  self->drag_end_us = self->end_us;
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          offset_x,
                double          offset_y,
                gpointer        user_data)
{
  JugglerTimeline *self = user_data;
  double width = gtk_widget_get_width (GTK_WIDGET (self)) - label_width (self);
  gint64 shift;

  if (width <= 0 || self->snapshot == NULL || fabs (offset_x) < 2)
    return;

  shift = (gint64) (-offset_x / width * (self->drag_end_us - self->drag_start_us));
  juggler_timeline_set_range (self, self->drag_start_us + shift, self->drag_end_us + shift);
}

static gboolean
save_cb (GtkWidget  *widget,
         GFile      *file,
         gpointer    user_data,
         GError    **error)
{
  return juggler_timeline_save (JUGGLER_TIMELINE (widget), file, error);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  JugglerTimeline *self = JUGGLER_TIMELINE (widget);

  /* A failure is a toast over the page, where the user is looking, as for the results. */
  juggler_export_dialog_show (widget, _("Export Trace"),
                              self->export_name != NULL ? self->export_name : "juggler-trace.json",
                              save_cb, NULL, NULL);
}

static void
juggler_timeline_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (juggler_timeline_parent_class)->map (widget);
  update_tick (JUGGLER_TIMELINE (widget));
}

static void
juggler_timeline_unmap (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (juggler_timeline_parent_class)->unmap (widget);
  update_tick (JUGGLER_TIMELINE (widget));
}

static void
juggler_timeline_dispose (GObject *object)
{
  JugglerTimeline *self = JUGGLER_TIMELINE (object);

  if (self->tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
  self->tick_id = 0;
  g_clear_pointer (&self->snapshot, juggler_trace_snapshot_free);
  g_clear_pointer (&self->trace, juggler_trace_unref);
  g_clear_pointer (&self->export_name, g_free);
  g_clear_object (&self->workload);

  G_OBJECT_CLASS (juggler_timeline_parent_class)->dispose (object);
}

static void
juggler_timeline_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  JugglerTimeline *self = JUGGLER_TIMELINE (object);

  switch (prop_id)
    {
    case PROP_TRACE:
      g_value_set_boxed (value, self->trace);
      break;
    case PROP_LIVE:
      g_value_set_boolean (value, self->live);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
juggler_timeline_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  JugglerTimeline *self = JUGGLER_TIMELINE (object);

  switch (prop_id)
    {
    case PROP_TRACE:
      juggler_timeline_set_trace (self, g_value_get_boxed (value));
      break;
    case PROP_LIVE:
      juggler_timeline_set_live (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
juggler_timeline_class_init (JugglerTimelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = juggler_timeline_dispose;
  object_class->get_property = juggler_timeline_get_property;
  object_class->set_property = juggler_timeline_set_property;
  widget_class->snapshot = juggler_timeline_snapshot;
  widget_class->measure = juggler_timeline_measure;
  widget_class->map = juggler_timeline_map;
  widget_class->unmap = juggler_timeline_unmap;

  properties[PROP_TRACE] =
    g_param_spec_boxed ("trace", NULL, NULL, JUGGLER_TYPE_TRACE,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LIVE] =
    g_param_spec_boolean ("live", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "timeline.export", NULL, export_action);
  gtk_widget_class_set_css_name (widget_class, "timeline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
juggler_timeline_init (JugglerTimeline *self)
{
  GtkEventController *scroll;
  GtkGesture *drag;

  self->live = TRUE;
  self->end_us = g_get_monotonic_time ();
  self->start_us = self->end_us - JUGGLER_TIMELINE_LIVE_WINDOW_US;

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);

  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect (scroll, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);

  drag = gtk_gesture_drag_new ();
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Thread timeline"), -1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "timeline.export", FALSE);
}

GtkWidget *
juggler_timeline_new (void)
{
  return g_object_new (JUGGLER_TYPE_TIMELINE, NULL);
}

JugglerTrace *
juggler_timeline_get_trace (JugglerTimeline *self)
{
  g_return_val_if_fail (JUGGLER_IS_TIMELINE (self), NULL);

  return self->trace;
}

void
juggler_timeline_set_trace (JugglerTimeline *self,
                            JugglerTrace    *trace)
{
  g_return_if_fail (JUGGLER_IS_TIMELINE (self));

  if (trace == self->trace)
    return;

  g_clear_pointer (&self->trace, juggler_trace_unref);
  self->trace = trace != NULL ? juggler_trace_ref (trace) : NULL;
  self->last_refresh_us = 0;

  if (self->live)
    {
      refresh_snapshot (self, g_get_monotonic_time () - JUGGLER_TIMELINE_LIVE_WINDOW_US);
    }
  else
    {
      refresh_snapshot (self, G_MININT64);
      fit_range (self);
    }
  update_tick (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "timeline.export", trace != NULL);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRACE]);
}

void
juggler_timeline_set_export_name (JugglerTimeline *self,
                                  const char      *name)
{
  g_return_if_fail (JUGGLER_IS_TIMELINE (self));

  g_free (self->export_name);
  self->export_name = g_strdup (name);
}

gboolean
juggler_timeline_get_live (JugglerTimeline *self)
{
  g_return_val_if_fail (JUGGLER_IS_TIMELINE (self), FALSE);

  return self->live;
}

void
juggler_timeline_set_live (JugglerTimeline *self,
                           gboolean         live)
{
  g_return_if_fail (JUGGLER_IS_TIMELINE (self));

  live = !!live;
  if (live == self->live)
    return;

  self->live = live;
  if (live)
    {
      self->last_refresh_us = 0;
    }
  else
    {
      /* Paused: everything the trace kept, to scroll back through, and all of it in view
       * to begin with, as a trace viewer opens a trace: a run shorter than the live window
       * fills the width, a longer one fits too (Ctrl+wheel zooms in). */
      refresh_snapshot (self, G_MININT64);
      fit_range (self);
    }
  update_tick (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIVE]);
}

void
juggler_timeline_get_range (JugglerTimeline *self,
                            gint64          *start_us,
                            gint64          *end_us)
{
  g_return_if_fail (JUGGLER_IS_TIMELINE (self));

  if (start_us != NULL)
    *start_us = self->start_us;
  if (end_us != NULL)
    *end_us = self->end_us;
}

void
juggler_timeline_set_range (JugglerTimeline *self,
                            gint64           start_us,
                            gint64           end_us)
{
  g_return_if_fail (JUGGLER_IS_TIMELINE (self));

  juggler_timeline_set_live (self, FALSE);
  self->start_us = start_us;
  self->end_us = MAX (end_us, start_us + MIN_RANGE_US);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
juggler_timeline_zoom (JugglerTimeline *self,
                       double           factor)
{
  gint64 middle, half;

  g_return_if_fail (JUGGLER_IS_TIMELINE (self));
  g_return_if_fail (factor > 0);

  middle = self->start_us + (self->end_us - self->start_us) / 2;
  half = MAX (MIN_RANGE_US / 2, (gint64) ((self->end_us - self->start_us) * factor / 2));
  juggler_timeline_set_range (self, middle - half, middle + half);
}

guint
juggler_timeline_get_n_lanes (JugglerTimeline *self)
{
  g_return_val_if_fail (JUGGLER_IS_TIMELINE (self), 0);

  return self->snapshot != NULL ? self->snapshot->lane_names->len : 0;
}

/* The most requests in flight from from_us to to_us, by the in-flight counter: its last
 * value by from_us and every value after, up to to_us. */
static double
in_flight_during (JugglerTimeline *self,
                  gint64           from_us,
                  gint64           to_us)
{
  const JugglerSpan *before = NULL;
  double most = 0;

  for (guint i = 0; i < self->snapshot->spans->len; i++)
    {
      const JugglerSpan *span = &g_array_index (self->snapshot->spans, JugglerSpan, i);

      if (span->kind != JUGGLER_SPAN_COUNTER || span->id != JUGGLER_TRACE_COUNTER_IN_FLIGHT ||
          span->start_us > to_us)
        continue;
      if (span->start_us > from_us)
        most = MAX (most, span->value);
      else if (before == NULL || span->start_us >= before->start_us)
        before = span;
    }

  return MAX (most, before != NULL ? before->value : 0);
}

static char *
describe_span (JugglerTimeline   *self,
               const JugglerSpan *span)
{
  gint64 origin = juggler_trace_get_origin (self->trace);
  double from_s = (span->start_us - origin) / 1e6;
  double to_s = (span->end_us - origin) / 1e6;
  double ms = (span->end_us - span->start_us) / 1000.0;
  const char *strategy = span->strategy < JUGGLER_N_STRATEGIES
                           ? juggler_strategy_info_get_title (span->strategy) : "";

  switch ((JugglerSpanKind) span->kind)
    {
    case JUGGLER_SPAN_JOB_STEP:
      if (JUGGLER_IS_MANDELBROT (self->workload) &&
          span->id < juggler_workload_get_n_jobs (self->workload))
        {
          guint x, y, w, h;

          juggler_mandelbrot_get_tile_rect (JUGGLER_MANDELBROT (self->workload), span->id,
                                            &x, &y, &w, &h);
          /* Translators: a tile's step: tile number, its corner x,y and size in pixels,
           * strategy, duration, start and end in seconds since the run began. */
          return g_strdup_printf (_("Tile %u at %u,%u (%u×%u px), %s: %.2f ms, %.3f–%.3f s"),
                                  span->id, x, y, w, h, strategy, ms, from_s, to_s);
        }
      return g_strdup_printf (_("Job %u (%s): %.2f ms, %.3f–%.3f s"), span->id, strategy, ms,
                              from_s, to_s);
    case JUGGLER_SPAN_LOCK_WAIT:
      if (span->value != 0)
        /* Translators: a wait that has not ended: how long so far, and since when. */
        return g_strdup_printf (_("Waiting for the global lock, still: %.2f ms so far, since %.3f s"),
                                ms, from_s);
      return g_strdup_printf (_("Waiting for the global lock: %.2f ms, %.3f–%.3f s"), ms,
                              from_s, to_s);
    case JUGGLER_SPAN_LOCK_HOLD:
      return g_strdup_printf (_("Holding the global lock: %.2f ms, %.3f–%.3f s"), ms, from_s,
                              to_s);
    case JUGGLER_SPAN_UI_STALL:
      return g_strdup_printf (_("UI thread stalled: %.1f ms, %.3f–%.3f s"), ms, from_s, to_s);
    case JUGGLER_SPAN_DISPATCH:
      return g_strdup_printf (_("%u results dispatched: %.2f ms, %.3f–%.3f s"), span->id, ms,
                              from_s, to_s);
    case JUGGLER_SPAN_REQUEST:
      /* Translators: request number, its duration, start and end, and the most requests
       * the thread had in flight meanwhile. */
      return g_strdup_printf (_("Request %u: %.1f ms, %.3f–%.3f s, up to %.0f in flight meanwhile"),
                              span->id, ms, from_s, to_s,
                              MAX (1, in_flight_during (self, span->start_us, span->end_us)));
    case JUGGLER_SPAN_RUN:
    case JUGGLER_SPAN_FRAME:
    case JUGGLER_SPAN_COUNTER:
    case JUGGLER_N_SPAN_KINDS:
    default:
      return NULL;
    }
}

static gboolean
covers (const JugglerSpan *span,
        gint64             time_us)
{
  return span->start_us <= time_us && time_us <= span->end_us;
}

char *
juggler_timeline_describe_at (JugglerTimeline *self,
                              double           x,
                              double           y)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  const JugglerSpan *best = NULL;
  guint lane;
  gint64 t, slack;

  g_return_val_if_fail (JUGGLER_IS_TIMELINE (self), NULL);

  if (self->snapshot == NULL || x < label_width (self) || width <= label_width (self))
    return NULL;
  lane = row_at (self, y);
  if (lane == G_MAXUINT)
    return NULL;

  t = self->start_us + (gint64) ((x - label_width (self)) / (width - label_width (self)) *
                                 (self->end_us - self->start_us));
  /* Two pixels either way, so that a one-pixel span can be found. */
  slack = (gint64) (2 * (self->end_us - self->start_us) / (width - label_width (self)));

  /* Requests still out are not spans yet (they are recorded as they end): the band of
   * requests in flight says how many there are. */
  if (lane == BAND_ROW)
    {
      double n = in_flight_during (self, t, t);

      if (n < 1)
        return NULL;
      return g_strdup_printf (_("%.0f requests in flight at %.3f s"), n,
                              (t - juggler_trace_get_origin (self->trace)) / 1e6);
    }

  for (guint i = 0; i < self->snapshot->spans->len; i++)
    {
      const JugglerSpan *span = &g_array_index (self->snapshot->spans, JugglerSpan, i);

      if (span->lane != lane || span->start_us - slack > t || span->end_us + slack < t)
        continue;
      if (span->kind == JUGGLER_SPAN_RUN || span->kind == JUGGLER_SPAN_FRAME ||
          span->kind == JUGGLER_SPAN_COUNTER)
        continue;
      /* A span under the pointer beats one only near it (an uncontended lock wait of no
       * length beside a job step); then the innermost wins: a job step over the lock hold
       * around it. */
      if (best == NULL ||
          covers (span, t) > covers (best, t) ||
          (covers (span, t) == covers (best, t) &&
           span->end_us - span->start_us < best->end_us - best->start_us))
        best = span;
    }

  return best != NULL ? describe_span (self, best) : NULL;
}

void
juggler_timeline_set_workload (JugglerTimeline *self,
                               JugglerWorkload *workload)
{
  g_return_if_fail (JUGGLER_IS_TIMELINE (self));
  g_return_if_fail (workload == NULL || JUGGLER_IS_WORKLOAD (workload));

  g_set_object (&self->workload, workload);
}

gboolean
juggler_timeline_save (JugglerTimeline  *self,
                       GFile            *file,
                       GError          **error)
{
  g_return_val_if_fail (JUGGLER_IS_TIMELINE (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (self->trace == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("There is no trace to export"));
      return FALSE;
    }

  return juggler_trace_save_chrome_json (self->trace, file, NULL, error);
}
