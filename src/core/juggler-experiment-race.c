/* juggler-experiment-race.c: threads incrementing one counter — without synchronisation,
 * with a mutex, with atomics, and as callbacks handed to the main loop
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-experiment"

#include "config.h"

#include "juggler-experiment-private.h"

typedef enum
{
  RACE_PLAIN,
  RACE_MUTEX,
  RACE_ATOMIC,
  RACE_LOOP,
} RaceVariant;

typedef struct
{
  RaceVariant   variant;
  guint         increments;     /* per thread */
  guint64       counter;
  GMutex        mutex;
  int           ready;
  int           go;
  int           finished;
  GMainContext *context;
} Race;

static gboolean
loop_increment_cb (gpointer user_data)
{
  Race *race = user_data;

  /* On the loop's thread only: no lock, no atomic. */
  race->counter++;

  return G_SOURCE_REMOVE;
}

static void
post_increment (Race *race)
{
  g_autoptr(GSource) source = g_idle_source_new ();

  /* What g_main_context_invoke() does from a thread that cannot own the loop's context. */
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, loop_increment_cb, race, NULL);
  g_source_attach (source, race->context);
}

static gpointer
race_thread_func (gpointer user_data)
{
  Race *race = user_data;

  /* Everyone starts at once, or the first thread may be done before the last begins. */
  g_atomic_int_inc (&race->ready);
  while (!g_atomic_int_get (&race->go))
    g_thread_yield ();

  switch (race->variant)
    {
    case RACE_PLAIN:
      /* A read, then a write, as `counter++` compiles to; relaxed atomic loads and stores
       * keep the compiler from folding the loop, and add no ordering. */
      for (guint i = 0; i < race->increments; i++)
        {
          guint64 value = __atomic_load_n (&race->counter, __ATOMIC_RELAXED);

          __atomic_store_n (&race->counter, value + 1, __ATOMIC_RELAXED);
        }
      break;

    case RACE_MUTEX:
      for (guint i = 0; i < race->increments; i++)
        {
          g_mutex_lock (&race->mutex);
          race->counter++;
          g_mutex_unlock (&race->mutex);
        }
      break;

    case RACE_ATOMIC:
      for (guint i = 0; i < race->increments; i++)
        __atomic_fetch_add (&race->counter, 1, __ATOMIC_SEQ_CST);
      break;

    case RACE_LOOP:
      for (guint i = 0; i < race->increments; i++)
        post_increment (race);
      break;

    default:
      g_assert_not_reached ();
    }

  g_atomic_int_inc (&race->finished);

  return NULL;
}

/* Runs n_threads threads of increments each; returns the updates lost, *ns the cost per
 * increment (for the loop: until the loop has run every callback). */
static guint64
run_race (RaceVariant  variant,
          guint        n_threads,
          guint        increments,
          double      *ns)
{
  g_autoptr(GPtrArray) threads = g_ptr_array_new ();
  GMainContext *context = g_main_context_ref_thread_default ();
  Race race = { variant, increments, 0, { 0 }, 0, 0, 0, context };
  guint64 expected = (guint64) n_threads * increments;
  gint64 start_us;

  g_mutex_init (&race.mutex);
  for (guint i = 0; i < n_threads; i++)
    g_ptr_array_add (threads, g_thread_new ("juggler-race", race_thread_func, &race));
  while (g_atomic_int_get (&race.ready) < (int) n_threads)
    g_thread_yield ();

  start_us = g_get_monotonic_time ();
  g_atomic_int_set (&race.go, 1);

  if (variant == RACE_LOOP)
    {
      /* Run the callbacks while they are posted, and until none is left. */
      for (;;)
        {
          gboolean all_posted = g_atomic_int_get (&race.finished) == (int) n_threads;

          if (!g_main_context_iteration (context, FALSE) && all_posted)
            break;
        }
    }

  for (guint i = 0; i < threads->len; i++)
    g_thread_join (g_ptr_array_index (threads, i));
  *ns = (g_get_monotonic_time () - start_us) * 1000.0 / MAX (expected, 1);

  g_mutex_clear (&race.mutex);
  g_main_context_unref (context);

  return expected - MIN (race.counter, expected);
}

/* Two threads may not overlap at all on a busy machine: a thread started late finds the
 * other done. Unsynchronised increments run again, up to PLAIN_RUNS times, until one run
 * has lost updates; *runs says how many it took. */
#define PLAIN_RUNS 3

static guint64
run_plain_race (guint   n_threads,
                guint   increments,
                double *ns,
                guint  *runs)
{
  guint64 lost = 0;

  for (*runs = 1; ; (*runs)++)
    {
      lost = run_race (RACE_PLAIN, n_threads, increments, ns);
      if (lost > 0 || *runs == PLAIN_RUNS)
        return lost;
    }
}

/* Progress reported from a worker as a window wants it: every event counted, and the loop
 * woken only when it has not been woken already, so it takes all the events since its last
 * wake in one hand-off. */
typedef struct
{
  guint         events;
  int           pending;        /* events counted, not yet taken by the loop */
  int           scheduled;      /* a hand-off is on its way */
  int           finished;
  guint64       delivered;      /* on the loop's thread only */
  guint         handoffs;       /* on the loop's thread only */
  GMainContext *context;
} Coalesced;

static gboolean
take_pending_cb (gpointer user_data)
{
  Coalesced *coalesced = user_data;

  /* Cleared before the take: an event counted after it schedules a new hand-off. */
  g_atomic_int_set (&coalesced->scheduled, 0);
  coalesced->delivered += (guint) g_atomic_int_exchange (&coalesced->pending, 0);
  coalesced->handoffs++;

  return G_SOURCE_REMOVE;
}

static gpointer
coalesced_thread_func (gpointer user_data)
{
  Coalesced *coalesced = user_data;

  for (guint i = 0; i < coalesced->events; i++)
    {
      g_atomic_int_inc (&coalesced->pending);
      if (g_atomic_int_compare_and_exchange (&coalesced->scheduled, 0, 1))
        {
          g_autoptr(GSource) source = g_idle_source_new ();

          g_source_set_priority (source, G_PRIORITY_DEFAULT);
          g_source_set_callback (source, take_pending_cb, coalesced, NULL);
          g_source_attach (source, coalesced->context);
        }
    }
  g_atomic_int_set (&coalesced->finished, 1);

  return NULL;
}

/* events progress events from one worker, coalesced; returns the events lost, *ns the cost
 * per event until the loop has taken them all, *handoffs the wakes of the loop it took. */
static guint64
run_coalesced (guint   events,
               double *ns,
               guint  *handoffs)
{
  GMainContext *context = g_main_context_ref_thread_default ();
  Coalesced coalesced = { events, 0, 0, 0, 0, 0, context };
  gint64 start_us = g_get_monotonic_time ();
  GThread *thread = g_thread_new ("juggler-race", coalesced_thread_func, &coalesced);

  for (;;)
    {
      gboolean all_counted = g_atomic_int_get (&coalesced.finished);

      if (!g_main_context_iteration (context, FALSE) && all_counted &&
          !g_atomic_int_get (&coalesced.scheduled))
        break;
    }
  g_thread_join (thread);
  *ns = (g_get_monotonic_time () - start_us) * 1000.0 / MAX (events, 1);
  *handoffs = coalesced.handoffs;
  g_main_context_unref (context);

  return events - MIN (coalesced.delivered, events);
}

static const struct
{
  RaceVariant variant;
  const char *name;
  const char *series;         /* its name in the chart */
} variants[] = {
  { RACE_PLAIN, "plain", "unsynchronised" },
  { RACE_MUTEX, "mutex", "mutex" },
  { RACE_ATOMIC, "atomic", "atomic" },
  { RACE_LOOP, "loop", "main loop" },
};

gboolean
juggler_measure_locks (JugglerLab  *lab,
                       GError     **error)
{
  gboolean quick = juggler_lab_is_quick (lab);
  guint cores = juggler_lab_get_cores (lab);
  guint n_threads = MAX (2, cores);

  juggler_lab_set_figure_int (lab, "cores", cores);
  juggler_lab_set_figure_int (lab, "threads", n_threads);

  for (guint i = 0; i < G_N_ELEMENTS (variants); i++)
    {
      /* A callback handed to the loop costs microseconds, an increment nanoseconds. */
      guint increments = variants[i].variant == RACE_LOOP ? (quick ? 5000 : 50000)
                         : variants[i].variant == RACE_MUTEX ? (quick ? 200000 : 1000000)
                         : (quick ? 1000000 : 4000000);
      g_autofree char *lost_name = g_strdup_printf ("%s_lost", variants[i].name);
      g_autofree char *ns_name = g_strdup_printf ("%s_ns", variants[i].name);
      g_autofree char *total_name = g_strdup_printf ("%s_increments", variants[i].name);
      double ns;
      guint64 lost;

      if (juggler_lab_cancelled (lab, error))
        return FALSE;

      if (variants[i].variant == RACE_PLAIN)
        {
          guint runs;

          lost = run_plain_race (n_threads, increments, &ns, &runs);
          juggler_lab_set_figure_int (lab, "plain_runs", runs);
        }
      else
        {
          lost = run_race (variants[i].variant, n_threads, increments, &ns);
        }
      juggler_lab_set_figure_int (lab, lost_name, lost);
      juggler_lab_set_figure_int (lab, total_name, (gint64) n_threads * increments);
      juggler_lab_set_figure (lab, ns_name, ns);
      juggler_lab_add_point (lab, variants[i].series, i, ns);
    }

  return TRUE;
}

gboolean
juggler_measure_loop_thread_safety (JugglerLab  *lab,
                                    GError     **error)
{
  gboolean quick = juggler_lab_is_quick (lab);
  guint handoffs = quick ? 10000 : 100000;
  guint increments = quick ? 1000000 : 4000000;
  double handoff_ns, atomic_ns, plain_ns, coalesced_ns;
  guint coalesced_handoffs;
  guint runs;
  guint64 lost;

  juggler_lab_set_figure_int (lab, "cores", juggler_lab_get_cores (lab));
  juggler_lab_set_figure_int (lab, "handoffs", handoffs);

  lost = run_race (RACE_LOOP, 1, handoffs, &handoff_ns);
  juggler_lab_set_figure_int (lab, "handoff_lost", lost);
  juggler_lab_set_figure (lab, "handoff_us", handoff_ns / 1000.0);
  juggler_lab_add_point (lab, "hand-off per event", 0, handoff_ns / 1000.0);
  if (juggler_lab_cancelled (lab, error))
    return FALSE;

  lost = run_race (RACE_ATOMIC, 2, increments, &atomic_ns);
  juggler_lab_set_figure_int (lab, "atomic_lost", lost);
  juggler_lab_set_figure (lab, "atomic_ns", atomic_ns);
  juggler_lab_set_figure (lab, "handoff_over_atomic", handoff_ns / MAX (atomic_ns, 1e-3));
  juggler_lab_add_point (lab, "atomic", 1, atomic_ns / 1000.0);
  if (juggler_lab_cancelled (lab, error))
    return FALSE;

  lost = run_plain_race (2, increments, &plain_ns, &runs);
  juggler_lab_set_figure_int (lab, "plain_lost", lost);
  juggler_lab_set_figure_int (lab, "plain_runs", runs);
  juggler_lab_set_figure (lab, "plain_ns", plain_ns);
  juggler_lab_add_point (lab, "unsynchronised", 2, plain_ns / 1000.0);
  if (juggler_lab_cancelled (lab, error))
    return FALSE;

  /* The same events as progress: one hand-off per event, or as many as the loop needs. */
  lost = run_coalesced (handoffs, &coalesced_ns, &coalesced_handoffs);
  juggler_lab_set_figure_int (lab, "coalesced_lost", lost);
  juggler_lab_set_figure_int (lab, "coalesced_handoffs", coalesced_handoffs);
  juggler_lab_set_figure (lab, "coalesced_us_per_event", coalesced_ns / 1000.0);
  juggler_lab_set_figure (lab, "per_event_over_coalesced", handoff_ns / MAX (coalesced_ns, 1e-3));
  juggler_lab_set_figure (lab, "loop_events_per_s", 1e9 / MAX (handoff_ns, 1e-3));
  juggler_lab_add_point (lab, "coalesced", 3, coalesced_ns / 1000.0);

  return TRUE;
}
