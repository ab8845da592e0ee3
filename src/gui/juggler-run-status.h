/* juggler-run-status.h: a page's status line: progress bar, progress, time left and throughput
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "juggler-report.h"
#include "juggler-run.h"

G_BEGIN_DECLS

#define JUGGLER_TYPE_RUN_STATUS (juggler_run_status_get_type ())

G_DECLARE_FINAL_TYPE (JugglerRunStatus, juggler_run_status, JUGGLER, RUN_STATUS, GtkBox)

/* A new run: empty bar, "Starting…", no throughput, no time left yet. */
void        juggler_run_status_start          (JugglerRunStatus      *self);
/* Once per frame; jobs_text is the page's "84 of 192 tiles". The bar shows the share of
 * predicted work done and the time left is the predicted work left at the rate of work
 * measured over the last seconds, so the costly parts of a workload count. */
void        juggler_run_status_update         (JugglerRunStatus      *self,
                                               const JugglerProgress *progress,
                                               const char            *jobs_text,
                                               gint64                 frame_time_us);
/* The run changed strategy: the time left soon follows the new one's rate alone. */
void        juggler_run_status_strategy_switched (JugglerRunStatus   *self);
void        juggler_run_status_set_throughput (JugglerRunStatus      *self,
                                               const char            *text);
/* "Done in 1.20 s" or "Stopped after 0.42 s". */
void        juggler_run_status_finish         (JugglerRunStatus      *self,
                                               const JugglerReport   *report);
/* A sentence shown in place of the progress text until it is set to NULL or the run
 * finishes, e.g. that the UI thread is blocked on purpose. */
void        juggler_run_status_set_notice     (JugglerRunStatus      *self,
                                               const char            *notice);
/* While a run of another page goes, this page says so and shows nothing of it (NULL: no
 * longer). */
void        juggler_run_status_set_busy_page  (JugglerRunStatus      *self,
                                               const char            *page_title);
const char *juggler_run_status_get_text       (JugglerRunStatus      *self);
/* The time left the text shows, in seconds; -1 while it shows none. */
double      juggler_run_status_estimate_left_s (JugglerRunStatus     *self);

/* "850 ms", "4.2 s", "1 min 41 s": durations as a reader takes them in. */
char       *juggler_run_status_format_duration (double                seconds);

G_END_DECLS
