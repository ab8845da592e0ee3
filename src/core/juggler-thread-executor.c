/* juggler-thread-executor.c: a new thread for every job (g_thread_new), joined when the
 * job is done
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a thread costs shows here: its creation, its stack and the scheduler's work, once
 * per tile or request. Up to JUGGLER_MAX_CONCURRENCY threads live at once, so 1000
 * requests get 1000 threads; CPU threads lower their own priority when the run is nice.
 */
#define G_LOG_DOMAIN "juggler-thread-executor"

#include "config.h"

#include <errno.h>
#include <sched.h>
#include <sys/resource.h>
#include <unistd.h>

#include "juggler-executor-private.h"

#define YIELD_INTERVAL_US 1000

typedef struct
{
  JugglerExecutor  parent;

  gboolean         nice;
  guint            max_threads;
  guint            n_in_flight;
  gboolean         pumping;
} JugglerThreadExecutor;

typedef struct
{
  JugglerThreadExecutor *self;    /* a reference, through its parent */
  JugglerJob            *job;
  GThread               *thread;
} ThreadJob;

static gboolean
job_joined_cb (gpointer user_data)
{
  ThreadJob *thread_job = user_data;
  JugglerThreadExecutor *self = thread_job->self;
  g_autoptr(JugglerExecutor) executor = &self->parent;
  JugglerJob *job = thread_job->job;

  /* Numbered before the join lets go of the thread; the queue keeps it referenced. */
  if (job->done)
    job->worker = juggler_job_queue_number_thread (executor->env.queue, thread_job->thread);

  /* The thread has nothing left to do but return: the join waits for its exit only. */
  g_thread_join (thread_job->thread);
  g_free (thread_job);

  self->n_in_flight--;
  juggler_job_queue_finish (executor->env.queue, job);

  return G_SOURCE_REMOVE;
}

static gpointer
job_thread_func (gpointer user_data)
{
  ThreadJob *thread_job = user_data;
  JugglerThreadExecutor *self = thread_job->self;
  g_autoptr(GSource) source = NULL;

  /* Our own thread: lowering its priority is allowed, unprivileged and inside Flatpak. */
  if (self->nice && setpriority (PRIO_PROCESS, gettid (), 19) != 0)
    g_debug ("Could not lower the priority of a job's thread: %s", g_strerror (errno));

  while (!juggler_executor_step_job (&self->parent, thread_job->job,
                                     g_get_monotonic_time () + YIELD_INTERVAL_US))
    sched_yield ();

  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT_IDLE);
  g_source_set_callback (source, job_joined_cb, thread_job, NULL);
  g_source_set_static_name (source, "[juggler] join a job's thread");
  g_source_attach (source, self->parent.env.context);

  return NULL;
}

static void
juggler_thread_executor_pump (JugglerExecutor *executor)
{
  JugglerThreadExecutor *self = (JugglerThreadExecutor *) executor;
  JugglerJob *job;

  /* Finishing a job below pumps again: the outer loop carries on instead. */
  if (self->pumping)
    return;
  self->pumping = TRUE;

  while (self->n_in_flight < self->max_threads &&
         (job = juggler_executor_take_job (executor)) != NULL)
    {
      ThreadJob *thread_job = g_new0 (ThreadJob, 1);
      g_autoptr(GError) error = NULL;

      thread_job->self = (JugglerThreadExecutor *) juggler_executor_ref (executor);
      thread_job->job = job;
      /* Started here, so that a switch cannot hand it back while its thread starts. */
      job->started = TRUE;
      self->n_in_flight++;
      thread_job->thread = g_thread_try_new ("juggler-job", job_thread_func, thread_job, &error);
      if (thread_job->thread != NULL)
        continue;

      /* Out of threads (a process or memory limit): rather than stall the run, this job
       * runs here, blocking the loop, and says so. */
      g_warning ("Could not start a thread for a job, running it on the loop: %s",
                 error->message);
      while (!juggler_executor_step_job (executor, job, G_MAXINT64))
        ;
      self->n_in_flight--;
      juggler_executor_unref (executor);
      g_free (thread_job);
      juggler_job_queue_finish (executor->env.queue, job);
    }

  self->pumping = FALSE;
}

static void
juggler_thread_executor_free (JugglerExecutor *executor)
{
  g_assert (((JugglerThreadExecutor *) executor)->n_in_flight == 0);

  g_free (executor);
}

static const JugglerExecutorVTable thread_executor_vtable = {
  .pump = juggler_thread_executor_pump,
  .free = juggler_thread_executor_free,
};

JugglerExecutor *
juggler_thread_executor_new (const JugglerExecutorEnv         *env,
                             const JugglerThreadExecutorConfig *config)
{
  JugglerThreadExecutor *self = g_new0 (JugglerThreadExecutor, 1);

  juggler_executor_init (&self->parent, &thread_executor_vtable, env);
  self->nice = config->nice;
  self->max_threads = MAX (config->max_threads, 1);

  return &self->parent;
}
