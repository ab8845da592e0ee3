/* juggler-series.h: timestamped samples with percentile summaries
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct
{
  double p50;
  double p99;
  double max;
  guint  n;
} JugglerSummary;

typedef struct _JugglerSeries JugglerSeries;

JugglerSeries *juggler_series_new            (void);
void           juggler_series_free           (JugglerSeries  *self);
void           juggler_series_clear          (JugglerSeries  *self);
/* Forgets samples older than before_us, for live windows that run for hours. */
void           juggler_series_trim           (JugglerSeries  *self,
                                              gint64          before_us);
/* The same, but keeps the newest of the older samples: a chart's sample covers the time
 * since the one before it, so a stall longer than the margin still starts where it did. */
void           juggler_series_trim_to_edge   (JugglerSeries  *self,
                                              gint64          edge_us);
void           juggler_series_append         (JugglerSeries  *self,
                                              gint64          time_us,
                                              double          value);
guint          juggler_series_get_length     (JugglerSeries  *self);
void           juggler_series_get            (JugglerSeries  *self,
                                              guint           i,
                                              gint64         *time_us,
                                              double         *value);
void           juggler_series_summarize      (JugglerSeries  *self,
                                              gint64          since_us,
                                              JugglerSummary *summary);
void           juggler_summarize_values      (double         *values,
                                              guint           n,
                                              JugglerSummary *summary);
/* {"p50": …, "p99": …, "max": …}, as the reports write a summary. */
JsonObject    *juggler_summary_to_json_object (const JugglerSummary *summary);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JugglerSeries, juggler_series_free)

G_END_DECLS
