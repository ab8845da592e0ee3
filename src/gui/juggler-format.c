/* juggler-format.c: numbers, durations and ratios as the window shows them (no GTK needed)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-format"

#include "config.h"

#include "juggler-format.h"

#include <glib/gi18n.h>
#include <math.h>

#define NO_VALUE "—"

/*
 * Each unit switches to the next where its own rounding would reach the next one's range,
 * so 999.7 ms reads "1.00 s", not "1000 ms", and 59.97 s reads "1 min 0 s", not "60.0 s".
 */
char *
juggler_format_duration_ms (double milliseconds)
{
  if (!isfinite (milliseconds) || milliseconds < 0)
    return g_strdup (NO_VALUE);

  if (milliseconds < 0.995)
    return g_strdup_printf (_("%.2f ms"), milliseconds);
  if (milliseconds < 9.95)
    return g_strdup_printf (_("%.1f ms"), milliseconds);
  if (milliseconds < 999.5)
    return g_strdup_printf (_("%.0f ms"), milliseconds);

  return juggler_format_duration (milliseconds / 1000);
}

char *
juggler_format_duration (double seconds)
{
  guint64 total;

  if (!isfinite (seconds) || seconds < 0)
    return g_strdup (NO_VALUE);

  if (seconds < 0.9995)
    return juggler_format_duration_ms (seconds * 1000);
  if (seconds < 9.995)
    return g_strdup_printf (_("%.2f s"), seconds);
  if (seconds < 59.95)
    return g_strdup_printf (_("%.1f s"), seconds);

  total = (guint64) (seconds + 0.5);
  if (total < 60 * 60)
    /* TRANSLATORS: a duration of minutes and seconds, "1 min 41 s" */
    return g_strdup_printf (_("%u min %u s"), (guint) (total / 60), (guint) (total % 60));

  total = (guint64) (seconds / 60 + 0.5);
  /* TRANSLATORS: a duration of hours and minutes, "2 h 5 min" */
  return g_strdup_printf (_("%u h %u min"), (guint) (total / 60), (guint) (total % 60));
}

JugglerLatencyLevel
juggler_format_latency_level (double milliseconds)
{
  /* The value as it is shown: whole milliseconds in the range where the levels change. */
  double shown = milliseconds < 999.5 ? round (milliseconds) : milliseconds;

  if (!isfinite (milliseconds) || shown <= JUGGLER_LATENCY_WARNING_MS)
    return JUGGLER_LATENCY_GOOD;
  if (shown <= JUGGLER_LATENCY_BAD_MS)
    return JUGGLER_LATENCY_WARNING;

  return JUGGLER_LATENCY_BAD;
}

const char *
juggler_format_latency_css_class (JugglerLatencyLevel level)
{
  switch (level)
    {
    case JUGGLER_LATENCY_GOOD:
      return "success";
    case JUGGLER_LATENCY_WARNING:
      return "warning";
    case JUGGLER_LATENCY_BAD:
      return "error";
    default:
      g_return_val_if_reached ("error");
    }
}

char *
juggler_format_number (double value)
{
  double magnitude = fabs (value);

  if (!isfinite (value))
    return g_strdup (NO_VALUE);

  if (magnitude < 9.995)
    return g_strdup_printf ("%.2f", value);
  if (magnitude < 99.95)
    return g_strdup_printf ("%.1f", value);

  return g_strdup_printf ("%.0f", value);
}

char *
juggler_format_requests_rate (double per_second)
{
  g_autofree char *number = NULL;

  if (!isfinite (per_second) || per_second < 0)
    return g_strdup (NO_VALUE);

  number = juggler_format_number (per_second);
  /* TRANSLATORS: requests per second, "49.3 req/s" */
  return g_strdup_printf (_("%s req/s"), number);
}

char *
juggler_format_size (guint64 bytes)
{
  return g_format_size (bytes);
}

char *
juggler_format_byte_rate (double bytes_per_second)
{
  g_autofree char *size = NULL;

  if (!isfinite (bytes_per_second) || bytes_per_second < 0)
    return g_strdup (NO_VALUE);

  size = g_format_size ((guint64) bytes_per_second);
  /* TRANSLATORS: an amount of data per second, "16.4 MB/s" */
  return g_strdup_printf (_("%s/s"), size);
}

char *
juggler_format_percent (double fraction)
{
  /* The epsilon keeps 0.29 × 100 = 28.999… from reading "28 %". */
  double percent = fraction * 100 + 1e-9;

  if (!isfinite (fraction) || fraction < 0)
    return g_strdup (NO_VALUE);

  if (percent < 1)
    /* TRANSLATORS: a percentage, "0.5 %"; use your language's spacing and sign */
    return g_strdup_printf (_("%.1f %%"), floor (percent * 10) / 10);

  /* TRANSLATORS: a percentage, "42 %"; use your language's spacing and sign */
  return g_strdup_printf (_("%.0f %%"), floor (percent));
}

char *
juggler_format_speedup (double ratio)
{
  if (!isfinite (ratio) || ratio <= 0)
    return g_strdup (NO_VALUE);

  /* TRANSLATORS: a speed-up factor, "1.97×" as in the README's tables */
  return g_strdup_printf (_("%.2f×"), ratio);
}

char *
juggler_format_cores (double cores)
{
  if (!isfinite (cores) || cores < 0)
    return g_strdup (NO_VALUE);

  return g_strdup_printf ("%.2f", cores);
}

double
juggler_format_nice_axis (double  max_value,
                          guint   max_steps,
                          double *step)
{
  static const double multiples[] = { 1, 2, 5, 10 };
  double raw, magnitude, chosen = 1, top;

  g_return_val_if_fail (max_steps >= 1, 1);

  if (!isfinite (max_value) || max_value <= 0)
    {
      if (step != NULL)
        *step = 0.5;
      return 1;
    }

  raw = max_value / max_steps;
  magnitude = pow (10, floor (log10 (raw)));
  for (guint i = 0; i < G_N_ELEMENTS (multiples); i++)
    {
      chosen = multiples[i] * magnitude;
      /* A relative tolerance: 0.2 stays 0.2 despite rounding in log10 and pow. */
      if (chosen >= raw * (1 - 1e-9))
        break;
    }
  top = ceil (max_value / chosen * (1 - 1e-9)) * chosen;

  if (step != NULL)
    *step = chosen;
  return top;
}
