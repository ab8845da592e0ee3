/* juggler-trace.c: a bounded per-thread record of what every thread did during a run
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each thread writes into a chunk of its own: a plain store of the span, then an atomic
 * store of the chunk's count, which is all a reader needs to copy the finished part. A
 * thread takes the trace's lock only the first time it records and when its chunk is full
 * (every 1024 spans), to file the full chunk and take a fresh one. Full chunks queue up in
 * the order they filled; past the bound the oldest is reused, so the trace keeps the newest
 * max_spans spans overall, plus each thread's current chunk.
 */
#define G_LOG_DOMAIN "juggler-trace"

#include "config.h"

#include "juggler-trace.h"

#ifdef HAVE_SYSPROF
#include <sysprof-capture.h>
#endif

#include "juggler-types.h"

#define CHUNK_SPANS 1024

typedef struct
{
  guint       count;       /* atomic: spans[0, count) are written */
  gint64      max_end_us;  /* read only once the chunk is full */
  JugglerSpan spans[CHUNK_SPANS];
} Chunk;

typedef struct
{
  GThread *thread;   /* a reference, so its address cannot be reused by a later thread */
  char    *name;
  guint16  lane;
  Chunk   *current;  /* only its thread writes it, under the lock */
  gint64   waiting_since_us;  /* atomic: a lock wait begun and not recorded yet, or 0 */
} Lane;

struct _JugglerTrace
{
  gatomicrefcount ref_count;
  guint64         serial;
  gint64          origin_us;
  guint           max_spans;
  guint           max_full_chunks;

  GMutex          lock;
  GPtrArray      *lanes;       /* Lane, by lane index */
  GQueue          full;        /* Chunk, oldest first */
  guint64         n_dropped;
  guint           n_requests;  /* atomic */
};

/* What the calling thread last recorded into, so the hot path finds its lane without a lock. */
typedef struct
{
  JugglerTrace *trace;
  guint64       serial;
  Lane         *lane;
} ThreadCache;

static GPrivate thread_cache = G_PRIVATE_INIT (g_free);
/* Tells apart a freed trace from a new one at the same address. */
static guint64 next_serial = 1;

G_DEFINE_BOXED_TYPE (JugglerTrace, juggler_trace, juggler_trace_ref, juggler_trace_unref)

static void
lane_free (gpointer data)
{
  Lane *lane = data;

  g_thread_unref (lane->thread);
  g_free (lane->name);
  g_free (lane->current);
  g_free (lane);
}

/* Called with the lock held. */
static Lane *
add_lane_locked (JugglerTrace *self,
                 GThread      *thread)
{
  Lane *lane = g_new0 (Lane, 1);

  g_assert (self->lanes->len <= G_MAXUINT16);

  lane->thread = g_thread_ref (thread);
  lane->lane = self->lanes->len;
  lane->name = lane->lane == JUGGLER_TRACE_UI_LANE ? g_strdup ("UI thread")
                                                   : g_strdup_printf ("worker %u", lane->lane);
  lane->current = g_new (Chunk, 1);
  lane->current->count = 0;
  g_ptr_array_add (self->lanes, lane);

  return lane;
}

JugglerTrace *
juggler_trace_new (guint max_spans)
{
  JugglerTrace *self = g_new0 (JugglerTrace, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->serial = __atomic_fetch_add (&next_serial, 1, __ATOMIC_RELAXED);
  self->origin_us = g_get_monotonic_time ();
  self->max_spans = max_spans > 0 ? max_spans : JUGGLER_TRACE_DEFAULT_MAX_SPANS;
  self->max_full_chunks = MAX (1, (self->max_spans + CHUNK_SPANS - 1) / CHUNK_SPANS);
  g_mutex_init (&self->lock);
  self->lanes = g_ptr_array_new_with_free_func (lane_free);
  g_queue_init (&self->full);

  g_mutex_lock (&self->lock);
  add_lane_locked (self, g_thread_self ());
  g_mutex_unlock (&self->lock);

  return self;
}

JugglerTrace *
juggler_trace_ref (JugglerTrace *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

void
juggler_trace_unref (JugglerTrace *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_queue_clear_full (&self->full, g_free);
  g_ptr_array_unref (self->lanes);
  g_mutex_clear (&self->lock);
  g_free (self);
}

gint64
juggler_trace_get_origin (JugglerTrace *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->origin_us;
}

guint
juggler_trace_get_max_spans (JugglerTrace *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->max_spans;
}

static Lane *
get_lane (JugglerTrace *self)
{
  ThreadCache *cache = g_private_get (&thread_cache);
  GThread *thread;
  Lane *lane = NULL;

  if (G_LIKELY (cache != NULL && cache->trace == self && cache->serial == self->serial))
    return cache->lane;

  if (cache == NULL)
    {
      cache = g_new0 (ThreadCache, 1);
      g_private_set (&thread_cache, cache);
    }

  /* This thread's first span in this trace, or it recorded into another trace meanwhile. */
  thread = g_thread_self ();
  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->lanes->len && lane == NULL; i++)
    {
      Lane *l = g_ptr_array_index (self->lanes, i);

      if (l->thread == thread)
        lane = l;
    }
  if (lane == NULL)
    lane = add_lane_locked (self, thread);
  g_mutex_unlock (&self->lock);

  cache->trace = self;
  cache->serial = self->serial;
  cache->lane = lane;

  return lane;
}

/* Files the lane's full chunk and gives it a fresh one: the oldest full chunk once the trace
 * is at its bound. */
static Chunk *
next_chunk (JugglerTrace *self,
            Lane         *lane)
{
  Chunk *chunk;

  g_mutex_lock (&self->lock);
  g_queue_push_tail (&self->full, lane->current);
  if (self->full.length > self->max_full_chunks)
    {
      chunk = g_queue_pop_head (&self->full);
      self->n_dropped += chunk->count;
    }
  else
    {
      chunk = g_new (Chunk, 1);
    }
  chunk->count = 0;
  lane->current = chunk;
  g_mutex_unlock (&self->lock);

  return chunk;
}

#ifdef HAVE_SYSPROF
static void
add_sysprof_mark (const Lane        *lane,
                  const JugglerSpan *span)
{
  const char *strategy = juggler_strategy_to_string (span->strategy);

  if (!sysprof_collector_is_active ())
    return;

  /* A mark has a pid but no thread: the group names the lane instead. */
  switch ((JugglerSpanKind) span->kind)
    {
    case JUGGLER_SPAN_RUN:
      sysprof_collector_mark_printf (span->start_us * 1000, (span->end_us - span->start_us) * 1000,
                                     "Juggler", "run", "%s", strategy);
      break;
    case JUGGLER_SPAN_JOB_STEP:
      sysprof_collector_mark_printf (span->start_us * 1000, (span->end_us - span->start_us) * 1000,
                                     lane->name, "job step", "job %u (%s)", span->id, strategy);
      break;
    case JUGGLER_SPAN_LOCK_WAIT:
      sysprof_collector_mark (span->start_us * 1000, (span->end_us - span->start_us) * 1000,
                              lane->name, "lock wait", "global lock");
      break;
    default:
      break;
    }
}
#endif

void
juggler_trace_record (JugglerTrace    *self,
                      JugglerSpanKind  kind,
                      gint64           start_us,
                      gint64           end_us,
                      guint32          id,
                      guint            strategy,
                      double           value)
{
  Lane *lane;
  Chunk *chunk;
  JugglerSpan *span;
  guint n;

  g_return_if_fail (self != NULL);
  g_return_if_fail (kind < JUGGLER_N_SPAN_KINDS);

  lane = get_lane (self);
  chunk = lane->current;
  n = chunk->count;
  if (G_UNLIKELY (n == CHUNK_SPANS))
    {
      chunk = next_chunk (self, lane);
      n = 0;
    }

  span = &chunk->spans[n];
  span->start_us = start_us;
  span->end_us = MAX (start_us, end_us);
  span->value = value;
  span->id = id;
  span->lane = lane->lane;
  span->kind = kind;
  span->strategy = strategy;
  chunk->max_end_us = n == 0 ? span->end_us : MAX (chunk->max_end_us, span->end_us);
  /* Publishes the span: a reader copies only below the count it reads. */
  g_atomic_int_set (&chunk->count, n + 1);

#ifdef HAVE_SYSPROF
  add_sysprof_mark (lane, span);
#endif
}

void
juggler_trace_job_step (JugglerTrace *self,
                        guint         job_index,
                        guint         strategy,
                        gint64        start_us,
                        gint64        end_us)
{
  juggler_trace_record (self, JUGGLER_SPAN_JOB_STEP, start_us, end_us, job_index, strategy, 0);
}

void
juggler_trace_lock_wait (JugglerTrace *self,
                         gint64        start_us,
                         gint64        end_us)
{
  juggler_trace_record (self, JUGGLER_SPAN_LOCK_WAIT, start_us, end_us, 0,
                        JUGGLER_STRATEGY_GLOBAL_LOCK, 0);
  /* After the span: a snapshot in between shows the wait twice, never not at all. */
  __atomic_store_n (&get_lane (self)->waiting_since_us, 0, __ATOMIC_RELEASE);
}

void
juggler_trace_lock_wait_begin (JugglerTrace *self,
                               gint64        start_us)
{
  g_return_if_fail (self != NULL);

  __atomic_store_n (&get_lane (self)->waiting_since_us, MAX (start_us, 1), __ATOMIC_RELEASE);
}

void
juggler_trace_lock_hold (JugglerTrace *self,
                         gint64        start_us,
                         gint64        end_us)
{
  juggler_trace_record (self, JUGGLER_SPAN_LOCK_HOLD, start_us, end_us, 0,
                        JUGGLER_STRATEGY_GLOBAL_LOCK, 0);
}

void
juggler_trace_request (JugglerTrace *self,
                       guint         request_id,
                       gint64        start_us,
                       gint64        end_us)
{
  g_return_if_fail (self != NULL);

  /* Job indices repeat from one run to the next; an async event's id must not. */
  juggler_trace_record (self, JUGGLER_SPAN_REQUEST, start_us, end_us, request_id,
                        JUGGLER_STRATEGY_ASYNC, g_atomic_int_add (&self->n_requests, 1));
}

void
juggler_trace_counter (JugglerTrace        *self,
                       JugglerTraceCounter  counter,
                       gint64               time_us,
                       double               value)
{
  g_return_if_fail (counter < JUGGLER_TRACE_N_COUNTERS);

  juggler_trace_record (self, JUGGLER_SPAN_COUNTER, time_us, time_us, counter, 0, value);
}

void
juggler_trace_set_thread_name (JugglerTrace *self,
                               const char   *name)
{
  Lane *lane;

  g_return_if_fail (self != NULL);
  g_return_if_fail (name != NULL);

  lane = get_lane (self);
  g_mutex_lock (&self->lock);
  g_free (lane->name);
  lane->name = g_strdup (name);
  g_mutex_unlock (&self->lock);
}

static void
copy_chunk (GArray      *spans,
            const Chunk *chunk,
            guint        count,
            gint64       since_us)
{
  guint first = 0;

  /* Within a lane spans are recorded as they end, so the ones to keep are mostly a tail. */
  while (first < count && chunk->spans[first].end_us < since_us)
    first++;
  for (guint i = first; i < count; i++)
    {
      if (chunk->spans[i].end_us >= since_us)
        g_array_append_val (spans, chunk->spans[i]);
    }
}

JugglerTraceSnapshot *
juggler_trace_snapshot (JugglerTrace *self,
                        gint64        since_us)
{
  JugglerTraceSnapshot *snapshot;
  gint64 now_us = g_get_monotonic_time ();

  g_return_val_if_fail (self != NULL, NULL);

  snapshot = g_new0 (JugglerTraceSnapshot, 1);
  snapshot->spans = g_array_new (FALSE, FALSE, sizeof (JugglerSpan));
  snapshot->lane_names = g_ptr_array_new_with_free_func (g_free);
  snapshot->origin_us = self->origin_us;

  g_mutex_lock (&self->lock);
  for (GList *l = self->full.head; l != NULL; l = l->next)
    {
      const Chunk *chunk = l->data;

      if (chunk->max_end_us >= since_us)
        copy_chunk (snapshot->spans, chunk, chunk->count, since_us);
    }
  for (guint i = 0; i < self->lanes->len; i++)
    {
      const Lane *lane = g_ptr_array_index (self->lanes, i);

      gint64 waiting_since_us = __atomic_load_n (&lane->waiting_since_us, __ATOMIC_ACQUIRE);

      /* The lane's thread may be adding to this chunk right now, above the count. */
      copy_chunk (snapshot->spans, lane->current, g_atomic_int_get (&lane->current->count),
                  since_us);
      g_ptr_array_add (snapshot->lane_names, g_strdup (lane->name));

      /* A wait still going on ends now, for this snapshot: a thread stuck on the lock is
       * drawn while it is stuck, not once it got it. */
      if (waiting_since_us > 0 && now_us >= since_us)
        {
          JugglerSpan open = {
            .start_us = waiting_since_us,
            .end_us = MAX (waiting_since_us, now_us),
            .value = 1,
            .lane = lane->lane,
            .kind = JUGGLER_SPAN_LOCK_WAIT,
            .strategy = JUGGLER_STRATEGY_GLOBAL_LOCK,
          };

          g_array_append_val (snapshot->spans, open);
        }
    }
  snapshot->n_dropped = self->n_dropped;
  g_mutex_unlock (&self->lock);

  return snapshot;
}

void
juggler_trace_snapshot_free (JugglerTraceSnapshot *snapshot)
{
  if (snapshot == NULL)
    return;

  g_array_unref (snapshot->spans);
  g_ptr_array_unref (snapshot->lane_names);
  g_free (snapshot);
}

guint
juggler_trace_get_n_lanes (JugglerTrace *self)
{
  guint n;

  g_return_val_if_fail (self != NULL, 0);

  g_mutex_lock (&self->lock);
  n = self->lanes->len;
  g_mutex_unlock (&self->lock);

  return n;
}

char *
juggler_trace_dup_lane_name (JugglerTrace *self,
                             guint         lane)
{
  char *name = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  g_mutex_lock (&self->lock);
  if (lane < self->lanes->len)
    name = g_strdup (((Lane *) g_ptr_array_index (self->lanes, lane))->name);
  g_mutex_unlock (&self->lock);

  return name;
}

const char *
juggler_span_kind_to_string (JugglerSpanKind kind)
{
  static const char *names[] = {
    [JUGGLER_SPAN_RUN] = "run",
    [JUGGLER_SPAN_JOB_STEP] = "job step",
    [JUGGLER_SPAN_LOCK_WAIT] = "lock wait",
    [JUGGLER_SPAN_LOCK_HOLD] = "lock hold",
    [JUGGLER_SPAN_UI_STALL] = "UI stall",
    [JUGGLER_SPAN_FRAME] = "frame",
    [JUGGLER_SPAN_DISPATCH] = "dispatch",
    [JUGGLER_SPAN_REQUEST] = "request",
    [JUGGLER_SPAN_COUNTER] = "counter",
  };

  g_return_val_if_fail (kind < JUGGLER_N_SPAN_KINDS, NULL);

  return names[kind];
}

gboolean
juggler_trace_sysprof_is_active (void)
{
#ifdef HAVE_SYSPROF
  return sysprof_collector_is_active ();
#else
  return FALSE;
#endif
}
