/* juggler-report.c: the numbers a finished run leaves behind, as a struct and as JSON
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-report"

#include "config.h"

#include "juggler-report.h"

#include <json-glib/json-glib.h>

#include "juggler-types.h"

/* libsoup's default when Juggler leaves the connection limits alone: one host, 2 at once. */
#define UNTUNED_CONNECTIONS_PER_HOST 2

JugglerReport *
juggler_report_new (void)
{
  JugglerReport *self = g_new0 (JugglerReport, 1);

  self->strategies = g_ptr_array_new_with_free_func (g_free);
  self->load_average = -1;

  return self;
}

void
juggler_report_free (JugglerReport *self)
{
  if (self == NULL)
    return;

  g_free (self->workload);
  g_free (self->strategy);
  g_ptr_array_unref (self->strategies);
  g_free (self->progress_mode);
  g_free (self->digest);
  g_free (self->http);
  g_free (self->target);
  g_free (self);
}

double
juggler_report_get_cores_busy (const JugglerReport *self)
{
  g_return_val_if_fail (self != NULL, 0.0);

  return self->wall_s > 0 ? self->job_cpu_s / self->wall_s : 0.0;
}

guint
juggler_report_get_strategy_threads (const JugglerReport *self,
                                     guint                strategy)
{
  g_return_val_if_fail (self != NULL, 1);

  switch ((JugglerStrategy) strategy)
    {
    case JUGGLER_STRATEGY_THREADS:
    case JUGGLER_STRATEGY_GLOBAL_LOCK:
      return MAX (self->workers, 1);
    case JUGGLER_STRATEGY_SHARED_POOL:
      return MAX (self->threads_used, 1);
    case JUGGLER_STRATEGY_THREAD_PER_JOB:
      return MAX (MIN (self->jobs, JUGGLER_MAX_CONCURRENCY), 1);
    case JUGGLER_STRATEGY_COOPERATIVE:
    case JUGGLER_STRATEGY_BLOCKING:
    case JUGGLER_STRATEGY_ASYNC:
    case JUGGLER_N_STRATEGIES:
    default:
      return 1;
    }
}

guint
juggler_report_get_workers_used (const JugglerReport *self)
{
  guint workers = 0;

  g_return_val_if_fail (self != NULL, 1);

  for (guint i = 0; i < self->strategies->len; i++)
    {
      JugglerStrategy strategy;

      if (!juggler_strategy_from_string (g_ptr_array_index (self->strategies, i), &strategy))
        continue;
      /* Its limit (a thread per job, up to 1000) is not what ran: its threads alive are.
       * A report made without a run has no peak, only the threads that finished a job. */
      if (strategy == JUGGLER_STRATEGY_THREAD_PER_JOB)
        workers = MAX (workers, self->peak_jobs_in_flight > 0
                                  ? MIN (self->peak_jobs_in_flight, JUGGLER_MAX_CONCURRENCY)
                                  : MIN (self->threads_used, JUGGLER_MAX_CONCURRENCY));
      else
        workers = MAX (workers, juggler_report_get_strategy_threads (self, strategy));
    }

  /* No strategy known: the setting is all there is. */
  if (workers == 0)
    workers = self->workers;

  return MAX (workers, 1);
}

guint
juggler_report_get_in_flight_limit (const JugglerReport *self)
{
  guint limit = 1;

  g_return_val_if_fail (self != NULL, 1);

  for (guint i = 0; i < self->strategies->len; i++)
    {
      JugglerStrategy strategy;

      if (!juggler_strategy_from_string (g_ptr_array_index (self->strategies, i), &strategy))
        continue;
      if (strategy == JUGGLER_STRATEGY_ASYNC)
        limit = MAX (limit, self->tuned_connections ? self->concurrency
                                                    : UNTUNED_CONNECTIONS_PER_HOST);
      else
        limit = MAX (limit, juggler_report_get_strategy_threads (self, strategy));
    }

  return limit;
}

double
juggler_report_get_cap_jobs_s (const JugglerReport *self)
{
  g_return_val_if_fail (self != NULL, 0.0);

  if (self->server_latency_ms == 0)
    return 0.0;

  return juggler_report_get_in_flight_limit (self) * 1000.0 / self->server_latency_ms;
}

/* A stopped run did not do the workload its baseline did: no speed-up. */
static gboolean
report_is_complete (const JugglerReport *self)
{
  return !self->cancelled && self->completed == self->jobs;
}

double
juggler_report_get_speedup (const JugglerReport *self)
{
  g_return_val_if_fail (self != NULL, 0.0);

  if (self->baseline_wall_s <= 0 || self->wall_s <= 0 || !report_is_complete (self))
    return 0.0;

  return self->baseline_wall_s / self->wall_s;
}

double
juggler_report_read_load_average (void)
{
  g_autofree char *contents = NULL;
  char *end = NULL;
  double load;

  if (!g_file_get_contents ("/proc/loadavg", &contents, NULL, NULL))
    return -1;

  load = g_ascii_strtod (contents, &end);

  return end != contents && load >= 0 ? load : -1;
}

/* The keys are the bench's JSON interface: scripts and the README read them. */
static void
add_http_stats (JsonObject             *object,
                const JugglerHttpStats *stats)
{
  JsonObject *errors = json_object_new ();

  /* Only the kinds that happened are listed. */
  for (guint i = JUGGLER_HTTP_OK + 1; i < JUGGLER_HTTP_N_OUTCOMES; i++)
    if (stats->outcomes[i] > 0)
      json_object_set_int_member (errors, juggler_http_outcome_to_string (i), stats->outcomes[i]);

  json_object_set_int_member (object, "requests", stats->requests);
  json_object_set_int_member (object, "peak_in_flight", stats->peak_in_flight);
  json_object_set_double_member (object, "average_in_flight", stats->average_in_flight);
  json_object_set_int_member (object, "bytes", stats->bytes);
  json_object_set_object_member (object, "errors", errors);
  json_object_set_object_member (object, "request_ms",
                                 juggler_summary_to_json_object (&stats->request_ms));
  json_object_set_object_member (object, "queued_ms",
                                 juggler_summary_to_json_object (&stats->queued_ms));
}

static JsonObject *
report_to_json_object (const JugglerReport *self)
{
  JsonObject *object = json_object_new ();
  JsonArray *strategies = json_array_new ();
  JsonObject *ctx_switches = json_object_new ();

  json_object_set_string_member (object, "workload", self->workload);
  json_object_set_string_member (object, "strategy", self->strategy);
  json_object_set_int_member (object, "workers", juggler_report_get_workers_used (self));
  json_object_set_int_member (object, "jobs", self->jobs);
  json_object_set_int_member (object, "completed", self->completed);
  json_object_set_boolean_member (object, "cancelled", self->cancelled);
  json_object_set_int_member (object, "switches", self->switches);
  for (guint i = 0; i < self->strategies->len; i++)
    json_array_add_string_element (strategies, g_ptr_array_index (self->strategies, i));
  json_object_set_array_member (object, "strategies", strategies);
  json_object_set_string_member (object, "progress", self->progress_mode);
  json_object_set_boolean_member (object, "nice", self->nice);
  json_object_set_double_member (object, "wall_s", self->wall_s);
  json_object_set_double_member (object, "cpu_s", self->cpu_s);
  json_object_set_double_member (object, "job_cpu_s", self->job_cpu_s);
  /* The window's and the README's definition: against one worker thread on the same
   * workload, or nothing with the reason; never job CPU ÷ wall (that is cores_busy). */
  if (juggler_report_get_speedup (self) > 0)
    {
      json_object_set_double_member (object, "speedup", juggler_report_get_speedup (self));
      json_object_set_double_member (object, "speedup_baseline_wall_s", self->baseline_wall_s);
    }
  else
    {
      json_object_set_null_member (object, "speedup");
      json_object_set_string_member (object, "speedup_missing",
                                     !report_is_complete (self)
                                       ? "the run was stopped before its last job"
                                       : "no baseline: no run of threads with 1 worker on this "
                                         "workload in the same invocation");
    }
  json_object_set_double_member (object, "throughput_jobs_s", self->throughput_jobs_s);
  json_object_set_object_member (object, "loop_latency_ms",
                                 juggler_summary_to_json_object (&self->loop_latency_ms));
  json_object_set_int_member (object, "threads_used", self->threads_used);
  json_object_set_int_member (ctx_switches, "voluntary", self->ctx_voluntary);
  json_object_set_int_member (ctx_switches, "involuntary", self->ctx_involuntary);
  json_object_set_object_member (object, "ctx_switches", ctx_switches);
  json_object_set_int_member (object, "peak_rss_kb", self->peak_rss_kb);
  json_object_set_int_member (object, "progress_events", self->progress_events);
  json_object_set_int_member (object, "progress_events_dropped", self->progress_events_dropped);
  if (self->frames > 0)
    {
      json_object_set_object_member (object, "frame_interval_ms",
                                     juggler_summary_to_json_object (&self->frame_interval_ms));
      json_object_set_int_member (object, "frames", self->frames);
    }
  json_object_set_string_member (object, "digest", self->digest);
  json_object_set_int_member (object, "cores", self->cores);
  if (self->load_average >= 0)
    json_object_set_double_member (object, "load_average", self->load_average);
  json_object_set_double_member (object, "cores_busy", self->cores_busy);

  if (self->http != NULL)
    {
      json_object_set_int_member (object, "concurrency", self->concurrency);
      json_object_set_boolean_member (object, "tuned_connections", self->tuned_connections);
      json_object_set_int_member (object, "in_flight_limit",
                                  juggler_report_get_in_flight_limit (self));
      if (juggler_report_get_cap_jobs_s (self) > 0)
        json_object_set_double_member (object, "cap_jobs_s", juggler_report_get_cap_jobs_s (self));
      add_http_stats (object, self->http);
    }
  if (self->rss_peak_kb > 0)
    {
      json_object_set_int_member (object, "rss_idle_kb", self->rss_idle_kb);
      json_object_set_int_member (object, "rss_peak_kb", self->rss_peak_kb);
    }
  if (self->target != NULL)
    json_object_set_string_member (object, "target", self->target);

  return object;
}

gboolean
juggler_report_load_is_high (double load_average,
                             guint  cores)
{
  if (load_average < 0 || cores == 0)
    return FALSE;

  return load_average >= cores - 0.5;
}

gboolean
juggler_report_is_noisy (const JugglerReport *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return juggler_report_load_is_high (self->load_average, self->cores);
}

char *
juggler_report_to_string (const JugglerReport *self)
{
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, report_to_json_object (self));
  return json_to_string (node, FALSE);
}
