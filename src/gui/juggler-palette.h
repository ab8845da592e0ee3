/* juggler-palette.h: the colours and titles the widgets share: request states, outcomes, workers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "juggler-http-workload.h"

G_BEGIN_DECLS

#define JUGGLER_PALETTE_N_STATES JUGGLER_HTTP_N_STATES

void        juggler_palette_get_state_color   (JugglerHttpState    state,
                                               GdkRGBA            *color);
const char *juggler_palette_get_state_title   (JugglerHttpState    state);
/* Why a request failed, as a short title ("Refused", "Timed out"…); NULL for OK. */
const char *juggler_palette_get_outcome_title (JugglerHttpOutcome  outcome);
/* Worker 0 is the UI thread, 1.. the worker threads: the first 24 are clearly apart, none is
 * blue (the image is), and no two of the first 64 are the same. */
void        juggler_palette_get_worker_color  (guint               worker,
                                               GdkRGBA            *color);
/* "UI thread" or "Worker 3", newly allocated. */
char       *juggler_palette_dup_worker_title  (guint               worker);

G_END_DECLS
