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
};

typedef struct
{
  guint    x, y, width, height;
  guint    next_row;
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

      compute_row (self, tile, tile->next_row++);
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

static const JugglerRegion default_region = { -0.75, 0.0, 3.0 };

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

  if (region == NULL)
    region = &default_region;
  tiles_x = (width + (guint64) tile_size - 1) / tile_size;

  self = g_object_new (JUGGLER_TYPE_MANDELBROT, NULL);
  self->width = width;
  self->height = height;
  self->tile_size = tile_size;
  self->tiles_x = tiles_x;
  self->n_tiles = tiles_x * ((height + (guint64) tile_size - 1) / tile_size);
  self->max_iterations = max_iterations;
  self->pixel_size = region->span_x / width;
  self->x0 = region->center_x - region->span_x / 2.0;
  self->y0 = region->center_y + self->pixel_size * height / 2.0;
  self->iterations = g_try_malloc0 (n_pixels * sizeof (guint32));
  self->pixels = g_try_malloc0 (n_pixels * sizeof (guint32));

  if (self->iterations == NULL || self->pixels == NULL)
    {
      g_set_error (error, JUGGLER_ERROR, JUGGLER_ERROR_TOO_LARGE,
                   _("Not enough memory for an image of %u×%u pixels"), width, height);
      return NULL;
    }

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
