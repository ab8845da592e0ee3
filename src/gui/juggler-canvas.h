/* juggler-canvas.h: the Mandelbrot image, filled tile by tile and tinted by worker, with a legend
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "juggler-mandelbrot.h"

G_BEGIN_DECLS

#define JUGGLER_TYPE_CANVAS (juggler_canvas_get_type ())

G_DECLARE_FINAL_TYPE (JugglerCanvas, juggler_canvas, JUGGLER, CANVAS, GtkWidget)

GtkWidget         *juggler_canvas_new               (void);
JugglerMandelbrot *juggler_canvas_get_mandelbrot    (JugglerCanvas     *self);
/* Shows a new (empty) image; NULL clears the canvas. */
void               juggler_canvas_set_mandelbrot    (JugglerCanvas     *self,
                                                     JugglerMandelbrot *mandelbrot);
/* A job was merged: worker 0 is the UI thread, 1.. the worker threads. */
void               juggler_canvas_tile_done         (JugglerCanvas     *self,
                                                     guint              index,
                                                     guint              worker);
/* Tiles merged from now on were computed under the strategy titled title. Once a run has
 * switched, each tile's outline says which (solid, dashed, dotted…) and the legend lists
 * them. Call it before the first tile of a run and whenever the run's strategy changes. */
void               juggler_canvas_set_strategy_title (JugglerCanvas   *self,
                                                      const char      *title);
gboolean           juggler_canvas_get_show_workers  (JugglerCanvas     *self);
void               juggler_canvas_set_show_workers  (JugglerCanvas     *self,
                                                     gboolean           show_workers);

G_END_DECLS
