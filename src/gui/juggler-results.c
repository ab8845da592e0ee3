/* juggler-results.c: finished runs side by side, newest first
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-results"

#include "config.h"

#include "juggler-results.h"

#include <glib/gi18n.h>

#include "juggler-types.h"

struct _JugglerResults
{
  GtkWidget     parent_instance;

  GtkListBox   *list;
  GtkSizeGroup *workers_group;
  GtkSizeGroup *wall_group;
  GtkSizeGroup *speedup_group;
  GtkSizeGroup *frame_group;
  GtkSizeGroup *stall_group;
};

G_DEFINE_FINAL_TYPE (JugglerResults, juggler_results, GTK_TYPE_WIDGET)

static GtkWidget *
add_cell (GtkWidget    *row_box,
          GtkSizeGroup *group,
          const char   *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_add_css_class (label, "numeric");
  gtk_box_append (GTK_BOX (row_box), label);
  gtk_size_group_add_widget (group, label);

  return label;
}

static char *
format_strategies (const JugglerReport *report)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < report->strategies->len; i++)
    {
      JugglerStrategy strategy;

      if (!juggler_strategy_from_string (g_ptr_array_index (report->strategies, i), &strategy))
        continue;
      if (text->len > 0)
        g_string_append (text, " → ");
      g_string_append (text, juggler_strategy_get_title (strategy));
    }

  if (text->len == 0)
    g_string_append (text, report->strategy);

  /* The anti-pattern gets its name: the same strategy, libsoup's limits left alone. */
  if (report->http != NULL && !report->tuned_connections)
    g_string_append (text, _(" (2 per host)"));

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
juggler_results_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), JUGGLER_TYPE_RESULTS);

  /* dispose_template() only drops the bound children; a layout-managed widget owns all. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (juggler_results_parent_class)->dispose (object);
}

static void
juggler_results_class_init (JugglerResultsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = juggler_results_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/juggler/Juggler/juggler-results.ui");
  gtk_widget_class_bind_template_child (widget_class, JugglerResults, list);
  gtk_widget_class_bind_template_child (widget_class, JugglerResults, workers_group);
  gtk_widget_class_bind_template_child (widget_class, JugglerResults, wall_group);
  gtk_widget_class_bind_template_child (widget_class, JugglerResults, speedup_group);
  gtk_widget_class_bind_template_child (widget_class, JugglerResults, frame_group);
  gtk_widget_class_bind_template_child (widget_class, JugglerResults, stall_group);

  gtk_widget_class_set_css_name (widget_class, "results");
}


/* Worker threads when any strategy of the run had them, else the UI thread alone. */
static guint
threads_used_for_work (const JugglerReport *report)
{
  for (guint i = 0; i < report->strategies->len; i++)
    {
      JugglerStrategy strategy;

      if (juggler_strategy_from_string (g_ptr_array_index (report->strategies, i), &strategy) &&
          juggler_strategy_uses_workers (strategy))
        return report->workers;
    }

  return 1;
}

static void
juggler_results_init (JugglerResults *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
juggler_results_add (JugglerResults      *self,
                     const JugglerReport *report)
{
  g_autofree char *strategies = NULL;
  g_autofree char *workers = NULL;
  g_autofree char *wall = NULL;
  g_autofree char *speedup = NULL;
  g_autofree char *frame = NULL;
  g_autofree char *stall = NULL;
  GtkWidget *row, *box, *label;
  double worst;

  g_return_if_fail (JUGGLER_IS_RESULTS (self));
  g_return_if_fail (report != NULL);

  strategies = format_strategies (report);
  wall = g_strdup_printf (_("%.2f s"), report->wall_s);
  if (g_strcmp0 (report->workload, "net") == 0)
    {
      JugglerStrategy strategy = JUGGLER_STRATEGY_THREADS;
      double p50_s = report->http != NULL ? report->http->request_ms.p50 / 1000 : 0;

      juggler_strategy_from_string (report->strategy, &strategy);
      /* As many as really were in flight at once: the last requests may start after the
       * first answers. */
      if (strategy == JUGGLER_STRATEGY_ASYNC)
        workers = g_strdup_printf (_("%u in flight"),
                                   report->http != NULL ? report->http->peak_in_flight : 1);
      else
        workers = g_strdup_printf ("%u", threads_used_for_work (report));
      /* Requests do not burn CPU: their speed-up is how many overlapped on average
       * (Little's law: throughput × time per request). */
      speedup = g_strdup_printf ("×%.1f", report->throughput_jobs_s * p50_s);
    }
  else
    {
      workers = g_strdup_printf ("%u", threads_used_for_work (report));
      speedup = g_strdup_printf ("×%.2f", juggler_report_get_speedup (report));
    }
  frame = report->frames > 0 ? g_strdup_printf (_("%.0f ms"), report->frame_interval_ms.p99)
                             : g_strdup ("—");
  /* The worst stall the user could have felt: a late frame or a late main-loop dispatch. */
  worst = MAX (report->frames > 0 ? report->frame_interval_ms.max : 0,
               report->loop_latency_ms.max);
  stall = g_strdup_printf (_("%.0f ms"), worst);

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  label = gtk_label_new (strategies);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_set_tooltip_text (label, strategies);
  gtk_box_append (GTK_BOX (box), label);

  if (report->cancelled || report->completed < report->jobs)
    {
      GtkWidget *tag = gtk_label_new (_("Stopped"));

      gtk_widget_add_css_class (tag, "caption");
      gtk_widget_add_css_class (tag, "warning");
      gtk_box_append (GTK_BOX (box), tag);
    }

  add_cell (box, self->workers_group, workers);
  add_cell (box, self->wall_group, wall);
  add_cell (box, self->speedup_group, speedup);
  add_cell (box, self->frame_group, frame);
  label = add_cell (box, self->stall_group, stall);
  if (worst > 100)
    gtk_widget_add_css_class (label, "error");
  else if (worst > 33)
    gtk_widget_add_css_class (label, "warning");
  else
    gtk_widget_add_css_class (label, "success");

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_prepend (self->list, row);
}
