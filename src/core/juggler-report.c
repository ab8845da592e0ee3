/* juggler-report.c: the numbers a finished run leaves behind, as a struct and as JSON
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-report"

#include "config.h"

#include "juggler-report.h"

JugglerReport *
juggler_report_new (void)
{
  JugglerReport *self = g_new0 (JugglerReport, 1);

  self->strategies = g_ptr_array_new_with_free_func (g_free);
  self->extra = json_object_new ();

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
  json_object_unref (self->extra);
  g_free (self);
}

double
juggler_report_get_speedup (const JugglerReport *self)
{
  g_return_val_if_fail (self != NULL, 0.0);

  return self->wall_s > 0 ? self->job_cpu_s / self->wall_s : 0.0;
}

static void
add_summary (JsonBuilder          *builder,
             const char           *name,
             const JugglerSummary *summary)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, juggler_summary_to_json_object (summary));
  json_builder_set_member_name (builder, name);
  json_builder_add_value (builder, node);
}

#define ADD(type, name, value)                        \
  G_STMT_START {                                      \
    json_builder_set_member_name (builder, name);     \
    json_builder_add_##type##_value (builder, value); \
  } G_STMT_END

static JsonNode *
report_to_json (const JugglerReport *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GList) members = NULL;
  JsonObject *object;
  JsonNode *root;

  json_builder_begin_object (builder);
  ADD (string, "workload", self->workload);
  ADD (string, "strategy", self->strategy);
  ADD (int, "workers", self->workers);
  ADD (int, "jobs", self->jobs);
  ADD (int, "completed", self->completed);
  ADD (boolean, "cancelled", self->cancelled);
  ADD (int, "switches", self->switches);
  json_builder_set_member_name (builder, "strategies");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->strategies->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (self->strategies, i));
  json_builder_end_array (builder);
  ADD (string, "progress", self->progress_mode);
  ADD (boolean, "nice", self->nice);
  ADD (double, "wall_s", self->wall_s);
  ADD (double, "cpu_s", self->cpu_s);
  ADD (double, "job_cpu_s", self->job_cpu_s);
  ADD (double, "speedup", juggler_report_get_speedup (self));
  ADD (double, "throughput_jobs_s", self->throughput_jobs_s);
  add_summary (builder, "loop_latency_ms", &self->loop_latency_ms);
  ADD (int, "threads_used", self->threads_used);
  json_builder_set_member_name (builder, "ctx_switches");
  json_builder_begin_object (builder);
  ADD (int, "voluntary", self->ctx_voluntary);
  ADD (int, "involuntary", self->ctx_involuntary);
  json_builder_end_object (builder);
  ADD (int, "peak_rss_kb", self->peak_rss_kb);
  ADD (int, "progress_events", self->progress_events);
  ADD (int, "progress_events_dropped", self->progress_events_dropped);
  if (self->frames > 0)
    {
      add_summary (builder, "frame_interval_ms", &self->frame_interval_ms);
      ADD (int, "frames", self->frames);
    }
  ADD (string, "digest", self->digest);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  object = json_node_get_object (root);
  members = json_object_get_members (self->extra);
  for (GList *l = members; l != NULL; l = l->next)
    json_object_set_member (object, l->data, json_object_dup_member (self->extra, l->data));

  return root;
}

char *
juggler_report_to_string (const JugglerReport *self)
{
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  node = report_to_json (self);
  return json_to_string (node, FALSE);
}
