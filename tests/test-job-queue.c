/* test-job-queue.c: taking, handing back and finishing jobs, and what the queue counts
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-job-queue"

#include "config.h"

#include "juggler-job-queue.h"
#include "juggler-test-workload.h"

typedef struct
{
  guint n_settled;
  guint n_given_back;
  guint last_index;
  guint last_worker;
  gboolean last_done;
} Settled;

static void
settled_cb (JugglerJobQueue  *queue,
            const JugglerJob *job,
            gpointer          user_data)
{
  Settled *settled = user_data;

  settled->n_settled++;
  if (job == NULL)
    {
      settled->n_given_back++;
      return;
    }
  settled->last_index = job->index;
  settled->last_worker = job->worker;
  settled->last_done = job->done;
}

/* Steps a job to completion, as an executor would. */
static void
complete (TestWorkload *workload,
          JugglerJob   *job)
{
  guint n_steps = 0;

  job->started = TRUE;
  while (!juggler_workload_job_step (JUGGLER_WORKLOAD (workload), job->state, G_MAXINT64, NULL,
                                     &n_steps))
    ;
  job->done = TRUE;
}

static void
test_take_and_finish (void)
{
  TestWorkload *workload = test_workload_new (3, 1, 0, 0);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  JugglerJobQueue *queue = juggler_job_queue_new (JUGGLER_WORKLOAD (workload), cancellable);
  Settled settled = { 0 };
  JugglerJob *a, *b, *c;

  juggler_job_queue_set_settled_func (queue, settled_cb, &settled);

  a = juggler_job_queue_take (queue);
  b = juggler_job_queue_take (queue);
  c = juggler_job_queue_take (queue);
  g_assert_cmpuint (a->index, ==, 0);
  g_assert_cmpuint (b->index, ==, 1);
  g_assert_cmpuint (c->index, ==, 2);
  g_assert_null (juggler_job_queue_take (queue));
  g_assert_cmpuint (juggler_job_queue_get_n_in_flight (queue), ==, 3);
  g_assert_false (juggler_job_queue_has_jobs_left (queue));

  /* A finished job is merged once and reported with its worker. */
  complete (workload, b);
  b->worker = juggler_job_queue_number_thread (queue, g_thread_self ());
  juggler_job_queue_finish (queue, b);
  g_assert_cmpuint (settled.n_settled, ==, 1);
  g_assert_cmpuint (settled.last_index, ==, 1);
  g_assert_cmpuint (settled.last_worker, ==, 1);
  g_assert_true (settled.last_done);
  g_assert_cmpint (workload->merged[1], ==, 1);
  g_assert_cmpuint (juggler_job_queue_get_n_completed (queue), ==, 1);
  g_assert_cmpuint (juggler_job_queue_get_threads_used (queue), ==, 1);

  /* On the UI thread (worker 0), a second thread in the count. */
  complete (workload, a);
  juggler_job_queue_finish (queue, a);
  g_assert_cmpuint (juggler_job_queue_get_threads_used (queue), ==, 2);

  /* A job that stopped early (cancelled) is freed, not merged. */
  c->started = TRUE;
  juggler_job_queue_finish (queue, c);
  g_assert_false (settled.last_done);
  g_assert_cmpint (workload->merged[2], ==, 0);
  g_assert_cmpuint (juggler_job_queue_get_n_completed (queue), ==, 2);
  g_assert_cmpuint (juggler_job_queue_get_n_in_flight (queue), ==, 0);

  juggler_job_queue_unref (queue);
  g_assert_cmpint (workload->created, ==, workload->freed);
  g_assert_finalize_object (workload);
}

static void
test_give_back (void)
{
  TestWorkload *workload = test_workload_new (2, 1, 0, 0);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  JugglerJobQueue *queue = juggler_job_queue_new (JUGGLER_WORKLOAD (workload), cancellable);
  Settled settled = { 0 };
  JugglerJob *a, *again;

  juggler_job_queue_set_settled_func (queue, settled_cb, &settled);

  a = juggler_job_queue_take (queue);
  juggler_job_queue_give_back (queue, a);
  g_assert_cmpuint (settled.n_given_back, ==, 1);
  g_assert_cmpuint (juggler_job_queue_get_n_in_flight (queue), ==, 0);
  g_assert_true (juggler_job_queue_has_jobs_left (queue));

  /* The job handed back comes first, the same job, not a new one. */
  again = juggler_job_queue_take (queue);
  g_assert_true (again == a);
  g_assert_cmpint (workload->created, ==, 1);
  juggler_job_queue_give_back (queue, again);

  /* Closing frees what was handed back; nothing is taken after. */
  juggler_job_queue_close (queue);
  g_assert_null (juggler_job_queue_take (queue));
  g_assert_cmpint (workload->created, ==, workload->freed);

  juggler_job_queue_unref (queue);
  g_assert_finalize_object (workload);
}

static void
test_cancelled (void)
{
  TestWorkload *workload = test_workload_new (5, 1, 0, 0);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  JugglerJobQueue *queue = juggler_job_queue_new (JUGGLER_WORKLOAD (workload), cancellable);
  JugglerJob *job = juggler_job_queue_take (queue);

  g_cancellable_cancel (cancellable);
  g_assert_null (juggler_job_queue_take (queue));
  job->started = TRUE;
  juggler_job_queue_finish (queue, job);
  g_assert_cmpuint (juggler_job_queue_get_threads_used (queue), ==, 0);

  juggler_job_queue_unref (queue);
  g_assert_cmpint (workload->created, ==, workload->freed);
  g_assert_finalize_object (workload);
}

static gpointer
number_thread (gpointer data)
{
  return GUINT_TO_POINTER (juggler_job_queue_number_thread (data, g_thread_self ()));
}

static void
test_worker_numbers (void)
{
  TestWorkload *workload = test_workload_new (1, 1, 0, 0);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  JugglerJobQueue *queue = juggler_job_queue_new (JUGGLER_WORKLOAD (workload), cancellable);
  GThread *threads[5];

  /* A thread keeps its number however often it asks; each new one gets the next. */
  g_assert_cmpuint (juggler_job_queue_number_thread (queue, g_thread_self ()), ==, 1);
  g_assert_cmpuint (juggler_job_queue_number_thread (queue, g_thread_self ()), ==, 1);

  /* Threads that have exited stay numbered: a new thread never inherits their number,
   * even where it inherits the address of their GThread. */
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      GThread *thread = g_thread_new ("numbered", number_thread, queue);

      g_assert_cmpuint (GPOINTER_TO_UINT (g_thread_join (g_thread_ref (thread))), ==, i + 2);
      threads[i] = thread;
    }
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      g_assert_cmpuint (juggler_job_queue_number_thread (queue, threads[i]), ==, i + 2);
      g_thread_unref (threads[i]);
    }

  juggler_job_queue_unref (queue);
  g_assert_finalize_object (workload);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/job-queue/take-and-finish", test_take_and_finish);
  g_test_add_func ("/core/job-queue/give-back", test_give_back);
  g_test_add_func ("/core/job-queue/cancelled", test_cancelled);
  g_test_add_func ("/core/job-queue/worker-numbers", test_worker_numbers);

  return g_test_run ();
}
