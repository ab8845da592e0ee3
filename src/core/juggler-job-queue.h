/* juggler-job-queue.h: a run's jobs as executors take, hand back and finish them
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "juggler-workload.h"

G_BEGIN_DECLS

/* One job as it travels between the queue and an executor. */
typedef struct
{
  guint     index;
  gpointer  state;        /* the workload's state of the job */
  gboolean  started;      /* an executor stepped it: it can no longer be handed back */
  gboolean  done;         /* complete: finishing it merges it into the workload */
  guint     worker;       /* 0: the UI thread; else a number from number_thread() */
} JugglerJob;

typedef struct _JugglerJobQueue JugglerJobQueue;

/* Called on the owner's thread once a job has left the executors: finished (then merged
 * when job->done; job is freed after the call) or handed back unstarted (job is NULL). */
typedef void (*JugglerJobSettledFunc) (JugglerJobQueue *queue,
                                       const JugglerJob *job,
                                       gpointer         user_data);

/* All of it on the thread that owns the run, except where a comment says otherwise. */
JugglerJobQueue *juggler_job_queue_new              (JugglerWorkload       *workload,
                                                     GCancellable          *cancellable);
JugglerJobQueue *juggler_job_queue_ref              (JugglerJobQueue       *self);
void             juggler_job_queue_unref            (JugglerJobQueue       *self);
void             juggler_job_queue_set_settled_func (JugglerJobQueue       *self,
                                                     JugglerJobSettledFunc  func,
                                                     gpointer               user_data);
/* The next job, a handed-back one first; NULL when none is left, the run was cancelled or
 * the queue is closed. */
JugglerJob      *juggler_job_queue_take             (JugglerJobQueue       *self);
/* For a job that never started: the next take() gets it. */
void             juggler_job_queue_give_back        (JugglerJobQueue       *self,
                                                     JugglerJob            *job);
void             juggler_job_queue_finish           (JugglerJobQueue       *self,
                                                     JugglerJob            *job);
/* A worker thread's number in the run: threads count from 1 in the order executors ask,
 * and a thread keeps its number when a later pool reuses it. The queue holds a reference
 * to every thread it numbered, so no other thread can take its address during the run. */
guint            juggler_job_queue_number_thread    (JugglerJobQueue       *self,
                                                     GThread               *thread);
/* A job a worker thread handed back: given back when it never started, else finished,
 * numbered by that thread when it is done. */
void             juggler_job_queue_settle_from      (JugglerJobQueue       *self,
                                                     JugglerJob            *job,
                                                     GThread               *thread);
guint            juggler_job_queue_get_n_in_flight  (JugglerJobQueue       *self);
/* The most jobs taken and not yet finished at once. For a thread per job, whose threads
 * take their job as they start and finish it once joined, the most threads alive. */
guint            juggler_job_queue_get_peak_in_flight (JugglerJobQueue     *self);
guint            juggler_job_queue_get_n_completed  (JugglerJobQueue       *self);
/* Distinct threads that completed a job: the UI thread and every numbered worker. */
guint            juggler_job_queue_get_threads_used (JugglerJobQueue       *self);
gboolean         juggler_job_queue_has_jobs_left    (JugglerJobQueue       *self);
/* No job is taken any more, and the handed-back ones are freed. */
void             juggler_job_queue_close            (JugglerJobQueue       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JugglerJobQueue, juggler_job_queue_unref)

G_END_DECLS
