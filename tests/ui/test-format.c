/* test-format.c: the window's number and duration formatting, without a display
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <math.h>

#include "juggler-format.h"

#define assert_formats(call, expected)        \
  G_STMT_START {                              \
    g_autofree char *text_ = (call);          \
    g_assert_cmpstr (text_, ==, (expected));  \
  } G_STMT_END

static void
test_duration (void)
{
  assert_formats (juggler_format_duration_ms (0.42), "0.42 ms");
  assert_formats (juggler_format_duration_ms (4.5), "4.5 ms");
  assert_formats (juggler_format_duration_ms (33.3), "33 ms");
  assert_formats (juggler_format_duration_ms (850), "850 ms");
  /* Where rounding would reach the next unit, the next unit is used. */
  assert_formats (juggler_format_duration_ms (999.7), "1.00 s");
  assert_formats (juggler_format_duration (1.234), "1.23 s");
  assert_formats (juggler_format_duration (12.34), "12.3 s");
  assert_formats (juggler_format_duration (59.97), "1 min 0 s");
  /* The review's "100919 ms". */
  assert_formats (juggler_format_duration_ms (100919), "1 min 41 s");
  assert_formats (juggler_format_duration (2 * 3600 + 5 * 60 + 10), "2 h 5 min");
  assert_formats (juggler_format_duration (0), "0.00 ms");
  assert_formats (juggler_format_duration (-1), "—");
  assert_formats (juggler_format_duration (NAN), "—");
  assert_formats (juggler_format_duration (INFINITY), "—");
}

static void
test_latency_level (void)
{
  g_assert_cmpint (juggler_format_latency_level (16.7), ==, JUGGLER_LATENCY_GOOD);
  /* One frame missed at 60 Hz is not yet a warning, whatever its jitter. */
  g_assert_cmpint (juggler_format_latency_level (33.2), ==, JUGGLER_LATENCY_GOOD);
  g_assert_cmpint (juggler_format_latency_level (33.6), ==, JUGGLER_LATENCY_GOOD);
  /* Two cells that read the same get the same level. */
  g_assert_cmpint (juggler_format_latency_level (40.4), ==, juggler_format_latency_level (39.6));
  g_assert_cmpint (juggler_format_latency_level (50), ==, JUGGLER_LATENCY_WARNING);
  g_assert_cmpint (juggler_format_latency_level (100.4), ==, JUGGLER_LATENCY_WARNING);
  g_assert_cmpint (juggler_format_latency_level (100.6), ==, JUGGLER_LATENCY_BAD);
  g_assert_cmpint (juggler_format_latency_level (46301), ==, JUGGLER_LATENCY_BAD);
  g_assert_cmpstr (juggler_format_latency_css_class (JUGGLER_LATENCY_WARNING), ==, "warning");
}

static void
test_numbers (void)
{
  assert_formats (juggler_format_number (0.424), "0.42");
  assert_formats (juggler_format_number (9.87), "9.87");
  assert_formats (juggler_format_number (98.74), "98.7");
  assert_formats (juggler_format_number (1003.6), "1004");
  assert_formats (juggler_format_requests_rate (49.31), "49.3 req/s");
  assert_formats (juggler_format_requests_rate (-1), "—");
  assert_formats (juggler_format_speedup (1.968), "1.97×");
  assert_formats (juggler_format_speedup (0), "—");
  assert_formats (juggler_format_cores (1.958), "1.96");
}

static void
test_percent (void)
{
  assert_formats (juggler_format_percent (0.29), "29 %");
  assert_formats (juggler_format_percent (0.996), "99 %");
  assert_formats (juggler_format_percent (1), "100 %");
  assert_formats (juggler_format_percent (0.0052), "0.5 %");
  assert_formats (juggler_format_percent (0), "0.0 %");
}

static void
test_sizes (void)
{
  g_autofree char *size = g_format_size (18800);
  g_autofree char *rate_size = g_format_size (16440000);
  g_autofree char *rate = g_strdup_printf ("%s/s", rate_size);

  assert_formats (juggler_format_size (18800), size);
  assert_formats (juggler_format_byte_rate (16440000.4), rate);
}

/* The top of a chart's y axis is a round number, and its steps 1, 2 or 5 × 10ⁿ. */
static void
test_nice_axis (void)
{
  static const struct
  {
    double max_value;
    guint  max_steps;
    double top;
    double step;
  } cases[] = {
    { 5.94, 4, 6, 2 },     /* the I/O claim's wall time once showed "5.94" as its top */
    { 5.166 * 1.05, 4, 6, 2 },
    { 0.4186, 4, 0.6, 0.2 },
    { 1, 4, 1, 0.5 },
    { 1.05, 4, 1.5, 0.5 },
    { 100, 4, 100, 50 },
    { 101, 4, 150, 50 },
    { 7, 2, 10, 5 },
    { 0.0031, 3, 0.004, 0.002 },
    { 1000, 1, 1000, 1000 },
    { 0, 4, 1, 0.5 },
    { -3, 4, 1, 0.5 },
    { NAN, 4, 1, 0.5 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      double step = 0;
      double top = juggler_format_nice_axis (cases[i].max_value, cases[i].max_steps, &step);
      double mantissa = step / pow (10, floor (log10 (step) + 1e-9));

      g_test_message ("%g in %u steps: %g by %g", cases[i].max_value, cases[i].max_steps, top,
                      step);
      g_assert_cmpfloat_with_epsilon (top, cases[i].top, 1e-12);
      g_assert_cmpfloat_with_epsilon (step, cases[i].step, 1e-12);
      /* Whatever the case: a whole number of steps of 1, 2 or 5, reaching the value. */
      g_assert_cmpfloat_with_epsilon (top / step, round (top / step), 1e-9);
      g_assert_cmpfloat (round (top / step), <=, MAX (cases[i].max_steps, 2));
      g_assert_true (fabs (mantissa - 1) < 1e-9 || fabs (mantissa - 2) < 1e-9 ||
                     fabs (mantissa - 5) < 1e-9);
      if (cases[i].max_value > 0)
        g_assert_cmpfloat (top, >=, cases[i].max_value);
    }
}

int
main (int   argc,
      char *argv[])
{
  /* The C locale's decimal point, whatever the machine's. */
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/format/duration", test_duration);
  g_test_add_func ("/format/latency-level", test_latency_level);
  g_test_add_func ("/format/numbers", test_numbers);
  g_test_add_func ("/format/percent", test_percent);
  g_test_add_func ("/format/nice-axis", test_nice_axis);
  g_test_add_func ("/format/sizes", test_sizes);

  return g_test_run ();
}
