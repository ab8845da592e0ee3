/* juggler-http-request.c: one HTTP GET of the network workload, sent blocking or async
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A request is queued until a worker thread or a connection is free for it, and from then
 * on it has timeout_s to end, however the server trickles. It decodes its body itself
 * (juggler-http-body.c) and checks what libsoup lets through.
 */
#define G_LOG_DOMAIN "juggler-http-request"

#include "config.h"

#include "juggler-http-request.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "juggler-http-body.h"

#define READ_SIZE 16384
/* Bytes an async body reads in one main-loop dispatch before it lets others run. */
#define READ_TURN (4 * READ_SIZE)

/* The smallest chunked body: a last chunk and no trailer. */
#define EMPTY_CHUNKED_BODY "0\r\n\r\n"

typedef struct _DeadlineTimer DeadlineTimer;
typedef struct _CallerWatch CallerWatch;

struct _JugglerHttpRequest
{
  /* Side by side, and no flag for having been sent (the cancellable tells): each padded
   * int cost every request 8 bytes. */
  guint              index;
  guint              timeout_s;
  SoupMessage       *message;        /* NULL when the URL was invalid */
  char              *url_error;
  int               *state;          /* JugglerHttpState, atomic, the workload's */
  JugglerHttpFlight *flight;
  JugglerHttpBody   *body;           /* from the answer's headers on */
  JugglerHttpResult  result;

  /* While it is sent, on the thread that sends it. */
  GCancellable      *cancellable;    /* the caller's cancellation, or the deadline */
  GCancellable      *caller_cancellable;
  CallerWatch       *caller_watch;    /* NULL unless the caller's cancellation is watched */
  GList              caller_link;     /* in caller_watch->requests */
  GMainContext      *deadline_context;
  gint64             deadline_us;
  DeadlineTimer     *deadline_timer;  /* NULL unless the deadline runs */
  GList              deadline_link;   /* in deadline_timer->requests */
  GInputStream      *stream;         /* the async path's body */
  JugglerHttpRequestDoneFunc done_func;  /* the async path's caller */
  gpointer           done_data;
  gulong             network_event_handler;  /* 0 once the first event came */
  gulong             starting_handler;       /* 0 once the message started */
};

static gboolean
state_is_in_flight (JugglerHttpState state)
{
  return state >= JUGGLER_HTTP_STATE_CONNECTING && state <= JUGGLER_HTTP_STATE_RECEIVING;
}

/* Any thread. Also counts the requests in flight: what a request costs is measured per
 * request in flight at once, and the slowest starts can overlap the first answers. */
static void
set_state (JugglerHttpRequest *self,
           JugglerHttpState    state)
{
  JugglerHttpFlight *flight = self->flight;
  JugglerHttpState old_state = g_atomic_int_exchange (self->state, state);

  if (state_is_in_flight (state) && !state_is_in_flight (old_state))
    {
      int n = g_atomic_int_add (&flight->n_in_flight, 1) + 1;
      int peak = g_atomic_int_get (&flight->peak_in_flight);

      while (n > peak && !g_atomic_int_compare_and_exchange (&flight->peak_in_flight, peak, n))
        peak = g_atomic_int_get (&flight->peak_in_flight);
    }
  else if (!state_is_in_flight (state) && state_is_in_flight (old_state))
    {
      g_atomic_int_add (&flight->n_in_flight, -1);
    }
}

/* ------------------------------------------------------------------------------------ */
/* The deadline                                                                          */

static gpointer
deadline_thread (gpointer data)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (data, FALSE);

  g_main_loop_run (loop);

  return NULL;
}

/* Blocking sends cannot watch a clock themselves: their deadlines fire on a thread of their
 * own, which lives as long as the process, like GLib's worker. */
static GMainContext *
blocking_deadline_context (void)
{
  static GMainContext *context;

  if (g_once_init_enter (&context))
    {
      GMainContext *new_context = g_main_context_new ();

      g_thread_unref (g_thread_new ("juggler-deadlines", deadline_thread, new_context));
      g_once_init_leave (&context, new_context);
    }

  return context;
}

/* One timer per main context watches the deadlines of all requests sent there: a source
 * per request would cost every main-loop iteration a look at each of them. Its ready time
 * is the earliest deadline; the requests are sorted by deadline, and as they all start with
 * the same timeout, a new one almost always goes to the tail. Requests start, end and are
 * freed on any thread, so one lock guards all timers. */
struct _DeadlineTimer
{
  GSource       source;    /* ready at the earliest deadline; it holds the timer */
  GMainContext *context;
  GQueue        requests;  /* JugglerHttpRequest, the earliest deadline first */
};

static GMutex deadline_lock;
static GHashTable *deadline_timers;  /* GMainContext → DeadlineTimer */

static gboolean
deadline_dispatch (GSource     *source,
                   GSourceFunc  callback,
                   gpointer     user_data)
{
  DeadlineTimer *timer = (DeadlineTimer *) source;
  GPtrArray *expired = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 now = g_source_get_time (source);
  JugglerHttpRequest *head;

  g_mutex_lock (&deadline_lock);
  /* The last request may have left on another thread since the context chose to dispatch. */
  if (g_source_is_destroyed (source))
    {
      g_mutex_unlock (&deadline_lock);
      g_ptr_array_unref (expired);
      return G_SOURCE_REMOVE;
    }
  while ((head = g_queue_peek_head (&timer->requests)) != NULL && head->deadline_us <= now)
    {
      g_queue_unlink (&timer->requests, &head->deadline_link);
      head->deadline_timer = NULL;
      g_ptr_array_add (expired, g_object_ref (head->cancellable));
    }
  if (head != NULL)
    g_source_set_ready_time (source, head->deadline_us);
  else
    g_hash_table_remove (deadline_timers, timer->context);
  g_mutex_unlock (&deadline_lock);

  /* Cancelling ends requests at once, which takes the lock again. */
  for (guint i = 0; i < expired->len; i++)
    g_cancellable_cancel (expired->pdata[i]);
  g_ptr_array_unref (expired);

  return G_SOURCE_CONTINUE;
}

static GSourceFuncs deadline_funcs = { NULL, NULL, deadline_dispatch, NULL, NULL, NULL };

static void
deadline_timer_free (gpointer data)
{
  DeadlineTimer *timer = data;

  g_assert (g_queue_is_empty (&timer->requests));
  g_source_destroy (&timer->source);
  g_clear_pointer (&timer->context, g_main_context_unref);
  g_source_unref (&timer->source);
}

/* With the lock held. */
static void
watch_deadline (JugglerHttpRequest *self)
{
  DeadlineTimer *timer;
  GList *after;

  if (deadline_timers == NULL)
    deadline_timers = g_hash_table_new_full (NULL, NULL, NULL, deadline_timer_free);

  timer = g_hash_table_lookup (deadline_timers, self->deadline_context);
  if (timer == NULL)
    {
      timer = (DeadlineTimer *) g_source_new (&deadline_funcs, sizeof (DeadlineTimer));
      timer->context = g_main_context_ref (self->deadline_context);
      g_queue_init (&timer->requests);
      g_source_set_static_name (&timer->source, "[juggler] request deadlines");
      g_source_attach (&timer->source, timer->context);
      g_hash_table_insert (deadline_timers, self->deadline_context, timer);
    }

  for (after = timer->requests.tail;
       after != NULL && ((JugglerHttpRequest *) after->data)->deadline_us > self->deadline_us;
       after = after->prev)
    ;
  if (after != NULL)
    {
      g_queue_insert_after_link (&timer->requests, after, &self->deadline_link);
    }
  else
    {
      g_queue_push_head_link (&timer->requests, &self->deadline_link);
      g_source_set_ready_time (&timer->source, self->deadline_us);
    }
  self->deadline_timer = timer;
}

static void
unwatch_deadline (JugglerHttpRequest *self)
{
  DeadlineTimer *timer;

  g_mutex_lock (&deadline_lock);
  timer = self->deadline_timer;
  if (timer != NULL)
    {
      g_queue_unlink (&timer->requests, &self->deadline_link);
      self->deadline_timer = NULL;
      /* The ready time stays at the deadline of the head that left: moving it would wake
       * the context (an eventfd write) for nearly every request that ends, as they mostly
       * end in the order they started, whereas firing early costs one dispatch that finds
       * nothing expired and moves it then. */
      if (g_queue_is_empty (&timer->requests))
        g_hash_table_remove (deadline_timers, timer->context);
    }
  g_mutex_unlock (&deadline_lock);
}

/* ------------------------------------------------------------------------------------ */
/* The caller's cancellation                                                             */

/* One handler on each caller's cancellable cancels every request sent with it: a handler
 * per request cost each one a handler and a closure (about 220 bytes) for as long as it
 * was in flight. A watch lives as long as its cancellable, which each request it holds
 * keeps alive. Requests begin, end and are cancelled on any thread, hence the lock. */
struct _CallerWatch
{
  GCancellable *caller;    /* not a reference: the watch goes when it is finalized */
  GQueue        requests;  /* JugglerHttpRequest, begun and not ended */
};

static GMutex caller_lock;
static GHashTable *caller_watches;  /* GCancellable → CallerWatch */

static void
caller_cancelled_cb (GCancellable *caller,
                     gpointer      user_data)
{
  CallerWatch *watch = user_data;
  g_autoptr(GPtrArray) cancellables = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) contexts =
    g_ptr_array_new_with_free_func ((GDestroyNotify) g_main_context_unref);

  g_mutex_lock (&caller_lock);
  for (GList *l = watch->requests.head; l != NULL; l = l->next)
    {
      JugglerHttpRequest *request = l->data;

      g_ptr_array_add (cancellables, g_object_ref (request->cancellable));
      g_ptr_array_add (contexts, g_main_context_ref (request->deadline_context));
    }
  g_mutex_unlock (&caller_lock);

  /* Cancelling may end a request at once, which takes the lock again. It completes GIO's
   * and libsoup's operations at once, in idle sources attached to the request's context,
   * from this thread: nothing wakes that context when this thread holds it outside its
   * iteration (juggler-context-source.h). */
  for (guint i = 0; i < cancellables->len; i++)
    {
      g_cancellable_cancel (cancellables->pdata[i]);
      g_main_context_wakeup (contexts->pdata[i]);
    }
}

static void
caller_finalized_cb (gpointer  data,
                     GObject  *caller)
{
  CallerWatch *watch = data;

  g_mutex_lock (&caller_lock);
  g_assert (g_queue_is_empty (&watch->requests));
  g_hash_table_remove (caller_watches, caller);
  g_mutex_unlock (&caller_lock);
  g_free (watch);
}

static void
watch_caller (JugglerHttpRequest *self)
{
  GCancellable *caller = self->caller_cancellable;
  CallerWatch *watch;
  gboolean new_watch = FALSE;

  g_mutex_lock (&caller_lock);
  if (caller_watches == NULL)
    caller_watches = g_hash_table_new (NULL, NULL);
  watch = g_hash_table_lookup (caller_watches, caller);
  if (watch == NULL)
    {
      watch = g_new0 (CallerWatch, 1);
      watch->caller = caller;
      g_queue_init (&watch->requests);
      g_hash_table_insert (caller_watches, caller, watch);
      new_watch = TRUE;
    }
  g_queue_push_tail_link (&watch->requests, &self->caller_link);
  self->caller_watch = watch;
  g_mutex_unlock (&caller_lock);

  /* Outside the lock: the handler runs at once if the caller has cancelled already. */
  if (new_watch)
    {
      g_object_weak_ref (G_OBJECT (caller), caller_finalized_cb, watch);
      g_cancellable_connect (caller, G_CALLBACK (caller_cancelled_cb), watch, NULL);
    }

  /* The caller may have cancelled after it last looked at the watch, before this request
   * was in it. */
  if (g_cancellable_is_cancelled (caller))
    {
      g_cancellable_cancel (self->cancellable);
      g_main_context_wakeup (self->deadline_context);
    }
}

static void
unwatch_caller (JugglerHttpRequest *self)
{
  g_mutex_lock (&caller_lock);
  if (self->caller_watch != NULL)
    g_queue_unlink (&self->caller_watch->requests, &self->caller_link);
  self->caller_watch = NULL;
  g_mutex_unlock (&caller_lock);
}

/* The request left the queue: from here on it is in flight and its deadline runs. */
static void
leave_queue (JugglerHttpRequest *self,
             JugglerHttpState    state)
{
  if (self->result.start_us != 0)
    return;

  self->result.start_us = g_get_monotonic_time ();
  set_state (self, state);

  self->deadline_us = self->result.start_us + self->timeout_s * G_USEC_PER_SEC;
  g_mutex_lock (&deadline_lock);
  watch_deadline (self);
  g_mutex_unlock (&deadline_lock);
}

/* libsoup keeps a request queued until a connection is free for it (two per host by
 * default): a request leaves the queue with the first event of a new connection, or when
 * it starts on a kept-alive one. */
static void
network_event_cb (SoupMessage        *message,
                  GSocketClientEvent  event,
                  GIOStream          *connection,
                  JugglerHttpRequest *self)
{
  leave_queue (self, JUGGLER_HTTP_STATE_CONNECTING);
  /* Only the first event counts; each other one would go through GLib's generic marshaller
   * (libffi) for nothing, five of them for every new connection. By its id: a search by
   * function walks every handler of the message, libsoup's too. */
  g_signal_handler_disconnect (message, self->network_event_handler);
  self->network_event_handler = 0;
}

/* libsoup starts a request once it has a connection for it, and writes it at once (a GET
 * has no body to wait for): from here on the request waits for its answer. What arrives
 * next is the answer's headers, which end the send (soup_session_send() and
 * soup_session_send_finish() return then): the request is receiving from there on. A
 * signal handler for each of those two steps cost every request a connect, an emission
 * and a disconnect for the same information. */
static void
starting_cb (SoupMessage        *message,
             JugglerHttpRequest *self)
{
  leave_queue (self, JUGGLER_HTTP_STATE_WAITING);
  set_state (self, JUGGLER_HTTP_STATE_WAITING);

  /* Neither handler has anything more to say: a redirect or a retry starts the message
   * again, and it is still waiting. Each costs about 200 bytes (a handler and its closure)
   * for as long as it stays, and that is while the request waits for its answer. */
  g_clear_signal_handler (&self->network_event_handler, message);
  g_clear_signal_handler (&self->starting_handler, message);
}

/* ------------------------------------------------------------------------------------ */
/* Results                                                                               */

static void
fail (JugglerHttpRequest *self,
      JugglerHttpOutcome  outcome,
      char               *reason)
{
  self->result.outcome = outcome;
  g_free (self->result.reason);
  self->result.reason = reason;
}

static void
classify_error (JugglerHttpRequest *self,
                const GError       *error)
{
  JugglerHttpOutcome outcome;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    outcome = JUGGLER_HTTP_REFUSED;
  else if (error->domain == G_RESOLVER_ERROR)
    outcome = JUGGLER_HTTP_NOT_RESOLVED;
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    outcome = JUGGLER_HTTP_TIMEOUT;
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT))
    outcome = JUGGLER_HTTP_TRUNCATED;
  else if (error->domain == G_TLS_ERROR)
    outcome = JUGGLER_HTTP_TLS;
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA) ||
           g_error_matches (error, SOUP_SESSION_ERROR, SOUP_SESSION_ERROR_PARSING) ||
           g_error_matches (error, SOUP_SESSION_ERROR, SOUP_SESSION_ERROR_ENCODING) ||
           g_error_matches (error, SOUP_SESSION_ERROR, SOUP_SESSION_ERROR_REDIRECT_BAD_URI))
    outcome = JUGGLER_HTTP_MALFORMED;
  else
    outcome = JUGGLER_HTTP_OTHER;

  fail (self, outcome, g_strdup (error->message));
}

/* Two Content-Length headers that disagree make a body's end ambiguous. */
static gboolean
lengths_agree (const char *lengths)
{
  g_auto(GStrv) values = g_strsplit (lengths, ",", -1);

  for (guint i = 1; values[i] != NULL; i++)
    if (g_strcmp0 (g_strstrip (values[i]), g_strstrip (values[0])) != 0)
      return FALSE;

  return TRUE;
}

/* What libsoup lets through and a careful client should not: FALSE with the outcome set. */
static gboolean
check_response (JugglerHttpRequest *self)
{
  JugglerHttpResult *result = &self->result;
  SoupMessageHeaders *headers = soup_message_get_response_headers (self->message);
  SoupMessageMetrics *metrics = soup_message_get_metrics (self->message);
  const char *location = soup_message_headers_get_one (headers, "Location");
  const char *lengths = soup_message_headers_get_list (headers, "Content-Length");
  SoupEncoding encoding = soup_message_headers_get_encoding (headers);

  /* Only an answer that came, so its body too, is checked. */
  g_assert (self->body != NULL);

  /* libsoup follows every redirect it can parse: one it returns it could not. */
  if (SOUP_STATUS_IS_REDIRECTION (result->status) && location != NULL)
    {
      g_autoptr(GUri) target = g_uri_parse_relative (soup_message_get_uri (self->message),
                                                     location, SOUP_HTTP_URI_FLAGS, NULL);

      if (target == NULL)
        {
          fail (self, JUGGLER_HTTP_MALFORMED,
                g_strdup_printf (_("The redirect to “%s” is not a valid URL"), location));
          return FALSE;
        }
    }

  if (lengths != NULL && !lengths_agree (lengths))
    {
      fail (self, JUGGLER_HTTP_MALFORMED,
            g_strdup_printf (_("The response gives conflicting lengths (%s)"), lengths));
      return FALSE;
    }

  if (encoding == SOUP_ENCODING_CONTENT_LENGTH &&
      (guint64) soup_message_headers_get_content_length (headers) != juggler_http_body_get_wire_bytes (self->body))
    {
      fail (self, JUGGLER_HTTP_TRUNCATED,
            g_strdup_printf (_("Got %llu of %lld bytes"), (unsigned long long) juggler_http_body_get_wire_bytes (self->body),
                             (long long) soup_message_headers_get_content_length (headers)));
      return FALSE;
    }

  /* libsoup reads a chunk size that is no number ("zz", "-5", one too large) as the last
   * chunk, so such a body ends at once, empty, with the rest left on the wire. */
  if (encoding == SOUP_ENCODING_CHUNKED && juggler_http_body_get_wire_bytes (self->body) == 0 && metrics != NULL &&
      soup_message_metrics_get_response_body_bytes_received (metrics) !=
        strlen (EMPTY_CHUNKED_BODY))
    {
      fail (self, JUGGLER_HTTP_MALFORMED,
            g_strdup (_("The chunked body has an invalid chunk size")));
      return FALSE;
    }

  return TRUE;
}

/* Called once the request has an answer, an error or ran out of time: fills the result
 * from the message. */
static void
complete (JugglerHttpRequest *self,
          const GError       *error,
          gboolean            deadline_passed)
{
  JugglerHttpResult *result = &self->result;
  SoupMessageMetrics *metrics = soup_message_get_metrics (self->message);

  result->done_us = g_get_monotonic_time ();
  result->status = soup_message_get_status (self->message);
  if (metrics != NULL)
    {
      result->connected_us = soup_message_metrics_get_connect_end (metrics);
      result->first_byte_us = soup_message_metrics_get_response_start (metrics);
    }

  if (deadline_passed)
    fail (self, JUGGLER_HTTP_TIMEOUT,
          g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "No complete answer within %u second",
                                        "No complete answer within %u seconds", self->timeout_s),
                           self->timeout_s));
  else if (error != NULL)
    classify_error (self, error);
  else if (result->status >= 400)
    fail (self, JUGGLER_HTTP_STATUS,
          g_strdup_printf (_("HTTP %u %s"), result->status,
                           soup_message_get_reason_phrase (self->message)));
  else if (check_response (self))
    result->outcome = JUGGLER_HTTP_OK;

  set_state (self, result->outcome == JUGGLER_HTTP_OK ? JUGGLER_HTTP_STATE_DONE
                                                      : JUGGLER_HTTP_STATE_FAILED);
}

static void
fail_invalid_url (JugglerHttpRequest *self)
{
  fail (self, JUGGLER_HTTP_INVALID_URL, g_strdup (self->url_error));
  self->result.done_us = g_get_monotonic_time ();
  set_state (self, JUGGLER_HTTP_STATE_FAILED);
}

/* ------------------------------------------------------------------------------------ */
/* Bodies                                                                                */

/* Once the headers are in: how to decode what follows. We ask only for gzip and deflate.
 * Not before: a request waiting for its answer has no use for the body's state. */
static void
prepare_body (JugglerHttpRequest *self)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (self->message);

  g_assert (self->body == NULL);
  self->body = juggler_http_body_new ();
  juggler_http_body_set_coding (self->body,
                                soup_message_headers_get_one (headers, "Content-Encoding"));
}

static gboolean
consume (JugglerHttpRequest  *self,
         const guint8        *data,
         gsize                len,
         gboolean             at_end,
         GError             **error)
{
  gboolean taken = juggler_http_body_take (self->body, data, len, at_end, error);

  self->result.bytes = juggler_http_body_get_bytes (self->body);

  return taken;
}

/* ------------------------------------------------------------------------------------ */
/* Sending                                                                               */

static void
begin (JugglerHttpRequest *self,
       GCancellable       *caller_cancellable,
       GMainContext       *deadline_context)
{
  g_assert (self->cancellable == NULL);

  self->cancellable = g_cancellable_new ();
  self->deadline_context = g_main_context_ref (deadline_context);
  if (caller_cancellable != NULL)
    {
      self->caller_cancellable = g_object_ref (caller_cancellable);
      watch_caller (self);
    }
}

static void
stop_watching (JugglerHttpRequest *self)
{
  unwatch_deadline (self);
  unwatch_caller (self);
}

/* Fills the result unless the caller cancelled: then it returns FALSE, and the request
 * goes back to queued, out of the in-flight count. */
static gboolean
end (JugglerHttpRequest *self,
     const GError       *error)
{
  gboolean cancelled = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  stop_watching (self);

  if (self->caller_cancellable != NULL && g_cancellable_is_cancelled (self->caller_cancellable))
    {
      set_state (self, JUGGLER_HTTP_STATE_QUEUED);
      return FALSE;
    }

  /* Cancelled, but not by the caller: the deadline passed. */
  complete (self, error, cancelled && g_cancellable_is_cancelled (self->cancellable));
  return TRUE;
}

gboolean
juggler_http_request_send (JugglerHttpRequest *self,
                           SoupSession        *session,
                           GCancellable       *cancellable)
{
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *buffer = NULL;
  gboolean done;
  gssize n = -1;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (SOUP_IS_SESSION (session), FALSE);

  if (self->message == NULL)
    {
      fail_invalid_url (self);
      return TRUE;
    }

  begin (self, cancellable, blocking_deadline_context ());
  stream = soup_session_send (session, self->message, self->cancellable, &error);
  if (stream != NULL)
    {
      set_state (self, JUGGLER_HTTP_STATE_RECEIVING);
      prepare_body (self);
      buffer = g_malloc (READ_SIZE);
      while ((n = g_input_stream_read (stream, buffer, READ_SIZE, self->cancellable, &error)) > 0)
        if (!consume (self, buffer, n, FALSE, &error))
          break;
      if (n == 0)
        consume (self, NULL, 0, TRUE, &error);
    }

  done = end (self, error);

  if (stream != NULL)
    {
      /* Closing reads the rest of a body to its end: not one that failed or never ends. */
      if (n != 0)
        g_cancellable_cancel (self->cancellable);
      g_input_stream_close (stream, self->cancellable, NULL);
    }

  return done;
}

/* The async path's end: no GTask, whose return would only hand the result on to the
 * caller's callback, and which cost each request in flight about 180 bytes. */
static void
return_async (JugglerHttpRequest *self,
              const GError       *error)
{
  gboolean done = end (self, error);

  if (self->stream != NULL)
    {
      /* Dropping the stream closes it, which would read a failed body to its end. */
      if (error != NULL)
        g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->stream);
    }

  self->done_func (self, done, self->done_data);
}

/* Async bodies are read without blocking into one buffer per thread, as much as is there,
 * then wait for more: no GTask, no GBytes and no buffer held per request while it waits, as
 * g_input_stream_read_bytes_async() would have. */
static GPrivate read_buffer = G_PRIVATE_INIT (g_free);

static guint8 *
thread_read_buffer (void)
{
  guint8 *buffer = g_private_get (&read_buffer);

  if (buffer == NULL)
    {
      buffer = g_malloc (READ_SIZE);
      g_private_set (&read_buffer, buffer);
    }

  return buffer;
}

static void read_available (JugglerHttpRequest *self);

static gboolean
readable_cb (GObject  *stream,
             gpointer  user_data)
{
  read_available (user_data);

  return G_SOURCE_REMOVE;
}

/* Reads at most READ_TURN bytes at a time, so that a fast sender of a long body does not
 * hold the main loop: the rest waits for the next dispatch. */
static void
read_available (JugglerHttpRequest *self)
{
  GPollableInputStream *stream = G_POLLABLE_INPUT_STREAM (self->stream);
  guint8 *buffer = thread_read_buffer ();
  g_autoptr(GError) error = NULL;
  gsize turn = 0;

  for (;;)
    {
      gssize n;

      if (turn >= READ_TURN)
        break;

      n = g_pollable_input_stream_read_nonblocking (stream, buffer, READ_SIZE,
                                                    self->cancellable, &error);
      if (n > 0)
        {
          turn += n;
          if (consume (self, buffer, n, FALSE, &error))
            continue;
        }
      else if (n == 0)
        {
          consume (self, NULL, 0, TRUE, &error);
        }
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        {
          g_clear_error (&error);
          break;
        }

      /* The end, an error, or a body that does not decode. */
      return_async (self, error);
      return;
    }

  /* Wait for more; if some is there already, the source is ready at once. Nothing frees
   * the request before it is done, and the cancellable ends the wait. */
  {
    g_autoptr(GSource) source = g_pollable_input_stream_create_source (stream, self->cancellable);

    g_source_set_callback (source, G_SOURCE_FUNC (readable_cb), self, NULL);
    g_source_set_static_name (source, "[juggler] request body");
    g_source_attach (source, self->deadline_context);
  }
}

static void
sent_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  JugglerHttpRequest *self = user_data;
  g_autoptr(GError) error = NULL;

  self->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (self->stream == NULL)
    {
      return_async (self, error);
      return;
    }

  /* libsoup's response streams can always be polled. */
  g_assert (G_IS_POLLABLE_INPUT_STREAM (self->stream) &&
            g_pollable_input_stream_can_poll (G_POLLABLE_INPUT_STREAM (self->stream)));
  set_state (self, JUGGLER_HTTP_STATE_RECEIVING);
  prepare_body (self);
  read_available (self);
}

void
juggler_http_request_send_async (JugglerHttpRequest         *self,
                                 SoupSession                *session,
                                 GCancellable               *cancellable,
                                 JugglerHttpRequestDoneFunc  done_func,
                                 gpointer                    user_data)
{
  g_autoptr(GMainContext) context = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (SOUP_IS_SESSION (session));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));
  g_return_if_fail (done_func != NULL);

  self->done_func = done_func;
  self->done_data = user_data;

  if (self->message == NULL)
    {
      fail_invalid_url (self);
      done_func (self, TRUE, user_data);
      return;
    }

  context = g_main_context_ref_thread_default ();
  begin (self, cancellable, context);
  soup_session_send_async (session, self->message, G_PRIORITY_DEFAULT, self->cancellable,
                           sent_cb, self);
}

/* ------------------------------------------------------------------------------------ */
/* Life                                                                                  */

JugglerHttpRequest *
juggler_http_request_new (guint              index,
                          GUri              *uri,
                          const char        *url_error,
                          guint              timeout_s,
                          int               *state,
                          JugglerHttpFlight *flight)
{
  JugglerHttpRequest *self;

  g_return_val_if_fail (uri != NULL || url_error != NULL, NULL);
  g_return_val_if_fail (timeout_s > 0, NULL);
  g_return_val_if_fail (state != NULL, NULL);
  g_return_val_if_fail (flight != NULL, NULL);

  self = g_new0 (JugglerHttpRequest, 1);
  self->caller_link.data = self;
  self->deadline_link.data = self;
  self->index = index;
  self->timeout_s = timeout_s;
  self->state = state;
  self->flight = flight;
  self->result.queued_us = g_get_monotonic_time ();

  if (uri == NULL)
    {
      self->url_error = g_strdup (url_error);
      return self;
    }

  self->message = soup_message_new_from_uri (SOUP_METHOD_GET, uri);
  soup_message_add_flags (self->message, SOUP_MESSAGE_COLLECT_METRICS);
  /* The sessions leave decoding to us (see the top of this file). */
  soup_message_headers_replace (soup_message_get_request_headers (self->message),
                                "Accept-Encoding", "gzip, deflate");
  self->network_event_handler = g_signal_connect (self->message, "network-event",
                                                  G_CALLBACK (network_event_cb), self);
  self->starting_handler = g_signal_connect (self->message, "starting",
                                             G_CALLBACK (starting_cb), self);

  return self;
}

void
juggler_http_request_free (JugglerHttpRequest *self)
{
  if (self == NULL)
    return;

  stop_watching (self);
  if (self->message != NULL)
    {
      g_clear_signal_handler (&self->network_event_handler, self->message);
      g_clear_signal_handler (&self->starting_handler, self->message);
    }
  g_clear_object (&self->message);
  g_clear_object (&self->stream);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->caller_cancellable);
  g_clear_pointer (&self->deadline_context, g_main_context_unref);
  g_clear_pointer (&self->body, juggler_http_body_free);
  g_free (self->result.reason);
  g_free (self->url_error);
  g_free (self);
}

guint
juggler_http_request_get_index (JugglerHttpRequest *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->index;
}

void
juggler_http_request_take_result (JugglerHttpRequest *self,
                                  JugglerHttpResult  *result,
                                  guint8             *digest)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (result != NULL);
  g_return_if_fail (digest != NULL);

  *result = self->result;
  self->result.reason = NULL;
  /* No answer, no body: the digest of an empty one. */
  if (self->body == NULL)
    self->body = juggler_http_body_new ();
  juggler_http_body_get_digest (self->body, digest);
}
