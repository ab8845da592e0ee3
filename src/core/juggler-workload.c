/* juggler-workload.c: a list of independent jobs and how to run and merge one
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-workload"

#include "config.h"

#include "juggler-workload.h"

G_DEFINE_ABSTRACT_TYPE (JugglerWorkload, juggler_workload, G_TYPE_OBJECT)

static void
juggler_workload_class_init (JugglerWorkloadClass *klass)
{
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
