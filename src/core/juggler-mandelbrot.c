/* juggler-mandelbrot.c: the CPU workload, one job per tile of a Mandelbrot image
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-mandelbrot"

#include "config.h"

#include "juggler-mandelbrot.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "juggler-types.h"

#define MAX_JOBS (1u << 20)

/* The cost model: one pixel in every SAMPLE_STRIDE × SAMPLE_STRIDE predicts the cost of
 * its cell, 1/256 of the image; at 1024×768 and 20000 iterations it takes about 1 ms of a
 * 15 s run and predicts the run's iterations within 1 %. A pixel costs its iterations plus
 * PIXEL_OVERHEAD, what compute_row() spends on a pixel besides iterating, in iterations:
 * 1.3 to 1.9, from the times of regions that escape at once and that never escape at 100
 * and 400 iterations, measured in one process. */
#define SAMPLE_STRIDE  16
#define PIXEL_OVERHEAD 2

struct _JugglerMandelbrot
{
  JugglerWorkload parent_instance;

  guint           width;
  guint           height;
  guint           tile_size;
  guint           tiles_x;
  guint           n_tiles;
  guint           max_iterations;
  double          x0;
  double          y0;
  double          pixel_size;

  guint32        *iterations;
  guint32        *pixels;

  /* The cost model: per band of SAMPLE_STRIDE rows, the predicted cost of each sample
   * cell and its running sum (cells + 1 entries), so a tile's row costs O(1) to predict. */
  guint           n_cells;
  guint           n_bands;
  guint64        *cell_cost;
  guint64        *cell_prefix;
  guint64         work_total;
};

typedef struct
{
  guint    x, y, width, height;
  guint    next_row;
  guint64  work_done;
  guint32 *iterations;
  guint32 *pixels;
} Tile;

G_DEFINE_FINAL_TYPE (JugglerMandelbrot, juggler_mandelbrot, JUGGLER_TYPE_WORKLOAD)

static guint32 palette[256];

static guint32
colour_for (guint iterations,
            guint max_iterations)
{
  if (iterations >= max_iterations)
    return 0x000000;

  /* The square root spreads the colours where escape counts change fastest. */
  return palette[(guint) (sqrt ((double) iterations) * 24.0) & 255];
}

static void
compute_row (JugglerMandelbrot *self,
             Tile              *tile,
             guint              row)
{
  double ci = self->y0 - (tile->y + row + 0.5) * self->pixel_size;
  guint32 *iterations = tile->iterations + (gsize) row * tile->width;
  guint32 *pixels = tile->pixels + (gsize) row * tile->width;

  for (guint col = 0; col < tile->width; col++)
    {
      double cr = self->x0 + (tile->x + col + 0.5) * self->pixel_size;
      double zr = 0.0, zi = 0.0, zr2 = 0.0, zi2 = 0.0;
      guint n = 0;

      while (n < self->max_iterations && zr2 + zi2 <= 4.0)
        {
          zi = 2.0 * zr * zi + ci;
          zr = zr2 - zi2 + cr;
          zr2 = zr * zr;
          zi2 = zi * zi;
          n++;
        }

      iterations[col] = n;
      pixels[col] = colour_for (n, self->max_iterations);
    }
}

static const JugglerRegion default_region = { -0.75, 0.0, 3.0 };

/* Where pixel (0, 0) sits and how wide a pixel is; y grows downwards. */
static void
map_region (const JugglerRegion *region,
            guint                width,
            guint                height,
            double              *x0,
            double              *y0,
            double              *pixel_size)
{
  if (region == NULL)
    region = &default_region;
  *pixel_size = region->span_x / width;
  *x0 = region->center_x - region->span_x / 2.0;
  *y0 = region->center_y + *pixel_size * height / 2.0;
}

/* The iterations the kernel will spend on one sample pixel. Points of the main cardioid,
 * the period-2 bulb and attracting cycles are known to stay for max_iterations without
 * iterating that long, which keeps the pre-pass a small fraction of the run. */
static guint
predict_iterations (double cr,
                    double ci,
                    guint  max_iterations)
{
  double q = (cr - 0.25) * (cr - 0.25) + ci * ci;
  double zr = 0.0, zi = 0.0, zr2 = 0.0, zi2 = 0.0;
  double saved_r = 0.0, saved_i = 0.0;
  guint period = 8;
  guint n = 0;

  if (q * (q + (cr - 0.25)) <= 0.25 * ci * ci || (cr + 1) * (cr + 1) + ci * ci <= 1.0 / 16)
    return max_iterations;

  while (n < max_iterations && zr2 + zi2 <= 4.0)
    {
      zi = 2.0 * zr * zi + ci;
      zr = zr2 - zi2 + cr;
      zr2 = zr * zr;
      zi2 = zi * zi;
      n++;

      /* Brent's cycle check: z came back to where it was, so it never escapes. */
      if (fabs (zr - saved_r) < 1e-13 && fabs (zi - saved_i) < 1e-13)
        return max_iterations;
      if (n % period == 0)
        {
          saved_r = zr;
          saved_i = zi;
          period *= 2;
        }
    }

  return n;
}

static void
build_cost_model (JugglerMandelbrot *self)
{
  self->n_cells = (self->width + SAMPLE_STRIDE - 1) / SAMPLE_STRIDE;
  self->n_bands = (self->height + SAMPLE_STRIDE - 1) / SAMPLE_STRIDE;
  self->cell_cost = g_new (guint64, (gsize) self->n_bands * self->n_cells);
  self->cell_prefix = g_new (guint64, (gsize) self->n_bands * (self->n_cells + 1));
  self->work_total = 0;

  for (guint band = 0; band < self->n_bands; band++)
    {
      guint y = MIN (band * SAMPLE_STRIDE + SAMPLE_STRIDE / 2, self->height - 1);
      guint band_rows = MIN (SAMPLE_STRIDE, self->height - band * SAMPLE_STRIDE);
      double ci = self->y0 - (y + 0.5) * self->pixel_size;
      guint64 *cost = self->cell_cost + (gsize) band * self->n_cells;
      guint64 *prefix = self->cell_prefix + (gsize) band * (self->n_cells + 1);

      prefix[0] = 0;
      for (guint cell = 0; cell < self->n_cells; cell++)
        {
          guint x = MIN (cell * SAMPLE_STRIDE + SAMPLE_STRIDE / 2, self->width - 1);
          guint cell_width = MIN (SAMPLE_STRIDE, self->width - cell * SAMPLE_STRIDE);
          double cr = self->x0 + (x + 0.5) * self->pixel_size;

          cost[cell] = predict_iterations (cr, ci, self->max_iterations) + PIXEL_OVERHEAD;
          prefix[cell + 1] = prefix[cell] + cost[cell] * cell_width;
        }

      self->work_total += prefix[self->n_cells] * band_rows;
    }
}

/* At most this many samples a side when there is no image yet. */
#define ESTIMATE_SAMPLES 64

guint64
juggler_mandelbrot_estimate_work (guint                width,
                                  guint                height,
                                  guint                max_iterations,
                                  const JugglerRegion *region)
{
  guint step_x = MAX ((width + ESTIMATE_SAMPLES - 1) / ESTIMATE_SAMPLES, 1);
  guint step_y = MAX ((height + ESTIMATE_SAMPLES - 1) / ESTIMATE_SAMPLES, 1);
  double x0, y0, pixel_size;
  guint64 work = 0;

  g_return_val_if_fail (width > 0 && height > 0, 0);

  map_region (region, width, height, &x0, &y0, &pixel_size);
  for (guint y = 0; y < height; y += step_y)
    {
      guint rows = MIN (step_y, height - y);
      double ci = y0 - (MIN (y + step_y / 2, height - 1) + 0.5) * pixel_size;

      for (guint x = 0; x < width; x += step_x)
        {
          guint cols = MIN (step_x, width - x);
          double cr = x0 + (MIN (x + step_x / 2, width - 1) + 0.5) * pixel_size;

          work += (guint64) (predict_iterations (cr, ci, max_iterations) + PIXEL_OVERHEAD) *
                  cols * rows;
        }
    }

  return work;
}

/* The predicted cost of image row y's pixels left of x: the rows of a tile cost the
 * difference of two of these, so an image row's tiles add up to the whole row. */
static guint64
predict_row_prefix (JugglerMandelbrot *self,
                    guint              y,
                    guint              x)
{
  guint band = y / SAMPLE_STRIDE;
  guint cell = x / SAMPLE_STRIDE;
  const guint64 *prefix = self->cell_prefix + (gsize) band * (self->n_cells + 1);

  if (cell >= self->n_cells)
    return prefix[self->n_cells];

  return prefix[cell] + self->cell_cost[(gsize) band * self->n_cells + cell] *
                        (x - cell * SAMPLE_STRIDE);
}

guint64
juggler_mandelbrot_predict_rect_work (JugglerMandelbrot *self,
                                      guint              x,
                                      guint              y,
                                      guint              width,
                                      guint              height)
{
  guint64 work = 0;

  g_return_val_if_fail (JUGGLER_IS_MANDELBROT (self), 0);
  g_return_val_if_fail (x + (guint64) width <= self->width, 0);
  g_return_val_if_fail (y + (guint64) height <= self->height, 0);

  for (guint row = y; row < y + height; row++)
    work += predict_row_prefix (self, row, x + width) - predict_row_prefix (self, row, x);

  return work;
}

static const char *
juggler_mandelbrot_get_name (JugglerWorkload *workload)
{
  return "cpu";
}

static guint
juggler_mandelbrot_get_n_jobs (JugglerWorkload *workload)
{
  return JUGGLER_MANDELBROT (workload)->n_tiles;
}

static guint64
juggler_mandelbrot_get_n_steps (JugglerWorkload *workload)
{
  JugglerMandelbrot *self = JUGGLER_MANDELBROT (workload);

  /* One step per row of each tile: every tile column holds all the image's rows. */
  return (guint64) self->tiles_x * self->height;
}

static guint64
juggler_mandelbrot_get_work_total (JugglerWorkload *workload)
{
  return JUGGLER_MANDELBROT (workload)->work_total;
}

static guint64
juggler_mandelbrot_job_get_work_done (JugglerWorkload *workload,
                                      gpointer         job)
{
  return ((Tile *) job)->work_done;
}

static gpointer
juggler_mandelbrot_job_new (JugglerWorkload *workload,
                            guint            index)
{
  JugglerMandelbrot *self = JUGGLER_MANDELBROT (workload);
  Tile *tile = g_new0 (Tile, 1);

  juggler_mandelbrot_get_tile_rect (self, index, &tile->x, &tile->y, &tile->width, &tile->height);
  tile->iterations = g_new (guint32, (gsize) tile->width * tile->height);
  tile->pixels = g_new (guint32, (gsize) tile->width * tile->height);

  return tile;
}

static gboolean
juggler_mandelbrot_job_step (JugglerWorkload *workload,
                             gpointer         job,
                             gint64           deadline_us,
                             GCancellable    *cancellable,
                             guint           *n_steps)
{
  JugglerMandelbrot *self = JUGGLER_MANDELBROT (workload);
  Tile *tile = job;

  while (tile->next_row < tile->height)
    {
      if (g_cancellable_is_cancelled (cancellable))
        return FALSE;

      compute_row (self, tile, tile->next_row);
      tile->work_done += predict_row_prefix (self, tile->y + tile->next_row,
                                             tile->x + tile->width) -
                         predict_row_prefix (self, tile->y + tile->next_row, tile->x);
      tile->next_row++;
      (*n_steps)++;

      if (deadline_us != G_MAXINT64 && g_get_monotonic_time () >= deadline_us)
        break;
    }

  return tile->next_row == tile->height;
}

static void
juggler_mandelbrot_job_merge (JugglerWorkload *workload,
                              gpointer         job)
{
  JugglerMandelbrot *self = JUGGLER_MANDELBROT (workload);
  Tile *tile = job;

  g_assert (tile->next_row == tile->height);

  for (guint row = 0; row < tile->height; row++)
    {
      gsize offset = (gsize) (tile->y + row) * self->width + tile->x;

      memcpy (self->iterations + offset, tile->iterations + (gsize) row * tile->width,
              tile->width * sizeof (guint32));
      memcpy (self->pixels + offset, tile->pixels + (gsize) row * tile->width,
              tile->width * sizeof (guint32));
    }
}

static void
juggler_mandelbrot_job_free (gpointer job)
{
  Tile *tile = job;

  g_free (tile->iterations);
  g_free (tile->pixels);
  g_free (tile);
}

static char *
juggler_mandelbrot_dup_digest (JugglerWorkload *workload)
{
  JugglerMandelbrot *self = JUGGLER_MANDELBROT (workload);
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  gsize n = (gsize) self->width * self->height;
  guint32 chunk[1024];

  /* Little-endian counts, so the digest is the same on every machine. */
  for (gsize i = 0; i < n; i += G_N_ELEMENTS (chunk))
    {
      gsize len = MIN (G_N_ELEMENTS (chunk), n - i);

      for (gsize j = 0; j < len; j++)
        chunk[j] = GUINT32_TO_LE (self->iterations[i + j]);
      g_checksum_update (checksum, (const guchar *) chunk, len * sizeof (guint32));
    }

  return g_strdup (g_checksum_get_string (checksum));
}

static void
juggler_mandelbrot_finalize (GObject *object)
{
  JugglerMandelbrot *self = (JugglerMandelbrot *) object;

  g_clear_pointer (&self->iterations, g_free);
  g_clear_pointer (&self->pixels, g_free);
  g_clear_pointer (&self->cell_cost, g_free);
  g_clear_pointer (&self->cell_prefix, g_free);

  G_OBJECT_CLASS (juggler_mandelbrot_parent_class)->finalize (object);
}

static void
juggler_mandelbrot_class_init (JugglerMandelbrotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  JugglerWorkloadClass *workload_class = JUGGLER_WORKLOAD_CLASS (klass);

  object_class->finalize = juggler_mandelbrot_finalize;

  workload_class->get_name = juggler_mandelbrot_get_name;
  workload_class->get_n_jobs = juggler_mandelbrot_get_n_jobs;
  workload_class->get_n_steps = juggler_mandelbrot_get_n_steps;
  workload_class->get_work_total = juggler_mandelbrot_get_work_total;
  workload_class->job_get_work_done = juggler_mandelbrot_job_get_work_done;
  workload_class->job_new = juggler_mandelbrot_job_new;
  workload_class->job_step = juggler_mandelbrot_job_step;
  workload_class->job_merge = juggler_mandelbrot_job_merge;
  workload_class->job_free = juggler_mandelbrot_job_free;
  workload_class->dup_digest = juggler_mandelbrot_dup_digest;

  /* A blue-gold-white cycle, computed once. */
  for (guint i = 0; i < G_N_ELEMENTS (palette); i++)
    {
      double t = i / 256.0 * 2.0 * G_PI;
      guint r = (guint) (255.0 * (0.5 + 0.5 * cos (t + 3.0)));
      guint g = (guint) (255.0 * (0.5 + 0.5 * cos (t + 3.6)));
      guint b = (guint) (255.0 * (0.5 + 0.5 * cos (t + 4.4)));

      palette[i] = (r << 16) | (g << 8) | b;
    }
}

static void
juggler_mandelbrot_init (JugglerMandelbrot *self)
{
}

gboolean
juggler_mandelbrot_validate (guint                width,
                             guint                height,
                             guint                tile_size,
                             guint                max_iterations,
                             const JugglerRegion *region,
                             GError             **error)
{
  guint64 n_pixels = (guint64) width * height;
  guint64 tiles_x, tiles_y;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (region == NULL)
    region = &default_region;

  if (width == 0 || height == 0 || tile_size == 0 || max_iterations == 0)
    {
      g_set_error (error, JUGGLER_ERROR, JUGGLER_ERROR_INVALID_ARGUMENT,
                   _("Image size, tile size and iterations must all be at least 1"));
      return FALSE;
    }
  if (max_iterations > JUGGLER_MANDELBROT_MAX_ITERATIONS)
    {
      g_set_error (error, JUGGLER_ERROR, JUGGLER_ERROR_INVALID_ARGUMENT,
                   _("At most %u iterations per pixel are allowed"),
                   JUGGLER_MANDELBROT_MAX_ITERATIONS);
      return FALSE;
    }
  if (!(region->span_x > 0.0) || !isfinite (region->span_x) ||
      !isfinite (region->center_x) || !isfinite (region->center_y))
    {
      g_set_error (error, JUGGLER_ERROR, JUGGLER_ERROR_INVALID_ARGUMENT,
                   _("The region must have a finite centre and a positive width"));
      return FALSE;
    }
  if (n_pixels > JUGGLER_MANDELBROT_MAX_PIXELS)
    {
      g_set_error (error, JUGGLER_ERROR, JUGGLER_ERROR_TOO_LARGE,
                   _("An image of %u×%u pixels needs %llu MiB; "
                     "at most %u megapixels are allowed"),
                   width, height, (unsigned long long) (n_pixels * 8 / (1024 * 1024)),
                   JUGGLER_MANDELBROT_MAX_PIXELS / (1024 * 1024));
      return FALSE;
    }

  tiles_x = (width + (guint64) tile_size - 1) / tile_size;
  tiles_y = (height + (guint64) tile_size - 1) / tile_size;
  if (tiles_x * tiles_y > MAX_JOBS)
    {
      g_set_error (error, JUGGLER_ERROR, JUGGLER_ERROR_INVALID_ARGUMENT,
                   _("Tiles of %u pixels make %llu jobs; at most %u are allowed"),
                   tile_size, (unsigned long long) (tiles_x * tiles_y), MAX_JOBS);
      return FALSE;
    }

  return TRUE;
}

JugglerMandelbrot *
juggler_mandelbrot_new (guint                width,
                        guint                height,
                        guint                tile_size,
                        guint                max_iterations,
                        const JugglerRegion *region,
                        GError             **error)
{
  g_autoptr(JugglerMandelbrot) self = NULL;
  guint64 n_pixels = (guint64) width * height;
  guint64 tiles_x;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!juggler_mandelbrot_validate (width, height, tile_size, max_iterations, region, error))
    return NULL;

  tiles_x = (width + (guint64) tile_size - 1) / tile_size;

  self = g_object_new (JUGGLER_TYPE_MANDELBROT, NULL);
  self->width = width;
  self->height = height;
  self->tile_size = tile_size;
  self->tiles_x = tiles_x;
  self->n_tiles = tiles_x * ((height + (guint64) tile_size - 1) / tile_size);
  self->max_iterations = max_iterations;
  map_region (region, width, height, &self->x0, &self->y0, &self->pixel_size);
  self->iterations = g_try_malloc0 (n_pixels * sizeof (guint32));
  self->pixels = g_try_malloc0 (n_pixels * sizeof (guint32));

  if (self->iterations == NULL || self->pixels == NULL)
    {
      g_set_error (error, JUGGLER_ERROR, JUGGLER_ERROR_TOO_LARGE,
                   _("Not enough memory for an image of %u×%u pixels"), width, height);
      return NULL;
    }

  build_cost_model (self);

  return g_steal_pointer (&self);
}

guint
juggler_mandelbrot_get_width (JugglerMandelbrot *self)
{
  g_return_val_if_fail (JUGGLER_IS_MANDELBROT (self), 0);

  return self->width;
}

guint
juggler_mandelbrot_get_height (JugglerMandelbrot *self)
{
  g_return_val_if_fail (JUGGLER_IS_MANDELBROT (self), 0);

  return self->height;
}

void
juggler_mandelbrot_get_tile_rect (JugglerMandelbrot *self,
                                  guint              index,
                                  guint             *x,
                                  guint             *y,
                                  guint             *width,
                                  guint             *height)
{
  guint tx, ty;

  g_return_if_fail (JUGGLER_IS_MANDELBROT (self));
  g_return_if_fail (index < self->n_tiles);

  tx = (index % self->tiles_x) * self->tile_size;
  ty = (index / self->tiles_x) * self->tile_size;
  *x = tx;
  *y = ty;
  *width = MIN (self->tile_size, self->width - tx);
  *height = MIN (self->tile_size, self->height - ty);
}

const guint32 *
juggler_mandelbrot_get_pixels (JugglerMandelbrot *self)
{
  g_return_val_if_fail (JUGGLER_IS_MANDELBROT (self), NULL);

  return self->pixels;
}

const guint32 *
juggler_mandelbrot_get_iterations (JugglerMandelbrot *self)
{
  g_return_val_if_fail (JUGGLER_IS_MANDELBROT (self), NULL);

  return self->iterations;
}

guint64
juggler_mandelbrot_measure_rect_work (JugglerMandelbrot *self,
                                      guint              x,
                                      guint              y,
                                      guint              width,
                                      guint              height)
{
  guint64 work = 0;

  g_return_val_if_fail (JUGGLER_IS_MANDELBROT (self), 0);
  g_return_val_if_fail (x + (guint64) width <= self->width, 0);
  g_return_val_if_fail (y + (guint64) height <= self->height, 0);

  for (guint row = y; row < y + height; row++)
    for (guint col = x; col < x + width; col++)
      work += self->iterations[(gsize) row * self->width + col] + PIXEL_OVERHEAD;

  return work;
}
