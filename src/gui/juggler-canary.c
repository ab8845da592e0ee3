/* juggler-canary.c: a juggling animation driven by the frame clock that records frame intervals
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-canary"

#include "config.h"

#include "juggler-canary.h"

#include <math.h>

#define N_BALLS     3
/* One throw per beat; a three-ball cascade repeats every 2 × N_BALLS beats. */
#define BEAT_US     (G_USEC_PER_SEC * 3 / 10)
#define BALL_RADIUS 7.0

struct _JugglerCanary
{
  GtkWidget      parent_instance;

  JugglerSeries *series;
  JugglerSeries *rates;
  guint          tick_id;
  gint64         last_frame_us;
  /* Intervals still to leave out after mapping. */
  guint          skip;
  guint64        frames;
  /* While resting the balls stand still and no frame is asked for: see set_resting. */
  gboolean       resting;
  gint64         rest_at_us;
};

enum {
  PROP_0,
  PROP_RESTING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (JugglerCanary, juggler_canary, GTK_TYPE_WIDGET)

static const GdkRGBA ball_colors[N_BALLS] = {
  { 0.11, 0.44, 0.85, 1.0 },  /* GNOME blue 3 */
  { 0.90, 0.38, 0.00, 1.0 },  /* orange 4 */
  { 0.18, 0.76, 0.49, 1.0 },  /* green 4 */
};

static gboolean
juggler_canary_tick_cb (GtkWidget     *widget,
                        GdkFrameClock *frame_clock,
                        gpointer       user_data)
{
  JugglerCanary *self = JUGGLER_CANARY (widget);
  gint64 now = gdk_frame_clock_get_frame_time (frame_clock);

  /* The frame clock keeps only 16 frames of history: keep every interval ourselves. */
  if (self->last_frame_us > 0 && now > self->last_frame_us)
    {
      if (self->skip > 0)
        self->skip--;
      else
        {
          juggler_series_append (self->series, now, (now - self->last_frame_us) / 1000.0);
          juggler_series_append (self->rates, now,
                                 (double) G_USEC_PER_SEC / (now - self->last_frame_us));
          self->frames++;
        }
    }
  self->last_frame_us = now;

  gtk_widget_queue_draw (widget);

  return G_SOURCE_CONTINUE;
}

static void
start_ticking (JugglerCanary *self)
{
  if (self->tick_id == 0)
    self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), juggler_canary_tick_cb,
                                                  NULL, NULL);
}

static void
stop_ticking (JugglerCanary *self)
{
  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
}

static void
juggler_canary_map (GtkWidget *widget)
{
  JugglerCanary *self = JUGGLER_CANARY (widget);

  GTK_WIDGET_CLASS (juggler_canary_parent_class)->map (widget);

  /* An unmapped window has no frames: the gap is not a stall, so start afresh. The first
   * interval after mapping holds the first paint of the whole window (fonts, styles,
   * layout), which is no stall of a running window either. */
  self->last_frame_us = 0;
  self->skip = 1;
  if (!self->resting)
    start_ticking (self);
}

static void
juggler_canary_unmap (GtkWidget *widget)
{
  JugglerCanary *self = JUGGLER_CANARY (widget);

  stop_ticking (self);

  GTK_WIDGET_CLASS (juggler_canary_parent_class)->unmap (widget);
}

/* Where ball i is at time t, in a unit box: x in [0, 1] left to right, y in [0, 1] bottom up.
 * A three-ball cascade: one throw per beat, alternating hands; a ball flies 2.5 beats from
 * the inside of one hand to the outside of the other, which carries it inwards for half a
 * beat and throws it back. Ball i runs 2 beats behind ball i - 1 (modulo the 6-beat cycle). */
static void
ball_position (guint   i,
               gint64  t_us,
               double *x,
               double *y)
{
  const double cycle = 2 * N_BALLS;
  const double flight = N_BALLS - 0.5;
  double phase = fmod ((double) t_us / BEAT_US + i * 2.0, cycle);
  gboolean from_right = phase >= N_BALLS;
  double local = fmod (phase, N_BALLS);

  if (local < flight)
    {
      double s = local / flight;

      *x = from_right ? 0.7 - 0.55 * s : 0.3 + 0.55 * s;
      *y = 0.1 + 4 * 0.85 * s * (1 - s);
    }
  else
    {
      double s = (local - flight) / (N_BALLS - flight);

      *x = from_right ? 0.15 + 0.15 * s : 0.85 - 0.15 * s;
      *y = 0.1 - 0.1 * sin (G_PI * s);
    }
}

/* Each ball is a rounded clip around a colour node rather than one cairo node for the whole
 * area: GTK then repaints only the squares the balls left and entered, not the card under
 * the canary, which is most of what an idle window costs. */
static void
juggler_canary_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  double box_w = MIN (width, height * 1.6);
  double box_h = height - 2 * BALL_RADIUS;
  double left = (width - box_w) / 2;
  JugglerCanary *self = JUGGLER_CANARY (widget);
  /* The time the tick callback saw: while mapped it runs in every frame, before the paint.
   * At rest the balls stay where they were when the canary stopped. */
  gint64 now = self->resting ? self->rest_at_us
                             : gdk_frame_clock_get_frame_time (gtk_widget_get_frame_clock (widget));

  if (width <= 0 || height <= 0)
    return;

  for (guint i = 0; i < N_BALLS; i++)
    {
      graphene_rect_t bounds;
      GskRoundedRect ball;
      double x, y;

      ball_position (i, now, &x, &y);
      graphene_rect_init (&bounds,
                          left + x * box_w - BALL_RADIUS,
                          (1 - y) * box_h,
                          2 * BALL_RADIUS,
                          2 * BALL_RADIUS);
      gsk_rounded_rect_init_from_rect (&ball, &bounds, BALL_RADIUS);
      gtk_snapshot_push_rounded_clip (snapshot, &ball);
      gtk_snapshot_append_color (snapshot, &ball_colors[i], &bounds);
      gtk_snapshot_pop (snapshot);
    }
}

static void
juggler_canary_finalize (GObject *object)
{
  JugglerCanary *self = (JugglerCanary *) object;

  g_clear_pointer (&self->series, juggler_series_free);
  g_clear_pointer (&self->rates, juggler_series_free);

  G_OBJECT_CLASS (juggler_canary_parent_class)->finalize (object);
}

static void
juggler_canary_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  JugglerCanary *self = JUGGLER_CANARY (object);

  switch (prop_id)
    {
    case PROP_RESTING:
      g_value_set_boolean (value, self->resting);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
juggler_canary_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  JugglerCanary *self = JUGGLER_CANARY (object);

  switch (prop_id)
    {
    case PROP_RESTING:
      juggler_canary_set_resting (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
juggler_canary_class_init (JugglerCanaryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = juggler_canary_finalize;
  object_class->get_property = juggler_canary_get_property;
  object_class->set_property = juggler_canary_set_property;

  properties[PROP_RESTING] =
    g_param_spec_boolean ("resting", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  widget_class->map = juggler_canary_map;
  widget_class->unmap = juggler_canary_unmap;
  widget_class->snapshot = juggler_canary_snapshot;

  gtk_widget_class_set_css_name (widget_class, "canary");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
juggler_canary_init (JugglerCanary *self)
{
  self->series = juggler_series_new ();
  self->rates = juggler_series_new ();
  gtk_widget_set_size_request (GTK_WIDGET (self), 160, 110);
}

GtkWidget *
juggler_canary_new (void)
{
  return g_object_new (JUGGLER_TYPE_CANARY, NULL);
}

JugglerSeries *
juggler_canary_get_series (JugglerCanary *self)
{
  g_return_val_if_fail (JUGGLER_IS_CANARY (self), NULL);

  return self->series;
}

guint64
juggler_canary_get_frames (JugglerCanary *self)
{
  g_return_val_if_fail (JUGGLER_IS_CANARY (self), 0);

  return self->frames;
}

JugglerSeries *
juggler_canary_get_rate_series (JugglerCanary *self)
{
  g_return_val_if_fail (JUGGLER_IS_CANARY (self), NULL);

  return self->rates;
}

void
juggler_canary_trim (JugglerCanary *self,
                     gint64         before_us)
{
  g_return_if_fail (JUGGLER_IS_CANARY (self));

  juggler_series_trim_to_edge (self->series, before_us);
  juggler_series_trim_to_edge (self->rates, before_us);
}

gboolean
juggler_canary_get_resting (JugglerCanary *self)
{
  g_return_val_if_fail (JUGGLER_IS_CANARY (self), FALSE);

  return self->resting;
}

/* At rest the canary asks the frame clock for nothing: with GTK 4.8's cairo renderer every
 * painted frame walks the whole window's render tree, so a canary juggling at 60 fps costs
 * an idle window 5 to 7 % of a core, for a lesson that only means something while a run
 * goes. Waking, it starts a new series of intervals: the rest is no stall. */
void
juggler_canary_set_resting (JugglerCanary *self,
                            gboolean       resting)
{
  g_return_if_fail (JUGGLER_IS_CANARY (self));

  resting = !!resting;
  if (self->resting == resting)
    return;

  self->resting = resting;
  if (resting)
    {
      GdkFrameClock *frame_clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

      self->rest_at_us = frame_clock != NULL ? gdk_frame_clock_get_frame_time (frame_clock)
                                             : 0;
      stop_ticking (self);
    }
  else
    {
      self->last_frame_us = 0;
      if (gtk_widget_get_mapped (GTK_WIDGET (self)))
        start_ticking (self);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESTING]);
}
