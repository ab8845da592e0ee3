/* juggler-run.c: a workload executed under a strategy that can change mid-run
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-run"

#include "config.h"

#include "juggler-run.h"

#include <sys/resource.h>
#include <time.h>

#include "juggler-executor.h"
#include "juggler-latency-probe.h"

/* Per-event progress may queue this many callbacks; beyond it events are counted, not sent. */
#define MAX_PENDING_EVENTS 4096
#define PROBE_INTERVAL_MS 10

struct _JugglerRun
{
  GObject              parent_instance;

  JugglerWorkload     *workload;
  JugglerStrategy      strategy;
  guint                n_workers;
  guint                concurrency;
  gboolean             tune_connections;
  gboolean             nice;
  JugglerProgressMode  progress_mode;
  guint                switch_every_ms;

  /* Set while running, on the context that runs it. */
  GTask               *task;
  GMainContext        *context;
  GThread             *main_thread;
  GCancellable        *cancellable;
  GSource             *cancel_source;
  JugglerExecutor     *executor;
  JugglerGlobalLock   *lock;
  JugglerLatencyProbe *probe;
  guint                n_jobs;
  guint                next_job;
  GQueue               returned_jobs;
  guint                n_in_flight;
  guint                n_completed;
  GHashTable          *workers;       /* GThread * → worker number */
  guint                n_worker_threads;
  GPtrArray           *strategies;
  gint64               start_us;
  gint64               last_switch_us;
  struct rusage        start_usage;

  /* Bumped by whichever thread steps a job. */
  int                  jobs_done;
  gsize                steps_done;
  gsize                job_cpu_ns;
  int                  pending_events;
  gsize                events_dropped;

  /* Per-event progress, counted on the main thread as the events arrive. */
  guint                event_jobs;
  guint64              event_steps;
  guint64              events_delivered;
};

enum {
  PROP_0,
  PROP_STRATEGY,
  N_PROPS
};

enum {
  JOB_DONE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (JugglerRun, juggler_run, G_TYPE_OBJECT)

static gint64
thread_cpu_time_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_GINT64_CONSTANT (1000000000) + ts.tv_nsec;
}

static double
timeval_seconds (const struct timeval *tv)
{
  return tv->tv_sec + tv->tv_usec / 1e6;
}

static JugglerReport *
build_report (JugglerRun *self)
{
  JugglerReport *report = juggler_report_new ();
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);

  report->workload = g_strdup (juggler_workload_get_name (self->workload));
  report->strategy = g_strdup (g_ptr_array_index (self->strategies, 0));
  for (guint i = 0; i < self->strategies->len; i++)
    g_ptr_array_add (report->strategies, g_strdup (g_ptr_array_index (self->strategies, i)));
  report->progress_mode = g_strdup (juggler_progress_mode_to_string (self->progress_mode));
  report->nice = self->nice;
  report->workers = self->n_workers;
  report->jobs = self->n_jobs;
  report->completed = self->n_completed;
  report->cancelled = g_cancellable_is_cancelled (self->cancellable);
  report->switches = self->strategies->len - 1;
  report->wall_s = (g_get_monotonic_time () - self->start_us) / 1e6;
  report->cpu_s = timeval_seconds (&usage.ru_utime) + timeval_seconds (&usage.ru_stime) -
                  timeval_seconds (&self->start_usage.ru_utime) -
                  timeval_seconds (&self->start_usage.ru_stime);
  report->job_cpu_s = self->job_cpu_ns / 1e9;
  report->throughput_jobs_s = report->wall_s > 0 ? self->n_completed / report->wall_s : 0;
  juggler_latency_probe_summarize (self->probe, self->start_us, &report->loop_latency_ms);
  report->threads_used = g_hash_table_size (self->workers);
  report->ctx_voluntary = usage.ru_nvcsw - self->start_usage.ru_nvcsw;
  report->ctx_involuntary = usage.ru_nivcsw - self->start_usage.ru_nivcsw;
  report->peak_rss_kb = usage.ru_maxrss;
  report->concurrency = self->concurrency;
  report->tuned_connections = self->tune_connections;
  juggler_workload_fill_report (self->workload, report);
  report->progress_events = self->events_delivered;
  report->progress_events_dropped = self->events_dropped;

  return report;
}

static void
job_free (JugglerRun    *self,
          JugglerRunJob *job)
{
  juggler_workload_job_free (self->workload, job->job);
  g_free (job);
}

typedef struct
{
  JugglerWorkload *workload;
  JugglerReport   *report;
} DigestData;

static void
compute_digest_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  DigestData *data = task_data;

  data->report->digest = juggler_workload_dup_digest (data->workload);
  /* Let go here: a GTask can outlive its callback in the pool thread for a moment. */
  g_clear_object (&data->workload);
  g_task_return_boolean (task, TRUE);
}

static void
digest_computed_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DigestData *data = g_task_get_task_data (G_TASK (result));

  g_task_return_pointer (task, g_steal_pointer (&data->report),
                         (GDestroyNotify) juggler_report_free);
}

static void
finish (JugglerRun *self)
{
  g_autoptr(JugglerRun) guard = g_object_ref (self);
  g_autoptr(GTask) task = g_steal_pointer (&self->task);
  g_autoptr(GTask) digest_task = NULL;
  DigestData *data;
  JugglerRunJob *job;

  /* A cancelled run can end with unstarted jobs that a retired executor handed back. */
  while ((job = g_queue_pop_head (&self->returned_jobs)) != NULL)
    job_free (self, job);

  juggler_latency_probe_stop (self->probe);
  g_source_destroy (self->cancel_source);
  g_clear_pointer (&self->cancel_source, g_source_unref);
  juggler_executor_retire (self->executor);
  g_clear_pointer (&self->executor, juggler_executor_unref);

  /* Dropped events carried progress too: with none pending, per-event counts end exact. */
  self->event_jobs = g_atomic_int_get (&self->jobs_done);
  self->event_steps = g_atomic_pointer_get (&self->steps_done);

  /* Hashing a large image takes a frame or more: not on the UI thread. The workload
   * is no longer written to, so a thread may read it. */
  data = g_new0 (DigestData, 1);
  data->workload = g_object_ref (self->workload);
  data->report = build_report (self);
  digest_task = g_task_new (NULL, NULL, digest_computed_cb, g_steal_pointer (&task));
  g_task_set_source_tag (digest_task, finish);
  g_task_set_task_data (digest_task, data, g_free);
  g_task_run_in_thread (digest_task, compute_digest_thread);
}

static void
maybe_finish (JugglerRun *self)
{
  gboolean jobs_left = self->next_job < self->n_jobs || !g_queue_is_empty (&self->returned_jobs);

  if (self->task == NULL || self->n_in_flight > 0 || g_atomic_int_get (&self->pending_events) > 0)
    return;

  if (!jobs_left || g_cancellable_is_cancelled (self->cancellable))
    finish (self);
}

static gboolean
cancelled_cb (GCancellable *cancellable,
              gpointer      user_data)
{
  maybe_finish (user_data);

  return G_SOURCE_CONTINUE;
}

static void
event_delivered (JugglerRun *self)
{
  self->events_delivered++;
  if (g_atomic_int_dec_and_test (&self->pending_events))
    maybe_finish (self);
}

static gboolean
step_event_cb (gpointer user_data)
{
  JugglerRun *self = user_data;

  self->event_steps++;
  event_delivered (self);

  return G_SOURCE_REMOVE;
}

static gboolean
job_event_cb (gpointer user_data)
{
  JugglerRun *self = user_data;

  self->event_jobs++;
  event_delivered (self);

  return G_SOURCE_REMOVE;
}

/* Any thread. The run stays alive until every posted event has arrived (see maybe_finish). */
static void
post_event (JugglerRun  *self,
            GSourceFunc  event_cb)
{
  if (g_atomic_int_add (&self->pending_events, 1) >= MAX_PENDING_EVENTS)
    {
      g_atomic_int_add (&self->pending_events, -1);
      g_atomic_pointer_add (&self->events_dropped, 1);
      return;
    }

  /* Not g_main_context_invoke() from a worker: when the run's context is the global default,
   * a worker thread may acquire it between two iterations and run the callback itself. */
  if (g_thread_self () == self->main_thread)
    {
      g_main_context_invoke (self->context, event_cb, self);
    }
  else
    {
      g_autoptr(GSource) source = g_idle_source_new ();

      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_set_callback (source, event_cb, self, NULL);
      g_source_set_static_name (source, "[juggler] progress event");
      g_source_attach (source, self->context);
    }
}

JugglerRunJob *
juggler_run_take_job (JugglerRun *self)
{
  JugglerRunJob *job;

  if (self->task == NULL || g_cancellable_is_cancelled (self->cancellable))
    return NULL;

  job = g_queue_pop_head (&self->returned_jobs);
  if (job == NULL && self->next_job < self->n_jobs)
    {
      job = g_new0 (JugglerRunJob, 1);
      job->index = self->next_job++;
      job->job = juggler_workload_job_new (self->workload, job->index);
    }

  if (job != NULL)
    self->n_in_flight++;

  return job;
}

void
juggler_run_account_steps (JugglerRun    *self,
                           JugglerRunJob *job,
                           guint          n_steps,
                           gboolean       done)
{
  g_atomic_pointer_add (&self->steps_done, n_steps);
  if (done)
    {
      job->done = TRUE;
      g_atomic_int_inc (&self->jobs_done);
    }

  if (self->progress_mode == JUGGLER_PROGRESS_PER_EVENT)
    {
      for (guint i = 0; i < n_steps; i++)
        post_event (self, step_event_cb);
      if (done)
        post_event (self, job_event_cb);
    }
}

void
juggler_run_start_job (JugglerRun    *self,
                       JugglerRunJob *job)
{
  job->started = TRUE;
  job->thread = g_thread_self ();
}

gboolean
juggler_run_step_job (JugglerRun    *self,
                      JugglerRunJob *job,
                      gint64         deadline_us)
{
  gint64 cpu_start;
  guint n_steps = 0;
  gboolean done;

  if (g_cancellable_is_cancelled (self->cancellable))
    return TRUE;

  juggler_run_start_job (self, job);

  cpu_start = thread_cpu_time_ns ();
  done = juggler_workload_job_step (self->workload, job->job, deadline_us, self->cancellable,
                                    &n_steps);
  g_atomic_pointer_add (&self->job_cpu_ns, thread_cpu_time_ns () - cpu_start);
  juggler_run_account_steps (self, job, n_steps, done);

  return done || g_cancellable_is_cancelled (self->cancellable);
}

void
juggler_run_return_job (JugglerRun    *self,
                        JugglerRunJob *job)
{
  g_assert (!job->started);

  self->n_in_flight--;
  g_queue_push_head (&self->returned_jobs, job);
  if (self->executor != NULL)
    juggler_executor_pump (self->executor);
  maybe_finish (self);
}

static guint
worker_number (JugglerRun *self,
               GThread    *thread)
{
  gpointer number;

  /* The UI thread is 0; worker threads count from 1 in the order they deliver. */
  if (!g_hash_table_lookup_extended (self->workers, thread, NULL, &number))
    {
      number = GUINT_TO_POINTER (thread == self->main_thread ? 0 : ++self->n_worker_threads);
      g_hash_table_insert (self->workers, thread, number);
    }

  return GPOINTER_TO_UINT (number);
}

/* The next strategy in enum order that serves this workload. */
static JugglerStrategy
next_strategy (JugglerRun *self)
{
  JugglerWorkloadKind kind = juggler_workload_get_kind (self->workload);
  JugglerStrategy strategy = self->strategy;

  do
    strategy = (strategy + 1) % JUGGLER_N_STRATEGIES;
  while (!juggler_strategy_supports (strategy, kind));

  return strategy;
}

void
juggler_run_finish_job (JugglerRun    *self,
                        JugglerRunJob *job)
{
  g_autoptr(JugglerRun) guard = g_object_ref (self);

  self->n_in_flight--;

  if (job->done)
    {
      guint worker = worker_number (self, job->thread);

      juggler_workload_job_merge (self->workload, job->job);
      self->n_completed++;
      g_signal_emit (self, signals[JOB_DONE], 0, job->index, worker);
    }
  job_free (self, job);

  if (self->switch_every_ms > 0 && self->task != NULL &&
      g_get_monotonic_time () - self->last_switch_us >= self->switch_every_ms * 1000)
    juggler_run_switch_strategy (self, next_strategy (self));

  if (self->executor != NULL)
    juggler_executor_pump (self->executor);
  maybe_finish (self);
}

GMainContext *
juggler_run_get_context (JugglerRun *self)
{
  return self->context;
}

GCancellable *
juggler_run_get_cancellable (JugglerRun *self)
{
  return self->cancellable;
}

JugglerGlobalLock *
juggler_run_get_global_lock (JugglerRun *self)
{
  return self->lock;
}

static void
juggler_run_dispose (GObject *object)
{
  JugglerRun *self = (JugglerRun *) object;

  g_assert (self->task == NULL);

  g_clear_object (&self->probe);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->lock, juggler_global_lock_free);
  g_clear_pointer (&self->workers, g_hash_table_unref);
  g_clear_pointer (&self->strategies, g_ptr_array_unref);
  g_clear_object (&self->workload);

  G_OBJECT_CLASS (juggler_run_parent_class)->dispose (object);
}

static void
juggler_run_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  JugglerRun *self = JUGGLER_RUN (object);

  switch (prop_id)
    {
    case PROP_STRATEGY:
      g_value_set_uint (value, self->strategy);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
juggler_run_class_init (JugglerRunClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = juggler_run_dispose;
  object_class->get_property = juggler_run_get_property;

  properties[PROP_STRATEGY] =
    g_param_spec_uint ("strategy", NULL, NULL, 0, JUGGLER_N_STRATEGIES - 1, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[JOB_DONE] =
    g_signal_new ("job-done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
}

static void
juggler_run_init (JugglerRun *self)
{
  self->n_workers = 1;
  self->concurrency = 1;
  self->tune_connections = TRUE;
  self->nice = TRUE;
  self->workers = g_hash_table_new (NULL, NULL);
  self->strategies = g_ptr_array_new ();
  self->probe = juggler_latency_probe_new (PROBE_INTERVAL_MS);
  g_queue_init (&self->returned_jobs);
}

JugglerRun *
juggler_run_new (JugglerWorkload *workload,
                 JugglerStrategy  strategy,
                 guint            n_workers)
{
  JugglerRun *self;

  g_return_val_if_fail (JUGGLER_IS_WORKLOAD (workload), NULL);
  g_return_val_if_fail (strategy < JUGGLER_N_STRATEGIES, NULL);
  g_return_val_if_fail (juggler_strategy_supports (strategy, juggler_workload_get_kind (workload)),
                        NULL);
  g_return_val_if_fail (n_workers >= 1 && n_workers <= JUGGLER_MAX_WORKERS, NULL);

  self = g_object_new (JUGGLER_TYPE_RUN, NULL);
  self->workload = g_object_ref (workload);
  self->strategy = strategy;
  self->n_workers = n_workers;

  return self;
}

JugglerWorkload *
juggler_run_get_workload (JugglerRun *self)
{
  g_return_val_if_fail (JUGGLER_IS_RUN (self), NULL);

  return self->workload;
}

JugglerStrategy
juggler_run_get_strategy (JugglerRun *self)
{
  g_return_val_if_fail (JUGGLER_IS_RUN (self), 0);

  return self->strategy;
}

guint
juggler_run_get_n_workers (JugglerRun *self)
{
  g_return_val_if_fail (JUGGLER_IS_RUN (self), 0);

  return self->n_workers;
}

/* Takes effect for the executors created after the call: at start or at a switch. */
void
juggler_run_set_n_workers (JugglerRun *self,
                           guint       n_workers)
{
  g_return_if_fail (JUGGLER_IS_RUN (self));
  g_return_if_fail (n_workers >= 1 && n_workers <= JUGGLER_MAX_WORKERS);

  self->n_workers = n_workers;
}

guint
juggler_run_get_concurrency (JugglerRun *self)
{
  g_return_val_if_fail (JUGGLER_IS_RUN (self), 0);

  return self->concurrency;
}

/* Like the worker count, this takes effect for the executors created after the call. */
void
juggler_run_set_concurrency (JugglerRun *self,
                             guint       concurrency)
{
  g_return_if_fail (JUGGLER_IS_RUN (self));
  g_return_if_fail (concurrency >= 1 && concurrency <= JUGGLER_MAX_CONCURRENCY);

  self->concurrency = concurrency;
}

gboolean
juggler_run_get_tune_connections (JugglerRun *self)
{
  g_return_val_if_fail (JUGGLER_IS_RUN (self), FALSE);

  return self->tune_connections;
}

void
juggler_run_set_tune_connections (JugglerRun *self,
                                  gboolean    tune)
{
  g_return_if_fail (JUGGLER_IS_RUN (self));

  self->tune_connections = !!tune;
}

gboolean
juggler_run_get_nice (JugglerRun *self)
{
  g_return_val_if_fail (JUGGLER_IS_RUN (self), FALSE);

  return self->nice;
}

void
juggler_run_set_nice (JugglerRun *self,
                      gboolean    nice)
{
  g_return_if_fail (JUGGLER_IS_RUN (self));
  g_return_if_fail (!juggler_run_is_running (self));

  self->nice = !!nice;
}

void
juggler_run_set_progress_mode (JugglerRun          *self,
                               JugglerProgressMode  mode)
{
  g_return_if_fail (JUGGLER_IS_RUN (self));
  g_return_if_fail (!juggler_run_is_running (self));

  self->progress_mode = mode;
}

void
juggler_run_set_switch_every (JugglerRun *self,
                              guint       interval_ms)
{
  g_return_if_fail (JUGGLER_IS_RUN (self));

  self->switch_every_ms = interval_ms;
}

gboolean
juggler_run_is_running (JugglerRun *self)
{
  g_return_val_if_fail (JUGGLER_IS_RUN (self), FALSE);

  return self->task != NULL;
}

static void
start_executor (JugglerRun *self)
{
  self->executor = juggler_executor_new (self, self->strategy);
  g_ptr_array_add (self->strategies, (gpointer) juggler_strategy_to_string (self->strategy));
  self->last_switch_us = g_get_monotonic_time ();
  juggler_executor_pump (self->executor);
}

void
juggler_run_switch_strategy (JugglerRun      *self,
                             JugglerStrategy  strategy)
{
  g_return_if_fail (JUGGLER_IS_RUN (self));
  g_return_if_fail (strategy < JUGGLER_N_STRATEGIES);
  g_return_if_fail (juggler_strategy_supports (strategy,
                                               juggler_workload_get_kind (self->workload)));

  if (strategy == self->strategy)
    return;

  self->strategy = strategy;

  if (self->task != NULL)
    {
      /* The old executor finishes what it holds and goes away with its last job. */
      juggler_executor_retire (self->executor);
      g_clear_pointer (&self->executor, juggler_executor_unref);
      start_executor (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STRATEGY]);
}

void
juggler_run_sample (JugglerRun      *self,
                    JugglerProgress *progress)
{
  gboolean locked;

  g_return_if_fail (JUGGLER_IS_RUN (self));
  g_return_if_fail (progress != NULL);

  /* Python code in a UI callback would need the GIL just to read shared state. */
  locked = self->task != NULL && self->strategy == JUGGLER_STRATEGY_GLOBAL_LOCK;
  if (locked)
    juggler_global_lock_acquire (self->lock);

  progress->jobs_total = juggler_workload_get_n_jobs (self->workload);
  progress->steps_total = juggler_workload_get_n_steps (self->workload);
  if (self->progress_mode == JUGGLER_PROGRESS_PER_EVENT)
    {
      progress->jobs_done = self->event_jobs;
      progress->steps_done = self->event_steps;
    }
  else
    {
      progress->jobs_done = g_atomic_int_get (&self->jobs_done);
      progress->steps_done = g_atomic_pointer_get (&self->steps_done);
    }
  progress->elapsed_us = self->start_us > 0 ? g_get_monotonic_time () - self->start_us : 0;

  if (locked)
    juggler_global_lock_release (self->lock);
}

void
juggler_run_execute_async (JugglerRun          *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (JUGGLER_IS_RUN (self));
  g_return_if_fail (self->context == NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  self->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (self->task, juggler_run_execute_async);
  /* A cancelled run still completes, with its report saying so. */
  g_task_set_check_cancellable (self->task, FALSE);

  self->context = g_main_context_ref_thread_default ();
  self->main_thread = g_thread_self ();
  self->cancellable = cancellable != NULL ? g_object_ref (cancellable) : g_cancellable_new ();
  self->lock = juggler_global_lock_new ();
  self->n_jobs = juggler_workload_get_n_jobs (self->workload);

  self->cancel_source = g_cancellable_source_new (self->cancellable);
  g_source_set_callback (self->cancel_source, G_SOURCE_FUNC (cancelled_cb), self, NULL);
  g_source_attach (self->cancel_source, self->context);

  getrusage (RUSAGE_SELF, &self->start_usage);
  self->start_us = g_get_monotonic_time ();
  juggler_latency_probe_start (self->probe);

  start_executor (self);
  maybe_finish (self);
}

JugglerReport *
juggler_run_execute_finish (JugglerRun    *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (JUGGLER_IS_RUN (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == juggler_run_execute_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
