/* juggler-types.c: what core knows of strategies, progress modes and workload kinds
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-types"

#include "config.h"

#include "juggler-types.h"

#include <glib/gi18n-lib.h>

G_DEFINE_QUARK (juggler-error-quark, juggler_error)

/* Everything core knows of a strategy; the enum gives its nick. */
static const struct
{
  guint    kinds;
  gboolean uses_workers;
} strategies[JUGGLER_N_STRATEGIES] = {
  [JUGGLER_STRATEGY_THREADS] = {
    JUGGLER_WORKLOAD_KIND_BIT (JUGGLER_WORKLOAD_CPU) | JUGGLER_WORKLOAD_KIND_BIT (JUGGLER_WORKLOAD_NET),
    TRUE,
  },
  [JUGGLER_STRATEGY_COOPERATIVE] = { JUGGLER_WORKLOAD_KIND_BIT (JUGGLER_WORKLOAD_CPU), FALSE },
  [JUGGLER_STRATEGY_BLOCKING] = {
    JUGGLER_WORKLOAD_KIND_BIT (JUGGLER_WORKLOAD_CPU) | JUGGLER_WORKLOAD_KIND_BIT (JUGGLER_WORKLOAD_NET),
    FALSE,
  },
  [JUGGLER_STRATEGY_GLOBAL_LOCK] = { JUGGLER_WORKLOAD_KIND_BIT (JUGGLER_WORKLOAD_CPU), TRUE },
  [JUGGLER_STRATEGY_ASYNC] = { JUGGLER_WORKLOAD_KIND_BIT (JUGGLER_WORKLOAD_NET), FALSE },
  [JUGGLER_STRATEGY_SHARED_POOL] = {
    JUGGLER_WORKLOAD_KIND_BIT (JUGGLER_WORKLOAD_CPU) | JUGGLER_WORKLOAD_KIND_BIT (JUGGLER_WORKLOAD_NET),
    TRUE,
  },
  [JUGGLER_STRATEGY_THREAD_PER_JOB] = {
    JUGGLER_WORKLOAD_KIND_BIT (JUGGLER_WORKLOAD_CPU) | JUGGLER_WORKLOAD_KIND_BIT (JUGGLER_WORKLOAD_NET),
    TRUE,
  },
};

/* The first lookup takes a reference that is never given back: the nicks it hands out
 * must live for good. */
static GEnumClass *
get_enum_class (GType type)
{
  gpointer klass = g_type_class_peek (type);

  return klass != NULL ? klass : g_type_class_ref (type);
}

const char *
juggler_enum_to_nick (GType type,
                      int   value)
{
  GEnumClass *klass = get_enum_class (type);
  GEnumValue *enum_value;

  g_return_val_if_fail (G_IS_ENUM_CLASS (klass), NULL);

  enum_value = g_enum_get_value (klass, value);

  return enum_value != NULL ? enum_value->value_nick : NULL;
}

gboolean
juggler_enum_from_nick (GType       type,
                        const char *nick,
                        int        *value)
{
  GEnumClass *klass = get_enum_class (type);
  GEnumValue *enum_value;

  g_return_val_if_fail (G_IS_ENUM_CLASS (klass), FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  enum_value = nick != NULL ? g_enum_get_value_by_nick (klass, nick) : NULL;
  if (enum_value == NULL)
    return FALSE;

  *value = enum_value->value;
  return TRUE;
}

const char *
juggler_strategy_to_string (JugglerStrategy strategy)
{
  g_return_val_if_fail (strategy < JUGGLER_N_STRATEGIES, NULL);

  return juggler_enum_to_nick (JUGGLER_TYPE_STRATEGY, strategy);
}

gboolean
juggler_strategy_from_string (const char      *name,
                              JugglerStrategy *strategy)
{
  int value;

  g_return_val_if_fail (strategy != NULL, FALSE);

  if (!juggler_enum_from_nick (JUGGLER_TYPE_STRATEGY, name, &value))
    return FALSE;

  *strategy = value;
  return TRUE;
}

guint
juggler_strategy_get_kinds (JugglerStrategy strategy)
{
  g_return_val_if_fail (strategy < JUGGLER_N_STRATEGIES, 0);

  return strategies[strategy].kinds;
}

gboolean
juggler_strategy_supports (JugglerStrategy     strategy,
                           JugglerWorkloadKind kind)
{
  g_return_val_if_fail (strategy < JUGGLER_N_STRATEGIES, FALSE);

  return (strategies[strategy].kinds & JUGGLER_WORKLOAD_KIND_BIT (kind)) != 0;
}

gboolean
juggler_strategy_uses_workers (JugglerStrategy strategy)
{
  g_return_val_if_fail (strategy < JUGGLER_N_STRATEGIES, FALSE);

  return strategies[strategy].uses_workers;
}

JugglerStrategy
juggler_strategy_next (JugglerStrategy     strategy,
                       JugglerWorkloadKind kind)
{
  g_return_val_if_fail (strategy < JUGGLER_N_STRATEGIES, strategy);

  for (guint i = 1; i <= JUGGLER_N_STRATEGIES; i++)
    {
      JugglerStrategy next = (strategy + i) % JUGGLER_N_STRATEGIES;

      if (juggler_strategy_supports (next, kind))
        return next;
    }

  return strategy;
}

char *
juggler_strategy_dup_nicks (JugglerWorkloadKind  kind,
                            const char          *separator)
{
  GString *nicks = g_string_new (NULL);

  for (JugglerStrategy strategy = 0; strategy < JUGGLER_N_STRATEGIES; strategy++)
    {
      if (!juggler_strategy_supports (strategy, kind))
        continue;
      if (nicks->len > 0)
        g_string_append (nicks, separator);
      g_string_append (nicks, juggler_strategy_to_string (strategy));
    }

  return g_string_free (nicks, FALSE);
}

/* Presentation, on its way to the GUI. */
static const struct
{
  const char *title;
  const char *cpu_explanation;
  const char *net_explanation;
} presentations[JUGGLER_N_STRATEGIES] = {
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
    N_("Every tile is computed right inside a main-loop callback. Expect the canary to "
       "freeze and the window to ignore you until the run ends; the default size keeps "
       "the freeze to about 3 seconds."),
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
    N_("One libsoup session on the UI thread's main loop keeps every request in flight at "
       "once with asynchronous calls, its connection limits raised to the concurrency. "
       "Expect hundreds of requests from one thread and a smooth canary."),
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
juggler_strategy_get_title (JugglerStrategy strategy)
{
  g_return_val_if_fail (strategy < JUGGLER_N_STRATEGIES, NULL);

  return _(presentations[strategy].title);
}

const char *
juggler_strategy_get_explanation (JugglerStrategy     strategy,
                                  JugglerWorkloadKind kind)
{
  const char *explanation;

  g_return_val_if_fail (strategy < JUGGLER_N_STRATEGIES, NULL);

  if (!juggler_strategy_supports (strategy, kind))
    return NULL;

  explanation = kind == JUGGLER_WORKLOAD_CPU ? presentations[strategy].cpu_explanation
                                             : presentations[strategy].net_explanation;

  return _(explanation);
}

const char *
juggler_progress_mode_to_string (JugglerProgressMode mode)
{
  return juggler_enum_to_nick (JUGGLER_TYPE_PROGRESS_MODE, mode);
}

gboolean
juggler_progress_mode_from_string (const char          *name,
                                   JugglerProgressMode *mode)
{
  int value;

  g_return_val_if_fail (mode != NULL, FALSE);

  if (!juggler_enum_from_nick (JUGGLER_TYPE_PROGRESS_MODE, name, &value))
    return FALSE;

  *mode = value;
  return TRUE;
}

const char *
juggler_workload_kind_to_string (JugglerWorkloadKind kind)
{
  return juggler_enum_to_nick (JUGGLER_TYPE_WORKLOAD_KIND, kind);
}

gboolean
juggler_workload_kind_from_string (const char          *name,
                                   JugglerWorkloadKind *kind)
{
  int value;

  g_return_val_if_fail (kind != NULL, FALSE);

  if (!juggler_enum_from_nick (JUGGLER_TYPE_WORKLOAD_KIND, name, &value))
    return FALSE;

  *kind = value;
  return TRUE;
}
