/* juggler-trace.h: a bounded per-thread record of what every thread did during a run
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What a span says happened. Times are g_get_monotonic_time () microseconds. */
typedef enum
{
  JUGGLER_SPAN_RUN,         /* a run, start to end; strategy: the one it started with */
  JUGGLER_SPAN_JOB_STEP,    /* id: job index; strategy: the one that stepped it */
  JUGGLER_SPAN_LOCK_WAIT,   /* waiting for the global lock; value: 1 in a snapshot while the
                             * wait has not ended (its end is the snapshot's time) */
  JUGGLER_SPAN_LOCK_HOLD,   /* holding the global lock */
  JUGGLER_SPAN_UI_STALL,    /* the UI thread did not come back for longer than a frame */
  JUGGLER_SPAN_FRAME,       /* a frame-clock paint: an instant, start == end */
  JUGGLER_SPAN_DISPATCH,    /* results handed to the UI thread; id: how many */
  JUGGLER_SPAN_REQUEST,     /* an async request, start to end; id: its job index; value: a
                             * number unique in the trace; may overlap others */
  JUGGLER_SPAN_COUNTER,     /* an instant; id: a JugglerTraceCounter, value: its value */
  JUGGLER_N_SPAN_KINDS
} JugglerSpanKind;

typedef enum
{
  JUGGLER_TRACE_COUNTER_IN_FLIGHT,     /* requests in flight */
  JUGGLER_TRACE_COUNTER_FPS,           /* frames per second */
  JUGGLER_TRACE_COUNTER_LOOP_LATENCY,  /* main-loop lateness, ms */
  JUGGLER_TRACE_N_COUNTERS
} JugglerTraceCounter;

/* The lane of the thread that made the JugglerTrace: the UI thread. Workers get 1, 2, ...
 * in the order they first recorded a span. */
#define JUGGLER_TRACE_UI_LANE 0

/* A trace keeps at least this many of the newest spans unless told otherwise. */
#define JUGGLER_TRACE_DEFAULT_MAX_SPANS 200000

typedef struct
{
  gint64  start_us;
  gint64  end_us;
  double  value;
  guint32 id;
  guint16 lane;       /* filled in by the trace */
  guint8  kind;       /* JugglerSpanKind */
  guint8  strategy;   /* JugglerStrategy, where the kind has one */
} JugglerSpan;

typedef struct _JugglerTrace JugglerTrace;

/* A copy of part of a trace, owned by whoever asked for it; safe to hand to another thread. */
typedef struct
{
  GArray    *spans;         /* JugglerSpan: per lane in the order recorded, lanes interleaved */
  GPtrArray *lane_names;    /* char *, indexed by lane */
  gint64     origin_us;     /* when the trace was made */
  guint64    n_dropped;     /* spans forgotten to keep the trace bounded */
} JugglerTraceSnapshot;

#define JUGGLER_TYPE_TRACE (juggler_trace_get_type ())

GType          juggler_trace_get_type            (void) G_GNUC_CONST;
/* The calling thread becomes lane 0 ("UI thread"). max_spans: 0 for the default. */
JugglerTrace  *juggler_trace_new                 (guint                max_spans);
JugglerTrace  *juggler_trace_ref                 (JugglerTrace        *self);
void           juggler_trace_unref               (JugglerTrace        *self);
gint64         juggler_trace_get_origin          (JugglerTrace        *self);
guint          juggler_trace_get_max_spans       (JugglerTrace        *self);

/* Any thread, without a lock except once per thread and once per 1024 spans. */
void           juggler_trace_record              (JugglerTrace        *self,
                                                  JugglerSpanKind      kind,
                                                  gint64               start_us,
                                                  gint64               end_us,
                                                  guint32              id,
                                                  guint                strategy,
                                                  double               value);
void           juggler_trace_job_step            (JugglerTrace        *self,
                                                  guint                job_index,
                                                  guint                strategy,
                                                  gint64               start_us,
                                                  gint64               end_us);
void           juggler_trace_lock_wait           (JugglerTrace        *self,
                                                  gint64               start_us,
                                                  gint64               end_us);
/* The calling thread starts waiting: snapshots show the wait, up to their own time, until
 * juggler_trace_lock_wait() records it. */
void           juggler_trace_lock_wait_begin     (JugglerTrace        *self,
                                                  gint64               start_us);
void           juggler_trace_lock_hold           (JugglerTrace        *self,
                                                  gint64               start_us,
                                                  gint64               end_us);
void           juggler_trace_request             (JugglerTrace        *self,
                                                  guint                request_id,
                                                  gint64               start_us,
                                                  gint64               end_us);
void           juggler_trace_counter             (JugglerTrace        *self,
                                                  JugglerTraceCounter  counter,
                                                  gint64               time_us,
                                                  double               value);
/* Names the calling thread's lane (default: "UI thread", "worker 1", ...). */
void           juggler_trace_set_thread_name     (JugglerTrace        *self,
                                                  const char          *name);

/* Spans that ended at or after since_us (G_MININT64: all that are kept). Any thread; meant
 * for the UI thread, which copies the newest spans every frame. */
JugglerTraceSnapshot *juggler_trace_snapshot     (JugglerTrace        *self,
                                                  gint64               since_us);
void           juggler_trace_snapshot_free       (JugglerTraceSnapshot *snapshot);
guint          juggler_trace_get_n_lanes         (JugglerTrace        *self);
char          *juggler_trace_dup_lane_name       (JugglerTrace        *self,
                                                  guint                lane);

/* Chrome Trace Event JSON (Object Format), as Perfetto UI and chrome://tracing open it. */
GBytes        *juggler_trace_snapshot_to_chrome_json (const JugglerTraceSnapshot *snapshot);
gboolean       juggler_trace_save_chrome_json    (JugglerTrace        *self,
                                                  GFile               *file,
                                                  GCancellable        *cancellable,
                                                  GError             **error);

const char    *juggler_span_kind_to_string       (JugglerSpanKind      kind);
/* TRUE when Juggler was built with sysprof-capture and runs under a Sysprof recorder:
 * a run should then record a trace even if nobody asked for one, for its marks. */
gboolean       juggler_trace_sysprof_is_active   (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JugglerTrace, juggler_trace_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JugglerTraceSnapshot, juggler_trace_snapshot_free)

G_END_DECLS
