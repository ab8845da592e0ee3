/* juggler-test-run.h: runs a JugglerRun to its report on the test's pushed main context, and
 * what the run suites share
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "juggler-mandelbrot.h"
#include "juggler-run.h"

G_BEGIN_DECLS

/* Iterates the thread-default context until the run reports, failing the test after a
 * minute; the report belongs to the caller. */
JugglerReport *juggler_test_execute       (JugglerRun   *run,
                                           GCancellable *cancellable);
/* Iterates the thread-default context until *flag is TRUE; FALSE if timeout_s passed first. */
gboolean       juggler_test_iterate_until (gboolean     *flag,
                                           guint         timeout_s);

/* A pushed main context of the test's own, iterated dry at the end. */
typedef struct
{
  GMainContext *context;
} JugglerTestFixture;

void           juggler_test_fixture_set_up    (JugglerTestFixture *fixture,
                                               gconstpointer       data);
void           juggler_test_fixture_tear_down (JugglerTestFixture *fixture,
                                               gconstpointer       data);

#define JUGGLER_TEST_ADD_RUN(path, func) \
  g_test_add (path, JugglerTestFixture, NULL, juggler_test_fixture_set_up, func, \
              juggler_test_fixture_tear_down)

/* A 333×217 image: a few dozen tiles that compute in milliseconds. */
JugglerMandelbrot *juggler_test_small_mandelbrot (guint tile_size,
                                                  guint iterations);
/* The same image's digest, computed serially here: no test depends on another's. */
char              *juggler_test_reference_digest (guint tile_size,
                                                  guint iterations);

/* Counts "job-done" per index and checks the worker numbers; may switch or cancel after
 * the n-th job. */
typedef struct
{
  JugglerRun      *run;
  guint           *per_index;
  guint            n_jobs;
  guint            total;
  guint            max_worker;
  gboolean         main_thread_seen;
  guint            cancel_after;
  guint            switch_after;
  JugglerStrategy  switch_to;
  GCancellable    *cancellable;
} JugglerJobCounter;

void           juggler_job_counter_init            (JugglerJobCounter *counter,
                                                    JugglerRun        *run);
void           juggler_job_counter_assert_each_once (JugglerJobCounter *counter);
void           juggler_job_counter_assert_at_most_once (JugglerJobCounter *counter);
void           juggler_job_counter_clear           (JugglerJobCounter *counter);

G_END_DECLS
