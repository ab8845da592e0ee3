/* juggler-latency-probe.h: how late a periodic main-loop source is dispatched
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "juggler-series.h"
#include "juggler-trace.h"

G_BEGIN_DECLS

#define JUGGLER_TYPE_LATENCY_PROBE (juggler_latency_probe_get_type ())

G_DECLARE_FINAL_TYPE (JugglerLatencyProbe, juggler_latency_probe, JUGGLER, LATENCY_PROBE, GObject)

/* Probes the thread-default main context of the caller of start(). */
JugglerLatencyProbe *juggler_latency_probe_new        (guint                interval_ms);
void                 juggler_latency_probe_start      (JugglerLatencyProbe *self);
void                 juggler_latency_probe_stop       (JugglerLatencyProbe *self);
/* Also records each sample as a loop-latency counter, and lateness over a frame as a UI
 * stall, into trace (NULL: none). */
void                 juggler_latency_probe_set_trace  (JugglerLatencyProbe *self,
                                                       JugglerTrace        *trace);
/* Lateness in milliseconds, one sample per dispatch; a blocked loop shows as one large sample. */
JugglerSeries       *juggler_latency_probe_get_series (JugglerLatencyProbe *self);
void                 juggler_latency_probe_summarize  (JugglerLatencyProbe *self,
                                                       gint64               since_us,
                                                       JugglerSummary      *summary);

G_END_DECLS
