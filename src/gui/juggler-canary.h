/* juggler-canary.h: a juggling animation driven by the frame clock that records frame intervals
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "juggler-series.h"

G_BEGIN_DECLS

#define JUGGLER_TYPE_CANARY (juggler_canary_get_type ())

G_DECLARE_FINAL_TYPE (JugglerCanary, juggler_canary, JUGGLER, CANARY, GtkWidget)

GtkWidget     *juggler_canary_new             (void);
/* Frame intervals in ms, stamped with the frame time (monotonic µs) of the later frame. */
JugglerSeries *juggler_canary_get_series      (JugglerCanary *self);
/* The same frames as a rate: 1000 / interval, so a frame after a 1.2 s stall reads 0.8 fps
 * for that stall, not a count over the last second that climbs back for a second. */
JugglerSeries *juggler_canary_get_rate_series (JugglerCanary *self);
guint64        juggler_canary_get_frames      (JugglerCanary *self);
/* Forgets the frames of both series before before_us, but the last of them: the next
 * frame's interval starts there. */
void           juggler_canary_trim            (JugglerCanary *self,
                                               gint64         before_us);
/* A resting canary stands still and asks for no frames (an idle window then costs next to
 * nothing); it juggles again, recording intervals afresh, once woken. */
gboolean       juggler_canary_get_resting     (JugglerCanary *self);
void           juggler_canary_set_resting     (JugglerCanary *self,
                                               gboolean       resting);

G_END_DECLS
