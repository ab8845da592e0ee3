/* juggler-results.c: finished runs side by side in sortable columns, newest first
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-results"

#include "config.h"

#include "juggler-results.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "juggler-export-dialog.h"
#include "juggler-format.h"
#include "juggler-menu-button.h"
#include "juggler-results-export.h"
#include "juggler-width-bin.h"

typedef enum
{
  KIND_CPU = 1 << JUGGLER_WORKLOAD_CPU,
  KIND_NET = 1 << JUGGLER_WORKLOAD_NET,
  KIND_ALL = KIND_CPU | KIND_NET,
} KindMask;

typedef enum
{
  CELL_TEXT,
  CELL_RUN,
  CELL_REMOVE,
} CellType;

/* A cell's text; may also set a tooltip (owned by the caller) and a CSS class. */
typedef char *(*CellTextFunc) (JugglerResult *result,
                               char         **tooltip,
                               const char   **css_class);

typedef struct
{
  const char   *title;
  const char   *tooltip;   /* what the figure means: the header's tooltip */
  KindMask      kinds;
  CellType      type;
  CellTextFunc  text;
  /* Sorting: by value (NAN sorts last), else by string, else not sortable. */
  double      (*value)  (JugglerResult *result);
  const char *(*string) (JugglerResult *result);
  const char   *notify;    /* a property of the result that changes the cell */
} ColumnInfo;

struct _JugglerResults
{
  GtkWidget           parent_instance;

  GtkStack           *stack;
  GtkColumnView      *view;
  GtkLabel           *machine;

  GListStore         *store;       /* newest first */
  GtkSortListModel   *sorted;
  GtkSingleSelection *selection;
  GPtrArray          *columns;     /* GtkColumnViewColumn, as columns_info */
  GPtrArray          *cleared;     /* what the last Clear removed, for its Undo */
  GtkSorter          *group_sorter;
  GHashTable         *group_ranks; /* workload key → 1 + position of its newest run */
  GtkWidget          *menu;        /* a row's context menu */
  guint               scroll_to_top_id;
};

G_DEFINE_FINAL_TYPE (JugglerResults, juggler_results, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_N_RESULTS,
  N_PROPS
};

enum
{
  ADD_TOAST,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Cells */

static char *
workers_text (JugglerResult *result,
              char         **tooltip,
              const char   **css_class)
{
  return g_strdup_printf ("%u", juggler_result_get_workers (result));
}

static char *
limit_text (JugglerResult *result,
            char         **tooltip,
            const char   **css_class)
{
  return g_strdup_printf ("%u", juggler_result_get_limit (result));
}

static char *
wall_text (JugglerResult *result,
           char         **tooltip,
           const char   **css_class)
{
  return juggler_format_duration (juggler_result_get_wall_s (result));
}

static char *
speedup_text (JugglerResult *result,
              char         **tooltip,
              const char   **css_class)
{
  double speedup = juggler_result_get_speedup (result);

  if (juggler_result_get_stopped (result))
    *tooltip = g_strdup (_("A stopped run did not compute the whole workload: it has no speed-up"));
  else if (speedup <= 0)
    *tooltip = g_strdup (_("No baseline yet: run Worker Threads with 1 worker on this workload "
                           "to measure speed-ups against it"));
  else
    {
      g_autofree char *wall = juggler_format_duration (juggler_result_get_baseline_wall_s (result));

      *tooltip = g_strdup_printf (_("Against the Worker Threads run with 1 worker on this "
                                    "workload, which took %s"), wall);
    }

  return juggler_format_speedup (speedup);
}

static char *
cores_text (JugglerResult *result,
            char         **tooltip,
            const char   **css_class)
{
  return juggler_format_cores (juggler_result_get_cores_busy (result));
}

static char *
requests_per_s_text (JugglerResult *result,
                     char         **tooltip,
                     const char   **css_class)
{
  return juggler_format_number (juggler_result_get_requests_per_s (result));
}

static char *
cap_text (JugglerResult *result,
          char         **tooltip,
          const char   **css_class)
{
  double cap = juggler_result_get_cap_per_s (result);

  if (isnan (cap))
    *tooltip = g_strdup (_("Unknown: the latency of a URL is not known in advance"));

  return juggler_format_number (cap);
}

static char *
mean_in_flight_text (JugglerResult *result,
                     char         **tooltip,
                     const char   **css_class)
{
  return g_strdup_printf ("%.1f", juggler_result_get_mean_in_flight (result));
}

static char *
peak_in_flight_text (JugglerResult *result,
                     char         **tooltip,
                     const char   **css_class)
{
  return g_strdup_printf ("%u", juggler_result_get_peak_in_flight (result));
}

/*
 * What an amber or red latency means for this row: the lesson when the strategy stalls the UI
 * thread by design, and otherwise where else it can have come from, so that a 40 ms stall
 * under Worker Threads does not read as the strategy's fault. NULL for a good latency.
 */
static char *
dup_latency_context (JugglerResult *result,
                     double         ms)
{
  if (juggler_format_latency_level (ms) == JUGGLER_LATENCY_GOOD)
    return NULL;

  if (juggler_result_get_stalls_on_purpose (result))
    return g_strdup (_("Expected: this run's strategy keeps the UI thread from responding on "
                       "purpose"));

  if (juggler_result_get_noisy (result))
    return g_strdup_printf (_("Not the strategy's doing: it leaves the UI thread free, and "
                              "other processes kept the machine busy when the run started "
                              "(load average %.2f on %u cores). Repeat the run to tell noise "
                              "from a pattern"),
                            juggler_result_get_load_average (result),
                            juggler_result_get_cores (result));

  return g_strdup (_("Not expected from this strategy, which leaves the UI thread free: other "
                     "work on the machine, a late frame from the renderer or the run's own "
                     "start can cause a stall. Repeat the run to tell noise from a pattern"));
}

static char *
frame_text (JugglerResult *result,
            char         **tooltip,
            const char   **css_class)
{
  double ms = juggler_result_get_frame_p99_ms (result);
  g_autofree char *few_frames = NULL;
  g_autofree char *context = NULL;

  if (isnan (ms))
    {
      *tooltip = g_strdup (_("No frames were drawn during the run"));
      return g_strdup ("—");
    }

  /* With fewer than 100 frames, the 99th percentile is simply the longest interval. */
  if (juggler_result_get_n_frames (result) < 100)
    few_frames = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "Over %u frame only: the longest interval",
                                               "Over %u frames only: the longest interval",
                                               juggler_result_get_n_frames (result)),
                                  juggler_result_get_n_frames (result));

  context = dup_latency_context (result, ms);
  if (few_frames != NULL && context != NULL)
    *tooltip = g_strconcat (few_frames, "\n", context, NULL);
  else
    *tooltip = g_strdup (few_frames != NULL ? few_frames : context);

  *css_class = juggler_format_latency_css_class (juggler_format_latency_level (ms));
  return juggler_format_duration_ms (ms);
}

static char *
stall_text (JugglerResult *result,
            char         **tooltip,
            const char   **css_class)
{
  double ms = juggler_result_get_worst_stall_ms (result);

  *tooltip = dup_latency_context (result, ms);
  *css_class = juggler_format_latency_css_class (juggler_format_latency_level (ms));
  return juggler_format_duration_ms (ms);
}

/* Sort keys */

static double
workers_value (JugglerResult *result)
{
  return juggler_result_get_workers (result);
}

static double
limit_value (JugglerResult *result)
{
  return juggler_result_get_limit (result);
}

static double
speedup_value (JugglerResult *result)
{
  double speedup = juggler_result_get_speedup (result);

  return speedup > 0 ? speedup : NAN;
}

static double
peak_in_flight_value (JugglerResult *result)
{
  return juggler_result_get_peak_in_flight (result);
}

static const ColumnInfo columns_info[] = {
  {
    .title = N_("Run"),
    .tooltip = N_("How the jobs were scheduled (an arrow marks a switch of strategy during the "
                  "run), what ran, and how progress reached the UI thread. Runs of one workload "
                  "stay together, the latest workload first: figures compare only within it"),
    .kinds = KIND_ALL,
    .type = CELL_RUN,
    .string = juggler_result_get_strategy_title,
  },
  {
    .title = N_("Workers"),
    .tooltip = N_("Threads that computed tiles at once: the pool's workers, the threads GLib's "
                  "shared pool ran tiles on, the most threads alive at once for a thread per tile; "
                  "1 for the strategies that compute on the UI thread"),
    .kinds = KIND_CPU,
    .type = CELL_TEXT,
    .text = workers_text,
    .value = workers_value,
  },
  {
    .title = N_("Limit"),
    .tooltip = N_("The most requests the strategy can have in flight at once: its worker threads (for "
      "GLib's shared pool, the threads it used), its connections, or 1 on the UI thread"),
    .kinds = KIND_NET,
    .type = CELL_TEXT,
    .text = limit_text,
    .value = limit_value,
  },
  {
    .title = N_("Wall Time"),
    .tooltip = N_("Time from the start of the run to its last job done"),
    .kinds = KIND_ALL,
    .type = CELL_TEXT,
    .text = wall_text,
    .value = juggler_result_get_wall_s,
  },
  {
    .title = N_("Speed-Up"),
    .tooltip = N_("The wall time of a Worker Threads run with 1 worker on the same workload, divided by "
      "this run's wall time; shown once such a run is in the list"),
    .kinds = KIND_CPU,
    .type = CELL_TEXT,
    .text = speedup_text,
    .value = speedup_value,
    .notify = "speedup",
  },
  {
    .title = N_("Cores Busy"),
    .tooltip = N_("CPU time spent inside jobs divided by wall time: how many cores the run kept "
      "computing. Not a speed-up: a slower strategy can keep as many cores busy"),
    .kinds = KIND_CPU,
    .type = CELL_TEXT,
    .text = cores_text,
    .value = juggler_result_get_cores_busy,
  },
  {
    .title = N_("Requests/s"),
    .tooltip = N_("Requests finished per second of wall time, failed ones included"),
    .kinds = KIND_NET,
    .type = CELL_TEXT,
    .text = requests_per_s_text,
    .value = juggler_result_get_requests_per_s,
  },
  {
    .title = N_("Cap/s"),
    .tooltip = N_("The most requests per second the strategy allows: its limit divided by the server's "
      "latency"),
    .kinds = KIND_NET,
    .type = CELL_TEXT,
    .text = cap_text,
    .value = juggler_result_get_cap_per_s,
  },
  {
    .title = N_("Avg in Flight"),
    .tooltip = N_("Requests on the wire at once, on average over the run (requests per second × time "
      "per request). At most the limit"),
    .kinds = KIND_NET,
    .type = CELL_TEXT,
    .text = mean_in_flight_text,
    .value = juggler_result_get_mean_in_flight,
  },
  {
    .title = N_("Peak in Flight"),
    .tooltip = N_("The most requests on the wire at once. At most the limit"),
    .kinds = KIND_NET,
    .type = CELL_TEXT,
    .text = peak_in_flight_text,
    .value = peak_in_flight_value,
  },
  {
    .title = N_("Frame p99"),
    .tooltip = N_("99th percentile of the intervals between the frames the window drew during the run "
      "(17 ms is 60 frames per second). Amber above 40 ms, red above 100 ms"),
    .kinds = KIND_ALL,
    .type = CELL_TEXT,
    .text = frame_text,
    .value = juggler_result_get_frame_p99_ms,
  },
  {
    .title = N_("Worst UI Stall"),
    .tooltip = N_("The longest the UI thread could not respond: the longest frame interval or main-loop "
      "delay. Amber above 40 ms, red above 100 ms"),
    .kinds = KIND_ALL,
    .type = CELL_TEXT,
    .text = stall_text,
    .value = juggler_result_get_worst_stall_ms,
  },
  {
    .title = "",
    .tooltip = N_("Remove a result with its button, or select it and press Delete"),
    .kinds = KIND_ALL,
    .type = CELL_REMOVE,
  },
};

/* Every cell knows its list item, for the context menu to find the row it opened on. */
static void
set_cell_child (GtkListItem *item,
                GtkWidget   *child)
{
  g_object_set_data (G_OBJECT (child), "juggler-list-item", item);
  gtk_list_item_set_child (item, child);
}

static void
update_text_cell (GtkLabel         *label,
                  JugglerResult    *result,
                  const ColumnInfo *info)
{
  g_autofree char *tooltip = NULL;
  g_autofree char *text = NULL;
  const char *css_class = NULL;

  text = info->text (result, &tooltip, &css_class);
  gtk_label_set_label (label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (label), tooltip);
  gtk_widget_remove_css_class (GTK_WIDGET (label), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (label), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (label), "error");
  if (css_class != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (label), css_class);
}

static void
text_cell_notify_cb (JugglerResult *result,
                     GParamSpec    *pspec,
                     GtkLabel      *label)
{
  update_text_cell (label, result, g_object_get_data (G_OBJECT (label), "column-info"));
}

static void
setup_text_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               const ColumnInfo         *info)
{
  GtkWidget *label = gtk_label_new (NULL);

  if (info->value != NULL)
    {
      gtk_label_set_xalign (GTK_LABEL (label), 1);
      gtk_widget_add_css_class (label, "numeric");
    }
  else
    {
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
    }
  g_object_set_data (G_OBJECT (label), "column-info", (gpointer) info);
  set_cell_child (item, label);
}

static void
bind_text_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              const ColumnInfo         *info)
{
  JugglerResult *result = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);

  update_text_cell (GTK_LABEL (label), result, info);
  if (info->notify != NULL)
    {
      g_autofree char *signal = g_strconcat ("notify::", info->notify, NULL);

      g_signal_connect_object (result, signal, G_CALLBACK (text_cell_notify_cb), label, 0);
    }
}

static void
unbind_text_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                const ColumnInfo         *info)
{
  JugglerResult *result = gtk_list_item_get_item (item);

  if (info->notify != NULL && result != NULL)
    g_signal_handlers_disconnect_by_func (result, text_cell_notify_cb,
                                          gtk_list_item_get_child (item));
}

/* "5 runs in a row of this configuration: median wall time 420 ms, from 400 ms to 480 ms" */
static char *
dup_repeat_text (JugglerResult *result)
{
  double median_s, min_s, max_s;
  guint n = juggler_result_get_repeat (result, NULL, NULL, &median_s, &min_s, &max_s);
  g_autofree char *median = juggler_format_duration (median_s);
  g_autofree char *min = juggler_format_duration (min_s);
  g_autofree char *max = juggler_format_duration (max_s);

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u run in a row of this configuration: median wall "
                                       "time %s, from %s to %s",
                                       "%u runs in a row of this configuration: median wall "
                                       "time %s, from %s to %s", n),
                          n, median, min, max);
}

static GtkWidget *
new_badge (const char *css_class)
{
  GtkWidget *badge = gtk_label_new (NULL);

  gtk_widget_add_css_class (badge, "caption-heading");
  gtk_widget_add_css_class (badge, css_class);
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);

  return badge;
}

/*
 * The run cell: the strategy with its badges, and below it what ran:
 *   Worker Threads                     [Stopped at 42 %] [3 failed]
 *   800×600 px, tile 32, 2000 iterations · coalesced progress
 */
static void
setup_run_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              const ColumnInfo         *info)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *strategy = gtk_label_new (NULL);
  GtkWidget *details = gtk_label_new (NULL);
  GtkWidget *stopped = new_badge ("warning");
  GtkWidget *failed = new_badge ("error");
  GtkWidget *noisy = new_badge ("dim-label");
  GtkWidget *repeat = new_badge ("accent");

  gtk_label_set_xalign (GTK_LABEL (strategy), 0);
  gtk_label_set_wrap (GTK_LABEL (strategy), TRUE);
  gtk_label_set_width_chars (GTK_LABEL (strategy), 12);
  gtk_label_set_max_width_chars (GTK_LABEL (strategy), 40);
  gtk_box_append (GTK_BOX (line), strategy);
  gtk_box_append (GTK_BOX (line), stopped);
  gtk_box_append (GTK_BOX (line), failed);
  gtk_box_append (GTK_BOX (line), noisy);
  gtk_box_append (GTK_BOX (line), repeat);
  gtk_box_append (GTK_BOX (box), line);

  /* What ran must stay readable in a narrow window: it wraps rather than losing its end,
   * like the strategy above it. */
  gtk_label_set_xalign (GTK_LABEL (details), 0);
  gtk_label_set_wrap (GTK_LABEL (details), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (details), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_width_chars (GTK_LABEL (details), 18);
  gtk_label_set_max_width_chars (GTK_LABEL (details), 60);
  gtk_widget_add_css_class (details, "caption");
  gtk_widget_add_css_class (details, "dim-label");
  gtk_box_append (GTK_BOX (box), details);

  g_object_set_data (G_OBJECT (box), "strategy", strategy);
  g_object_set_data (G_OBJECT (box), "stopped", stopped);
  g_object_set_data (G_OBJECT (box), "failed", failed);
  g_object_set_data (G_OBJECT (box), "noisy", noisy);
  g_object_set_data (G_OBJECT (box), "repeat", repeat);
  g_object_set_data (G_OBJECT (box), "details", details);
  set_cell_child (item, box);
}

static void
bind_run_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             const ColumnInfo         *info)
{
  JugglerResult *result = gtk_list_item_get_item (item);
  GObject *box = G_OBJECT (gtk_list_item_get_child (item));
  GtkWidget *strategy = g_object_get_data (box, "strategy");
  GtkWidget *stopped = g_object_get_data (box, "stopped");
  GtkWidget *failed = g_object_get_data (box, "failed");
  GtkWidget *details = g_object_get_data (box, "details");
  GtkWidget *noisy = g_object_get_data (box, "noisy");
  GtkWidget *repeat = g_object_get_data (box, "repeat");
  guint repeat_n = juggler_result_get_repeat (result, NULL, NULL, NULL, NULL, NULL);
  guint n_failed = juggler_result_get_n_failed (result);
  g_autofree char *details_text = NULL;

  gtk_label_set_label (GTK_LABEL (strategy), juggler_result_get_strategy_title (result));
  gtk_widget_set_tooltip_text (strategy, juggler_result_get_strategy_title (result));

  /* TRANSLATORS: the workload, then how progress travelled: "800×600 px, … · coalesced progress" */
  details_text = g_strdup_printf (_("%s · %s"), juggler_result_get_workload_title (result),
                                  juggler_result_get_progress_title (result));
  gtk_label_set_label (GTK_LABEL (details), details_text);
  gtk_widget_set_tooltip_text (details, details_text);

  gtk_widget_set_visible (stopped, juggler_result_get_stopped (result));
  if (juggler_result_get_stopped (result))
    {
      g_autofree char *percent = juggler_format_percent (juggler_result_get_done_fraction (result));
      g_autofree char *text = g_strdup_printf (_("Stopped at %s"), percent);

      gtk_label_set_label (GTK_LABEL (stopped), text);
      gtk_widget_set_tooltip_text (stopped, _("The run was stopped before its last job: its "
                                              "figures cover only the part that ran"));
    }

  gtk_widget_set_visible (failed, n_failed > 0);
  if (n_failed > 0)
    {
      g_autofree char *text = g_strdup_printf (_("%u failed"), n_failed);
      g_autofree char *failures = juggler_result_dup_failures_text (result);

      gtk_label_set_label (GTK_LABEL (failed), text);
      gtk_widget_set_tooltip_text (failed, failures);
    }

  gtk_widget_set_visible (noisy, juggler_result_get_noisy (result));
  if (juggler_result_get_noisy (result))
    {
      g_autofree char *tooltip =
        g_strdup_printf (_("Other processes kept the machine busy when this run started "
                           "(load average %.2f on %u cores): its times may be slower than "
                           "the strategy alone would be"),
                         juggler_result_get_load_average (result),
                         juggler_result_get_cores (result));

      /* TRANSLATORS: a badge on a result whose machine was busy with other work */
      gtk_label_set_label (GTK_LABEL (noisy), _("Noisy"));
      gtk_widget_set_tooltip_text (noisy, tooltip);
    }

  gtk_widget_set_visible (repeat, repeat_n > 0);
  if (repeat_n > 0)
    {
      g_autofree char *text = NULL;
      g_autofree char *tooltip = dup_repeat_text (result);
      gboolean is_median;
      guint index;

      juggler_result_get_repeat (result, &index, &is_median, NULL, NULL, NULL);
      if (is_median)
        text = g_strdup_printf (_("Median of %u"), repeat_n);
      else
        /* TRANSLATORS: the 2nd of 5 runs in a row of one configuration */
        text = g_strdup_printf (_("%u of %u"), index, repeat_n);
      gtk_label_set_label (GTK_LABEL (repeat), text);
      gtk_widget_set_tooltip_text (repeat, tooltip);
      if (is_median)
        gtk_widget_add_css_class (repeat, "accent");
      else
        gtk_widget_remove_css_class (repeat, "accent");
    }
}

static void
remove_clicked_cb (GtkButton   *button,
                   GtkListItem *item)
{
  GtkWidget *self = gtk_widget_get_ancestor (GTK_WIDGET (button), JUGGLER_TYPE_RESULTS);
  JugglerResult *result = gtk_list_item_get_item (item);

  if (self != NULL && result != NULL)
    juggler_results_remove (JUGGLER_RESULTS (self), result);
}

static void
setup_remove_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 const ColumnInfo         *info)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("window-close-symbolic");

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Remove This Result"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove This Result"),
                                  -1);
  g_signal_connect (button, "clicked", G_CALLBACK (remove_clicked_cb), item);
  set_cell_child (item, button);
}

/* Columns */

static int
compare_results_cb (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  const ColumnInfo *info = user_data;
  JugglerResult *result_a = (JugglerResult *) a;
  JugglerResult *result_b = (JugglerResult *) b;

  if (info->value != NULL)
    {
      double value_a = info->value (result_a);
      double value_b = info->value (result_b);

      /* No figure sorts after every figure. */
      if (isnan (value_a) || isnan (value_b))
        return isnan (value_a) - isnan (value_b);

      return (value_a > value_b) - (value_a < value_b);
    }

  /* The run column groups the runs of one workload, then orders them by strategy. */
  if (info->type == CELL_RUN)
    {
      int order = g_utf8_collate (juggler_result_get_workload_title (result_a),
                                  juggler_result_get_workload_title (result_b));

      if (order != 0)
        return order;
    }

  return g_utf8_collate (info->string (result_a), info->string (result_b));
}

static GtkColumnViewColumn *
column_new (const ColumnInfo *info)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;

  switch (info->type)
    {
    case CELL_TEXT:
      g_signal_connect (factory, "setup", G_CALLBACK (setup_text_cb), (gpointer) info);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_text_cb), (gpointer) info);
      g_signal_connect (factory, "unbind", G_CALLBACK (unbind_text_cb), (gpointer) info);
      break;
    case CELL_RUN:
      g_signal_connect (factory, "setup", G_CALLBACK (setup_run_cb), (gpointer) info);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_run_cb), (gpointer) info);
      break;
    case CELL_REMOVE:
      g_signal_connect (factory, "setup", G_CALLBACK (setup_remove_cb), (gpointer) info);
      break;
    default:
      g_assert_not_reached ();
    }

  column = gtk_column_view_column_new (info->title[0] != '\0' ? _(info->title) : NULL, factory);
  if (info->value != NULL || info->string != NULL)
    {
      g_autoptr(GtkSorter) sorter =
        GTK_SORTER (gtk_custom_sorter_new (compare_results_cb, (gpointer) info, NULL));

      gtk_column_view_column_set_sorter (column, sorter);
    }
  gtk_column_view_column_set_resizable (column, info->type != CELL_REMOVE);
  gtk_column_view_column_set_expand (column, info->type == CELL_RUN);

  return column;
}

/*
 * GTK 4.8's columns have no tooltip: the header's title widgets, one per column in column
 * order, get the definition instead (a tooltip and the accessible description).
 */
static void
set_header_tooltips (JugglerResults *self)
{
  GtkWidget *header = gtk_widget_get_first_child (GTK_WIDGET (self->view));
  GtkWidget *title = header != NULL ? gtk_widget_get_first_child (header) : NULL;

  for (guint i = 0; i < G_N_ELEMENTS (columns_info) && title != NULL;
       i++, title = gtk_widget_get_next_sibling (title))
    {
      const char *tooltip = _(columns_info[i].tooltip);

      gtk_widget_set_tooltip_text (title, tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (title),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, tooltip,
                                      -1);
    }
}

/* The columns go into the view with the first result. Until then the stack shows its
 * placeholder and never the list, and the thirteen header titles (each a label, a sort
 * arrow and their accessible objects) would cost the window at rest about 0.45 MB of RSS
 * for nothing. The columns' objects exist from the start, with their visibility. */
static void
ensure_columns (JugglerResults *self)
{
  if (g_list_model_get_n_items (gtk_column_view_get_columns (self->view)) > 0)
    return;

  for (guint i = 0; i < self->columns->len; i++)
    gtk_column_view_append_column (self->view, g_ptr_array_index (self->columns, i));
  set_header_tooltips (self);
}

/* The list */

/* Every run's speed-up is against the newest baseline run of its workload in the list. */
static void
update_baselines (JugglerResults *self)
{
  g_autoptr(GHashTable) baselines = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JugglerResult) result = g_list_model_get_item (G_LIST_MODEL (self->store), i);
      const char *key = juggler_result_get_workload_key (result);

      if (juggler_result_is_baseline (result) && !g_hash_table_contains (baselines, key))
        g_hash_table_insert (baselines, (gpointer) key, result);
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JugglerResult) result = g_list_model_get_item (G_LIST_MODEL (self->store), i);

      juggler_result_set_baseline (result, g_hash_table_lookup (baselines,
                                                                juggler_result_get_workload_key (result)));
    }
}

/*
 * Runs of one workload stay together, the workload run last on top: sorting by a column
 * orders runs within their workload, never across workloads.
 */
static int
compare_groups_cb (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  JugglerResults *self = user_data;
  guint rank_a = GPOINTER_TO_UINT (g_hash_table_lookup (self->group_ranks,
                                                        juggler_result_get_workload_key ((JugglerResult *) a)));
  guint rank_b = GPOINTER_TO_UINT (g_hash_table_lookup (self->group_ranks,
                                                        juggler_result_get_workload_key ((JugglerResult *) b)));

  return (rank_a > rank_b) - (rank_a < rank_b);
}

static void
update_groups (JugglerResults *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));

  g_hash_table_remove_all (self->group_ranks);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JugglerResult) result = g_list_model_get_item (G_LIST_MODEL (self->store), i);
      const char *key = juggler_result_get_workload_key (result);

      if (!g_hash_table_contains (self->group_ranks, key))
        g_hash_table_insert (self->group_ranks, g_strdup (key), GUINT_TO_POINTER (i + 1));
    }

  gtk_sorter_changed (self->group_sorter, GTK_SORTER_CHANGE_DIFFERENT);
}

/* The columns of the kinds of run in the list: a page's list shows only its own. */
static void
update_columns (JugglerResults *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  KindMask present = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JugglerResult) result = g_list_model_get_item (G_LIST_MODEL (self->store), i);

      present |= 1 << juggler_result_get_kind (result);
    }

  for (guint i = 0; i < self->columns->len; i++)
    gtk_column_view_column_set_visible (g_ptr_array_index (self->columns, i),
                                        present == 0 || (columns_info[i].kinds & present) != 0);
}

static void update_machine (JugglerResults *self);

static void
store_items_changed_cb (JugglerResults *self,
                        guint           position,
                        guint           removed,
                        guint           added)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));

  update_baselines (self);
  update_groups (self);
  update_columns (self);
  if (n > 0)
    ensure_columns (self);
  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");
  update_machine (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "results.clear", n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "results.remove-selected", n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "results.copy-selected", n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "results.copy-command", n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "results.export", n > 0);
  if (removed != added)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_RESULTS]);
}

static void
emit_toast (JugglerResults *self,
            AdwToast       *toast)
{
  g_autoptr(AdwToast) owned = toast;

  g_signal_emit (self, signals[ADD_TOAST], 0, owned);
}

static void
undo_clear_cb (JugglerResults *self)
{
  g_autoptr(GPtrArray) cleared = g_steal_pointer (&self->cleared);

  /* Older than anything added since the Clear: they go below it. */
  if (cleared != NULL)
    g_list_store_splice (self->store, g_list_model_get_n_items (G_LIST_MODEL (self->store)), 0,
                         cleared->pdata, cleared->len);
}

static void
clear_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  juggler_results_clear (JUGGLER_RESULTS (widget));
}

static void
remove_selected_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  JugglerResults *self = JUGGLER_RESULTS (widget);
  JugglerResult *result = gtk_single_selection_get_selected_item (self->selection);

  if (result != NULL)
    juggler_results_remove (self, result);
}

/* "17 timed out, 1 refused" */
static char *
dup_failures_line (JugglerResult *result)
{
  g_autofree char *failures = juggler_result_dup_failures_text (result);
  g_auto(GStrv) lines = g_strsplit (failures != NULL ? failures : "", "\n", -1);

  return g_strjoinv (", ", lines);
}

/* A row as one line of text: every figure its list shows, with its column's title. */
static char *
dup_result_text (JugglerResults *self,
                 JugglerResult  *result)
{
  g_autoptr(GString) text = g_string_new (juggler_result_get_strategy_title (result));

  g_string_append_printf (text, " · %s · %s", juggler_result_get_workload_title (result),
                          juggler_result_get_progress_title (result));
  if (juggler_result_get_stopped (result))
    {
      g_autofree char *percent = juggler_format_percent (juggler_result_get_done_fraction (result));

      g_string_append_c (text, ' ');
      g_string_append_printf (text, _("(stopped at %s)"), percent);
    }
  if (juggler_result_get_n_failed (result) > 0)
    {
      g_autofree char *failures = dup_failures_line (result);

      g_string_append_c (text, ' ');
      g_string_append_printf (text, _("(failed: %s)"), failures);
    }
  if (juggler_result_get_noisy (result))
    {
      g_string_append_c (text, ' ');
      g_string_append_printf (text, _("(noisy: load average %.2f on %u cores)"),
                              juggler_result_get_load_average (result),
                              juggler_result_get_cores (result));
    }
  if (juggler_result_get_repeat (result, NULL, NULL, NULL, NULL, NULL) > 0)
    {
      g_autofree char *repeat = dup_repeat_text (result);

      g_string_append_printf (text, " (%s)", repeat);
    }

  for (guint i = 0; i < self->columns->len; i++)
    {
      const ColumnInfo *info = &columns_info[i];
      g_autofree char *tooltip = NULL;
      g_autofree char *cell = NULL;
      const char *css_class = NULL;

      if (info->text == NULL ||
          !gtk_column_view_column_get_visible (g_ptr_array_index (self->columns, i)))
        continue;

      cell = info->text (result, &tooltip, &css_class);
      /* TRANSLATORS: a column's title and a row's figure in it, "Wall Time: 1.22 s" */
      g_string_append_printf (text, _("; %s: %s"), _(info->title), cell);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
copy_selected_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  JugglerResults *self = JUGGLER_RESULTS (widget);
  JugglerResult *result = gtk_single_selection_get_selected_item (self->selection);
  g_autofree char *text = NULL;

  if (result == NULL)
    return;

  text = dup_result_text (self, result);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
}

/* The juggler-bench line that reproduces the selected row's run. */
static void
copy_command_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  JugglerResults *self = JUGGLER_RESULTS (widget);
  JugglerResult *result = gtk_single_selection_get_selected_item (self->selection);

  if (result != NULL && juggler_result_get_command (result) != NULL)
    gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), juggler_result_get_command (result));
}

static gboolean
save_cb (GtkWidget  *widget,
         GFile      *file,
         gpointer    user_data,
         GError    **error)
{
  return juggler_results_save (JUGGLER_RESULTS (widget), file, GPOINTER_TO_INT (user_data), error);
}

static void
export_failed_cb (GtkWidget *widget,
                  AdwToast  *toast)
{
  emit_toast (JUGGLER_RESULTS (widget), g_object_ref (toast));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  gboolean json = g_strcmp0 (g_variant_get_string (parameter, NULL), "json") == 0;

  juggler_export_dialog_show (widget,
                              json ? _("Export Results as JSON") : _("Export Results as CSV"),
                              json ? "juggler-results.json" : "juggler-results.csv",
                              save_cb, export_failed_cb, GINT_TO_POINTER (json));
}

static gboolean
drop_menu_cb (gpointer user_data)
{
  g_autoptr(JugglerResults) self = user_data;

  /* Unless it opened again in the meantime. */
  if (self->menu != NULL && !gtk_widget_get_visible (self->menu))
    g_clear_pointer (&self->menu, gtk_widget_unparent);
  return G_SOURCE_REMOVE;
}

static void
menu_closed_cb (JugglerResults *self)
{
  /* Back to the list, so that Delete and Ctrl+C act on the row the menu was for. */
  gtk_widget_grab_focus (GTK_WIDGET (self->view));
  /* Made for each opening and dropped after, out of the signal that closes it: a hidden
   * popover left in the widget tree trips GTK 4.8's AT-SPI bridge. */
  g_idle_add (drop_menu_cb, g_object_ref (self));
}

static GtkWidget *
menu_new (JugglerResults *self)
{
  g_autoptr(GMenu) model = g_menu_new ();
  GtkWidget *menu;

  g_menu_append (model, _("_Copy"), "results.copy-selected");
  g_menu_append (model, _("Copy as Co_mmand"), "results.copy-command");
  g_menu_append (model, _("_Remove"), "results.remove-selected");
  menu = gtk_popover_menu_new_from_model (G_MENU_MODEL (model));
  gtk_popover_set_has_arrow (GTK_POPOVER (menu), FALSE);
  gtk_widget_set_halign (menu, GTK_ALIGN_START);
  gtk_widget_set_parent (menu, GTK_WIDGET (self));
  g_signal_connect_object (menu, "closed", G_CALLBACK (menu_closed_cb), self, G_CONNECT_SWAPPED);

  return menu;
}

/* A right click or a long press on a row selects it and opens its menu there. */
static void
open_menu (JugglerResults *self,
           double          x,
           double          y)
{
  GtkWidget *widget = gtk_widget_pick (GTK_WIDGET (self->view), x, y, GTK_PICK_DEFAULT);
  GtkListItem *item = NULL;
  graphene_point_t point;

  for (; widget != NULL && item == NULL && widget != GTK_WIDGET (self->view);
       widget = gtk_widget_get_parent (widget))
    item = g_object_get_data (G_OBJECT (widget), "juggler-list-item");
  if (item == NULL || gtk_list_item_get_item (item) == NULL)
    return;

  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection),
                                   gtk_list_item_get_position (item), TRUE);
  if (!gtk_widget_compute_point (GTK_WIDGET (self->view), GTK_WIDGET (self),
                                 &GRAPHENE_POINT_INIT (x, y), &point))
    return;
  if (self->menu == NULL)
    self->menu = menu_new (self);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->menu),
                               &(GdkRectangle) { point.x, point.y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->menu));
}

static void
menu_pressed_cb (GtkGestureClick *gesture,
                 int              n_press,
                 double           x,
                 double           y,
                 JugglerResults  *self)
{
  open_menu (self, x, y);
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
menu_long_pressed_cb (GtkGestureLongPress *gesture,
                      double               x,
                      double               y,
                      JugglerResults      *self)
{
  open_menu (self, x, y);
}

/* "GskCairoRenderer" → "Cairo", "GskNglRenderer" → "Ngl": the name GTK_DEBUG and
 * GSK_RENDERER use. */
static char *
dup_renderer_name (JugglerResults *self)
{
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self));
  GskRenderer *renderer = native != NULL ? gtk_native_get_renderer (native) : NULL;
  const char *name;
  const char *end;

  if (renderer == NULL)
    return NULL;

  name = G_OBJECT_TYPE_NAME (renderer);
  if (g_str_has_prefix (name, "Gsk"))
    name += strlen ("Gsk");
  end = g_strrstr (name, "Renderer");
  if (end == NULL || end == name)
    end = name + strlen (name);

  return g_strndup (name, end - name);
}

/*
 * The machine strip under the list: what the figures shared the machine with.
 *   2 cores · load average 0.41 at the start of the last run · Cairo renderer · …
 */
static void
update_machine (JugglerResults *self)
{
  g_autoptr(JugglerResult) latest = g_list_model_get_item (G_LIST_MODEL (self->store), 0);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *renderer = dup_renderer_name (self);
  guint cores = latest != NULL ? juggler_result_get_cores (latest) : 0;

  if (cores == 0)
    cores = g_get_num_processors ();
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u core", "%u cores", cores),
                          cores);

  if (latest != NULL && juggler_result_get_load_average (latest) >= 0)
    {
      /* TRANSLATORS: separates the parts of the machine line under the results */
      g_string_append (text, _(" · "));
      g_string_append_printf (text, _("load average %.2f at the start of the last run"),
                              juggler_result_get_load_average (latest));
      if (juggler_result_get_noisy (latest))
        {
          g_string_append_c (text, ' ');
          g_string_append (text, _("(busy: figures are noisy)"));
        }
    }

  if (renderer != NULL)
    {
      g_string_append (text, _(" · "));
      /* TRANSLATORS: %s is GTK's renderer, "Cairo", "GL" or "Ngl" */
      g_string_append_printf (text, _("%s renderer"), renderer);
    }

  if (latest != NULL && juggler_result_get_kind (latest) == JUGGLER_WORKLOAD_NET)
    {
      g_string_append (text, _(" · "));
      g_string_append (text, juggler_result_get_embedded_server (latest)
                               ? _("embedded server in this process")
                               : _("requests to another host"));
    }

  gtk_label_set_label (self->machine, text->str);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->machine),
                               _("The machine the figures come from. A load average near the "
                                 "number of cores means other processes competed for them: such "
                                 "runs get a Noisy badge. The embedded server answers requests on "
                                 "threads of this process, sharing its cores with the strategy"));
}

static void
juggler_results_realize (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (juggler_results_parent_class)->realize (widget);

  update_machine (JUGGLER_RESULTS (widget));
}

static void
juggler_results_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  JugglerResults *self = JUGGLER_RESULTS (widget);

  GTK_WIDGET_CLASS (juggler_results_parent_class)->size_allocate (widget, width, height, baseline);
  if (self->menu != NULL)
    gtk_popover_present (GTK_POPOVER (self->menu));
}

static void
juggler_results_real_add_toast (JugglerResults *self,
                                AdwToast       *toast)
{
  juggler_export_dialog_add_toast (GTK_WIDGET (self), toast);
}

static void
juggler_results_dispose (GObject *object)
{
  JugglerResults *self = JUGGLER_RESULTS (object);
  GtkWidget *child;

  g_clear_handle_id (&self->scroll_to_top_id, g_source_remove);
  g_clear_pointer (&self->menu, gtk_widget_unparent);
  gtk_widget_dispose_template (GTK_WIDGET (object), JUGGLER_TYPE_RESULTS);

  /* dispose_template() only drops the bound children; a layout-managed widget owns all. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, store_items_changed_cb, self);
  g_clear_object (&self->selection);
  g_clear_object (&self->sorted);
  g_clear_object (&self->store);
  g_clear_pointer (&self->columns, g_ptr_array_unref);
  g_clear_pointer (&self->cleared, g_ptr_array_unref);
  g_clear_object (&self->group_sorter);
  g_clear_pointer (&self->group_ranks, g_hash_table_unref);

  G_OBJECT_CLASS (juggler_results_parent_class)->dispose (object);
}

static void
juggler_results_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  JugglerResults *self = JUGGLER_RESULTS (object);

  switch (prop_id)
    {
    case PROP_N_RESULTS:
      g_value_set_uint (value, juggler_results_get_n_results (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Like GtkBox: as expanding as a child, so the list takes the room its page gives it. */
static void
juggler_results_compute_expand (GtkWidget *widget,
                                gboolean  *hexpand,
                                gboolean  *vexpand)
{
  *hexpand = FALSE;
  *vexpand = FALSE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      *hexpand = *hexpand || gtk_widget_compute_expand (child, GTK_ORIENTATION_HORIZONTAL);
      *vexpand = *vexpand || gtk_widget_compute_expand (child, GTK_ORIENTATION_VERTICAL);
    }
}

static void
juggler_results_class_init (JugglerResultsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = juggler_results_dispose;
  object_class->get_property = juggler_results_get_property;
  widget_class->compute_expand = juggler_results_compute_expand;
  widget_class->size_allocate = juggler_results_size_allocate;

  properties[PROP_N_RESULTS] =
    g_param_spec_uint ("n-results", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A toast for the window's AdwToastOverlay: by default it goes to the nearest ancestor
   * overlay; a handler can show it elsewhere and stop the emission. */
  signals[ADD_TOAST] =
    g_signal_new_class_handler ("add-toast",
                                G_TYPE_FROM_CLASS (klass),
                                G_SIGNAL_RUN_LAST,
                                G_CALLBACK (juggler_results_real_add_toast),
                                NULL, NULL, NULL,
                                G_TYPE_NONE, 1, ADW_TYPE_TOAST);

  g_type_ensure (JUGGLER_TYPE_WIDTH_BIN);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/juggler/Juggler/juggler-results.ui");
  gtk_widget_class_bind_template_child (widget_class, JugglerResults, stack);
  gtk_widget_class_bind_template_child (widget_class, JugglerResults, view);
  gtk_widget_class_bind_template_child (widget_class, JugglerResults, machine);
  gtk_widget_class_bind_template_child_full (widget_class, "export_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "export_menu", FALSE, 0);

  gtk_widget_class_install_action (widget_class, "results.clear", NULL, clear_action);
  gtk_widget_class_install_action (widget_class, "results.remove-selected", NULL,
                                   remove_selected_action);
  gtk_widget_class_install_action (widget_class, "results.copy-selected", NULL,
                                   copy_selected_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK,
                                       "results.copy-selected", NULL);
  gtk_widget_class_install_action (widget_class, "results.copy-command", NULL,
                                   copy_command_action);
  gtk_widget_class_install_action (widget_class, "results.export", "s", export_action);
  /* The menu shows the last binding of an action: Delete rather than KP Delete. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0,
                                       "results.remove-selected", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0,
                                       "results.remove-selected", NULL);

  widget_class->realize = juggler_results_realize;

  gtk_widget_class_set_css_name (widget_class, "results");
}

static void
juggler_results_init (JugglerResults *self)
{
  GtkMultiSorter *sorter;
  GtkGesture *click;
  GtkGesture *long_press;

  gtk_widget_init_template (GTK_WIDGET (self));
  juggler_menu_button_set_menu_model_on_open (
    GTK_MENU_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (self), JUGGLER_TYPE_RESULTS,
                                                    "export_button")),
    G_MENU_MODEL (gtk_widget_get_template_child (GTK_WIDGET (self), JUGGLER_TYPE_RESULTS,
                                                 "export_menu")));

  self->store = g_list_store_new (JUGGLER_TYPE_RESULT);
  self->group_ranks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->group_sorter = GTK_SORTER (gtk_custom_sorter_new (compare_groups_cb, self, NULL));
  sorter = gtk_multi_sorter_new ();
  gtk_multi_sorter_append (sorter, g_object_ref (self->group_sorter));
  gtk_multi_sorter_append (sorter, g_object_ref (gtk_column_view_get_sorter (self->view)));
  self->sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->store)),
                                          GTK_SORTER (sorter));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sorted)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->view, GTK_SELECTION_MODEL (self->selection));

  self->columns = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < G_N_ELEMENTS (columns_info); i++)
    {
      GtkColumnViewColumn *column = column_new (&columns_info[i]);

      g_ptr_array_add (self->columns, column);
    }


  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (menu_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->view), GTK_EVENT_CONTROLLER (click));
  long_press = gtk_gesture_long_press_new ();
  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (long_press), TRUE);
  g_signal_connect (long_press, "pressed", G_CALLBACK (menu_long_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->view), GTK_EVENT_CONTROLLER (long_press));

  g_signal_connect_swapped (self->store, "items-changed", G_CALLBACK (store_items_changed_cb),
                            self);
  store_items_changed_cb (self, 0, 0, 0);
}

GtkWidget *
juggler_results_new (void)
{
  return g_object_new (JUGGLER_TYPE_RESULTS, NULL);
}

static gboolean
scroll_to_top_cb (gpointer user_data)
{
  JugglerResults *self = user_data;
  GtkAdjustment *vadjustment = self->view != NULL
                                 ? gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->view))
                                 : NULL;

  self->scroll_to_top_id = 0;
  if (vadjustment != NULL)
    gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_lower (vadjustment));

  return G_SOURCE_REMOVE;
}

void
juggler_results_add (JugglerResults *self,
                     JugglerResult  *result)
{
  g_return_if_fail (JUGGLER_IS_RESULTS (self));
  g_return_if_fail (JUGGLER_IS_RESULT (result));

  g_list_store_insert (self->store, 0, result);
  /* The list keeps in view the rows it showed, which leaves the new one above them, out of
   * sight when the list is short: after its next layout it goes to the top, where the
   * newest is. */
  if (self->scroll_to_top_id == 0)
    self->scroll_to_top_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, scroll_to_top_cb,
                                              g_object_ref (self), g_object_unref);

  if (juggler_result_get_mostly_failed (result))
    {
      g_autofree char *kinds = dup_failures_line (result);
      AdwToast *toast;

      toast = adw_toast_new_format (_("%u of %u requests failed: %s"),
                                    juggler_result_get_n_failed (result),
                                    juggler_result_get_n_requests (result), kinds);
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      adw_toast_set_timeout (toast, 0);
      emit_toast (self, toast);
    }
}

gboolean
juggler_results_mark_repeats (JugglerResults *self,
                              guint           n)
{
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree double *walls = NULL;
  JugglerSummary summary;
  double min_s = INFINITY;
  gboolean median_found = FALSE;

  g_return_val_if_fail (JUGGLER_IS_RESULTS (self), FALSE);

  if (n == 0 || g_list_model_get_n_items (G_LIST_MODEL (self->store)) < n)
    return FALSE;

  walls = g_new (double, n);
  for (guint i = 0; i < n; i++)
    {
      JugglerResult *result = g_list_model_get_item (G_LIST_MODEL (self->store), i);

      g_ptr_array_add (results, result);
      if (juggler_result_get_stopped (result) ||
          g_strcmp0 (juggler_result_get_workload_key (result),
                     juggler_result_get_workload_key (g_ptr_array_index (results, 0))) != 0)
        return FALSE;
      walls[i] = juggler_result_get_wall_s (result);
      min_s = MIN (min_s, walls[i]);
    }

  /* The median as juggler-bench --repeat picks it: the nearest-rank p50, a run's own time. */
  juggler_summarize_values (walls, n, &summary);
  for (guint i = 0; i < n; i++)
    {
      JugglerResult *result = g_ptr_array_index (results, i);
      gboolean is_median = !median_found && juggler_result_get_wall_s (result) == summary.p50;

      median_found |= is_median;
      /* The store is newest first: the first run of the series is the last of these. */
      juggler_result_set_repeat (result, n - i, n, is_median, summary.p50, min_s, summary.max);
    }

  /* The rows show the marks once they are bound again. */
  g_list_model_items_changed (G_LIST_MODEL (self->store), 0, n, n);

  return TRUE;
}

void
juggler_results_remove (JugglerResults *self,
                        JugglerResult  *result)
{
  guint position;

  g_return_if_fail (JUGGLER_IS_RESULTS (self));
  g_return_if_fail (JUGGLER_IS_RESULT (result));

  if (g_list_store_find (self->store, result, &position))
    g_list_store_remove (self->store, position);
}

void
juggler_results_clear (JugglerResults *self)
{
  guint n;
  AdwToast *toast;

  g_return_if_fail (JUGGLER_IS_RESULTS (self));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  if (n == 0)
    return;

  g_clear_pointer (&self->cleared, g_ptr_array_unref);
  self->cleared = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (self->cleared, g_list_model_get_item (G_LIST_MODEL (self->store), i));
  g_list_store_remove_all (self->store);

  toast = adw_toast_new (_("Results cleared"));
  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_clear_cb), self,
                           G_CONNECT_SWAPPED);
  emit_toast (self, toast);
}

guint
juggler_results_get_n_results (JugglerResults *self)
{
  g_return_val_if_fail (JUGGLER_IS_RESULTS (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->store));
}

GListModel *
juggler_results_get_model (JugglerResults *self)
{
  g_return_val_if_fail (JUGGLER_IS_RESULTS (self), NULL);

  return G_LIST_MODEL (self->sorted);
}

gboolean
juggler_results_save (JugglerResults  *self,
                      GFile           *file,
                      gboolean         json,
                      GError         **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (JUGGLER_IS_RESULTS (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  text = json ? juggler_results_export_json (G_LIST_MODEL (self->sorted))
              : juggler_results_export_csv (G_LIST_MODEL (self->sorted));
  return g_file_replace_contents (file, text, strlen (text), NULL, FALSE,
                                  G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, error);
}
