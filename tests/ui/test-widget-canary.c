/* test-widget-canary.c: the canary records one interval per frame while mapped, and no gap;
 * the live charts say when it rests
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "juggler-canary.h"
#include "juggler-chart.h"
#include "juggler-live-charts.h"
#include "juggler-test-window.h"

typedef struct
{
  JugglerCanary *canary;
  guint64        until;
  gboolean       reached;
} FrameWait;

static gboolean
frames_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  FrameWait *wait = user_data;

  if (juggler_canary_get_frames (wait->canary) >= wait->until)
    {
      wait->reached = TRUE;
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

static void
wait_for_frames (JugglerCanary *canary,
                 guint64        n)
{
  FrameWait wait = { canary, juggler_canary_get_frames (canary) + n, FALSE };

  gtk_widget_add_tick_callback (GTK_WIDGET (canary), frames_tick_cb, &wait, NULL);
  g_assert_true (juggler_test_iterate_until (&wait.reached, 30));
}

static gboolean
timeout_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
test_canary_records_frames (void)
{
  GtkWidget *window = gtk_window_new ();
  JugglerCanary *canary = JUGGLER_CANARY (juggler_canary_new ());
  JugglerSeries *series = juggler_canary_get_series (canary);
  JugglerSeries *rates = juggler_canary_get_rate_series (canary);
  gint64 trim_at;

  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (canary));
  juggler_test_present (GTK_WINDOW (window));
  wait_for_frames (canary, 10);

  /* One interval per frame counted, each a positive number of ms, stamped in order, and the
   * same frame as a rate. */
  g_assert_cmpuint (juggler_series_get_length (series), ==, juggler_canary_get_frames (canary));
  g_assert_cmpuint (juggler_series_get_length (rates), ==, juggler_canary_get_frames (canary));
  for (guint i = 0; i < juggler_series_get_length (series); i++)
    {
      gint64 t, rate_t, previous = 0;
      double ms, fps;

      juggler_series_get (series, i, &t, &ms);
      g_assert_cmpfloat (ms, >, 0);
      juggler_series_get (rates, i, &rate_t, &fps);
      g_assert_cmpint (rate_t, ==, t);
      g_assert_cmpfloat (fabs (fps * ms - 1000), <, 1e-3);
      if (i > 0)
        juggler_series_get (series, i - 1, &previous, NULL);
      g_assert_cmpint (t, >, previous);
    }

  /* Trimming forgets the same frames in both. */
  juggler_series_get (series, 5, &trim_at, NULL);
  juggler_canary_trim (canary, trim_at);
  g_assert_cmpuint (juggler_series_get_length (series), ==, juggler_series_get_length (rates));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Unmapped, the window has no frames: 300 ms hidden must not come back as a 300 ms stall. */
static void
test_canary_unmapped_gap (void)
{
  GtkWidget *window = gtk_window_new ();
  JugglerCanary *canary = JUGGLER_CANARY (juggler_canary_new ());
  JugglerSeries *series = juggler_canary_get_series (canary);
  gboolean waited = FALSE;
  guint64 frames;
  guint before;

  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (canary));
  juggler_test_present (GTK_WINDOW (window));
  wait_for_frames (canary, 5);

  gtk_widget_set_visible (window, FALSE);
  frames = juggler_canary_get_frames (canary);
  g_timeout_add (300, timeout_cb, &waited);
  g_assert_true (juggler_test_iterate_until (&waited, 10));
  g_assert_cmpuint (juggler_canary_get_frames (canary), ==, frames);

  before = juggler_series_get_length (series);
  juggler_test_present (GTK_WINDOW (window));
  wait_for_frames (canary, 3);
  for (guint i = before; i < juggler_series_get_length (series); i++)
    {
      double ms;

      juggler_series_get (series, i, NULL, &ms);
      g_assert_cmpfloat (ms, <, 300);
    }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The first chart under widget, or NULL: the live charts' first is the frame rate's. */
static JugglerChart *
find_chart (GtkWidget *widget)
{
  if (JUGGLER_IS_CHART (widget))
    return JUGGLER_CHART (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      JugglerChart *chart = find_chart (child);

      if (chart != NULL)
        return chart;
    }

  return NULL;
}

/* At rest the frame rate reads "at rest", not "0 fps" (a frozen window, to a new user);
 * once a run goes, its frames are counted, none yet included. */
static void
test_live_charts_at_rest (void)
{
  JugglerLiveCharts *charts = g_object_ref_sink (g_object_new (JUGGLER_TYPE_LIVE_CHARTS, NULL));
  JugglerChart *fps = find_chart (GTK_WIDGET (charts));
  gint64 now = 100 * G_USEC_PER_SEC;

  g_assert_nonnull (fps);
  juggler_live_charts_frame (charts, now);
  g_assert_cmpstr (juggler_chart_get_readout (fps), ==, "at rest");

  juggler_live_charts_set_run_start (charts, now);
  juggler_live_charts_frame (charts, now + G_USEC_PER_SEC);
  g_assert_cmpstr (juggler_chart_get_readout (fps), ==, "0 fps");

  juggler_live_charts_set_run_start (charts, 0);
  g_assert_finalize_object (charts);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ui/widget/canary/records-frames", test_canary_records_frames);
  g_test_add_func ("/ui/widget/canary/unmapped-gap", test_canary_unmapped_gap);
  g_test_add_func ("/ui/widget/live-charts/at-rest", test_live_charts_at_rest);

  return g_test_run ();
}
