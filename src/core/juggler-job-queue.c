/* juggler-job-queue.c: a run's jobs as executors take, hand back and finish them
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-job-queue"

#include "config.h"

#include "juggler-job-queue.h"

struct _JugglerJobQueue
{
  JugglerWorkload       *workload;
  GCancellable          *cancellable;
  JugglerJobSettledFunc  settled_func;
  gpointer               settled_data;
  guint                  n_jobs;
  guint                  next_job;
  GQueue                 returned;      /* JugglerJob *, unstarted */
  guint                  n_in_flight;
  guint                  peak_in_flight;
  guint                  n_completed;
  GHashTable            *worker_numbers; /* GThread (a reference) → its number */
  GHashTable            *workers_done;   /* numbers of the workers that completed a job */
  gboolean               main_done;      /* the UI thread completed a job */
  gboolean               closed;
};

static void
job_free (JugglerJobQueue *self,
          JugglerJob      *job)
{
  juggler_workload_job_free (self->workload, job->state);
  g_free (job);
}

static void
queue_free (JugglerJobQueue *self)
{
  juggler_job_queue_close (self);
  g_clear_pointer (&self->worker_numbers, g_hash_table_unref);
  g_clear_pointer (&self->workers_done, g_hash_table_unref);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->workload);
}

JugglerJobQueue *
juggler_job_queue_new (JugglerWorkload *workload,
                       GCancellable    *cancellable)
{
  JugglerJobQueue *self;

  g_return_val_if_fail (JUGGLER_IS_WORKLOAD (workload), NULL);
  g_return_val_if_fail (G_IS_CANCELLABLE (cancellable), NULL);

  /* Atomic: a retired executor may drop the last reference from a worker's callback. */
  self = g_atomic_rc_box_new0 (JugglerJobQueue);
  self->workload = g_object_ref (workload);
  self->cancellable = g_object_ref (cancellable);
  self->n_jobs = juggler_workload_get_n_jobs (workload);
  self->worker_numbers = g_hash_table_new_full (NULL, NULL, (GDestroyNotify) g_thread_unref, NULL);
  self->workers_done = g_hash_table_new (NULL, NULL);
  g_queue_init (&self->returned);

  return self;
}

JugglerJobQueue *
juggler_job_queue_ref (JugglerJobQueue *self)
{
  return g_atomic_rc_box_acquire (self);
}

void
juggler_job_queue_unref (JugglerJobQueue *self)
{
  g_atomic_rc_box_release_full (self, (GDestroyNotify) queue_free);
}

void
juggler_job_queue_set_settled_func (JugglerJobQueue       *self,
                                    JugglerJobSettledFunc  func,
                                    gpointer               user_data)
{
  self->settled_func = func;
  self->settled_data = user_data;
}

JugglerJob *
juggler_job_queue_take (JugglerJobQueue *self)
{
  JugglerJob *job;

  if (self->closed || g_cancellable_is_cancelled (self->cancellable))
    return NULL;

  job = g_queue_pop_head (&self->returned);
  if (job == NULL && self->next_job < self->n_jobs)
    {
      job = g_new0 (JugglerJob, 1);
      job->index = self->next_job++;
      job->state = juggler_workload_job_new (self->workload, job->index);
    }

  if (job != NULL)
    {
      self->n_in_flight++;
      self->peak_in_flight = MAX (self->peak_in_flight, self->n_in_flight);
    }

  return job;
}

static void
settled (JugglerJobQueue  *self,
         const JugglerJob *job)
{
  if (self->settled_func != NULL)
    self->settled_func (self, job, self->settled_data);
}

void
juggler_job_queue_give_back (JugglerJobQueue *self,
                             JugglerJob      *job)
{
  g_assert (!job->started);
  g_assert (self->n_in_flight > 0);

  self->n_in_flight--;
  if (self->closed)
    job_free (self, job);
  else
    g_queue_push_head (&self->returned, job);

  settled (self, NULL);
}

void
juggler_job_queue_finish (JugglerJobQueue *self,
                          JugglerJob      *job)
{
  g_assert (self->n_in_flight > 0);

  self->n_in_flight--;

  if (job->done)
    {
      juggler_workload_job_merge (self->workload, job->state);
      self->n_completed++;
      if (job->worker == 0)
        self->main_done = TRUE;
      else
        g_hash_table_add (self->workers_done, GUINT_TO_POINTER (job->worker));
    }

  settled (self, job);
  job_free (self, job);
}

guint
juggler_job_queue_number_thread (JugglerJobQueue *self,
                                 GThread         *thread)
{
  gpointer number;

  if (!g_hash_table_lookup_extended (self->worker_numbers, thread, NULL, &number))
    {
      number = GUINT_TO_POINTER (g_hash_table_size (self->worker_numbers) + 1);
      g_hash_table_insert (self->worker_numbers, g_thread_ref (thread), number);
    }

  return GPOINTER_TO_UINT (number);
}

void
juggler_job_queue_settle_from (JugglerJobQueue *self,
                               JugglerJob      *job,
                               GThread         *thread)
{
  if (!job->started)
    {
      juggler_job_queue_give_back (self, job);
      return;
    }

  /* Numbered in the order the threads deliver their first finished job. */
  if (job->done)
    job->worker = juggler_job_queue_number_thread (self, thread);
  juggler_job_queue_finish (self, job);
}

guint
juggler_job_queue_get_n_in_flight (JugglerJobQueue *self)
{
  return self->n_in_flight;
}

guint
juggler_job_queue_get_peak_in_flight (JugglerJobQueue *self)
{
  return self->peak_in_flight;
}

guint
juggler_job_queue_get_n_completed (JugglerJobQueue *self)
{
  return self->n_completed;
}

guint
juggler_job_queue_get_threads_used (JugglerJobQueue *self)
{
  return g_hash_table_size (self->workers_done) + (self->main_done ? 1 : 0);
}

gboolean
juggler_job_queue_has_jobs_left (JugglerJobQueue *self)
{
  return self->next_job < self->n_jobs || !g_queue_is_empty (&self->returned);
}

void
juggler_job_queue_close (JugglerJobQueue *self)
{
  JugglerJob *job;

  self->closed = TRUE;

  /* A cancelled run can end with unstarted jobs that a retired executor handed back. */
  while ((job = g_queue_pop_head (&self->returned)) != NULL)
    job_free (self, job);
}
