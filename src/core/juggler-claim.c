/* juggler-claim.c: the claims of the usual "event loop vs threads" advice, and the rules
 * that turn an experiment's figures into a verdict
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-claim"

#include "config.h"

#include "juggler-claim.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <sched.h>
#include <string.h>

/* A frame at 60 Hz: a loop that is later than this drops frames. */
#define FRAME_MS 16.7
/* A window keeps up when its frames come at most this far apart (one frame, and jitter). */
#define WINDOW_FRAME_MS 17.0

#define F(name) juggler_claim_get_figure (figures, name)

static JugglerVerdict
missing (char **rule)
{
  g_free (*rule);
  *rule = g_strdup (_("Not decided: the experiment did not produce the deciding figures."));
  return JUGGLER_VERDICT_MEASURED;
}

static JugglerVerdict
one_core (char **rule)
{
  /* Called after a rule has been worded: it replaces that rule. */
  g_free (*rule);
  *rule = g_strdup (_("Not decided: this machine has one core, and the effect needs two."));
  return JUGGLER_VERDICT_MEASURED;
}

/* Nothing was lost: with one core that says nothing, threads never ran at once. */
static JugglerVerdict
partly_unless_one_core (double   cores,
                        char   **rule)
{
  if (!isnan (cores) && cores < 2)
    return one_core (rule);
  return JUGGLER_VERDICT_PARTLY;
}

/* Confirmed at or above confirm, Refuted below refute, Partly between. */
static JugglerVerdict
by_threshold (double value,
              double confirm,
              double refute)
{
  if (value >= confirm)
    return JUGGLER_VERDICT_CONFIRMED;
  if (value < refute)
    return JUGGLER_VERDICT_REFUTED;
  return JUGGLER_VERDICT_PARTLY;
}

/* Confirmed at or above confirm, Refuted at or below refute, Partly between; text is the
 * rule in a sentence. */
static JugglerVerdict
by_ratio (double      ratio,
          double      confirm,
          double      refute,
          const char *text,
          char      **rule)
{
  if (isnan (ratio))
    return missing (rule);

  *rule = g_strdup (text);
  if (ratio >= confirm)
    return JUGGLER_VERDICT_CONFIRMED;
  if (ratio <= refute)
    return JUGGLER_VERDICT_REFUTED;
  return JUGGLER_VERDICT_PARTLY;
}

static JugglerVerdict
decide_io_event_loop (JsonObject  *figures,
                      char       **rule)
{
  double ratio = F ("pool_over_async");

  if (isnan (ratio))
    return missing (rule);

  *rule = g_strdup (_("Confirmed when a pool of 10 threads takes at least 2× the async wall "
                      "time for the same requests; Refuted below 1.2×; Partly between."));
  return by_threshold (ratio, 2.0, 1.2);
}

static JugglerVerdict
decide_cpu_threads (JsonObject  *figures,
                    char       **rule)
{
  double cores = F ("cores");
  double speedup = F ("speedup_at_cores");

  if (isnan (cores) || isnan (speedup))
    return missing (rule);
  if (cores < 2)
    return one_core (rule);

  *rule = g_strdup (_("Confirmed when as many workers as cores are at least 0.75 × cores "
                      "faster than one worker; Refuted below 1.2×; Partly between."));
  return by_threshold (speedup, 0.75 * cores, 1.2);
}

static JugglerVerdict
decide_loop_cpu (JsonObject  *figures,
                 char       **rule)
{
  double slices = F ("slices_speedup");
  double blocking = F ("blocking_speedup");
  double best;

  if (isnan (slices) || isnan (blocking))
    return missing (rule);

  best = MAX (slices, blocking);
  *rule = g_strdup (_("Confirmed when neither main-loop slices nor blocking the loop is more "
                      "than 1.15× faster than one worker thread; Refuted when either is at "
                      "least 1.5× faster; Partly between."));
  if (best <= 1.15)
    return JUGGLER_VERDICT_CONFIRMED;
  if (best >= 1.5)
    return JUGGLER_VERDICT_REFUTED;
  return JUGGLER_VERDICT_PARTLY;
}

static JugglerVerdict
decide_loop_scales_io (JsonObject  *figures,
                       char       **rule)
{
  double ratio = F ("wall_over_ideal");
  double failed = F ("failed");

  if (isnan (ratio))
    return missing (rule);

  *rule = g_strdup (_("Confirmed when the most requests in flight finish within 3× the ideal "
                      "wall time (one latency per wave) with none failing; Partly within "
                      "10× or with failures; Refuted beyond 10×."));
  if (ratio > 10.0)
    return JUGGLER_VERDICT_REFUTED;
  if (ratio > 3.0 || (!isnan (failed) && failed > 0))
    return JUGGLER_VERDICT_PARTLY;
  return JUGGLER_VERDICT_CONFIRMED;
}

static JugglerVerdict
decide_many_threads (JsonObject  *figures,
                     char       **rule)
{
  double overhead = F ("overhead_growth");
  double switches = F ("switches_growth");
  double kb = F ("kb_per_thread");

  if (isnan (overhead) || isnan (switches) || isnan (kb))
    return missing (rule);

  *rule = g_strdup (_("Confirmed when the most workers spend at least 1.25× the CPU time of "
                      "2 workers on the same tiles; Partly when they do not, but switches per "
                      "tile at least double or a thread holds at least 8 KiB of memory; "
                      "Refuted otherwise."));
  if (overhead >= 1.25)
    return JUGGLER_VERDICT_CONFIRMED;
  if (switches >= 2.0 || kb >= 8.0)
    return JUGGLER_VERDICT_PARTLY;
  return JUGGLER_VERDICT_REFUTED;
}

static JugglerVerdict
decide_pool (JsonObject  *figures,
             char       **rule)
{
  return by_ratio (F ("per_job_over_pool_switches"), 1.5, 1.1,
                   _("Confirmed when a thread per tile makes at least 1.5× the context "
                     "switches per tile of a pool of as many threads as cores; Refuted at "
                     "1.1× or less; Partly between. GTask's shared pool is in the figures: "
                     "the threads it ran at most, and how long a file read by GIO waited "
                     "with its tiles queued against without them."),
                   rule);
}

static JugglerVerdict
decide_switching (JsonObject  *figures,
                  char       **rule)
{
  *rule = g_strdup (_("Measured: context switches per job (voluntary and involuntary, for "
                      "the whole process), no threshold."));
  return JUGGLER_VERDICT_MEASURED;
}

/* Headless, the loop's own lateness decides; from a window, the window's frames. */
static JugglerVerdict
decide_gui (JsonObject  *figures,
            char       **rule)
{
  double loop_p99 = F ("loop_p99_ms");
  double frame_p99 = F ("frame_p99_ms");
  const char *loop = json_object_get_string_member_with_default (figures, "loop", "experiment");
  double value;

  if (isnan (loop_p99))
    return missing (rule);

  if (g_str_equal (loop, "window") && !isnan (frame_p99))
    {
      value = frame_p99;
      *rule = g_strdup_printf (_("Measured on the window's own loop: Refuted when the "
                                 "window's frame interval p99 stays within %.0f ms while "
                                 "the requests are in flight on that loop, for a GUI main "
                                 "loop is an event loop; Confirmed above 50 ms; Partly "
                                 "between."),
                               WINDOW_FRAME_MS);
      if (value <= WINDOW_FRAME_MS)
        return JUGGLER_VERDICT_REFUTED;
    }
  else
    {
      value = loop_p99;
      *rule = g_strdup_printf (_("Measured headless, on the experiment's own loop: Refuted "
                                 "when the loop's p99 lateness stays within a frame "
                                 "(%.1f ms) while the requests are in flight on it, for a "
                                 "GUI main loop is an event loop; Confirmed above 50 ms; "
                                 "Partly between."),
                               FRAME_MS);
      if (value <= FRAME_MS)
        return JUGGLER_VERDICT_REFUTED;
    }

  if (value > 50.0)
    return JUGGLER_VERDICT_CONFIRMED;
  return JUGGLER_VERDICT_PARTLY;
}

static gboolean
stalls (double blocking_ms,
        double other_ms)
{
  return blocking_ms >= 50.0 && blocking_ms >= 5.0 * other_ms;
}

static JugglerVerdict
decide_blocking (JsonObject  *figures,
                 char       **rule)
{
  double cpu_blocking = F ("cpu_blocking_stall_ms");
  double cpu_threads = F ("cpu_threads_stall_ms");
  double net_blocking = F ("net_blocking_stall_ms");
  double net_async = F ("net_async_stall_ms");
  guint n_stalls;

  if (isnan (cpu_blocking) || isnan (cpu_threads) || isnan (net_blocking) || isnan (net_async))
    return missing (rule);

  *rule = g_strdup (_("Confirmed when blocking the loop, for CPU work and for I/O alike, "
                      "stalls it for at least 50 ms and 5× longer than the non-blocking "
                      "strategy; Partly when only one of them does; Refuted when neither."));
  n_stalls = stalls (cpu_blocking, cpu_threads) + stalls (net_blocking, net_async);
  return n_stalls == 2 ? JUGGLER_VERDICT_CONFIRMED
         : n_stalls == 1 ? JUGGLER_VERDICT_PARTLY
         : JUGGLER_VERDICT_REFUTED;
}

static JugglerVerdict
decide_locks (JsonObject  *figures,
              char       **rule)
{
  double plain = F ("plain_lost");
  double mutex = F ("mutex_lost");
  double atomic = F ("atomic_lost");
  double loop = F ("loop_lost");
  double cores = F ("cores");

  if (isnan (plain) || isnan (mutex) || isnan (atomic) || isnan (loop))
    return missing (rule);

  *rule = g_strdup (_("Confirmed when unsynchronised increments from several threads lose "
                      "updates while the mutex, the atomics and the main loop lose none; "
                      "Refuted when any of those three loses one; Partly when no update "
                      "was lost at all."));
  if (mutex > 0 || atomic > 0 || loop > 0)
    return JUGGLER_VERDICT_REFUTED;
  if (plain > 0)
    return JUGGLER_VERDICT_CONFIRMED;
  return partly_unless_one_core (cores, rule);
}

static JugglerVerdict
decide_loop_no_threads (JsonObject  *figures,
                        char       **rule)
{
  double ip = F ("ip_helper_threads");
  double host = F ("host_helper_threads");

  if (isnan (ip) || isnan (host))
    return missing (rule);

  *rule = g_strdup (_("Confirmed when no thread but the loop's own works for the requests, "
                      "to an IP address or to a host name; Partly when only the host name "
                      "needs helper threads (GIO's resolver); Refuted when even the IP "
                      "address does."));
  if (ip > 0)
    return JUGGLER_VERDICT_REFUTED;
  if (host > 0)
    return JUGGLER_VERDICT_PARTLY;
  return JUGGLER_VERDICT_CONFIRMED;
}

static JugglerVerdict
decide_loop_thread_safety (JsonObject  *figures,
                           char       **rule)
{
  double plain = F ("plain_lost");
  double handoff = F ("handoff_lost");
  double coalesced = F ("coalesced_lost");
  double cores = F ("cores");

  if (isnan (plain) || isnan (handoff))
    return missing (rule);

  *rule = g_strdup (_("Refuted when a counter written from a thread without the loop's door "
                      "loses updates, or when hand-offs through the door are lost; Partly "
                      "when nothing was lost. The door's cost is in the figures: per event "
                      "when each event is handed off, and when progress is coalesced into "
                      "one hand-off per wake of the loop."));
  if (handoff > 0 || plain > 0 || (!isnan (coalesced) && coalesced > 0))
    return JUGGLER_VERDICT_REFUTED;
  return partly_unless_one_core (cores, rule);
}

static JugglerVerdict
decide_servers (JsonObject  *figures,
                char       **rule)
{
  return by_ratio (F ("threaded_over_loop_kb"), 1.5, 1.1,
                   _("Confirmed when, at the most connections, a thread per connection "
                     "costs at least 1.5× the memory per connection of one event loop; "
                     "Refuted at 1.1× or less; Partly between (request p99s in the "
                     "figures)."),
                   rule);
}

static JugglerVerdict
decide_gil (JsonObject  *figures,
            char       **rule)
{
  double cores = F ("cores");
  double speedup = F ("speedup_2");

  if (isnan (cores) || isnan (speedup))
    return missing (rule);
  if (cores < 2)
    return one_core (rule);

  *rule = g_strdup (_("Under a global lock: Refuted when 2 threads are less than 1.2× faster "
                      "than 1; Confirmed at 1.6× or more; Partly between."));
  return by_threshold (speedup, 1.6, 1.2);
}

static const JugglerClaim claims[] = {
  {
    "io-event-loop",
    N_("I/O-bound work suits an event loop better than threads."),
    N_("The same slow requests sent by async calls on one main loop, by a pool of 10 "
       "threads making blocking calls, and by a thread per request."),
    decide_io_event_loop,
    { "pool_over_async", "async_wall_s", "pool_wall_s", "thread_per_request_wall_s",
      "async_kb_per_request", "thread_per_request_kb_per_request", NULL },
    1, N_("Requests in flight"), N_("Wall time (s)"), "net", "async",
  },
  {
    "cpu-threads",
    N_("CPU-bound work suits threads."),
    N_("Mandelbrot tiles computed by 1 to 2 × cores worker threads, and in main-loop slices."),
    decide_cpu_threads,
    { "speedup_at_cores", "speedup_at_2x_cores", "slices_speedup", "cores", NULL },
    2, N_("Workers"), N_("Speed-up over one worker"), "cpu", "threads",
  },
  {
    "loop-cpu",
    N_("An event loop does not speed up CPU work."),
    N_("The same tiles in main-loop slices, blocking the loop, and on one worker thread."),
    decide_loop_cpu,
    { "slices_speedup", "blocking_speedup", NULL },
    1, N_("Strategy"), N_("Speed-up over one worker"), "cpu", "cooperative", TRUE,
  },
  {
    "loop-scales-io",
    N_("An event loop scales to many concurrent I/O operations."),
    N_("Async requests with 1, 10, 100 and 1000 in flight at once on one main loop."),
    decide_loop_scales_io,
    { "wall_over_ideal", "max_in_flight", "kb_per_request", "loop_p99_ms", "failed", NULL },
    1, N_("Requests in flight"), N_("Wall time ÷ ideal"), "net", "async",
  },
  {
    "many-threads",
    N_("Threads become less efficient in large numbers."),
    N_("Threads that only wait, 10 to 1000 of them, and the same tiles on 2, 16 and 256 "
       "worker threads against the bare kernel's CPU time."),
    decide_many_threads,
    { "overhead_growth", "switches_growth", "kb_per_thread", "create_us", "most_threads", NULL },
    1, N_("Threads"), N_("Share of the line’s largest value (%)"), "cpu",
    "thread-per-job", FALSE, TRUE,
  },
  {
    "pool",
    N_("Use a pool of threads to limit switching."),
    N_("The same small tiles on a thread per tile, a pool of as many threads as cores, a "
       "pool of 16 × cores and GTask's shared pool, with a file read by GIO timed while the "
       "tiles wait in that shared pool."),
    decide_pool,
    { "per_job_over_pool_switches", "thread_per_job_switches_per_tile", "pool_switches_per_tile",
      "thread_per_job_wall_s", "pool_wall_s", "shared_pool_threads", "gio_read_idle_ms",
      "gio_read_behind_tiles_ms", NULL },
    1, N_("Threads"), N_("Context switches per tile"), "cpu", "thread-per-job",
  },
  {
    "switching",
    N_("Threads and event loops both pay for context switching."),
    N_("Context switches per job for worker threads (cores and 16 × cores), main-loop "
       "slices and async requests."),
    decide_switching,
    { "switches_per_tile_threads_cores", "switches_per_tile_threads_16x",
      "switches_per_tile_slices", "switches_per_request_async", NULL },
    1, N_("Configuration"), N_("Context switches per job"), "cpu", "threads",
  },
  {
    "gui",
    N_("An event loop is a poor fit for GUI apps."),
    N_("Hundreds of async requests in flight on the window's own main loop, with its frames "
       "and the loop's lateness measured (headless: the experiment's own loop stands for "
       "the window's)."),
    decide_gui,
    { "loop", "frame_p99_ms", "ui_cpu_p99_ms", "loop_p99_ms", "loop_max_ms", "requests", NULL },
    1, N_("Requests"), N_("Loop lateness (ms)"), "net", "async",
  },
  {
    "blocking",
    N_("Never block the event loop or the UI thread."),
    N_("CPU tiles and requests run blocking on the loop, against worker threads and async "
       "calls; the loop's longest stall is measured."),
    decide_blocking,
    { "cpu_blocking_stall_ms", "cpu_threads_stall_ms", "net_blocking_stall_ms",
      "net_async_stall_ms", NULL },
    1, N_("Strategy"), N_("Longest stall (ms)"), "cpu", "blocking", TRUE,
  },
  {
    "locks",
    N_("Threads need locks; an event loop needs none."),
    N_("Several threads increment one counter without synchronisation, with a mutex, with "
       "atomics, and as callbacks on the main loop; lost updates are counted."),
    decide_locks,
    { "plain_lost", "mutex_lost", "atomic_lost", "loop_lost", "plain_ns", "atomic_ns" },
    /* One core loses updates too, when a thread is preempted between read and write. */
    1, N_("Variant"), N_("Nanoseconds per increment"), NULL, NULL, TRUE,
  },
  {
    "loop-no-threads",
    N_("An event loop uses no threads."),
    N_("The threads that wake during async requests to an IP address and to a host name."),
    decide_loop_no_threads,
    { "ip_helper_threads", "host_helper_threads", "host_helpers", NULL },
    1, N_("Target"), N_("Helper threads"), "net", "async", TRUE,
  },
  {
    "loop-thread-safety",
    N_("The event loop's own locks make it thread-safe."),
    N_("A worker hands events to the loop through its thread-safe door (an idle source "
       "attached to the loop's context), one hand-off per event and coalesced into one per "
       "wake of the loop, against atomics and unsynchronised writes."),
    decide_loop_thread_safety,
    { "handoff_us", "loop_events_per_s", "coalesced_us_per_event", "coalesced_handoffs",
      "atomic_ns", "handoff_lost", "plain_lost", NULL },
    1, N_("Way"), N_("Cost per hand-off (µs)"), "cpu", "threads", TRUE,
  },
  {
    "servers",
    N_("An event-loop server handles many concurrent connections better than a thread per "
       "connection."),
    N_("The same slow answers served by the embedded server on one main loop and by a "
       "thread per connection (GThreadedSocketService), to 10, 100 and 1000 clients at once."),
    decide_servers,
    { "threaded_over_loop_kb", "loop_kb_per_connection", "threaded_kb_per_connection",
      "loop_p99_ms", "threaded_p99_ms", "threaded_threads_added", NULL },
    1, N_("Connections"), N_("Memory per connection (KiB)"), "net", "async",
  },
  {
    "gil",
    N_("Threads speed up CPU work (in CPython, under its global lock)."),
    N_("Mandelbrot tiles on 1 and 2 threads that must hold one global lock to compute, "
       "and the loop's lateness while it waits for that lock; where python3 is installed, "
       "CPython's own threads on a pure-Python loop too."),
    decide_gil,
    { "speedup_2", "cpython_speedup_2", "loop_p99_ms", "loop_max_ms", NULL },
    2, N_("Workers"), N_("Speed-up over one worker"), "cpu", "global-lock",
  },
  {
    "debugging",
    N_("Async code (or threaded code) is harder to debug."),
    N_("An opinion: how hard debugging is depends on the tools and the person, and no "
       "figure of a run decides it."),
    NULL, { NULL }, 1, NULL, NULL, NULL, NULL,
  },
  {
    "ease-of-use",
    N_("One of the two models is easier to use."),
    N_("An opinion: ease is a matter of experience and taste, not of anything a run can "
       "measure."),
    NULL, { NULL }, 1, NULL, NULL, NULL, NULL,
  },
  {
    "deque",
    N_("Use a deque to hand work between threads."),
    N_("An opinion: it is a choice of data structure whose cost depends on the program; "
       "GLib's GAsyncQueue already does the job for its pools."),
    NULL, { NULL }, 1, NULL, NULL, NULL, NULL,
  },
  {
    "profiling",
    N_("Profile to find where the time goes."),
    N_("Advice rather than a claim: no verdict follows from it, but Juggler's own trace "
       "export shows where a run's time went."),
    NULL, { NULL }, 1, NULL, NULL, NULL, NULL,
  },
};

/* How a figure's value reads: its unit follows the number. */
typedef enum
{
  UNIT_COUNT,
  UNIT_TIMES,
  UNIT_S,
  UNIT_MS,
  UNIT_US,
  UNIT_NS,
  UNIT_KIB,
  UNIT_MIB,
  UNIT_PER_S,
  UNIT_TEXT,
} FigureUnit;

/* Each figure a claim shows, in words. The names stay what `juggler-bench claims --json`
 * and Export JSON… write (scripts read them); these are what a person reads. A figure of
 * the same name means something else in some claims: a claim's own entry comes first. */
static const struct
{
  const char *claim;    /* NULL: in any claim */
  const char *name;
  const char *label;
  FigureUnit  unit;
} figure_labels[] = {
  { "io-event-loop", "pool_over_async", N_("Wall time of 10 threads ÷ async"), UNIT_TIMES },
  { "io-event-loop", "pool_wall_s", N_("Wall time, a pool of 10 threads"), UNIT_S },
  { "io-event-loop", "async_wall_s", N_("Wall time, async"), UNIT_S },
  { "io-event-loop", "thread_per_request_wall_s", N_("Wall time, a thread per request"), UNIT_S },
  { "io-event-loop", "async_kb_per_request", N_("Memory per request, async"), UNIT_KIB },
  { "io-event-loop", "thread_per_request_kb_per_request",
    N_("Memory per request, a thread per request"), UNIT_KIB },
  { "cpu-threads", "speedup_at_cores", N_("Speed-up, as many workers as cores"), UNIT_TIMES },
  { "cpu-threads", "speedup_at_2x_cores", N_("Speed-up, twice as many workers as cores"),
    UNIT_TIMES },
  { "loop-scales-io", "wall_over_ideal", N_("Wall time ÷ ideal, most in flight"), UNIT_TIMES },
  { "loop-scales-io", "max_in_flight", N_("Most requests in flight"), UNIT_COUNT },
  { "loop-scales-io", "kb_per_request", N_("Memory per request in flight"), UNIT_KIB },
  { "many-threads", "overhead_growth", N_("CPU time of the most workers ÷ 2 workers"),
    UNIT_TIMES },
  { "many-threads", "switches_growth", N_("Switches per tile, most workers ÷ 2 workers"),
    UNIT_TIMES },
  { "many-threads", "kb_per_thread", N_("Memory per waiting thread"), UNIT_KIB },
  { "many-threads", "create_us", N_("Time to create a thread"), UNIT_US },
  { "many-threads", "most_threads", N_("Most threads at once"), UNIT_COUNT },
  { "pool", "per_job_over_pool_switches", N_("Switches per tile, a thread per tile ÷ a pool"),
    UNIT_TIMES },
  { "pool", "thread_per_job_switches_per_tile", N_("Switches per tile, a thread per tile"),
    UNIT_COUNT },
  { "pool", "pool_switches_per_tile", N_("Switches per tile, a pool of as many threads as cores"),
    UNIT_COUNT },
  { "pool", "thread_per_job_wall_s", N_("Wall time, a thread per tile"), UNIT_S },
  { "pool", "pool_wall_s", N_("Wall time, a pool of as many threads as cores"), UNIT_S },
  { "pool", "shared_pool_threads", N_("Threads GTask’s shared pool ran at most"), UNIT_COUNT },
  { "pool", "gio_read_idle_ms", N_("A file read by GIO, shared pool idle"), UNIT_MS },
  { "pool", "gio_read_behind_tiles_ms", N_("A file read by GIO, behind the tiles"), UNIT_MS },
  { "switching", "switches_per_tile_threads_cores",
    N_("Switches per tile, as many threads as cores"), UNIT_COUNT },
  { "switching", "switches_per_tile_threads_16x", N_("Switches per tile, 16 × cores threads"),
    UNIT_COUNT },
  { "switching", "switches_per_tile_slices", N_("Switches per tile, main-loop slices"),
    UNIT_COUNT },
  { "switching", "switches_per_request_async", N_("Switches per request, async"), UNIT_COUNT },
  { "gui", "loop", N_("Loop measured"), UNIT_TEXT },
  { "blocking", "cpu_blocking_stall_ms", N_("Longest stall, CPU work blocking the loop"),
    UNIT_MS },
  { "blocking", "cpu_threads_stall_ms", N_("Longest stall, CPU work on worker threads"),
    UNIT_MS },
  { "blocking", "net_blocking_stall_ms", N_("Longest stall, requests blocking the loop"),
    UNIT_MS },
  { "blocking", "net_async_stall_ms", N_("Longest stall, async requests"), UNIT_MS },
  { "loop-no-threads", "ip_helper_threads", N_("Helper threads, requests to an IP address"),
    UNIT_COUNT },
  { "loop-no-threads", "host_helper_threads", N_("Helper threads, requests to a host name"),
    UNIT_COUNT },
  { "loop-no-threads", "host_helpers", N_("The host name’s helper threads"), UNIT_TEXT },
  { "loop-thread-safety", "handoff_us", N_("Time per hand-off to the loop"), UNIT_US },
  { "loop-thread-safety", "loop_events_per_s", N_("Hand-offs the loop takes"), UNIT_PER_S },
  { "loop-thread-safety", "coalesced_us_per_event", N_("Time per event, coalesced"), UNIT_US },
  { "loop-thread-safety", "coalesced_handoffs", N_("Hand-offs, coalesced"), UNIT_COUNT },
  { "loop-thread-safety", "handoff_lost", N_("Hand-offs lost"), UNIT_COUNT },
  { "servers", "threaded_over_loop_kb",
    N_("Memory per connection, a thread per connection ÷ one loop"), UNIT_TIMES },
  { "servers", "loop_kb_per_connection", N_("Memory per connection, one loop"), UNIT_KIB },
  { "servers", "threaded_kb_per_connection", N_("Memory per connection, a thread per connection"),
    UNIT_KIB },
  { "servers", "loop_p99_ms", N_("Request time p99, one loop"), UNIT_MS },
  { "servers", "threaded_p99_ms", N_("Request time p99, a thread per connection"), UNIT_MS },
  { "servers", "threaded_threads_added", N_("Threads added for the connections"), UNIT_COUNT },
  { "gil", "speedup_2", N_("Speed-up, 2 threads under the global lock"), UNIT_TIMES },
  { "gil", "cpython_speedup_2", N_("Speed-up, 2 CPython threads"), UNIT_TIMES },
  { "gil", "loop_p99_ms", N_("Loop lateness p99, waiting for the lock"), UNIT_MS },
  { "gil", "loop_max_ms", N_("Longest loop lateness, waiting for the lock"), UNIT_MS },
  { NULL, "cores", N_("Cores"), UNIT_COUNT },
  { NULL, "requests", N_("Requests"), UNIT_COUNT },
  { NULL, "failed", N_("Requests failed"), UNIT_COUNT },
  { NULL, "slices_speedup", N_("Speed-up, main-loop slices"), UNIT_TIMES },
  { NULL, "blocking_speedup", N_("Speed-up, blocking the loop"), UNIT_TIMES },
  { NULL, "loop_p99_ms", N_("Loop lateness p99"), UNIT_MS },
  { NULL, "loop_max_ms", N_("Longest loop lateness"), UNIT_MS },
  { NULL, "plain_lost", N_("Updates lost, unsynchronised"), UNIT_COUNT },
  { NULL, "mutex_lost", N_("Updates lost, mutex"), UNIT_COUNT },
  { NULL, "atomic_lost", N_("Updates lost, atomics"), UNIT_COUNT },
  { NULL, "loop_lost", N_("Updates lost, main loop"), UNIT_COUNT },
  { NULL, "plain_ns", N_("Time per increment, unsynchronised"), UNIT_NS },
  { NULL, "atomic_ns", N_("Time per increment, atomics"), UNIT_NS },
  /* Those of the window the Claims page records while any claim runs. */
  { NULL, "frames", N_("Window frames"), UNIT_COUNT },
  { NULL, "frame_p50_ms", N_("Window frame interval, median"), UNIT_MS },
  { NULL, "frame_p99_ms", N_("Window frame interval p99"), UNIT_MS },
  { NULL, "frame_max_ms", N_("Longest window frame interval"), UNIT_MS },
  { NULL, "ui_cpu_p99_ms", N_("UI thread time per frame p99"), UNIT_MS },
  { NULL, "ui_cpu_max_ms", N_("Most UI thread time in a frame"), UNIT_MS },
};

static int
find_figure_label (const JugglerClaim *claim,
                   const char         *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (figure_labels); i++)
    if (g_str_equal (figure_labels[i].name, name) &&
        (figure_labels[i].claim == NULL ||
         (claim != NULL && g_str_equal (figure_labels[i].claim, claim->id))))
      return i;

  return -1;
}

const char *
juggler_claim_get_figure_label (const JugglerClaim *claim,
                                const char         *name)
{
  int i;

  g_return_val_if_fail (name != NULL, NULL);

  i = find_figure_label (claim, name);
  return i >= 0 ? _(figure_labels[i].label) : NULL;
}

/* Three significant digits, never an exponent: 0.0762, 19.2, 1234. */
static char *
format_number (double value)
{
  if (fabs (value) >= 999.5)
    return g_strdup_printf ("%.0f", value);
  return g_strdup_printf ("%.3g", value);
}

/* "pool-juggler,pool-juggler,gdbus" as "pool-juggler ×2, gdbus": thread names, each once. */
static char *
format_name_list (const char *text)
{
  g_auto(GStrv) names = g_strsplit (text, ",", -1);
  g_autoptr(GString) list = g_string_new (NULL);

  for (guint i = 0; names[i] != NULL; i++)
    {
      guint count = 0;
      gboolean seen = FALSE;

      for (guint j = 0; j < i && !seen; j++)
        seen = g_str_equal (names[j], names[i]);
      if (seen)
        continue;
      for (guint j = i; names[j] != NULL; j++)
        count += g_str_equal (names[j], names[i]);
      if (list->len > 0)
        g_string_append (list, ", ");
      g_string_append (list, names[i]);
      if (count > 1)
        g_string_append_printf (list, " ×%u", count);
    }

  return g_string_free (g_steal_pointer (&list), FALSE);
}

static char *
format_value (FigureUnit  unit,
              JsonObject *figures,
              const char *name)
{
  double value = juggler_claim_get_figure (figures, name);
  g_autofree char *number = NULL;

  if (unit == UNIT_TEXT || isnan (value))
    {
      g_autofree char *text = juggler_claim_dup_figure_text (figures, name);

      if (g_strcmp0 (text, "window") == 0 && g_str_equal (name, "loop"))
        return g_strdup (_("the window’s own"));
      if (g_strcmp0 (text, "experiment") == 0 && g_str_equal (name, "loop"))
        return g_strdup (_("the experiment’s own (headless)"));
      if (text != NULL && *text == '\0')
        return g_strdup (_("none"));
      if (text != NULL && strchr (text, ',') != NULL)
        return format_name_list (text);
      return g_steal_pointer (&text);
    }

  /* The largest unit that keeps the number at 1 or more: 76.2 ms, not 0.0762 s. */
  if (unit == UNIT_S && value < 1)
    {
      unit = UNIT_MS;
      value *= 1e3;
    }
  else if ((unit == UNIT_MS || unit == UNIT_US || unit == UNIT_NS) && value >= 1e3)
    {
      unit = unit == UNIT_MS ? UNIT_S : unit == UNIT_US ? UNIT_MS : UNIT_US;
      value /= 1e3;
    }
  else if (unit == UNIT_KIB && value >= 1024)
    {
      unit = UNIT_MIB;
      value /= 1024;
    }

  number = format_number (value);
  switch (unit)
    {
    case UNIT_TIMES:
      /* Translators: a ratio, "2.9×" */
      return g_strdup_printf (_("%s×"), number);
    case UNIT_S:
      return g_strdup_printf (_("%s s"), number);
    case UNIT_MS:
      return g_strdup_printf (_("%s ms"), number);
    case UNIT_US:
      return g_strdup_printf (_("%s µs"), number);
    case UNIT_NS:
      return g_strdup_printf (_("%s ns"), number);
    case UNIT_KIB:
      return g_strdup_printf (_("%s KiB"), number);
    case UNIT_MIB:
      return g_strdup_printf (_("%s MiB"), number);
    case UNIT_PER_S:
      /* Translators: a rate, "350000 a second" */
      return g_strdup_printf (_("%s a second"), number);
    case UNIT_COUNT:
    case UNIT_TEXT:
    default:
      /* Counts are whole: 1000000, not 1e+06. */
      return juggler_claim_dup_figure_text (figures, name);
    }
}

char *
juggler_claim_dup_figure_display (const JugglerClaim *claim,
                                  JsonObject         *figures,
                                  const char         *name)
{
  g_autofree char *value = NULL;
  int i;

  g_return_val_if_fail (name != NULL, NULL);

  if (figures == NULL || !json_object_has_member (figures, name))
    return NULL;

  i = find_figure_label (claim, name);
  /* One without words yet still reads as well as its name lets it. */
  if (i < 0)
    {
      value = format_value (UNIT_TEXT, figures, name);
      return g_strdup_printf (_("%s: %s"), name, value);
    }

  value = format_value (figure_labels[i].unit, figures, name);
  /* Translators: a figure, "Wall time, async: 76.2 ms" */
  return g_strdup_printf (_("%s: %s"), _(figure_labels[i].label), value);
}

const char *
juggler_verdict_to_string (JugglerVerdict verdict)
{
  switch (verdict)
    {
    case JUGGLER_VERDICT_CONFIRMED:
      return "confirmed";
    case JUGGLER_VERDICT_REFUTED:
      return "refuted";
    case JUGGLER_VERDICT_PARTLY:
      return "partly";
    case JUGGLER_VERDICT_MEASURED:
      return "measured";
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
juggler_verdict_get_title (JugglerVerdict verdict)
{
  switch (verdict)
    {
    case JUGGLER_VERDICT_CONFIRMED:
      return _("Confirmed");
    case JUGGLER_VERDICT_REFUTED:
      return _("Refuted");
    case JUGGLER_VERDICT_PARTLY:
      return _("Partly");
    case JUGGLER_VERDICT_MEASURED:
      return _("Measured");
    default:
      g_return_val_if_reached (NULL);
    }
}

const JugglerClaim *
juggler_claims_get (guint *n_claims)
{
  g_return_val_if_fail (n_claims != NULL, NULL);

  *n_claims = G_N_ELEMENTS (claims);
  return claims;
}

const JugglerClaim *
juggler_claim_lookup (const char *id)
{
  g_return_val_if_fail (id != NULL, NULL);

  if (g_str_equal (id, "race"))
    id = "locks";

  for (guint i = 0; i < G_N_ELEMENTS (claims); i++)
    if (g_str_equal (claims[i].id, id))
      return &claims[i];

  return NULL;
}

gboolean
juggler_claim_is_opinion (const JugglerClaim *claim)
{
  g_return_val_if_fail (claim != NULL, FALSE);

  return claim->decide == NULL;
}

guint
juggler_claims_count_cores (void)
{
  cpu_set_t set;

  /* GLib 2.74's g_get_num_processors() counts the machine's, not the ones left to us. */
  if (sched_getaffinity (0, sizeof set, &set) == 0 && CPU_COUNT (&set) > 0)
    return CPU_COUNT (&set);

  return MAX (g_get_num_processors (), 1);
}

char *
juggler_claims_dup_needing_cores (guint cores)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (claims); i++)
    if (claims[i].min_cores > cores)
      g_ptr_array_add (ids, (gpointer) claims[i].id);
  if (ids->len == 0)
    return NULL;
  g_ptr_array_add (ids, NULL);

  return g_strjoinv (", ", (char **) ids->pdata);
}

double
juggler_claim_get_figure (JsonObject *figures,
                          const char *name)
{
  JsonNode *node;

  g_return_val_if_fail (name != NULL, NAN);

  node = figures != NULL ? json_object_get_member (figures, name) : NULL;
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NAN;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      return json_node_get_int (node);
    case G_TYPE_DOUBLE:
      return json_node_get_double (node);
    default:
      return NAN;
    }
}

char *
juggler_claim_dup_figure_text (JsonObject *figures,
                               const char *name)
{
  JsonNode *node;

  g_return_val_if_fail (name != NULL, NULL);

  node = figures != NULL ? json_object_get_member (figures, name) : NULL;
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return g_strdup (json_node_get_string (node));
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    case G_TYPE_BOOLEAN:
      return g_strdup (json_node_get_boolean (node) ? "true" : "false");
    default:
      return g_strdup_printf ("%g", juggler_claim_get_figure (figures, name));
    }
}

char *
juggler_claim_opinion_to_json (const JugglerClaim *claim)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (claim != NULL, NULL);
  g_return_val_if_fail (juggler_claim_is_opinion (claim), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "claim");
  json_builder_add_string_value (builder, claim->id);
  json_builder_set_member_name (builder, "verdict");
  json_builder_add_string_value (builder, "opinion");
  json_builder_set_member_name (builder, "figures");
  json_builder_begin_object (builder);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "rule");
  json_builder_add_string_value (builder, claim->experiment);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  return json_to_string (root, FALSE);
}
