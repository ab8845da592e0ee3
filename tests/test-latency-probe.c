/* test-latency-probe.c: how late a periodic source runs, including a loop blocked at the end
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-latency-probe"

#include "config.h"

#include "juggler-latency-probe.h"
#include "juggler-test-run.h"

#define INTERVAL_MS 5
#define BLOCK_MS    60

typedef struct
{
  JugglerLatencyProbe *probe;
  guint                n;
  gboolean             done;
} Waiter;

static gboolean
count_cb (gpointer user_data)
{
  Waiter *waiter = user_data;
  JugglerSeries *series = juggler_latency_probe_get_series (waiter->probe);

  waiter->done = juggler_series_get_length (series) >= waiter->n;
  return G_SOURCE_CONTINUE;
}

/* Iterates until the probe holds n samples. */
static void
iterate_until_samples (JugglerLatencyProbe *probe,
                       guint                n)
{
  Waiter waiter = { probe, n, FALSE };
  g_autoptr(GSource) check = g_timeout_source_new (1);

  g_source_set_callback (check, count_cb, &waiter, NULL);
  g_source_attach (check, g_main_context_get_thread_default ());
  g_assert_true (juggler_test_iterate_until (&waiter.done, 30));
  g_source_destroy (check);
}

static void
test_samples (JugglerTestFixture *fixture,
              gconstpointer       data)
{
  JugglerLatencyProbe *probe = juggler_latency_probe_new (INTERVAL_MS);
  JugglerSeries *series = juggler_latency_probe_get_series (probe);
  JugglerSummary summary;
  gint64 start = g_get_monotonic_time ();
  gint64 last = 0;
  guint n;

  g_assert_cmpuint (juggler_series_get_length (series), ==, 0);
  juggler_latency_probe_start (probe);
  iterate_until_samples (probe, 10);
  juggler_latency_probe_stop (probe);

  for (guint i = 0; i < juggler_series_get_length (series); i++)
    {
      gint64 time_us;
      double late_ms;

      juggler_series_get (series, i, &time_us, &late_ms);
      g_assert_cmpfloat (late_ms, >=, 0.0);
      g_assert_cmpint (time_us, >=, start);
      g_assert_cmpint (time_us, >=, last);
      /* One dispatch per interval at most: a sample comes at least INTERVAL_MS after the last. */
      if (last > 0)
        g_assert_cmpint (time_us - last, >=, INTERVAL_MS * 1000);
      last = time_us;
    }

  juggler_latency_probe_summarize (probe, start, &summary);
  g_assert_cmpuint (summary.n, ==, juggler_series_get_length (series));
  g_assert_cmpfloat (summary.p50, <=, summary.p99);
  g_assert_cmpfloat (summary.p99, <=, summary.max);

  /* Stopped, it adds nothing however long the loop runs. */
  n = juggler_series_get_length (series);
  while (g_main_context_iteration (fixture->context, FALSE))
    ;
  g_assert_cmpuint (juggler_series_get_length (series), ==, n);

  g_assert_finalize_object (probe);
}

static gboolean
block_cb (gpointer user_data)
{
  g_usleep (BLOCK_MS * 1000);
  return G_SOURCE_REMOVE;
}

static void
test_blocked_loop (JugglerTestFixture *fixture,
                   gconstpointer       data)
{
  JugglerLatencyProbe *probe = juggler_latency_probe_new (INTERVAL_MS);
  g_autoptr(GSource) block = g_idle_source_new ();
  JugglerSummary summary;
  guint n;

  juggler_latency_probe_start (probe);
  iterate_until_samples (probe, 2);

  /* A callback that keeps the loop for BLOCK_MS shows as one sample at least that late,
   * less the interval the probe was due in anyway. */
  g_source_set_priority (block, G_PRIORITY_HIGH);
  g_source_set_callback (block, block_cb, NULL, NULL);
  g_source_attach (block, fixture->context);
  n = juggler_series_get_length (juggler_latency_probe_get_series (probe));
  iterate_until_samples (probe, n + 2);
  juggler_latency_probe_stop (probe);

  juggler_latency_probe_summarize (probe, 0, &summary);
  g_test_message ("max %.1f ms", summary.max);
  g_assert_cmpfloat (summary.max, >=, BLOCK_MS - INTERVAL_MS);

  g_assert_finalize_object (probe);
}

static void
test_stop_while_blocked (JugglerTestFixture *fixture,
                         gconstpointer       data)
{
  JugglerLatencyProbe *probe = juggler_latency_probe_new (INTERVAL_MS);
  JugglerSeries *series = juggler_latency_probe_get_series (probe);
  gint64 time_us;
  double late_ms;

  /* Started and stopped inside one long callback: the loop never dispatched the probe,
   * but stop() records how overdue it was. */
  juggler_latency_probe_start (probe);
  g_usleep (BLOCK_MS * 1000);
  juggler_latency_probe_stop (probe);

  g_assert_cmpuint (juggler_series_get_length (series), ==, 1);
  juggler_series_get (series, 0, &time_us, &late_ms);
  g_assert_cmpfloat (late_ms, >=, BLOCK_MS - INTERVAL_MS);

  /* A second start probes again, into the same series. */
  juggler_latency_probe_start (probe);
  iterate_until_samples (probe, 2);
  juggler_latency_probe_stop (probe);

  g_assert_finalize_object (probe);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  JUGGLER_TEST_ADD_RUN ("/core/latency-probe/samples", test_samples);
  JUGGLER_TEST_ADD_RUN ("/core/latency-probe/blocked-loop", test_blocked_loop);
  JUGGLER_TEST_ADD_RUN ("/core/latency-probe/stop-while-blocked", test_stop_while_blocked);

  return g_test_run ();
}
