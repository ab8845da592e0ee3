/* juggler-latency-probe.c: how late a periodic main-loop source is dispatched
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-latency-probe"

#include "config.h"

#include "juggler-latency-probe.h"

struct _JugglerLatencyProbe
{
  GObject        parent_instance;

  guint          interval_ms;
  GSource       *source;
  JugglerSeries *series;
  JugglerTrace  *trace;
};

/* A loop that comes back later than one 60 Hz frame has missed a paint. */
#define STALL_US 16667

G_DEFINE_FINAL_TYPE (JugglerLatencyProbe, juggler_latency_probe, G_TYPE_OBJECT)

static gboolean
probe_dispatch (GSource     *source,
                GSourceFunc  callback,
                gpointer     user_data)
{
  JugglerLatencyProbe *self = user_data;
  gint64 now = g_get_monotonic_time ();
  gint64 due = g_source_get_ready_time (source);

  juggler_series_append (self->series, now, MAX (now - due, 0) / 1000.0);
  if (self->trace != NULL)
    {
      juggler_trace_counter (self->trace, JUGGLER_TRACE_COUNTER_LOOP_LATENCY, now,
                             MAX (now - due, 0) / 1000.0);
      if (now - due > STALL_US)
        juggler_trace_record (self->trace, JUGGLER_SPAN_UI_STALL, due, now, 0, 0, 0);
    }
  g_source_set_ready_time (source, now + self->interval_ms * 1000);

  return G_SOURCE_CONTINUE;
}

static GSourceFuncs probe_funcs = { .dispatch = probe_dispatch };

static void
juggler_latency_probe_finalize (GObject *object)
{
  JugglerLatencyProbe *self = (JugglerLatencyProbe *) object;

  juggler_latency_probe_stop (self);
  g_clear_pointer (&self->series, juggler_series_free);
  g_clear_pointer (&self->trace, juggler_trace_unref);

  G_OBJECT_CLASS (juggler_latency_probe_parent_class)->finalize (object);
}

static void
juggler_latency_probe_class_init (JugglerLatencyProbeClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = juggler_latency_probe_finalize;
}

static void
juggler_latency_probe_init (JugglerLatencyProbe *self)
{
  self->series = juggler_series_new ();
}

JugglerLatencyProbe *
juggler_latency_probe_new (guint interval_ms)
{
  JugglerLatencyProbe *self;

  g_return_val_if_fail (interval_ms > 0, NULL);

  self = g_object_new (JUGGLER_TYPE_LATENCY_PROBE, NULL);
  self->interval_ms = interval_ms;

  return self;
}

void
juggler_latency_probe_start (JugglerLatencyProbe *self)
{
  g_return_if_fail (JUGGLER_IS_LATENCY_PROBE (self));
  g_return_if_fail (self->source == NULL);

  /* Default priority, like the timers and I/O callbacks whose delay the user would feel. */
  self->source = g_source_new (&probe_funcs, sizeof (GSource));
  g_source_set_callback (self->source, NULL, self, NULL);
  g_source_set_name (self->source, "[juggler] latency probe");
  g_source_set_ready_time (self->source, g_get_monotonic_time () + self->interval_ms * 1000);
  g_source_attach (self->source, g_main_context_get_thread_default ());
}

void
juggler_latency_probe_stop (JugglerLatencyProbe *self)
{
  g_return_if_fail (JUGGLER_IS_LATENCY_PROBE (self));

  if (self->source == NULL)
    return;

  /* Stopped from inside a long callback, the overdue dispatch would never be recorded:
   * the loop has been blocked at least this long. */
  if (g_get_monotonic_time () > g_source_get_ready_time (self->source))
    probe_dispatch (self->source, NULL, self);

  g_source_destroy (self->source);
  g_clear_pointer (&self->source, g_source_unref);
}

JugglerSeries *
juggler_latency_probe_get_series (JugglerLatencyProbe *self)
{
  g_return_val_if_fail (JUGGLER_IS_LATENCY_PROBE (self), NULL);

  return self->series;
}

void
juggler_latency_probe_summarize (JugglerLatencyProbe *self,
                                 gint64               since_us,
                                 JugglerSummary      *summary)
{
  g_return_if_fail (JUGGLER_IS_LATENCY_PROBE (self));

  juggler_series_summarize (self->series, since_us, summary);
}

void
juggler_latency_probe_set_trace (JugglerLatencyProbe *self,
                                 JugglerTrace        *trace)
{
  g_return_if_fail (JUGGLER_IS_LATENCY_PROBE (self));

  if (trace != NULL)
    juggler_trace_ref (trace);
  g_clear_pointer (&self->trace, juggler_trace_unref);
  self->trace = trace;
}
