/* juggler-canary.h: a juggling animation driven by the frame clock that records frame intervals
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "juggler-series.h"

G_BEGIN_DECLS

#define JUGGLER_TYPE_CANARY (juggler_canary_get_type ())

G_DECLARE_FINAL_TYPE (JugglerCanary, juggler_canary, JUGGLER, CANARY, GtkWidget)

GtkWidget     *juggler_canary_new        (void);
/* Frame intervals in ms, stamped with the frame time (monotonic µs) of the later frame. */
JugglerSeries *juggler_canary_get_series (JugglerCanary *self);
guint64        juggler_canary_get_frames (JugglerCanary *self);

G_END_DECLS
