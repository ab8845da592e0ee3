/* test-global-lock.c: one holder at a time, and a yield that hands the lock to a waiter
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-global-lock"

#include "config.h"

#include "juggler-global-lock.h"

#define N_THREADS    4
#define N_ROUNDS     200
#define WAIT_S       30

typedef struct
{
  JugglerGlobalLock *lock;
  int                inside;
  int                max_inside;
  guint              rounds;       /* under the lock */
  gboolean           got;          /* set by a waiter while it holds the lock */
} Shared;

/* Waits, boundedly, until n threads wait for the lock. */
static void
wait_for_waiters (JugglerGlobalLock *lock,
                  guint              n)
{
  gint64 give_up = g_get_monotonic_time () + WAIT_S * G_USEC_PER_SEC;

  while (juggler_global_lock_get_n_waiters (lock) < n)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, give_up);
      g_usleep (1000);
    }
}

static gpointer
compete_thread (gpointer data)
{
  Shared *shared = data;

  for (guint i = 0; i < N_ROUNDS; i++)
    {
      int inside;

      juggler_global_lock_acquire (shared->lock);
      inside = g_atomic_int_add (&shared->inside, 1) + 1;
      shared->max_inside = MAX (shared->max_inside, inside);
      shared->rounds++;
      g_thread_yield ();
      g_atomic_int_add (&shared->inside, -1);
      if (i % 2 == 0)
        juggler_global_lock_yield (shared->lock);
      else
        juggler_global_lock_release (shared->lock);
    }

  return NULL;
}

static void
test_exclusive (void)
{
  g_autoptr(JugglerGlobalLock) lock = juggler_global_lock_new ();
  Shared shared = { lock };
  GThread *threads[N_THREADS];

  /* Everyone starts waiting, so the threads really compete. */
  juggler_global_lock_acquire (lock);
  for (guint i = 0; i < N_THREADS; i++)
    threads[i] = g_thread_new ("compete", compete_thread, &shared);
  wait_for_waiters (lock, N_THREADS);
  juggler_global_lock_release (lock);

  for (guint i = 0; i < N_THREADS; i++)
    g_thread_join (threads[i]);

  g_assert_cmpint (shared.max_inside, ==, 1);
  g_assert_cmpint (shared.inside, ==, 0);
  /* Not vacuous: every round ran, each while holding the lock alone. */
  g_assert_cmpuint (shared.rounds, ==, N_THREADS * N_ROUNDS);
  g_assert_cmpuint (juggler_global_lock_get_n_waiters (lock), ==, 0);
}

static void
test_yield_alone (void)
{
  g_autoptr(JugglerGlobalLock) lock = juggler_global_lock_new ();

  /* Nobody waits: yield returns at once and the lock is free. */
  juggler_global_lock_acquire (lock);
  juggler_global_lock_yield (lock);
  juggler_global_lock_acquire (lock);
  juggler_global_lock_release (lock);
  g_assert_cmpuint (juggler_global_lock_get_n_waiters (lock), ==, 0);
}

static gpointer
waiter_thread (gpointer data)
{
  Shared *shared = data;

  juggler_global_lock_acquire (shared->lock);
  shared->got = TRUE;
  juggler_global_lock_release (shared->lock);

  return NULL;
}

static void
test_yield_hands_over (void)
{
  /* Repeated: with a plain release the holder often wins the lock straight back. */
  for (guint i = 0; i < 50; i++)
    {
      g_autoptr(JugglerGlobalLock) lock = juggler_global_lock_new ();
      Shared shared = { lock };
      GThread *thread;

      juggler_global_lock_acquire (lock);
      thread = g_thread_new ("waiter", waiter_thread, &shared);
      wait_for_waiters (lock, 1);

      /* CPython's forced switch: the waiter holds the lock before yield returns, so
       * taking it again waits until the waiter is done. */
      juggler_global_lock_yield (lock);
      juggler_global_lock_acquire (lock);
      g_assert_true (shared.got);
      juggler_global_lock_release (lock);

      g_thread_join (thread);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/global-lock/exclusive", test_exclusive);
  g_test_add_func ("/core/global-lock/yield-alone", test_yield_alone);
  g_test_add_func ("/core/global-lock/yield-hands-over", test_yield_hands_over);

  return g_test_run ();
}
