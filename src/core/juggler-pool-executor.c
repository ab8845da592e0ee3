/* juggler-pool-executor.c: jobs as GTasks in a dedicated pool of N threads, with or
 * without a global lock around the computation
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-pool-executor"

#include "config.h"

#include <errno.h>
#include <sys/resource.h>
#include <unistd.h>

#include "juggler-executor.h"

typedef struct
{
  JugglerExecutor    parent;

  GThreadPool       *pool;
  guint              n_workers;
  guint              n_in_flight;
  gboolean           nice;
  JugglerGlobalLock *lock;
} JugglerPoolExecutor;

/* A pool thread belongs to its pool for life, so lowering its priority once is enough. */
static GPrivate reniced = G_PRIVATE_INIT (NULL);

static void
lower_thread_priority (void)
{
  if (g_private_get (&reniced) != NULL)
    return;

  /* Linux gives every thread its own nice value; unprivileged and allowed in Flatpak. */
  if (setpriority (PRIO_PROCESS, gettid (), 19) != 0)
    g_debug ("Could not lower the priority of a worker thread: %s", g_strerror (errno));
  g_private_set (&reniced, GINT_TO_POINTER (TRUE));
}

/* Runs in a pool thread. */
static void
worker_func (gpointer data,
             gpointer user_data)
{
  g_autoptr(GTask) task = data;
  JugglerPoolExecutor *self = user_data;
  JugglerRun *run = self->parent.run;
  JugglerRunJob *job = g_task_get_task_data (task);

  if (self->nice)
    lower_thread_priority ();

  /* A switch left this job queued here: it goes back to the run, untouched. */
  if (!job->started && juggler_executor_is_retired (&self->parent))
    {
      g_task_return_boolean (task, FALSE);
      return;
    }

  if (self->lock == NULL)
    {
      while (!juggler_run_step_job (run, job, G_MAXINT64))
        ;
    }
  else
    {
      gboolean finished;

      do
        {
          juggler_global_lock_acquire (self->lock);
          finished = juggler_run_step_job (run, job, g_get_monotonic_time () +
                                                     JUGGLER_GLOBAL_LOCK_SWITCH_INTERVAL_US);
          juggler_global_lock_yield (self->lock);
        }
      while (!finished);
    }

  g_task_return_boolean (task, TRUE);
}

static void
job_returned_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(JugglerExecutor) executor = user_data;
  JugglerPoolExecutor *self = (JugglerPoolExecutor *) executor;
  JugglerRunJob *job = g_task_get_task_data (G_TASK (result));
  gboolean ran = g_task_propagate_boolean (G_TASK (result), NULL);

  self->n_in_flight--;
  if (ran)
    juggler_run_finish_job (executor->run, job);
  else
    juggler_run_return_job (executor->run, job);
}

static void
juggler_pool_executor_pump (JugglerExecutor *executor)
{
  JugglerPoolExecutor *self = (JugglerPoolExecutor *) executor;
  JugglerRunJob *job;

  /* Two jobs per thread keep every thread busy while results travel to the main loop. */
  while (self->n_in_flight < 2 * self->n_workers &&
         (job = juggler_run_take_job (executor->run)) != NULL)
    {
      g_autoptr(GTask) task = g_task_new (NULL, NULL, job_returned_cb,
                                          juggler_executor_ref (executor));

      g_task_set_source_tag (task, juggler_pool_executor_pump);
      g_task_set_name (task, "[juggler] tile");
      /* Below GTK's redraw: a flood of results must not starve painting. */
      g_task_set_priority (task, G_PRIORITY_DEFAULT_IDLE);
      g_task_set_task_data (task, job, NULL);
      self->n_in_flight++;
      g_thread_pool_push (self->pool, g_steal_pointer (&task), NULL);
    }
}

static void
juggler_pool_executor_free (JugglerExecutor *executor)
{
  JugglerPoolExecutor *self = (JugglerPoolExecutor *) executor;

  g_assert (self->n_in_flight == 0);

  /* Every job is back, so the threads are idle: waiting only joins them. */
  g_thread_pool_free (self->pool, FALSE, TRUE);
  g_free (self);
}

static const JugglerExecutorClass pool_executor_class = {
  .pump = juggler_pool_executor_pump,
  .free = juggler_pool_executor_free,
};

JugglerExecutor *
juggler_pool_executor_new (JugglerRun        *run,
                           JugglerStrategy    strategy,
                           guint              n_workers,
                           gboolean           nice,
                           JugglerGlobalLock *lock)
{
  JugglerPoolExecutor *self = g_new0 (JugglerPoolExecutor, 1);

  self->parent.klass = &pool_executor_class;
  self->n_workers = n_workers;
  self->nice = nice;
  self->lock = lock;
  /* Exclusive: exactly these N threads, never shared with GIO or other pools. */
  self->pool = g_thread_pool_new (worker_func, self, n_workers, TRUE, NULL);

  return &self->parent;
}
