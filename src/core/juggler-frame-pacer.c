/* juggler-frame-pacer.c: spreads the async work of a window's main context over its frames
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Measured in the window for 500 requests at once (UI thread CPU time): starting a request
 * costs libsoup ~30 µs in the call, then ~300 µs in the callbacks that connect and send
 * it; its answer costs ~300 µs more. Hundreds started in a few milliseconds answer in a
 * few milliseconds too, one main-loop iteration later, and no frame is painted until they
 * are all handled. So the start rate is what the UI thread can afford: the room in a frame
 * interval left by the paint and by the answers due in it.
 */
#define G_LOG_DOMAIN "juggler-frame-pacer"

#include "config.h"

#include "juggler-frame-pacer-private.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Of each frame interval, what the paint and the jobs between two frames may take together:
 * the rest absorbs what the estimate misses, so that the next frame is not late. At 0.7 the
 * window's 500 requests took 0.64-0.71 s; at 0.85, 0.56-0.60 s, and no frame was late. */
#define BUSY_SHARE 0.85
/* The jobs' share at least, however long the paint: a slow window still makes progress. */
#define MIN_JOB_SHARE 0.25
/* Starts before the first cost is measured; the limit doubles in every frame. */
#define FIRST_QUOTA 8
/* The cost is the median of the last gaps', per start or end: a gap also holds whatever
 * else the window did, such as setting up the run in the gap of its first starts. */
#define N_COST_SAMPLES 7
/* Weights of a new sample in the running estimates. */
#define PAINT_WEIGHT 0.25
#define DURATION_WEIGHT 0.2
/* Without a frame for this many intervals (a hidden window), the clock stands in for it. */
#define FALLBACK_INTERVALS 2
#define DEFAULT_INTERVAL_US 16667

typedef struct
{
  gint64  time_us;     /* the first start between two frames */
  guint64 n_started;   /* all started up to the last of them */
} Mark;

typedef struct
{
  GSourceFunc    func;
  gpointer       data;
  GDestroyNotify notify;
} Waiter;

typedef struct
{
  GSource            source;
  JugglerFramePacer *pacer;   /* unowned: the pacer destroys the source first */
} FallbackSource;

struct _JugglerFramePacer
{
  GObject       parent_instance;

  GMainContext *context;        /* the one it paces, or NULL */
  gint64        interval_us;
  gboolean      in_frame;
  gint64        begin_cpu_us;
  gint64        end_us;         /* the last frame's end; 0: none yet */
  gint64        end_cpu_us;

  double        cost_us;        /* UI thread per start or end; 0: not measured yet */
  double        cost_samples[N_COST_SAMPLES];
  guint         n_cost_samples;
  double        paint_us;
  double        duration_us;    /* of a job; 0: none ended yet */
  guint         quota;          /* starts left before the next frame */
  guint         ramp;           /* the most starts between two frames for now */
  guint         gap_starts;
  guint         gap_ends;
  guint64       n_started;
  guint64       n_ended;
  GArray       *marks;          /* Mark, oldest first */

  GQueue        waiters;
  GSource      *fallback;

  guint         frames;
  guint         max_starts;
};

G_DEFINE_FINAL_TYPE (JugglerFramePacer, juggler_frame_pacer, G_TYPE_OBJECT)

static GMutex pacers_lock;
static GHashTable *pacers;   /* GMainContext → JugglerFramePacer, unowned */

static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  if (clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts) != 0)
    return g_get_monotonic_time ();

  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static void
wake_waiters (JugglerFramePacer *self)
{
  GQueue waiters = self->waiters;

  /* A woken executor may wait again: for the frame after. */
  g_queue_init (&self->waiters);
  for (GList *l = waiters.head; l != NULL; l = l->next)
    {
      Waiter *waiter = l->data;

      waiter->func (waiter->data);
      if (waiter->notify != NULL)
        waiter->notify (waiter->data);
      g_free (waiter);
    }
  g_queue_clear (&waiters);
}

/* Started up to time_us, as far as the marks tell. */
static guint64
started_by (JugglerFramePacer *self,
            gint64             time_us)
{
  guint64 n = 0;

  for (guint i = 0; i < self->marks->len; i++)
    {
      Mark *mark = &g_array_index (self->marks, Mark, i);

      if (mark->time_us > time_us)
        break;
      n = mark->n_started;
    }

  return n;
}

/* Jobs that end before the next frame: those started a job's duration before it, but for
 * the ones that ended already. Jobs end in about the order they started. */
static guint64
ends_due (JugglerFramePacer *self,
          gint64             now_us)
{
  guint64 n;

  if (self->duration_us <= 0)
    return 0;

  n = started_by (self, now_us + self->interval_us - (gint64) self->duration_us);
  return n > self->n_ended ? n - self->n_ended : 0;
}

static void
forget_ended (JugglerFramePacer *self)
{
  guint n_ended = 0;

  while (n_ended < self->marks->len &&
         g_array_index (self->marks, Mark, n_ended).n_started <= self->n_ended)
    n_ended++;
  g_array_remove_range (self->marks, 0, n_ended);
}

static double
blend (double estimate,
       double sample,
       double weight)
{
  return estimate <= 0 ? sample : estimate + weight * (sample - estimate);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
add_cost_sample (JugglerFramePacer *self,
                 double             sample_us)
{
  double sorted[N_COST_SAMPLES];
  guint n;

  self->cost_samples[self->n_cost_samples++ % N_COST_SAMPLES] = sample_us;
  n = MIN (self->n_cost_samples, N_COST_SAMPLES);
  memcpy (sorted, self->cost_samples, n * sizeof (double));
  qsort (sorted, n, sizeof (double), compare_doubles);
  self->cost_us = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

static void
plan_next_gap (JugglerFramePacer *self,
               gint64             now_us,
               gint64             cpu_us,
               gboolean           painted)
{
  guint events = self->gap_starts + self->gap_ends;
  double room;
  guint64 due;

  if (self->end_us != 0 && events > 0)
    add_cost_sample (self, MAX (self->begin_cpu_us - self->end_cpu_us, 0) / (double) events);
  if (painted)
    {
      /* A paint longer than an interval leaves no room whatever its length, and the
       * window's first frames (150 ms) are no guide to the later ones. */
      gint64 paint_us = CLAMP (cpu_us - self->begin_cpu_us, 0, self->interval_us);

      self->paint_us = blend (self->paint_us, paint_us, PAINT_WEIGHT);
      self->frames++;
      self->max_starts = MAX (self->max_starts, self->gap_starts);
    }

  forget_ended (self);
  due = ends_due (self, now_us);
  room = MAX (self->interval_us * BUSY_SHARE - self->paint_us, self->interval_us * MIN_JOB_SHARE);

  if (self->cost_us <= 0)
    self->quota = self->ramp;
  else if (room <= due * self->cost_us)
    self->quota = 0;
  else
    self->quota = MIN ((room - due * self->cost_us) / self->cost_us, self->ramp);
  /* Nothing in flight and nothing allowed would stop the run. */
  if (self->quota == 0 && self->n_started == self->n_ended)
    self->quota = 1;
  if (self->gap_starts > 0 && self->ramp < G_MAXUINT / 2)
    self->ramp *= 2;

  self->gap_starts = 0;
  self->gap_ends = 0;
  self->end_us = now_us;
  self->end_cpu_us = cpu_us;
  self->in_frame = FALSE;

  if (self->fallback != NULL)
    g_source_set_ready_time (self->fallback, -1);
}

static gboolean
fallback_dispatch (GSource     *source,
                   GSourceFunc  callback,
                   gpointer     user_data)
{
  JugglerFramePacer *self = ((FallbackSource *) source)->pacer;
  gint64 cpu_us = thread_cpu_us ();

  /* No paint: the work between frames ran on to now. */
  self->begin_cpu_us = cpu_us;
  plan_next_gap (self, g_get_monotonic_time (), cpu_us, FALSE);
  wake_waiters (self);

  return G_SOURCE_CONTINUE;
}

static GSourceFuncs fallback_funcs = { NULL, NULL, fallback_dispatch, NULL, NULL, NULL };

static void
juggler_frame_pacer_dispose (GObject *object)
{
  JugglerFramePacer *self = JUGGLER_FRAME_PACER (object);

  if (self->context != NULL)
    {
      g_mutex_lock (&pacers_lock);
      g_hash_table_remove (pacers, self->context);
      g_mutex_unlock (&pacers_lock);
      g_clear_pointer (&self->context, g_main_context_unref);
    }
  if (self->fallback != NULL)
    {
      g_source_destroy (self->fallback);
      g_clear_pointer (&self->fallback, g_source_unref);
    }
  /* Waiting executors go on unpaced. */
  wake_waiters (self);

  G_OBJECT_CLASS (juggler_frame_pacer_parent_class)->dispose (object);
}

static void
juggler_frame_pacer_finalize (GObject *object)
{
  JugglerFramePacer *self = JUGGLER_FRAME_PACER (object);

  g_array_unref (self->marks);

  G_OBJECT_CLASS (juggler_frame_pacer_parent_class)->finalize (object);
}

static void
juggler_frame_pacer_class_init (JugglerFramePacerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = juggler_frame_pacer_dispose;
  object_class->finalize = juggler_frame_pacer_finalize;
}

static void
juggler_frame_pacer_init (JugglerFramePacer *self)
{
  self->interval_us = DEFAULT_INTERVAL_US;
  self->quota = FIRST_QUOTA;
  self->ramp = FIRST_QUOTA;
  self->marks = g_array_new (FALSE, FALSE, sizeof (Mark));
  g_queue_init (&self->waiters);
}

JugglerFramePacer *
juggler_frame_pacer_new (GMainContext *context)
{
  JugglerFramePacer *self;

  g_return_val_if_fail (context != NULL, NULL);

  self = g_object_new (JUGGLER_TYPE_FRAME_PACER, NULL);

  g_mutex_lock (&pacers_lock);
  if (pacers == NULL)
    pacers = g_hash_table_new (NULL, NULL);
  if (!g_hash_table_contains (pacers, context))
    {
      self->context = g_main_context_ref (context);
      g_hash_table_insert (pacers, context, self);
    }
  g_mutex_unlock (&pacers_lock);

  if (self->context != NULL)
    {
      self->fallback = g_source_new (&fallback_funcs, sizeof (FallbackSource));
      ((FallbackSource *) self->fallback)->pacer = self;
      g_source_set_priority (self->fallback, G_PRIORITY_DEFAULT_IDLE);
      g_source_set_static_name (self->fallback, "[juggler] frame pacer without frames");
      g_source_attach (self->fallback, context);
    }

  return self;
}

JugglerFramePacer *
juggler_frame_pacer_lookup (GMainContext *context)
{
  JugglerFramePacer *self = NULL;

  if (context == NULL)
    context = g_main_context_default ();

  g_mutex_lock (&pacers_lock);
  if (pacers != NULL)
    self = g_hash_table_lookup (pacers, context);
  g_mutex_unlock (&pacers_lock);

  return self;
}

void
_juggler_frame_pacer_frame_begin_at (JugglerFramePacer *self,
                                     gint64             now_us,
                                     gint64             cpu_us)
{
  g_return_if_fail (JUGGLER_IS_FRAME_PACER (self));

  self->in_frame = TRUE;
  self->begin_cpu_us = cpu_us;
}

void
_juggler_frame_pacer_frame_end_at (JugglerFramePacer *self,
                                   gint64             now_us,
                                   gint64             cpu_us,
                                   gint64             interval_us)
{
  g_return_if_fail (JUGGLER_IS_FRAME_PACER (self));

  if (interval_us > 0)
    self->interval_us = interval_us;
  if (!self->in_frame)
    self->begin_cpu_us = cpu_us;
  plan_next_gap (self, now_us, cpu_us, TRUE);
}

void
_juggler_frame_pacer_started_at (JugglerFramePacer *self,
                                 gint64             now_us)
{
  Mark *last;

  g_return_if_fail (JUGGLER_IS_FRAME_PACER (self));

  self->n_started++;
  self->gap_starts++;
  if (self->quota > 0)
    self->quota--;

  last = self->marks->len > 0 ? &g_array_index (self->marks, Mark, self->marks->len - 1) : NULL;
  if (last != NULL && last->time_us >= self->end_us)
    last->n_started = self->n_started;
  else
    g_array_append_val (self->marks, ((Mark) { now_us, self->n_started }));
}

void
_juggler_frame_pacer_done_at (JugglerFramePacer *self,
                              gint64             started_us,
                              gint64             now_us)
{
  g_return_if_fail (JUGGLER_IS_FRAME_PACER (self));

  self->n_ended++;
  self->gap_ends++;
  if (started_us > 0 && now_us > started_us)
    self->duration_us = blend (self->duration_us, now_us - started_us, DURATION_WEIGHT);
}

guint
_juggler_frame_pacer_get_quota (JugglerFramePacer *self)
{
  g_return_val_if_fail (JUGGLER_IS_FRAME_PACER (self), 0);

  return self->quota;
}

void
juggler_frame_pacer_frame_begin (JugglerFramePacer *self)
{
  _juggler_frame_pacer_frame_begin_at (self, g_get_monotonic_time (), thread_cpu_us ());
}

void
juggler_frame_pacer_frame_end (JugglerFramePacer *self,
                               gint64             interval_us)
{
  g_return_if_fail (JUGGLER_IS_FRAME_PACER (self));

  _juggler_frame_pacer_frame_end_at (self, g_get_monotonic_time (), thread_cpu_us (),
                                     interval_us);
  wake_waiters (self);
}

gboolean
juggler_frame_pacer_can_start (JugglerFramePacer *self)
{
  g_return_val_if_fail (JUGGLER_IS_FRAME_PACER (self), TRUE);

  return self->quota > 0;
}

void
juggler_frame_pacer_started (JugglerFramePacer *self)
{
  _juggler_frame_pacer_started_at (self, g_get_monotonic_time ());
}

void
juggler_frame_pacer_wait (JugglerFramePacer *self,
                          GSourceFunc        func,
                          gpointer           data,
                          GDestroyNotify     notify)
{
  Waiter *waiter;

  g_return_if_fail (JUGGLER_IS_FRAME_PACER (self));
  g_return_if_fail (func != NULL);

  waiter = g_new0 (Waiter, 1);
  waiter->func = func;
  waiter->data = data;
  waiter->notify = notify;
  g_queue_push_tail (&self->waiters, waiter);

  if (self->fallback != NULL && g_source_get_ready_time (self->fallback) < 0)
    g_source_set_ready_time (self->fallback,
                             MAX (self->end_us, g_get_monotonic_time () - self->interval_us)
                             + FALLBACK_INTERVALS * self->interval_us);
}

void
juggler_frame_pacer_done (JugglerFramePacer *self,
                          gint64             started_us)
{
  _juggler_frame_pacer_done_at (self, started_us, g_get_monotonic_time ());
}

guint
juggler_frame_pacer_get_frames (JugglerFramePacer *self)
{
  g_return_val_if_fail (JUGGLER_IS_FRAME_PACER (self), 0);

  return self->frames;
}

guint
juggler_frame_pacer_get_max_starts_per_frame (JugglerFramePacer *self)
{
  g_return_val_if_fail (JUGGLER_IS_FRAME_PACER (self), 0);

  return self->max_starts;
}
