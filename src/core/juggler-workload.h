/* juggler-workload.h: a list of independent jobs and how to run and merge one
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include "juggler-report.h"
#include "juggler-types.h"

G_BEGIN_DECLS

#define JUGGLER_TYPE_WORKLOAD (juggler_workload_get_type ())

G_DECLARE_DERIVABLE_TYPE (JugglerWorkload, juggler_workload, JUGGLER, WORKLOAD, GObject)

/* Progress from an asynchronous job, on the thread that runs the loop. */
typedef void (*JugglerStepsFunc) (guint    n_steps,
                                  gpointer user_data);
/* The end of an asynchronous job, on the thread that runs the loop, in a dispatch of the
 * thread-default context job_run_async() was called in; completed is FALSE when the job
 * was cancelled (it may run again). */
typedef void (*JugglerJobDoneFunc) (gboolean completed,
                                    gpointer user_data);

/*
 * A job is resumable: job_step() does work until it is done or the deadline passes, so
 * the same job runs whole in a worker thread, in slices on the main loop, or in turns
 * under a global lock. job_new() and job_merge() run on the thread that owns the run;
 * job_step() may run on any thread and must only read the workload.
 *
 * A workload whose jobs wait on I/O can also run them as asynchronous operations on the
 * run's main loop (the async strategy): prepare_async() and job_run_async(), which calls
 * done_func once at its end. A plain callback rather than a GAsyncResult: thousands of
 * jobs may be in flight at once, and a GTask each cost them memory for nothing.
 */
struct _JugglerWorkloadClass
{
  GObjectClass parent_class;

  const char *(*get_name)       (JugglerWorkload *self);
  JugglerWorkloadKind (*get_kind) (JugglerWorkload *self);
  guint       (*get_n_jobs)     (JugglerWorkload *self);
  /* Progress steps in the whole workload (rows of tiles, bytes of bodies...). */
  guint64     (*get_n_steps)    (JugglerWorkload *self);
  /* Optional, for workloads whose steps differ in cost: the predicted work of the whole
   * workload and of the steps a job has done so far, in one unit of the workload's own
   * (iterations for the Mandelbrot image). Without them a step is one unit of work. */
  guint64     (*get_work_total) (JugglerWorkload *self);
  guint64     (*job_get_work_done) (JugglerWorkload *self,
                                    gpointer         job);
  gpointer    (*job_new)        (JugglerWorkload *self,
                                 guint            index);
  /* Returns TRUE once the job is complete; adds the steps it did to *n_steps. */
  gboolean    (*job_step)       (JugglerWorkload *self,
                                 gpointer         job,
                                 gint64           deadline_us,
                                 GCancellable    *cancellable,
                                 guint           *n_steps);
  void        (*job_merge)      (JugglerWorkload *self,
                                 gpointer         job);
  void        (*job_free)       (gpointer         job);
  char       *(*dup_digest)     (JugglerWorkload *self);

  void        (*prepare_async)  (JugglerWorkload *self,
                                 guint            max_connections);
  /* steps_func and done_func both get user_data. */
  void        (*job_run_async)  (JugglerWorkload    *self,
                                 gpointer            job,
                                 GCancellable       *cancellable,
                                 JugglerStepsFunc    steps_func,
                                 JugglerJobDoneFunc  done_func,
                                 gpointer            user_data);
  /* Adds the workload's own figures to the run's report. */
  void        (*fill_report)    (JugglerWorkload *self,
                                 JugglerReport   *report);
};

const char *juggler_workload_get_name    (JugglerWorkload *self);
JugglerWorkloadKind juggler_workload_get_kind (JugglerWorkload *self);
guint       juggler_workload_get_n_jobs  (JugglerWorkload *self);
guint64     juggler_workload_get_n_steps (JugglerWorkload *self);
/* Predicted work in the whole workload: its steps when it has no cost model. */
guint64     juggler_workload_get_work_total (JugglerWorkload *self);
/* The predicted work of what the job has done so far, on the thread stepping it; FALSE
 * when the workload has no cost model and a step is one unit of work. */
gboolean    juggler_workload_job_get_work_done (JugglerWorkload *self,
                                                gpointer         job,
                                                guint64         *work);
gpointer    juggler_workload_job_new     (JugglerWorkload *self,
                                          guint            index);
gboolean    juggler_workload_job_step    (JugglerWorkload *self,
                                          gpointer         job,
                                          gint64           deadline_us,
                                          GCancellable    *cancellable,
                                          guint           *n_steps);
void        juggler_workload_job_merge   (JugglerWorkload *self,
                                          gpointer         job);
void        juggler_workload_job_free    (JugglerWorkload *self,
                                          gpointer         job);
char       *juggler_workload_dup_digest  (JugglerWorkload *self);
void        juggler_workload_prepare_async (JugglerWorkload *self,
                                            guint            max_connections);
void        juggler_workload_job_run_async (JugglerWorkload    *self,
                                            gpointer            job,
                                            GCancellable       *cancellable,
                                            JugglerStepsFunc    steps_func,
                                            JugglerJobDoneFunc  done_func,
                                            gpointer            user_data);
void        juggler_workload_fill_report (JugglerWorkload *self,
                                          JugglerReport   *report);
/* Runs every job to completion on the calling thread: the bare kernel, no loop, no threads. */
void        juggler_workload_run_serial  (JugglerWorkload *self);

G_END_DECLS
