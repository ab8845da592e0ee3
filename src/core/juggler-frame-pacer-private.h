/* juggler-frame-pacer-private.h: the pacer with its clocks handed in, for tests
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "juggler-frame-pacer.h"

G_BEGIN_DECLS

/* now_us: monotonic time; cpu_us: the UI thread's CPU time. */
void _juggler_frame_pacer_frame_begin_at (JugglerFramePacer *self,
                                          gint64             now_us,
                                          gint64             cpu_us);
void _juggler_frame_pacer_frame_end_at   (JugglerFramePacer *self,
                                          gint64             now_us,
                                          gint64             cpu_us,
                                          gint64             interval_us);
void _juggler_frame_pacer_started_at     (JugglerFramePacer *self,
                                          gint64             now_us);
void _juggler_frame_pacer_done_at        (JugglerFramePacer *self,
                                          gint64             started_us,
                                          gint64             now_us);
/* Starts allowed before the next frame. */
guint _juggler_frame_pacer_get_quota     (JugglerFramePacer *self);

G_END_DECLS
