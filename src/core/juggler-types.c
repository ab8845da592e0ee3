/* juggler-types.c: names, titles and explanations of strategies and progress modes
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-types"

#include "config.h"

#include "juggler-types.h"

#include <glib/gi18n-lib.h>

G_DEFINE_QUARK (juggler-error-quark, juggler_error)

static const struct
{
  const char *name;
  const char *title;
  const char *cpu_explanation;   /* NULL when the strategy does not serve that kind */
  const char *net_explanation;
  gboolean    uses_workers;
} strategies[JUGGLER_N_STRATEGIES] = {
  [JUGGLER_STRATEGY_THREADS] = {
    "threads", N_("Worker Threads"),
    N_("Each tile is a GTask run by a dedicated pool of worker threads at low priority; "
       "results return to the UI thread. Expect a smooth canary and a speed-up close to "
       "the number of cores."),
    N_("Each worker thread sends one request at a time with blocking libsoup calls, on a "
       "session of its own. Expect a smooth canary, but at most one request in flight per "
       "thread: throughput is capped at workers ÷ latency."),
    TRUE,
  },
  [JUGGLER_STRATEGY_COOPERATIVE] = {
    "cooperative", N_("Main-Loop Slices"),
    N_("Tiles are computed on the UI thread in slices of at most 4 ms, yielding to the main "
       "loop in between, the way asyncio does. Expect a smooth canary, but only one core "
       "at work."),
    NULL,
    FALSE,
  },
  [JUGGLER_STRATEGY_BLOCKING] = {
    "blocking", N_("Block the UI Thread"),
    N_("Every tile is computed right inside a main-loop callback. Expect the canary to "
       "freeze and the window to ignore you until the run ends; the default size keeps "
       "the freeze to about 3 seconds."),
    N_("Every request is sent with a blocking call right inside a main-loop callback, one "
       "after another. Expect the canary to freeze for the whole run."),
    FALSE,
  },
  [JUGGLER_STRATEGY_GLOBAL_LOCK] = {
    "global-lock", N_("Global Lock"),
    N_("Worker threads must hold one global lock to compute and hand it over every 5 ms, "
       "like CPython's GIL; the UI's per-frame work needs the lock too. Expect no speed-up "
       "from more threads and a stuttering canary."),
    NULL,
    TRUE,
  },
  [JUGGLER_STRATEGY_ASYNC] = {
    "async", N_("Async on the Main Loop"),
    NULL,
    N_("One libsoup session on the UI thread's main loop keeps every request in flight at "
       "once with asynchronous calls, its connection limits raised to the concurrency. "
       "Expect hundreds of requests from one thread and a smooth canary."),
    FALSE,
  },
};

static const char *progress_modes[] = { "coalesced", "per-event" };

const char *
juggler_strategy_to_string (JugglerStrategy strategy)
{
  g_return_val_if_fail (strategy < JUGGLER_N_STRATEGIES, NULL);

  return strategies[strategy].name;
}

gboolean
juggler_strategy_from_string (const char      *name,
                              JugglerStrategy *strategy)
{
  g_return_val_if_fail (strategy != NULL, FALSE);

  for (guint i = 0; name != NULL && i < JUGGLER_N_STRATEGIES; i++)
    {
      if (g_str_equal (name, strategies[i].name))
        {
          *strategy = i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
juggler_strategy_get_title (JugglerStrategy strategy)
{
  g_return_val_if_fail (strategy < JUGGLER_N_STRATEGIES, NULL);

  return _(strategies[strategy].title);
}

/* Untranslated; NULL when the strategy does not serve that kind. */
static const char *
explanation_for_kind (JugglerStrategy     strategy,
                      JugglerWorkloadKind kind)
{
  g_assert (strategy < JUGGLER_N_STRATEGIES);

  return kind == JUGGLER_WORKLOAD_CPU ? strategies[strategy].cpu_explanation
                                      : strategies[strategy].net_explanation;
}

const char *
juggler_strategy_get_explanation (JugglerStrategy     strategy,
                                  JugglerWorkloadKind kind)
{
  const char *explanation;

  g_return_val_if_fail (strategy < JUGGLER_N_STRATEGIES, NULL);

  explanation = explanation_for_kind (strategy, kind);

  return explanation != NULL ? _(explanation) : NULL;
}

gboolean
juggler_strategy_supports (JugglerStrategy     strategy,
                           JugglerWorkloadKind kind)
{
  g_return_val_if_fail (strategy < JUGGLER_N_STRATEGIES, FALSE);

  return explanation_for_kind (strategy, kind) != NULL;
}

gboolean
juggler_strategy_uses_workers (JugglerStrategy strategy)
{
  g_return_val_if_fail (strategy < JUGGLER_N_STRATEGIES, FALSE);

  return strategies[strategy].uses_workers;
}

const char *
juggler_progress_mode_to_string (JugglerProgressMode mode)
{
  g_return_val_if_fail (mode < G_N_ELEMENTS (progress_modes), NULL);

  return progress_modes[mode];
}

gboolean
juggler_progress_mode_from_string (const char          *name,
                                   JugglerProgressMode *mode)
{
  g_return_val_if_fail (mode != NULL, FALSE);

  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (progress_modes); i++)
    {
      if (g_str_equal (name, progress_modes[i]))
        {
          *mode = i;
          return TRUE;
        }
    }

  return FALSE;
}
