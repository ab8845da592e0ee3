/* juggler-claims-page.c: the Claims page: each claim, its experiment, chart and verdict
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-claims-page"

#include "config.h"

#include "juggler-claims-page.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <time.h>

#include "juggler-claim-chart.h"
#include "juggler-reflow-box.h"
#include "juggler-strategy-info.h"

/* One measurable claim's row and what the page knows of it. */
typedef struct
{
  const JugglerClaim *claim;
  GtkWidget          *run_button;
  GtkWidget          *spinner;
  GtkWidget          *verdict_label;
  GtkWidget          *chart;
  GtkWidget          *result_label;
  GArray             *points;       /* JugglerPoint, owned */
  JugglerClaimResult *result;
  /* Why the last run did not finish (cancelled, failed); NULL once one does. */
  char               *error_text;
} ClaimRow;

struct _JugglerClaimsPage
{
  GtkWidget          parent_instance;

  GtkWidget         *scroller;
  GtkButton         *run_all_button;
  GtkButton         *cancel_button;
  GtkCheckButton    *quick_check;
  GtkLabel          *one_core_label;
  GtkLabel          *busy_label;
  GtkListBox        *claims_list;
  GtkWidget         *opinions_heading;
  GtkListBox        *opinions_list;

  GPtrArray         *rows;          /* ClaimRow */
  /* The claims whose rows are made, from the first of juggler_claims_get(): the rows come
   * a few at a time once the page is shown (see populate). */
  guint              n_made;
  guint              rows_tick_id;
  /* The frame that shows the page with its first rows: it makes no more. */
  gint64             first_rows_frame;
  GQueue             pending;       /* ClaimRow, waiting for Run All */
  ClaimRow          *current;
  JugglerExperiment *experiment;
  GCancellable      *cancellable;
  /* The window's frames while an experiment runs: intervals in ms. */
  GArray            *frame_ms;
  /* The UI thread's own CPU time between those frames, in ms: load on the machine makes
   * frames late, but only work on this thread adds to this. */
  GArray            *ui_cpu_ms;
  gint64             last_frame_us;
  double             last_cpu_ms;
  guint              tick_id;
  /* The title of the page where a run goes, or NULL. */
  char              *busy_page;
  /* Run All: the next claim waits for the frame that shows the last one's result. */
  GdkFrameClock     *gap_clock;
  gulong             gap_id;
};

enum {
  PROP_0,
  PROP_RUNNING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (JugglerClaimsPage, juggler_claims_page, GTK_TYPE_WIDGET)

static void start_next         (JugglerClaimsPage *self,
                                gboolean           continuing);
static void experiment_done_cb (GObject           *object,
                                GAsyncResult      *result,
                                gpointer           user_data);

/* An experiment runs, or waits its turn in Run All. */
static gboolean
is_busy (JugglerClaimsPage *self)
{
  return self->current != NULL || !g_queue_is_empty (&self->pending);
}

static void
point_clear (gpointer data)
{
  g_free (((JugglerPoint *) data)->series);
}

static void
claim_row_free (gpointer data)
{
  ClaimRow *row = data;

  g_array_unref (row->points);
  g_clear_pointer (&row->result, juggler_claim_result_free);
  g_free (row->error_text);
  g_free (row);
}

static ClaimRow *
find_row (JugglerClaimsPage *self,
          const char        *claim_id)
{
  const JugglerClaim *claim = juggler_claim_lookup (claim_id);

  for (guint i = 0; claim != NULL && i < self->rows->len; i++)
    {
      ClaimRow *row = g_ptr_array_index (self->rows, i);

      if (row->claim == claim)
        return row;
    }

  return NULL;
}

/* Each deciding figure in words with its unit ("Wall time, async: 76.2 ms"), then the
 * window's own, separated by separator. The names stay in the JSON. */
static char *
format_figures (const JugglerClaimResult *result,
                const char               *separator)
{
  static const char *window_figures[] = { "frame_p99_ms", "ui_cpu_max_ms" };
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; result->claim->deciding[i] != NULL; i++)
    {
      const char *name = result->claim->deciding[i];
      g_autofree char *figure = juggler_claim_dup_figure_display (result->claim,
                                                                  result->figures, name);

      if (figure == NULL)
        continue;
      g_string_append_printf (text, "%s%s", text->len > 0 ? separator : "", figure);
    }

  /* Whatever the claim, whether the window kept its frames while it ran. */
  for (guint i = 0; i < G_N_ELEMENTS (window_figures); i++)
    {
      g_autofree char *figure = NULL;

      if (g_strv_contains (result->claim->deciding, window_figures[i]))
        continue;
      figure = juggler_claim_dup_figure_display (result->claim, result->figures,
                                                 window_figures[i]);
      if (figure != NULL)
        g_string_append_printf (text, "%s%s", text->len > 0 ? separator : "", figure);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static const char *
verdict_css_class (JugglerVerdict verdict)
{
  switch (verdict)
    {
    case JUGGLER_VERDICT_CONFIRMED:
      return "success";
    case JUGGLER_VERDICT_REFUTED:
      return "error";
    case JUGGLER_VERDICT_PARTLY:
      return "warning";
    case JUGGLER_VERDICT_MEASURED:
    default:
      return "accent";
    }
}

static void
update_row (JugglerClaimsPage *self,
            ClaimRow          *row)
{
  static const char *classes[] = { "success", "error", "warning", "accent" };
  gboolean running = row == self->current;

  gtk_widget_set_visible (row->spinner, running);
  gtk_spinner_set_spinning (GTK_SPINNER (row->spinner), running);
  gtk_widget_set_sensitive (row->run_button, !is_busy (self) && self->busy_page == NULL);

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (row->verdict_label, classes[i]);

  if (row->result != NULL)
    {
      g_autofree char *figures = format_figures (row->result, "\n");
      g_autofree char *text = NULL;

      /* A later run that did not finish says so above the result it left in place. */
      if (row->error_text != NULL && !running)
        text = g_strdup_printf ("%s %s\n%s\n%s", row->error_text,
                                _("The result below is the earlier run’s."),
                                row->result->rule, figures);
      else
        text = g_strdup_printf ("%s\n%s", row->result->rule, figures);

      gtk_label_set_label (GTK_LABEL (row->verdict_label),
                           juggler_verdict_get_title (row->result->verdict));
      gtk_widget_add_css_class (row->verdict_label, verdict_css_class (row->result->verdict));
      gtk_label_set_label (GTK_LABEL (row->result_label), text);
    }
  else
    {
      gtk_label_set_label (GTK_LABEL (row->verdict_label),
                           running ? _("Running…")
                           : row->error_text != NULL ? _("Did not finish")
                           : _("Not run yet"));
      if (!running)
        gtk_label_set_label (GTK_LABEL (row->result_label),
                             row->error_text != NULL ? row->error_text : "");
    }
  /* Selectable, it is a Tab stop: not while it has nothing to select. */
  gtk_widget_set_visible (row->result_label,
                          *gtk_label_get_label (GTK_LABEL (row->result_label)) != '\0');

  juggler_claim_chart_points_changed (JUGGLER_CLAIM_CHART (row->chart));
}

/* The flow box's child, not only the control: Tab in a GtkFlowBox (GTK 4.8) moves to the
 * next sensitive child and stays put when that child's control cannot take the focus, so an
 * insensitive Cancel kept Tab on Run All for good. */
static void
set_tool_sensitive (GtkWidget *control,
                    gboolean   sensitive)
{
  GtkWidget *parent = gtk_widget_get_parent (control);

  gtk_widget_set_sensitive (GTK_IS_FLOW_BOX_CHILD (parent) ? parent : control, sensitive);
}

static void
update_all (JugglerClaimsPage *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    update_row (self, g_ptr_array_index (self->rows, i));

  set_tool_sensitive (GTK_WIDGET (self->run_all_button),
                      self->current == NULL && self->busy_page == NULL);
  set_tool_sensitive (GTK_WIDGET (self->cancel_button), self->current != NULL);
  set_tool_sensitive (GTK_WIDGET (self->quick_check), self->current == NULL);
}

static void
point_cb (JugglerExperiment *experiment,
          const char        *series,
          double             x,
          double             y,
          gpointer           user_data)
{
  JugglerClaimsPage *self = user_data;
  JugglerPoint point = { g_strdup (series), x, y };

  if (self->current == NULL || experiment != self->experiment)
    {
      g_free (point.series);
      return;
    }

  g_array_append_val (self->current->points, point);
  juggler_claim_chart_points_changed (JUGGLER_CLAIM_CHART (self->current->chart));
}

static gboolean
frame_tick_cb (GtkWidget     *widget,
               GdkFrameClock *frame_clock,
               gpointer       user_data)
{
  JugglerClaimsPage *self = JUGGLER_CLAIMS_PAGE (widget);
  gint64 now = gdk_frame_clock_get_frame_time (frame_clock);
  struct timespec cpu;
  double cpu_ms;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &cpu);
  cpu_ms = cpu.tv_sec * 1e3 + cpu.tv_nsec / 1e6;
  if (self->last_frame_us != 0)
    {
      double interval_ms = (now - self->last_frame_us) / 1000.0;
      double used_ms = cpu_ms - self->last_cpu_ms;

      g_array_append_val (self->frame_ms, interval_ms);
      g_array_append_val (self->ui_cpu_ms, used_ms);
    }
  self->last_frame_us = now;
  self->last_cpu_ms = cpu_ms;

  return G_SOURCE_CONTINUE;
}

static void
stop_recording_frames (JugglerClaimsPage *self)
{
  if (self->tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
  self->tick_id = 0;
}

static void
stop_gap (JugglerClaimsPage *self)
{
  if (self->gap_id != 0)
    g_signal_handler_disconnect (self->gap_clock, self->gap_id);
  self->gap_id = 0;
  g_clear_object (&self->gap_clock);
}

/* The current row's experiment, with the window's frames recorded from now on. */
static void
begin_current (JugglerClaimsPage *self)
{
  ClaimRow *row = self->current;

  self->experiment = juggler_experiment_new (row->claim->id,
                                             gtk_check_button_get_active (self->quick_check));
  /* The gui claim's requests then run on this window's loop, whose frames are recorded
   * (for every claim: the window must keep its frames while the others run too). */
  juggler_experiment_set_use_caller_loop (self->experiment, TRUE);
  g_array_set_size (self->frame_ms, 0);
  g_array_set_size (self->ui_cpu_ms, 0);
  self->last_frame_us = 0;
  self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), frame_tick_cb, NULL, NULL);
  g_signal_connect (self->experiment, "point", G_CALLBACK (point_cb), self);
  juggler_experiment_run_async (self->experiment, self->cancellable, experiment_done_cb,
                                g_object_ref (self));
}

static void
gap_after_paint_cb (GdkFrameClock     *clock,
                    JugglerClaimsPage *self)
{
  stop_gap (self);

  /* Cancelled in between: nothing started. */
  if (g_cancellable_is_cancelled (self->cancellable))
    {
      ClaimRow *row = self->current;

      g_free (row->error_text);
      row->error_text = g_strdup_printf (_("The experiment did not finish: %s"),
                                         _("cancelled before it started"));
      /* A result kept from an earlier run stays, with its own chart. */
      for (guint i = 0; row->result != NULL && i < row->result->points->len; i++)
        {
          const JugglerPoint *point = &g_array_index (row->result->points, JugglerPoint, i);
          JugglerPoint copy = { g_strdup (point->series), point->x, point->y };

          g_array_append_val (row->points, copy);
        }
      self->current = NULL;
      g_clear_object (&self->cancellable);
      g_queue_clear (&self->pending);
      update_all (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
      return;
    }

  begin_current (self);
}

/* An experiment starts once the frame that shows it running has been laid out and painted,
 * with the last result when Run All goes on: that frame's work is the page's, and recorded
 * with the claim it would count against it. It was a 33 ms frame for the locks claim, of
 * 16.9 ms UI thread time: a relayout of the whole page for "Running…" and the spinner. */
static void
begin_current_after_paint (JugglerClaimsPage *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (clock == NULL)
    {
      begin_current (self);
      return;
    }
  self->gap_clock = g_object_ref (clock);
  self->gap_id = g_signal_connect (clock, "after-paint", G_CALLBACK (gap_after_paint_cb), self);
  gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_LAYOUT);
}

static void
experiment_done_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(JugglerClaimsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  JugglerClaimResult *claim_result;
  ClaimRow *row;

  claim_result = juggler_experiment_run_finish (JUGGLER_EXPERIMENT (object), result, &error);
  /* Disposed meanwhile: its rows are gone. */
  if (self->rows == NULL)
    {
      g_clear_pointer (&claim_result, juggler_claim_result_free);
      return;
    }

  row = self->current;
  self->current = NULL;
  stop_recording_frames (self);
  g_signal_handlers_disconnect_by_data (object, self);
  g_clear_object (&self->experiment);
  g_clear_object (&self->cancellable);

  if (claim_result != NULL)
    {
      g_clear_pointer (&row->result, juggler_claim_result_free);
      juggler_claim_result_add_frames (claim_result, (double *) self->frame_ms->data,
                                       (double *) self->ui_cpu_ms->data, self->frame_ms->len);
      row->result = claim_result;
      g_clear_pointer (&row->error_text, g_free);
    }
  else
    {
      g_free (row->error_text);
      row->error_text = g_strdup_printf (_("The experiment did not finish: %s"),
                                         error->message);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_queue_clear (&self->pending);
      /* A result kept from an earlier run stays, with its own chart, not the cut-off one. */
      g_array_set_size (row->points, 0);
      for (guint i = 0; row->result != NULL && i < row->result->points->len; i++)
        {
          const JugglerPoint *point = &g_array_index (row->result->points, JugglerPoint, i);
          JugglerPoint copy = { g_strdup (point->series), point->x, point->y };

          g_array_append_val (row->points, copy);
        }
    }

  /* Run All goes on: only the row that finished and the next one change. Updating every
   * row would restyle every Run button twice, more than a frame's work on a slow machine. */
  if (!g_queue_is_empty (&self->pending))
    {
      update_row (self, row);
      start_next (self, TRUE);
      return;
    }

  update_all (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

/* continuing: Run All goes on from the claim that just finished. */
static void
start_next (JugglerClaimsPage *self,
            gboolean           continuing)
{
  ClaimRow *row;

  if (self->current != NULL || (row = g_queue_pop_head (&self->pending)) == NULL)
    return;

  self->current = row;
  g_array_set_size (row->points, 0);
  self->cancellable = g_cancellable_new ();

  if (continuing)
    update_row (self, row);
  else
    {
      update_all (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
    }
  begin_current_after_paint (self);
}

static void
run_all_clicked_cb (JugglerClaimsPage *self)
{
  juggler_claims_page_run_all (self);
}

static void
cancel_clicked_cb (JugglerClaimsPage *self)
{
  g_queue_clear (&self->pending);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

static void
clear_clicked_cb (JugglerClaimsPage *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      ClaimRow *row = g_ptr_array_index (self->rows, i);

      if (row == self->current)
        continue;
      g_clear_pointer (&row->result, juggler_claim_result_free);
      g_clear_pointer (&row->error_text, g_free);
      g_array_set_size (row->points, 0);
    }
  update_all (self);
}

static void
copy_clicked_cb (JugglerClaimsPage *self)
{
  g_autofree char *markdown = juggler_claims_page_dup_markdown (self);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), markdown);
}

static void
export_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    gpointer         user_data)
{
  g_autoptr(JugglerClaimsPage) self = user_data;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_object_unref (dialog);
  if (file == NULL)
    return;

  json = juggler_claims_page_dup_json_document (self);
  if (!g_file_replace_contents (file, json, strlen (json), NULL, FALSE,
                                G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, &error))
    g_warning ("Could not export the claims: %s", error->message);
}

static void
export_clicked_cb (JugglerClaimsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (_("Export the Claims as JSON"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), "claims.json");
  g_signal_connect (dialog, "response", G_CALLBACK (export_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
run_clicked_cb (GtkButton *button,
                gpointer   user_data)
{
  JugglerClaimsPage *self = user_data;
  const char *claim_id = g_object_get_data (G_OBJECT (button), "claim-id");

  juggler_claims_page_run (self, claim_id);
}

/* A page's strategy action is named after its settings key (juggler-cpu-page.c,
 * juggler-net-page.c); the window adds it once the page has been shown. */
static const char *
get_strategy_action (const char *page)
{
  return g_str_equal (page, "net") ? "win.net-strategy" : "win.strategy";
}

static void
watch_clicked_cb (GtkButton *button,
                  gpointer   user_data)
{
  const JugglerClaim *claim = user_data;

  gtk_widget_activate_action (GTK_WIDGET (button), "win.page", "s", claim->page);
  if (claim->strategy != NULL)
    gtk_widget_activate_action (GTK_WIDGET (button), get_strategy_action (claim->page), "s",
                                claim->strategy);
}

static GtkWidget *
new_label (const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);

  return label;
}

/* What the link opens: the page and the strategy it selects there. */
static char *
format_watch_label (const JugglerClaim *claim)
{
  JugglerStrategy strategy;
  gboolean cpu = g_str_equal (claim->page, "cpu");

  if (claim->strategy == NULL || !juggler_strategy_from_string (claim->strategy, &strategy))
    return g_strdup (cpu ? _("Watch it live on the CPU page")
                         : _("Watch it live on the Network page"));

  /* Translators: %s is a strategy's title, e.g. “GTask's Shared Pool”. */
  return g_strdup_printf (cpu ? _("Watch it live on the CPU page: %s")
                              : _("Watch it live on the Network page: %s"),
                          juggler_strategy_info_get_title (strategy));
}

static ClaimRow *
add_claim_row (JugglerClaimsPage  *self,
               const JugglerClaim *claim)
{
  ClaimRow *row = g_new0 (ClaimRow, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  /* The verdict and Run beside the claim, or under it in a narrow window. */
  GtkWidget *header = g_object_new (JUGGLER_TYPE_REFLOW_BOX, "main-width", 240, "spacing", 12,
                                    NULL);
  GtkWidget *titles = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *controls = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  g_autofree char *run_name = g_strdup_printf (_("Run: %s"), _(claim->statement));
  g_autofree char *chart_name = g_strdup_printf (_("Chart: %s"), _(claim->statement));

  row->claim = claim;
  row->points = g_array_new (FALSE, TRUE, sizeof (JugglerPoint));
  g_array_set_clear_func (row->points, point_clear);

  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  gtk_widget_set_hexpand (titles, TRUE);
  gtk_box_append (GTK_BOX (titles), new_label (_(claim->statement), "heading"));
  gtk_box_append (GTK_BOX (titles), new_label (_(claim->experiment), "dim-label"));
  gtk_widget_set_parent (titles, header);
  gtk_widget_set_halign (controls, GTK_ALIGN_END);
  gtk_widget_set_parent (controls, header);

  row->spinner = gtk_spinner_new ();
  gtk_widget_set_valign (row->spinner, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (controls), row->spinner);

  row->verdict_label = gtk_label_new (NULL);
  /* "Noch nicht ausgeführt" beside Run would not fit 360 px on one line. */
  gtk_label_set_wrap (GTK_LABEL (row->verdict_label), TRUE);
  gtk_label_set_natural_wrap_mode (GTK_LABEL (row->verdict_label), GTK_NATURAL_WRAP_NONE);
  gtk_label_set_justify (GTK_LABEL (row->verdict_label), GTK_JUSTIFY_RIGHT);
  gtk_label_set_xalign (GTK_LABEL (row->verdict_label), 1);
  gtk_widget_set_valign (row->verdict_label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (row->verdict_label, "heading");
  gtk_box_append (GTK_BOX (controls), row->verdict_label);

  row->run_button = gtk_button_new_with_label (_("Run"));
  gtk_widget_set_valign (row->run_button, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->run_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, run_name, -1);
  g_object_set_data (G_OBJECT (row->run_button), "claim-id", (gpointer) claim->id);
  g_signal_connect (row->run_button, "clicked", G_CALLBACK (run_clicked_cb), self);
  gtk_box_append (GTK_BOX (controls), row->run_button);
  gtk_box_append (GTK_BOX (box), header);

  row->chart = juggler_claim_chart_new (claim, row->points);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->chart),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, chart_name, -1);
  gtk_box_append (GTK_BOX (box), row->chart);

  row->result_label = new_label (NULL, "caption");
  gtk_label_set_selectable (GTK_LABEL (row->result_label), TRUE);
  gtk_box_append (GTK_BOX (box), row->result_label);

  if (claim->page != NULL)
    {
      g_autofree char *watch_name = format_watch_label (claim);
      GtkWidget *watch = gtk_button_new_with_label (watch_name);

      /* Its label wraps: a narrow window is not made wider by it. */
      gtk_label_set_wrap (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (watch))), TRUE);
      gtk_widget_add_css_class (watch, "flat");
      gtk_widget_set_halign (watch, GTK_ALIGN_START);
      g_object_set_data (G_OBJECT (watch), "claim", (gpointer) claim);
      g_signal_connect (watch, "clicked", G_CALLBACK (watch_clicked_cb), (gpointer) claim);
      /* Several claims show the same strategy: which claim the link belongs to is said too. */
      gtk_accessible_update_property (GTK_ACCESSIBLE (watch),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _(claim->statement),
                                      -1);
      gtk_box_append (GTK_BOX (box), watch);
    }

  gtk_list_box_append (self->claims_list, box);
  /* A row does nothing of its own: Tab goes straight to its Run button and link. */
  gtk_widget_set_focusable (gtk_widget_get_parent (box), FALSE);
  g_ptr_array_add (self->rows, row);

  return row;
}

/* Two labels, as an AdwActionRow's title and subtitle: the action row measured its subtitle
 * about fifty times in the frame that showed the page, a plain label three times. */
static void
add_opinion_row (JugglerClaimsPage  *self,
                 const JugglerClaim *claim)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);

  gtk_widget_set_margin_top (box, 9);
  gtk_widget_set_margin_bottom (box, 9);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_box_append (GTK_BOX (box), new_label (_(claim->statement), NULL));
  gtk_box_append (GTK_BOX (box), new_label (_(claim->experiment), "dim-label"));
  gtk_widget_add_css_class (gtk_widget_get_last_child (box), "caption");
  gtk_list_box_append (self->opinions_list, box);
  /* Nothing to do with an opinion: no Tab stop (screen readers still read the list). */
  gtk_widget_set_focusable (gtk_widget_get_parent (box), FALSE);
  gtk_widget_set_visible (self->opinions_heading, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->opinions_list), TRUE);
}

static void
stop_making_rows (JugglerClaimsPage *self)
{
  if (self->rows_tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->rows_tick_id);
  self->rows_tick_id = 0;
}

static void
juggler_claims_page_dispose (GObject *object)
{
  JugglerClaimsPage *self = (JugglerClaimsPage *) object;

  g_queue_clear (&self->pending);
  stop_making_rows (self);
  stop_recording_frames (self);
  stop_gap (self);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->experiment != NULL)
    g_signal_handlers_disconnect_by_data (self->experiment, self);
  g_clear_object (&self->experiment);
  g_clear_object (&self->cancellable);
  self->current = NULL;
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->frame_ms, g_array_unref);
  g_clear_pointer (&self->ui_cpu_ms, g_array_unref);
  g_clear_pointer (&self->busy_page, g_free);

  gtk_widget_dispose_template (GTK_WIDGET (self), JUGGLER_TYPE_CLAIMS_PAGE);

  G_OBJECT_CLASS (juggler_claims_page_parent_class)->dispose (object);
}

static void
juggler_claims_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  JugglerClaimsPage *self = JUGGLER_CLAIMS_PAGE (object);

  switch (prop_id)
    {
    case PROP_RUNNING:
      g_value_set_boolean (value, juggler_claims_page_get_running (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void juggler_claims_page_map (GtkWidget *widget);
static void juggler_claims_page_unmap (GtkWidget *widget);
static void juggler_claims_page_measure (GtkWidget *, GtkOrientation, int, int *, int *, int *, int *);
static void juggler_claims_page_size_allocate (GtkWidget *, int, int, int);
static GtkSizeRequestMode juggler_claims_page_get_request_mode (GtkWidget *widget);

static void
juggler_claims_page_class_init (JugglerClaimsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = juggler_claims_page_dispose;
  object_class->get_property = juggler_claims_page_get_property;
  widget_class->map = juggler_claims_page_map;
  widget_class->unmap = juggler_claims_page_unmap;
  widget_class->measure = juggler_claims_page_measure;
  widget_class->size_allocate = juggler_claims_page_size_allocate;
  widget_class->get_request_mode = juggler_claims_page_get_request_mode;

  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/juggler/Juggler/juggler-claims-page.ui");
  gtk_widget_class_bind_template_child (widget_class, JugglerClaimsPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, JugglerClaimsPage, run_all_button);
  gtk_widget_class_bind_template_child (widget_class, JugglerClaimsPage, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, JugglerClaimsPage, quick_check);
  gtk_widget_class_bind_template_child (widget_class, JugglerClaimsPage, one_core_label);
  gtk_widget_class_bind_template_child (widget_class, JugglerClaimsPage, busy_label);
  gtk_widget_class_bind_template_child (widget_class, JugglerClaimsPage, claims_list);
  gtk_widget_class_bind_template_child (widget_class, JugglerClaimsPage, opinions_heading);
  gtk_widget_class_bind_template_child (widget_class, JugglerClaimsPage, opinions_list);
  gtk_widget_class_bind_template_callback (widget_class, run_all_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, copy_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, export_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, clear_clicked_cb);
  /* A named group: assistive tools (and the AT-SPI test) find the page by its name. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

/* The claims whose rows the frame that first shows the page makes: a screen's worth at
 * 1280 × 800. The others follow a few a frame (make_rows_tick_cb). Made at once, the rows
 * were one frame of 650 M instructions, four fifths of it measuring their wrapped text:
 * a stall of up to 230 ms on a loaded machine, and counted by a claim running meanwhile.
 * Each frame that adds rows also repaints the list shown, about 45 M instructions with
 * the cairo renderer: one row a frame came to more in all than the rows made at once. */
#define N_FIRST_ROWS 2
#define N_ROWS_PER_FRAME 3

static gboolean
is_populated (JugglerClaimsPage *self)
{
  guint n_claims;

  juggler_claims_get (&n_claims);
  return self->n_made == n_claims;
}

static void
show_one_core_claims (JugglerClaimsPage *self)
{
  g_autoptr(GString) one_core = g_string_new (NULL);
  const JugglerClaim *claims;
  guint n_claims;
  guint cores = juggler_claims_count_cores ();

  claims = juggler_claims_get (&n_claims);
  for (guint i = 0; i < n_claims; i++)
    if (!juggler_claim_is_opinion (&claims[i]) && claims[i].min_cores > cores)
      g_string_append_printf (one_core, "\n• %s", _(claims[i].statement));

  if (one_core->len > 0)
    {
      g_autofree char *text = g_strdup_printf (_("This machine has one core: these claims "
                                                 "cannot be shown here.%s"), one_core->str);

      gtk_label_set_label (self->one_core_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->one_core_label), TRUE);
    }
}

/* Makes the rows of the next n_rows claims, in order. The rows are made once the page is
 * shown or asked for its claims: until then the page is a few widgets in the window's
 * accessibility tree rather than a hundred. */
static void
populate (JugglerClaimsPage *self,
          guint              n_rows)
{
  const JugglerClaim *claims;
  guint n_claims;

  claims = juggler_claims_get (&n_claims);
  if (self->n_made == 0 && n_rows > 0)
    show_one_core_claims (self);

  for (; n_rows > 0 && self->n_made < n_claims; n_rows--)
    {
      const JugglerClaim *claim = &claims[self->n_made++];

      if (juggler_claim_is_opinion (claim))
        add_opinion_row (self, claim);
      else
        update_row (self, add_claim_row (self, claim));
    }
}

/* Every claim's row, now: for what reads or runs them all. */
static void
populate_all (JugglerClaimsPage *self)
{
  populate (self, G_MAXUINT);
  stop_making_rows (self);
}

static gboolean
make_rows_tick_cb (GtkWidget     *widget,
                   GdkFrameClock *frame_clock,
                   gpointer       user_data)
{
  JugglerClaimsPage *self = JUGGLER_CLAIMS_PAGE (widget);

  if (gdk_frame_clock_get_frame_counter (frame_clock) <= self->first_rows_frame)
    return G_SOURCE_CONTINUE;

  populate (self, N_ROWS_PER_FRAME);
  if (!is_populated (self))
    return G_SOURCE_CONTINUE;

  self->rows_tick_id = 0;
  return G_SOURCE_REMOVE;
}

/* Shown, the page would like its whole height (its natural height is its content's at the
 * width given): in a narrow window the reflow box gives a stacked page its natural height and
 * the window's scroller scrolls it, rather than the page scrolling inside it. Its minimum
 * stays its scroller's, so side by side its own scroller scrolls and the charts stay put.
 * Hidden, it asks for nothing more, or the view stack, which measures every page, would make
 * the other pages as tall. (The scroller's propagate-natural-height measures its child
 * without the width, at its natural width: too short once the text wraps.) */
static void
juggler_claims_page_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  JugglerClaimsPage *self = JUGGLER_CLAIMS_PAGE (widget);
  GtkWidget *content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (self->scroller));

  gtk_widget_measure (self->scroller, orientation, for_size, minimum, natural, NULL, NULL);
  if (orientation == GTK_ORIENTATION_VERTICAL && gtk_widget_get_mapped (widget) &&
      content != NULL && for_size >= 0)
    {
      int content_min, content_nat;

      gtk_widget_measure (content, orientation, for_size, &content_min, &content_nat, NULL, NULL);
      *natural = MAX (*minimum, content_nat);
    }
}

static void
juggler_claims_page_size_allocate (GtkWidget *widget,
                                   int        width,
                                   int        height,
                                   int        baseline)
{
  JugglerClaimsPage *self = JUGGLER_CLAIMS_PAGE (widget);

  gtk_widget_allocate (self->scroller, width, height, baseline, NULL);
}

static GtkSizeRequestMode
juggler_claims_page_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
juggler_claims_page_map (GtkWidget *widget)
{
  JugglerClaimsPage *self = JUGGLER_CLAIMS_PAGE (widget);

  populate (self, N_FIRST_ROWS);

  GTK_WIDGET_CLASS (juggler_claims_page_parent_class)->map (widget);
  gtk_widget_queue_resize (widget);
  if (!is_populated (self) && self->rows_tick_id == 0)
    {
      /* Shown between frames, as by a click, the page is laid out in the next one, whose
       * ticks come first. */
      GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

      self->first_rows_frame = gdk_frame_clock_get_frame_counter (clock) + 1;
      self->rows_tick_id = gtk_widget_add_tick_callback (widget, make_rows_tick_cb, NULL, NULL);
    }
}

static void
juggler_claims_page_unmap (GtkWidget *widget)
{
  /* Hidden, the rest waits: the view stack measures its hidden pages too. */
  stop_making_rows (JUGGLER_CLAIMS_PAGE (widget));

  GTK_WIDGET_CLASS (juggler_claims_page_parent_class)->unmap (widget);
  gtk_widget_queue_resize (widget);
}

static void
juggler_claims_page_init (JugglerClaimsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Claims"), -1);
  self->rows = g_ptr_array_new_with_free_func (claim_row_free);
  self->frame_ms = g_array_new (FALSE, FALSE, sizeof (double));
  self->ui_cpu_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_queue_init (&self->pending);
  update_all (self);
}

GtkWidget *
juggler_claims_page_new (void)
{
  return g_object_new (JUGGLER_TYPE_CLAIMS_PAGE, NULL);
}

gboolean
juggler_claims_page_get_running (JugglerClaimsPage *self)
{
  g_return_val_if_fail (JUGGLER_IS_CLAIMS_PAGE (self), FALSE);

  return is_busy (self);
}

void
juggler_claims_page_set_quick (JugglerClaimsPage *self,
                               gboolean           quick)
{
  g_return_if_fail (JUGGLER_IS_CLAIMS_PAGE (self));

  gtk_check_button_set_active (self->quick_check, quick);
}

void
juggler_claims_page_run (JugglerClaimsPage *self,
                         const char        *claim_id)
{
  ClaimRow *row;

  g_return_if_fail (JUGGLER_IS_CLAIMS_PAGE (self));
  g_return_if_fail (claim_id != NULL);

  /* Up to its row: the rows after it still come one a frame. */
  while ((row = find_row (self, claim_id)) == NULL && !is_populated (self))
    populate (self, 1);
  if (is_populated (self))
    stop_making_rows (self);
  g_return_if_fail (row != NULL);

  if (self->current != NULL)
    return;

  g_queue_push_tail (&self->pending, row);
  start_next (self, FALSE);
}

void
juggler_claims_page_run_all (JugglerClaimsPage *self)
{
  g_return_if_fail (JUGGLER_IS_CLAIMS_PAGE (self));

  populate_all (self);
  if (self->current != NULL)
    return;

  for (guint i = 0; i < self->rows->len; i++)
    g_queue_push_tail (&self->pending, g_ptr_array_index (self->rows, i));
  start_next (self, FALSE);
}

void
juggler_claims_page_set_busy_page (JugglerClaimsPage *self,
                                   const char        *page_title)
{
  g_autofree char *text = NULL;

  g_return_if_fail (JUGGLER_IS_CLAIMS_PAGE (self));

  if (g_strcmp0 (self->busy_page, page_title) == 0)
    return;
  g_free (self->busy_page);
  self->busy_page = g_strdup (page_title);

  if (page_title != NULL)
    /* Translators: %s is the title of the other page, e.g. “CPU”. */
    text = g_strdup_printf (_("A run is going on the %s page: the experiments wait until it "
                              "ends, so that they do not measure it too."), page_title);
  gtk_label_set_label (self->busy_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->busy_label), text != NULL);
  update_all (self);
}

const JugglerClaimResult *
juggler_claims_page_get_result (JugglerClaimsPage *self,
                                const char        *claim_id)
{
  ClaimRow *row;

  g_return_val_if_fail (JUGGLER_IS_CLAIMS_PAGE (self), NULL);

  row = find_row (self, claim_id);

  return row != NULL ? row->result : NULL;
}

/* Pipes would end a Markdown table's cell. */
static void
append_cell (GString    *markdown,
             const char *text)
{
  g_autofree char *escaped = NULL;
  g_auto(GStrv) parts = g_strsplit (text, "|", -1);

  escaped = g_strjoinv ("\\|", parts);
  g_strdelimit (escaped, "\n", ' ');
  g_string_append_printf (markdown, " %s |", escaped);
}

char *
juggler_claims_page_dup_markdown (JugglerClaimsPage *self)
{
  GString *markdown;
  const JugglerClaim *claims;
  guint n_claims;

  g_return_val_if_fail (JUGGLER_IS_CLAIMS_PAGE (self), NULL);

  populate_all (self);
  markdown = g_string_new (NULL);
  g_string_append_printf (markdown, "| %s | %s | %s | %s |\n|---|---|---|---|\n",
                          _("Claim"), _("Verdict"), _("Deciding figures"), _("Rule"));

  for (guint i = 0; i < self->rows->len; i++)
    {
      ClaimRow *row = g_ptr_array_index (self->rows, i);
      /* For people, as the rest of the table: the figures in words (the JSON has their names). */
      g_autofree char *figures = row->result != NULL ? format_figures (row->result, "; ") : NULL;
      g_autofree char *verdict = NULL;

      /* Pasted elsewhere, a quick run's verdict must not pass for a full one's. */
      if (row->result == NULL)
        verdict = g_strdup (row->error_text != NULL ? _("Did not finish") : _("Not run yet"));
      else if (row->result->quick)
        /* Translators: %s is a verdict, e.g. “Confirmed”. */
        verdict = g_strdup_printf (_("%s (quick sizes)"),
                                   juggler_verdict_get_title (row->result->verdict));
      else
        verdict = g_strdup (juggler_verdict_get_title (row->result->verdict));

      g_string_append (markdown, "|");
      append_cell (markdown, _(row->claim->statement));
      append_cell (markdown, verdict);
      append_cell (markdown, figures != NULL ? figures : "");
      append_cell (markdown, row->result != NULL ? row->result->rule : "");
      g_string_append_c (markdown, '\n');
    }

  claims = juggler_claims_get (&n_claims);
  for (guint i = 0; i < n_claims; i++)
    {
      if (!juggler_claim_is_opinion (&claims[i]))
        continue;
      g_string_append (markdown, "|");
      append_cell (markdown, _(claims[i].statement));
      append_cell (markdown, _("Opinion"));
      append_cell (markdown, "");
      append_cell (markdown, _(claims[i].experiment));
      g_string_append_c (markdown, '\n');
    }

  return g_string_free (markdown, FALSE);
}

char *
juggler_claims_page_dup_json (JugglerClaimsPage *self)
{
  GString *json;

  g_return_val_if_fail (JUGGLER_IS_CLAIMS_PAGE (self), NULL);

  json = g_string_new (NULL);
  for (guint i = 0; i < self->rows->len; i++)
    {
      ClaimRow *row = g_ptr_array_index (self->rows, i);
      g_autofree char *line = NULL;

      if (row->result == NULL)
        continue;
      line = juggler_claim_result_to_json (row->result);
      g_string_append_printf (json, "%s\n", line);
    }

  return g_string_free (json, FALSE);
}

char *
juggler_claims_page_dup_json_document (JugglerClaimsPage *self)
{
  GString *json;
  const JugglerClaim *claims;
  guint n_claims;
  gboolean first = TRUE;

  g_return_val_if_fail (JUGGLER_IS_CLAIMS_PAGE (self), NULL);

  populate_all (self);
  json = g_string_new ("[");
  claims = juggler_claims_get (&n_claims);
  for (guint i = 0; i < n_claims; i++)
    {
      const JugglerClaimResult *result = NULL;
      g_autofree char *object = NULL;

      if (juggler_claim_is_opinion (&claims[i]))
        object = juggler_claim_opinion_to_json (&claims[i]);
      else if ((result = juggler_claims_page_get_result (self, claims[i].id)) != NULL)
        object = juggler_claim_result_to_json (result);
      if (object == NULL)
        continue;
      g_string_append_printf (json, "%s\n%s", first ? "" : ",", object);
      first = FALSE;
    }
  g_string_append (json, "\n]\n");

  return g_string_free (json, FALSE);
}
