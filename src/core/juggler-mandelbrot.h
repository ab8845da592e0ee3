/* juggler-mandelbrot.h: the CPU workload, one job per tile of a Mandelbrot image
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "juggler-workload.h"

G_BEGIN_DECLS

#define JUGGLER_TYPE_MANDELBROT (juggler_mandelbrot_get_type ())

G_DECLARE_FINAL_TYPE (JugglerMandelbrot, juggler_mandelbrot, JUGGLER, MANDELBROT, JugglerWorkload)

/* Defaults sized so that a run takes about 1–3 s on one core. */
#define JUGGLER_MANDELBROT_DEFAULT_WIDTH      1024
#define JUGGLER_MANDELBROT_DEFAULT_HEIGHT     768
#define JUGGLER_MANDELBROT_DEFAULT_TILE       64
#define JUGGLER_MANDELBROT_DEFAULT_ITERATIONS 2000
/* Each pixel costs 8 bytes (iterations + colour): refuse images beyond this. */
#define JUGGLER_MANDELBROT_MAX_PIXELS         (64u * 1024u * 1024u)
#define JUGGLER_MANDELBROT_MAX_ITERATIONS     1000000u

/* The region is a centre and a horizontal span; the vertical span follows the aspect. */
typedef struct
{
  double center_x;
  double center_y;
  double span_x;
} JugglerRegion;

JugglerMandelbrot *juggler_mandelbrot_new             (guint                width,
                                                       guint                height,
                                                       guint                tile_size,
                                                       guint                max_iterations,
                                                       const JugglerRegion *region,
                                                       GError             **error);
/* What juggler_mandelbrot_new() checks, without allocating the image. */
gboolean           juggler_mandelbrot_validate        (guint                width,
                                                       guint                height,
                                                       guint                tile_size,
                                                       guint                max_iterations,
                                                       const JugglerRegion *region,
                                                       GError             **error);
guint              juggler_mandelbrot_get_width       (JugglerMandelbrot   *self);
guint              juggler_mandelbrot_get_height      (JugglerMandelbrot   *self);
void               juggler_mandelbrot_get_tile_rect   (JugglerMandelbrot   *self,
                                                       guint                index,
                                                       guint               *x,
                                                       guint               *y,
                                                       guint               *width,
                                                       guint               *height);
/* The predicted cost of a rectangle, in the work units of juggler_workload_get_work_total():
 * iterations plus a per-pixel overhead, from a sample of 1 pixel in 256 taken when the
 * image was created. */
guint64            juggler_mandelbrot_predict_rect_work (JugglerMandelbrot *self,
                                                         guint              x,
                                                         guint              y,
                                                         guint              width,
                                                         guint              height);
/* The same prediction before there is an image, from a coarser sample (at most 64×64
 * pixels, a few milliseconds): what a run of these parameters will cost. */
guint64            juggler_mandelbrot_estimate_work   (guint                width,
                                                       guint                height,
                                                       guint                max_iterations,
                                                       const JugglerRegion *region);
/* The same units for what the image cost once computed: the iterations it ran plus the
 * per-pixel overhead, over a rectangle of pixels already merged. */
guint64            juggler_mandelbrot_measure_rect_work (JugglerMandelbrot *self,
                                                         guint              x,
                                                         guint              y,
                                                         guint              width,
                                                         guint              height);
/* 0x00RRGGBB per pixel in native byte order (cairo's RGB24), width pixels per row. */
const guint32     *juggler_mandelbrot_get_pixels      (JugglerMandelbrot   *self);
const guint32     *juggler_mandelbrot_get_iterations  (JugglerMandelbrot   *self);

G_END_DECLS
