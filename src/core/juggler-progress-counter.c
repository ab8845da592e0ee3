/* juggler-progress-counter.c: a run's progress as workers report it and the UI thread reads it
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-progress-counter"

#include "config.h"

#include "juggler-progress-counter.h"

/* The counters bumped from any thread are gsize, for g_atomic_pointer_add(): 64 bits on
 * every target Juggler is built for. On a 32-bit one they would wrap at 4 G steps or 4 s
 * of job CPU time. */
struct _JugglerProgressCounter
{
  JugglerProgressMode         mode;
  GMainContext               *context;
  GThread                    *owner;
  JugglerProgressDrainedFunc  drained_func;
  gpointer                    drained_data;

  /* Bumped by whichever thread steps a job. */
  int                         jobs_done;
  gsize                       steps_done;
  gsize                       work_done;
  gsize                       job_cpu_ns;
  int                         pending_events;
  gsize                       events_dropped;

  /* Per-event progress, counted on the owner's thread as the events arrive. */
  guint                       event_jobs;
  guint64                     event_steps;
  guint64                     events_delivered;
};

static void
counter_free (JugglerProgressCounter *self)
{
  g_assert (g_atomic_int_get (&self->pending_events) == 0);

  g_main_context_unref (self->context);
}

JugglerProgressCounter *
juggler_progress_counter_new (JugglerProgressMode  mode,
                              GMainContext        *context)
{
  JugglerProgressCounter *self;

  g_return_val_if_fail (context != NULL, NULL);

  self = g_atomic_rc_box_new0 (JugglerProgressCounter);
  self->mode = mode;
  self->context = g_main_context_ref (context);
  self->owner = g_thread_self ();

  return self;
}

JugglerProgressCounter *
juggler_progress_counter_ref (JugglerProgressCounter *self)
{
  return g_atomic_rc_box_acquire (self);
}

void
juggler_progress_counter_unref (JugglerProgressCounter *self)
{
  g_atomic_rc_box_release_full (self, (GDestroyNotify) counter_free);
}

void
juggler_progress_counter_set_drained_func (JugglerProgressCounter     *self,
                                           JugglerProgressDrainedFunc  func,
                                           gpointer                    user_data)
{
  self->drained_func = func;
  self->drained_data = user_data;
}

static void
event_delivered (JugglerProgressCounter *self)
{
  self->events_delivered++;
  if (g_atomic_int_dec_and_test (&self->pending_events) && self->drained_func != NULL)
    self->drained_func (self->drained_data);
}

static gboolean
step_event_cb (gpointer user_data)
{
  JugglerProgressCounter *self = user_data;

  self->event_steps++;
  event_delivered (self);

  return G_SOURCE_REMOVE;
}

static gboolean
job_event_cb (gpointer user_data)
{
  JugglerProgressCounter *self = user_data;

  self->event_jobs++;
  event_delivered (self);

  return G_SOURCE_REMOVE;
}

/* Any thread. Every event holds the counter until it has arrived. */
static void
post_event (JugglerProgressCounter *self,
            GSourceFunc             event_cb)
{
  g_autoptr(GSource) source = NULL;

  if (g_atomic_int_add (&self->pending_events, 1) >= JUGGLER_PROGRESS_MAX_PENDING_EVENTS)
    {
      g_atomic_int_add (&self->pending_events, -1);
      g_atomic_pointer_add (&self->events_dropped, 1);
      return;
    }

  /* Not g_main_context_invoke() from a worker: when the owner's context is the global
   * default, a worker thread may acquire it between two iterations and run the callback
   * itself. */
  if (g_thread_self () == self->owner)
    {
      g_main_context_invoke_full (self->context, G_PRIORITY_DEFAULT, event_cb,
                                  juggler_progress_counter_ref (self),
                                  (GDestroyNotify) juggler_progress_counter_unref);
      return;
    }

  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, event_cb, juggler_progress_counter_ref (self),
                         (GDestroyNotify) juggler_progress_counter_unref);
  g_source_set_static_name (source, "[juggler] progress event");
  g_source_attach (source, self->context);
}

void
juggler_progress_counter_add (JugglerProgressCounter *self,
                              guint                   n_steps,
                              guint64                 work,
                              gboolean                job_done,
                              gint64                  cpu_ns)
{
  g_atomic_pointer_add (&self->steps_done, n_steps);
  if (work > 0)
    g_atomic_pointer_add (&self->work_done, work);
  if (cpu_ns > 0)
    g_atomic_pointer_add (&self->job_cpu_ns, cpu_ns);
  if (job_done)
    g_atomic_int_inc (&self->jobs_done);

  if (self->mode == JUGGLER_PROGRESS_PER_EVENT)
    {
      for (guint i = 0; i < n_steps; i++)
        post_event (self, step_event_cb);
      if (job_done)
        post_event (self, job_event_cb);
    }
}

gboolean
juggler_progress_counter_has_pending (JugglerProgressCounter *self)
{
  return g_atomic_int_get (&self->pending_events) > 0;
}

void
juggler_progress_counter_settle (JugglerProgressCounter *self)
{
  self->event_jobs = g_atomic_int_get (&self->jobs_done);
  self->event_steps = g_atomic_pointer_get (&self->steps_done);
}

void
juggler_progress_counter_sample (JugglerProgressCounter *self,
                                 guint                  *jobs_done,
                                 guint64                *steps_done)
{
  if (self->mode == JUGGLER_PROGRESS_PER_EVENT)
    {
      *jobs_done = self->event_jobs;
      *steps_done = self->event_steps;
    }
  else
    {
      *jobs_done = g_atomic_int_get (&self->jobs_done);
      *steps_done = g_atomic_pointer_get (&self->steps_done);
    }
}

guint64
juggler_progress_counter_get_work_done (JugglerProgressCounter *self)
{
  return g_atomic_pointer_get (&self->work_done);
}

gint64
juggler_progress_counter_get_job_cpu_ns (JugglerProgressCounter *self)
{
  return g_atomic_pointer_get (&self->job_cpu_ns);
}

guint64
juggler_progress_counter_get_delivered (JugglerProgressCounter *self)
{
  return self->events_delivered;
}

guint64
juggler_progress_counter_get_dropped (JugglerProgressCounter *self)
{
  return g_atomic_pointer_get (&self->events_dropped);
}
