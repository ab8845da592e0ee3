/* juggler-format.h: numbers, durations and ratios as the window shows them (no GTK needed)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How bad a latency (a frame interval, a main-loop delay, a stall) is. */
typedef enum
{
  JUGGLER_LATENCY_GOOD,
  JUGGLER_LATENCY_WARNING,
  JUGGLER_LATENCY_BAD,
} JugglerLatencyLevel;

/* Above this many ms a latency is a warning: two frames missed in a row at 60 Hz. */
#define JUGGLER_LATENCY_WARNING_MS 40
/* Above this many ms it is bad: a pause anyone notices. */
#define JUGGLER_LATENCY_BAD_MS     100

/*
 * Every function returns a new string; a value that is not a number (NaN, a negative
 * duration) is "—".
 *
 * Durations: "0.42 ms", "4.5 ms", "850 ms", "1.23 s", "12.3 s", "1 min 41 s", "2 h 05 min":
 * milliseconds below a second, never "100919 ms".
 */
char               *juggler_format_duration      (double       seconds);
char               *juggler_format_duration_ms   (double       milliseconds);
/* The level of a latency as juggler_format_duration_ms() shows it, so that two cells that
 * read "33 ms" always get the same colour. */
JugglerLatencyLevel juggler_format_latency_level (double       milliseconds);
/* The CSS class for a level: "success", "warning" or "error". */
const char         *juggler_format_latency_css_class (JugglerLatencyLevel level);

/* About three significant digits: "0.42", "9.87", "98.7", "987", "9870". */
char               *juggler_format_number        (double       value);
/* Requests (or jobs) per second: "49.3 req/s". */
char               *juggler_format_requests_rate (double       per_second);
/* Bytes as GLib writes them: "18.8 kB", "1.5 MB". */
char               *juggler_format_size          (guint64      bytes);
/* "16.4 MB/s". */
char               *juggler_format_byte_rate     (double       bytes_per_second);
/* A fraction 0…1 as "42 %" (rounded down: 99.6 % done is not "100 %"), "0.5 %" below 1 %. */
char               *juggler_format_percent       (double       fraction);
/* A speed-up in the README's notation: "1.97×". */
char               *juggler_format_speedup       (double       ratio);
/* Cores kept busy (job CPU time ÷ wall time): "1.96". */
char               *juggler_format_cores         (double       cores);

/* A chart axis from 0 that reaches max_value in at most max_steps steps of 1, 2 or 5 × 10ⁿ:
 * returns its top, a whole number of *step (5.4 in 4 steps: 6, by 2). 1, by 0.5, when
 * max_value is not a positive number. */
double              juggler_format_nice_axis     (double       max_value,
                                                  guint        max_steps,
                                                  double      *step);

G_END_DECLS
