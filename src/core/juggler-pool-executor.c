/* juggler-pool-executor.c: jobs as GTasks in a dedicated pool of N threads, with or
 * without a global lock around the computation
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How a finished task gets back to the main loop matters as much as where it ran. A worker
 * thread that calls g_task_return_*() attaches a source to the main context and wakes it
 * while holding the context's lock. With more busy workers than cores, the woken UI thread
 * preempts that worker, then waits on the lock it still holds until the scheduler gives the
 * worker a turn again: 3 to 5 ms stalls with 4 workers on 2 cores. So workers hand finished
 * tasks over through a queue, wake the main context without taking its lock
 * (g_main_context_wakeup()), and the tasks return on the main thread.
 */
#define G_LOG_DOMAIN "juggler-pool-executor"

#include "config.h"

#include <errno.h>
#include <sched.h>
#include <sys/resource.h>
#include <unistd.h>

#include "juggler-executor.h"

typedef struct
{
  JugglerExecutor    parent;

  GThreadPool       *pool;
  GAsyncQueue       *finished;    /* GTask, pushed by the workers */
  GSource           *returns;     /* returns the finished tasks on the main thread */
  guint              n_workers;
  guint              n_in_flight;
  gboolean           nice;
  JugglerGlobalLock *lock;
} JugglerPoolExecutor;

#define YIELD_INTERVAL_US 1000

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
compute (JugglerPoolExecutor *self,
         JugglerRunJob       *job)
{
  JugglerRun *run = self->parent.run;
  gboolean finished;

  if (self->lock == NULL)
    {
      /* A woken UI thread should get a core at once, but with every core busy some kernels
       * let it wait for the next scheduler tick, up to 4 ms (seen on Linux 6.18, nice 19
       * or not). Offering the core every millisecond caps that wait. */
      while (!juggler_run_step_job (run, job, g_get_monotonic_time () + YIELD_INTERVAL_US))
        sched_yield ();
      return;
    }

  do
    {
      juggler_global_lock_acquire (self->lock);
      finished = juggler_run_step_job (run, job, g_get_monotonic_time () +
                                                 JUGGLER_GLOBAL_LOCK_SWITCH_INTERVAL_US);
      juggler_global_lock_yield (self->lock);
    }
  while (!finished);
}

/* Runs in a pool thread. */
static void
worker_func (gpointer data,
             gpointer user_data)
{
  GTask *task = data;
  JugglerPoolExecutor *self = user_data;
  JugglerRunJob *job = g_task_get_task_data (task);
  g_autoptr(GMainContext) context = g_main_context_ref (juggler_run_get_context (self->parent.run));

  if (self->nice)
    lower_thread_priority ();

  /* A switch left this job queued here: it goes back to the run untouched, unstarted. */
  if (job->started || !juggler_executor_is_retired (&self->parent))
    compute (self, job);

  /* From here on the run and the executor may be gone. */
  g_async_queue_push (self->finished, task);
  g_main_context_wakeup (context);
}

typedef struct
{
  GSource      source;
  GAsyncQueue *finished;
} ReturnsSource;

static gboolean
returns_prepare (GSource *source,
                 gint    *timeout)
{
  *timeout = -1;
  return g_async_queue_length (((ReturnsSource *) source)->finished) > 0;
}

static gboolean
returns_check (GSource *source)
{
  return g_async_queue_length (((ReturnsSource *) source)->finished) > 0;
}

static gboolean
returns_dispatch (GSource     *source,
                  GSourceFunc  callback,
                  gpointer     user_data)
{
  GAsyncQueue *finished = g_async_queue_ref (((ReturnsSource *) source)->finished);
  GTask *task;

  /* Each callback may drop the executor's last reference, and with it this source. */
  while ((task = g_async_queue_try_pop (finished)) != NULL)
    {
      JugglerRunJob *job = g_task_get_task_data (task);

      g_task_return_boolean (task, job->started);
      g_object_unref (task);
    }
  g_async_queue_unref (finished);

  return G_SOURCE_CONTINUE;
}

static void
returns_finalize (GSource *source)
{
  g_async_queue_unref (((ReturnsSource *) source)->finished);
}

static GSourceFuncs returns_funcs = {
  .prepare = returns_prepare,
  .check = returns_check,
  .dispatch = returns_dispatch,
  .finalize = returns_finalize,
};

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
  g_source_destroy (self->returns);
  g_source_unref (self->returns);
  g_async_queue_unref (self->finished);
  g_free (self);
}

static const JugglerExecutorClass pool_executor_class = {
  .pump = juggler_pool_executor_pump,
  .free = juggler_pool_executor_free,
};

JugglerExecutor *
juggler_pool_executor_new (JugglerRun        *run,
                           guint              n_workers,
                           gboolean           nice,
                           JugglerGlobalLock *lock)
{
  JugglerPoolExecutor *self = g_new0 (JugglerPoolExecutor, 1);

  self->parent.klass = &pool_executor_class;
  self->n_workers = n_workers;
  self->nice = nice;
  self->lock = lock;
  self->finished = g_async_queue_new ();
  self->returns = g_source_new (&returns_funcs, sizeof (ReturnsSource));
  ((ReturnsSource *) self->returns)->finished = g_async_queue_ref (self->finished);
  /* Below GTK's redraw: a flood of results must not starve painting. */
  g_source_set_priority (self->returns, G_PRIORITY_DEFAULT_IDLE);
  g_source_set_static_name (self->returns, "[juggler] finished tiles");
  g_source_attach (self->returns, juggler_run_get_context (run));
  /* Exclusive: exactly these N threads, never shared with GIO or other pools. */
  self->pool = g_thread_pool_new (worker_func, self, n_workers, TRUE, NULL);

  return &self->parent;
}
