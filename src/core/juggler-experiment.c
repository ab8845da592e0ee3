/* juggler-experiment.c: the experiment that tests one claim on this machine, and its result
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-experiment"

#include "config.h"

#include "juggler-experiment.h"

#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <sys/resource.h>
#include <unistd.h>

#include "juggler-experiment-private.h"
#include "juggler-server.h"

/* How often a run is sampled, as a window samples it once per frame. */
#define FRAME_INTERVAL_MS 16

static const struct
{
  const char         *claim_id;
  JugglerMeasureFunc  measure;
} measures[] = {
  { "io-event-loop", juggler_measure_io_event_loop },
  { "cpu-threads", juggler_measure_cpu_threads },
  { "loop-cpu", juggler_measure_loop_cpu },
  { "loop-scales-io", juggler_measure_loop_scales_io },
  { "many-threads", juggler_measure_many_threads },
  { "switching", juggler_measure_switching },
  { "pool", juggler_measure_pool },
  { "gui", juggler_measure_gui },
  { "blocking", juggler_measure_blocking },
  { "locks", juggler_measure_locks },
  { "loop-no-threads", juggler_measure_loop_no_threads },
  { "loop-thread-safety", juggler_measure_loop_thread_safety },
  { "servers", juggler_measure_servers },
  { "gil", juggler_measure_gil },
};

/* Set while an experiment runs anywhere in the process. */
static int experiment_running;

struct _JugglerLab
{
  JugglerExperiment *experiment;
  JugglerMeasureFunc measure;
  GMainContext      *context;
  GMainContext      *caller_context;
  GCancellable      *cancellable;
  gboolean           quick;
  gboolean           on_caller_loop;
  guint              cores;
  int                caller_tid;
  JugglerServer     *server;
  JsonObject        *figures;
  GArray            *points;
  int                statm_fd;
};

struct _JugglerExperiment
{
  GObject             parent_instance;

  const JugglerClaim *claim;
  JugglerMeasureFunc  measure;
  gboolean            quick;
  gboolean            on_caller_loop;
};

enum {
  POINT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (JugglerExperiment, juggler_experiment, G_TYPE_OBJECT)

static void
point_clear (gpointer data)
{
  JugglerPoint *point = data;

  g_free (point->series);
}

static void
lab_free (JugglerLab *lab)
{
  if (lab->server != NULL)
    juggler_server_stop (lab->server);
  g_clear_object (&lab->server);
  g_clear_object (&lab->experiment);
  g_clear_pointer (&lab->context, g_main_context_unref);
  g_clear_pointer (&lab->caller_context, g_main_context_unref);
  g_clear_object (&lab->cancellable);
  g_clear_pointer (&lab->figures, json_object_unref);
  g_clear_pointer (&lab->points, g_array_unref);
  if (lab->statm_fd >= 0)
    close (lab->statm_fd);
  g_free (lab);
}

gboolean
juggler_lab_is_quick (JugglerLab *lab)
{
  return lab->quick;
}

gboolean
juggler_lab_uses_caller_loop (JugglerLab *lab)
{
  return lab->on_caller_loop;
}

guint
juggler_lab_get_cores (JugglerLab *lab)
{
  return lab->cores;
}

int
juggler_lab_get_caller_tid (JugglerLab *lab)
{
  return lab->caller_tid;
}

GCancellable *
juggler_lab_get_cancellable (JugglerLab *lab)
{
  return lab->cancellable;
}

gboolean
juggler_lab_cancelled (JugglerLab  *lab,
                       GError     **error)
{
  return g_cancellable_set_error_if_cancelled (lab->cancellable, error);
}

static void
set_figure (JsonObject *figures,
            const char *name,
            double      value)
{
  char digits[G_ASCII_DTOSTR_BUF_SIZE];

  /* JSON has no NaN or infinity: a figure that cannot be computed is left out. Four
   * significant digits are more than these measurements can tell apart. */
  if (isfinite (value))
    json_object_set_double_member (figures, name,
                                   g_ascii_strtod (g_ascii_formatd (digits, sizeof digits,
                                                                    "%.4g", value), NULL));
}

void
juggler_lab_set_figure (JugglerLab *lab,
                        const char *name,
                        double      value)
{
  set_figure (lab->figures, name, value);
}

void
juggler_lab_set_figure_int (JugglerLab *lab,
                            const char *name,
                            gint64      value)
{
  json_object_set_int_member (lab->figures, name, value);
}

void
juggler_lab_set_figure_string (JugglerLab *lab,
                               const char *name,
                               const char *value)
{
  json_object_set_string_member (lab->figures, name, value);
}

typedef struct
{
  JugglerExperiment *experiment;
  JugglerPoint       point;
} PointEvent;

static void
point_event_free (gpointer data)
{
  PointEvent *event = data;

  g_object_unref (event->experiment);
  point_clear (&event->point);
  g_free (event);
}

static gboolean
point_event_cb (gpointer user_data)
{
  PointEvent *event = user_data;

  g_signal_emit (event->experiment, signals[POINT], 0,
                 event->point.series, event->point.x, event->point.y);

  return G_SOURCE_REMOVE;
}

void
juggler_lab_add_point (JugglerLab *lab,
                       const char *series,
                       double      x,
                       double      y)
{
  JugglerPoint point = { g_strdup (series), x, y };
  PointEvent *event;

  if (!isfinite (x) || !isfinite (y))
    {
      g_free (point.series);
      return;
    }

  g_array_append_val (lab->points, point);

  event = g_new0 (PointEvent, 1);
  event->experiment = g_object_ref (lab->experiment);
  event->point.series = g_strdup (series);
  event->point.x = x;
  event->point.y = y;
  g_main_context_invoke_full (lab->caller_context, G_PRIORITY_DEFAULT, point_event_cb, event,
                              point_event_free);
}

void
juggler_lab_record (JugglerLab *lab,
                    const char *figure,
                    const char *series,
                    double      x,
                    double      value)
{
  juggler_lab_set_figure (lab, figure, value);
  juggler_lab_add_point (lab, series, x, value);
}

double
juggler_lab_wall_s (const JugglerReport *report)
{
  return MAX (report->wall_s, 1e-6);
}

double
juggler_lab_switches_per_job (const JugglerReport *report)
{
  return (double) (report->ctx_voluntary + report->ctx_involuntary) / MAX (report->jobs, 1);
}

const char *
juggler_lab_get_server_uri (JugglerLab  *lab,
                            GError     **error)
{
  if (lab->server == NULL)
    {
      g_autoptr(JugglerServer) server = juggler_server_new ();

      if (!juggler_server_start (server, 0, error))
        return NULL;
      lab->server = g_steal_pointer (&server);
    }

  return juggler_server_get_uri (lab->server);
}

guint16
juggler_lab_get_server_port (JugglerLab *lab)
{
  return lab->server != NULL ? juggler_server_get_port (lab->server) : 0;
}

guint
juggler_lab_count_threads (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/task", 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;

  return n;
}

/* The resident set size in KiB, from an fd kept open: sampling runs once a frame. */
static gint64
read_rss_kb (int statm_fd)
{
  char statm[128];
  gssize length = statm_fd >= 0 ? pread (statm_fd, statm, sizeof statm - 1, 0) : -1;
  gint64 pages = 0;

  if (length > 0)
    {
      statm[length] = '\0';
      sscanf (statm, "%*d %" G_GINT64_FORMAT, &pages);
    }

  return pages * sysconf (_SC_PAGESIZE) / 1024;
}

void
juggler_lab_iterate_until (JugglerLab *lab,
                           gboolean   *flag)
{
  while (!*flag)
    g_main_context_iteration (lab->context, TRUE);
}

typedef struct
{
  JugglerLab             *lab;
  JugglerWorkload        *workload;
  const JugglerLabConfig *config;
  int                     statm_fd;
  JugglerRun             *run;
  JugglerReport          *report;
  JugglerLabSample       *sample;
  guint                   jobs_merged;
  gboolean                done;
  GSource                *frame_source;
  /* On the caller's loop: the lab's thread waits for done under the mutex. */
  gboolean                on_caller;
  GMutex                  mutex;
  GCond                   cond;
} RunState;

static void run_end (RunState *state);

static void
run_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  RunState *state = user_data;
  g_autoptr(GError) error = NULL;

  state->report = juggler_run_execute_finish (JUGGLER_RUN (object), result, &error);
  if (error != NULL)
    g_warning ("An experiment's run could not start: %s", error->message);
  if (!state->on_caller)
    {
      state->done = TRUE;
      return;
    }

  /* The last touch of state: the lab's thread returns, and state with it, once it is done. */
  run_end (state);
  g_mutex_lock (&state->mutex);
  state->done = TRUE;
  g_cond_signal (&state->cond);
  g_mutex_unlock (&state->mutex);
}

static void
sample_outside (RunState *state)
{
  JugglerLabSample *sample = state->sample;

  sample->rss_peak_kb = MAX (sample->rss_peak_kb, read_rss_kb (state->statm_fd));
  sample->threads_peak = MAX (sample->threads_peak, juggler_lab_count_threads ());
}

static gboolean
frame_cb (gpointer user_data)
{
  RunState *state = user_data;
  JugglerProgress progress;

  juggler_run_sample (state->run, &progress);
  sample_outside (state);

  return G_SOURCE_CONTINUE;
}

static void
job_done_cb (JugglerRun *run,
             guint       index,
             guint       worker,
             gpointer    user_data)
{
  RunState *state = user_data;

  if (++state->jobs_merged == juggler_workload_get_n_jobs (state->workload) &&
      state->config->jobs_done_func != NULL)
    state->config->jobs_done_func (state->config->jobs_done_data);
}

/* Starts state's workload on context, the thread-default context of the calling thread. */
static void
run_begin (RunState     *state,
           GMainContext *context)
{
  const JugglerLabConfig *config = state->config;

  state->run = juggler_run_new (state->workload, config->strategy, MAX (config->workers, 1));
  juggler_run_set_concurrency (state->run, CLAMP (config->concurrency, 1,
                                                  JUGGLER_MAX_CONCURRENCY));
  g_signal_connect (state->run, "job-done", G_CALLBACK (job_done_cb), state);

  state->sample->rss_idle_kb = read_rss_kb (state->statm_fd);
  state->sample->rss_peak_kb = state->sample->rss_idle_kb;
  state->sample->threads_before = juggler_lab_count_threads ();
  state->sample->threads_peak = state->sample->threads_before;

  state->frame_source = g_timeout_source_new (FRAME_INTERVAL_MS);
  g_source_set_callback (state->frame_source, frame_cb, state, NULL);
  g_source_set_static_name (state->frame_source, "[juggler] experiment frame");
  g_source_attach (state->frame_source, context);

  juggler_run_execute_async (state->run, state->lab->cancellable, run_done_cb, state);
}

/* On the run's thread, once it has reported. */
static void
run_end (RunState *state)
{
  g_source_destroy (state->frame_source);
  g_clear_pointer (&state->frame_source, g_source_unref);
  sample_outside (state);
  g_clear_object (&state->run);
}

/* Runs state's workload on the thread-default context, which is context. */
static void
run_on_context (RunState     *state,
                GMainContext *context)
{
  run_begin (state, context);
  while (!state->done)
    g_main_context_iteration (context, TRUE);
  run_end (state);

  while (g_main_context_iteration (context, FALSE))
    ;
}

static gboolean
begin_on_caller_cb (gpointer user_data)
{
  RunState *state = user_data;

  run_begin (state, state->lab->caller_context);

  return G_SOURCE_REMOVE;
}

/* Runs state's workload on the caller's loop (a window's), and waits for its report. */
static void
run_on_caller (RunState *state)
{
  state->on_caller = TRUE;
  g_mutex_init (&state->mutex);
  g_cond_init (&state->cond);

  g_main_context_invoke (state->lab->caller_context, begin_on_caller_cb, state);
  g_mutex_lock (&state->mutex);
  while (!state->done)
    g_cond_wait (&state->cond, &state->mutex);
  g_mutex_unlock (&state->mutex);

  g_mutex_clear (&state->mutex);
  g_cond_clear (&state->cond);
}

static gpointer
niced_run_thread_func (gpointer user_data)
{
  RunState *state = user_data;
  GMainContext *context = g_main_context_new ();

  /* Ignored when refused: the figures are then those of a thread at normal priority. */
  setpriority (PRIO_PROCESS, gettid (), 19);

  g_main_context_push_thread_default (context);
  run_on_context (state, context);
  g_main_context_pop_thread_default (context);
  g_main_context_unref (context);

  return NULL;
}

JugglerReport *
juggler_lab_run (JugglerLab             *lab,
                 JugglerWorkload        *workload,
                 const JugglerLabConfig *config,
                 JugglerLabSample       *sample)
{
  JugglerLabSample ignored = { 0 };
  RunState state = { lab, workload, config, lab->statm_fd, NULL, NULL,
                     sample != NULL ? sample : &ignored, 0, FALSE, NULL, FALSE };

  if (config->on_caller_loop)
    {
      g_return_val_if_fail (lab->on_caller_loop, NULL);
      run_on_caller (&state);
      return state.report;
    }

  /* CPU workers run at nice 19 so that the window keeps its frames. Strategies that compute
   * on the loop's thread then get the same priority, in a thread of their own, or the
   * comparison would measure the priorities on a busy machine and not the strategies. */
  if (juggler_workload_get_kind (workload) == JUGGLER_WORKLOAD_CPU &&
      !juggler_strategy_uses_workers (config->strategy))
    g_thread_join (g_thread_new ("juggler-lab-cpu", niced_run_thread_func, &state));
  else
    run_on_context (&state, lab->context);

  return state.report;
}

static gpointer
experiment_thread_func (gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  JugglerLab *lab = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gint64 start_us = g_get_monotonic_time ();
  gboolean measured;

  g_main_context_push_thread_default (lab->context);
  measured = lab->measure (lab, &error);
  if (lab->server != NULL)
    juggler_server_stop (lab->server);
  /* Completions still queued (a digest's, a session's) must not outlive the context. */
  while (g_main_context_iteration (lab->context, FALSE))
    ;
  g_main_context_pop_thread_default (lab->context);

  g_atomic_int_set (&experiment_running, 0);

  if (!measured)
    {
      g_task_return_error (task, g_steal_pointer (&error));
    }
  else
    {
      JugglerClaimResult *result = juggler_claim_result_new (lab->experiment->claim,
                                                             lab->figures);

      result->quick = lab->quick;
      result->cores = lab->cores;
      result->wall_s = (g_get_monotonic_time () - start_us) / 1e6;
      g_array_append_vals (result->points, lab->points->data, lab->points->len);
      /* The points' strings now belong to the result. */
      g_array_set_clear_func (lab->points, NULL);
      g_task_return_pointer (task, result, (GDestroyNotify) juggler_claim_result_free);
    }

  return NULL;
}

static void
juggler_experiment_class_init (JugglerExperimentClass *klass)
{
  signals[POINT] =
    g_signal_new ("point", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_DOUBLE, G_TYPE_DOUBLE);
}

static void
juggler_experiment_init (JugglerExperiment *self)
{
}

JugglerExperiment *
juggler_experiment_new (const char *claim_id,
                        gboolean    quick)
{
  const JugglerClaim *claim;
  JugglerExperiment *self;

  g_return_val_if_fail (claim_id != NULL, NULL);

  claim = juggler_claim_lookup (claim_id);
  g_return_val_if_fail (claim != NULL && !juggler_claim_is_opinion (claim), NULL);

  self = g_object_new (JUGGLER_TYPE_EXPERIMENT, NULL);
  self->claim = claim;
  self->quick = !!quick;
  for (guint i = 0; i < G_N_ELEMENTS (measures); i++)
    if (g_str_equal (measures[i].claim_id, claim->id))
      self->measure = measures[i].measure;
  g_assert (self->measure != NULL);

  return self;
}

const JugglerClaim *
juggler_experiment_get_claim (JugglerExperiment *self)
{
  g_return_val_if_fail (JUGGLER_IS_EXPERIMENT (self), NULL);

  return self->claim;
}

void
juggler_experiment_set_use_caller_loop (JugglerExperiment *self,
                                        gboolean           use_caller_loop)
{
  g_return_if_fail (JUGGLER_IS_EXPERIMENT (self));

  self->on_caller_loop = !!use_caller_loop;
}

void
juggler_experiment_run_async (JugglerExperiment   *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  JugglerLab *lab;
  GThread *thread;

  g_return_if_fail (JUGGLER_IS_EXPERIMENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, juggler_experiment_run_async);
  g_task_set_name (task, "[juggler] experiment");

  if (!g_atomic_int_compare_and_exchange (&experiment_running, 0, 1))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_BUSY,
                               "Another experiment is running");
      return;
    }

  lab = g_new0 (JugglerLab, 1);
  lab->experiment = g_object_ref (self);
  lab->measure = self->measure;
  lab->context = g_main_context_new ();
  lab->caller_context = g_main_context_ref_thread_default ();
  lab->cancellable = cancellable != NULL ? g_object_ref (cancellable) : g_cancellable_new ();
  lab->quick = self->quick;
  lab->on_caller_loop = self->on_caller_loop;
  lab->cores = juggler_claims_count_cores ();
  lab->caller_tid = gettid ();
  lab->figures = json_object_new ();
  lab->points = g_array_new (FALSE, TRUE, sizeof (JugglerPoint));
  g_array_set_clear_func (lab->points, point_clear);
  lab->statm_fd = open ("/proc/self/statm", O_RDONLY | O_CLOEXEC);
  g_task_set_task_data (task, lab, (GDestroyNotify) lab_free);

  /* A thread of its own rather than GTask's shared pool, which some experiments fill. */
  thread = g_thread_try_new ("juggler-lab", experiment_thread_func, g_object_ref (task), &error);
  if (thread == NULL)
    {
      g_atomic_int_set (&experiment_running, 0);
      g_object_unref (task);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_thread_unref (thread);
}

JugglerClaimResult *
juggler_experiment_run_finish (JugglerExperiment  *self,
                               GAsyncResult       *result,
                               GError            **error)
{
  g_return_val_if_fail (JUGGLER_IS_EXPERIMENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == juggler_experiment_run_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

JugglerClaimResult *
juggler_claim_result_new (const JugglerClaim *claim,
                          JsonObject         *figures)
{
  JugglerClaimResult *self;

  g_return_val_if_fail (claim != NULL && !juggler_claim_is_opinion (claim), NULL);
  g_return_val_if_fail (figures != NULL, NULL);

  self = g_new0 (JugglerClaimResult, 1);
  self->claim = claim;
  self->cores = juggler_claims_count_cores ();
  self->figures = json_object_ref (figures);
  self->points = g_array_new (FALSE, TRUE, sizeof (JugglerPoint));
  g_array_set_clear_func (self->points, point_clear);
  self->verdict = claim->decide (figures, &self->rule);

  return self;
}

void
juggler_claim_result_add_frames (JugglerClaimResult *self,
                                 double             *intervals_ms,
                                 double             *ui_cpu_ms,
                                 guint               n_intervals)
{
  JugglerSummary summary = { 0 };

  g_return_if_fail (self != NULL);
  g_return_if_fail (intervals_ms != NULL || n_intervals == 0);

  if (n_intervals == 0)
    return;

  juggler_summarize_values (intervals_ms, n_intervals, &summary);
  json_object_set_int_member (self->figures, "frames", n_intervals);
  set_figure (self->figures, "frame_p50_ms", summary.p50);
  set_figure (self->figures, "frame_p99_ms", summary.p99);
  set_figure (self->figures, "frame_max_ms", summary.max);
  if (ui_cpu_ms != NULL)
    {
      juggler_summarize_values (ui_cpu_ms, n_intervals, &summary);
      set_figure (self->figures, "ui_cpu_p99_ms", summary.p99);
      set_figure (self->figures, "ui_cpu_max_ms", summary.max);
    }

  g_clear_pointer (&self->rule, g_free);
  self->verdict = self->claim->decide (self->figures, &self->rule);
}

void
juggler_claim_result_free (JugglerClaimResult *self)
{
  if (self == NULL)
    return;

  g_free (self->rule);
  json_object_unref (self->figures);
  g_array_unref (self->points);
  g_free (self);
}

char *
juggler_claim_result_to_json (const JugglerClaimResult *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  JsonNode *figures;

  g_return_val_if_fail (self != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "claim");
  json_builder_add_string_value (builder, self->claim->id);
  json_builder_set_member_name (builder, "verdict");
  json_builder_add_string_value (builder, juggler_verdict_to_string (self->verdict));
  json_builder_set_member_name (builder, "figures");
  figures = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (figures, self->figures);
  json_builder_add_value (builder, figures);
  json_builder_set_member_name (builder, "rule");
  json_builder_add_string_value (builder, self->rule);
  json_builder_set_member_name (builder, "quick");
  json_builder_add_boolean_value (builder, self->quick);
  json_builder_set_member_name (builder, "cores");
  json_builder_add_int_value (builder, self->cores);
  json_builder_set_member_name (builder, "wall_s");
  json_builder_add_double_value (builder, self->wall_s);
  json_builder_set_member_name (builder, "points");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->points->len; i++)
    {
      const JugglerPoint *point = &g_array_index (self->points, JugglerPoint, i);

      json_builder_begin_array (builder);
      json_builder_add_string_value (builder, point->series);
      json_builder_add_double_value (builder, point->x);
      json_builder_add_double_value (builder, point->y);
      json_builder_end_array (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}
