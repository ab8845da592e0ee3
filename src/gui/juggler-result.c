/* juggler-result.c: one finished run as the results list shows it: what ran and what it measured
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-result"

#include "config.h"

#include "juggler-result.h"

#include <glib/gi18n.h>
#include <math.h>

#include "juggler-bench-command.h"
#include "juggler-format.h"
#include "juggler-http-workload.h"
#include "juggler-strategy-info.h"


struct _JugglerResult
{
  GObject             parent_instance;

  JugglerWorkloadKind kind;
  char               *workload_key;
  char               *workload_title;
  char               *strategy_title;
  char               *progress_title;

  double              wall_s;
  guint               jobs;
  guint               completed;
  gboolean            stopped;
  double              frame_p99_ms;
  guint               n_frames;
  double              worst_stall_ms;
  guint               cores;
  double              load_average;
  gboolean            noisy;
  gboolean            stalls_on_purpose;
  gboolean            embedded_server;
  /* One of repeat_n runs in a row of the same configuration; 0: not a repeat. */
  guint               repeat_index;
  guint               repeat_n;
  gboolean            repeat_is_median;
  double              repeat_median_s;
  double              repeat_min_s;
  double              repeat_max_s;

  /* CPU */
  guint               workers;
  double              cores_busy;
  gboolean            is_baseline;
  double              baseline_wall_s;

  /* Network */
  guint               limit;
  double              requests_per_s;
  double              cap_per_s;
  double              mean_in_flight;
  guint               peak_in_flight;
  guint               failures[JUGGLER_HTTP_N_OUTCOMES];
  guint               n_failed;

  char               *report_json;
  char               *command;
};

G_DEFINE_FINAL_TYPE (JugglerResult, juggler_result, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_SPEEDUP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The HTTP workload's figures and how the run was set up. */
typedef struct
{
  guint    requests;
  guint    peak_in_flight;
  double   mean_in_flight;
  guint    failures[JUGGLER_HTTP_N_OUTCOMES];
  guint    concurrency;
  gboolean tuned_connections;
} NetFigures;

/* The one place that reads the network figures out of a report. */
static void
read_net_figures (const JugglerReport *report,
                  NetFigures          *figures)
{
  memset (figures, 0, sizeof *figures);
  figures->requests = report->jobs;
  figures->concurrency = report->concurrency;
  figures->tuned_connections = report->tuned_connections;
  if (report->http == NULL)
    return;

  figures->requests = report->http->requests;
  figures->peak_in_flight = report->http->peak_in_flight;
  figures->mean_in_flight = report->http->average_in_flight;
  for (guint i = JUGGLER_HTTP_OK + 1; i < JUGGLER_HTTP_N_OUTCOMES; i++)
    figures->failures[i] = report->http->outcomes[i];
}

/* The GUI's name for a strategy nick, or the nick when it is unknown. */
static const char *
strategy_title (const char *nick)
{
  JugglerStrategy strategy;

  if (!juggler_strategy_from_string (nick, &strategy))
    return nick;

  return juggler_strategy_info_get_title (strategy);
}

static gboolean
report_uses_strategy (const JugglerReport *report,
                      JugglerStrategy      wanted)
{
  for (guint i = 0; i < report->strategies->len; i++)
    {
      JugglerStrategy strategy;

      if (juggler_strategy_from_string (g_ptr_array_index (report->strategies, i), &strategy) &&
          strategy == wanted)
        return TRUE;
    }

  return FALSE;
}


static char *
format_strategies (const JugglerReport *report,
                   gboolean             untuned)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < report->strategies->len; i++)
    {
      if (text->len > 0)
        g_string_append (text, " → ");
      g_string_append (text, strategy_title (g_ptr_array_index (report->strategies, i)));
    }

  if (text->len == 0 && report->strategy != NULL)
    g_string_append (text, strategy_title (report->strategy));

  /* The anti-pattern gets its name: the same strategy, libsoup's limits left alone. */
  if (untuned)
    g_string_append (text, _(" (2 per host)"));

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static JugglerResult *
result_new_from_report (const JugglerReport *report,
                        JugglerWorkloadKind  kind)
{
  JugglerResult *self = g_object_new (JUGGLER_TYPE_RESULT, NULL);
  JugglerProgressMode mode = JUGGLER_PROGRESS_COALESCED;

  self->kind = kind;
  self->wall_s = report->wall_s;
  self->jobs = report->jobs;
  self->completed = report->completed;
  self->stopped = report->cancelled || report->completed < report->jobs;
  self->frame_p99_ms = report->frames > 0 ? report->frame_interval_ms.p99 : NAN;
  self->n_frames = report->frames;
  self->report_json = juggler_report_to_string (report);
  self->worst_stall_ms = MAX (report->frames > 0 ? report->frame_interval_ms.max : 0,
                              report->loop_latency_ms.max);
  self->cores = report->cores;
  self->load_average = report->load_average;
  self->noisy = juggler_report_is_noisy (report);
  self->stalls_on_purpose = report_uses_strategy (report, JUGGLER_STRATEGY_BLOCKING) ||
                            report_uses_strategy (report, JUGGLER_STRATEGY_GLOBAL_LOCK);

  if (report->progress_mode != NULL)
    juggler_progress_mode_from_string (report->progress_mode, &mode);
  self->progress_title = g_strdup (mode == JUGGLER_PROGRESS_PER_EVENT ? _("progress per event")
                                                                      : _("coalesced progress"));

  return self;
}

JugglerResult *
juggler_result_new_cpu (const JugglerReport    *report,
                        const JugglerCpuParams *params)
{
  JugglerResult *self;

  g_return_val_if_fail (report != NULL, NULL);
  g_return_val_if_fail (params != NULL, NULL);

  self = result_new_from_report (report, JUGGLER_WORKLOAD_CPU);
  self->strategy_title = format_strategies (report, FALSE);
  self->workload_key = g_strdup_printf ("cpu %ux%u tile %u iterations %u", params->width,
                                        params->height, params->tile_size, params->iterations);
  self->workload_title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                       "%u×%u px, tile %u, %u iteration",
                                                       "%u×%u px, tile %u, %u iterations",
                                                       params->iterations),
                                          params->width, params->height, params->tile_size,
                                          params->iterations);
  self->workers = juggler_report_get_workers_used (report);
  self->cores_busy = juggler_report_get_cores_busy (report);
  self->is_baseline = !self->stopped && report->workers == 1 && report->strategies->len == 1 &&
                      report_uses_strategy (report, JUGGLER_STRATEGY_THREADS);
  self->command = juggler_bench_command_build (report, params, NULL);

  return self;
}

JugglerResult *
juggler_result_new_net (const JugglerReport    *report,
                        const JugglerNetParams *params)
{
  JugglerResult *self;
  NetFigures figures;
  gboolean server;

  g_return_val_if_fail (report != NULL, NULL);
  g_return_val_if_fail (params != NULL, NULL);

  read_net_figures (report, &figures);
  server = params->url == NULL || params->url[0] == '\0';

  self = result_new_from_report (report, JUGGLER_WORKLOAD_NET);
  self->embedded_server = server;
  self->strategy_title = format_strategies (report,
                                            !figures.tuned_connections &&
                                            report_uses_strategy (report, JUGGLER_STRATEGY_ASYNC));

  if (server)
    {
      g_autofree char *size = juggler_format_size (params->size);

      self->workload_key = g_strdup_printf ("net server %u requests %u ms %u bytes",
                                            figures.requests, params->latency_ms, params->size);
      self->workload_title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                           "%u request, %u ms, %s each",
                                                           "%u requests, %u ms, %s each",
                                                           figures.requests),
                                              figures.requests, params->latency_ms, size);
    }
  else
    {
      self->workload_key = g_strdup_printf ("net url %u requests %s", figures.requests,
                                            params->url);
      self->workload_title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                           "%u request to %s",
                                                           "%u requests to %s",
                                                           figures.requests),
                                              figures.requests, params->url);
    }

  self->limit = juggler_report_get_in_flight_limit (report);
  self->requests_per_s = report->throughput_jobs_s;
  self->cap_per_s = server && params->latency_ms > 0 ? self->limit * 1000.0 / params->latency_ms
                                                     : NAN;
  self->mean_in_flight = figures.mean_in_flight;
  self->peak_in_flight = figures.peak_in_flight;
  memcpy (self->failures, figures.failures, sizeof self->failures);
  for (guint i = 0; i < JUGGLER_HTTP_N_OUTCOMES; i++)
    self->n_failed += self->failures[i];
  self->command = juggler_bench_command_build (report, NULL, params);

  return self;
}

static void
juggler_result_finalize (GObject *object)
{
  JugglerResult *self = (JugglerResult *) object;

  g_free (self->workload_key);
  g_free (self->workload_title);
  g_free (self->strategy_title);
  g_free (self->progress_title);
  g_free (self->report_json);
  g_free (self->command);

  G_OBJECT_CLASS (juggler_result_parent_class)->finalize (object);
}

static void
juggler_result_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  JugglerResult *self = JUGGLER_RESULT (object);

  switch (prop_id)
    {
    case PROP_SPEEDUP:
      g_value_set_double (value, juggler_result_get_speedup (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
juggler_result_class_init (JugglerResultClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = juggler_result_finalize;
  object_class->get_property = juggler_result_get_property;

  properties[PROP_SPEEDUP] =
    g_param_spec_double ("speedup", NULL, NULL,
                         0, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
juggler_result_init (JugglerResult *self)
{
  self->frame_p99_ms = NAN;
  self->cap_per_s = NAN;
}

JugglerWorkloadKind
juggler_result_get_kind (JugglerResult *self)
{
  g_return_val_if_fail (JUGGLER_IS_RESULT (self), JUGGLER_WORKLOAD_CPU);

  return self->kind;
}

const char *
juggler_result_get_workload_key (JugglerResult *self)
{
  g_return_val_if_fail (JUGGLER_IS_RESULT (self), NULL);

  return self->workload_key;
}

const char *
juggler_result_get_workload_title (JugglerResult *self)
{
  g_return_val_if_fail (JUGGLER_IS_RESULT (self), NULL);

  return self->workload_title;
}

const char *
juggler_result_get_strategy_title (JugglerResult *self)
{
  g_return_val_if_fail (JUGGLER_IS_RESULT (self), NULL);

  return self->strategy_title;
}

const char *
juggler_result_get_progress_title (JugglerResult *self)
{
  g_return_val_if_fail (JUGGLER_IS_RESULT (self), NULL);

  return self->progress_title;
}

double
juggler_result_get_wall_s (JugglerResult *self)
{
  g_return_val_if_fail (JUGGLER_IS_RESULT (self), 0);

  return self->wall_s;
}

gboolean
juggler_result_get_stopped (JugglerResult *self)
{
  g_return_val_if_fail (JUGGLER_IS_RESULT (self), FALSE);

  return self->stopped;
}

double
juggler_result_get_done_fraction (JugglerResult *self)
{
  g_return_val_if_fail (JUGGLER_IS_RESULT (self), 0);

  return self->jobs > 0 ? (double) self->completed / self->jobs : 0;
}

double
juggler_result_get_frame_p99_ms (JugglerResult *self)
{
  g_return_val_if_fail (JUGGLER_IS_RESULT (self), NAN);

  return self->frame_p99_ms;
}

guint
juggler_result_get_n_frames (JugglerResult *self)
{
  g_return_val_if_fail (JUGGLER_IS_RESULT (self), 0);

  return self->n_frames;
}

double
juggler_result_get_worst_stall_ms (JugglerResult *self)
{
  g_return_val_if_fail (JUGGLER_IS_RESULT (self), 0);

  return self->worst_stall_ms;
}

guint
juggler_result_get_workers (JugglerResult *self)
{
  g_return_val_if_fail (JUGGLER_IS_RESULT (self), 0);

  return self->workers;
}

double
juggler_result_get_cores_busy (JugglerResult *self)
{
  g_return_val_if_fail (JUGGLER_IS_RESULT (self), 0);

  return self->cores_busy;
}

gboolean
juggler_result_is_baseline (JugglerResult *self)
{
  g_return_val_if_fail (JUGGLER_IS_RESULT (self), FALSE);

  return self->is_baseline;
}

void
juggler_result_set_baseline (JugglerResult *self,
                             JugglerResult *baseline)
{
  double old_speedup;

  g_return_if_fail (JUGGLER_IS_RESULT (self));
  g_return_if_fail (baseline == NULL || JUGGLER_IS_RESULT (baseline));
  g_return_if_fail (baseline == NULL || juggler_result_is_baseline (baseline));

  old_speedup = juggler_result_get_speedup (self);

  if (baseline != NULL && self->kind == JUGGLER_WORKLOAD_CPU && !self->stopped &&
      g_str_equal (self->workload_key, baseline->workload_key))
    self->baseline_wall_s = baseline->wall_s;
  else
    self->baseline_wall_s = 0;

  if (juggler_result_get_speedup (self) != old_speedup)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPEEDUP]);
}

double
juggler_result_get_speedup (JugglerResult *self)
{
  g_return_val_if_fail (JUGGLER_IS_RESULT (self), 0);

  return self->baseline_wall_s > 0 && self->wall_s > 0 ? self->baseline_wall_s / self->wall_s : 0;
}

double
juggler_result_get_baseline_wall_s (JugglerResult *self)
{
  g_return_val_if_fail (JUGGLER_IS_RESULT (self), 0);

  return self->baseline_wall_s;
}

guint
juggler_result_get_limit (JugglerResult *self)
{
  g_return_val_if_fail (JUGGLER_IS_RESULT (self), 0);

  return self->limit;
}

double
juggler_result_get_requests_per_s (JugglerResult *self)
{
  g_return_val_if_fail (JUGGLER_IS_RESULT (self), 0);

  return self->requests_per_s;
}

double
juggler_result_get_cap_per_s (JugglerResult *self)
{
  g_return_val_if_fail (JUGGLER_IS_RESULT (self), NAN);

  return self->cap_per_s;
}

double
juggler_result_get_mean_in_flight (JugglerResult *self)
{
  g_return_val_if_fail (JUGGLER_IS_RESULT (self), 0);

  return self->mean_in_flight;
}

guint
juggler_result_get_peak_in_flight (JugglerResult *self)
{
  g_return_val_if_fail (JUGGLER_IS_RESULT (self), 0);

  return self->peak_in_flight;
}

guint
juggler_result_get_n_requests (JugglerResult *self)
{
  g_return_val_if_fail (JUGGLER_IS_RESULT (self), 0);

  return self->kind == JUGGLER_WORKLOAD_NET ? self->jobs : 0;
}

guint
juggler_result_get_n_failed (JugglerResult *self)
{
  g_return_val_if_fail (JUGGLER_IS_RESULT (self), 0);

  return self->n_failed;
}

static char *
format_failures (JugglerHttpOutcome outcome,
                 guint              n)
{
  switch (outcome)
    {
    case JUGGLER_HTTP_REFUSED:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u refused", "%u refused", n), n);
    case JUGGLER_HTTP_NOT_RESOLVED:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u host not found",
                                           "%u host not found", n), n);
    case JUGGLER_HTTP_TIMEOUT:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u timed out", "%u timed out", n), n);
    case JUGGLER_HTTP_STATUS:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u HTTP error status",
                                           "%u HTTP error statuses", n), n);
    case JUGGLER_HTTP_TRUNCATED:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u truncated", "%u truncated", n), n);
    case JUGGLER_HTTP_TLS:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u TLS error", "%u TLS errors", n), n);
    case JUGGLER_HTTP_INVALID_URL:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u invalid URL", "%u invalid URLs", n),
                              n);
    case JUGGLER_HTTP_MALFORMED:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u malformed response",
                                           "%u malformed responses", n), n);
    case JUGGLER_HTTP_OK:
    case JUGGLER_HTTP_OTHER:
    case JUGGLER_HTTP_N_OUTCOMES:
    default:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u other error", "%u other errors", n),
                              n);
    }
}

char *
juggler_result_dup_failures_text (JugglerResult *self)
{
  g_autoptr(GString) text = NULL;
  gboolean listed[JUGGLER_HTTP_N_OUTCOMES] = { FALSE };

  g_return_val_if_fail (JUGGLER_IS_RESULT (self), NULL);

  if (self->n_failed == 0)
    return NULL;

  /* Most frequent first: a handful of kinds, so pick the largest each time. */
  text = g_string_new (NULL);
  for (;;)
    {
      guint best = JUGGLER_HTTP_OK;
      g_autofree char *line = NULL;

      for (guint i = JUGGLER_HTTP_OK + 1; i < JUGGLER_HTTP_N_OUTCOMES; i++)
        if (!listed[i] && self->failures[i] > 0 &&
            (best == JUGGLER_HTTP_OK || self->failures[i] > self->failures[best]))
          best = i;
      if (best == JUGGLER_HTTP_OK)
        break;

      listed[best] = TRUE;
      line = format_failures (best, self->failures[best]);
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, line);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

gboolean
juggler_result_get_mostly_failed (JugglerResult *self)
{
  g_return_val_if_fail (JUGGLER_IS_RESULT (self), FALSE);

  return self->completed > 0 && self->n_failed * 2 > self->completed;
}

guint
juggler_result_get_cores (JugglerResult *self)
{
  g_return_val_if_fail (JUGGLER_IS_RESULT (self), 0);

  return self->cores;
}

double
juggler_result_get_load_average (JugglerResult *self)
{
  g_return_val_if_fail (JUGGLER_IS_RESULT (self), -1);

  return self->load_average;
}

gboolean
juggler_result_get_noisy (JugglerResult *self)
{
  g_return_val_if_fail (JUGGLER_IS_RESULT (self), FALSE);

  return self->noisy;
}

gboolean
juggler_result_get_stalls_on_purpose (JugglerResult *self)
{
  g_return_val_if_fail (JUGGLER_IS_RESULT (self), FALSE);

  return self->stalls_on_purpose;
}

gboolean
juggler_result_get_embedded_server (JugglerResult *self)
{
  g_return_val_if_fail (JUGGLER_IS_RESULT (self), FALSE);

  return self->embedded_server;
}

void
juggler_result_set_repeat (JugglerResult *self,
                           guint          index,
                           guint          n,
                           gboolean       is_median,
                           double         median_s,
                           double         min_s,
                           double         max_s)
{
  g_return_if_fail (JUGGLER_IS_RESULT (self));
  g_return_if_fail (index >= 1 && index <= n);

  self->repeat_index = index;
  self->repeat_n = n;
  self->repeat_is_median = is_median;
  self->repeat_median_s = median_s;
  self->repeat_min_s = min_s;
  self->repeat_max_s = max_s;
}

guint
juggler_result_get_repeat (JugglerResult *self,
                           guint         *index,
                           gboolean      *is_median,
                           double        *median_s,
                           double        *min_s,
                           double        *max_s)
{
  g_return_val_if_fail (JUGGLER_IS_RESULT (self), 0);

  if (index != NULL)
    *index = self->repeat_index;
  if (is_median != NULL)
    *is_median = self->repeat_is_median;
  if (median_s != NULL)
    *median_s = self->repeat_median_s;
  if (min_s != NULL)
    *min_s = self->repeat_min_s;
  if (max_s != NULL)
    *max_s = self->repeat_max_s;

  return self->repeat_n;
}

/* The run's report as juggler-bench prints it: one JSON object on one line. */
const char *
juggler_result_get_report_json (JugglerResult *self)
{
  g_return_val_if_fail (JUGGLER_IS_RESULT (self), NULL);

  return self->report_json;
}

const char *
juggler_result_get_command (JugglerResult *self)
{
  g_return_val_if_fail (JUGGLER_IS_RESULT (self), NULL);

  return self->command;
}
