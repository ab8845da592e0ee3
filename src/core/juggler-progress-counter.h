/* juggler-progress-counter.h: a run's progress as workers report it and the UI thread reads it
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "juggler-types.h"

G_BEGIN_DECLS

typedef struct _JugglerProgressCounter JugglerProgressCounter;

/*
 * Coalesced, workers bump atomic counters and the UI thread samples them. Per event, every
 * step and every finished job is also a callback on the owner's context, at most
 * JUGGLER_PROGRESS_MAX_PENDING_EVENTS waiting at once: beyond that an event is counted as
 * dropped instead of sent, and sample() reads the delivered events only.
 */
#define JUGGLER_PROGRESS_MAX_PENDING_EVENTS 4096

/* Called on the owner's context when the last pending event has been delivered. */
typedef void (*JugglerProgressDrainedFunc) (gpointer user_data);

/* Created on the thread that owns context, which is the owner's thread from then on. */
JugglerProgressCounter *juggler_progress_counter_new     (JugglerProgressMode         mode,
                                                          GMainContext               *context);
JugglerProgressCounter *juggler_progress_counter_ref     (JugglerProgressCounter     *self);
void                    juggler_progress_counter_unref   (JugglerProgressCounter     *self);
void                    juggler_progress_counter_set_drained_func
                                                         (JugglerProgressCounter     *self,
                                                          JugglerProgressDrainedFunc  func,
                                                          gpointer                    user_data);
/* Any thread: n_steps more steps holding work units of predicted work (see
 * juggler_workload_get_work_total()), a job finished when job_done, cpu_ns spent computing. */
void                    juggler_progress_counter_add     (JugglerProgressCounter     *self,
                                                          guint                       n_steps,
                                                          guint64                     work,
                                                          gboolean                    job_done,
                                                          gint64                      cpu_ns);
gboolean                juggler_progress_counter_has_pending (JugglerProgressCounter *self);
/* Once nothing reports any more: dropped events carried progress too, so with none
 * pending the per-event counts become exact. */
void                    juggler_progress_counter_settle  (JugglerProgressCounter     *self);
void                    juggler_progress_counter_sample  (JugglerProgressCounter     *self,
                                                          guint                      *jobs_done,
                                                          guint64                    *steps_done);
/* The work done so far, as the workers count it in either mode: per-event delivery is a
 * lesson about the UI thread, and the time left should not lag with the events. */
guint64                 juggler_progress_counter_get_work_done (JugglerProgressCounter *self);
gint64                  juggler_progress_counter_get_job_cpu_ns (JugglerProgressCounter *self);
guint64                 juggler_progress_counter_get_delivered (JugglerProgressCounter *self);
guint64                 juggler_progress_counter_get_dropped (JugglerProgressCounter *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JugglerProgressCounter, juggler_progress_counter_unref)

G_END_DECLS
