/* juggler-workload.c: a list of independent jobs and how to run and merge one
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-workload"

#include "config.h"

#include "juggler-workload.h"

G_DEFINE_ABSTRACT_TYPE (JugglerWorkload, juggler_workload, G_TYPE_OBJECT)

static JugglerWorkloadKind
juggler_workload_real_get_kind (JugglerWorkload *self)
{
  return JUGGLER_WORKLOAD_CPU;
}

static void
juggler_workload_class_init (JugglerWorkloadClass *klass)
{
  klass->get_kind = juggler_workload_real_get_kind;
}

static void
juggler_workload_init (JugglerWorkload *self)
{
}

const char *
juggler_workload_get_name (JugglerWorkload *self)
{
  g_return_val_if_fail (JUGGLER_IS_WORKLOAD (self), NULL);

  return JUGGLER_WORKLOAD_GET_CLASS (self)->get_name (self);
}

JugglerWorkloadKind
juggler_workload_get_kind (JugglerWorkload *self)
{
  g_return_val_if_fail (JUGGLER_IS_WORKLOAD (self), JUGGLER_WORKLOAD_CPU);

  return JUGGLER_WORKLOAD_GET_CLASS (self)->get_kind (self);
}

guint
juggler_workload_get_n_jobs (JugglerWorkload *self)
{
  g_return_val_if_fail (JUGGLER_IS_WORKLOAD (self), 0);

  return JUGGLER_WORKLOAD_GET_CLASS (self)->get_n_jobs (self);
}

guint64
juggler_workload_get_n_steps (JugglerWorkload *self)
{
  g_return_val_if_fail (JUGGLER_IS_WORKLOAD (self), 0);

  return JUGGLER_WORKLOAD_GET_CLASS (self)->get_n_steps (self);
}

guint64
juggler_workload_get_work_total (JugglerWorkload *self)
{
  JugglerWorkloadClass *klass;

  g_return_val_if_fail (JUGGLER_IS_WORKLOAD (self), 0);

  klass = JUGGLER_WORKLOAD_GET_CLASS (self);
  if (klass->get_work_total == NULL)
    return klass->get_n_steps (self);

  return klass->get_work_total (self);
}

gboolean
juggler_workload_job_get_work_done (JugglerWorkload *self,
                                    gpointer         job,
                                    guint64         *work)
{
  JugglerWorkloadClass *klass;

  g_return_val_if_fail (JUGGLER_IS_WORKLOAD (self), FALSE);
  g_return_val_if_fail (job != NULL, FALSE);
  g_return_val_if_fail (work != NULL, FALSE);

  klass = JUGGLER_WORKLOAD_GET_CLASS (self);
  if (klass->job_get_work_done == NULL)
    return FALSE;

  *work = klass->job_get_work_done (self, job);
  return TRUE;
}

gpointer
juggler_workload_job_new (JugglerWorkload *self,
                          guint            index)
{
  g_return_val_if_fail (JUGGLER_IS_WORKLOAD (self), NULL);
  g_return_val_if_fail (index < juggler_workload_get_n_jobs (self), NULL);

  return JUGGLER_WORKLOAD_GET_CLASS (self)->job_new (self, index);
}

gboolean
juggler_workload_job_step (JugglerWorkload *self,
                           gpointer         job,
                           gint64           deadline_us,
                           GCancellable    *cancellable,
                           guint           *n_steps)
{
  guint ignored = 0;

  g_return_val_if_fail (JUGGLER_IS_WORKLOAD (self), FALSE);
  g_return_val_if_fail (job != NULL, FALSE);

  return JUGGLER_WORKLOAD_GET_CLASS (self)->job_step (self, job, deadline_us, cancellable,
                                                      n_steps != NULL ? n_steps : &ignored);
}

void
juggler_workload_job_merge (JugglerWorkload *self,
                            gpointer         job)
{
  g_return_if_fail (JUGGLER_IS_WORKLOAD (self));
  g_return_if_fail (job != NULL);

  JUGGLER_WORKLOAD_GET_CLASS (self)->job_merge (self, job);
}

void
juggler_workload_job_free (JugglerWorkload *self,
                           gpointer         job)
{
  g_return_if_fail (JUGGLER_IS_WORKLOAD (self));

  if (job != NULL)
    JUGGLER_WORKLOAD_GET_CLASS (self)->job_free (job);
}

char *
juggler_workload_dup_digest (JugglerWorkload *self)
{
  g_return_val_if_fail (JUGGLER_IS_WORKLOAD (self), NULL);

  return JUGGLER_WORKLOAD_GET_CLASS (self)->dup_digest (self);
}

void
juggler_workload_prepare_async (JugglerWorkload *self,
                                guint            max_connections)
{
  g_return_if_fail (JUGGLER_IS_WORKLOAD (self));
  g_return_if_fail (JUGGLER_WORKLOAD_GET_CLASS (self)->prepare_async != NULL);

  JUGGLER_WORKLOAD_GET_CLASS (self)->prepare_async (self, max_connections);
}

void
juggler_workload_job_run_async (JugglerWorkload    *self,
                                gpointer            job,
                                GCancellable       *cancellable,
                                JugglerStepsFunc    steps_func,
                                JugglerJobDoneFunc  done_func,
                                gpointer            user_data)
{
  g_return_if_fail (JUGGLER_IS_WORKLOAD (self));
  g_return_if_fail (JUGGLER_WORKLOAD_GET_CLASS (self)->job_run_async != NULL);
  g_return_if_fail (steps_func != NULL && done_func != NULL);

  JUGGLER_WORKLOAD_GET_CLASS (self)->job_run_async (self, job, cancellable, steps_func,
                                                    done_func, user_data);
}

void
juggler_workload_fill_report (JugglerWorkload *self,
                              JugglerReport   *report)
{
  g_return_if_fail (JUGGLER_IS_WORKLOAD (self));
  g_return_if_fail (report != NULL);

  if (JUGGLER_WORKLOAD_GET_CLASS (self)->fill_report != NULL)
    JUGGLER_WORKLOAD_GET_CLASS (self)->fill_report (self, report);
}

void
juggler_workload_run_serial (JugglerWorkload *self)
{
  guint n_jobs;

  g_return_if_fail (JUGGLER_IS_WORKLOAD (self));

  n_jobs = juggler_workload_get_n_jobs (self);
  for (guint i = 0; i < n_jobs; i++)
    {
      gpointer job = juggler_workload_job_new (self, i);

      while (!juggler_workload_job_step (self, job, G_MAXINT64, NULL, NULL))
        ;
      juggler_workload_job_merge (self, job);
      juggler_workload_job_free (self, job);
    }
}
