/* juggler-http-workload.c: the network workload, one HTTP GET per job
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-http-workload"

#include "config.h"

#include "juggler-http-workload.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "juggler-fd-limit.h"
#include "juggler-series.h"
#include "juggler-types.h"

#define READ_SIZE 16384

struct _JugglerHttpWorkload
{
  JugglerWorkload    parent_instance;

  GPtrArray         *uris;         /* GUri *, NULL where the URL was invalid */
  GPtrArray         *url_errors;   /* char *, why a URL is invalid */
  guint              n_requests;
  guint              timeout_s;
  gboolean           loopback_only;

  JugglerHttpResult *results;
  guint8            *body_digests; /* 32 bytes per request */
  int               *states;       /* JugglerHttpState, atomic */
  int                n_in_flight;  /* atomic, like the peak */
  int                peak_in_flight;

  /* One session per thread that sends synchronously: libsoup sessions are per thread. */
  GMutex             sessions_lock;
  GHashTable        *sync_sessions; /* GThread * → SoupSession * */
  SoupSession       *async_session;
};

typedef struct
{
  JugglerHttpWorkload *workload;
  guint                index;
  SoupMessage         *message;
  GInputStream        *stream;
  GChecksum           *checksum;
  JugglerHttpResult    result;
  JugglerStepsFunc     steps_func;
  gpointer             steps_data;
} Request;

G_DEFINE_FINAL_TYPE (JugglerHttpWorkload, juggler_http_workload, JUGGLER_TYPE_WORKLOAD)

/* An http:// or https:// URL with a host name, or NULL and why not. */
static GUri *
parse_http_url (const char  *url,
                GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) local_error = NULL;

  if (url == NULL || *url == '\0')
    {
      g_set_error (error, JUGGLER_ERROR, JUGGLER_ERROR_INVALID_ARGUMENT, _("The URL is empty"));
      return NULL;
    }

  uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, &local_error);
  if (uri == NULL)
    {
      g_set_error (error, JUGGLER_ERROR, JUGGLER_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a valid URL: %s"), url, local_error->message);
      return NULL;
    }
  if (g_strcmp0 (g_uri_get_scheme (uri), "http") != 0 &&
      g_strcmp0 (g_uri_get_scheme (uri), "https") != 0)
    {
      g_set_error (error, JUGGLER_ERROR, JUGGLER_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not an http:// or https:// URL"), url);
      return NULL;
    }
  if (g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, JUGGLER_ERROR, JUGGLER_ERROR_INVALID_ARGUMENT,
                   _("“%s” has no host name"), url);
      return NULL;
    }

  return g_steal_pointer (&uri);
}

gboolean
juggler_http_check_url (const char  *url,
                        GError     **error)
{
  g_autoptr(GUri) uri = parse_http_url (url, error);

  return uri != NULL;
}

static gboolean
state_is_in_flight (JugglerHttpState state)
{
  return state >= JUGGLER_HTTP_STATE_CONNECTING && state <= JUGGLER_HTTP_STATE_RECEIVING;
}

/* Any thread. Also counts the requests in flight: what a request costs is measured per
 * request in flight at once, and the slowest starts can overlap the first answers. */
static void
set_state (Request          *request,
           JugglerHttpState  state)
{
  JugglerHttpWorkload *self = request->workload;
  JugglerHttpState old_state = g_atomic_int_exchange (&self->states[request->index], state);

  if (state_is_in_flight (state) && !state_is_in_flight (old_state))
    {
      int n = g_atomic_int_add (&self->n_in_flight, 1) + 1;
      int peak = g_atomic_int_get (&self->peak_in_flight);

      while (n > peak && !g_atomic_int_compare_and_exchange (&self->peak_in_flight, peak, n))
        peak = g_atomic_int_get (&self->peak_in_flight);
    }
  else if (!state_is_in_flight (state) && state_is_in_flight (old_state))
    {
      g_atomic_int_add (&self->n_in_flight, -1);
    }
}

/* libsoup keeps a request queued until a connection is free for it (two per host by
 * default), so a request is connecting from the first event of its connection, not from
 * when it was handed over. One that reuses a kept-alive connection has no such event. */
static void
network_event_cb (SoupMessage        *message,
                  GSocketClientEvent  event,
                  GIOStream          *connection,
                  Request            *request)
{
  if (juggler_http_workload_get_state (request->workload, request->index) ==
      JUGGLER_HTTP_STATE_QUEUED)
    set_state (request, JUGGLER_HTTP_STATE_CONNECTING);
}

static void
wrote_body_cb (SoupMessage *message,
               Request     *request)
{
  set_state (request, JUGGLER_HTTP_STATE_WAITING);
}

static void
got_headers_cb (SoupMessage *message,
                Request     *request)
{
  set_state (request, JUGGLER_HTTP_STATE_RECEIVING);
}

static SoupSession *
new_session (JugglerHttpWorkload *self,
             guint                max_conns)
{
  SoupSession *session;

  /* max-conns and max-conns-per-host are construct-only; 0 keeps libsoup's defaults (10, 2). */
  if (max_conns == 0)
    session = soup_session_new_with_options ("timeout", self->timeout_s, NULL);
  else
    session = soup_session_new_with_options ("timeout", self->timeout_s,
                                             "max-conns", max_conns,
                                             "max-conns-per-host", max_conns,
                                             NULL);

  /* No proxy ever stands between a client and a loopback address, yet asking the system's
   * resolver costs every connection a lookup in a helper thread: a third of the client's
   * CPU time for 500 requests to the embedded server. */
  if (self->loopback_only)
    soup_session_set_proxy_resolver (session, NULL);

  return session;
}

static SoupSession *
sync_session_for_this_thread (JugglerHttpWorkload *self)
{
  GThread *thread = g_thread_self ();
  SoupSession *session;

  g_mutex_lock (&self->sessions_lock);
  session = g_hash_table_lookup (self->sync_sessions, thread);
  if (session == NULL)
    {
      session = new_session (self, 1);
      g_hash_table_insert (self->sync_sessions, thread, session);
    }
  g_mutex_unlock (&self->sessions_lock);

  return session;
}

static void
classify_error (JugglerHttpResult *result,
                const GError      *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    result->outcome = JUGGLER_HTTP_REFUSED;
  else if (error->domain == G_RESOLVER_ERROR)
    result->outcome = JUGGLER_HTTP_NOT_RESOLVED;
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    result->outcome = JUGGLER_HTTP_TIMEOUT;
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT))
    result->outcome = JUGGLER_HTTP_TRUNCATED;
  else if (error->domain == G_TLS_ERROR)
    result->outcome = JUGGLER_HTTP_TLS;
  else
    result->outcome = JUGGLER_HTTP_OTHER;

  g_free (result->reason);
  result->reason = g_strdup (error->message);
}

/* Called once the request has an answer or an error: fills the result from the message. */
static void
complete_request (Request      *request,
                  const GError *error)
{
  JugglerHttpResult *result = &request->result;
  SoupMessageMetrics *metrics = soup_message_get_metrics (request->message);
  SoupMessageHeaders *headers;
  goffset expected;

  result->done_us = g_get_monotonic_time ();
  result->status = soup_message_get_status (request->message);
  if (metrics != NULL)
    {
      result->start_us = soup_message_metrics_get_fetch_start (metrics);
      result->connected_us = soup_message_metrics_get_connect_end (metrics);
      result->first_byte_us = soup_message_metrics_get_response_start (metrics);
    }

  headers = soup_message_get_response_headers (request->message);
  expected = soup_message_headers_get_content_length (headers);

  if (error != NULL)
    classify_error (result, error);
  else if (result->status >= 400)
    {
      result->outcome = JUGGLER_HTTP_STATUS;
      result->reason = g_strdup_printf (_("HTTP %u %s"), result->status,
                                        soup_message_get_reason_phrase (request->message));
    }
  else if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
           (guint64) expected != result->bytes)
    {
      result->outcome = JUGGLER_HTTP_TRUNCATED;
      result->reason = g_strdup_printf (_("Got %llu of %lld bytes"),
                                        (unsigned long long) result->bytes, (long long) expected);
    }
  else
    result->outcome = JUGGLER_HTTP_OK;

  set_state (request, result->outcome == JUGGLER_HTTP_OK ? JUGGLER_HTTP_STATE_DONE
                                                         : JUGGLER_HTTP_STATE_FAILED);
}

static void
consume (Request      *request,
         const guint8 *data,
         gsize         len)
{
  g_checksum_update (request->checksum, data, len);
  request->result.bytes += len;
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
  Request *request = g_new0 (Request, 1);
  GUri *uri = g_ptr_array_index (self->uris, index % self->uris->len);

  request->workload = self;
  request->index = index;
  request->checksum = g_checksum_new (G_CHECKSUM_SHA256);
  request->result.queued_us = g_get_monotonic_time ();
  if (uri != NULL)
    {
      request->message = soup_message_new_from_uri (SOUP_METHOD_GET, uri);
      soup_message_add_flags (request->message, SOUP_MESSAGE_COLLECT_METRICS);
      g_signal_connect (request->message, "network-event", G_CALLBACK (network_event_cb),
                        request);
      g_signal_connect (request->message, "wrote-body", G_CALLBACK (wrote_body_cb), request);
      g_signal_connect (request->message, "got-headers", G_CALLBACK (got_headers_cb), request);
    }

  return request;
}

static void
fail_invalid_url (Request *request)
{
  JugglerHttpWorkload *self = request->workload;

  request->result.outcome = JUGGLER_HTTP_INVALID_URL;
  request->result.reason = g_strdup (g_ptr_array_index (self->url_errors,
                                                        request->index % self->uris->len));
  request->result.done_us = g_get_monotonic_time ();
  set_state (request, JUGGLER_HTTP_STATE_FAILED);
}

/* The whole request, synchronously: for worker threads and for blocking the UI thread. */
static gboolean
juggler_http_workload_job_step (JugglerWorkload *workload,
                                gpointer         job,
                                gint64           deadline_us,
                                GCancellable    *cancellable,
                                guint           *n_steps)
{
  Request *request = job;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *buffer = NULL;
  gssize n;

  if (request->message == NULL)
    {
      fail_invalid_url (request);
      (*n_steps)++;
      return TRUE;
    }

  stream = soup_session_send (sync_session_for_this_thread (request->workload), request->message,
                              cancellable, &error);
  if (stream != NULL)
    {
      buffer = g_malloc (READ_SIZE);
      while ((n = g_input_stream_read (stream, buffer, READ_SIZE, cancellable, &error)) > 0)
        consume (request, buffer, n);
      if (n == 0)
        g_input_stream_close (stream, NULL, NULL);
    }

  if (g_cancellable_is_cancelled (cancellable))
    return FALSE;

  complete_request (request, error);
  (*n_steps)++;

  return TRUE;
}

static void read_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data);

static void
finish_async (GTask        *task,
              const GError *error)
{
  Request *request = g_task_get_task_data (task);

  if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      g_task_return_boolean (task, FALSE);
      return;
    }

  complete_request (request, error);
  request->steps_func (1, request->steps_data);
  g_task_return_boolean (task, TRUE);
}

static void
read_next (GTask *task)
{
  Request *request = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (request->stream, READ_SIZE, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), read_cb, task);
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result,
                                                              &error);

  if (bytes != NULL && g_bytes_get_size (bytes) > 0)
    {
      consume (request, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      read_next (g_steal_pointer (&task));
      return;
    }

  g_clear_object (&request->stream);
  finish_async (task, error);
}

static void
sent_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  request->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (request->stream == NULL)
    {
      finish_async (task, error);
      return;
    }

  read_next (g_steal_pointer (&task));
}

static void
juggler_http_workload_prepare_async (JugglerWorkload *workload,
                                     guint            max_connections)
{
  JugglerHttpWorkload *self = JUGGLER_HTTP_WORKLOAD (workload);

  /* Requests still in flight on an older session keep it alive until they end. */
  g_clear_object (&self->async_session);
  self->async_session = new_session (self, max_connections);
}

static void
juggler_http_workload_job_run_async (JugglerWorkload     *workload,
                                     gpointer             job,
                                     GCancellable        *cancellable,
                                     JugglerStepsFunc     steps_func,
                                     gpointer             steps_data,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  JugglerHttpWorkload *self = JUGGLER_HTTP_WORKLOAD (workload);
  Request *request = job;
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, juggler_http_workload_job_run_async);
  g_task_set_task_data (task, request, NULL);
  g_task_set_check_cancellable (task, FALSE);
  request->steps_func = steps_func;
  request->steps_data = steps_data;

  if (request->message == NULL)
    {
      fail_invalid_url (request);
      steps_func (1, steps_data);
      g_task_return_boolean (task, TRUE);
      return;
    }

  g_assert (self->async_session != NULL);

  soup_session_send_async (self->async_session, request->message, G_PRIORITY_DEFAULT,
                           cancellable, sent_cb, g_steal_pointer (&task));
}

static gboolean
juggler_http_workload_job_run_finish (JugglerWorkload  *workload,
                                      GAsyncResult     *result,
                                      GError          **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
juggler_http_workload_job_merge (JugglerWorkload *workload,
                                 gpointer         job)
{
  JugglerHttpWorkload *self = JUGGLER_HTTP_WORKLOAD (workload);
  Request *request = job;
  gsize len = 32;

  self->results[request->index] = request->result;
  request->result.reason = NULL;
  g_checksum_get_digest (request->checksum, self->body_digests + request->index * 32, &len);
}

static void
juggler_http_workload_job_free (gpointer job)
{
  Request *request = job;

  if (request->message != NULL)
    g_signal_handlers_disconnect_by_data (request->message, request);
  g_clear_object (&request->message);
  g_clear_object (&request->stream);
  g_checksum_free (request->checksum);
  g_free (request->result.reason);
  g_free (request);
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
      g_checksum_update (checksum, self->body_digests + i * 32, 32);
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
      request_ms[n] = juggler_http_result_get_request_us (result) / 1000.0;
      queued_ms[n] = juggler_http_result_get_queued_us (result) / 1000.0;
      busy_us += juggler_http_result_get_request_us (result);
      first_us = MIN (first_us, result->queued_us);
      last_us = MAX (last_us, result->done_us);
      n++;
    }

  juggler_summarize_values (request_ms, n, &stats->request_ms);
  juggler_summarize_values (queued_ms, n, &stats->queued_ms);
  stats->requests = self->n_requests;
  stats->peak_in_flight = g_atomic_int_get (&self->peak_in_flight);
  stats->average_in_flight = last_us > first_us ? busy_us / (last_us - first_us) : 0;

  g_free (report->http);
  report->http = stats;
}

static void
juggler_http_workload_finalize (GObject *object)
{
  JugglerHttpWorkload *self = (JugglerHttpWorkload *) object;

  for (guint i = 0; i < self->n_requests; i++)
    g_free (self->results[i].reason);
  g_free (self->results);
  g_free (self->body_digests);
  g_free (self->states);
  g_clear_pointer (&self->uris, g_ptr_array_unref);
  g_clear_pointer (&self->url_errors, g_ptr_array_unref);
  g_clear_pointer (&self->sync_sessions, g_hash_table_unref);
  g_clear_object (&self->async_session);
  g_mutex_clear (&self->sessions_lock);

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
  workload_class->job_run_finish = juggler_http_workload_job_run_finish;
  workload_class->job_merge = juggler_http_workload_job_merge;
  workload_class->job_free = juggler_http_workload_job_free;
  workload_class->dup_digest = juggler_http_workload_dup_digest;
  workload_class->fill_report = juggler_http_workload_fill_report;
}

static void
juggler_http_workload_init (JugglerHttpWorkload *self)
{
  g_mutex_init (&self->sessions_lock);
  self->sync_sessions = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
}

/* The list keeps a NULL where a URL was invalid, and g_uri_unref() rejects NULL. */
static void
uri_unref_if_set (gpointer uri)
{
  if (uri != NULL)
    g_uri_unref (uri);
}

static gboolean
is_loopback_host (const char *host)
{
  g_autoptr(GInetAddress) address = g_inet_address_new_from_string (host);

  if (address == NULL)
    return g_ascii_strcasecmp (host, "localhost") == 0;

  return g_inet_address_get_is_loopback (address);
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
  self->body_digests = g_new0 (guint8, (gsize) n_requests * 32);
  self->states = g_new0 (int, n_requests);

  self->loopback_only = TRUE;

  /* A bad URL in a list fails its own requests, not the run. */
  for (guint i = 0; urls[i] != NULL; i++)
    {
      g_autoptr(GError) url_error = NULL;
      GUri *uri = parse_http_url (urls[i], &url_error);

      if (uri != NULL)
        {
          self->loopback_only &= is_loopback_host (g_uri_get_host (uri));
          g_ptr_array_add (self->uris, uri);
          g_ptr_array_add (self->url_errors, NULL);
        }
      else
        {
          g_ptr_array_add (self->uris, NULL);
          g_ptr_array_add (self->url_errors, g_strdup (url_error->message));
        }
    }

  return g_steal_pointer (&self);
}

guint
juggler_http_workload_get_n_requests (JugglerHttpWorkload *self)
{
  g_return_val_if_fail (JUGGLER_IS_HTTP_WORKLOAD (self), 0);

  return self->n_requests;
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
