/* test-mandelbrot.c: the CPU workload's kernel, tiling, argument checks and digest
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "juggler-mandelbrot.h"
#include "juggler-types.h"

static JugglerMandelbrot *
new_mandelbrot (guint width,
                guint height,
                guint tile_size,
                guint iterations)
{
  g_autoptr(GError) error = NULL;
  JugglerMandelbrot *mandelbrot;

  mandelbrot = juggler_mandelbrot_new (width, height, tile_size, iterations, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (mandelbrot);

  return mandelbrot;
}

static char *
serial_digest (guint width,
               guint height,
               guint tile_size,
               guint iterations)
{
  JugglerMandelbrot *mandelbrot = new_mandelbrot (width, height, tile_size, iterations);
  char *digest;

  juggler_workload_run_serial (JUGGLER_WORKLOAD (mandelbrot));
  digest = juggler_workload_dup_digest (JUGGLER_WORKLOAD (mandelbrot));
  g_assert_finalize_object (mandelbrot);

  return digest;
}

static void
test_digest_stable (void)
{
  g_autofree char *first = serial_digest (333, 217, 37, 300);
  g_autofree char *second = serial_digest (333, 217, 37, 300);
  g_autofree char *other_tiles = serial_digest (333, 217, 64, 300);
  g_autofree char *one_tile = serial_digest (333, 217, 1000, 300);
  g_autofree char *more_iterations = serial_digest (333, 217, 37, 301);
  g_autoptr(JugglerMandelbrot) empty = new_mandelbrot (333, 217, 37, 300);
  g_autofree char *empty_digest = juggler_workload_dup_digest (JUGGLER_WORKLOAD (empty));

  /* SHA-256 in lower-case hex. */
  g_assert_cmpuint (strlen (first), ==, 64);
  for (const char *c = first; *c != '\0'; c++)
    g_assert_true (g_ascii_isxdigit (*c) && !g_ascii_isupper (*c));

  g_assert_cmpstr (first, ==, second);
  g_assert_cmpstr (first, ==, other_tiles);
  g_assert_cmpstr (first, ==, one_tile);

  /* The digest depends on the result: another image, or no image, digests differently. */
  g_assert_cmpstr (first, !=, more_iterations);
  g_assert_cmpstr (first, !=, empty_digest);
}

static void
test_image_plausible (void)
{
  g_autoptr(JugglerMandelbrot) mandelbrot = new_mandelbrot (64, 48, 16, 100);
  const guint32 *iterations;
  const guint32 *pixels;
  guint n_max = 0, n_escaped = 0;

  juggler_workload_run_serial (JUGGLER_WORKLOAD (mandelbrot));
  iterations = juggler_mandelbrot_get_iterations (mandelbrot);
  pixels = juggler_mandelbrot_get_pixels (mandelbrot);
  g_assert_cmpuint (juggler_mandelbrot_get_width (mandelbrot), ==, 64);
  g_assert_cmpuint (juggler_mandelbrot_get_height (mandelbrot), ==, 48);

  /* The default region holds both the set (black, max iterations) and its outside. */
  for (guint i = 0; i < 64 * 48; i++)
    {
      g_assert_cmpuint (iterations[i], >=, 1);
      g_assert_cmpuint (iterations[i], <=, 100);
      g_assert_cmpuint (pixels[i] & 0xff000000, ==, 0);
      if (iterations[i] == 100)
        {
          g_assert_cmphex (pixels[i], ==, 0);
          n_max++;
        }
      else
        n_escaped++;
    }
  g_assert_cmpuint (n_max, >, 0);
  g_assert_cmpuint (n_escaped, >, 0);

  /* The image is symmetric about the real axis, which the default region centres. */
  for (guint y = 0; y < 48; y++)
    for (guint x = 0; x < 64; x++)
      g_assert_cmpuint (iterations[y * 64 + x], ==, iterations[(47 - y) * 64 + x]);
}

static void
assert_new_fails (guint                width,
                  guint                height,
                  guint                tile_size,
                  guint                iterations,
                  const JugglerRegion *region,
                  JugglerError         code)
{
  g_autoptr(GError) error = NULL;
  JugglerMandelbrot *mandelbrot;

  mandelbrot = juggler_mandelbrot_new (width, height, tile_size, iterations, region, &error);
  g_assert_null (mandelbrot);
  g_assert_error (error, JUGGLER_ERROR, (int) code);
  g_assert_nonnull (error->message);
  g_assert_cmpstr (error->message, !=, "");

  /* A NULL error must be fine too. */
  g_assert_null (juggler_mandelbrot_new (width, height, tile_size, iterations, region, NULL));
}

static void
test_invalid_arguments (void)
{
  const JugglerRegion nan_centre = { NAN, 0.0, 3.0 };
  const JugglerRegion inf_centre = { 0.0, -INFINITY, 3.0 };
  const JugglerRegion inf_span = { 0.0, 0.0, INFINITY };
  const JugglerRegion nan_span = { 0.0, 0.0, NAN };
  const JugglerRegion zero_span = { 0.0, 0.0, 0.0 };
  const JugglerRegion negative_span = { 0.0, 0.0, -1.0 };
  const JugglerRegion fine = { -0.5, 0.25, 0.01 };
  g_autoptr(GError) error = NULL;
  g_autoptr(JugglerMandelbrot) ok = NULL;

  assert_new_fails (0, 10, 8, 100, NULL, JUGGLER_ERROR_INVALID_ARGUMENT);
  assert_new_fails (10, 0, 8, 100, NULL, JUGGLER_ERROR_INVALID_ARGUMENT);
  assert_new_fails (10, 10, 0, 100, NULL, JUGGLER_ERROR_INVALID_ARGUMENT);
  assert_new_fails (10, 10, 8, 0, NULL, JUGGLER_ERROR_INVALID_ARGUMENT);
  assert_new_fails (10, 10, 8, JUGGLER_MANDELBROT_MAX_ITERATIONS + 1, NULL,
                    JUGGLER_ERROR_INVALID_ARGUMENT);
  assert_new_fails (10, 10, 8, G_MAXUINT, NULL, JUGGLER_ERROR_INVALID_ARGUMENT);

  assert_new_fails (100000, 100000, 64, 100, NULL, JUGGLER_ERROR_TOO_LARGE);
  assert_new_fails (G_MAXUINT, G_MAXUINT, 64, 100, NULL, JUGGLER_ERROR_TOO_LARGE);
  assert_new_fails (JUGGLER_MANDELBROT_MAX_PIXELS + 1, 1, 64, 100, NULL, JUGGLER_ERROR_TOO_LARGE);
  /* Within the pixel limit, but one-pixel tiles would make millions of jobs. */
  assert_new_fails (2048, 1024, 1, 100, NULL, JUGGLER_ERROR_INVALID_ARGUMENT);

  assert_new_fails (10, 10, 8, 100, &nan_centre, JUGGLER_ERROR_INVALID_ARGUMENT);
  assert_new_fails (10, 10, 8, 100, &inf_centre, JUGGLER_ERROR_INVALID_ARGUMENT);
  assert_new_fails (10, 10, 8, 100, &inf_span, JUGGLER_ERROR_INVALID_ARGUMENT);
  assert_new_fails (10, 10, 8, 100, &nan_span, JUGGLER_ERROR_INVALID_ARGUMENT);
  assert_new_fails (10, 10, 8, 100, &zero_span, JUGGLER_ERROR_INVALID_ARGUMENT);
  assert_new_fails (10, 10, 8, 100, &negative_span, JUGGLER_ERROR_INVALID_ARGUMENT);

  /* The limits themselves are allowed, and so is a tile larger than the image. */
  ok = juggler_mandelbrot_new (3, 2, 1000, JUGGLER_MANDELBROT_MAX_ITERATIONS, &fine, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ok);
  g_assert_cmpuint (juggler_workload_get_n_jobs (JUGGLER_WORKLOAD (ok)), ==, 1);
}

static void
check_tiling (guint width,
              guint height,
              guint tile_size)
{
  g_autoptr(JugglerMandelbrot) mandelbrot = new_mandelbrot (width, height, tile_size, 10);
  JugglerWorkload *workload = JUGGLER_WORKLOAD (mandelbrot);
  g_autofree guint8 *covered = g_new0 (guint8, (gsize) width * height);
  guint n_jobs = juggler_workload_get_n_jobs (workload);
  guint expected_jobs = ((width + tile_size - 1) / tile_size) * ((height + tile_size - 1) / tile_size);
  guint64 rows = 0;

  g_test_message ("%ux%u in tiles of %u: %u jobs", width, height, tile_size, n_jobs);
  g_assert_cmpuint (n_jobs, ==, expected_jobs);

  for (guint i = 0; i < n_jobs; i++)
    {
      guint x, y, w, h;

      juggler_mandelbrot_get_tile_rect (mandelbrot, i, &x, &y, &w, &h);
      g_assert_cmpuint (w, >=, 1);
      g_assert_cmpuint (h, >=, 1);
      g_assert_cmpuint (w, <=, tile_size);
      g_assert_cmpuint (h, <=, tile_size);
      g_assert_cmpuint (x + w, <=, width);
      g_assert_cmpuint (y + h, <=, height);
      rows += h;

      for (guint row = y; row < y + h; row++)
        for (guint col = x; col < x + w; col++)
          covered[(gsize) row * width + col]++;
    }

  for (gsize i = 0; i < (gsize) width * height; i++)
    g_assert_cmpuint (covered[i], ==, 1);

  /* A progress step is one row of one tile. */
  g_assert_cmpuint (juggler_workload_get_n_steps (workload), ==, rows);
}

static void
test_tiles_cover_once (void)
{
  check_tiling (333, 217, 37);
  check_tiling (333, 217, 64);
  check_tiling (1, 1, 1);
  check_tiling (1, 1, 7);
  check_tiling (7, 5, 2);
  check_tiling (101, 1, 10);
  check_tiling (1, 101, 10);
  check_tiling (64, 64, 64);
  check_tiling (65, 63, 8);
}

static void
test_job_expired_deadline (void)
{
  g_autoptr(JugglerMandelbrot) stepped = new_mandelbrot (333, 217, 37, 300);
  JugglerWorkload *workload = JUGGLER_WORKLOAD (stepped);
  g_autofree char *reference = serial_digest (333, 217, 37, 300);
  g_autofree char *digest = NULL;
  guint n_jobs = juggler_workload_get_n_jobs (workload);
  guint64 total_steps = 0;

  /* Jobs in reverse order: the result must not depend on the order either. */
  for (guint i = n_jobs; i-- > 0;)
    {
      gpointer job = juggler_workload_job_new (workload, i);
      guint x, y, w, h;
      guint calls = 0;
      gboolean done = FALSE;

      juggler_mandelbrot_get_tile_rect (stepped, i, &x, &y, &w, &h);

      /* A deadline long gone still buys one row per call, so the job always progresses. */
      while (!done)
        {
          guint n_steps = 0;

          done = juggler_workload_job_step (workload, job, 1, NULL, &n_steps);
          g_assert_cmpuint (n_steps, ==, 1);
          calls++;
          total_steps += n_steps;
          g_assert_cmpuint (calls, <=, h);
        }
      g_assert_cmpuint (calls, ==, h);

      juggler_workload_job_merge (workload, job);
      juggler_workload_job_free (workload, job);
    }

  g_assert_cmpuint (total_steps, ==, juggler_workload_get_n_steps (workload));
  digest = juggler_workload_dup_digest (workload);
  g_assert_cmpstr (digest, ==, reference);
}

static void
test_job_cancelled (void)
{
  g_autoptr(JugglerMandelbrot) mandelbrot = new_mandelbrot (64, 64, 64, 100);
  JugglerWorkload *workload = JUGGLER_WORKLOAD (mandelbrot);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  gpointer job = juggler_workload_job_new (workload, 0);
  guint n_steps = 0;

  g_assert_true (!juggler_workload_job_step (workload, job, 1, NULL, &n_steps));
  g_assert_cmpuint (n_steps, ==, 1);

  /* A cancelled job stops without finishing; it is freed, never merged. */
  g_cancellable_cancel (cancellable);
  g_assert_false (juggler_workload_job_step (workload, job, G_MAXINT64, cancellable, &n_steps));
  g_assert_cmpuint (n_steps, ==, 1);

  /* Without the cancellable it finishes the remaining 63 rows in one go. */
  g_assert_true (juggler_workload_job_step (workload, job, G_MAXINT64, NULL, &n_steps));
  g_assert_cmpuint (n_steps, ==, 64);
  juggler_workload_job_free (workload, job);
}

/* Steps one job to the end, as an executor would, and returns the work it reported. */
static guint64
run_job (JugglerWorkload *workload,
         guint            index)
{
  gpointer job = juggler_workload_job_new (workload, index);
  guint64 work = 0;
  guint n_steps = 0;

  g_assert_true (juggler_workload_job_get_work_done (workload, job, &work));
  g_assert_cmpuint (work, ==, 0);
  while (!juggler_workload_job_step (workload, job, 1, NULL, &n_steps))
    ;
  g_assert_true (juggler_workload_job_get_work_done (workload, job, &work));
  juggler_workload_job_merge (workload, job);
  juggler_workload_job_free (workload, job);

  return work;
}

/* A row inside the set costs up to max-iterations times one outside it, so a progress
 * that counts rows says "half done" when half the time is still ahead (issue 9, D10).
 * The image here has the main cardioid in its left half: the tiles run column by column,
 * the interior first, with the time of a tile being what it measurably cost (its
 * iterations and per-pixel overhead), and the time left predicted from the work model
 * must stay near the truth where the one from rows is off by far more than 2×. */
static void
test_cost_model (void)
{
  const JugglerRegion region = { 0.3, 0.0, 1.6 };
  const guint width = 256, height = 128, tile = 16;
  g_autoptr(GError) error = NULL;
  g_autoptr(JugglerMandelbrot) mandelbrot = juggler_mandelbrot_new (width, height, tile, 2000,
                                                                    &region, &error);
  JugglerWorkload *workload = JUGGLER_WORKLOAD (mandelbrot);
  guint tiles_x = width / tile, tiles_y = height / tile;
  guint n_jobs = juggler_workload_get_n_jobs (workload);
  g_autofree guint64 *predicted = g_new0 (guint64, n_jobs);
  g_autofree guint64 *measured = g_new0 (guint64, n_jobs);
  guint64 predicted_total = juggler_workload_get_work_total (workload);
  guint64 reported_total = 0, measured_total = 0, error_total = 0;
  guint64 predicted_done = 0, measured_done = 0;
  double worst_work_ratio = 1, worst_rows_ratio = 1;
  guint rows_done = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (n_jobs, ==, tiles_x * tiles_y);

  for (guint i = 0; i < n_jobs; i++)
    {
      guint x, y, w, h;

      juggler_mandelbrot_get_tile_rect (mandelbrot, i, &x, &y, &w, &h);
      predicted[i] = run_job (workload, i);
      g_assert_cmpuint (predicted[i], ==, juggler_mandelbrot_predict_rect_work (mandelbrot, x, y, w, h));
      measured[i] = juggler_mandelbrot_measure_rect_work (mandelbrot, x, y, w, h);
      reported_total += predicted[i];
      measured_total += measured[i];
    }

  /* The jobs' work adds up to the total exactly, so a finished run shows 100 %. */
  g_assert_cmpuint (reported_total, ==, predicted_total);
  /* The whole image's cost within 5 %, and tile by tile within 10 % of it in all. */
  g_assert_cmpfloat (fabs ((double) predicted_total - measured_total), <, 0.05 * measured_total);
  for (guint i = 0; i < n_jobs; i++)
    error_total += predicted[i] > measured[i] ? predicted[i] - measured[i] : measured[i] - predicted[i];
  g_assert_cmpfloat (error_total, <, 0.10 * measured_total);

  /* The left half, the set's, costs most of the image: rows would say a half. */
  g_assert_cmpfloat (juggler_mandelbrot_measure_rect_work (mandelbrot, 0, 0, width / 2, height),
                     >, 0.75 * measured_total);

  /* The run, column of tiles by column: after each column, the time left from the work
   * done so far against the real time left, both in units of measured work. */
  for (guint tx = 0; tx + 1 < tiles_x; tx++)
    {
      double truth, from_work, from_rows;

      for (guint ty = 0; ty < tiles_y; ty++)
        {
          predicted_done += predicted[ty * tiles_x + tx];
          measured_done += measured[ty * tiles_x + tx];
          rows_done += tile;
        }

      truth = measured_total - measured_done;
      from_work = (double) measured_done * (predicted_total - predicted_done) / predicted_done;
      from_rows = (double) measured_done * (tiles_x * height - rows_done) / rows_done;
      if (tx < 1)
        continue;
      worst_work_ratio = MAX (worst_work_ratio, MAX (from_work / truth, truth / from_work));
      worst_rows_ratio = MAX (worst_rows_ratio, MAX (from_rows / truth, truth / from_rows));
    }

  g_test_message ("worst ratio to the real time left: %.2f from work, %.2f from rows",
                  worst_work_ratio, worst_rows_ratio);
  g_assert_cmpfloat (worst_work_ratio, <, 1.5);
  g_assert_cmpfloat (worst_rows_ratio, >, 3);
}

/* Before Start there is no image: the estimate samples coarsely, and still predicts what
 * the image will cost, far from the worst case of every pixel at full iterations. */
static void
test_estimate_work (void)
{
  const JugglerRegion zoomed = { 0.3, 0.0, 1.6 };
  const guint width = 512, height = 256, iterations = 2000;
  const double worst = (double) width * height * iterations;

  for (guint i = 0; i < 2; i++)
    {
      const JugglerRegion *region = i == 0 ? NULL : &zoomed;
      g_autoptr(JugglerMandelbrot) mandelbrot = juggler_mandelbrot_new (width, height, 32,
                                                                        iterations, region, NULL);
      guint64 measured, estimate;

      juggler_workload_run_serial (JUGGLER_WORKLOAD (mandelbrot));
      measured = juggler_mandelbrot_measure_rect_work (mandelbrot, 0, 0, width, height);
      estimate = juggler_mandelbrot_estimate_work (width, height, iterations, region);
      g_test_message ("estimate %.3f of the measured work, %.2f of the worst case",
                      (double) estimate / measured, estimate / worst);

      g_assert_cmpfloat (fabs ((double) estimate - measured), <, 0.10 * measured);
      /* The whole set, at the default region, escapes mostly at once. */
      if (region == NULL)
        g_assert_cmpfloat (estimate, <, 0.5 * worst);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/mandelbrot/digest-stable", test_digest_stable);
  g_test_add_func ("/core/mandelbrot/image-plausible", test_image_plausible);
  g_test_add_func ("/core/mandelbrot/invalid-arguments", test_invalid_arguments);
  g_test_add_func ("/core/mandelbrot/tiles-cover-once", test_tiles_cover_once);
  g_test_add_func ("/core/mandelbrot/job/expired-deadline", test_job_expired_deadline);
  g_test_add_func ("/core/mandelbrot/job/cancelled", test_job_cancelled);
  g_test_add_func ("/core/mandelbrot/cost-model", test_cost_model);
  g_test_add_func ("/core/mandelbrot/estimate-work", test_estimate_work);

  return g_test_run ();
}
