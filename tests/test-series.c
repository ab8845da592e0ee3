/* test-series.c: percentiles, trimming and time windows of JugglerSeries
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "juggler-series.h"

static void
test_percentiles_known_data (void)
{
  /* 1..100 shuffled: nearest rank gives p50 = 50, p99 = 99. */
  double values[100];
  JugglerSummary summary;

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    values[i] = (double) ((i * 37) % 100 + 1);

  juggler_summarize_values (values, G_N_ELEMENTS (values), &summary);
  g_assert_cmpuint (summary.n, ==, 100);
  g_assert_cmpfloat (summary.p50, ==, 50.0);
  g_assert_cmpfloat (summary.p99, ==, 99.0);
  g_assert_cmpfloat (summary.max, ==, 100.0);

  /* Sorted in place, as documented. */
  for (guint i = 1; i < G_N_ELEMENTS (values); i++)
    g_assert_cmpfloat (values[i - 1], <=, values[i]);
}

static void
test_percentiles_small (void)
{
  double one[] = { 7.5 };
  double three[] = { 3.0, 1.0, 2.0 };
  double ten[] = { 10, 9, 8, 7, 6, 5, 4, 3, 2, 1 };
  double outlier[] = { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1000 };
  JugglerSummary summary;

  juggler_summarize_values (one, 1, &summary);
  g_assert_cmpuint (summary.n, ==, 1);
  g_assert_cmpfloat (summary.p50, ==, 7.5);
  g_assert_cmpfloat (summary.p99, ==, 7.5);
  g_assert_cmpfloat (summary.max, ==, 7.5);

  /* Nearest rank picks a sample, never an interpolation. */
  juggler_summarize_values (three, 3, &summary);
  g_assert_cmpfloat (summary.p50, ==, 2.0);
  g_assert_cmpfloat (summary.p99, ==, 3.0);

  juggler_summarize_values (ten, 10, &summary);
  g_assert_cmpfloat (summary.p50, ==, 5.0);
  g_assert_cmpfloat (summary.p99, ==, 10.0);
  g_assert_cmpfloat (summary.max, ==, 10.0);

  juggler_summarize_values (outlier, 10, &summary);
  g_assert_cmpfloat (summary.p50, ==, 1.0);
  g_assert_cmpfloat (summary.p99, ==, 1000.0);
  g_assert_cmpfloat (summary.max, ==, 1000.0);
}

static void
test_percentiles_empty (void)
{
  JugglerSummary summary = { 1, 2, 3, 4 };

  juggler_summarize_values (NULL, 0, &summary);
  g_assert_cmpuint (summary.n, ==, 0);
  g_assert_cmpfloat (summary.p50, ==, 0.0);
  g_assert_cmpfloat (summary.p99, ==, 0.0);
  g_assert_cmpfloat (summary.max, ==, 0.0);
}

static void
test_series_trim (void)
{
  g_autoptr(JugglerSeries) series = juggler_series_new ();
  gint64 time_us;
  double value;

  for (guint i = 0; i < 10; i++)
    juggler_series_append (series, 1000 * (i + 1), i * 2.0);
  g_assert_cmpuint (juggler_series_get_length (series), ==, 10);

  /* Strictly older samples go; the one exactly at the bound stays. */
  juggler_series_trim (series, 4000);
  g_assert_cmpuint (juggler_series_get_length (series), ==, 7);
  juggler_series_get (series, 0, &time_us, &value);
  g_assert_cmpint (time_us, ==, 4000);
  g_assert_cmpfloat (value, ==, 6.0);
  juggler_series_get (series, 6, &time_us, &value);
  g_assert_cmpint (time_us, ==, 10000);
  g_assert_cmpfloat (value, ==, 18.0);

  /* Nothing older: nothing goes. */
  juggler_series_trim (series, 0);
  g_assert_cmpuint (juggler_series_get_length (series), ==, 7);

  juggler_series_trim (series, G_MAXINT64);
  g_assert_cmpuint (juggler_series_get_length (series), ==, 0);

  juggler_series_append (series, 1, 1.0);
  g_assert_cmpuint (juggler_series_get_length (series), ==, 1);
  juggler_series_clear (series);
  g_assert_cmpuint (juggler_series_get_length (series), ==, 0);
}

/* The newest sample before the edge stays: it says where the first one after it starts. */
static void
test_series_trim_to_edge (void)
{
  g_autoptr(JugglerSeries) series = juggler_series_new ();
  gint64 time_us;

  for (guint i = 0; i < 10; i++)
    juggler_series_append (series, 1000 * (i + 1), i * 2.0);

  juggler_series_trim_to_edge (series, 4500);
  g_assert_cmpuint (juggler_series_get_length (series), ==, 7);
  juggler_series_get (series, 0, &time_us, NULL);
  g_assert_cmpint (time_us, ==, 4000);

  /* Only one sample before the edge: nothing goes. */
  juggler_series_trim_to_edge (series, 4500);
  g_assert_cmpuint (juggler_series_get_length (series), ==, 7);

  /* Every sample before the edge: the last stays. */
  juggler_series_trim_to_edge (series, G_MAXINT64);
  g_assert_cmpuint (juggler_series_get_length (series), ==, 1);
  juggler_series_get (series, 0, &time_us, NULL);
  g_assert_cmpint (time_us, ==, 10000);
}

static void
test_series_summarize_since (void)
{
  g_autoptr(JugglerSeries) series = juggler_series_new ();
  JugglerSummary summary;

  /* Large values early, small ones later: the window must leave the early ones out. */
  for (guint i = 0; i < 5; i++)
    juggler_series_append (series, 100 + i, 1000.0 + i);
  for (guint i = 0; i < 100; i++)
    juggler_series_append (series, 200 + i, (double) (100 - i));

  juggler_series_summarize (series, 200, &summary);
  g_assert_cmpuint (summary.n, ==, 100);
  g_assert_cmpfloat (summary.p50, ==, 50.0);
  g_assert_cmpfloat (summary.p99, ==, 99.0);
  g_assert_cmpfloat (summary.max, ==, 100.0);

  juggler_series_summarize (series, 0, &summary);
  g_assert_cmpuint (summary.n, ==, 105);
  g_assert_cmpfloat (summary.max, ==, 1004.0);

  juggler_series_summarize (series, 10000, &summary);
  g_assert_cmpuint (summary.n, ==, 0);
  g_assert_cmpfloat (summary.max, ==, 0.0);

  /* Summarizing must not reorder the series itself. */
  {
    gint64 time_us;
    double value;

    juggler_series_get (series, 5, &time_us, &value);
    g_assert_cmpint (time_us, ==, 200);
    g_assert_cmpfloat (value, ==, 100.0);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/series/percentiles/known-data", test_percentiles_known_data);
  g_test_add_func ("/core/series/percentiles/small", test_percentiles_small);
  g_test_add_func ("/core/series/percentiles/empty", test_percentiles_empty);
  g_test_add_func ("/core/series/trim", test_series_trim);
  g_test_add_func ("/core/series/trim-to-edge", test_series_trim_to_edge);
  g_test_add_func ("/core/series/summarize-since", test_series_summarize_since);

  return g_test_run ();
}
