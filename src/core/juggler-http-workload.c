/* juggler-http-workload.c: the network workload, one HTTP GET per job
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-http-workload"

#include "config.h"

#include "juggler-http-workload.h"

#include <glib/gi18n-lib.h>

#include "juggler-context-source.h"
#include "juggler-fd-limit.h"
#include "juggler-http-request.h"
#include "juggler-frame-pacer.h"
#include "juggler-http-session.h"
#include "juggler-http-url.h"
#include "juggler-types.h"

struct _JugglerHttpWorkload
{
  JugglerWorkload    parent_instance;

  GPtrArray         *uris;         /* GUri *, NULL where the URL was invalid */
  GPtrArray         *url_errors;   /* char *, why a URL is invalid */
  guint              n_requests;
  guint              timeout_s;
  JugglerHttpSessionFlags session_flags;

  JugglerHttpResult *results;
  guint8            *body_digests; /* JUGGLER_HTTP_BODY_DIGEST_LEN bytes per request */
  /* Live figures the requests write from any thread, atomically: the grid and the
   * in-flight count are the one thing job_step() writes. */
  int               *states;       /* JugglerHttpState */
  JugglerHttpFlight  flight;

  /* Blocking sends use their thread's own session (juggler-http-session.h), async ones
   * the sessions of the async strategy's executor (AsyncShard), made as it needs them. */
  guint64            session_owner;
  GPtrArray         *async_shards;
  GSource           *async_source;  /* iterates the shards' contexts, in the run's */
  guint              async_max_conns;
  GSource           *done_source;   /* DoneSource, in the run's context */
  GSocketConnectable *direct_address;  /* what every URL connects to, or NULL */
};

/*
 * libsoup 3.2 walks a session's whole message queue whenever a connection completes and
 * whenever a message ends (async_run_queue in soup-session.c), and its connection manager
 * walks every connection: with 500 requests in one session that is quadratic, and it was
 * most of the per-request cost at high concurrency. So async requests are spread over
 * sessions of at most SHARD_REQUESTS each at a time, and each session's requests run in a
 * small GMainContext of their own, all of which the run's context iterates through one
 * source (juggler-context-source.c): GLib's loop visits every source and descriptor of a
 * context on every iteration, and one context holding all requests made that quadratic
 * too. Still one thread and one event loop, but each walk stays short. An event costs an
 * iteration of its own shard's context only, about five sources per request in it: at 8
 * requests a shard, that iteration cost a quarter of what it did at 32, at 4 a little less
 * again, and a session more per 4 requests costs no measurable memory (callgrind, and the
 * RSS per request in flight of `juggler-bench net` at c=500). An untuned run keeps one
 * session, whose default limits are what it shows.
 */
#define SHARD_REQUESTS 4

typedef struct
{
  GMainContext *context;   /* the session's requests run here */
  GSource      *source;    /* iterates context, attached to the run's; shared by shards */
  SoupSession  *session;
  guint         n_active;  /* requests sent on it that have not ended */
} AsyncShard;

typedef struct _AsyncJob AsyncJob;

struct _AsyncJob
{
  JugglerHttpWorkload *workload;   /* a reference, until the caller heard of the end */
  AsyncShard          *shard;
  JugglerStepsFunc     steps_func;
  JugglerJobDoneFunc   done_func;
  gpointer             user_data;
  gboolean             completed;
  AsyncJob            *next;       /* in the DoneSource's list */
};

/*
 * Requests end in their shard's context, from inside the run context's dispatch of the
 * shards' source; their callers hear of it in the run's context, from a dispatch of its
 * own, where they may start the next ones. One source does that for all of them, as an
 * idle source does, from the thread that runs both contexts: a GTask per request did it
 * before, which cost each one in flight about 200 bytes and an idle source at its end.
 */
typedef struct
{
  GSource   source;
  AsyncJob *head;  /* ended, in the order they ended */
  AsyncJob *tail;
} DoneSource;

/* Shards are reference-counted boxes: a job holds its own, since a strategy switch may
 * drop the workload's list while requests are still in flight on it. */
static void
async_shard_clear (gpointer data)
{
  AsyncShard *shard = data;

  /* The workload let go of its last shard: nothing is left to watch. */
  if (juggler_context_source_remove (shard->source, shard->context))
    g_source_destroy (shard->source);
  g_clear_pointer (&shard->source, g_source_unref);
  /* libsoup lets go of its connections in the context it made them in. */
  g_main_context_push_thread_default (shard->context);
  g_clear_object (&shard->session);
  g_main_context_pop_thread_default (shard->context);
  g_clear_pointer (&shard->context, g_main_context_unref);
}

static void
async_shard_release (gpointer data)
{
  g_rc_box_release_full (data, async_shard_clear);
}

static gboolean
done_source_prepare (GSource *source,
                     int     *timeout)
{
  *timeout = -1;

  return ((DoneSource *) source)->head != NULL;
}

static gboolean
done_source_check (GSource *source)
{
  return ((DoneSource *) source)->head != NULL;
}

static gboolean
done_source_dispatch (GSource     *source,
                      GSourceFunc  callback,
                      gpointer     user_data)
{
  DoneSource *done = (DoneSource *) source;
  /* Only those that ended so far: a caller may start jobs that end at once (an invalid
   * URL), and they wait for the next dispatch as they would have for their own idle. */
  AsyncJob *async_job = g_steal_pointer (&done->head);

  done->tail = NULL;
  while (async_job != NULL)
    {
      AsyncJob *next = async_job->next;

      async_job->done_func (async_job->completed, async_job->user_data);
      g_clear_pointer (&async_job->shard, async_shard_release);
      g_object_unref (async_job->workload);
      g_free (async_job);
      async_job = next;
    }

  return G_SOURCE_CONTINUE;
}

static GSourceFuncs done_source_funcs = {
  done_source_prepare, done_source_check, done_source_dispatch, NULL, NULL, NULL,
};

/* The run's context: the thread-default one when a job starts. */
static void
ensure_done_source (JugglerHttpWorkload *self)
{
  GMainContext *context = g_main_context_get_thread_default ();

  /* NULL stands for the global default context, which is what the source gets. */
  if (context == NULL)
    context = g_main_context_default ();
  if (self->done_source != NULL && g_source_get_context (self->done_source) == context)
    return;

  /* A run in another context: the last one's callers all heard of their jobs' ends, as
   * each job holds the workload until then. */
  if (self->done_source != NULL)
    {
      g_assert (((DoneSource *) self->done_source)->head == NULL);
      g_source_destroy (self->done_source);
      g_clear_pointer (&self->done_source, g_source_unref);
    }

  self->done_source = g_source_new (&done_source_funcs, sizeof (DoneSource));
  g_source_set_static_name (self->done_source, "[juggler] requests done");
  /* In a window, a frame that is due goes before the requests' ends too. */
  if (juggler_frame_pacer_lookup (context) != NULL)
    g_source_set_priority (self->done_source, JUGGLER_FRAME_PACER_IO_PRIORITY);
  g_source_attach (self->done_source, context);
}

G_DEFINE_FINAL_TYPE (JugglerHttpWorkload, juggler_http_workload, JUGGLER_TYPE_WORKLOAD)

gboolean
juggler_http_check_url (const char  *url,
                        GError     **error)
{
  g_autoptr(GUri) uri = juggler_http_url_parse (url, error);

  return uri != NULL;
}

/* Each request's deadline ends it after timeout_s (juggler-http-request.c); libsoup's I/O
 * inactivity timeout only backs it up. Were they equal, libsoup would sometimes win and
 * retry a request that failed on a kept-alive connection: twice the timeout in all. */
static guint
inactivity_timeout_s (JugglerHttpWorkload *self)
{
  return self->timeout_s + 1;
}

static const char *
juggler_http_workload_get_name (JugglerWorkload *workload)
{
  return "net";
}

static guint
juggler_http_workload_get_n_jobs (JugglerWorkload *workload)
{
  return JUGGLER_HTTP_WORKLOAD (workload)->n_requests;
}

static guint64
juggler_http_workload_get_n_steps (JugglerWorkload *workload)
{
  /* One step per request: body sizes are unknown until the answers come. */
  return JUGGLER_HTTP_WORKLOAD (workload)->n_requests;
}

static JugglerWorkloadKind
juggler_http_workload_get_kind (JugglerWorkload *workload)
{
  return JUGGLER_WORKLOAD_NET;
}

static gpointer
juggler_http_workload_job_new (JugglerWorkload *workload,
                               guint            index)
{
  JugglerHttpWorkload *self = JUGGLER_HTTP_WORKLOAD (workload);
  guint url = index % self->uris->len;

  return juggler_http_request_new (index, g_ptr_array_index (self->uris, url),
                                   g_ptr_array_index (self->url_errors, url), self->timeout_s,
                                   &self->states[index], &self->flight);
}

/* The whole request, blocking: for worker threads and for blocking the UI thread. A
 * request has its own deadline, so the step's is not needed. */
static gboolean
juggler_http_workload_job_step (JugglerWorkload *workload,
                                gpointer         job,
                                gint64           deadline_us,
                                GCancellable    *cancellable,
                                guint           *n_steps)
{
  JugglerHttpWorkload *self = JUGGLER_HTTP_WORKLOAD (workload);
  SoupSession *session = juggler_http_session_get_for_thread (self->session_owner,
                                                              inactivity_timeout_s (self),
                                                              self->session_flags);

  if (!juggler_http_request_send (job, session, cancellable))
    return FALSE;

  (*n_steps)++;
  return TRUE;
}

static void
juggler_http_workload_prepare_async (JugglerWorkload *workload,
                                     guint            max_connections)
{
  JugglerHttpWorkload *self = JUGGLER_HTTP_WORKLOAD (workload);

  /* Requests still in flight on older sessions keep them alive until they end, and their
   * shards until then too (AsyncJob holds one). */
  g_clear_pointer (&self->async_shards, g_ptr_array_unref);
  self->async_shards = g_ptr_array_new_with_free_func (async_shard_release);
  self->async_max_conns = max_connections;
  /* The older shards' source lasts as long as the last of them. */
  g_clear_pointer (&self->async_source, g_source_unref);
}

/* The least busy session, or a new one when all have SHARD_REQUESTS going; the caller
 * owns a reference. */
static AsyncShard *
take_async_shard (JugglerHttpWorkload *self)
{
  AsyncShard *best = NULL;

  for (guint i = 0; i < self->async_shards->len; i++)
    {
      AsyncShard *shard = g_ptr_array_index (self->async_shards, i);

      if (best == NULL || shard->n_active < best->n_active)
        best = shard;
    }

  if (best == NULL || (best->n_active >= SHARD_REQUESTS && self->async_max_conns > 0))
    {
      best = g_rc_box_new0 (AsyncShard);
      if (self->async_source == NULL)
        {
          self->async_source = juggler_context_source_new ();
          /* In a window, a frame that is due goes before the requests' I/O. */
          if (juggler_frame_pacer_lookup (g_main_context_get_thread_default ()) != NULL)
            g_source_set_priority (self->async_source, JUGGLER_FRAME_PACER_IO_PRIORITY);
          g_source_attach (self->async_source, g_main_context_get_thread_default ());
        }
      /* Not G_MAIN_CONTEXT_FLAGS_OWNERLESS_POLLING: that wakes the context (an eventfd write)
       * for every source attached to it, even from its own iteration, about six times a
       * request. The source holds the context instead, so that only another thread's
       * changes wake it, and this thread's from outside its iteration ask for their turn
       * (juggler_context_source_wake() below, and the request's cancellation). */
      best->context = g_main_context_new ();
      best->source = g_source_ref (self->async_source);
      juggler_context_source_add (best->source, best->context);
      /* Each session may open as many connections as the whole run: the executor keeps
       * the run to its concurrency, and no request waits in one session for a connection
       * while another has them free. */
      g_main_context_push_thread_default (best->context);
      best->session = juggler_http_session_new (inactivity_timeout_s (self),
                                                self->async_max_conns, self->session_flags,
                                                self->direct_address);
      g_main_context_pop_thread_default (best->context);
      g_ptr_array_add (self->async_shards, best);
    }

  best->n_active++;
  return g_rc_box_acquire (best);
}

/* In the shard's context, on the thread of the run's. */
static void
request_done_cb (JugglerHttpRequest *request,
                 gboolean            completed,
                 gpointer            user_data)
{
  AsyncJob *async_job = user_data;
  DoneSource *done = (DoneSource *) async_job->workload->done_source;

  async_job->shard->n_active--;
  async_job->completed = completed;
  if (completed)
    async_job->steps_func (1, async_job->user_data);

  if (done->tail != NULL)
    done->tail->next = async_job;
  else
    done->head = async_job;
  done->tail = async_job;

  /* Requests end on the thread that runs the run's context, which looks at the source
   * before it next polls: no wakeup (an eventfd write) is needed from inside its
   * iteration. A job that ends at once may be started outside of it. */
  if (!g_main_context_is_owner (g_source_get_context (&done->source)))
    g_main_context_wakeup (g_source_get_context (&done->source));
}

static void
juggler_http_workload_job_run_async (JugglerWorkload    *workload,
                                     gpointer            job,
                                     GCancellable       *cancellable,
                                     JugglerStepsFunc    steps_func,
                                     JugglerJobDoneFunc  done_func,
                                     gpointer            user_data)
{
  JugglerHttpWorkload *self = JUGGLER_HTTP_WORKLOAD (workload);
  AsyncJob *async_job = g_new0 (AsyncJob, 1);

  g_assert (self->async_shards != NULL);

  ensure_done_source (self);
  async_job->workload = g_object_ref (self);
  async_job->shard = take_async_shard (self);
  async_job->steps_func = steps_func;
  async_job->done_func = done_func;
  async_job->user_data = user_data;

  /* The job ends in the run's context (the DoneSource), the request in the session's. */
  g_main_context_push_thread_default (async_job->shard->context);
  juggler_http_request_send_async (job, async_job->shard->session, cancellable,
                                   request_done_cb, async_job);
  g_main_context_pop_thread_default (async_job->shard->context);
  juggler_context_source_wake (async_job->shard->source, async_job->shard->context);
}

static void
juggler_http_workload_job_merge (JugglerWorkload *workload,
                                 gpointer         job)
{
  JugglerHttpWorkload *self = JUGGLER_HTTP_WORKLOAD (workload);
  guint index = juggler_http_request_get_index (job);

  g_free (self->results[index].reason);
  juggler_http_request_take_result (job, &self->results[index],
                                    self->body_digests + index * JUGGLER_HTTP_BODY_DIGEST_LEN);
}

static void
juggler_http_workload_job_free (gpointer job)
{
  juggler_http_request_free (job);
}

static char *
juggler_http_workload_dup_digest (JugglerWorkload *workload)
{
  JugglerHttpWorkload *self = JUGGLER_HTTP_WORKLOAD (workload);
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  /* Status and body of every request, in request order. */
  for (guint i = 0; i < self->n_requests; i++)
    {
      guint32 status = GUINT32_TO_LE (self->results[i].status);

      g_checksum_update (checksum, (const guchar *) &status, sizeof status);
      g_checksum_update (checksum, self->body_digests + i * JUGGLER_HTTP_BODY_DIGEST_LEN,
                         JUGGLER_HTTP_BODY_DIGEST_LEN);
    }

  return g_strdup (g_checksum_get_string (checksum));
}

static void
juggler_http_workload_fill_report (JugglerWorkload *workload,
                                   JugglerReport   *report)
{
  JugglerHttpWorkload *self = JUGGLER_HTTP_WORKLOAD (workload);
  g_autofree double *request_ms = g_new (double, MAX (self->n_requests, 1));
  g_autofree double *queued_ms = g_new (double, MAX (self->n_requests, 1));
  JugglerHttpStats *stats = g_new0 (JugglerHttpStats, 1);
  gint64 first_us = G_MAXINT64;
  gint64 last_us = 0;
  double busy_us = 0;
  guint n_started = 0;
  guint n = 0;

  for (guint i = 0; i < self->n_requests; i++)
    {
      const JugglerHttpResult *result = &self->results[i];

      if (result->done_us == 0)
        continue;
      stats->outcomes[result->outcome]++;
      /* Good bodies only: an error page or half a body is not data fetched. */
      if (result->outcome == JUGGLER_HTTP_OK)
        stats->bytes += result->bytes;
      if (result->start_us > 0)
        request_ms[n_started++] = juggler_http_result_get_request_us (result) / 1000.0;
      queued_ms[n++] = juggler_http_result_get_queued_us (result) / 1000.0;
      busy_us += juggler_http_result_get_request_us (result);
      first_us = MIN (first_us, result->queued_us);
      last_us = MAX (last_us, result->done_us);
    }

  juggler_summarize_values (request_ms, n_started, &stats->request_ms);
  juggler_summarize_values (queued_ms, n, &stats->queued_ms);
  stats->requests = self->n_requests;
  stats->peak_in_flight = g_atomic_int_get (&self->flight.peak_in_flight);
  /* Little's law over the span from the first request handed over to the last done. */
  stats->average_in_flight = last_us > first_us ? busy_us / (last_us - first_us) : 0;

  g_free (report->http);
  report->http = stats;
}

static void
juggler_http_workload_finalize (GObject *object)
{
  JugglerHttpWorkload *self = (JugglerHttpWorkload *) object;

  /* Worker threads took their sessions with them; a blocking run left one here. */
  juggler_http_session_drop_for_thread (self->session_owner);

  for (guint i = 0; i < self->n_requests; i++)
    g_free (self->results[i].reason);
  g_free (self->results);
  g_free (self->body_digests);
  g_free (self->states);
  g_clear_pointer (&self->uris, g_ptr_array_unref);
  g_clear_pointer (&self->url_errors, g_ptr_array_unref);
  g_clear_pointer (&self->async_shards, g_ptr_array_unref);
  g_clear_pointer (&self->async_source, g_source_unref);
  if (self->done_source != NULL)
    g_source_destroy (self->done_source);
  g_clear_pointer (&self->done_source, g_source_unref);
  g_clear_object (&self->direct_address);

  G_OBJECT_CLASS (juggler_http_workload_parent_class)->finalize (object);
}

static void
juggler_http_workload_class_init (JugglerHttpWorkloadClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  JugglerWorkloadClass *workload_class = JUGGLER_WORKLOAD_CLASS (klass);

  object_class->finalize = juggler_http_workload_finalize;

  workload_class->get_name = juggler_http_workload_get_name;
  workload_class->get_n_jobs = juggler_http_workload_get_n_jobs;
  workload_class->get_n_steps = juggler_http_workload_get_n_steps;
  workload_class->get_kind = juggler_http_workload_get_kind;
  workload_class->job_new = juggler_http_workload_job_new;
  workload_class->job_step = juggler_http_workload_job_step;
  workload_class->prepare_async = juggler_http_workload_prepare_async;
  workload_class->job_run_async = juggler_http_workload_job_run_async;
  workload_class->job_merge = juggler_http_workload_job_merge;
  workload_class->job_free = juggler_http_workload_job_free;
  workload_class->dup_digest = juggler_http_workload_dup_digest;
  workload_class->fill_report = juggler_http_workload_fill_report;
}

static void
juggler_http_workload_init (JugglerHttpWorkload *self)
{
  self->session_owner = juggler_http_session_new_owner ();
}

/* The list keeps a NULL where a URL was invalid, and g_uri_unref() rejects NULL. */
static void
uri_unref_if_set (gpointer uri)
{
  if (uri != NULL)
    g_uri_unref (uri);
}

JugglerHttpWorkload *
juggler_http_workload_new (const char * const  *urls,
                           guint                n_requests,
                           guint                timeout_s,
                           GError             **error)
{
  g_autoptr(JugglerHttpWorkload) self = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (urls == NULL || urls[0] == NULL)
    {
      g_set_error (error, JUGGLER_ERROR, JUGGLER_ERROR_INVALID_ARGUMENT, _("No URL to fetch"));
      return NULL;
    }
  if (n_requests == 0 || n_requests > JUGGLER_HTTP_MAX_REQUESTS)
    {
      g_set_error (error, JUGGLER_ERROR, JUGGLER_ERROR_INVALID_ARGUMENT,
                   _("The number of requests must be from 1 to %u"), JUGGLER_HTTP_MAX_REQUESTS);
      return NULL;
    }
  if (timeout_s == 0 || timeout_s > 3600)
    {
      g_set_error (error, JUGGLER_ERROR, JUGGLER_ERROR_INVALID_ARGUMENT,
                   _("The timeout must be from 1 to 3600 seconds"));
      return NULL;
    }

  juggler_prepare_fd_table ();

  self = g_object_new (JUGGLER_TYPE_HTTP_WORKLOAD, NULL);
  self->n_requests = n_requests;
  self->timeout_s = timeout_s;
  self->uris = g_ptr_array_new_with_free_func (uri_unref_if_set);
  self->url_errors = g_ptr_array_new_with_free_func (g_free);
  self->results = g_new0 (JugglerHttpResult, n_requests);
  self->body_digests = g_new0 (guint8, (gsize) n_requests * JUGGLER_HTTP_BODY_DIGEST_LEN);
  self->states = g_new0 (int, n_requests);

  /* Loopback needs no proxy, and so no proxy's credentials; only a URL's own credentials
   * then need libsoup's authentication. */
  self->session_flags = JUGGLER_HTTP_SESSION_SKIP_PROXY | JUGGLER_HTTP_SESSION_NO_AUTH;

  /* A bad URL in a list fails its own requests, not the run. */
  for (guint i = 0; urls[i] != NULL; i++)
    {
      g_autoptr(GError) url_error = NULL;
      GUri *uri = juggler_http_url_parse (urls[i], &url_error);

      if (uri != NULL)
        {
          if (!juggler_http_url_is_loopback (uri))
            self->session_flags = 0;
          else if (g_uri_get_user (uri) != NULL)
            self->session_flags &= ~JUGGLER_HTTP_SESSION_NO_AUTH;
          g_ptr_array_add (self->uris, uri);
          g_ptr_array_add (self->url_errors, NULL);
        }
      else
        {
          g_ptr_array_add (self->uris, NULL);
          g_ptr_array_add (self->url_errors, g_strdup (url_error->message));
        }
    }

  self->direct_address = juggler_http_session_direct_address (self->uris);

  return g_steal_pointer (&self);
}

guint
juggler_http_workload_get_n_requests (JugglerHttpWorkload *self)
{
  g_return_val_if_fail (JUGGLER_IS_HTTP_WORKLOAD (self), 0);

  return self->n_requests;
}

guint
juggler_http_workload_get_timeout (JugglerHttpWorkload *self)
{
  g_return_val_if_fail (JUGGLER_IS_HTTP_WORKLOAD (self), 0);

  return self->timeout_s;
}

JugglerHttpState
juggler_http_workload_get_state (JugglerHttpWorkload *self,
                                 guint                index)
{
  g_return_val_if_fail (JUGGLER_IS_HTTP_WORKLOAD (self), 0);
  g_return_val_if_fail (index < self->n_requests, 0);

  return g_atomic_int_get (&self->states[index]);
}

const JugglerHttpResult *
juggler_http_workload_get_result (JugglerHttpWorkload *self,
                                  guint                index)
{
  g_return_val_if_fail (JUGGLER_IS_HTTP_WORKLOAD (self), NULL);
  g_return_val_if_fail (index < self->n_requests, NULL);

  return &self->results[index];
}

gboolean
juggler_http_workload_get_request_error (JugglerHttpWorkload  *self,
                                         guint                 index,
                                         JugglerHttpOutcome   *kind,
                                         const char          **message)
{
  const JugglerHttpResult *result;

  g_return_val_if_fail (JUGGLER_IS_HTTP_WORKLOAD (self), FALSE);
  g_return_val_if_fail (index < self->n_requests, FALSE);

  result = &self->results[index];
  if (result->done_us == 0 || result->outcome == JUGGLER_HTTP_OK)
    return FALSE;

  if (kind != NULL)
    *kind = result->outcome;
  if (message != NULL)
    *message = result->reason;

  return TRUE;
}

gint64
juggler_http_result_get_request_us (const JugglerHttpResult *result)
{
  g_return_val_if_fail (result != NULL, 0);

  return result->start_us > 0 && result->done_us > 0 ? result->done_us - result->start_us : 0;
}

gint64
juggler_http_result_get_queued_us (const JugglerHttpResult *result)
{
  gint64 left_us;

  g_return_val_if_fail (result != NULL, 0);

  left_us = result->start_us > 0 ? result->start_us : result->done_us;
  return left_us > 0 ? left_us - result->queued_us : 0;
}
