/* juggler-window-actions.c: the window's actions: start, stop, the Nth strategy and the page shown
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-window"

#include "config.h"

#include "juggler-window-private.h"

#include "juggler-strategy-info.h"

/* Start and Stop: enabled for the page shown, and only one of them is on screen. */
void
_juggler_window_update_actions (JugglerWindow *self)
{
  JugglerWorkloadPage *page = _juggler_window_get_visible_page (self);
  gboolean shows_run = page != NULL && self->run != NULL && self->run_page == page;

  /* Not during a claim's experiment either: a run beside it would skew both. */
  gboolean can_start = page != NULL && self->run == NULL && self->pending_report == NULL &&
                       !self->claim_running && juggler_workload_page_get_can_start (page);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.start", can_start);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.start-repeated", can_start);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.stop", shows_run);
  gtk_widget_set_visible (self->start_button, !shows_run);
  gtk_widget_set_visible (self->stop_button, shows_run);
  adw_view_switcher_title_set_subtitle (self->window_title,
                                        page != NULL
                                          ? juggler_strategy_info_get_title (juggler_workload_page_get_strategy (page))
                                          : NULL);
}

static void
start_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  juggler_window_start (JUGGLER_WINDOW (widget));
}

/* The series juggler-bench --repeat measures, in the window: its median and spread. */
#define REPEAT_RUNS 5

static void
start_repeated_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  _juggler_window_start_repeated (JUGGLER_WINDOW (widget), REPEAT_RUNS);
}

static void
stop_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  juggler_window_stop (JUGGLER_WINDOW (widget));
}

/* Ctrl+N picks the Nth strategy of the page shown. */
static void
strategy_index_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  JugglerWorkloadPage *page = _juggler_window_get_visible_page (JUGGLER_WINDOW (widget));
  gint32 index = g_variant_get_int32 (parameter);
  guint n;
  const JugglerStrategy *strategies;

  if (page == NULL)
    return;

  strategies = juggler_workload_page_get_strategies (page, &n);

  if (index >= 1 && (guint) index <= n)
    juggler_workload_page_set_strategy (page, strategies[index - 1]);
}

/* Ctrl+T: the page shown switches between its live view and its thread timeline. */
static void
show_timeline_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  JugglerWorkloadPage *page = _juggler_window_get_visible_page (JUGGLER_WINDOW (widget));

  if (page != NULL)
    gtk_widget_activate_action (GTK_WIDGET (page), "page.show-timeline", NULL);
}

void
_juggler_window_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.start", NULL, start_action);
  gtk_widget_class_install_action (widget_class, "win.start-repeated", NULL,
                                   start_repeated_action);
  gtk_widget_class_install_action (widget_class, "win.stop", NULL, stop_action);
  gtk_widget_class_install_action (widget_class, "win.strategy-index", "i", strategy_index_action);
  gtk_widget_class_install_action (widget_class, "win.show-timeline", NULL, show_timeline_action);
  /* The state is the window's "page" property, itself the view stack's visible child. */
  gtk_widget_class_install_property_action (widget_class, "win.page", "page");
}
