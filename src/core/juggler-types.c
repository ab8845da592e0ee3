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
  const char *explanation;
  gboolean    uses_workers;
} strategies[JUGGLER_N_STRATEGIES] = {
  [JUGGLER_STRATEGY_THREADS] = {
    "threads", N_("Worker Threads"),
    N_("Each tile is a GTask run by a dedicated pool of worker threads at low priority; "
       "results return to the UI thread. Expect a smooth canary and a speed-up close to "
       "the number of cores."),
    TRUE,
  },
  [JUGGLER_STRATEGY_COOPERATIVE] = {
    "cooperative", N_("Main-Loop Slices"),
    N_("Tiles are computed on the UI thread in slices of at most 4 ms, yielding to the main "
       "loop in between, the way asyncio does. Expect a smooth canary, but only one core "
       "at work."),
    FALSE,
  },
  [JUGGLER_STRATEGY_BLOCKING] = {
    "blocking", N_("Block the UI Thread"),
    N_("Every tile is computed right inside a main-loop callback. Expect the canary to "
       "freeze and the window to ignore you until the run ends; the default size keeps "
       "the freeze to about 3 seconds."),
    FALSE,
  },
  [JUGGLER_STRATEGY_GLOBAL_LOCK] = {
    "global-lock", N_("Global Lock"),
    N_("Worker threads must hold one global lock to compute and hand it over every 5 ms, "
       "like CPython's GIL; the UI's per-frame work needs the lock too. Expect no speed-up "
       "from more threads and a stuttering canary."),
    TRUE,
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

const char *
juggler_strategy_get_explanation (JugglerStrategy strategy)
{
  g_return_val_if_fail (strategy < JUGGLER_N_STRATEGIES, NULL);

  return _(strategies[strategy].explanation);
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
