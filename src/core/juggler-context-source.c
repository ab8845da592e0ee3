/* juggler-context-source.c: GMainContexts served from another one's loop by one GSource
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GLib's loop is built on poll(): every iteration of a context prepares and checks each of
 * its sources and polls each of its descriptors, whether or not anything happened to them.
 * With 500 requests in flight in one context — about 3,000 sources (libsoup nests five per
 * request that waits for its answer) and 500 sockets — most of the client's CPU went to
 * visiting sources that had nothing to do (g_source_iter_next, g_main_context_check, the
 * kernel's sock_poll): O(sources) per iteration, O(n²) per run.
 *
 * So the async requests are spread over small contexts, one per SoupSession
 * (juggler-http-workload.c), and the run's context watches all of them through one of these
 * sources. One epoll set holds every small context's descriptors, each tagged with its
 * context; the run's loop polls that one descriptor. When it is readable, or a small
 * context's next timeout is due, the source asks the set which descriptors are ready and
 * iterates only the contexts they belong to — prepare, query, poll without waiting, check,
 * dispatch — then asks each again which descriptors and timeout it waits for and updates
 * the set with the difference. An event thus costs the run's loop one source, and the
 * small context it belongs to its own few sources: neither grows with the number of small
 * contexts (a source per small context did, once they were small enough to be cheap).
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

/* Iterations of an inner context per dispatch: what one iteration makes ready at once
 * (a GTask's completion, libsoup's queue) runs in the next, without a trip through the
 * outer loop; a busy context still lets the others have their turn. */
#define MAX_TURNS 4
/* All inner contexts together get about this much of one iteration of the outer loop: a
 * burst of answers all ready at once (500 of them, 200 ms after 500 requests were sent)
 * would otherwise be handled in one iteration, and a timer or a frame due meanwhile would
 * wait for all of it. Whatever is left waits for the next iteration, ready at once. */
#define ITERATION_BUDGET_US 1000
/* Ready descriptors taken from the epoll set at once; more stay ready for the next. */
#define MAX_EVENTS 64

typedef struct
{
  GMainContext *inner;
  guint32       id;        /* tags its descriptors in the epoll set */
  GArray       *watched;   /* GPollFD: what the epoll set holds of it, sorted by descriptor */
  gint64        wake_us;   /* monotonic time of its next timeout, or -1 */
  GList        *due_link;  /* in the source's due queue, or NULL */
  gboolean      removed;   /* removed while the source was dispatching */
} Member;

/* What is due is queued, and only that is looked at: with 125 inner contexts, walking all
 * of them on every dispatch to find the one or two with something to do cost about as much
 * as iterating those (callgrind, 500 requests in flight). */
typedef struct
{
  GSource     source;
  int         epoll_fd;
  gpointer    epoll_tag;
  GPtrArray  *members;     /* Member *, owned */
  GHashTable *by_id;       /* id → Member * */
  GHashTable *by_context;  /* inner GMainContext → Member * */
  guint32     last_id;
  GQueue      due;         /* Member *: a descriptor of it is ready, or it has more to do */
  gint64      next_timeout_us;  /* no member's wake_us is earlier, unless it is due; or -1 */
  guint       n_removed;   /* members removed while dispatching, still in the array */
  gint64      wake_us;     /* 0 if a member is due, else next_timeout_us */
  gboolean    dispatching;
  GArray     *fds;         /* GPollFD: g_main_context_query()'s answer, scratch */
  GArray     *owners;      /* guint32 by descriptor: the member that registered it last, or 0 */
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
       Member        *member,
       int            op,
       const GPollFD *fd)
{
  struct epoll_event event = {
    .events = epoll_events (fd->events),
    .data.u64 = (guint64) member->id << 32 | (guint32) fd->fd,
  };

  if ((guint) fd->fd >= self->owners->len)
    g_array_set_size (self->owners, MAX ((guint) fd->fd + 1, self->owners->len * 2));
  g_array_index (self->owners, guint32, fd->fd) = member->id;

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

static guint32
owner (ContextSource *self,
       int            fd)
{
  return (guint) fd < self->owners->len ? g_array_index (self->owners, guint32, fd) : 0;
}

/* Only what the member registered itself: a number it still lists may be another member's
 * now, given to a new socket there after its own was closed. */
static void
unwatch (ContextSource *self,
         Member        *member,
         int            fd)
{
  if (owner (self, fd) != member->id)
    return;

  g_array_index (self->owners, guint32, fd) = 0;
  /* Fails harmlessly for a descriptor already closed. */
  epoll_ctl (self->epoll_fd, EPOLL_CTL_DEL, fd, NULL);
}

/* Both lists are sorted by descriptor, one entry each, as g_main_context_query() gives
 * them: a merge finds what came, went or changed.
 *
 * A descriptor kept with the same events is changed all the same: it may have been closed
 * and its number given to a new socket meanwhile, with the same events (to 127.0.0.1,
 * connect() may succeed at once, and the new socket waits for its answer within the same
 * iteration). The old one left the set when it was closed, and only the kernel can tell:
 * changing it fails (ENOENT), and it is added. Nothing cheaper tells: GLib signals a
 * context's wakeup when a descriptor is added to it or removed, but libsoup and GIO make a
 * new source for each wait on a socket, so that happens in nearly every iteration (837 of
 * 837, 500 requests in flight) also when no socket was closed.
 *
 * The number may also have gone to another member's new socket: that one registered it
 * after this one did, and it stays its own. Only what a member registered last is taken
 * out of the set when it forgets the number.
 *
 * Within a dispatch, the poll without waiting looks at every descriptor itself; only the
 * set that the outer loop waits on afterwards must be exact. */
static void
update_epoll_set (ContextSource *self,
                  Member        *member,
                  const GPollFD *fds,
                  guint          n_fds)
{
  const GPollFD *old = (const GPollFD *) (gpointer) member->watched->data;
  guint n_old = member->watched->len;
  guint i = 0, j = 0;

  while (i < n_old || j < n_fds)
    {
      if (j == n_fds || (i < n_old && old[i].fd < fds[j].fd))
        {
          unwatch (self, member, old[i].fd);
          i++;
        }
      else if (i == n_old || fds[j].fd < old[i].fd)
        {
          watch (self, member, EPOLL_CTL_ADD, &fds[j]);
          j++;
        }
      else
        {
          guint32 registrant = owner (self, fds[j].fd);

          /* Not taken back from a member that registered the number after this one. */
          if (old[i].events != fds[j].events || registrant == member->id || registrant == 0)
            watch (self, member, EPOLL_CTL_MOD, &fds[j]);
          i++;
          j++;
        }
    }

  g_array_set_size (member->watched, 0);
  g_array_append_vals (member->watched, fds, n_fds);
}

static void
unwatch_all (ContextSource *self,
             Member        *member)
{
  const GPollFD *old = (const GPollFD *) (gpointer) member->watched->data;

  for (guint i = 0; i < member->watched->len; i++)
    unwatch (self, member, old[i].fd);
  g_array_set_size (member->watched, 0);
}

static void
member_free (gpointer data)
{
  Member *member = data;

  g_array_unref (member->watched);
  g_main_context_release (member->inner);
  g_main_context_unref (member->inner);
  g_free (member);
}

static void
make_due (ContextSource *self,
          Member        *member)
{
  if (member->due_link != NULL || member->removed)
    return;

  g_queue_push_tail (&self->due, member);
  member->due_link = self->due.tail;
}

static void
unmake_due (ContextSource *self,
            Member        *member)
{
  if (member->due_link == NULL)
    return;

  g_queue_delete_link (&self->due, member->due_link);
  member->due_link = NULL;
}

/* Keeps next_timeout_us at or below every member's wake_us. A later wake_us leaves it early:
 * that costs one look at every member when it passes, which sets it right. */
static void
note_timeout (ContextSource *self,
              gint64         wake_us)
{
  if (wake_us >= 0 && (self->next_timeout_us < 0 || wake_us < self->next_timeout_us))
    self->next_timeout_us = wake_us;
}

/* The members whose timeout is due join the queue; the earliest other one is the next. */
static void
collect_timeouts (ContextSource *self,
                  gint64         now)
{
  gint64 next = -1;

  for (guint i = 0; i < self->members->len; i++)
    {
      Member *member = g_ptr_array_index (self->members, i);

      if (member->removed || member->wake_us < 0)
        continue;
      if (member->wake_us <= now)
        make_due (self, member);
      else if (next < 0 || member->wake_us < next)
        next = member->wake_us;
    }

  self->next_timeout_us = next;
}

static void
update_wake (ContextSource *self)
{
  self->wake_us = !g_queue_is_empty (&self->due) ? 0 : self->next_timeout_us;
}

/* Iterates one inner context until nothing is ready or it had MAX_TURNS dispatches; sets
 * what it waits for. */
static void
iterate_member (ContextSource *self,
                Member        *member,
                gint64         iteration_us)
{
  GMainContext *inner = member->inner;
  gboolean ready_again = FALSE;
  gint timeout = -1;
  gint n_fds = 0;

  if (!g_main_context_acquire (inner))
    {
      g_critical ("Another thread iterates a context that only its source may iterate");
      return;
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

  /* Removed by one of its own callbacks: nothing of it is watched any more. */
  if (member->removed)
    return;

  /* The last query says what to wait for. */
  update_epoll_set (self, member, (const GPollFD *) (gpointer) self->fds->data, n_fds);

  member->wake_us = timeout < 0 ? -1 : g_get_monotonic_time () + (gint64) timeout * 1000;
  note_timeout (self, member->wake_us);
  /* After the others that are due: a turn each. */
  if (ready_again)
    make_due (self, member);
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
  struct epoll_event events[MAX_EVENTS];
  /* When the outer loop's iteration began: its sources share its time. */
  gint64 iteration_us = g_source_get_time (source);
  guint n_due;
  int n_events;

  if (g_get_monotonic_time () - iteration_us >= ITERATION_BUDGET_US)
    {
      /* Whatever is ready stays ready: level-triggered, the epoll set says so again. */
      self->wake_us = 0;
      return G_SOURCE_CONTINUE;
    }

  /* Which contexts have a descriptor ready: level-triggered, so whatever is not served
   * now is reported again. */
  n_events = epoll_wait (self->epoll_fd, events, MAX_EVENTS, 0);
  for (int i = 0; i < n_events; i++)
    {
      Member *member = g_hash_table_lookup (self->by_id,
                                            GUINT_TO_POINTER ((guint32) (events[i].data.u64 >> 32)));

      if (member != NULL)
        make_due (self, member);
    }
  if (self->next_timeout_us >= 0 && self->next_timeout_us <= iteration_us)
    collect_timeouts (self, iteration_us);

  /* Those due now, each once, in the order they came; one that is ready again, or left
   * for lack of time, waits for the next dispatch with those that came meanwhile. */
  self->dispatching = TRUE;
  n_due = self->due.length;
  for (guint served = 0; served < n_due && !g_queue_is_empty (&self->due); served++)
    {
      Member *member = g_queue_peek_head (&self->due);

      if (served > 0 && g_get_monotonic_time () - iteration_us >= ITERATION_BUDGET_US)
        break;

      unmake_due (self, member);
      iterate_member (self, member, iteration_us);
    }
  self->dispatching = FALSE;

  /* Those removed meanwhile; the array does not move while members are iterated. */
  for (guint i = self->members->len; self->n_removed > 0 && i-- > 0;)
    {
      Member *member = g_ptr_array_index (self->members, i);

      if (member->removed)
        {
          g_ptr_array_remove_index (self->members, i);
          self->n_removed--;
        }
    }

  update_wake (self);

  return G_SOURCE_CONTINUE;
}

static void
context_source_finalize (GSource *source)
{
  ContextSource *self = (ContextSource *) source;

  close (self->epoll_fd);
  g_queue_clear (&self->due);
  g_hash_table_unref (self->by_context);
  g_ptr_array_unref (self->members);
  g_hash_table_unref (self->by_id);
  g_array_unref (self->fds);
  g_array_unref (self->owners);
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
juggler_context_source_new (void)
{
  GSource *source;
  ContextSource *self;
  int epoll_fd;

  epoll_fd = epoll_create1 (EPOLL_CLOEXEC);
  if (epoll_fd < 0)
    g_error ("epoll_create1: %s", g_strerror (errno));

  source = g_source_new (&context_source_funcs, sizeof (ContextSource));
  self = (ContextSource *) source;
  self->epoll_fd = epoll_fd;
  self->epoll_tag = g_source_add_unix_fd (source, epoll_fd, G_IO_IN);
  self->members = g_ptr_array_new_with_free_func (member_free);
  self->by_id = g_hash_table_new (NULL, NULL);
  self->by_context = g_hash_table_new (NULL, NULL);
  g_queue_init (&self->due);
  self->next_timeout_us = -1;
  self->wake_us = -1;
  self->fds = g_array_sized_new (FALSE, TRUE, sizeof (GPollFD), 16);
  g_array_set_size (self->fds, 16);
  self->owners = g_array_new (FALSE, TRUE, sizeof (guint32));
  g_source_set_static_name (source, "[juggler] inner contexts");
  /* Not blocked while it dispatches: blocking takes the epoll descriptor out of the outer
   * context's poll records and puts it back, which wakes the outer context each time. */
  g_source_set_can_recurse (source, TRUE);

  return source;
}

void
juggler_context_source_add (GSource      *source,
                            GMainContext *inner)
{
  ContextSource *self = (ContextSource *) source;
  Member *member;

  g_return_if_fail (source != NULL && source->source_funcs == &context_source_funcs);
  g_return_if_fail (inner != NULL);

  /* Held from here until it is removed, so that a source attached to it from another thread
   * wakes it (GLib wakes a context that another thread owns), while a change made from this
   * thread outside its iteration costs no wakeup unless the caller asks for one. */
  if (!g_main_context_acquire (inner))
    {
      g_critical ("%s: another thread holds the context", G_STRFUNC);
      return;
    }

  member = g_new0 (Member, 1);
  member->inner = g_main_context_ref (inner);
  /* Never 0, and never one still in the set: 2³² contexts do not live at once. */
  do
    member->id = ++self->last_id;
  while (member->id == 0 || g_hash_table_contains (self->by_id, GUINT_TO_POINTER (member->id)));
  member->watched = g_array_new (FALSE, FALSE, sizeof (GPollFD));
  member->wake_us = -1;
  g_ptr_array_add (self->members, member);
  g_hash_table_insert (self->by_id, GUINT_TO_POINTER (member->id), member);
  g_hash_table_insert (self->by_context, inner, member);
  /* Whatever it holds already is looked at in the next iteration. */
  make_due (self, member);
  self->wake_us = 0;
}

gboolean
juggler_context_source_remove (GSource      *source,
                               GMainContext *inner)
{
  ContextSource *self = (ContextSource *) source;

  g_return_val_if_fail (source != NULL && source->source_funcs == &context_source_funcs, FALSE);
  g_return_val_if_fail (inner != NULL, FALSE);

  for (guint i = 0; i < self->members->len; i++)
    {
      Member *member = g_ptr_array_index (self->members, i);

      if (member->inner != inner || member->removed)
        continue;

      unwatch_all (self, member);
      unmake_due (self, member);
      g_hash_table_remove (self->by_id, GUINT_TO_POINTER (member->id));
      g_hash_table_remove (self->by_context, inner);
      if (self->dispatching)
        {
          member->removed = TRUE;
          self->n_removed++;
        }
      else
        {
          g_ptr_array_remove_index (self->members, i);
        }
      return g_hash_table_size (self->by_id) == 0;
    }

  g_critical ("%s: the context was not added to this source", G_STRFUNC);
  return FALSE;
}

void
juggler_context_source_wake (GSource      *source,
                             GMainContext *inner)
{
  ContextSource *self = (ContextSource *) source;
  Member *member;

  g_return_if_fail (source != NULL && source->source_funcs == &context_source_funcs);
  g_return_if_fail (inner != NULL);

  member = g_hash_table_lookup (self->by_context, inner);
  if (member == NULL)
    {
      g_critical ("%s: the context was not added to this source", G_STRFUNC);
      return;
    }

  make_due (self, member);
  self->wake_us = 0;
}
