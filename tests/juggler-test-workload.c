/* juggler-test-workload.c: a workload that watches how the run's threads step its jobs
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-test-workload"

#include "config.h"

#include "juggler-test-workload.h"

#include <errno.h>
#include <math.h>
#include <sched.h>
#include <sys/resource.h>
#include <unistd.h>

typedef struct
{
  TestWorkload *workload;  /* not a reference: jobs never outlive their run */
  guint         index;
  guint         units_done;
  double        sum;
} TestJob;

G_DEFINE_FINAL_TYPE (TestWorkload, test_workload, JUGGLER_TYPE_WORKLOAD)

static const char *
test_workload_get_name (JugglerWorkload *workload)
{
  return "test";
}

static guint
test_workload_get_n_jobs (JugglerWorkload *workload)
{
  return TEST_WORKLOAD (workload)->n_jobs;
}

static guint64
test_workload_get_n_steps (JugglerWorkload *workload)
{
  TestWorkload *self = TEST_WORKLOAD (workload);
  guint64 n = (guint64) self->n_jobs * self->units;

  if (self->flood_index < self->n_jobs)
    n += self->flood_steps;

  return n;
}

static gpointer
test_workload_job_new (JugglerWorkload *workload,
                       guint            index)
{
  TestWorkload *self = TEST_WORKLOAD (workload);
  TestJob *job = g_new0 (TestJob, 1);

  job->workload = self;
  job->index = index;
  g_atomic_int_inc (&self->created);

  return job;
}

static void
note_inside (TestWorkload *self,
             int           n)
{
  int max = g_atomic_int_get (&self->max_inside);

  while (n > max && !g_atomic_int_compare_and_exchange (&self->max_inside, max, n))
    max = g_atomic_int_get (&self->max_inside);
}

static gboolean
test_workload_job_step (JugglerWorkload *workload,
                        gpointer         data,
                        gint64           deadline_us,
                        GCancellable    *cancellable,
                        guint           *n_steps)
{
  TestWorkload *self = TEST_WORKLOAD (workload);
  TestJob *job = data;
  guint units_here = 0;

  g_atomic_int_inc (&self->n_calls);
  note_inside (self, g_atomic_int_add (&self->inside, 1) + 1);
  /* Each job is stepped by one thread at a time, and read after it finished. */
  self->tids[job->index] = gettid ();
  errno = 0;
  self->priorities[job->index] = getpriority (PRIO_PROCESS, gettid ());
  g_assert_cmpint (errno, ==, 0);
  self->policies[job->index] = sched_getscheduler (0);

  while (job->units_done < self->units && !g_cancellable_is_cancelled (cancellable))
    {
      gint64 start = g_get_monotonic_time ();
      gint64 now;

      /* Real work, so the thread is really computing while it waits for company. */
      do
        {
          for (guint i = 0; i < 200; i++)
            job->sum += sqrt (job->sum + i);
          now = g_get_monotonic_time ();
        }
      while (now < deadline_us && !g_cancellable_is_cancelled (cancellable) &&
             (now - start < self->min_unit_us ||
              (g_atomic_int_get (&self->max_inside) < 2 && now - start < self->wait_us)));

      job->units_done++;
      (*n_steps)++;
      if (now >= deadline_us || ++units_here == self->units_per_call)
        break;
    }

  if (job->units_done == self->units && job->index == self->flood_index)
    {
      gint64 give_up = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

      /* Flood only while the UI thread is held, or it drains the events as they come. */
      while (!g_atomic_int_get (&self->ui_held) && g_get_monotonic_time () < give_up)
        g_usleep (1000);
      *n_steps += self->flood_steps;
      g_atomic_int_set (&self->flooded, TRUE);
    }

  g_atomic_int_add (&self->inside, -1);

  return job->units_done == self->units;
}

static void
test_workload_job_merge (JugglerWorkload *workload,
                         gpointer         data)
{
  TestWorkload *self = TEST_WORKLOAD (workload);
  TestJob *job = data;

  g_assert_cmpuint (job->units_done, ==, self->units);
  self->merged[job->index]++;
}

static void
test_workload_job_free (gpointer data)
{
  TestJob *job = data;

  g_atomic_int_inc (&job->workload->freed);
  g_free (job);
}

static char *
test_workload_dup_digest (JugglerWorkload *workload)
{
  TestWorkload *self = TEST_WORKLOAD (workload);
  GString *digest = g_string_new (NULL);

  for (guint i = 0; i < self->n_jobs; i++)
    g_string_append_printf (digest, "%d", self->merged[i]);

  return g_string_free (digest, FALSE);
}

static void
test_workload_finalize (GObject *object)
{
  TestWorkload *self = TEST_WORKLOAD (object);

  g_free (self->merged);
  g_free (self->tids);
  g_free (self->priorities);
  g_free (self->policies);

  G_OBJECT_CLASS (test_workload_parent_class)->finalize (object);
}

static void
test_workload_class_init (TestWorkloadClass *klass)
{
  JugglerWorkloadClass *workload_class = JUGGLER_WORKLOAD_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = test_workload_finalize;

  workload_class->get_name = test_workload_get_name;
  workload_class->get_n_jobs = test_workload_get_n_jobs;
  workload_class->get_n_steps = test_workload_get_n_steps;
  workload_class->job_new = test_workload_job_new;
  workload_class->job_step = test_workload_job_step;
  workload_class->job_merge = test_workload_job_merge;
  workload_class->job_free = test_workload_job_free;
  workload_class->dup_digest = test_workload_dup_digest;
}

static void
test_workload_init (TestWorkload *self)
{
  self->flood_index = G_MAXUINT;
}

TestWorkload *
test_workload_new (guint  n_jobs,
                   guint  units,
                   gint64 min_unit_us,
                   gint64 wait_us)
{
  TestWorkload *self = g_object_new (TEST_TYPE_WORKLOAD, NULL);

  self->n_jobs = n_jobs;
  self->units = units;
  self->min_unit_us = min_unit_us;
  self->wait_us = wait_us;
  self->merged = g_new0 (int, MAX (n_jobs, 1));
  self->tids = g_new0 (int, MAX (n_jobs, 1));
  self->priorities = g_new0 (int, MAX (n_jobs, 1));
  self->policies = g_new0 (int, MAX (n_jobs, 1));

  return self;
}
