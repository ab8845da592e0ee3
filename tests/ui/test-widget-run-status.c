/* test-widget-run-status.c: the status line touches its bar and labels only when what they show changes
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "juggler-run-status.h"
#include "juggler-test-widget.h"
#include "juggler-test-window.h"

#define BAR_W     400
#define TOTAL     500
/* A frame time well past zero, at the start of a slot of every interval the status uses. */
#define T0        (1000 * G_USEC_PER_SEC)
#define FRAME_US  16667

typedef struct
{
  GtkWidget        *window;
  JugglerRunStatus *status;
  GtkProgressBar   *bar;
  GtkLabel         *label;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->status = g_object_new (JUGGLER_TYPE_RUN_STATUS, NULL);
  fixture->window = gtk_window_new ();
  gtk_widget_set_size_request (GTK_WIDGET (fixture->status), BAR_W, -1);
  gtk_window_set_child (GTK_WINDOW (fixture->window), GTK_WIDGET (fixture->status));
  juggler_test_present (GTK_WINDOW (fixture->window));

  fixture->bar = GTK_PROGRESS_BAR (gtk_widget_get_template_child (GTK_WIDGET (fixture->status),
                                                                  JUGGLER_TYPE_RUN_STATUS,
                                                                  "progress_bar"));
  fixture->label = GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (fixture->status),
                                                             JUGGLER_TYPE_RUN_STATUS, "label"));
  while (gtk_widget_get_width (GTK_WIDGET (fixture->bar)) == 0)
    g_main_context_iteration (NULL, TRUE);
  juggler_run_status_start (fixture->status);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
}

static void
update_steps (Fixture *fixture,
              guint    done,
              guint64  steps_done,
              guint64  steps_total,
              gint64   frame_time_us)
{
  JugglerProgress progress = {
    .jobs_done = done,
    .jobs_total = TOTAL,
    .steps_done = steps_done,
    .steps_total = steps_total,
    /* As juggler_run_sample() gives them for a workload without a cost model. */
    .work_done = steps_done,
    .work_total = steps_total,
    .elapsed_us = frame_time_us - T0,
  };
  g_autofree char *text = g_strdup_printf ("%u of %u requests", done, TOTAL);

  juggler_run_status_update (fixture->status, &progress, text, frame_time_us);
}

static void
update (Fixture *fixture,
        guint    done,
        gint64   frame_time_us)
{
  update_steps (fixture, done, done, TOTAL, frame_time_us);
}

/* GtkProgressBar reallocates itself and tells the accessibility bus on every
 * gtk_progress_bar_set_fraction(), even to the same value: the status sets it only when its
 * filled part moves by a pixel, at most once per slot of frame time (issue 10). */
static void
test_run_status_bar (Fixture       *fixture,
                     gconstpointer  data)
{
  guint notifies;
  gint64 t = T0;

  juggler_test_count_notify (fixture->bar, "fraction", &notifies);

  update (fixture, 100, t);
  g_assert_cmpuint (notifies, ==, 1);
  g_assert_cmpfloat_with_epsilon (gtk_progress_bar_get_fraction (fixture->bar), 0.2, 1e-9);

  /* The next frame, in the same slot: the bar waits for the next slot. */
  update (fixture, 150, t + FRAME_US);
  g_assert_cmpuint (notifies, ==, 1);

  /* Frames until the slot has changed: then it moves, once. */
  for (t += 2 * FRAME_US; notifies == 1 && t < T0 + G_USEC_PER_SEC; t += FRAME_US)
    update (fixture, 150, t);
  g_assert_cmpuint (notifies, ==, 2);
  g_assert_cmpfloat_with_epsilon (gtk_progress_bar_get_fraction (fixture->bar), 0.3, 1e-9);

  /* A second past: a new slot, but the same fraction; pixels further; then a thousandth of a pixel more. */
  t += G_USEC_PER_SEC;
  update (fixture, 150, t);
  g_assert_cmpuint (notifies, ==, 2);
  t += G_USEC_PER_SEC;
  update_steps (fixture, 150, 310500, 1000000, t);
  g_assert_cmpuint (notifies, ==, 3);
  t += G_USEC_PER_SEC;
  update_steps (fixture, 150, 310501, 1000000, t);
  g_assert_cmpuint (notifies, ==, 3);

  /* The end is always shown. */
  t += G_USEC_PER_SEC;
  update (fixture, TOTAL, t);
  g_assert_cmpuint (notifies, ==, 4);
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (fixture->bar), ==, 1);
}

/* The text changes four times a second at most, whatever the frames: a label that changes
 * lays the page out again. */
static void
test_run_status_label (Fixture       *fixture,
                       gconstpointer  data)
{
  guint notifies;
  gint64 t;

  juggler_test_count_notify (fixture->label, "label", &notifies);
  for (t = T0; t < T0 + G_USEC_PER_SEC; t += FRAME_US)
    update (fixture, (guint) ((t - T0) / 10000), t);

  /* One a slot of 250 ms: four in a second, five if a slot's start is counted twice. */
  g_assert_cmpuint (notifies, >=, 4);
  g_assert_cmpuint (notifies, <=, 5);
  g_assert_nonnull (strstr (juggler_run_status_get_text (fixture->status), "of 500 requests"));
}

/* The time left is the predicted work left at the measured rate of work: half the rows
 * done but a tenth of the work means nine times as long again, not as long again (issue 9,
 * D10). Before half a second of measuring it says it is estimating. */
static void
test_run_status_time_left (Fixture       *fixture,
                           gconstpointer  data)
{
  const guint64 steps_total = 1000, work_total = 1000000;
  gint64 t;

  for (t = T0; t <= T0 + 2 * G_USEC_PER_SEC; t += FRAME_US)
    {
      double elapsed_s = (t - T0) / (double) G_USEC_PER_SEC;
      /* 5 % of the work a second, the expensive rows last: steps run ahead of work. */
      JugglerProgress progress = {
        .jobs_done = 0,
        .jobs_total = TOTAL,
        .steps_done = (guint64) (steps_total * MIN (0.25 * elapsed_s, 1)),
        .steps_total = steps_total,
        .work_done = (guint64) (work_total * 0.05 * elapsed_s),
        .work_total = work_total,
        .elapsed_us = t - T0,
      };

      juggler_run_status_update (fixture->status, &progress, "0 of 500 tiles", t);
      if (t - T0 < G_USEC_PER_SEC / 2)
        {
          g_assert_nonnull (strstr (juggler_run_status_get_text (fixture->status), "estimating"));
          g_assert_cmpfloat (juggler_run_status_estimate_left_s (fixture->status), ==, -1);
        }
    }

  /* 10 % done in 2 s: 18 s left; by rows, half done, it would have said 2 s. */
  g_assert_cmpfloat_with_epsilon (juggler_run_status_estimate_left_s (fixture->status), 18, 0.5);
  g_assert_nonnull (strstr (juggler_run_status_get_text (fixture->status), "about 18\u00a0s left"));
  g_assert_cmpfloat_with_epsilon (gtk_progress_bar_get_fraction (fixture->bar), 0.1, 0.01);
}

/* After a switch of strategy the time left follows the new strategy's rate: 5 % of the work
 * a second for 4 s, then 20 % a second; 3 s later, 20 % is left: 1 s, where the whole run's
 * rate would say 1.75 s. */
static void
test_run_status_switch (Fixture       *fixture,
                        gconstpointer  data)
{
  const guint64 work_total = 1000000;
  gboolean switched = FALSE;

  /* To the first frame of the slot at 7 s. */
  for (gint64 t = T0; t < T0 + 7 * G_USEC_PER_SEC + FRAME_US; t += FRAME_US)
    {
      double elapsed_s = (t - T0) / (double) G_USEC_PER_SEC;
      double fraction = elapsed_s < 4 ? 0.05 * elapsed_s : 0.2 + 0.2 * (elapsed_s - 4);
      JugglerProgress progress = {
        .jobs_total = TOTAL,
        .steps_done = (guint64) (fraction * 1000),
        .steps_total = 1000,
        .work_done = (guint64) (work_total * fraction),
        .work_total = work_total,
        .elapsed_us = t - T0,
      };

      if (elapsed_s >= 4 && !switched)
        {
          juggler_run_status_strategy_switched (fixture->status);
          switched = TRUE;
        }
      juggler_run_status_update (fixture->status, &progress, "0 of 500 tiles", t);
    }

  g_assert_cmpfloat_with_epsilon (juggler_run_status_estimate_left_s (fixture->status), 1, 0.15);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add ("/ui/widget/run-status/bar", Fixture, NULL,
              fixture_set_up, test_run_status_bar, fixture_tear_down);
  g_test_add ("/ui/widget/run-status/label", Fixture, NULL,
              fixture_set_up, test_run_status_label, fixture_tear_down);
  g_test_add ("/ui/widget/run-status/time-left", Fixture, NULL,
              fixture_set_up, test_run_status_time_left, fixture_tear_down);
  g_test_add ("/ui/widget/run-status/switch", Fixture, NULL,
              fixture_set_up, test_run_status_switch, fixture_tear_down);

  return g_test_run ();
}
