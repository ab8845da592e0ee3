/* juggler-executor-private.h: what a strategy's executor gets from its run, and the base
 * every executor family shares
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "juggler-global-lock.h"
#include "juggler-job-queue.h"
#include "juggler-progress-counter.h"
#include "juggler-trace.h"
#include "juggler-types.h"
#include "juggler-workload.h"

G_BEGIN_DECLS

/*
 * Everything an executor may use. It never sees the run: it takes jobs from the queue,
 * reports progress to the counter and hands jobs back to the queue, all on context,
 * except where a comment says otherwise. The executor holds a reference to each member
 * but the lock, which outlives every job of the run.
 */
typedef struct
{
  GMainContext           *context;
  GCancellable           *cancellable;
  JugglerWorkload        *workload;
  JugglerJobQueue        *queue;
  JugglerProgressCounter *counter;
  JugglerGlobalLock      *lock;
  JugglerTrace           *trace;    /* NULL: the run records no trace */
} JugglerExecutorEnv;

/* The run's knobs, which the factory turns into one family's configuration. */
typedef struct
{
  guint    n_workers;
  gboolean nice;
  guint    concurrency;
  gboolean tune_connections;
} JugglerExecutorSettings;

typedef struct _JugglerExecutor JugglerExecutor;

typedef struct
{
  /* Takes jobs from the queue while the executor has room for them. */
  void (*pump) (JugglerExecutor *self);
  void (*free) (JugglerExecutor *self);
} JugglerExecutorVTable;

/*
 * Executors are reference counted: the run holds its current one, and every job in flight
 * or attached source holds another, so a retired executor lives until its last job is done.
 */
struct _JugglerExecutor
{
  const JugglerExecutorVTable *vtable;
  gatomicrefcount              ref_count;
  JugglerExecutorEnv           env;
  JugglerStrategy              strategy;   /* what the trace says ran a job step */
  int                          retired;    /* atomic: read by worker threads */
};

/* Picks the family that runs strategy and configures it from settings. */
JugglerExecutor *juggler_executor_new       (JugglerStrategy                strategy,
                                             const JugglerExecutorEnv      *env,
                                             const JugglerExecutorSettings *settings);
/* For the families' constructors: takes references to env's members. */
void             juggler_executor_init      (JugglerExecutor               *self,
                                             const JugglerExecutorVTable   *vtable,
                                             const JugglerExecutorEnv      *env);
JugglerExecutor *juggler_executor_ref       (JugglerExecutor               *self);
void             juggler_executor_unref     (JugglerExecutor               *self);
void             juggler_executor_pump      (JugglerExecutor               *self);
void             juggler_executor_retire    (JugglerExecutor               *self);
gboolean         juggler_executor_is_retired (JugglerExecutor              *self);

/* The next job, or NULL once retired or when the queue has none. */
JugglerJob      *juggler_executor_take_job  (JugglerExecutor               *self);
/* Any thread: marks the job started and steps it until done or the deadline, counting its
 * progress and CPU time. TRUE when it needs no more steps: done, or the run was cancelled. */
gboolean         juggler_executor_step_job  (JugglerExecutor               *self,
                                             JugglerJob                    *job,
                                             gint64                         deadline_us);
/* Any thread: progress of a job stepped elsewhere (asynchronously). */
void             juggler_executor_account_steps (JugglerExecutor           *self,
                                                 JugglerJob                *job,
                                                 guint                      n_steps,
                                                 gboolean                   done);

/* What worker threads finished comes back to the loop through a queue: a worker pushes an
 * item, then g_main_context_wakeup (), which takes no lock (g_task_return_*() from a thread
 * holds the context's lock while it wakes the loop). The source hands each item to
 * returned () on the loop, at idle priority; with a trace it records each dispatch. */
typedef void (*JugglerReturnFunc) (gpointer item);

GSource         *juggler_executor_returns_source_new (GAsyncQueue       *finished,
                                                      JugglerReturnFunc  returned,
                                                      JugglerTrace      *trace,
                                                      const char        *name);

/* The families. */
typedef struct
{
  guint    n_workers;
  gboolean nice;          /* workers at nice 19 */
  gboolean global_lock;   /* env->lock around every step */
} JugglerPoolExecutorConfig;

typedef struct
{
  gboolean blocking;      /* every job in one callback instead of 4 ms slices */
} JugglerMainExecutorConfig;

typedef struct
{
  guint concurrency;
  guint max_connections;  /* 0 keeps libsoup's defaults */
} JugglerAsyncExecutorConfig;

typedef struct
{
  guint    max_threads;   /* alive at once */
  gboolean nice;          /* each thread at nice 19 */
} JugglerThreadExecutorConfig;

JugglerExecutor *juggler_pool_executor_new  (const JugglerExecutorEnv         *env,
                                             const JugglerPoolExecutorConfig  *config);
JugglerExecutor *juggler_main_executor_new  (const JugglerExecutorEnv         *env,
                                             const JugglerMainExecutorConfig  *config);
JugglerExecutor *juggler_async_executor_new (const JugglerExecutorEnv         *env,
                                             const JugglerAsyncExecutorConfig *config);
/* GTask's shared pool: no configuration, GLib sizes it. */
JugglerExecutor *juggler_shared_pool_executor_new (const JugglerExecutorEnv   *env);
JugglerExecutor *juggler_thread_executor_new (const JugglerExecutorEnv          *env,
                                              const JugglerThreadExecutorConfig *config);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JugglerExecutor, juggler_executor_unref)

G_END_DECLS
