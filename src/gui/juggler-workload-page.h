/* juggler-workload-page.h: what the window asks of a page: its workload, run, controls and status
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "juggler-report.h"
#include "juggler-results.h"
#include "juggler-run-status.h"
#include "juggler-run.h"
#include "juggler-timeline.h"

G_BEGIN_DECLS

#define JUGGLER_TYPE_WORKLOAD_PAGE (juggler_workload_page_get_type ())

G_DECLARE_INTERFACE (JugglerWorkloadPage, juggler_workload_page, JUGGLER, WORKLOAD_PAGE, GtkWidget)

/*
 * A page of the window's view stack: one workload, its controls (shown in the window's
 * sidebar while the page is), its live view, its status line and its results. The window
 * runs at most one run at a time and shows it on the page that started it.
 *
 * Properties:
 *   "can-start" (boolean, read-only): FALSE while the controls hold a value that cannot run.
 *   "strategy" (uint, a JugglerStrategy): the page's strategy, bound to its settings key.
 */
struct _JugglerWorkloadPageInterface
{
  GTypeInterface parent_iface;

  /* The sidebar widget; the page keeps a reference, the window parents it. */
  GtkWidget             *(*get_controls)        (JugglerWorkloadPage   *self);
  JugglerRunStatus      *(*get_status)          (JugglerWorkloadPage   *self);
  JugglerResults        *(*get_results)         (JugglerWorkloadPage   *self);
  /* Binds the controls to settings (the window's, maybe delayed by a scenario). */
  void                   (*set_settings)        (JugglerWorkloadPage   *self,
                                                 GSettings             *settings);
  JugglerWorkload       *(*create_workload)     (JugglerWorkloadPage   *self,
                                                 GError               **error);
  /* Workers, concurrency and whatever else the page's settings say about a new run. */
  void                   (*configure_run)       (JugglerWorkloadPage   *self,
                                                 JugglerRun            *run);
  /* In the order of Ctrl+1, Ctrl+2... */
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
  /* The run this page shows from now on (its workload is new), or NULL once it reported. */
  void                   (*set_run)             (JugglerWorkloadPage   *self,
                                                 JugglerRun            *run);
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
 * strategy buttons of the controls activate it (set by bind_strategy). */
GAction               *juggler_workload_page_get_strategy_action (JugglerWorkloadPage   *self);

/* For implementations: binds "strategy" to the string (or enum) key of settings, and makes
 * the page's strategy action. */
void                   juggler_workload_page_bind_strategy       (JugglerWorkloadPage   *self,
                                                                  GSettings             *settings,
                                                                  const char            *key);

/* For implementations, from set_run: records run (when not NULL) into a new trace that
 * timeline shows live, or stops following the trace once the run is over (run NULL). */
void                   juggler_workload_page_trace_run           (JugglerWorkloadPage   *self,
                                                                  JugglerTimeline       *timeline,
                                                                  JugglerRun            *run);

G_END_DECLS
