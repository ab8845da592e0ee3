/* juggler-context-source.c: a GMainContext served from another one's loop by one GSource
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GLib's loop is built on poll(): every iteration of a context prepares and checks each of
 * its sources and polls each of its descriptors, whether or not anything happened to them.
 * With 500 requests in flight in one context — about 1,500 sources and 500 sockets — about
 * a third of the client's CPU went to visiting sources that had nothing to do
 * (g_source_iter_next, g_main_context_check, the kernel's sock_poll): O(sources) per
 * iteration, O(n²) per run.
 *
 * So the async requests are spread over small contexts, one per SoupSession
 * (juggler-http-workload.c), and the run's context watches each through one of these
 * sources. An epoll set holds the small context's descriptors; the run's loop polls that
 * one descriptor. When it is readable, or the small context's next timeout is due, the
 * source iterates the small context — prepare, query, poll without waiting, check,
 * dispatch — then asks it again which descriptors and timeout it waits for and updates
 * the epoll set with the difference. An iteration of the run's loop thus costs the few
 * sources of the run's own context plus those of the small contexts that have something
 * ready.
 *
 * It is still one thread and one event loop: a small context is iterated only from here,
 * on the thread that runs the outer loop, and only when the outer loop dispatches.
 */
#define G_LOG_DOMAIN "juggler-context-source"

#include "config.h"

#include "juggler-context-source.h"

#include <errno.h>
#include <sys/epoll.h>
#include <unistd.h>

/* Iterations of the inner context per dispatch: what one iteration makes ready at once
 * (a GTask's completion, libsoup's queue) runs in the next, without a trip through the
 * outer loop; a busy context still lets the others have their turn. */
#define MAX_TURNS 4
/* All inner contexts together get about this much of one iteration of the outer loop: a
 * burst of answers all ready at once (500 of them, 200 ms after 500 requests were sent)
 * would otherwise be handled in one iteration, and a timer or a frame due meanwhile would
 * wait for all of it. Whatever is left waits for the next iteration, ready at once. */
#define ITERATION_BUDGET_US 1000

typedef struct
{
  GSource       source;
  GMainContext *inner;
  int           epoll_fd;
  gpointer      epoll_tag;
  GArray       *watched;  /* GPollFD: what the epoll set holds, sorted by descriptor */
  GArray       *fds;      /* GPollFD: g_main_context_query()'s answer */
  gint64        wake_us;  /* monotonic time of the inner context's next timeout, or -1 */
} ContextSource;

static guint32
epoll_events (gushort events)
{
  guint32 epoll = 0;

  if (events & G_IO_IN)
    epoll |= EPOLLIN;
  if (events & G_IO_OUT)
    epoll |= EPOLLOUT;
  if (events & G_IO_PRI)
    epoll |= EPOLLPRI;

  return epoll;
}

static void
watch (ContextSource *self,
       int            op,
       const GPollFD *fd)
{
  struct epoll_event event = { .events = epoll_events (fd->events), .data.fd = fd->fd };

  if (epoll_ctl (self->epoll_fd, op, fd->fd, &event) == 0)
    return;

  /* A descriptor that was closed left the set by itself, and its number may now be
   * another's: adding finds it there, or changing finds it gone. Whatever epoll refuses
   * (a regular file), the poll without waiting in each dispatch still sees. */
  if (op == EPOLL_CTL_ADD && errno == EEXIST)
    epoll_ctl (self->epoll_fd, EPOLL_CTL_MOD, fd->fd, &event);
  else if (op == EPOLL_CTL_MOD && errno == ENOENT)
    epoll_ctl (self->epoll_fd, EPOLL_CTL_ADD, fd->fd, &event);
}

/* Both lists are sorted by descriptor, one entry each, as g_main_context_query() gives
 * them: a merge finds what came, went or changed, and only that costs a system call.
 *
 * With verify, a descriptor kept with the same events is changed all the same: it may
 * have been closed and its number given to a new socket meanwhile, with the same events
 * (to 127.0.0.1, connect() may succeed at once, and the new socket waits for its answer
 * within the same iteration). The old one left the set when it was closed, and only the
 * kernel can tell: changing it fails (ENOENT), and it is added. Within a dispatch, the
 * poll without waiting looks at every descriptor itself; only the set that the outer loop
 * waits on afterwards must be exact. */
static void
update_epoll_set (ContextSource *self,
                  const GPollFD *fds,
                  guint          n_fds,
                  gboolean       verify)
{
  const GPollFD *old = (const GPollFD *) (gpointer) self->watched->data;
  guint n_old = self->watched->len;
  guint i = 0, j = 0;

  while (i < n_old || j < n_fds)
    {
      if (j == n_fds || (i < n_old && old[i].fd < fds[j].fd))
        {
          /* Fails harmlessly for a descriptor already closed. */
          epoll_ctl (self->epoll_fd, EPOLL_CTL_DEL, old[i].fd, NULL);
          i++;
        }
      else if (i == n_old || fds[j].fd < old[i].fd)
        {
          watch (self, EPOLL_CTL_ADD, &fds[j]);
          j++;
        }
      else
        {
          if (verify || epoll_events (old[i].events) != epoll_events (fds[j].events))
            watch (self, EPOLL_CTL_MOD, &fds[j]);
          i++;
          j++;
        }
    }

  g_array_set_size (self->watched, 0);
  g_array_append_vals (self->watched, fds, n_fds);
}

static gboolean
context_source_prepare (GSource *source,
                        gint    *timeout)
{
  ContextSource *self = (ContextSource *) source;
  gint64 now;

  if (self->wake_us < 0)
    {
      *timeout = -1;
      return FALSE;
    }

  now = g_source_get_time (source);
  if (self->wake_us <= now)
    {
      *timeout = 0;
      return TRUE;
    }

  *timeout = (gint) MIN ((self->wake_us - now + 999) / 1000, G_MAXINT);
  return FALSE;
}

static gboolean
context_source_check (GSource *source)
{
  ContextSource *self = (ContextSource *) source;

  if (g_source_query_unix_fd (source, self->epoll_tag) != 0)
    return TRUE;

  return self->wake_us >= 0 && self->wake_us <= g_source_get_time (source);
}

static gboolean
context_source_dispatch (GSource     *source,
                         GSourceFunc  callback,
                         gpointer     user_data)
{
  ContextSource *self = (ContextSource *) source;
  GMainContext *inner = self->inner;
  gboolean ready_again = FALSE;
  gint timeout = -1;
  gint n_fds = 0;
  /* When the outer loop's iteration began: its sources share its time. */
  gint64 iteration_us = g_source_get_time (source);

  if (g_get_monotonic_time () - iteration_us >= ITERATION_BUDGET_US)
    {
      self->wake_us = 0;
      return G_SOURCE_CONTINUE;
    }

  if (!g_main_context_acquire (inner))
    {
      g_critical ("Another thread iterates a context that only its source may iterate");
      return G_SOURCE_CONTINUE;
    }
  /* libsoup asserts that its callbacks run in the context its messages were sent from,
   * and whatever they start belongs there too. */
  g_main_context_push_thread_default (inner);

  for (guint turn = 0;; turn++)
    {
      gint max_priority;

      g_main_context_prepare (inner, &max_priority);
      /* All descriptors, not only those at the ready priority: the epoll set keeps them
       * all, and check() takes a larger list as well. */
      while ((n_fds = g_main_context_query (inner, G_MAXINT, &timeout,
                                            (GPollFD *) (gpointer) self->fds->data,
                                            self->fds->len)) > (gint) self->fds->len)
        g_array_set_size (self->fds, n_fds);
      /* Only the inner context's own few descriptors; this also acknowledges its wakeup. */
      g_poll ((GPollFD *) (gpointer) self->fds->data, n_fds, 0);

      /* Nothing ready: the query said what to wait for. */
      if (!g_main_context_check (inner, max_priority, (GPollFD *) (gpointer) self->fds->data,
                                 n_fds))
        break;

      if (turn == MAX_TURNS ||
          (turn > 0 && g_get_monotonic_time () - iteration_us >= ITERATION_BUDGET_US))
        {
          ready_again = TRUE;
          break;
        }
      g_main_context_dispatch (inner);
    }

  g_main_context_pop_thread_default (inner);
  g_main_context_release (inner);

  /* The last query says what to wait for. */
  update_epoll_set (self, (const GPollFD *) (gpointer) self->fds->data, n_fds, TRUE);

  if (ready_again)
    self->wake_us = 0;
  else
    self->wake_us = timeout < 0 ? -1 : g_get_monotonic_time () + (gint64) timeout * 1000;

  return G_SOURCE_CONTINUE;
}

static void
context_source_finalize (GSource *source)
{
  ContextSource *self = (ContextSource *) source;

  close (self->epoll_fd);
  g_array_unref (self->watched);
  g_array_unref (self->fds);
  g_main_context_unref (self->inner);
}

static GSourceFuncs context_source_funcs = {
  context_source_prepare,
  context_source_check,
  context_source_dispatch,
  context_source_finalize,
  NULL,
  NULL,
};

GSource *
juggler_context_source_new (GMainContext *inner)
{
  GSource *source;
  ContextSource *self;
  int epoll_fd;

  g_return_val_if_fail (inner != NULL, NULL);

  epoll_fd = epoll_create1 (EPOLL_CLOEXEC);
  if (epoll_fd < 0)
    g_error ("epoll_create1: %s", g_strerror (errno));

  source = g_source_new (&context_source_funcs, sizeof (ContextSource));
  self = (ContextSource *) source;
  self->inner = g_main_context_ref (inner);
  self->epoll_fd = epoll_fd;
  self->epoll_tag = g_source_add_unix_fd (source, epoll_fd, G_IO_IN);
  self->watched = g_array_new (FALSE, FALSE, sizeof (GPollFD));
  self->fds = g_array_sized_new (FALSE, TRUE, sizeof (GPollFD), 16);
  g_array_set_size (self->fds, 16);
  /* Whatever the inner context holds already is looked at in the first iteration. */
  self->wake_us = 0;
  g_source_set_static_name (source, "[juggler] inner context");
  /* Not blocked while it dispatches: blocking takes the epoll descriptor out of the outer
   * context's poll records and puts it back, which wakes the outer context each time. */
  g_source_set_can_recurse (source, TRUE);

  return source;
}
