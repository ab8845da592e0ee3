/* juggler-executor.h: private interface between a run and the strategies that schedule its jobs
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "juggler-global-lock.h"
#include "juggler-run.h"

G_BEGIN_DECLS

/* One job of a run, as it travels between the run and an executor. */
typedef struct
{
  guint     index;
  gpointer  job;          /* the workload's state of the job */
  GThread  *thread;       /* the thread that last stepped it */
  gboolean  started;
  gboolean  done;
} JugglerRunJob;

typedef struct _JugglerExecutor JugglerExecutor;

typedef struct
{
  /* Takes jobs from the run while the executor has room for them. */
  void (*pump) (JugglerExecutor *self);
  void (*free) (JugglerExecutor *self);
} JugglerExecutorClass;

/*
 * Executors are reference counted: the run holds its current one, and every job in flight
 * or attached source holds another, so a retired executor lives until its last job is done.
 * All of it happens on the run's main context, except where a comment says otherwise.
 */
struct _JugglerExecutor
{
  const JugglerExecutorClass *klass;
  gatomicrefcount             ref_count;
  JugglerRun                 *run;
  JugglerStrategy             strategy;
  int                         retired;    /* atomic: read by worker threads */
};

JugglerExecutor *juggler_executor_new      (JugglerRun        *run,
                                            JugglerStrategy    strategy);
JugglerExecutor *juggler_executor_ref      (JugglerExecutor   *self);
void             juggler_executor_unref    (JugglerExecutor   *self);
void             juggler_executor_pump     (JugglerExecutor   *self);
void             juggler_executor_retire   (JugglerExecutor   *self);
gboolean         juggler_executor_is_retired (JugglerExecutor *self);

/* Constructors of the two families; juggler_executor_new() picks one. */
JugglerExecutor *juggler_pool_executor_new (JugglerRun        *run,
                                            guint              n_workers,
                                            gboolean           nice,
                                            JugglerGlobalLock *lock);
JugglerExecutor *juggler_main_executor_new (void);
JugglerExecutor *juggler_async_executor_new (JugglerRun       *run,
                                             guint             concurrency,
                                             guint             max_connections);

/* What the run offers its executors. */
JugglerRunJob   *juggler_run_take_job      (JugglerRun        *run);
/* Marks the job as started on the calling thread; any thread. */
void             juggler_run_start_job     (JugglerRun        *run,
                                            JugglerRunJob     *job);
/* Any thread. TRUE when the job needs no more steps: done, or the run was cancelled. */
gboolean         juggler_run_step_job      (JugglerRun        *run,
                                            JugglerRunJob     *job,
                                            gint64             deadline_us);
/* Counts progress of a job stepped elsewhere (asynchronously); any thread. */
void             juggler_run_account_steps (JugglerRun        *run,
                                            JugglerRunJob     *job,
                                            guint              n_steps,
                                            gboolean           done);
/* Hands a job that never started back, for the run's current executor. */
void             juggler_run_return_job    (JugglerRun        *run,
                                            JugglerRunJob     *job);
void             juggler_run_finish_job    (JugglerRun        *run,
                                            JugglerRunJob     *job);
GMainContext    *juggler_run_get_context   (JugglerRun        *run);
GCancellable    *juggler_run_get_cancellable (JugglerRun      *run);
guint            juggler_run_get_concurrency (JugglerRun      *run);
gboolean         juggler_run_get_tune_connections (JugglerRun *run);
gboolean         juggler_run_get_nice      (JugglerRun        *run);
JugglerGlobalLock *juggler_run_get_global_lock (JugglerRun    *run);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JugglerExecutor, juggler_executor_unref)

G_END_DECLS
