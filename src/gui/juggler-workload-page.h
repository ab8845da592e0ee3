/* juggler-workload-page.h: the pages' base: what the window asks, and what the two pages share
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "juggler-report.h"
#include "juggler-results.h"
#include "juggler-run-status.h"
#include "juggler-run.h"

G_BEGIN_DECLS

#define JUGGLER_TYPE_WORKLOAD_PAGE (juggler_workload_page_get_type ())

G_DECLARE_DERIVABLE_TYPE (JugglerWorkloadPage, juggler_workload_page, JUGGLER, WORKLOAD_PAGE, GtkBox)

/*
 * A page of the window's view stack: one workload, its controls (shown in the window's
 * sidebar while the page is), its live view, its status line and its results. The window
 * runs at most one run at a time and shows it on the page that started it.
 *
 * An abstract class rather than an interface: the two pages share their state (status line,
 * results, timeline, the run's signals, the strategy and its setting), not only their shape,
 * so the state and the wiring live here once and a page only says what is its own.
 *
 * The template holds the status line, the view/timeline switcher, the results list and a
 * slot for the page's live view: a page's own template fills the slot with
 * <child type="view"> and names it with the "view-title" property.
 *
 * Properties:
 *   "can-start" (boolean, read-only): FALSE while the controls hold a value that cannot run
 *     (the controls' own "can-start").
 *   "strategy" (uint, a JugglerStrategy): the page's strategy, bound to its settings key.
 *   "view-title" (string): the switcher's name for the live view.
 */
struct _JugglerWorkloadPageClass
{
  GtkBoxClass parent_class;

  /* Set in class_init: which strategies the page accepts, and the key that holds its own. */
  JugglerWorkloadKind    kind;
  const char            *strategy_key;

  /* After the page bound its strategy: the controls' and the view's own settings. */
  void                   (*set_settings)        (JugglerWorkloadPage   *self,
                                                 GSettings             *settings);
  JugglerWorkload       *(*create_workload)     (JugglerWorkloadPage   *self,
                                                 GError               **error);
  /* Workers, concurrency and whatever else the page's settings say about a new run. */
  void                   (*configure_run)       (JugglerWorkloadPage   *self,
                                                 JugglerRun            *run);
  /* In the order of Ctrl+1, Ctrl+2...; the first is the default. */
  const JugglerStrategy *(*get_strategies)      (JugglerWorkloadPage   *self,
                                                 guint                 *n_strategies);
  /* Seconds a blocking run of the current settings freezes the window; -1 if unknown. */
  double                 (*estimate_blocking_s) (JugglerWorkloadPage   *self);
  /* "84 of 192 tiles" */
  char                  *(*format_progress)     (JugglerWorkloadPage   *self,
                                                 const JugglerProgress *progress);
  /* The throughput readout, e.g. "120 req/s · 1.2 MB/s", for interval_s just measured. */
  char                  *(*format_rate)         (JugglerWorkloadPage   *self,
                                                 double                 jobs_per_s,
                                                 double                 interval_s);
  /* The run this page shows from now on (its workload is new), or NULL once it reported;
   * the status line and the timeline follow it already. */
  void                   (*set_run)             (JugglerWorkloadPage   *self,
                                                 JugglerRun            *run);
  /* The page's run handed back the job index, computed by worker. */
  void                   (*job_done)            (JugglerWorkloadPage   *self,
                                                 JugglerRun            *run,
                                                 guint                  index,
                                                 guint                  worker);
  /* Once per frame while the page's run goes, and once after it ended. */
  void                   (*update_view)         (JugglerWorkloadPage   *self,
                                                 gint64                 frame_time_us);
  /* The results list's row for the finished run: its report and what the page ran. */
  JugglerResult         *(*create_result)       (JugglerWorkloadPage   *self,
                                                 const JugglerReport   *report);
  /* The finished run's report, with its frame figures; the page may learn from it. */
  void                   (*add_report)          (JugglerWorkloadPage   *self,
                                                 const JugglerReport   *report);
};

GtkWidget             *juggler_workload_page_get_controls        (JugglerWorkloadPage   *self);
JugglerRunStatus      *juggler_workload_page_get_status          (JugglerWorkloadPage   *self);
JugglerResults        *juggler_workload_page_get_results         (JugglerWorkloadPage   *self);
void                   juggler_workload_page_set_settings        (JugglerWorkloadPage   *self,
                                                                  GSettings             *settings);
JugglerWorkload       *juggler_workload_page_create_workload     (JugglerWorkloadPage   *self,
                                                                  GError               **error);
void                   juggler_workload_page_configure_run       (JugglerWorkloadPage   *self,
                                                                  JugglerRun            *run);
const JugglerStrategy *juggler_workload_page_get_strategies      (JugglerWorkloadPage   *self,
                                                                  guint                 *n_strategies);
double                 juggler_workload_page_estimate_blocking_s (JugglerWorkloadPage   *self);
char                  *juggler_workload_page_format_progress     (JugglerWorkloadPage   *self,
                                                                  const JugglerProgress *progress);
char                  *juggler_workload_page_format_rate         (JugglerWorkloadPage   *self,
                                                                  double                 jobs_per_s,
                                                                  double                 interval_s);
void                   juggler_workload_page_set_run             (JugglerWorkloadPage   *self,
                                                                  JugglerRun            *run);
/* Progress of the page's run: the status line, then the live view. */
void                   juggler_workload_page_update              (JugglerWorkloadPage   *self,
                                                                  const JugglerProgress *progress,
                                                                  gint64                 frame_time_us);
/* Into the results list and the status line; then add_report. */
void                   juggler_workload_page_add_report          (JugglerWorkloadPage   *self,
                                                                  const JugglerReport   *report);
gboolean               juggler_workload_page_get_can_start       (JugglerWorkloadPage   *self);
JugglerStrategy        juggler_workload_page_get_strategy        (JugglerWorkloadPage   *self);
void                   juggler_workload_page_set_strategy        (JugglerWorkloadPage   *self,
                                                                  JugglerStrategy        strategy);

/* The action, named after the page's strategy key, whose state is that setting; the
 * strategy buttons of the controls activate it (made by set_settings). */
GAction               *juggler_workload_page_get_strategy_action (JugglerWorkloadPage   *self);

/* For pages, from init: the sidebar widget, which has a "can-start" property; the page
 * keeps a reference, the window parents it. */
void                   juggler_workload_page_set_controls        (JugglerWorkloadPage   *self,
                                                                  GtkWidget             *controls);
GSettings             *juggler_workload_page_get_settings        (JugglerWorkloadPage   *self);

G_END_DECLS
