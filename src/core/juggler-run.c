/* juggler-run.c: a workload executed under a strategy that can change mid-run
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-run"

#include "config.h"

#include "juggler-run.h"

#include <sys/resource.h>

#include "juggler-enums.h"
#include "juggler-executor-private.h"
#include "juggler-job-queue.h"
#include "juggler-latency-probe.h"
#include "juggler-progress-counter.h"

#define PROBE_INTERVAL_MS 10

struct _JugglerRun
{
  GObject                 parent_instance;

  JugglerWorkload        *workload;
  JugglerStrategy         strategy;
  guint                   n_workers;
  guint                   concurrency;
  gboolean                tune_connections;
  gboolean                nice;
  JugglerProgressMode     progress_mode;
  guint                   switch_every_ms;

  /* Set while running, on the context that runs it. */
  GTask                  *task;
  GMainContext           *context;
  GCancellable           *cancellable;
  GSource                *cancel_source;
  GSource                *switch_source;
  JugglerExecutor        *executor;
  JugglerGlobalLock      *lock;
  JugglerJobQueue        *queue;
  JugglerProgressCounter *counter;
  JugglerLatencyProbe    *probe;
  JugglerTrace           *trace;
  GPtrArray              *strategies;
  gint64                  start_us;
  struct rusage           start_usage;
  double                  start_load_average;
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
  report->jobs = juggler_workload_get_n_jobs (self->workload);
  report->completed = juggler_job_queue_get_n_completed (self->queue);
  report->cancelled = g_cancellable_is_cancelled (self->cancellable);
  report->switches = self->strategies->len - 1;
  report->wall_s = (g_get_monotonic_time () - self->start_us) / 1e6;
  report->cpu_s = timeval_seconds (&usage.ru_utime) + timeval_seconds (&usage.ru_stime) -
                  timeval_seconds (&self->start_usage.ru_utime) -
                  timeval_seconds (&self->start_usage.ru_stime);
  report->job_cpu_s = juggler_progress_counter_get_job_cpu_ns (self->counter) / 1e9;
  report->throughput_jobs_s = report->wall_s > 0 ? report->completed / report->wall_s : 0;
  juggler_latency_probe_summarize (self->probe, self->start_us, &report->loop_latency_ms);
  report->threads_used = juggler_job_queue_get_threads_used (self->queue);
  report->peak_jobs_in_flight = juggler_job_queue_get_peak_in_flight (self->queue);
  report->cores = g_get_num_processors ();
  report->load_average = self->start_load_average;
  report->cores_busy = juggler_report_get_cores_busy (report);
  report->ctx_voluntary = usage.ru_nvcsw - self->start_usage.ru_nvcsw;
  report->ctx_involuntary = usage.ru_nivcsw - self->start_usage.ru_nivcsw;
  report->peak_rss_kb = usage.ru_maxrss;
  report->concurrency = self->concurrency;
  report->tuned_connections = self->tune_connections;
  juggler_workload_fill_report (self->workload, report);
  report->progress_events = juggler_progress_counter_get_delivered (self->counter);
  report->progress_events_dropped = juggler_progress_counter_get_dropped (self->counter);

  return report;
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

  juggler_job_queue_close (self->queue);
  juggler_job_queue_set_settled_func (self->queue, NULL, NULL);
  juggler_progress_counter_set_drained_func (self->counter, NULL, NULL);
  juggler_latency_probe_stop (self->probe);
  if (self->trace != NULL)
    {
      JugglerStrategy first = self->strategy;

      juggler_strategy_from_string (g_ptr_array_index (self->strategies, 0), &first);
      juggler_trace_record (self->trace, JUGGLER_SPAN_RUN, self->start_us,
                            g_get_monotonic_time (), 0, first, 0);
    }
  g_source_destroy (self->cancel_source);
  g_clear_pointer (&self->cancel_source, g_source_unref);
  if (self->switch_source != NULL)
    g_source_destroy (self->switch_source);
  g_clear_pointer (&self->switch_source, g_source_unref);
  juggler_executor_retire (self->executor);
  g_clear_pointer (&self->executor, juggler_executor_unref);
  juggler_progress_counter_settle (self->counter);

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
  if (self->task == NULL || juggler_job_queue_get_n_in_flight (self->queue) > 0 ||
      juggler_progress_counter_has_pending (self->counter))
    return;

  if (!juggler_job_queue_has_jobs_left (self->queue) ||
      g_cancellable_is_cancelled (self->cancellable))
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
progress_drained_cb (gpointer user_data)
{
  maybe_finish (user_data);
}

/* A job left the executors: the current one may take more, or the run may be over. */
static void
job_settled_cb (JugglerJobQueue  *queue,
                const JugglerJob *job,
                gpointer          user_data)
{
  JugglerRun *self = user_data;
  g_autoptr(JugglerRun) guard = g_object_ref (self);

  if (job != NULL && job->done)
    g_signal_emit (self, signals[JOB_DONE], 0, job->index, job->worker);

  if (self->executor != NULL)
    juggler_executor_pump (self->executor);
  maybe_finish (self);
}

static gboolean
switch_timeout_cb (gpointer user_data)
{
  JugglerRun *self = user_data;
  JugglerWorkloadKind kind = juggler_workload_get_kind (self->workload);

  juggler_run_switch_strategy (self, juggler_strategy_next (self->strategy, kind));

  return G_SOURCE_CONTINUE;
}

/* The rotation runs on the clock, not at job completions: a strategy that blocks the
 * main loop keeps it until the loop is free again, as it would keep a user's click. */
static void
update_switch_timer (JugglerRun *self)
{
  if (self->switch_source != NULL)
    g_source_destroy (self->switch_source);
  g_clear_pointer (&self->switch_source, g_source_unref);

  if (self->task == NULL || self->switch_every_ms == 0)
    return;

  self->switch_source = g_timeout_source_new (self->switch_every_ms);
  g_source_set_callback (self->switch_source, switch_timeout_cb, self, NULL);
  g_source_set_static_name (self->switch_source, "[juggler] switch every");
  g_source_attach (self->switch_source, self->context);
}

static void
juggler_run_dispose (GObject *object)
{
  JugglerRun *self = (JugglerRun *) object;

  g_assert (self->task == NULL);

  g_clear_object (&self->probe);
  g_clear_pointer (&self->trace, juggler_trace_unref);
  g_clear_pointer (&self->queue, juggler_job_queue_unref);
  g_clear_pointer (&self->counter, juggler_progress_counter_unref);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->lock, juggler_global_lock_free);
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
      g_value_set_enum (value, self->strategy);
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
    g_param_spec_enum ("strategy", NULL, NULL, JUGGLER_TYPE_STRATEGY, JUGGLER_STRATEGY_THREADS,
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
  self->strategies = g_ptr_array_new ();
  self->probe = juggler_latency_probe_new (PROBE_INTERVAL_MS);
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

/* While running, the rotation restarts its clock from the call. */
void
juggler_run_set_switch_every (JugglerRun *self,
                              guint       interval_ms)
{
  g_return_if_fail (JUGGLER_IS_RUN (self));

  self->switch_every_ms = interval_ms;
  update_switch_timer (self);
}

void
juggler_run_set_trace (JugglerRun   *self,
                       JugglerTrace *trace)
{
  g_return_if_fail (JUGGLER_IS_RUN (self));
  g_return_if_fail (self->task == NULL);

  if (trace == self->trace)
    return;

  g_clear_pointer (&self->trace, juggler_trace_unref);
  self->trace = trace != NULL ? juggler_trace_ref (trace) : NULL;
  juggler_latency_probe_set_trace (self->probe, trace);
}

JugglerTrace *
juggler_run_get_trace (JugglerRun *self)
{
  g_return_val_if_fail (JUGGLER_IS_RUN (self), NULL);

  return self->trace;
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
  JugglerExecutorEnv env = {
    .context = self->context,
    .cancellable = self->cancellable,
    .workload = self->workload,
    .queue = self->queue,
    .counter = self->counter,
    .lock = self->lock,
    .trace = self->trace,
  };
  JugglerExecutorSettings settings = {
    .n_workers = self->n_workers,
    .nice = self->nice,
    .concurrency = self->concurrency,
    .tune_connections = self->tune_connections,
  };

  self->executor = juggler_executor_new (self->strategy, &env, &settings);
  g_ptr_array_add (self->strategies, (gpointer) juggler_strategy_to_string (self->strategy));
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
    {
      gint64 wait_us = self->trace != NULL ? g_get_monotonic_time () : 0;

      juggler_global_lock_acquire (self->lock);
      if (self->trace != NULL)
        juggler_trace_lock_wait (self->trace, wait_us, g_get_monotonic_time ());
    }

  progress->jobs_total = juggler_workload_get_n_jobs (self->workload);
  progress->steps_total = juggler_workload_get_n_steps (self->workload);
  progress->work_total = juggler_workload_get_work_total (self->workload);
  progress->jobs_done = 0;
  progress->steps_done = 0;
  progress->work_done = 0;
  if (self->counter != NULL)
    {
      juggler_progress_counter_sample (self->counter, &progress->jobs_done, &progress->steps_done);
      progress->work_done = MIN (juggler_progress_counter_get_work_done (self->counter),
                                 progress->work_total);
    }
  progress->elapsed_us = self->start_us > 0 ? g_get_monotonic_time () - self->start_us : 0;

  if (locked)
    juggler_global_lock_release (self->lock);
}

gint64
juggler_progress_estimate_remaining_us (const JugglerProgress *progress)
{
  g_return_val_if_fail (progress != NULL, -1);

  if (progress->work_done == 0 || progress->elapsed_us <= 0)
    return -1;
  if (progress->work_done >= progress->work_total)
    return 0;

  return (double) progress->elapsed_us * (progress->work_total - progress->work_done) /
         progress->work_done;
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
  self->cancellable = cancellable != NULL ? g_object_ref (cancellable) : g_cancellable_new ();
  self->lock = juggler_global_lock_new ();
  self->queue = juggler_job_queue_new (self->workload, self->cancellable);
  juggler_job_queue_set_settled_func (self->queue, job_settled_cb, self);
  self->counter = juggler_progress_counter_new (self->progress_mode, self->context);
  juggler_progress_counter_set_drained_func (self->counter, progress_drained_cb, self);

  self->cancel_source = g_cancellable_source_new (self->cancellable);
  g_source_set_callback (self->cancel_source, G_SOURCE_FUNC (cancelled_cb), self, NULL);
  g_source_attach (self->cancel_source, self->context);

  /* Before the run adds its own load. */
  self->start_load_average = juggler_report_read_load_average ();
  getrusage (RUSAGE_SELF, &self->start_usage);
  self->start_us = g_get_monotonic_time ();
  juggler_latency_probe_start (self->probe);

  start_executor (self);
  update_switch_timer (self);
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
