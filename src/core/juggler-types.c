/* juggler-types.c: what core knows of strategies, progress modes and workload kinds
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-types"

#include "config.h"

#include "juggler-types.h"


G_DEFINE_QUARK (juggler-error-quark, juggler_error)

/* Everything core knows of a strategy; the enum gives its nick. */
static const struct
{
  guint    kinds;
  gboolean uses_workers;
  /* Whether n_workers sets how many threads run jobs: shared-pool (GLib's own pool) and
   * thread-per-job (a thread per job in flight) use threads but take no count. */
  gboolean sized_by_workers;
} strategies[JUGGLER_N_STRATEGIES] = {
  [JUGGLER_STRATEGY_THREADS] = {
    JUGGLER_WORKLOAD_KIND_BIT (JUGGLER_WORKLOAD_CPU) | JUGGLER_WORKLOAD_KIND_BIT (JUGGLER_WORKLOAD_NET),
    TRUE, TRUE,
  },
  [JUGGLER_STRATEGY_COOPERATIVE] = { JUGGLER_WORKLOAD_KIND_BIT (JUGGLER_WORKLOAD_CPU), FALSE, FALSE },
  [JUGGLER_STRATEGY_BLOCKING] = {
    JUGGLER_WORKLOAD_KIND_BIT (JUGGLER_WORKLOAD_CPU) | JUGGLER_WORKLOAD_KIND_BIT (JUGGLER_WORKLOAD_NET),
    FALSE, FALSE,
  },
  [JUGGLER_STRATEGY_GLOBAL_LOCK] = { JUGGLER_WORKLOAD_KIND_BIT (JUGGLER_WORKLOAD_CPU), TRUE, TRUE },
  [JUGGLER_STRATEGY_ASYNC] = { JUGGLER_WORKLOAD_KIND_BIT (JUGGLER_WORKLOAD_NET), FALSE, FALSE },
  [JUGGLER_STRATEGY_SHARED_POOL] = {
    JUGGLER_WORKLOAD_KIND_BIT (JUGGLER_WORKLOAD_CPU) | JUGGLER_WORKLOAD_KIND_BIT (JUGGLER_WORKLOAD_NET),
    TRUE, FALSE,
  },
  [JUGGLER_STRATEGY_THREAD_PER_JOB] = {
    JUGGLER_WORKLOAD_KIND_BIT (JUGGLER_WORKLOAD_CPU) | JUGGLER_WORKLOAD_KIND_BIT (JUGGLER_WORKLOAD_NET),
    TRUE, FALSE,
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

gboolean
juggler_enum_get_mapping (GValue   *value,
                          GVariant *variant,
                          gpointer  user_data)
{
  int position;

  if (!juggler_enum_from_nick (GPOINTER_TO_SIZE (user_data), g_variant_get_string (variant, NULL),
                               &position))
    return FALSE;

  g_value_set_uint (value, position);
  return TRUE;
}

GVariant *
juggler_enum_set_mapping (const GValue       *value,
                          const GVariantType *expected_type,
                          gpointer            user_data)
{
  const char *nick = juggler_enum_to_nick (GPOINTER_TO_SIZE (user_data), g_value_get_uint (value));

  return nick != NULL ? g_variant_new_string (nick) : NULL;
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

gboolean
juggler_strategy_sized_by_workers (JugglerStrategy strategy)
{
  g_return_val_if_fail (strategy < JUGGLER_N_STRATEGIES, FALSE);

  return strategies[strategy].sized_by_workers;
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
