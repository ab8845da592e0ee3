/* test-context-source.c: inner contexts' descriptors watched from the outer loop, also reused numbers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-context-source"

#include "config.h"

#include "juggler-context-source.h"

#include <glib-unix.h>
#include <sys/socket.h>
#include <unistd.h>

/* Iterations of the outer loop that never wait: whatever is ready is seen without time. */
#define MAX_ITERATIONS 100

typedef struct
{
  GMainContext *outer;
  GMainContext *inner;
  GMainContext *target;      /* where watch_pair() watches, the inner context unless told */
  GSource      *source;
  int           pair[2];     /* [0] watched in the inner context, [1] written to */
  GSource      *watch;
  guint         n_read;
  gboolean      reopen;      /* the callback closes its descriptor and opens another */
  int           old_number;
} Fixture;

static void watch_pair (Fixture *fixture);

static gboolean
readable_cb (gint         fd,
             GIOCondition condition,
             gpointer     user_data)
{
  Fixture *fixture = user_data;
  char byte;

  g_assert_cmpint (read (fd, &byte, 1), ==, 1);
  fixture->n_read++;

  if (fixture->reopen)
    {
      fixture->reopen = FALSE;
      /* Within the inner context's dispatch: the same number, the same events, a new socket. */
      g_source_destroy (fixture->watch);
      g_clear_pointer (&fixture->watch, g_source_unref);
      close (fixture->pair[0]);
      close (fixture->pair[1]);
      watch_pair (fixture);
      g_assert_cmpint (fixture->pair[0], ==, fixture->old_number);
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

static void
watch_pair (Fixture *fixture)
{
  g_assert_no_errno (socketpair (AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0,
                                 fixture->pair));
  fixture->watch = g_unix_fd_source_new (fixture->pair[0], G_IO_IN);
  g_source_set_callback (fixture->watch, G_SOURCE_FUNC (readable_cb), fixture, NULL);
  g_source_attach (fixture->watch, fixture->target);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->outer = g_main_context_new ();
  fixture->inner = g_main_context_new ();
  fixture->target = fixture->inner;
  fixture->source = juggler_context_source_new ();
  g_source_attach (fixture->source, fixture->outer);
  juggler_context_source_add (fixture->source, fixture->inner);
  watch_pair (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->watch != NULL)
    {
      g_source_destroy (fixture->watch);
      g_source_unref (fixture->watch);
    }
  juggler_context_source_remove (fixture->source, fixture->inner);
  g_source_destroy (fixture->source);
  g_source_unref (fixture->source);
  close (fixture->pair[0]);
  close (fixture->pair[1]);
  g_main_context_unref (fixture->inner);
  g_main_context_unref (fixture->outer);
}

/* Iterates the outer loop without waiting until @n_read bytes were read, or gives up. */
static void
read_until (Fixture *fixture,
            guint    n_read)
{
  for (guint i = 0; i < MAX_ITERATIONS && fixture->n_read < n_read; i++)
    g_main_context_iteration (fixture->outer, FALSE);
  g_assert_cmpuint (fixture->n_read, ==, n_read);
}

/* Lets the outer loop settle: nothing is ready, and the epoll set is what the inner context
 * waits for. */
static void
settle (Fixture *fixture)
{
  for (guint i = 0; i < MAX_ITERATIONS; i++)
    g_main_context_iteration (fixture->outer, FALSE);
}

static void
send_byte (Fixture *fixture)
{
  g_assert_cmpint (write (fixture->pair[1], "x", 1), ==, 1);
}

/* A byte sent is read; once the loop settled, a second one is too: the descriptor is still
 * watched after its first wakeup. */
static void
assert_reads_twice (Fixture *fixture)
{
  send_byte (fixture);
  read_until (fixture, 1);
  settle (fixture);
  send_byte (fixture);
  read_until (fixture, 2);
}

static void
test_ready (Fixture       *fixture,
            gconstpointer  data)
{
  settle (fixture);
  /* Kept unchanged across iterations, it is still watched. */
  assert_reads_twice (fixture);
}

/* Closed and its number given to a new socket between two iterations of the inner context,
 * from outside them, with the same events: the old registration left the epoll set with the
 * old socket, and the new one must be there. */
static void
test_reused_between_iterations (Fixture       *fixture,
                                gconstpointer  data)
{
  int number = fixture->pair[0];

  settle (fixture);
  g_source_destroy (fixture->watch);
  g_clear_pointer (&fixture->watch, g_source_unref);
  close (fixture->pair[0]);
  close (fixture->pair[1]);
  watch_pair (fixture);
  g_assert_cmpint (fixture->pair[0], ==, number);

  assert_reads_twice (fixture);
}

/* The same within one dispatch of the inner context. */
static void
test_reused_within_dispatch (Fixture       *fixture,
                             gconstpointer  data)
{
  settle (fixture);
  fixture->reopen = TRUE;
  fixture->old_number = fixture->pair[0];
  send_byte (fixture);
  read_until (fixture, 1);
  g_assert_false (fixture->reopen);

  settle (fixture);
  send_byte (fixture);
  read_until (fixture, 2);
}

/* Closed in one inner context and its number reused in another: the first one's forgetting
 * it must not take it out of the set for the second. */
static void
test_reused_by_another_context (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr (GMainContext) other = g_main_context_new ();
  int number = fixture->pair[0];
  GSource *old_watch = fixture->watch;

  juggler_context_source_add (fixture->source, other);
  settle (fixture);

  /* The first context's source still lists the closed number until it goes. */
  close (fixture->pair[0]);
  close (fixture->pair[1]);
  fixture->target = other;
  watch_pair (fixture);
  g_assert_cmpint (fixture->pair[0], ==, number);
  settle (fixture);

  g_source_destroy (old_watch);
  g_source_unref (old_watch);
  settle (fixture);

  assert_reads_twice (fixture);

  g_source_destroy (fixture->watch);
  g_clear_pointer (&fixture->watch, g_source_unref);
  juggler_context_source_remove (fixture->source, other);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/context-source/ready", Fixture, NULL,
              fixture_set_up, test_ready, fixture_tear_down);
  g_test_add ("/context-source/reused-between-iterations", Fixture, NULL,
              fixture_set_up, test_reused_between_iterations, fixture_tear_down);
  g_test_add ("/context-source/reused-within-dispatch", Fixture, NULL,
              fixture_set_up, test_reused_within_dispatch, fixture_tear_down);
  g_test_add ("/context-source/reused-by-another-context", Fixture, NULL,
              fixture_set_up, test_reused_by_another_context, fixture_tear_down);

  return g_test_run ();
}
