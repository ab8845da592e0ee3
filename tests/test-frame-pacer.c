/* test-frame-pacer.c: the frame pacer's starts between frames, with its clocks handed to it
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "juggler-frame-pacer-private.h"

#define INTERVAL_US 16667

/* A window's UI thread as the pacer sees it: every start and every end costs cost_us of its
 * CPU time in the gap between two frames where it happens, a paint costs paint_us, and a job
 * ends duration_us after it started. */
typedef struct
{
  gint64 cost_us;
  gint64 paint_us;
  gint64 duration_us;
  guint  n_jobs;

  /* What happened */
  guint  frames;
  guint  max_starts;
  guint  peak_in_flight;
  gint64 max_busy_us;     /* paint and gap together */
  guint  n_ended;
} Model;

static void
simulate (Model *model)
{
  g_autoptr(JugglerFramePacer) pacer = juggler_frame_pacer_new (g_main_context_default ());
  g_autoptr(GArray) started = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 now = 1000000, cpu = 0;
  guint n_started = 0;

  while (model->n_ended < model->n_jobs)
    {
      gint64 gap_end = now + INTERVAL_US - model->paint_us;
      gint64 gap_cpu = 0;
      guint starts = 0;

      g_assert_cmpuint (model->frames, <, 10000);

      /* Right after a frame the executor starts what it may. */
      while (n_started < model->n_jobs && juggler_frame_pacer_can_start (pacer))
        {
          _juggler_frame_pacer_started_at (pacer, now);
          g_array_append_val (started, now);
          n_started++;
          starts++;
          gap_cpu += model->cost_us;
        }
      model->max_starts = MAX (model->max_starts, starts);
      model->peak_in_flight = MAX (model->peak_in_flight, n_started - model->n_ended);

      /* The answers that come before the next frame, in the order of their starts. */
      while (model->n_ended < n_started &&
             g_array_index (started, gint64, model->n_ended) + model->duration_us < gap_end)
        {
          _juggler_frame_pacer_done_at (pacer, g_array_index (started, gint64, model->n_ended),
                                        gap_end);
          model->n_ended++;
          gap_cpu += model->cost_us;
        }

      /* The next frame, painted once the gap's work is done. */
      cpu += gap_cpu;
      now = MAX (gap_end, now + gap_cpu);
      _juggler_frame_pacer_frame_begin_at (pacer, now, cpu);
      cpu += model->paint_us;
      now += model->paint_us;
      _juggler_frame_pacer_frame_end_at (pacer, now, cpu, INTERVAL_US);
      model->max_busy_us = MAX (model->max_busy_us, gap_cpu + model->paint_us);
      model->frames++;
    }

  g_test_message ("%u frames, at most %u starts and %" G_GINT64_FORMAT " µs of work between two, "
                  "%u in flight at most", model->frames, model->max_starts, model->max_busy_us,
                  model->peak_in_flight);
  g_assert_cmpuint (juggler_frame_pacer_get_frames (pacer), ==, model->frames);
  g_assert_cmpuint (juggler_frame_pacer_get_max_starts_per_frame (pacer), ==, model->max_starts);
}

/* 500 requests at once of 200 ms, each costing the UI thread 0.3 ms to start and 0.3 ms to
 * end, as measured in the window: started all at once they would end in one burst of 300 ms
 * of work. Paced, no gap between two frames holds more than a frame's worth of work, and
 * still most of them are in flight at once. */
static void
test_pacer_spreads_work (void)
{
  Model model = { .cost_us = 300, .paint_us = 2000, .duration_us = 200000, .n_jobs = 500 };

  simulate (&model);

  g_assert_cmpuint (model.n_ended, ==, 500);
  g_assert_cmpint (model.max_busy_us, <=, INTERVAL_US);
  g_assert_cmpuint (model.max_starts, <, 500 / 8);
  g_assert_cmpuint (model.peak_in_flight, >=, 300);
}

/* Cheaper requests start faster: the pacer measures, it has no fixed rate. */
static void
test_pacer_follows_cost (void)
{
  Model dear = { .cost_us = 300, .paint_us = 2000, .duration_us = 200000, .n_jobs = 500 };
  Model cheap = { .cost_us = 50, .paint_us = 2000, .duration_us = 200000, .n_jobs = 500 };

  simulate (&dear);
  simulate (&cheap);

  g_assert_cmpint (cheap.max_busy_us, <=, INTERVAL_US);
  g_assert_cmpuint (cheap.max_starts, >, 3 * dear.max_starts);
  g_assert_cmpuint (cheap.peak_in_flight, ==, 500);
  g_assert_cmpuint (cheap.frames, <, dear.frames);
}

/* A paint that takes most of the interval leaves little room, but the run goes on: a
 * quarter of the interval is the jobs' whatever the paint takes, and more only where the
 * first answers come before the pacer knows how long a job takes. */
static void
test_pacer_slow_paint (void)
{
  Model model = { .cost_us = 300, .paint_us = 12000, .duration_us = 50000, .n_jobs = 100 };

  simulate (&model);

  g_assert_cmpuint (model.n_ended, ==, 100);
  g_assert_cmpint (model.max_busy_us, <=, model.paint_us + INTERVAL_US / 2);
  g_assert_cmpuint (model.max_starts, >=, 8);
}

static void
test_pacer_lookup (void)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  JugglerFramePacer *pacer = juggler_frame_pacer_new (context);
  JugglerFramePacer *second = juggler_frame_pacer_new (context);

  g_assert_true (juggler_frame_pacer_lookup (context) == pacer);
  g_assert_null (juggler_frame_pacer_lookup (g_main_context_default ()));
  g_assert_null (juggler_frame_pacer_lookup (NULL));

  /* Only the first one paces the context. */
  g_assert_finalize_object (second);
  g_assert_true (juggler_frame_pacer_lookup (context) == pacer);

  g_assert_finalize_object (pacer);
  g_assert_null (juggler_frame_pacer_lookup (context));
}

static gboolean
count_cb (gpointer data)
{
  (*(guint *) data)++;

  return G_SOURCE_REMOVE;
}

static void
count_notify (gpointer data)
{
  *((guint *) data + 1) += 1;
}

static gboolean
fail_cb (gpointer data)
{
  g_assert_not_reached ();

  return G_SOURCE_REMOVE;
}

static void
use_up_quota (JugglerFramePacer *pacer)
{
  while (juggler_frame_pacer_can_start (pacer))
    juggler_frame_pacer_started (pacer);
}

/* Without frames (a hidden window) a waiter is woken all the same, once. */
static void
test_pacer_wait_without_frames (void)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(JugglerFramePacer) pacer = NULL;
  g_autoptr(GSource) timeout = g_timeout_source_new_seconds (10);
  guint calls[2] = { 0, 0 };

  g_main_context_push_thread_default (context);
  pacer = juggler_frame_pacer_new (context);
  use_up_quota (pacer);
  g_assert_false (juggler_frame_pacer_can_start (pacer));

  juggler_frame_pacer_wait (pacer, count_cb, calls, count_notify);
  g_source_set_callback (timeout, fail_cb, NULL, NULL);
  g_source_attach (timeout, context);
  while (calls[0] == 0)
    g_main_context_iteration (context, TRUE);
  g_source_destroy (timeout);

  g_assert_cmpuint (calls[0], ==, 1);
  g_assert_cmpuint (calls[1], ==, 1);
  g_assert_true (juggler_frame_pacer_can_start (pacer));
  g_main_context_pop_thread_default (context);
}

/* After a frame, and when the pacer goes away, waiters go on. */
static void
test_pacer_wake (void)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  JugglerFramePacer *pacer = juggler_frame_pacer_new (context);
  guint after_frame[2] = { 0, 0 };
  guint after_dispose[2] = { 0, 0 };

  use_up_quota (pacer);
  juggler_frame_pacer_wait (pacer, count_cb, after_frame, count_notify);
  juggler_frame_pacer_frame_begin (pacer);
  g_assert_cmpuint (after_frame[0], ==, 0);
  juggler_frame_pacer_frame_end (pacer, INTERVAL_US);
  g_assert_cmpuint (after_frame[0], ==, 1);
  g_assert_cmpuint (after_frame[1], ==, 1);

  use_up_quota (pacer);
  juggler_frame_pacer_wait (pacer, count_cb, after_dispose, count_notify);
  g_assert_finalize_object (pacer);
  g_assert_cmpuint (after_dispose[0], ==, 1);
  g_assert_cmpuint (after_dispose[1], ==, 1);
  g_assert_cmpuint (after_frame[0], ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/frame-pacer/spreads-work", test_pacer_spreads_work);
  g_test_add_func ("/core/frame-pacer/follows-cost", test_pacer_follows_cost);
  g_test_add_func ("/core/frame-pacer/slow-paint", test_pacer_slow_paint);
  g_test_add_func ("/core/frame-pacer/lookup", test_pacer_lookup);
  g_test_add_func ("/core/frame-pacer/wait-without-frames", test_pacer_wait_without_frames);
  g_test_add_func ("/core/frame-pacer/wake", test_pacer_wake);

  return g_test_run ();
}
