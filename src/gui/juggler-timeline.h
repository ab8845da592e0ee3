/* juggler-timeline.h: one lane per thread of a run's trace, live or paused, zoomable
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "juggler-trace.h"
#include "juggler-workload.h"

G_BEGIN_DECLS

#define JUGGLER_TYPE_TIMELINE (juggler_timeline_get_type ())

G_DECLARE_FINAL_TYPE (JugglerTimeline, juggler_timeline, JUGGLER, TIMELINE, GtkWidget)

/* How much of the trace a live timeline shows: the last 10 s, like the charts. */
#define JUGGLER_TIMELINE_LIVE_WINDOW_US (10 * G_USEC_PER_SEC)

/*
 * Properties: "trace" (JugglerTrace, may be NULL) and "live" (gboolean). While live, the
 * timeline follows the trace's newest spans and records its own frame-clock paints into
 * it as frame ticks; paused, the pointer's wheel scrolls it, Ctrl+wheel zooms and a drag
 * pans. Action "timeline.export" asks for a file and writes the trace as Chrome JSON.
 */
GtkWidget    *juggler_timeline_new            (void);
JugglerTrace *juggler_timeline_get_trace      (JugglerTimeline *self);
void          juggler_timeline_set_trace      (JugglerTimeline *self,
                                               JugglerTrace    *trace);
/* The file name Export… proposes, e.g. "juggler-trace-threads.json". */
void          juggler_timeline_set_export_name (JugglerTimeline *self,
                                               const char      *name);
/* The run's workload, so that hovering a job step names its tile; may be NULL. */
void          juggler_timeline_set_workload   (JugglerTimeline *self,
                                               JugglerWorkload *workload);
gboolean      juggler_timeline_get_live       (JugglerTimeline *self);
void          juggler_timeline_set_live       (JugglerTimeline *self,
                                               gboolean         live);
/* The visible time range, monotonic µs; setting it pauses the timeline. */
void          juggler_timeline_get_range      (JugglerTimeline *self,
                                               gint64          *start_us,
                                               gint64          *end_us);
void          juggler_timeline_set_range      (JugglerTimeline *self,
                                               gint64           start_us,
                                               gint64           end_us);
/* Zooms around the middle of the range: factor < 1 zooms in. */
void          juggler_timeline_zoom           (JugglerTimeline *self,
                                               double           factor);
guint         juggler_timeline_get_n_lanes    (JugglerTimeline *self);
/* What hovering at (x, y) shows, or NULL where there is no span. */
char         *juggler_timeline_describe_at    (JugglerTimeline *self,
                                               double           x,
                                               double           y);
gboolean      juggler_timeline_save           (JugglerTimeline *self,
                                               GFile           *file,
                                               GError         **error);

G_END_DECLS
