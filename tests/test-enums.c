/* test-enums.c: the strategy descriptions and the enum nicks every layer names things by
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-enums"

#include "config.h"

#include "juggler-types.h"

static void
test_strategy_nicks (void)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (JUGGLER_TYPE_STRATEGY);
  JugglerStrategy strategy;

  g_assert_true (G_TYPE_IS_ENUM (JUGGLER_TYPE_STRATEGY));
  g_assert_cmpuint (klass->n_values, ==, JUGGLER_N_STRATEGIES);

  for (guint i = 0; i < JUGGLER_N_STRATEGIES; i++)
    {
      const char *nick = juggler_strategy_to_string (i);

      g_assert_nonnull (nick);
      g_assert_cmpstr (nick, ==, g_enum_get_value (klass, i)->value_nick);
      g_assert_true (juggler_strategy_from_string (nick, &strategy));
      g_assert_cmpint (strategy, ==, i);
    }

  /* The names the command line, the settings and the reports have always used. */
  g_assert_cmpstr (juggler_strategy_to_string (JUGGLER_STRATEGY_THREADS), ==, "threads");
  g_assert_cmpstr (juggler_strategy_to_string (JUGGLER_STRATEGY_COOPERATIVE), ==, "cooperative");
  g_assert_cmpstr (juggler_strategy_to_string (JUGGLER_STRATEGY_BLOCKING), ==, "blocking");
  g_assert_cmpstr (juggler_strategy_to_string (JUGGLER_STRATEGY_GLOBAL_LOCK), ==, "global-lock");
  g_assert_cmpstr (juggler_strategy_to_string (JUGGLER_STRATEGY_ASYNC), ==, "async");

  strategy = JUGGLER_STRATEGY_ASYNC;
  g_assert_false (juggler_strategy_from_string ("all", &strategy));
  g_assert_false (juggler_strategy_from_string ("", &strategy));
  g_assert_false (juggler_strategy_from_string (NULL, &strategy));
  g_assert_false (juggler_strategy_from_string ("JUGGLER_STRATEGY_THREADS", &strategy));
  g_assert_cmpint (strategy, ==, JUGGLER_STRATEGY_ASYNC);
}

static void
test_other_nicks (void)
{
  JugglerProgressMode mode = JUGGLER_PROGRESS_COALESCED;
  JugglerWorkloadKind kind = JUGGLER_WORKLOAD_CPU;
  int value = -1;

  g_assert_cmpstr (juggler_progress_mode_to_string (JUGGLER_PROGRESS_COALESCED), ==, "coalesced");
  g_assert_cmpstr (juggler_progress_mode_to_string (JUGGLER_PROGRESS_PER_EVENT), ==, "per-event");
  g_assert_true (juggler_progress_mode_from_string ("per-event", &mode));
  g_assert_cmpint (mode, ==, JUGGLER_PROGRESS_PER_EVENT);
  g_assert_false (juggler_progress_mode_from_string ("sometimes", &mode));
  g_assert_cmpint (mode, ==, JUGGLER_PROGRESS_PER_EVENT);
  g_assert_null (juggler_progress_mode_to_string (7));

  g_assert_cmpstr (juggler_workload_kind_to_string (JUGGLER_WORKLOAD_CPU), ==, "cpu");
  g_assert_cmpstr (juggler_workload_kind_to_string (JUGGLER_WORKLOAD_NET), ==, "net");
  g_assert_true (juggler_workload_kind_from_string ("net", &kind));
  g_assert_cmpint (kind, ==, JUGGLER_WORKLOAD_NET);
  g_assert_false (juggler_workload_kind_from_string ("gpu", &kind));

  g_assert_true (juggler_enum_from_nick (JUGGLER_TYPE_STRATEGY, "global-lock", &value));
  g_assert_cmpint (value, ==, JUGGLER_STRATEGY_GLOBAL_LOCK);
  g_assert_null (juggler_enum_to_nick (JUGGLER_TYPE_STRATEGY, JUGGLER_N_STRATEGIES));
}

static void
test_supports (void)
{
  /* DESIGN.md's table: which strategy serves which workload. */
  static const struct
  {
    JugglerStrategy strategy;
    gboolean        cpu;
    gboolean        net;
    gboolean        uses_workers;
    gboolean        sized_by_workers;
  } expected[] = {
    { JUGGLER_STRATEGY_THREADS, TRUE, TRUE, TRUE, TRUE },
    { JUGGLER_STRATEGY_COOPERATIVE, TRUE, FALSE, FALSE, FALSE },
    { JUGGLER_STRATEGY_BLOCKING, TRUE, TRUE, FALSE, FALSE },
    { JUGGLER_STRATEGY_GLOBAL_LOCK, TRUE, FALSE, TRUE, TRUE },
    { JUGGLER_STRATEGY_ASYNC, FALSE, TRUE, FALSE, FALSE },
    { JUGGLER_STRATEGY_SHARED_POOL, TRUE, TRUE, TRUE, FALSE },
    { JUGGLER_STRATEGY_THREAD_PER_JOB, TRUE, TRUE, TRUE, FALSE },
  };

  g_assert_cmpuint (G_N_ELEMENTS (expected), ==, JUGGLER_N_STRATEGIES);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      JugglerStrategy strategy = expected[i].strategy;
      guint kinds = juggler_strategy_get_kinds (strategy);

      g_test_message ("%s", juggler_strategy_to_string (strategy));
      g_assert_cmpint (juggler_strategy_supports (strategy, JUGGLER_WORKLOAD_CPU), ==,
                       expected[i].cpu);
      g_assert_cmpint (juggler_strategy_supports (strategy, JUGGLER_WORKLOAD_NET), ==,
                       expected[i].net);
      g_assert_cmpint (juggler_strategy_uses_workers (strategy), ==, expected[i].uses_workers);
      g_assert_cmpint (juggler_strategy_sized_by_workers (strategy), ==,
                       expected[i].sized_by_workers);
      g_assert_cmpuint (kinds, ==,
                        (expected[i].cpu ? JUGGLER_WORKLOAD_KIND_BIT (JUGGLER_WORKLOAD_CPU) : 0) |
                        (expected[i].net ? JUGGLER_WORKLOAD_KIND_BIT (JUGGLER_WORKLOAD_NET) : 0));
    }
}

static void
test_next (void)
{
  JugglerStrategy strategy = JUGGLER_STRATEGY_THREADS;
  static const JugglerStrategy cpu_order[] = {
    JUGGLER_STRATEGY_COOPERATIVE, JUGGLER_STRATEGY_BLOCKING, JUGGLER_STRATEGY_GLOBAL_LOCK,
    JUGGLER_STRATEGY_SHARED_POOL, JUGGLER_STRATEGY_THREAD_PER_JOB, JUGGLER_STRATEGY_THREADS,
    JUGGLER_STRATEGY_COOPERATIVE,
  };

  for (guint i = 0; i < G_N_ELEMENTS (cpu_order); i++)
    {
      strategy = juggler_strategy_next (strategy, JUGGLER_WORKLOAD_CPU);
      g_assert_cmpint (strategy, ==, cpu_order[i]);
    }

  g_assert_cmpint (juggler_strategy_next (JUGGLER_STRATEGY_ASYNC, JUGGLER_WORKLOAD_NET), ==,
                   JUGGLER_STRATEGY_SHARED_POOL);
  g_assert_cmpint (juggler_strategy_next (JUGGLER_STRATEGY_SHARED_POOL, JUGGLER_WORKLOAD_NET), ==,
                   JUGGLER_STRATEGY_THREAD_PER_JOB);
  g_assert_cmpint (juggler_strategy_next (JUGGLER_STRATEGY_THREAD_PER_JOB, JUGGLER_WORKLOAD_NET),
                   ==, JUGGLER_STRATEGY_THREADS);
  g_assert_cmpint (juggler_strategy_next (JUGGLER_STRATEGY_THREADS, JUGGLER_WORKLOAD_NET), ==,
                   JUGGLER_STRATEGY_BLOCKING);
  g_assert_cmpint (juggler_strategy_next (JUGGLER_STRATEGY_BLOCKING, JUGGLER_WORKLOAD_NET), ==,
                   JUGGLER_STRATEGY_ASYNC);
}

static void
test_dup_nicks (void)
{
  g_autofree char *cpu = juggler_strategy_dup_nicks (JUGGLER_WORKLOAD_CPU, ", ");
  g_autofree char *net = juggler_strategy_dup_nicks (JUGGLER_WORKLOAD_NET, "|");

  g_assert_cmpstr (cpu, ==, "threads, cooperative, blocking, global-lock, shared-pool, thread-per-job");
  g_assert_cmpstr (net, ==, "threads|blocking|async|shared-pool|thread-per-job");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/enums/strategy-nicks", test_strategy_nicks);
  g_test_add_func ("/core/enums/other-nicks", test_other_nicks);
  g_test_add_func ("/core/enums/supports", test_supports);
  g_test_add_func ("/core/enums/next", test_next);
  g_test_add_func ("/core/enums/dup-nicks", test_dup_nicks);

  return g_test_run ();
}
