/* juggler-strategy-info.c: what the window says about each strategy: title and explanation
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-strategy-info"

#include "config.h"

#include "juggler-strategy-info.h"

#include <glib/gi18n.h>

#include "juggler-run-status.h"

/* A blocking run longer than this is no longer a demonstration but an ordeal. */
#define BLOCKING_COMFORT_S 3.0

/* Which strategies serve which workload is the core's to say; the words are the GUI's. */
static const struct
{
  const char *title;
  const char *cpu_explanation;
  const char *net_explanation;
} infos[JUGGLER_N_STRATEGIES] = {
  [JUGGLER_STRATEGY_THREADS] = {
    N_("Worker Threads"),
    N_("Each tile is a GTask run by a dedicated pool of worker threads at low priority; "
       "results return to the UI thread. Expect a smooth canary and a speed-up close to "
       "the number of cores."),
    N_("Each worker thread sends one request at a time with blocking libsoup calls, on a "
       "session of its own. Expect a smooth canary, but at most one request in flight per "
       "thread: throughput is capped at workers ÷ latency."),
  },
  [JUGGLER_STRATEGY_COOPERATIVE] = {
    N_("Main-Loop Slices"),
    N_("Tiles are computed on the UI thread in slices of at most 4 ms, yielding to the main "
       "loop in between, the way asyncio does. Expect a smooth canary, but only one core "
       "at work."),
    NULL,
  },
  [JUGGLER_STRATEGY_BLOCKING] = {
    N_("Block the UI Thread"),
    /* The freeze's length is the estimate's to tell, below this text: the two never
     * disagree. */
    N_("Every tile is computed right inside a main-loop callback. Expect the canary to "
       "freeze and the window to ignore you until the run ends."),
    N_("Every request is sent with a blocking call right inside a main-loop callback, one "
       "after another. Expect the canary to freeze for the whole run."),
  },
  [JUGGLER_STRATEGY_GLOBAL_LOCK] = {
    N_("Global Lock"),
    N_("Worker threads must hold one global lock to compute and hand it over every 5 ms, "
       "like CPython's GIL; the UI's per-frame work needs the lock too. Expect no speed-up "
       "from more threads and a stuttering canary."),
    NULL,
  },
  [JUGGLER_STRATEGY_ASYNC] = {
    N_("Async on the Main Loop"),
    NULL,
    N_("libsoup sessions of a few requests each, all on the UI thread's main loop, keep "
       "every request in flight at once with asynchronous calls, their connection limits "
       "raised to the concurrency. Expect hundreds of requests from one thread and a smooth "
       "canary."),
  },
  [JUGGLER_STRATEGY_SHARED_POOL] = {
    N_("GTask's Shared Pool"),
    N_("Each tile is handed to g_task_run_in_thread(), GLib's own pool shared with GIO, "
       "at normal priority. Expect a speed-up close to the number of cores, and GIO's "
       "work (file I/O, name lookups) waiting behind the tiles."),
    N_("Each request is a blocking call in a thread of GLib's shared pool, which runs about "
       "10 at once and grows slowly. Expect throughput capped near 10 ÷ latency."),
  },
  [JUGGLER_STRATEGY_THREAD_PER_JOB] = {
    N_("A Thread per Job"),
    N_("Each tile gets a new thread, joined when it is done. Expect the same speed-up as a "
       "pool, paid for with a thread's creation and stack per tile."),
    N_("Each request gets a new thread making a blocking call, up to 1000 at once. Expect "
       "async's wall time at the memory cost of a thread per request."),
  },
};

const char *
juggler_strategy_info_get_title (JugglerStrategy strategy)
{
  g_return_val_if_fail (strategy < JUGGLER_N_STRATEGIES, NULL);

  return _(infos[strategy].title);
}

const char *
juggler_strategy_info_get_explanation (JugglerStrategy     strategy,
                                       JugglerWorkloadKind kind)
{
  const char *explanation;

  g_return_val_if_fail (strategy < JUGGLER_N_STRATEGIES, NULL);

  explanation = kind == JUGGLER_WORKLOAD_CPU ? infos[strategy].cpu_explanation
                                             : infos[strategy].net_explanation;

  return explanation != NULL ? _(explanation) : NULL;
}

char *
juggler_strategy_info_format_freeze (double      seconds,
                                     const char *reduce_hint,
                                     gboolean   *too_long)
{
  g_autofree char *duration = juggler_run_status_format_duration (seconds);
  g_autofree char *comfort = juggler_run_status_format_duration (BLOCKING_COMFORT_S);

  g_return_val_if_fail (reduce_hint != NULL, NULL);

  if (too_long != NULL)
    *too_long = seconds > BLOCKING_COMFORT_S;

  if (seconds <= BLOCKING_COMFORT_S)
    return g_strdup_printf (_("This run will freeze the window for about %s."), duration);

  /* Translators: the second %s says what to reduce, e.g. “the image size or iterations”. */
  return g_strdup_printf (_("This run may freeze the window for about %s. Reduce %s to stay "
                            "under %s."), duration, reduce_hint, comfort);
}

void
juggler_strategy_info_label_button (GtkButton       *button,
                                    JugglerStrategy  strategy)
{
  GtkWidget *label;

  g_return_if_fail (GTK_IS_BUTTON (button));

  gtk_button_set_label (button, juggler_strategy_info_get_title (strategy));
  label = gtk_button_get_child (button);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
}
