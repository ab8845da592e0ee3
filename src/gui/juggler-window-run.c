/* juggler-window-run.c: the window's run, from Start to its report, shown on the page that started it
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-window"

#include "config.h"

#include "juggler-window-private.h"

#include <glib/gi18n.h>

#include "juggler-claims-page.h"
#include "juggler-frame-slot.h"

static void run_done_cb (GObject *source, GAsyncResult *result, gpointer user_data);

/* While the Claims page runs an experiment, the pages with a Start say why it waits. */
static void
show_claim_notice (JugglerWindow       *self,
                   JugglerWorkloadPage *page)
{
  /* A run that was going before the claim started keeps its own notices. */
  if (page == self->run_page)
    return;
  juggler_run_status_set_notice (juggler_workload_page_get_status (page),
                                 self->claim_running
                                   ? _("An experiment is running on the Claims page: Start "
                                       "waits until it ends, and Cancel is there.")
                                   : NULL);
}

/* The pages other than the run's say that it goes elsewhere, or no longer. */
static void
show_busy_page (JugglerWindow *self)
{
  const char *title = self->run_page != NULL ? _juggler_window_get_page_title (self, self->run_page) : NULL;

  g_autoptr(GtkSelectionModel) pages = adw_view_stack_get_pages (self->view_stack);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (pages)); i++)
    {
      g_autoptr(AdwViewStackPage) stack_page = g_list_model_get_item (G_LIST_MODEL (pages), i);
      GtkWidget *page = _juggler_window_get_stack_child_page (adw_view_stack_page_get_child (stack_page));

      /* A page not made yet says so when it is (_juggler_window_page_added). */
      if (page != GTK_WIDGET (self->run_page) && JUGGLER_IS_WORKLOAD_PAGE (page))
        juggler_run_status_set_busy_page (juggler_workload_page_get_status (JUGGLER_WORKLOAD_PAGE (page)),
                                          title);
      else if (JUGGLER_IS_CLAIMS_PAGE (page))
        juggler_claims_page_set_busy_page (JUGGLER_CLAIMS_PAGE (page), title);
    }
}

void
_juggler_window_page_added (JugglerWindow       *self,
                            JugglerWorkloadPage *page)
{
  if (self->run_page != NULL && page != self->run_page)
    juggler_run_status_set_busy_page (juggler_workload_page_get_status (page),
                                      _juggler_window_get_page_title (self, self->run_page));
  if (self->claim_running)
    show_claim_notice (self, page);
}

static char *
format_blocking_notice (JugglerWorkloadPage *page,
                        double               fraction_left)
{
  double seconds = juggler_workload_page_estimate_blocking_s (page);
  g_autofree char *duration = NULL;

  if (seconds < 0)
    return g_strdup (_("The UI thread is blocked on purpose until the run ends: the window "
                       "ignores you until then."));

  duration = juggler_run_status_format_duration (seconds * fraction_left);
  return g_strdup_printf (_("The UI thread is blocked on purpose for about %s: the window "
                            "ignores you until then."), duration);
}

static void
execute_run (JugglerWindow *self)
{
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  g_weak_ref_init (ref, self);
  self->executing = TRUE;
  juggler_run_execute_async (self->run, self->run_cancellable, run_done_cb, ref);
}

/* Runs the blocking strategy, at start or mid-run, now that its state is on screen. */
static gboolean
block_cb (gpointer user_data)
{
  JugglerWindow *self = user_data;

  self->block_source_id = 0;
  if (self->run == NULL)
    return G_SOURCE_REMOVE;

  if (!self->executing)
    execute_run (self);
  else
    juggler_run_switch_strategy (self->run, juggler_workload_page_get_strategy (self->run_page));

  return G_SOURCE_REMOVE;
}

static void
after_paint_cb (GdkFrameClock *frame_clock,
                JugglerWindow *self)
{
  g_clear_signal_handler (&self->after_paint_id, frame_clock);
  /* The painted frame has to leave the process before the UI thread stops answering. */
  gdk_display_flush (gtk_widget_get_display (GTK_WIDGET (self)));
  if (self->block_source_id == 0)
    self->block_source_id = g_idle_add (block_cb, self);
}

static void
block_after_paint (JugglerWindow *self)
{
  GdkFrameClock *frame_clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  juggler_run_status_set_notice (juggler_workload_page_get_status (self->run_page), NULL);
  if (frame_clock == NULL)
    {
      if (self->block_source_id == 0)
        self->block_source_id = g_idle_add (block_cb, self);
      return;
    }

  if (self->after_paint_id == 0)
    self->after_paint_id = g_signal_connect_object (frame_clock, "after-paint",
                                                    G_CALLBACK (after_paint_cb), self, 0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
_juggler_window_page_strategy_changed (JugglerWindow       *self,
                                       JugglerWorkloadPage *page)
{
  JugglerStrategy strategy = juggler_workload_page_get_strategy (page);
  JugglerRunStatus *status = juggler_workload_page_get_status (page);

  if (self->run == NULL || page != self->run_page || !self->executing ||
      strategy == juggler_run_get_strategy (self->run))
    return;

  if (strategy == JUGGLER_STRATEGY_BLOCKING)
    {
      JugglerProgress progress;
      g_autofree char *notice = NULL;

      juggler_run_sample (self->run, &progress);
      block_after_paint (self);
      notice = format_blocking_notice (page, progress.steps_total > 0 ?
                                       1 - (double) progress.steps_done / progress.steps_total : 1);
      juggler_run_status_set_notice (status, notice);
      return;
    }

  juggler_run_status_set_notice (status, NULL);
  juggler_run_switch_strategy (self->run, strategy);
}

/* Every switch, the user's or --switch-every's rotation inside the run: the page follows it. */
void
_juggler_window_run_strategy_changed (JugglerWindow *self)
{
  juggler_run_status_strategy_switched (juggler_workload_page_get_status (self->run_page));
  juggler_workload_page_set_strategy (self->run_page, juggler_run_get_strategy (self->run));
}

static void
end_run (JugglerWindow *self)
{
  if (self->run_page != NULL)
    juggler_workload_page_set_run (self->run_page, NULL);
  self->run_page = NULL;
  if (!self->claim_running)
    juggler_live_charts_set_run_start (self->live_charts, 0);
  show_busy_page (self);
  _juggler_window_update_actions (self);
}

static void
run_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(JugglerWindow) self = g_weak_ref_get (user_data);
  g_autoptr(GError) error = NULL;
  g_autoptr(JugglerReport) report = juggler_run_execute_finish (JUGGLER_RUN (source), result,
                                                               &error);

  g_weak_ref_clear (user_data);
  g_free (user_data);
  if (self == NULL || g_cancellable_is_cancelled (self->cancellable))
    return;

  g_signal_group_set_target (self->run_signals, NULL);
  g_clear_object (&self->run);
  g_clear_object (&self->run_cancellable);
  self->executing = FALSE;
  g_object_notify (G_OBJECT (self), "running");

  if (report == NULL)
    {
      _juggler_window_show_toast (self, error->message);
      self->repeat_left = 0;
      end_run (self);
      g_signal_emit_by_name (self, "run-failed", error, TRUE);
      return;
    }

  self->pending_report = g_steal_pointer (&report);
  self->pending_frames = juggler_live_charts_get_frames (self->live_charts);
  _juggler_window_update_actions (self);
}

static gboolean
start_next_repeat_cb (gpointer user_data)
{
  g_autoptr(JugglerWindow) self = g_weak_ref_get (user_data);

  if (self != NULL && self->repeat_left > 0)
    {
      if (!juggler_window_start (self))
        self->repeat_left = 0;
    }

  return G_SOURCE_REMOVE;
}

static void
free_weak_ref (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

/* After a run of a series: the next one, or the marks on the results once all are in. */
static void
continue_repeat (JugglerWindow       *self,
                 JugglerWorkloadPage *page,
                 const JugglerReport *report)
{
  GWeakRef *ref;

  if (self->repeat_left == 0)
    return;

  self->repeat_left--;
  if (report->cancelled || report->completed < report->jobs ||
      page != _juggler_window_get_visible_page (self))
    {
      self->repeat_left = 0;
      return;
    }

  if (self->repeat_left == 0)
    {
      juggler_results_mark_repeats (juggler_workload_page_get_results (page), self->repeat_n);
      return;
    }

  /* From the main loop: "run-finished" handlers see the run as over first. */
  ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (ref, self);
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, start_next_repeat_cb, ref, free_weak_ref);
}

/* Runs on the first frame the canary drew after the run ended. */
static void
complete_report (JugglerWindow *self)
{
  g_autoptr(JugglerReport) report = g_steal_pointer (&self->pending_report);
  JugglerWorkloadPage *page = self->run_page;

  juggler_live_charts_summarize_frames (self->live_charts, self->run_start_us,
                                        &report->frame_interval_ms);
  report->frames = report->frame_interval_ms.n;
  juggler_workload_page_add_report (self->run_page, report);
  end_run (self);

  g_signal_emit_by_name (self, "run-finished", report);
  continue_repeat (self, page, report);
}

gboolean
_juggler_window_start_repeated (JugglerWindow *self,
                                guint          n)
{
  g_autofree char *notice = NULL;

  g_return_val_if_fail (JUGGLER_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (n >= 1, FALSE);

  if (self->run != NULL || self->pending_report != NULL)
    return FALSE;

  self->repeat_n = n;
  self->repeat_left = n;
  if (!juggler_window_start (self))
    {
      self->repeat_left = 0;
      return FALSE;
    }
  notice = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "%u run in a row: its row shows its wall time",
                                        "%u runs in a row: once the last has finished, their "
                                        "rows show the median wall time and the spread", n), n);
  _juggler_window_show_toast (self, notice);

  return TRUE;
}

gboolean
juggler_window_start (JugglerWindow *self)
{
  JugglerWorkloadPage *page;
  g_autoptr(JugglerWorkload) workload = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *progress_name = NULL;
  JugglerProgressMode progress_mode = JUGGLER_PROGRESS_COALESCED;
  JugglerStrategy strategy;

  g_return_val_if_fail (JUGGLER_IS_WINDOW (self), FALSE);

  page = _juggler_window_get_visible_page (self);
  if (page == NULL || self->run != NULL || self->pending_report != NULL)
    return FALSE;

  /* Even where the controls would not let Start through: the workload says why not. */
  workload = juggler_workload_page_create_workload (page, &error);
  if (workload == NULL)
    {
      _juggler_window_show_toast (self, error->message);
      g_signal_emit_by_name (self, "run-failed", error, FALSE);
      return FALSE;
    }

  strategy = juggler_workload_page_get_strategy (page);
  self->run = juggler_run_new (workload, strategy, 1);
  juggler_workload_page_configure_run (page, self->run);
  juggler_run_set_nice (self->run, g_settings_get_boolean (self->settings, "nice"));
  progress_name = g_settings_get_string (self->settings, "progress-mode");
  juggler_progress_mode_from_string (progress_name, &progress_mode);
  juggler_run_set_progress_mode (self->run, progress_mode);
  if (self->run_options != NULL
      && self->run_options->kind == juggler_workload_get_kind (workload))
    juggler_run_options_apply (self->run_options, self->run);

  self->run_page = page;
  self->run_cancellable = g_cancellable_new ();
  self->run_start_us = g_get_monotonic_time ();
  self->last_rate_us = self->run_start_us;
  self->last_work_done = 0;
  juggler_workload_page_set_run (page, self->run);
  g_signal_group_set_target (self->run_signals, self->run);
  juggler_live_charts_set_run_start (self->live_charts, self->run_start_us);
  _juggler_window_wake (self);
  show_busy_page (self);
  _juggler_window_update_actions (self);
  g_object_notify (G_OBJECT (self), "running");

  if (strategy == JUGGLER_STRATEGY_BLOCKING)
    {
      g_autofree char *notice = format_blocking_notice (page, 1);

      block_after_paint (self);
      juggler_run_status_set_notice (juggler_workload_page_get_status (page), notice);
    }
  else
    execute_run (self);

  return TRUE;
}

void
juggler_window_stop (JugglerWindow *self)
{
  g_return_if_fail (JUGGLER_IS_WINDOW (self));

  if (self->run_page == _juggler_window_get_visible_page (self))
    {
      self->repeat_left = 0;
      g_cancellable_cancel (self->run_cancellable);
    }
}

static void
update_progress (JugglerWindow *self,
                 gint64         now)
{
  JugglerProgress progress;

  /* Once per frame, on purpose: under the global lock this is where the UI waits. */
  juggler_run_sample (self->run, &progress);
  juggler_workload_page_update (self->run_page, &progress, now);

  /* In slots of frame time, like the run status's text, so the same frames change both;
   * not over the few milliseconds a run may have begun before a slot's end. */
  if (now / JUGGLER_TEXT_INTERVAL_US != self->last_rate_us / JUGGLER_TEXT_INTERVAL_US &&
      now - self->last_rate_us >= JUGGLER_TEXT_INTERVAL_US / 2)
    {
      double interval_s = (now - self->last_rate_us) / (double) G_USEC_PER_SEC;
      guint64 work_done = MAX (progress.work_done, self->last_work_done);
      /* Jobs a second in the work they hold: a tile counts by its predicted cost, so one
       * finished tile in a slot is not 4 tiles/s and a slow tile inside the set is not 0
       * while it is being computed (issue 9). For requests a step is a job: the same. */
      double rate = progress.work_total > 0 ?
                    (double) (work_done - self->last_work_done) * progress.jobs_total /
                    progress.work_total / interval_s : 0;
      g_autofree char *readout = juggler_workload_page_format_rate (self->run_page, rate,
                                                                    interval_s);

      juggler_live_charts_push_throughput (self->live_charts, now, rate, readout);
      juggler_run_status_set_throughput (juggler_workload_page_get_status (self->run_page),
                                         readout);
      self->last_rate_us = now;
      self->last_work_done = work_done;
    }
}

void
_juggler_window_run_frame (JugglerWindow *self,
                           gint64         frame_time_us)
{
  if (self->pending_report != NULL &&
      juggler_live_charts_get_frames (self->live_charts) > self->pending_frames)
    complete_report (self);

  if (self->run != NULL && self->executing)
    update_progress (self, frame_time_us);
}

void
_juggler_window_run_dispose (JugglerWindow *self)
{
  g_cancellable_cancel (self->run_cancellable);
  g_clear_handle_id (&self->block_source_id, g_source_remove);
  if (self->after_paint_id != 0)
    g_clear_signal_handler (&self->after_paint_id, gtk_widget_get_frame_clock (GTK_WIDGET (self)));
  if (self->run_signals != NULL)
    g_signal_group_set_target (self->run_signals, NULL);
  g_clear_object (&self->run_signals);
  g_clear_object (&self->run);
  g_clear_object (&self->run_cancellable);
  g_clear_pointer (&self->pending_report, juggler_report_free);
  self->run_page = NULL;
}

void
_juggler_window_set_claim_running (JugglerWindow *self,
                                   gboolean       running)
{
  g_autoptr(GtkSelectionModel) pages = NULL;

  running = !!running;
  if (self->claim_running == running)
    return;
  self->claim_running = running;

  /* An experiment is work going on as a run is: the canary juggles and the charts scroll,
   * so the window's responsiveness shows while it runs, which is what the app is for. The
   * claim's own frame intervals come from the Claims page's tick callback, in the same
   * frames. Throughput has no jobs to count here. */
  if (self->run == NULL && self->pending_report == NULL)
    {
      gint64 now = g_get_monotonic_time ();

      juggler_live_charts_set_run_start (self->live_charts, running ? now : 0);
      if (running)
        juggler_live_charts_push_throughput (self->live_charts, now, 0,
                                             _("not counted for claims"));
    }
  if (running)
    _juggler_window_wake (self);
  pages = adw_view_stack_get_pages (self->view_stack);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (pages)); i++)
    {
      g_autoptr(AdwViewStackPage) stack_page = g_list_model_get_item (G_LIST_MODEL (pages), i);
      GtkWidget *page = _juggler_window_get_stack_child_page (adw_view_stack_page_get_child (stack_page));

      if (JUGGLER_IS_WORKLOAD_PAGE (page))
        show_claim_notice (self, JUGGLER_WORKLOAD_PAGE (page));
    }
  _juggler_window_update_actions (self);
}
