/* test-claims.c: the claims' verdict rules on figures handed to them, and every experiment
 * at its quick sizes
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "juggler-experiment.h"
#include "juggler-test-run.h"

/* The verdict of claim id on the figures (name, value)..., NULL-terminated. */
static JugglerVerdict
decide (const char *id,
        ...)
{
  g_autoptr(JsonObject) figures = json_object_new ();
  const JugglerClaim *claim = juggler_claim_lookup (id);
  g_autoptr(JugglerClaimResult) result = NULL;
  const char *name;
  va_list args;

  g_assert_nonnull (claim);

  va_start (args, id);
  while ((name = va_arg (args, const char *)) != NULL)
    json_object_set_double_member (figures, name, va_arg (args, double));
  va_end (args);

  result = juggler_claim_result_new (claim, figures);
  g_assert_nonnull (result->rule);
  g_assert_cmpstr (result->rule, !=, "");

  return result->verdict;
}

static void
test_table (void)
{
  const JugglerClaim *claims;
  guint n_claims, n_opinions = 0;

  claims = juggler_claims_get (&n_claims);
  g_assert_cmpuint (n_claims, >=, 11);

  for (guint i = 0; i < n_claims; i++)
    {
      g_assert_true (juggler_claim_lookup (claims[i].id) == &claims[i]);
      g_assert_nonnull (claims[i].statement);
      g_assert_nonnull (claims[i].experiment);
      if (juggler_claim_is_opinion (&claims[i]))
        {
          n_opinions++;
          continue;
        }
      /* Opinions come last. */
      g_assert_cmpuint (n_opinions, ==, 0);
      g_assert_nonnull (claims[i].deciding[0]);
      g_assert_nonnull (claims[i].x_axis);
      g_assert_nonnull (claims[i].y_axis);
    }
  g_assert_cmpuint (n_opinions, >=, 3);

  g_assert_true (juggler_claim_lookup ("race") == juggler_claim_lookup ("locks"));
  g_assert_null (juggler_claim_lookup ("no-such-claim"));
  g_assert_cmpstr (juggler_verdict_to_string (JUGGLER_VERDICT_PARTLY), ==, "partly");
}

/* Every figure a claim shows has words and a unit for people; the names stay for JSON. */
static void
test_figure_labels (void)
{
  static const char *window_figures[] = { "frame_p99_ms", "ui_cpu_max_ms", NULL };
  g_autoptr(JsonObject) figures = json_object_new ();
  const JugglerClaim *claims;
  guint n_claims;
  struct
  {
    const char *claim;
    const char *name;
    const char *shown;
  } cases[] = {
    { "io-event-loop", "pool_over_async", "Wall time of 10 threads ÷ async: 19.2×" },
    /* Under a second, in milliseconds. */
    { "io-event-loop", "async_wall_s", "Wall time, async: 76.2 ms" },
    { "io-event-loop", "pool_wall_s", "Wall time, a pool of 10 threads: 5.13 s" },
    /* A thousand microseconds and more, in milliseconds. */
    { "many-threads", "create_us", "Time to create a thread: 1.5 ms" },
    { "many-threads", "most_threads", "Most threads at once: 1000" },
    { "locks", "mutex_lost", "Updates lost, mutex: 0" },
    { "locks", "plain_ns", "Time per increment, unsynchronised: 2.5 ns" },
    { "gui", "loop", "Loop measured: the window’s own" },
    { "loop-no-threads", "host_helpers", "The host name’s helper threads: none" },
    /* Thread names each once, with how many there were. */
    { "loop-no-threads", "ip_helpers", "ip_helpers: pool-juggler ×3, gdbus" },
    /* The same name, another figure: the servers' p99 is a request's time. */
    { "servers", "loop_p99_ms", "Request time p99, one loop: 12 ms" },
    { "gui", "loop_p99_ms", "Loop lateness p99: 12 ms" },
    { "servers", "loop_kb_per_connection", "Memory per connection, one loop: 2 MiB" },
  };

  claims = juggler_claims_get (&n_claims);
  for (guint i = 0; i < n_claims; i++)
    {
      for (guint j = 0; claims[i].deciding[j] != NULL; j++)
        if (juggler_claim_get_figure_label (&claims[i], claims[i].deciding[j]) == NULL)
          g_error ("%s: figure %s has no label", claims[i].id, claims[i].deciding[j]);
      for (guint j = 0; window_figures[j] != NULL; j++)
        g_assert_nonnull (juggler_claim_get_figure_label (&claims[i], window_figures[j]));
    }

  json_object_set_double_member (figures, "pool_over_async", 19.2);
  json_object_set_double_member (figures, "async_wall_s", 0.07622);
  json_object_set_double_member (figures, "pool_wall_s", 5.1301);
  json_object_set_double_member (figures, "create_us", 1500);
  json_object_set_int_member (figures, "most_threads", 1000);
  json_object_set_int_member (figures, "mutex_lost", 0);
  json_object_set_double_member (figures, "plain_ns", 2.5);
  json_object_set_string_member (figures, "loop", "window");
  json_object_set_string_member (figures, "host_helpers", "");
  json_object_set_string_member (figures, "ip_helpers", "pool-juggler,gdbus,pool-juggler,pool-juggler");
  json_object_set_double_member (figures, "loop_p99_ms", 12);
  json_object_set_double_member (figures, "loop_kb_per_connection", 2048);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *shown = juggler_claim_dup_figure_display (juggler_claim_lookup (cases[i].claim),
                                                                 figures, cases[i].name);

      g_assert_cmpstr (shown, ==, cases[i].shown);
    }
  g_assert_null (juggler_claim_dup_figure_display (juggler_claim_lookup ("gil"), figures,
                                                   "speedup_2"));
}

/* What a one-core machine cannot show: parallel speed-ups. Lost updates it shows too. */
/* Figures as the page, its Markdown and the bench show them: counts whole. */
static void
test_figure_text (void)
{
  g_autoptr(JsonObject) figures = json_object_new ();
  const JugglerClaim *claims;
  guint n_claims;
  g_autofree char *count = NULL;
  g_autofree char *ratio = NULL;
  g_autofree char *names = NULL;
  g_autofree char *opinion = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *object;

  json_object_set_int_member (figures, "plain_lost", 1000000);
  json_object_set_double_member (figures, "speedup", 1.945);
  json_object_set_string_member (figures, "host_helpers", "pool-juggler,dconf worker");
  count = juggler_claim_dup_figure_text (figures, "plain_lost");
  ratio = juggler_claim_dup_figure_text (figures, "speedup");
  names = juggler_claim_dup_figure_text (figures, "host_helpers");
  g_assert_cmpstr (count, ==, "1000000");
  g_assert_cmpstr (ratio, ==, "1.945");
  g_assert_cmpstr (names, ==, "pool-juggler,dconf worker");
  g_assert_null (juggler_claim_dup_figure_text (figures, "no_such_figure"));

  claims = juggler_claims_get (&n_claims);
  g_assert_true (juggler_claim_is_opinion (&claims[n_claims - 1]));
  opinion = juggler_claim_opinion_to_json (&claims[n_claims - 1]);
  node = json_from_string (opinion, NULL);
  g_assert_nonnull (node);
  object = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (object, "claim"), ==, claims[n_claims - 1].id);
  g_assert_cmpstr (json_object_get_string_member (object, "verdict"), ==, "opinion");
  g_assert_cmpuint (json_object_get_size (json_object_get_object_member (object, "figures")), ==, 0);
  g_assert_nonnull (json_object_get_string_member (object, "rule"));
}

static void
test_needing_cores (void)
{
  g_autofree char *one = juggler_claims_dup_needing_cores (1);
  g_autofree char *two = juggler_claims_dup_needing_cores (2);

  g_assert_cmpstr (one, ==, "cpu-threads, gil");
  g_assert_null (two);
  g_assert_cmpuint (juggler_claims_count_cores (), >=, 1);
}

static void
test_rule_missing (void)
{
  const JugglerClaim *claims;
  guint n_claims;

  /* Without its figures no rule decides anything but "measured". */
  claims = juggler_claims_get (&n_claims);
  for (guint i = 0; i < n_claims; i++)
    if (!juggler_claim_is_opinion (&claims[i]))
      g_assert_cmpint (decide (claims[i].id, NULL), ==, JUGGLER_VERDICT_MEASURED);
}

static void
test_rule_io_event_loop (void)
{
  g_assert_cmpint (decide ("io-event-loop", "pool_over_async", 2.0, NULL), ==,
                   JUGGLER_VERDICT_CONFIRMED);
  g_assert_cmpint (decide ("io-event-loop", "pool_over_async", 1.99, NULL), ==,
                   JUGGLER_VERDICT_PARTLY);
  g_assert_cmpint (decide ("io-event-loop", "pool_over_async", 1.2, NULL), ==,
                   JUGGLER_VERDICT_PARTLY);
  g_assert_cmpint (decide ("io-event-loop", "pool_over_async", 1.19, NULL), ==,
                   JUGGLER_VERDICT_REFUTED);
}

static void
test_rule_cpu_threads (void)
{
  g_assert_cmpint (decide ("cpu-threads", "cores", 2.0, "speedup_at_cores", 1.5, NULL), ==,
                   JUGGLER_VERDICT_CONFIRMED);
  g_assert_cmpint (decide ("cpu-threads", "cores", 2.0, "speedup_at_cores", 1.49, NULL), ==,
                   JUGGLER_VERDICT_PARTLY);
  g_assert_cmpint (decide ("cpu-threads", "cores", 2.0, "speedup_at_cores", 1.19, NULL), ==,
                   JUGGLER_VERDICT_REFUTED);
  g_assert_cmpint (decide ("cpu-threads", "cores", 8.0, "speedup_at_cores", 5.9, NULL), ==,
                   JUGGLER_VERDICT_PARTLY);
  g_assert_cmpint (decide ("cpu-threads", "cores", 1.0, "speedup_at_cores", 1.0, NULL), ==,
                   JUGGLER_VERDICT_MEASURED);
}

static void
test_rule_loop_cpu (void)
{
  g_assert_cmpint (decide ("loop-cpu", "slices_speedup", 1.15, "blocking_speedup", 0.9, NULL), ==,
                   JUGGLER_VERDICT_CONFIRMED);
  g_assert_cmpint (decide ("loop-cpu", "slices_speedup", 1.0, "blocking_speedup", 1.2, NULL), ==,
                   JUGGLER_VERDICT_PARTLY);
  g_assert_cmpint (decide ("loop-cpu", "slices_speedup", 1.5, "blocking_speedup", 1.0, NULL), ==,
                   JUGGLER_VERDICT_REFUTED);
}

static void
test_rule_loop_scales_io (void)
{
  g_assert_cmpint (decide ("loop-scales-io", "wall_over_ideal", 3.0, "failed", 0.0, NULL), ==,
                   JUGGLER_VERDICT_CONFIRMED);
  g_assert_cmpint (decide ("loop-scales-io", "wall_over_ideal", 1.0, "failed", 1.0, NULL), ==,
                   JUGGLER_VERDICT_PARTLY);
  g_assert_cmpint (decide ("loop-scales-io", "wall_over_ideal", 10.0, NULL), ==,
                   JUGGLER_VERDICT_PARTLY);
  g_assert_cmpint (decide ("loop-scales-io", "wall_over_ideal", 10.1, NULL), ==,
                   JUGGLER_VERDICT_REFUTED);
}

static void
test_rule_many_threads (void)
{
  g_assert_cmpint (decide ("many-threads", "overhead_growth", 1.25, "switches_growth", 1.0,
                           "kb_per_thread", 1.0, NULL), ==, JUGGLER_VERDICT_CONFIRMED);
  g_assert_cmpint (decide ("many-threads", "overhead_growth", 1.1, "switches_growth", 2.0,
                           "kb_per_thread", 1.0, NULL), ==, JUGGLER_VERDICT_PARTLY);
  g_assert_cmpint (decide ("many-threads", "overhead_growth", 1.1, "switches_growth", 1.0,
                           "kb_per_thread", 8.0, NULL), ==, JUGGLER_VERDICT_PARTLY);
  g_assert_cmpint (decide ("many-threads", "overhead_growth", 1.1, "switches_growth", 1.9,
                           "kb_per_thread", 7.9, NULL), ==, JUGGLER_VERDICT_REFUTED);
}

static void
test_rule_pool (void)
{
  g_assert_cmpint (decide ("pool", "per_job_over_pool_switches", 1.5, NULL), ==,
                   JUGGLER_VERDICT_CONFIRMED);
  g_assert_cmpint (decide ("pool", "per_job_over_pool_switches", 1.2, NULL), ==,
                   JUGGLER_VERDICT_PARTLY);
  g_assert_cmpint (decide ("pool", "per_job_over_pool_switches", 1.1, NULL), ==,
                   JUGGLER_VERDICT_REFUTED);
}

static void
test_rule_switching (void)
{
  g_assert_cmpint (decide ("switching", "switches_per_tile_threads_cores", 3.0, NULL), ==,
                   JUGGLER_VERDICT_MEASURED);
}

static void
test_rule_gui (void)
{
  g_assert_cmpint (decide ("gui", "loop_p99_ms", 16.7, NULL), ==, JUGGLER_VERDICT_REFUTED);
  g_assert_cmpint (decide ("gui", "loop_p99_ms", 16.8, NULL), ==, JUGGLER_VERDICT_PARTLY);
  g_assert_cmpint (decide ("gui", "loop_p99_ms", 50.0, NULL), ==, JUGGLER_VERDICT_PARTLY);
  g_assert_cmpint (decide ("gui", "loop_p99_ms", 50.1, NULL), ==, JUGGLER_VERDICT_CONFIRMED);
}

/* The gui verdict on a window's frames: p99 is interpolated, so a run of equal intervals
 * gives that interval as its p99. */
static JugglerVerdict
decide_gui_frames (const char *loop,
                   double      loop_p99_ms,
                   double      frame_ms)
{
  g_autoptr(JsonObject) figures = json_object_new ();
  g_autoptr(JugglerClaimResult) result = NULL;
  double intervals_ms[100];

  json_object_set_string_member (figures, "loop", loop);
  json_object_set_double_member (figures, "loop_p99_ms", loop_p99_ms);
  result = juggler_claim_result_new (juggler_claim_lookup ("gui"), figures);
  for (guint i = 0; i < G_N_ELEMENTS (intervals_ms); i++)
    intervals_ms[i] = frame_ms;
  juggler_claim_result_add_frames (result, intervals_ms, NULL, G_N_ELEMENTS (intervals_ms));
  g_assert_cmpint (json_object_get_int_member (result->figures, "frames"), ==, 100);
  g_assert_cmpfloat (json_object_get_double_member (result->figures, "frame_p99_ms"), ==,
                     frame_ms);

  return result->verdict;
}

static void
test_rule_gui_window (void)
{
  /* From a window its frames decide, whatever the loop's lateness. */
  g_assert_cmpint (decide_gui_frames ("window", 30.0, 17.0), ==, JUGGLER_VERDICT_REFUTED);
  g_assert_cmpint (decide_gui_frames ("window", 1.0, 17.5), ==, JUGGLER_VERDICT_PARTLY);
  g_assert_cmpint (decide_gui_frames ("window", 1.0, 50.0), ==, JUGGLER_VERDICT_PARTLY);
  g_assert_cmpint (decide_gui_frames ("window", 1.0, 51.0), ==, JUGGLER_VERDICT_CONFIRMED);
  /* Headless, frames of some other window say nothing of the experiment's loop. */
  g_assert_cmpint (decide_gui_frames ("experiment", 1.0, 60.0), ==, JUGGLER_VERDICT_REFUTED);
}

static void
test_rule_blocking (void)
{
  g_assert_cmpint (decide ("blocking", "cpu_blocking_stall_ms", 500.0, "cpu_threads_stall_ms", 5.0,
                           "net_blocking_stall_ms", 50.0, "net_async_stall_ms", 10.0, NULL), ==,
                   JUGGLER_VERDICT_CONFIRMED);
  /* Long, but not 5× longer than the threads' own stall. */
  g_assert_cmpint (decide ("blocking", "cpu_blocking_stall_ms", 100.0, "cpu_threads_stall_ms", 21.0,
                           "net_blocking_stall_ms", 400.0, "net_async_stall_ms", 1.0, NULL), ==,
                   JUGGLER_VERDICT_PARTLY);
  g_assert_cmpint (decide ("blocking", "cpu_blocking_stall_ms", 49.0, "cpu_threads_stall_ms", 1.0,
                           "net_blocking_stall_ms", 49.0, "net_async_stall_ms", 1.0, NULL), ==,
                   JUGGLER_VERDICT_REFUTED);
}

static void
test_rule_locks (void)
{
  g_assert_cmpint (decide ("locks", "plain_lost", 10.0, "mutex_lost", 0.0, "atomic_lost", 0.0,
                           "loop_lost", 0.0, NULL), ==, JUGGLER_VERDICT_CONFIRMED);
  g_assert_cmpint (decide ("locks", "plain_lost", 0.0, "mutex_lost", 0.0, "atomic_lost", 0.0,
                           "loop_lost", 0.0, "cores", 2.0, NULL), ==, JUGGLER_VERDICT_PARTLY);
  g_assert_cmpint (decide ("locks", "plain_lost", 0.0, "mutex_lost", 0.0, "atomic_lost", 0.0,
                           "loop_lost", 0.0, "cores", 1.0, NULL), ==, JUGGLER_VERDICT_MEASURED);
  g_assert_cmpint (decide ("locks", "plain_lost", 10.0, "mutex_lost", 0.0, "atomic_lost", 0.0,
                           "loop_lost", 1.0, NULL), ==, JUGGLER_VERDICT_REFUTED);
}

static void
test_rule_loop_no_threads (void)
{
  g_assert_cmpint (decide ("loop-no-threads", "ip_helper_threads", 0.0, "host_helper_threads", 0.0,
                           NULL), ==, JUGGLER_VERDICT_CONFIRMED);
  g_assert_cmpint (decide ("loop-no-threads", "ip_helper_threads", 0.0, "host_helper_threads", 1.0,
                           NULL), ==, JUGGLER_VERDICT_PARTLY);
  g_assert_cmpint (decide ("loop-no-threads", "ip_helper_threads", 1.0, "host_helper_threads", 1.0,
                           NULL), ==, JUGGLER_VERDICT_REFUTED);
}

static void
test_rule_loop_thread_safety (void)
{
  g_assert_cmpint (decide ("loop-thread-safety", "plain_lost", 5.0, "handoff_lost", 0.0, NULL), ==,
                   JUGGLER_VERDICT_REFUTED);
  g_assert_cmpint (decide ("loop-thread-safety", "plain_lost", 0.0, "handoff_lost", 3.0, NULL), ==,
                   JUGGLER_VERDICT_REFUTED);
  g_assert_cmpint (decide ("loop-thread-safety", "plain_lost", 0.0, "handoff_lost", 0.0,
                           "cores", 2.0, NULL), ==, JUGGLER_VERDICT_PARTLY);
  g_assert_cmpint (decide ("loop-thread-safety", "plain_lost", 0.0, "handoff_lost", 0.0,
                           "coalesced_lost", 1.0, "cores", 2.0, NULL), ==,
                   JUGGLER_VERDICT_REFUTED);
}

static void
test_rule_servers (void)
{
  g_assert_cmpint (decide ("servers", "threaded_over_loop_kb", 1.5, NULL), ==,
                   JUGGLER_VERDICT_CONFIRMED);
  g_assert_cmpint (decide ("servers", "threaded_over_loop_kb", 1.3, NULL), ==,
                   JUGGLER_VERDICT_PARTLY);
  g_assert_cmpint (decide ("servers", "threaded_over_loop_kb", 1.1, NULL), ==,
                   JUGGLER_VERDICT_REFUTED);
}

static void
test_rule_gil (void)
{
  g_assert_cmpint (decide ("gil", "cores", 2.0, "speedup_2", 1.19, NULL), ==,
                   JUGGLER_VERDICT_REFUTED);
  g_assert_cmpint (decide ("gil", "cores", 2.0, "speedup_2", 1.2, NULL), ==,
                   JUGGLER_VERDICT_PARTLY);
  g_assert_cmpint (decide ("gil", "cores", 2.0, "speedup_2", 1.6, NULL), ==,
                   JUGGLER_VERDICT_CONFIRMED);
  g_assert_cmpint (decide ("gil", "cores", 1.0, "speedup_2", 1.0, NULL), ==,
                   JUGGLER_VERDICT_MEASURED);
}

typedef struct
{
  JugglerClaimResult *result;
  GError             *error;
  gboolean            done;
  guint               points;
} Outcome;

static void
experiment_done_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Outcome *outcome = user_data;

  outcome->result = juggler_experiment_run_finish (JUGGLER_EXPERIMENT (object), result,
                                                   &outcome->error);
  outcome->done = TRUE;
}

static void
point_cb (JugglerExperiment *experiment,
          const char        *series,
          double             x,
          double             y,
          gpointer           user_data)
{
  Outcome *outcome = user_data;

  g_assert_nonnull (series);
  g_assert_true (isfinite (x) && isfinite (y));
  /* Points arrive on the caller's thread while the experiment runs, never after it. */
  g_assert_false (outcome->done);
  outcome->points++;
}

static JugglerClaimResult *
run_quick (const char *id)
{
  g_autoptr(JugglerExperiment) experiment = juggler_experiment_new (id, TRUE);
  Outcome outcome = { NULL, NULL, FALSE, 0 };

  g_signal_connect (experiment, "point", G_CALLBACK (point_cb), &outcome);
  juggler_experiment_run_async (experiment, NULL, experiment_done_cb, &outcome);
  g_assert_true (juggler_test_iterate_until (&outcome.done, 60));
  g_assert_no_error (outcome.error);
  g_assert_nonnull (outcome.result);
  g_assert_cmpuint (outcome.points, ==, outcome.result->points->len);

  return outcome.result;
}

static void
test_experiment (gconstpointer data)
{
  const JugglerClaim *claim = data;
  g_autoptr(JugglerClaimResult) result = run_quick (claim->id);
  g_autofree char *json = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *object;

  g_assert_true (result->claim == claim);
  g_assert_true (result->quick);
  g_assert_cmpuint (result->points->len, >, 0);
  g_assert_cmpint (result->verdict, <=, JUGGLER_VERDICT_MEASURED);
  for (guint i = 0; claim->deciding[i] != NULL; i++)
    {
      g_autofree char *python = g_find_program_in_path ("python3");

      /* CPython's own figure needs a python3, which a Flatpak may lack. */
      if (python == NULL && g_str_has_prefix (claim->deciding[i], "cpython_"))
        continue;
      /* A window's frames come only from a window. */
      if (g_str_has_prefix (claim->deciding[i], "frame_") ||
          g_str_has_prefix (claim->deciding[i], "ui_cpu_"))
        continue;
      if (!json_object_has_member (result->figures, claim->deciding[i]))
        g_error ("%s: no figure %s", claim->id, claim->deciding[i]);
    }

  json = juggler_claim_result_to_json (result);
  node = json_from_string (json, NULL);
  g_assert_nonnull (node);
  object = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (object, "claim"), ==, claim->id);
  g_assert_cmpstr (json_object_get_string_member (object, "verdict"), ==,
                   juggler_verdict_to_string (result->verdict));
  g_assert_cmpstr (json_object_get_string_member (object, "rule"), ==, result->rule);
  g_assert_true (json_object_has_member (json_object_get_object_member (object, "figures"),
                                         claim->deciding[0]));
}

static void
test_race (void)
{
  gboolean lost = FALSE;

  if (g_get_num_processors () < 2)
    {
      g_test_skip ("Unsynchronised threads cannot lose updates they never run at once");
      return;
    }

  /* Whether the threads overlap is up to the scheduler: a few tries, and whatever happens,
   * the synchronised variants never lose one. */
  for (guint attempt = 0; attempt < 5 && !lost; attempt++)
    {
      g_autoptr(JugglerClaimResult) result = run_quick ("locks");

      g_assert_cmpfloat (juggler_claim_get_figure (result->figures, "threads"), >=, 2);
      g_assert_cmpfloat (juggler_claim_get_figure (result->figures, "mutex_lost"), ==, 0);
      g_assert_cmpfloat (juggler_claim_get_figure (result->figures, "atomic_lost"), ==, 0);
      g_assert_cmpfloat (juggler_claim_get_figure (result->figures, "loop_lost"), ==, 0);
      lost = juggler_claim_get_figure (result->figures, "plain_lost") > 0;
      if (lost)
        g_assert_cmpint (result->verdict, ==, JUGGLER_VERDICT_CONFIRMED);
    }

  g_assert_true (lost);
}

static void
test_one_at_a_time (void)
{
  g_autoptr(JugglerExperiment) first = juggler_experiment_new ("locks", TRUE);
  g_autoptr(JugglerExperiment) second = juggler_experiment_new ("gil", TRUE);
  Outcome one = { NULL, NULL, FALSE, 0 };
  Outcome two = { NULL, NULL, FALSE, 0 };

  juggler_experiment_run_async (first, NULL, experiment_done_cb, &one);
  juggler_experiment_run_async (second, NULL, experiment_done_cb, &two);
  g_assert_true (juggler_test_iterate_until (&two.done, 60));
  g_assert_error (two.error, G_IO_ERROR, G_IO_ERROR_BUSY);
  g_clear_error (&two.error);
  g_assert_true (juggler_test_iterate_until (&one.done, 60));
  g_assert_no_error (one.error);
  juggler_claim_result_free (one.result);
}

static void
test_cancel (void)
{
  g_autoptr(JugglerExperiment) experiment = juggler_experiment_new ("cpu-threads", FALSE);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Outcome outcome = { NULL, NULL, FALSE, 0 };

  juggler_experiment_run_async (experiment, cancellable, experiment_done_cb, &outcome);
  g_cancellable_cancel (cancellable);
  g_assert_true (juggler_test_iterate_until (&outcome.done, 60));
  g_assert_error (outcome.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (outcome.result);
  g_clear_error (&outcome.error);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  const JugglerClaim *claims;
  guint n_claims;

  g_test_init (&argc, &argv, NULL);
  g_main_context_push_thread_default (context);

  g_test_add_func ("/claims/table", test_table);
  g_test_add_func ("/claims/needing-cores", test_needing_cores);
  g_test_add_func ("/claims/figure-text", test_figure_text);
  g_test_add_func ("/claims/figure-labels", test_figure_labels);
  g_test_add_func ("/claims/rule/missing-figures", test_rule_missing);
  g_test_add_func ("/claims/rule/io-event-loop", test_rule_io_event_loop);
  g_test_add_func ("/claims/rule/cpu-threads", test_rule_cpu_threads);
  g_test_add_func ("/claims/rule/loop-cpu", test_rule_loop_cpu);
  g_test_add_func ("/claims/rule/loop-scales-io", test_rule_loop_scales_io);
  g_test_add_func ("/claims/rule/many-threads", test_rule_many_threads);
  g_test_add_func ("/claims/rule/pool", test_rule_pool);
  g_test_add_func ("/claims/rule/switching", test_rule_switching);
  g_test_add_func ("/claims/rule/gui", test_rule_gui);
  g_test_add_func ("/claims/rule/gui-window", test_rule_gui_window);
  g_test_add_func ("/claims/rule/blocking", test_rule_blocking);
  g_test_add_func ("/claims/rule/locks", test_rule_locks);
  g_test_add_func ("/claims/rule/loop-no-threads", test_rule_loop_no_threads);
  g_test_add_func ("/claims/rule/loop-thread-safety", test_rule_loop_thread_safety);
  g_test_add_func ("/claims/rule/servers", test_rule_servers);
  g_test_add_func ("/claims/rule/gil", test_rule_gil);

  claims = juggler_claims_get (&n_claims);
  for (guint i = 0; i < n_claims; i++)
    {
      g_autofree char *path = NULL;

      if (juggler_claim_is_opinion (&claims[i]))
        continue;
      path = g_strdup_printf ("/claims/experiment/%s", claims[i].id);
      g_test_add_data_func (path, &claims[i], test_experiment);
    }

  g_test_add_func ("/claims/race", test_race);
  g_test_add_func ("/claims/one-at-a-time", test_one_at_a_time);
  g_test_add_func ("/claims/cancel", test_cancel);

  return g_test_run ();
}
