/* juggler-frame-slot.h: what changes only a few times a second changes in the same frames everywhere
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Text changes relayout the window: four times a second is plenty for reading. */
#define JUGGLER_TEXT_INTERVAL_US (G_USEC_PER_SEC / 4)
/* Progress bar and request grid: eight times a second still shows every step. Under X11
 * every frame with a layout phase asks the X server for the monitor's work area, and GTK
 * 4.8's cairo renderer repaints the bounding box of all that changed in a frame: what moves
 * should move in the same frames. */
#define JUGGLER_MOTION_INTERVAL_US (G_USEC_PER_SEC / 8)

/* Whether frame_time_us is in another slot of interval_us (frame time ÷ interval) than
 * *slot; moves *slot there. Slots of one interval begin in the same frames for every caller. */
static inline gboolean
juggler_frame_slot_enter (gint64 *slot,
                          gint64  frame_time_us,
                          gint64  interval_us)
{
  gint64 now = frame_time_us / interval_us;

  if (now == *slot)
    return FALSE;

  *slot = now;
  return TRUE;
}

G_END_DECLS
