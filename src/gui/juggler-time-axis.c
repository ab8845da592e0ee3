/* juggler-time-axis.c: the time axis the timeline and the waterfall share: ticks, labels, grid
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-time-axis"

#include "config.h"

#include "juggler-time-axis.h"

#include <glib/gi18n.h>
#include <math.h>

/* Room left of a label so two never touch. */
#define TICK_GAP_PX 8

double
juggler_time_axis_nice_step_ms (double span_ms,
                                guint  n_ticks)
{
  double raw = span_ms / MAX (n_ticks, 1);
  double magnitude = pow (10, floor (log10 (MAX (raw, 1e-3))));
  double fraction = raw / magnitude;

  if (fraction <= 1)
    return magnitude;
  if (fraction <= 2)
    return 2 * magnitude;
  if (fraction <= 5)
    return 5 * magnitude;
  return 10 * magnitude;
}

/* As many decimals as the step needs, so neighbours never read alike ("0.2 ms 0.4 ms", not
 * "0 ms 0 ms"), and one unit for the whole axis, so it never reads "500 ms 1.0 s". */
char *
juggler_time_axis_format_tick (double ms,
                               double step_ms,
                               double axis_max_ms)
{
  gboolean seconds = step_ms >= 1000 || fabs (axis_max_ms) >= 1000;
  double unit_step = seconds ? step_ms / 1000 : step_ms;
  int decimals = (int) CLAMP (ceil (-log10 (unit_step) - 1e-9), 0, 3);

  if (ms == 0)
    return g_strdup ("0");
  if (seconds)
    return g_strdup_printf (_("%.*f s"), decimals, ms / 1000);

  return g_strdup_printf (_("%.*f ms"), decimals, ms);
}

void
juggler_time_axis_draw (const JugglerTimeAxis *axis,
                        cairo_t               *cr,
                        PangoLayout           *layout,
                        const GdkRGBA         *color)
{
  double span_ms = axis->to_ms - axis->from_ms;
  double step_ms;
  double last_ms, max_ms;
  double free_from = axis->left;

  g_return_if_fail (axis != NULL);

  if (!(span_ms > 0) || !(axis->px_per_ms > 0))
    return;

  step_ms = juggler_time_axis_nice_step_ms (span_ms, axis->n_ticks);
  /* The largest time a tick shows picks the axis's unit. */
  last_ms = floor (axis->to_ms / step_ms + 1e-9) * step_ms;
  max_ms = MAX (fabs (last_ms), fabs (ceil (axis->from_ms / step_ms - 1e-9) * step_ms));
  cairo_save (cr);
  cairo_set_line_width (cr, 1);
  /* The first multiple of the step at or after from_ms; the ticks count from there. */
  for (double k = ceil (axis->from_ms / step_ms - 1e-9); k * step_ms <= axis->to_ms + 1e-9; k++)
    {
      double ms = k * step_ms;
      double x = round (axis->left + (ms - axis->from_ms) * axis->px_per_ms) + 0.5;
      g_autofree char *tick = juggler_time_axis_format_tick (ms, step_ms, max_ms);
      int tick_w, tick_h;
      double left;

      cairo_set_source_rgba (cr, color->red, color->green, color->blue, 0.15);
      cairo_move_to (cr, x, axis->line_top);
      cairo_line_to (cr, x, axis->bottom);
      cairo_stroke (cr);

      /* Centred on its tick, but the one at the very start starts there, and none runs
       * past the right end or onto the label before it. */
      pango_layout_set_text (layout, tick, -1);
      pango_layout_get_pixel_size (layout, &tick_w, &tick_h);
      left = fabs (ms - axis->from_ms) < 1e-9 ? x : MIN (x - tick_w / 2.0, axis->right - tick_w);
      left = MAX (left, axis->left);
      if (left < free_from || left + tick_w > axis->right)
        continue;

      cairo_set_source_rgba (cr, color->red, color->green, color->blue, 0.75);
      cairo_move_to (cr, left, (axis->label_height - tick_h) / 2.0);
      pango_cairo_show_layout (cr, layout);
      free_from = left + tick_w + TICK_GAP_PX;
    }
  cairo_restore (cr);
}
