/* juggler-test-workload.h: a workload that watches how the run's threads step its jobs
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "juggler-workload.h"

G_BEGIN_DECLS

#define TEST_TYPE_WORKLOAD (test_workload_get_type ())
G_DECLARE_FINAL_TYPE (TestWorkload, test_workload, TEST, WORKLOAD, JugglerWorkload)

/* The fields are the test's to set before a run and to read after it. */
struct _TestWorkload
{
  JugglerWorkload parent_instance;

  guint    n_jobs;
  guint    units;          /* steps per job */
  gint64   min_unit_us;    /* every unit computes at least this long */
  gint64   wait_us;        /* and up to this long while no other thread has come in */
  guint    flood_index;    /* this job claims flood_steps extra progress steps */
  guint    flood_steps;
  guint    units_per_call; /* at most this many units per job_step() call; 0: up to the deadline */

  int      n_calls;        /* calls of job_step() */
  int      inside;         /* threads inside job_step() now, and at most */
  int      max_inside;
  int      created;
  int      freed;
  int      flooded;
  int      ui_held;        /* set by the UI thread once it stops dispatching */
  int     *merged;         /* per job: how often it was merged */
  int     *tids;           /* per job: the kernel thread id that last stepped it */
  int     *priorities;     /* per job: that thread's nice value */
  int     *policies;       /* per job: that thread's scheduling policy (SCHED_OTHER...) */
};

TestWorkload *test_workload_new (guint  n_jobs,
                                 guint  units,
                                 gint64 min_unit_us,
                                 gint64 wait_us);

G_END_DECLS
