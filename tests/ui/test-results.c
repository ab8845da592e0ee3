/* test-results.c: the results list: rows of both kinds, sorting, removal, honest speed-ups
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <math.h>

#include "juggler-http-workload.h"
#include "juggler-results.h"
#include "juggler-test-window.h"

static const JugglerCpuParams cpu_params = { 800, 600, 32, 2000 };
static const JugglerCpuParams other_cpu_params = { 800, 600, 32, 20000 };

static JugglerReport *
cpu_report (const char *strategy,
            guint       workers,
            double      wall_s)
{
  JugglerReport *report = juggler_report_new ();

  report->workload = g_strdup ("cpu");
  report->strategy = g_strdup (strategy);
  g_ptr_array_add (report->strategies, g_strdup (strategy));
  report->progress_mode = g_strdup ("coalesced");
  report->workers = workers;
  report->jobs = report->completed = 475;
  report->wall_s = wall_s;
  report->job_cpu_s = 1.2;
  report->throughput_jobs_s = report->jobs / wall_s;
  report->loop_latency_ms = (JugglerSummary) { 0.3, 1.1, 1.2, 100 };
  report->frame_interval_ms = (JugglerSummary) { 16.7, 33.4, 50.1, 60 };
  report->frames = 60;

  return report;
}

static JugglerResult *
cpu_result (const char *strategy,
            guint       workers,
            double      wall_s)
{
  g_autoptr(JugglerReport) report = cpu_report (strategy, workers, wall_s);

  return juggler_result_new_cpu (report, &cpu_params);
}

/* Ten threads fetching 20 requests from a 200 ms server. */
static JugglerResult *
net_result (guint timeouts,
            guint refused)
{
  g_autoptr(JugglerReport) report = juggler_report_new ();
  JugglerNetParams params = {
    .latency_ms = 200,
    .size = 16384,
  };

  report->workload = g_strdup ("net");
  report->strategy = g_strdup ("threads");
  g_ptr_array_add (report->strategies, g_strdup ("threads"));
  report->progress_mode = g_strdup ("per-event");
  report->workers = 10;
  report->jobs = report->completed = 20;
  report->wall_s = 0.4;
  report->throughput_jobs_s = 50;
  report->concurrency = 500;
  report->tuned_connections = TRUE;
  report->http = g_new0 (JugglerHttpStats, 1);
  report->http->requests = 20;
  report->http->peak_in_flight = 10;
  report->http->average_in_flight = 9.6;
  report->http->outcomes[JUGGLER_HTTP_OK] = 20 - timeouts - refused;
  report->http->outcomes[JUGGLER_HTTP_TIMEOUT] = timeouts;
  report->http->outcomes[JUGGLER_HTTP_REFUSED] = refused;
  report->http->request_ms = (JugglerSummary) { 201, 204, 208, 20 };

  return juggler_result_new_net (report, &params);
}

typedef struct
{
  GtkWindow      *window;
  JugglerResults *results;
  guint           n_results_notified;
  GPtrArray      *toasts;
} Fixture;

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
add_toast_cb (JugglerResults *results,
              AdwToast       *toast,
              Fixture        *fixture)
{
  g_ptr_array_add (fixture->toasts, g_object_ref (toast));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->window = GTK_WINDOW (gtk_window_new ());
  fixture->results = JUGGLER_RESULTS (juggler_results_new ());
  fixture->toasts = g_ptr_array_new_with_free_func (g_object_unref);
  gtk_window_set_default_size (fixture->window, 1100, 300);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->results));
  g_signal_connect (fixture->results, "notify::n-results", G_CALLBACK (count_notify_cb),
                    &fixture->n_results_notified);
  g_signal_connect (fixture->results, "add-toast", G_CALLBACK (add_toast_cb), fixture);
  juggler_test_present (fixture->window);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_ptr_array_unref (fixture->toasts);
  gtk_window_destroy (fixture->window);
}

static JugglerResult *
model_item (JugglerResults *results,
            guint           position)
{
  GListModel *model = juggler_results_get_model (results);
  g_autoptr(JugglerResult) result = g_list_model_get_item (model, position);

  /* The list holds a reference: borrowed is enough for comparisons. */
  return result;
}

static GtkColumnView *
find_column_view (GtkWidget *widget)
{
  if (GTK_IS_COLUMN_VIEW (widget))
    return GTK_COLUMN_VIEW (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkColumnView *view = find_column_view (child);

      if (view != NULL)
        return view;
    }

  return NULL;
}

static GtkColumnViewColumn *
find_column (GtkColumnView *view,
             const char    *title)
{
  GListModel *columns = gtk_column_view_get_columns (view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), title) == 0)
        return column;
    }

  g_assert_not_reached ();
}

static void
collect_labels (GtkWidget *widget,
                GString   *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_is_visible (widget))
    g_string_append_printf (text, "[%s]", gtk_label_get_label (GTK_LABEL (widget)));

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, text);
}

/* The text of every visible label, after the list has laid out its rows. */
static char *
shown_text (Fixture *fixture)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < 10; i++)
    g_main_context_iteration (NULL, FALSE);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);

  collect_labels (GTK_WIDGET (fixture->results), text);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
test_add_both_kinds (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(JugglerResult) cpu = cpu_result ("threads", 2, 0.62);
  g_autoptr(JugglerResult) net = net_result (0, 0);
  GtkColumnView *view = find_column_view (GTK_WIDGET (fixture->results));
  g_autofree char *text = NULL;

  g_assert_nonnull (view);
  g_assert_cmpuint (juggler_results_get_n_results (fixture->results), ==, 0);

  juggler_results_add (fixture->results, cpu);
  g_assert_cmpuint (fixture->n_results_notified, ==, 1);
  /* A list of CPU runs shows only CPU columns. */
  g_assert_true (gtk_column_view_column_get_visible (find_column (view, "Speed-Up")));
  g_assert_false (gtk_column_view_column_get_visible (find_column (view, "Peak in Flight")));

  juggler_results_add (fixture->results, net);
  g_assert_cmpuint (fixture->n_results_notified, ==, 2);
  g_assert_cmpuint (juggler_results_get_n_results (fixture->results), ==, 2);
  g_assert_true (gtk_column_view_column_get_visible (find_column (view, "Peak in Flight")));

  /* Newest first, and each row says what ran. */
  g_assert_true (model_item (fixture->results, 0) == net);
  g_assert_true (model_item (fixture->results, 1) == cpu);
  g_assert_cmpint (juggler_result_get_kind (net), ==, JUGGLER_WORKLOAD_NET);
  g_assert_cmpstr (juggler_result_get_workload_title (cpu), ==, "800×600 px, tile 32, 2000 iterations");
  g_assert_true (g_str_has_prefix (juggler_result_get_workload_title (net), "20 requests, 200 ms, "));
  g_assert_cmpstr (juggler_result_get_progress_title (net), ==, "progress per event");
  g_assert_cmpstr (juggler_result_get_strategy_title (cpu), ==, "Worker Threads");

  text = shown_text (fixture);
  g_assert_nonnull (strstr (text, "[800×600 px, tile 32, 2000 iterations · coalesced progress]"));
  g_assert_nonnull (strstr (text, "[620 ms]"));
  g_assert_nonnull (strstr (text, "kB each · progress per event]"));
}

static void
test_sort (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(JugglerResult) slow = cpu_result ("cooperative", 1, 3.9);
  g_autoptr(JugglerResult) fast = cpu_result ("threads", 2, 0.62);
  g_autoptr(JugglerResult) middle = cpu_result ("blocking", 1, 1.2);
  GtkColumnView *view = find_column_view (GTK_WIDGET (fixture->results));

  juggler_results_add (fixture->results, slow);
  juggler_results_add (fixture->results, fast);
  juggler_results_add (fixture->results, middle);
  g_assert_true (model_item (fixture->results, 0) == middle);

  gtk_column_view_sort_by_column (view, find_column (view, "Wall Time"), GTK_SORT_ASCENDING);
  g_assert_true (model_item (fixture->results, 0) == fast);
  g_assert_true (model_item (fixture->results, 1) == middle);
  g_assert_true (model_item (fixture->results, 2) == slow);

  gtk_column_view_sort_by_column (view, find_column (view, "Wall Time"), GTK_SORT_DESCENDING);
  g_assert_true (model_item (fixture->results, 0) == slow);
  g_assert_true (model_item (fixture->results, 2) == fast);

  /* By name: Block the UI Thread, Main-Loop Slices, Worker Threads. */
  gtk_column_view_sort_by_column (view, find_column (view, "Run"), GTK_SORT_ASCENDING);
  g_assert_true (model_item (fixture->results, 0) == middle);
  g_assert_true (model_item (fixture->results, 2) == fast);
}

static void
test_grouped_by_workload (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(JugglerResult) first = cpu_result ("threads", 1, 1.2);
  g_autoptr(JugglerReport) other_report = cpu_report ("threads", 2, 0.1);
  g_autoptr(JugglerResult) other = juggler_result_new_cpu (other_report, &other_cpu_params);
  g_autoptr(JugglerResult) third = cpu_result ("threads", 2, 0.6);
  GtkColumnView *view = find_column_view (GTK_WIDGET (fixture->results));

  juggler_results_add (fixture->results, first);
  juggler_results_add (fixture->results, other);
  g_assert_true (model_item (fixture->results, 0) == other);

  /* A new run of the first workload brings its group back on top, older run included. */
  juggler_results_add (fixture->results, third);
  g_assert_true (model_item (fixture->results, 0) == third);
  g_assert_true (model_item (fixture->results, 1) == first);
  g_assert_true (model_item (fixture->results, 2) == other);

  /* The fastest run of another workload does not sort among this one's. */
  gtk_column_view_sort_by_column (view, find_column (view, "Wall Time"), GTK_SORT_ASCENDING);
  g_assert_true (model_item (fixture->results, 0) == third);
  g_assert_true (model_item (fixture->results, 1) == first);
  g_assert_true (model_item (fixture->results, 2) == other);

  juggler_results_remove (fixture->results, third);
  juggler_results_remove (fixture->results, first);
  g_assert_true (model_item (fixture->results, 0) == other);
}

static void
test_remove_and_clear (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(JugglerResult) first = cpu_result ("threads", 1, 1.22);
  g_autoptr(JugglerResult) second = cpu_result ("threads", 2, 0.62);
  g_autoptr(JugglerResult) third = cpu_result ("blocking", 1, 1.2);
  GtkColumnView *view = find_column_view (GTK_WIDGET (fixture->results));
  GtkSelectionModel *selection = gtk_column_view_get_model (view);

  juggler_results_add (fixture->results, first);
  juggler_results_add (fixture->results, second);
  juggler_results_add (fixture->results, third);
  fixture->n_results_notified = 0;

  juggler_results_remove (fixture->results, second);
  g_assert_cmpuint (juggler_results_get_n_results (fixture->results), ==, 2);
  g_assert_cmpuint (fixture->n_results_notified, ==, 1);
  g_assert_true (model_item (fixture->results, 0) == third);
  g_assert_true (model_item (fixture->results, 1) == first);

  /* Delete removes the selected row. */
  gtk_selection_model_select_item (selection, 0, TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->results),
                                             "results.remove-selected", NULL));
  g_assert_cmpuint (juggler_results_get_n_results (fixture->results), ==, 1);
  g_assert_true (model_item (fixture->results, 0) == first);

  juggler_results_add (fixture->results, third);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->results), "results.clear", NULL));
  g_assert_cmpuint (juggler_results_get_n_results (fixture->results), ==, 0);
  g_assert_cmpuint (fixture->n_results_notified, ==, 4);
  /* Nothing left to clear: no second toast. */
  juggler_results_clear (fixture->results);

  /* The Clear toast's Undo brings every row back, in its order. */
  g_assert_cmpuint (fixture->toasts->len, ==, 1);
  g_signal_emit_by_name (g_ptr_array_index (fixture->toasts, 0), "button-clicked");
  g_assert_cmpuint (juggler_results_get_n_results (fixture->results), ==, 2);
  g_assert_true (model_item (fixture->results, 0) == third);
  g_assert_true (model_item (fixture->results, 1) == first);
}

static void
test_speedup_needs_baseline (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(JugglerResult) two = cpu_result ("threads", 2, 0.6);
  g_autoptr(JugglerResult) one = cpu_result ("threads", 1, 1.2);
  g_autoptr(JugglerResult) slices = cpu_result ("cooperative", 1, 3.6);
  g_autoptr(JugglerReport) other_report = cpu_report ("threads", 2, 3.0);
  g_autoptr(JugglerResult) other = juggler_result_new_cpu (other_report, &other_cpu_params);
  g_autoptr(JugglerReport) stopped_report = cpu_report ("threads", 2, 0.3);
  g_autoptr(JugglerResult) stopped = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  guint notified = 0;

  stopped_report->completed = 100;
  stopped_report->cancelled = TRUE;
  stopped = juggler_result_new_cpu (stopped_report, &cpu_params);
  g_signal_connect (two, "notify::speedup", G_CALLBACK (count_notify_cb), &notified);

  juggler_results_add (fixture->results, two);
  juggler_results_add (fixture->results, slices);
  juggler_results_add (fixture->results, other);
  juggler_results_add (fixture->results, stopped);
  g_assert_false (juggler_result_is_baseline (two));
  g_assert_cmpfloat (juggler_result_get_speedup (two), ==, 0);
  g_assert_cmpuint (notified, ==, 0);
  /* Cores busy is its own figure, shown without a baseline. */
  g_assert_cmpfloat_with_epsilon (juggler_result_get_cores_busy (two), 2.0, 1e-9);
  before = shown_text (fixture);
  g_assert_null (strstr (before, "×]"));
  g_assert_nonnull (strstr (before, "[2.00]"));
  g_assert_nonnull (strstr (before, "[Stopped at 21 %]"));

  /* One worker thread on the same workload is the baseline, for every run of it. */
  juggler_results_add (fixture->results, one);
  g_assert_true (juggler_result_is_baseline (one));
  g_assert_cmpfloat_with_epsilon (juggler_result_get_speedup (two), 2.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (juggler_result_get_speedup (slices), 1.0 / 3, 1e-9);
  g_assert_cmpfloat_with_epsilon (juggler_result_get_speedup (one), 1.0, 1e-9);
  g_assert_cmpuint (notified, ==, 1);
  after = shown_text (fixture);
  g_assert_nonnull (strstr (after, "[2.00×]"));
  g_assert_nonnull (strstr (after, "[0.33×]"));

  /* Not across workloads, and not for a run that did not finish. */
  g_assert_cmpfloat (juggler_result_get_speedup (other), ==, 0);
  g_assert_cmpfloat (juggler_result_get_speedup (stopped), ==, 0);

  /* Without its baseline in the list, the figure goes. */
  juggler_results_remove (fixture->results, one);
  g_assert_cmpfloat (juggler_result_get_speedup (two), ==, 0);
  g_assert_cmpuint (notified, ==, 2);
}

static void
test_net_figures (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(JugglerResult) healthy = net_result (0, 0);
  g_autoptr(JugglerResult) failing = net_result (17, 1);
  g_autofree char *failures = NULL;
  g_autofree char *text = NULL;

  /* Never more in flight than the ten threads allow. */
  g_assert_cmpuint (juggler_result_get_limit (healthy), ==, 10);
  g_assert_cmpuint (juggler_result_get_peak_in_flight (healthy), <=, 10);
  g_assert_cmpfloat (juggler_result_get_mean_in_flight (healthy), <=, 10);
  g_assert_cmpfloat_with_epsilon (juggler_result_get_cap_per_s (healthy), 50, 1e-9);
  g_assert_cmpfloat (juggler_result_get_requests_per_s (healthy), <=,
                     juggler_result_get_cap_per_s (healthy));

  juggler_results_add (fixture->results, healthy);
  g_assert_cmpuint (fixture->toasts->len, ==, 0);

  g_assert_cmpuint (juggler_result_get_n_failed (failing), ==, 18);
  g_assert_true (juggler_result_get_mostly_failed (failing));
  failures = juggler_result_dup_failures_text (failing);
  g_assert_cmpstr (failures, ==, "17 timed out\n1 refused");

  /* Most requests failed: the page gets a toast to show. */
  juggler_results_add (fixture->results, failing);
  g_assert_cmpuint (fixture->toasts->len, ==, 1);
  g_assert_cmpstr (adw_toast_get_title (g_ptr_array_index (fixture->toasts, 0)), ==,
                   "18 of 20 requests failed: 17 timed out, 1 refused");

  text = shown_text (fixture);
  g_assert_nonnull (strstr (text, "[18 failed]"));
  g_assert_nonnull (strstr (text, "[50.0]"));
  /* The average in flight is the HTTP stats' own figure. */
  g_assert_nonnull (strstr (text, "[9.6]"));
}

typedef struct
{
  char     *text;
  gboolean  done;
} ClipboardRead;

static void
read_text_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  ClipboardRead *read = user_data;
  g_autoptr(GError) error = NULL;

  read->text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, &error);
  g_assert_no_error (error);
  read->done = TRUE;
}

static void
test_copy (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(JugglerResult) failing = net_result (17, 1);
  GtkColumnView *view = find_column_view (GTK_WIDGET (fixture->results));
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (fixture->results));
  ClipboardRead read = { NULL, FALSE };
  g_autofree char *text = NULL;

  juggler_results_add (fixture->results, failing);
  gtk_selection_model_select_item (gtk_column_view_get_model (view), 0, TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->results),
                                             "results.copy-selected", NULL));

  gdk_clipboard_read_text_async (clipboard, NULL, read_text_cb, &read);
  g_assert_true (juggler_test_iterate_until (&read.done, 10));
  text = read.text;

  /* What ran, how it failed and every figure, each with its column's name. */
  g_assert_true (g_str_has_prefix (text, "Worker Threads · 20 requests, 200 ms, "));
  g_assert_nonnull (strstr (text, "(failed: 17 timed out, 1 refused)"));
  g_assert_nonnull (strstr (text, "; Peak in Flight: 10"));
  g_assert_nonnull (strstr (text, "; Wall Time: 400 ms"));
}

/* Strategies whose thread count GLib or the workload decides, not the Workers setting. */
static void
test_limits_of_other_pools (void)
{
  g_autoptr(JugglerReport) shared = juggler_report_new ();
  g_autoptr(JugglerReport) per_job = juggler_report_new ();
  g_autoptr(JugglerResult) shared_result = NULL;
  g_autoptr(JugglerResult) per_job_result = NULL;
  g_autoptr(JugglerResult) per_tile_result = NULL;
  JugglerNetParams params = { .latency_ms = 200, .size = 1024 };

  g_ptr_array_add (shared->strategies, g_strdup ("shared-pool"));
  shared->workers = 2;
  shared->threads_used = 12;
  shared->jobs = shared->completed = 500;
  shared_result = juggler_result_new_net (shared, &params);
  g_assert_cmpuint (juggler_result_get_limit (shared_result), ==, 12);
  g_assert_cmpfloat_with_epsilon (juggler_result_get_cap_per_s (shared_result), 60, 1e-9);

  g_ptr_array_add (per_job->strategies, g_strdup ("thread-per-job"));
  per_job->workers = 2;
  per_job->threads_used = 480;
  /* 480 threads ran, but never more than 300 at once: the Workers column says 300. */
  per_job->peak_jobs_in_flight = 300;
  per_job->jobs = per_job->completed = 500;
  per_job_result = juggler_result_new_net (per_job, &params);
  g_assert_cmpuint (juggler_result_get_limit (per_job_result), ==, 500);
  per_tile_result = juggler_result_new_cpu (per_job, &cpu_params);
  g_assert_cmpuint (juggler_result_get_workers (per_tile_result), ==, 300);
  g_assert_false (juggler_result_is_baseline (per_tile_result));
}

static void
test_header_tooltips (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(JugglerResult) cpu = cpu_result ("threads", 2, 0.62);
  GtkColumnView *view = find_column_view (GTK_WIDGET (fixture->results));
  GListModel *columns = gtk_column_view_get_columns (view);
  GtkWidget *header;
  guint n_titles = 0;

  /* The columns come with the first result (see test_columns_with_first_result). */
  juggler_results_add (fixture->results, cpu);
  g_assert_cmpuint (g_list_model_get_n_items (columns), >, 10);
  header = gtk_widget_get_first_child (GTK_WIDGET (view));

  for (GtkWidget *title = gtk_widget_get_first_child (header); title != NULL;
       title = gtk_widget_get_next_sibling (title), n_titles++)
    {
      const char *tooltip = gtk_widget_get_tooltip_text (title);

      g_assert_nonnull (tooltip);
      g_assert_cmpuint (strlen (tooltip), >, 20);
    }

  /* One title widget per column: the tooltips are where the columns are. */
  g_assert_cmpuint (n_titles, ==, g_list_model_get_n_items (columns));
}

/* The view gets its columns, and so its header titles, with the first result: the window
 * at rest shows the placeholder, not the list. Clearing keeps them. */
static void
test_columns_with_first_result (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(JugglerResult) cpu = cpu_result ("threads", 2, 0.62);
  GtkColumnView *view = find_column_view (GTK_WIDGET (fixture->results));
  GListModel *columns = gtk_column_view_get_columns (view);
  guint n_columns;

  g_assert_cmpuint (g_list_model_get_n_items (columns), ==, 0);

  juggler_results_add (fixture->results, cpu);
  n_columns = g_list_model_get_n_items (columns);
  g_assert_cmpuint (n_columns, >, 10);
  g_assert_true (gtk_column_view_column_get_visible (find_column (view, "Speed-Up")));

  gtk_widget_activate_action (GTK_WIDGET (fixture->results), "results.clear", NULL);
  g_assert_cmpuint (juggler_results_get_n_results (fixture->results), ==, 0);
  juggler_results_add (fixture->results, cpu);
  g_assert_cmpuint (g_list_model_get_n_items (columns), ==, n_columns);
}

/* The tooltips of the visible labels that read TEXT, joined by "|". */
static void
collect_tooltips (GtkWidget  *widget,
                  const char *text,
                  GString    *tooltips)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_is_visible (widget) &&
      g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
    g_string_append_printf (tooltips, "%s|", gtk_widget_get_tooltip_text (widget));

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_tooltips (child, text, tooltips);
}

static char *
stall_tooltips (Fixture *fixture)
{
  g_autoptr(GString) tooltips = g_string_new (NULL);
  g_autofree char *text = shown_text (fixture);

  /* cpu_report()'s frames: p99 33 ms (good), the longest 50 ms (amber). */
  g_assert_nonnull (strstr (text, "[50 ms]"));
  collect_tooltips (GTK_WIDGET (fixture->results), "50 ms", tooltips);
  return g_string_free (g_steal_pointer (&tooltips), FALSE);
}

/* An amber stall says whether the strategy caused it on purpose or it came from elsewhere. */
static void
test_stall_context (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(JugglerResult) threads = cpu_result ("threads", 2, 0.62);
  g_autoptr(JugglerResult) blocking = cpu_result ("blocking", 1, 1.2);
  g_autoptr(JugglerReport) busy_report = cpu_report ("cooperative", 1, 2.1);
  g_autoptr(JugglerResult) busy = NULL;
  g_autofree char *tooltips = NULL;

  juggler_results_add (fixture->results, threads);
  tooltips = stall_tooltips (fixture);
  g_assert_nonnull (strstr (tooltips, "Not expected from this strategy"));
  g_assert_null (strstr (tooltips, "load average"));
  g_clear_pointer (&tooltips, g_free);

  juggler_results_remove (fixture->results, threads);
  juggler_results_add (fixture->results, blocking);
  tooltips = stall_tooltips (fixture);
  g_assert_true (g_str_has_prefix (tooltips, "Expected: "));
  g_clear_pointer (&tooltips, g_free);

  juggler_results_remove (fixture->results, blocking);
  busy_report->cores = 2;
  busy_report->load_average = 6.5;
  busy = juggler_result_new_cpu (busy_report, &cpu_params);
  g_assert_true (juggler_result_get_noisy (busy));
  juggler_results_add (fixture->results, busy);
  tooltips = stall_tooltips (fixture);
  g_assert_nonnull (strstr (tooltips, "load average 6.50 on 2 cores"));
}

static void
test_instances_independent (void)
{
  g_autoptr(JugglerResults) cpu_page = JUGGLER_RESULTS (g_object_ref_sink (juggler_results_new ()));
  g_autoptr(JugglerResults) net_page = JUGGLER_RESULTS (g_object_ref_sink (juggler_results_new ()));
  g_autoptr(JugglerResult) cpu = cpu_result ("threads", 1, 1.2);

  juggler_results_add (cpu_page, cpu);
  g_assert_cmpuint (juggler_results_get_n_results (cpu_page), ==, 1);
  g_assert_cmpuint (juggler_results_get_n_results (net_page), ==, 0);
}

static void
run_until_idle (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

/* A new row shows even when the list, a few rows high, was scrolled down to older ones
 * (the Network page at 1280×800 shows one row). */
static void
test_new_row_in_view (Fixture       *fixture,
                      gconstpointer  data)
{
  GtkColumnView *view = find_column_view (GTK_WIDGET (fixture->results));
  GtkAdjustment *vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));

  for (guint i = 0; i < 12; i++)
    {
      g_autoptr(JugglerResult) result = cpu_result ("threads", 2, 1.0 + i);

      juggler_results_add (fixture->results, result);
    }
  run_until_idle ();
  /* Twelve rows do not fit in the list's fixed height: there is somewhere to scroll. */
  g_assert_cmpfloat (gtk_adjustment_get_upper (vadjustment) -
                     gtk_adjustment_get_page_size (vadjustment), >, 0);

  gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_upper (vadjustment));
  run_until_idle ();
  g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment), >, 0);

  {
    g_autoptr(JugglerResult) newest = cpu_result ("cooperative", 1, 3.0);

    juggler_results_add (fixture->results, newest);
    run_until_idle ();
    g_assert_true (model_item (fixture->results, 0) == newest);
    g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment), ==,
                       gtk_adjustment_get_lower (vadjustment));
  }
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/results/add-both-kinds", test_add_both_kinds);
  ADD ("/results/sort", test_sort);
  ADD ("/results/grouped-by-workload", test_grouped_by_workload);
  ADD ("/results/remove-and-clear", test_remove_and_clear);
  ADD ("/results/speedup-needs-baseline", test_speedup_needs_baseline);
  ADD ("/results/net-figures", test_net_figures);
  ADD ("/results/copy", test_copy);
  ADD ("/results/header-tooltips", test_header_tooltips);
  ADD ("/results/columns-with-first-result", test_columns_with_first_result);
  ADD ("/results/stall-context", test_stall_context);
  ADD ("/results/new-row-in-view", test_new_row_in_view);
  g_test_add_func ("/results/instances-independent", test_instances_independent);
  g_test_add_func ("/results/limits-of-other-pools", test_limits_of_other_pools);

  return g_test_run ();
}
