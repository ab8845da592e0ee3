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
 * (g_main_context_wakeup()), and the tasks return on the main thread. The GTask is only an
 * envelope for that: its callback is the job's completion, it runs nothing itself.
 */
#define G_LOG_DOMAIN "juggler-pool-executor"

#include "config.h"

#include <errno.h>
#include <sched.h>
#include <sys/resource.h>
#include <unistd.h>

#include "juggler-executor-private.h"

typedef struct
{
  JugglerExecutor    parent;

  guint              n_workers;
  gboolean           nice;
  JugglerGlobalLock *lock;         /* NULL: plain threads */
  GThreadPool       *pool;
  GAsyncQueue       *finished;     /* GTask, pushed by the workers */
  GSource           *returns;      /* returns the finished jobs on the main thread */
  guint              n_in_flight;
} JugglerPoolExecutor;

/* A job on its way through the pool: the data of its GTask. */
typedef struct
{
  JugglerJob *job;
  GThread    *thread;     /* the pool thread that ran it, alive as long as the pool */
} PoolTask;

#define YIELD_INTERVAL_US 1000

/* Lowering a thread's priority once is enough: a thread that GLib hands on to a later pool
 * keeps it, and only pools at low priority get such threads (see
 * juggler_pool_executor_new()). */
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
         JugglerJob          *job)
{
  JugglerExecutor *executor = &self->parent;
  gboolean finished;

  if (self->lock == NULL)
    {
      /* A woken UI thread should get a core at once, but with every core busy some kernels
       * let it wait for the next scheduler tick, up to 4 ms (seen on Linux 6.18, nice 19
       * or not). Offering the core every millisecond caps that wait. */
      while (!juggler_executor_step_job (executor, job,
                                         g_get_monotonic_time () + YIELD_INTERVAL_US))
        sched_yield ();
      return;
    }

  do
    {
      JugglerTrace *trace = executor->env.trace;
      gint64 wait_us = 0, held_us = 0;

      if (trace != NULL)
        {
          wait_us = g_get_monotonic_time ();
          juggler_trace_lock_wait_begin (trace, wait_us);
        }
      juggler_global_lock_acquire (self->lock);
      if (trace != NULL)
        held_us = g_get_monotonic_time ();
      finished = juggler_executor_step_job (executor, job, g_get_monotonic_time () +
                                                           JUGGLER_GLOBAL_LOCK_SWITCH_INTERVAL_US);
      if (trace != NULL)
        {
          juggler_trace_lock_wait (trace, wait_us, held_us);
          juggler_trace_lock_hold (trace, held_us, g_get_monotonic_time ());
        }
      juggler_global_lock_yield (self->lock);
    }
  while (!finished);
}

/* Runs in a pool thread. */
static void
worker_func (gpointer data,
             gpointer user_data)
{
  GTask *gtask = data;
  PoolTask *task = g_task_get_task_data (gtask);
  JugglerPoolExecutor *self = user_data;
  g_autoptr(GMainContext) context = g_main_context_ref (self->parent.env.context);

  if (self->nice)
    lower_thread_priority ();

  /* A switch left this job queued here: it goes back to the queue untouched, unstarted. */
  if (task->job->started || !juggler_executor_is_retired (&self->parent))
    compute (self, task->job);
  task->thread = g_thread_self ();

  /* From here on the executor may be gone. */
  g_async_queue_push (self->finished, gtask);
  g_main_context_wakeup (context);
}

/* On the loop: the task's callback settles its job. */
static void
return_task (gpointer item)
{
  GTask *task = item;

  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static void
job_returned_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(JugglerExecutor) executor = user_data;
  JugglerPoolExecutor *self = (JugglerPoolExecutor *) executor;
  PoolTask *task = g_task_get_task_data (G_TASK (result));

  self->n_in_flight--;

  juggler_job_queue_settle_from (executor->env.queue, task->job, task->thread);
}

static void
juggler_pool_executor_pump (JugglerExecutor *executor)
{
  JugglerPoolExecutor *self = (JugglerPoolExecutor *) executor;
  JugglerJob *job;

  /* Two jobs per thread keep every thread busy while results travel to the main loop. */
  while (self->n_in_flight < 2 * self->n_workers &&
         (job = juggler_executor_take_job (executor)) != NULL)
    {
      g_autoptr(GTask) task = g_task_new (NULL, NULL, job_returned_cb,
                                          juggler_executor_ref (executor));
      PoolTask *data = g_new0 (PoolTask, 1);

      data->job = job;
      g_task_set_source_tag (task, juggler_pool_executor_pump);
      g_task_set_name (task, "[juggler] tile");
      g_task_set_priority (task, G_PRIORITY_DEFAULT_IDLE);
      g_task_set_task_data (task, data, g_free);
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

static const JugglerExecutorVTable pool_executor_vtable = {
  .pump = juggler_pool_executor_pump,
  .free = juggler_pool_executor_free,
};

JugglerExecutor *
juggler_pool_executor_new (const JugglerExecutorEnv        *env,
                           const JugglerPoolExecutorConfig *config)
{
  JugglerPoolExecutor *self = g_new0 (JugglerPoolExecutor, 1);

  g_assert (config->n_workers >= 1);
  g_assert (!config->global_lock || env->lock != NULL);

  juggler_executor_init (&self->parent, &pool_executor_vtable, env);
  self->n_workers = config->n_workers;
  self->nice = config->nice;
  self->lock = config->global_lock ? env->lock : NULL;
  self->finished = g_async_queue_new ();
  self->returns = juggler_executor_returns_source_new (self->finished, return_task, env->trace,
                                                       "[juggler] finished tiles");
  g_source_attach (self->returns, env->context);
  /* GLib hands the idle threads of freed pools to the next pool that starts, but a thread
   * at nice 19 cannot get its priority back without privileges: a run without nice would
   * compute at nice 19. So such a pool lets the idle threads go and starts its own.
   * (Keeping no idle threads at all, with g_thread_pool_set_max_unused_threads (0), made
   * GTK 4.8's accessibility code crash in the a11y test.) */
  if (!config->nice)
    g_thread_pool_stop_unused_threads ();
  /* Exclusive: exactly these N threads, never shared with GIO or other pools. */
  self->pool = g_thread_pool_new (worker_func, self, config->n_workers, TRUE, NULL);

  return &self->parent;
}
