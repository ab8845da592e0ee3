/* juggler-series.c: timestamped samples with percentile summaries
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-series"

#include "config.h"

#include "juggler-series.h"

#include <math.h>

typedef struct
{
  gint64 time_us;
  double value;
} Sample;

struct _JugglerSeries
{
  GArray *samples;
};

JugglerSeries *
juggler_series_new (void)
{
  JugglerSeries *self = g_new0 (JugglerSeries, 1);

  self->samples = g_array_new (FALSE, FALSE, sizeof (Sample));

  return self;
}

void
juggler_series_free (JugglerSeries *self)
{
  if (self == NULL)
    return;

  g_array_unref (self->samples);
  g_free (self);
}

void
juggler_series_clear (JugglerSeries *self)
{
  g_return_if_fail (self != NULL);

  g_array_set_size (self->samples, 0);
}

void
juggler_series_trim (JugglerSeries *self,
                     gint64         before_us)
{
  guint n = 0;

  g_return_if_fail (self != NULL);

  while (n < self->samples->len && g_array_index (self->samples, Sample, n).time_us < before_us)
    n++;

  if (n > 0)
    g_array_remove_range (self->samples, 0, n);
}

void
juggler_series_trim_to_edge (JugglerSeries *self,
                             gint64         edge_us)
{
  guint n = 0;

  g_return_if_fail (self != NULL);

  while (n < self->samples->len && g_array_index (self->samples, Sample, n).time_us < edge_us)
    n++;

  if (n > 1)
    g_array_remove_range (self->samples, 0, n - 1);
}

void
juggler_series_append (JugglerSeries *self,
                       gint64         time_us,
                       double         value)
{
  Sample sample = { time_us, value };

  g_return_if_fail (self != NULL);

  g_array_append_val (self->samples, sample);
}

guint
juggler_series_get_length (JugglerSeries *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->samples->len;
}

void
juggler_series_get (JugglerSeries *self,
                    guint          i,
                    gint64        *time_us,
                    double        *value)
{
  const Sample *sample;

  g_return_if_fail (self != NULL);
  g_return_if_fail (i < self->samples->len);

  sample = &g_array_index (self->samples, Sample, i);
  if (time_us != NULL)
    *time_us = sample->time_us;
  if (value != NULL)
    *value = sample->value;
}

void
juggler_series_summarize (JugglerSeries  *self,
                          gint64          since_us,
                          JugglerSummary *summary)
{
  g_autofree double *values = NULL;
  guint n = 0;

  g_return_if_fail (self != NULL);
  g_return_if_fail (summary != NULL);

  values = g_new (double, MAX (self->samples->len, 1));
  for (guint i = 0; i < self->samples->len; i++)
    {
      const Sample *sample = &g_array_index (self->samples, Sample, i);

      if (sample->time_us >= since_us)
        values[n++] = sample->value;
    }

  juggler_summarize_values (values, n, summary);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double da = *(const double *) a;
  double db = *(const double *) b;

  return (da > db) - (da < db);
}

static double
percentile (const double *sorted,
            guint         n,
            double        p)
{
  /* Nearest rank: the smallest value that at least p of the samples do not exceed. */
  guint rank = (guint) ceil (p * n);

  return sorted[CLAMP (rank, 1, n) - 1];
}

/* Sorts values in place. */
void
juggler_summarize_values (double         *values,
                          guint           n,
                          JugglerSummary *summary)
{
  g_return_if_fail (summary != NULL);
  g_return_if_fail (values != NULL || n == 0);

  *summary = (JugglerSummary) { .n = n };
  if (n == 0)
    return;

  qsort (values, n, sizeof (double), compare_doubles);
  summary->p50 = percentile (values, n, 0.50);
  summary->p99 = percentile (values, n, 0.99);
  summary->max = values[n - 1];
}

JsonObject *
juggler_summary_to_json_object (const JugglerSummary *summary)
{
  JsonObject *object;

  g_return_val_if_fail (summary != NULL, NULL);

  object = json_object_new ();
  json_object_set_double_member (object, "p50", summary->p50);
  json_object_set_double_member (object, "p99", summary->p99);
  json_object_set_double_member (object, "max", summary->max);

  return object;
}
