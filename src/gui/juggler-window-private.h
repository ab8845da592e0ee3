/* juggler-window-private.h: what the window's files share: its struct and their helpers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "juggler-frame-pacer.h"
#include "juggler-live-charts.h"
#include "juggler-window.h"
#include "juggler-workload-page.h"

G_BEGIN_DECLS

struct _JugglerWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  GtkWidget            *start_button;
  GtkWidget            *stop_button;
  AdwViewSwitcherTitle *window_title;
  AdwViewStack         *view_stack;
  AdwToastOverlay      *toast_overlay;
  GtkStack             *controls_stack;
  JugglerLiveCharts    *live_charts;
  GtkBox               *content_box;
  /* Made when the header bar first has no room for the view switcher: NULL until then. */
  AdwViewSwitcherBar   *switcher_bar;

  GSettings            *settings;
  /* Cancelled when the window goes: callbacks that outlive it check it first. */
  GCancellable         *cancellable;

  JugglerRun           *run;
  JugglerWorkloadPage  *run_page;
  GCancellable         *run_cancellable;
  GSignalGroup         *run_signals;
  gboolean              executing;
  gint64                run_start_us;
  gint64                last_rate_us;
  guint64               last_work_done;
  const JugglerRunOptions *run_options;
  /* Start N Runs in a Row: the runs of the series still to finish, and its length. */
  guint                 repeat_left;
  guint                 repeat_n;
  /* A blocking strategy starts after the frame that shows it has been painted. */
  gulong                after_paint_id;
  guint                 block_source_id;

  /* A finished run waits for one more canary frame: that frame's interval is the stall
   * the run's last callback caused, and the blocking strategy ends inside that callback. */
  JugglerReport        *pending_report;
  guint64               pending_frames;

  /* Spreads the async requests of runs on this window's loop over its frames. */
  JugglerFramePacer    *pacer;
  GdkFrameClock        *paced_clock;
  gulong                pacer_begin_id;
  gulong                pacer_end_id;

  /* The Claims page runs an experiment: the canary and the charts go live as for a run. */
  gboolean              claim_running;

  /* The frame clock ticks only during a run: at rest the charts step once a second. */
  guint                 tick_id;
  guint                 rest_source_id;
};
/* juggler-window.c */
void                 _juggler_window_show_toast           (JugglerWindow       *self,
                                                           const char          *message);

/* juggler-window-pages.c: the pages, each made when first shown (until then its view stack
 * child is an empty AdwBin) */
/* Registers the page types, so their templates are known before a page is made. */
void                 _juggler_window_class_pages_init     (void);
void                 _juggler_window_pages_init           (JugglerWindow       *self);
void                 _juggler_window_pages_dispose        (JugglerWindow       *self);
GtkWidget           *_juggler_window_get_stack_child_page (GtkWidget           *stack_child);
/* The page of that name ("cpu", "net", "claims"), made now if it was not yet. */
GtkWidget           *_juggler_window_get_page             (JugglerWindow       *self,
                                                           const char          *name);
JugglerWorkloadPage *_juggler_window_get_visible_page     (JugglerWindow       *self);
const char          *_juggler_window_get_page_title       (JugglerWindow       *self,
                                                           JugglerWorkloadPage *page);

/* juggler-window-actions.c: win.start, win.stop, win.strategy-index and win.page */
void                 _juggler_window_class_actions_init   (GtkWidgetClass      *widget_class);
void                 _juggler_window_update_actions       (JugglerWindow       *self);
/* Starts n runs of the page's current settings one after the other, then marks their
 * median in the results. */
gboolean             _juggler_window_start_repeated       (JugglerWindow       *self,
                                                           guint                n);

/* juggler-window-run.c: the run, from Start to its report */
void                 _juggler_window_page_strategy_changed (JugglerWindow      *self,
                                                            JugglerWorkloadPage *page);
void                 _juggler_window_run_strategy_changed (JugglerWindow       *self);
/* A page made while a run goes elsewhere says so, as the others do. */
void                 _juggler_window_page_added           (JugglerWindow       *self,
                                                           JugglerWorkloadPage *page);
/* Once per frame: progress, and the report once the canary drew after the run. */
void                 _juggler_window_wake                 (JugglerWindow       *self);
void                 _juggler_window_run_frame            (JugglerWindow       *self,
                                                           gint64               frame_time_us);
void                 _juggler_window_run_dispose          (JugglerWindow       *self);
/* The Claims page started or ended an experiment (or Run All). */
void                 _juggler_window_set_claim_running    (JugglerWindow       *self,
                                                           gboolean             running);

G_END_DECLS
