/* juggler-thread-executor.c: a new thread for every job (g_thread_new), joined when the
 * job is done
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a thread costs shows here: its creation, its stack and the scheduler's work, once
 * per tile or request. Up to JUGGLER_MAX_CONCURRENCY threads live at once, so 1000
 * requests get 1000 threads.
 *
 * The threads are started and joined by a spawner thread of the executor's own, not on the
 * loop. Started from the loop, 1000 threads held it for about 100 ms (clone, and an 8 MB
 * stack mapped for each), and every join of a thread whose stack glibc does not keep
 * unmaps one. Each new thread also ran at its creator's priority until it lowered its own:
 * at nice 0, beside the UI thread. The spawner lowers its own priority first when the run
 * is nice, so every job thread is born low and all of that work runs there.
 */
#define G_LOG_DOMAIN "juggler-thread-executor"

#include "config.h"

#include <errno.h>
#include <sched.h>
#include <sys/resource.h>
#include <unistd.h>

#include "juggler-executor-private.h"

#define YIELD_INTERVAL_US 1000

/* What the spawner shares with its executor: the executor may be gone before the spawner
 * has read its last message, so the spawner holds references of its own. */
typedef struct
{
  gboolean      nice;
  GAsyncQueue  *requests;    /* ThreadJob to start, GThread to join, or &stop */
  GHashTable   *started;     /* GThread: started here, not yet asked to be joined */
  GQueue        exited;      /* GThread: done, or nearly, to be joined */
} Spawner;

typedef struct
{
  JugglerExecutor  parent;

  guint            max_threads;
  guint            n_in_flight;
  GAsyncQueue     *requests;
  GAsyncQueue     *finished;
  GSource         *returns;    /* hands the finished jobs back on the loop */
  gboolean         no_spawner; /* none could start: jobs run on the loop */
  gboolean         pumping;
} JugglerThreadExecutor;

typedef struct
{
  JugglerThreadExecutor *self;      /* a reference, through its parent */
  JugglerJob            *job;
  GThread               *thread;    /* a reference; NULL when the spawner ran it */
} ThreadJob;

/* The last message a spawner reads. */
static char stop;

/* Any thread. */
static void
return_job (ThreadJob *thread_job)
{
  g_autoptr(GMainContext) context = g_main_context_ref (thread_job->self->parent.env.context);

  g_async_queue_push (thread_job->self->finished, thread_job);
  /* From here on the executor may be gone. Woken without the context's lock: the loop
   * must not wait for this thread, which may be preempted (see juggler-pool-executor.c). */
  g_main_context_wakeup (context);
}

/* Runs in the job's own thread. */
static gpointer
job_thread_func (gpointer user_data)
{
  ThreadJob *thread_job = user_data;

  while (!juggler_executor_step_job (&thread_job->self->parent, thread_job->job,
                                     g_get_monotonic_time () + YIELD_INTERVAL_US))
    sched_yield ();

  /* The join first, so that it reaches the spawner before the executor can tell it to
   * stop; the job goes back to the loop directly, not after a join that may wait. */
  thread_job->thread = g_thread_ref (g_thread_self ());
  g_async_queue_push (thread_job->self->requests, thread_job->thread);
  return_job (thread_job);

  return NULL;
}

/* Runs in the spawner thread. */
static void
start_job_thread (Spawner   *spawner,
                  ThreadJob *thread_job)
{
  g_autoptr(GError) error = NULL;
  GThread *thread = g_thread_try_new ("juggler-job", job_thread_func, thread_job, &error);

  if (thread != NULL)
    {
      g_hash_table_add (spawner->started, thread);
      return;
    }

  /* Out of threads (a process or memory limit): rather than stall the run, this job runs
   * here, holding up the jobs behind it, and says so. */
  g_warning ("Could not start a thread for a job, running it on the spawner's: %s",
             error->message);
  while (!juggler_executor_step_job (&thread_job->self->parent, thread_job->job, G_MAXINT64))
    ;
  return_job (thread_job);
}

static gpointer
spawner_thread_func (gpointer user_data)
{
  Spawner *spawner = user_data;
  gpointer message;

  /* Our own thread: lowering its priority is allowed, unprivileged and inside Flatpak, and
   * the threads it starts inherit it. Nice 19 is not enough for hundreds of threads at
   * once: each weighs 1/68 of a thread at nice 0, so 68 of them computing weigh as much as
   * the UI thread, and with 300 to 700 alive the scheduler let the UI thread wait 27 ms
   * while they ran. SCHED_IDLE weighs a fifth of nice 19, and any thread at a normal
   * policy that wakes takes the core from it at once. */
  if (spawner->nice)
    {
      struct sched_param param = { 0 };

      if (setpriority (PRIO_PROCESS, gettid (), 19) != 0)
        g_debug ("Could not lower the priority of a job spawner: %s", g_strerror (errno));
      if (sched_setscheduler (0, SCHED_IDLE, &param) != 0)
        g_debug ("Could not give a job spawner the idle policy: %s", g_strerror (errno));
    }

  /* Starting threads goes first: a join waits for a thread's exit, which may be preempted,
   * so threads are joined only while no job waits for one. */
  for (;;)
    {
      message = g_queue_is_empty (&spawner->exited) ? g_async_queue_pop (spawner->requests)
                                                    : g_async_queue_try_pop (spawner->requests);
      if (message == NULL)
        g_thread_join (g_queue_pop_head (&spawner->exited));
      else if (message == &stop)
        break;
      else if (g_hash_table_steal (spawner->started, message))
        g_queue_push_tail (&spawner->exited, message);
      else
        start_job_thread (spawner, message);
    }

  /* Every thread asked to be joined before the executor sent the stop. */
  g_assert (g_hash_table_size (spawner->started) == 0);
  while (!g_queue_is_empty (&spawner->exited))
    g_thread_join (g_queue_pop_head (&spawner->exited));

  g_hash_table_unref (spawner->started);
  g_async_queue_unref (spawner->requests);
  g_free (spawner);

  return NULL;
}

/* On the loop. */
static void
job_returned (gpointer item)
{
  ThreadJob *thread_job = item;
  JugglerThreadExecutor *self = thread_job->self;
  g_autoptr(JugglerExecutor) executor = &self->parent;
  JugglerJob *job = thread_job->job;

  if (thread_job->thread != NULL)
    {
      /* Numbered before letting go of the thread; the queue keeps it referenced. */
      if (job->done)
        job->worker = juggler_job_queue_number_thread (executor->env.queue, thread_job->thread);
      g_thread_unref (thread_job->thread);
    }
  g_free (thread_job);

  self->n_in_flight--;
  juggler_job_queue_finish (executor->env.queue, job);
}

static void
juggler_thread_executor_pump (JugglerExecutor *executor)
{
  JugglerThreadExecutor *self = (JugglerThreadExecutor *) executor;
  JugglerJob *job;

  if (self->no_spawner)
    {
      /* Finishing a job below pumps again: the outer loop carries on instead. */
      if (self->pumping)
        return;
      self->pumping = TRUE;
      while ((job = juggler_executor_take_job (executor)) != NULL)
        {
          while (!juggler_executor_step_job (executor, job, G_MAXINT64))
            ;
          juggler_job_queue_finish (executor->env.queue, job);
        }
      self->pumping = FALSE;
      return;
    }

  while (self->n_in_flight < self->max_threads &&
         (job = juggler_executor_take_job (executor)) != NULL)
    {
      ThreadJob *thread_job = g_new0 (ThreadJob, 1);

      thread_job->self = (JugglerThreadExecutor *) juggler_executor_ref (executor);
      thread_job->job = job;
      /* Started here, so that a switch cannot hand it back while its thread starts. */
      job->started = TRUE;
      self->n_in_flight++;
      g_async_queue_push (self->requests, thread_job);
    }
}

static void
juggler_thread_executor_free (JugglerExecutor *executor)
{
  JugglerThreadExecutor *self = (JugglerThreadExecutor *) executor;

  /* Every job is back, so every thread has asked the spawner to join it: told to stop, it
   * joins what is left and ends. It is not waited for, as it may be slow to wake. */
  g_assert (self->n_in_flight == 0);
  if (!self->no_spawner)
    g_async_queue_push (self->requests, &stop);

  g_source_destroy (self->returns);
  g_source_unref (self->returns);
  g_async_queue_unref (self->requests);
  g_async_queue_unref (self->finished);
  g_free (self);
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
  Spawner *spawner = g_new0 (Spawner, 1);
  g_autoptr(GError) error = NULL;
  GThread *thread;

  juggler_executor_init (&self->parent, &thread_executor_vtable, env);
  self->max_threads = MAX (config->max_threads, 1);
  self->requests = g_async_queue_new ();
  self->finished = g_async_queue_new ();
  self->returns = juggler_executor_returns_source_new (self->finished, job_returned, NULL,
                                                       "[juggler] finished job threads");
  g_source_attach (self->returns, env->context);

  spawner->nice = config->nice;
  spawner->requests = g_async_queue_ref (self->requests);
  spawner->started = g_hash_table_new (NULL, NULL);
  g_queue_init (&spawner->exited);
  /* Not joined: it ends on its own once told to stop (see juggler_thread_executor_free()). */
  thread = g_thread_try_new ("juggler-spawner", spawner_thread_func, spawner, &error);
  if (thread != NULL)
    {
      g_thread_unref (thread);
    }
  else
    {
      /* Out of threads already: no job thread could start either. */
      g_warning ("Could not start a thread for the jobs' threads, running the jobs on the "
                 "loop: %s", error->message);
      self->no_spawner = TRUE;
      g_async_queue_unref (spawner->requests);
      g_hash_table_unref (spawner->started);
      g_free (spawner);
    }

  return &self->parent;
}
