/* juggler-server.c: the embedded HTTP test server on 127.0.0.1, in its own thread
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-server"

#include "config.h"

#include "juggler-server.h"

#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdarg.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>

#include <libsoup/soup.h>

#include "juggler-fd-limit.h"

/* Bodies are produced and written this much at a time, so a 1 GiB body never sits in memory. */
#define CHUNK_SIZE (64 * 1024)
/* A rate-limited body goes out in pieces of about this many milliseconds' worth of bytes. */
#define RATE_TICK_MS 20
/* Faster than this is not a limit any more but a typo. */
#define MAX_RATE (G_GUINT64_CONSTANT (1) << 40)
/* GSocket's default backlog of 10 makes the kernel drop SYNs when hundreds of clients connect
 * at once, and each drop costs the client a one-second retransmit. */
#define LISTEN_BACKLOG 1024
/* From connecting to the end of the request headers: idle and slow-header clients are closed
 * after this long. */
#define DEFAULT_HEADER_TIMEOUT_MS (10 * 1000)
/* A kept-alive connection waits this long for its next request before it is closed. */
#define DEFAULT_IDLE_TIMEOUT_MS (5 * 1000)
/* Connections are kept alive while no more than this many are open (and no more than a
 * quarter of the descriptor limit: the window runs the server and its clients in one
 * process); past it every answer closes its connection, as a server without keep-alive. */
#define DEFAULT_MAX_CONNECTIONS 1024
/* A kept-alive connection whose client already sent more (pipelined requests) goes back to
 * libsoup still wrapped in the stream that buffered it; a connection is answered with
 * "Connection: close" once it is wrapped this many times. */
#define MAX_WRAPPED 8
/* After refusing a request body, the server reads and drops at most this much of it, for at
 * most this long, before it closes: closing with unread bytes sends a reset, which can make
 * the client lose the refusal. */
#define LINGER_MAX_BYTES (1024 * 1024)
#define LINGER_MAX_MS    2000
/* What a gone client looks like on a socket no one reads: poll() reports the peer's FIN as
 * POLLRDHUP (Linux) even when it sent more bytes first. */
#ifdef POLLRDHUP
#define CLIENT_GONE_EVENTS (POLLRDHUP | POLLHUP | POLLERR)
#else
#define CLIENT_GONE_EVENTS (POLLHUP | POLLERR)
#endif
/* The deadlines above are checked this often, by one timer for all connections: a source or
 * a polled descriptor per connection would cost every main-loop iteration of a server with
 * hundreds of connections a scan of them all. */
#define SWEEP_MS 250

struct _JugglerServer
{
  GObject       parent_instance;

  /* Set by start() and stop() on the caller's thread. */
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  char         *uri;
  guint16       port;
  guint         header_timeout_ms;
  guint         idle_timeout_ms;
  guint         max_connections;
  guint         connection_limit;  /* max_connections, within the descriptor limit */

  /* The start handshake: the server thread reports that it listens, or why it cannot. */
  GMutex        mutex;
  GCond         cond;
  gboolean      start_done;
  GError       *start_error;

  /* Only touched on the server thread. */
  SoupServer   *server;
  GHashTable   *messages;     /* SoupServerMessage *, weak: every message libsoup holds */
  GHashTable   *handed_back;  /* SoupServerMessage *, weak: those whose connection lives on */
  GHashTable   *pending;      /* Pending *: requests that wait for a timer or for ever */
  GHashTable   *takeovers;    /* Takeover *: connections taken from libsoup, not yet closed */
  GHashTable   *awaiting;     /* SoupServerMessage * -> gint64 deadline: no request headers yet */
  GSource      *sweep;        /* while pending or awaiting is not empty */
  GQueue        reaccepts;    /* Reaccept *: kept-alive connections to hand back to libsoup */
  GSource      *reaccept_source; /* while reaccepts is not empty */
  /* While soup_server_accept_iostream() runs: what the connection's first message gets. */
  GSocket      *accepting_socket;
  guint         accepting_wrapped;
};

G_DEFINE_FINAL_TYPE (JugglerServer, juggler_server, G_TYPE_OBJECT)

/* A request the server answers later: /delay, /hang, and /bytes while it streams. */
typedef struct
{
  JugglerServer     *self;
  SoupServerMessage *msg;
  GSource           *timer;
  int                fd;           /* the client's socket, or -1 */
  gulong             finished_id;
  gulong             wrote_chunk_id;
  guint              delay_ms;

  guint32            seed;
  guint64            total;
  guint64            sent;
  guint64            rate;
  gint64             start_us;
} Pending;

/* A connection taken over from libsoup and written by hand: /truncate, which must send less
 * than it announces, and the refusals that must not wait for libsoup to read a request. */
typedef struct
{
  JugglerServer *self;
  GIOStream     *stream;
  GSocket       *socket;
  GCancellable  *cancellable;
  GSource       *linger_timer;
  char          *header;
  guint8        *buf;
  guint64        total;    /* bytes of the seed-0 stream to send after the header */
  guint64        sent;
  guint64        drained;
  gboolean       linger;   /* read and drop what the client still sends before closing */
} Takeover;

/* What the server knows about a message beyond what libsoup tells (qdata on the message). */
typedef struct
{
  /* The client's socket: libsoup knows it only for a connection's first message, not once
   * the connection has been kept alive and handed back. */
  GSocket  *socket;
  guint     wrapped;    /* stream wrappers around the socket's connection */
  gboolean  kept_alive; /* the connection's first message came from keep-alive */
  gboolean  handled;    /* handle_request_cb() answered it, not libsoup on its own */
  gboolean  corked;     /* its socket holds back partial segments until the answer ends */
  gpointer  pending;    /* its Pending, if any */
} MessageInfo;

/* A kept-alive connection on its way back to libsoup (keepalive_hand_back ()). */
typedef struct
{
  GIOStream      *stream;
  GSocket        *socket;
  GSocketAddress *local;
  GSocketAddress *remote;
  guint           wrapped;
} Reaccept;

static GQuark message_info_quark;

static void sweep_ensure (JugglerServer *self);

static void
message_info_free (gpointer data)
{
  MessageInfo *info = data;

  g_clear_object (&info->socket);
  g_free (info);
}

static MessageInfo *
message_info (SoupServerMessage *msg)
{
  MessageInfo *info = g_object_get_qdata (G_OBJECT (msg), message_info_quark);

  if (info == NULL)
    {
      info = g_new0 (MessageInfo, 1);
      g_object_set_qdata_full (G_OBJECT (msg), message_info_quark, info, message_info_free);
    }

  return info;
}

static GSocket *
message_socket (SoupServerMessage *msg)
{
  GSocket *socket = soup_server_message_get_socket (msg);

  return socket != NULL ? socket : message_info (msg)->socket;
}

static guint64
splitmix64_at (guint32 seed,
               guint64 index)
{
  guint64 z = seed + (index + 1) * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);

  return z ^ (z >> 31);
}

/* len bytes from offset on that all lie within one word of the stream. */
static void
fill_within_word (guint32  seed,
                  guint64  offset,
                  guint8  *buf,
                  gsize    len)
{
  guint64 word;

  g_assert (len == 0 || offset / 8 == (offset + len - 1) / 8);

  if (len == 0)
    return;

  word = splitmix64_at (seed, offset / 8);
  for (gsize i = 0; i < len; i++)
    buf[i] = (word >> (8 * ((offset + i) % 8))) & 0xff;
}

void
juggler_server_fill_bytes (guint32  seed,
                           guint64  offset,
                           guint8  *buf,
                           gsize    len)
{
  gsize head = MIN (len, (8 - offset % 8) % 8);
  gsize i;

  g_return_if_fail (buf != NULL || len == 0);

  /* Byte by byte up to the first word boundary and after the last whole word. */
  fill_within_word (seed, offset, buf, head);
  for (i = head; len - i >= 8; i += 8)
    {
      guint64 word = GUINT64_TO_LE (splitmix64_at (seed, (offset + i) / 8));

      memcpy (buf + i, &word, sizeof word);
    }
  fill_within_word (seed, offset + i, buf + i, len - i);
}

static G_GNUC_PRINTF (3, 4) void
respond_text (SoupServerMessage *msg,
              guint              status,
              const char        *format,
              ...)
{
  va_list args;
  char *text;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "text/plain; charset=utf-8", SOUP_MEMORY_TAKE, text,
                                    strlen (text));
}

static void
respond_not_found (SoupServerMessage *msg,
                   const char        *path,
                   gboolean           with_help)
{
  /* The path as sent, in ASCII: libsoup decoded it, and it may hold bytes that are not
   * UTF-8, which a text/plain; charset=utf-8 body must not. */
  g_autofree char *escaped = g_uri_escape_string (path, G_URI_RESERVED_CHARS_ALLOWED_IN_PATH,
                                                  FALSE);

  respond_text (msg, SOUP_STATUS_NOT_FOUND, "No such endpoint: %.200s\n%s", escaped,
                with_help ? "Try /delay/MS, /bytes/N?delay=MS&rate=BYTES_PER_S&seed=S, "
                            "/status/CODE, /hang or /truncate/N\n" : "");
}

static gboolean
parse_number (SoupServerMessage *msg,
              const char        *what,
              const char        *text,
              guint64            min,
              guint64            max,
              guint64           *out)
{
  if (text != NULL && g_ascii_string_to_unsigned (text, 10, min, max, out, NULL))
    return TRUE;

  respond_text (msg, SOUP_STATUS_BAD_REQUEST,
                "%s: expected a whole number from %" G_GUINT64_FORMAT " to %" G_GUINT64_FORMAT
                ", got “%.64s”\n", what, min, max, text != NULL ? text : "");
  return FALSE;
}

static void
source_destroy_and_unref (gpointer source)
{
  g_source_destroy (source);
  g_source_unref (source);
}

static void
pending_free (gpointer data)
{
  Pending *pending = data;

  g_clear_pointer (&pending->timer, source_destroy_and_unref);
  g_clear_signal_handler (&pending->finished_id, pending->msg);
  g_clear_signal_handler (&pending->wrote_chunk_id, pending->msg);
  message_info (pending->msg)->pending = NULL;
  g_object_unref (pending->msg);
  g_free (pending);
}

static void
pending_finished_cb (SoupServerMessage *msg,
                     gpointer           user_data)
{
  Pending *pending = user_data;

  /* Answered, or the client went away: either way nothing is left to do. */
  g_hash_table_remove (pending->self->pending, pending);
}

/* The client hung up while its answer waits. */
static void
pending_client_gone (Pending *pending)
{
  g_autoptr(GIOStream) stream = NULL;

  /* Taken from libsoup, which would keep it until the answer is due; the message goes with
   * the pending request, and the socket with the stream. */
  stream = soup_server_message_steal_connection (pending->msg);
  g_hash_table_remove (pending->self->pending, pending);
  if (stream != NULL)
    g_io_stream_close (stream, NULL, NULL);
}

static Pending *
pending_new (JugglerServer     *self,
             SoupServerMessage *msg)
{
  Pending *pending = g_new0 (Pending, 1);
  GSocket *socket = message_socket (msg);

  pending->self = self;
  pending->msg = g_object_ref (msg);
  pending->finished_id = g_signal_connect (msg, "finished", G_CALLBACK (pending_finished_cb),
                                           pending);
  g_hash_table_add (self->pending, pending);
  message_info (msg)->pending = pending;

  /* libsoup 3.2 does not watch the socket of a paused message: a client that gives up on
   * /hang or /delay would leave its socket in CLOSE_WAIT until the answer is due, or for
   * ever. So the sweep looks at it. */
  pending->fd = socket != NULL ? g_socket_get_fd (socket) : -1;
  sweep_ensure (self);

  return pending;
}

static void
pending_set_timer (Pending     *pending,
                   guint        ms,
                   GSourceFunc  callback)
{
  g_assert (pending->timer == NULL);

  pending->timer = g_timeout_source_new (ms);
  g_source_set_callback (pending->timer, callback, pending, NULL);
  g_source_attach (pending->timer, pending->self->context);
}

static gboolean
delay_done_cb (gpointer user_data)
{
  Pending *pending = user_data;

  g_clear_pointer (&pending->timer, g_source_unref);
  respond_text (pending->msg, SOUP_STATUS_OK, "Delayed %u ms\n", pending->delay_ms);
  soup_server_message_unpause (pending->msg);

  return G_SOURCE_REMOVE;
}

static void
handle_delay (JugglerServer     *self,
              SoupServerMessage *msg,
              const char        *arg)
{
  Pending *pending;
  guint64 ms;

  if (!parse_number (msg, "/delay/MS", arg, 0, JUGGLER_SERVER_MAX_DELAY_MS, &ms))
    return;

  /* Pausing keeps the connection open without holding the thread, so one thread can keep
   * thousands of delayed requests. */
  pending = pending_new (self, msg);
  pending->delay_ms = ms;
  soup_server_message_pause (msg);
  pending_set_timer (pending, ms, delay_done_cb);
}

static void
handle_hang (JugglerServer     *self,
             SoupServerMessage *msg)
{
  /* Never unpaused; stop() drops it and closes its connection. */
  pending_new (self, msg);
  soup_server_message_pause (msg);
}

static void
bytes_append (Pending *pending,
              guint64  len)
{
  SoupMessageBody *body = soup_server_message_get_response_body (pending->msg);
  guint8 *buf;

  len = MIN (len, pending->total - pending->sent);
  if (len > 0)
    {
      buf = g_malloc (len);
      juggler_server_fill_bytes (pending->seed, pending->sent, buf, len);
      soup_message_body_append_take (body, buf, len);
      pending->sent += len;
    }

  if (pending->sent == pending->total)
    soup_message_body_complete (body);
}

/* A tick's worth of bytes at the rate, but no more than is left to send. */
static guint64
bytes_next_tick_size (Pending *pending)
{
  guint64 tick_size = CLAMP (pending->rate * RATE_TICK_MS / 1000, 1, CHUNK_SIZE);

  return MIN (tick_size, pending->total - pending->sent);
}

static gboolean bytes_tick_cb (gpointer user_data);

static void
bytes_schedule (Pending *pending)
{
  guint64 want = bytes_next_tick_size (pending);
  double due_us = (double) (pending->sent + want) * G_USEC_PER_SEC / pending->rate;
  double wait_us = pending->start_us + due_us - g_get_monotonic_time ();

  pending_set_timer (pending, wait_us > 0 ? (guint) ((wait_us + 999) / 1000) : 0, bytes_tick_cb);
}

static gboolean
bytes_tick_cb (gpointer user_data)
{
  Pending *pending = user_data;
  double elapsed_s = (g_get_monotonic_time () - pending->start_us) / (double) G_USEC_PER_SEC;
  /* Never ahead of rate × elapsed, so the whole body takes at least total / rate. */
  guint64 allowed = MIN ((double) pending->total, pending->rate * elapsed_s) - pending->sent;
  guint64 want = bytes_next_tick_size (pending);

  g_clear_pointer (&pending->timer, g_source_unref);

  if (allowed < want)
    {
      /* The timer fired early by rounding: wait for the rest. */
      bytes_schedule (pending);
      return G_SOURCE_REMOVE;
    }

  bytes_append (pending, MIN (allowed, CHUNK_SIZE));
  soup_server_message_unpause (pending->msg);

  return G_SOURCE_REMOVE;
}

static void
bytes_wrote_chunk_cb (SoupServerMessage *msg,
                      gpointer           user_data)
{
  Pending *pending = user_data;

  if (pending->sent == pending->total)
    return;

  if (pending->rate == 0)
    {
      /* One chunk ahead of the socket: as fast as the client reads, in bounded memory. */
      bytes_append (pending, CHUNK_SIZE);
      return;
    }

  soup_server_message_pause (msg);
  bytes_schedule (pending);
}

static void
bytes_start (Pending *pending)
{
  pending->start_us = g_get_monotonic_time ();

  if (pending->rate == 0)
    {
      bytes_append (pending, CHUNK_SIZE);
      soup_server_message_unpause (pending->msg);
    }
  else
    {
      bytes_schedule (pending);
    }
}

static gboolean
bytes_delay_done_cb (gpointer user_data)
{
  Pending *pending = user_data;

  g_clear_pointer (&pending->timer, g_source_unref);
  bytes_start (pending);

  return G_SOURCE_REMOVE;
}

static void
handle_bytes (JugglerServer     *self,
              SoupServerMessage *msg,
              const char        *arg,
              GHashTable        *query)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  const char *seed_text = query != NULL ? g_hash_table_lookup (query, "seed") : NULL;
  const char *rate_text = query != NULL ? g_hash_table_lookup (query, "rate") : NULL;
  const char *delay_text = query != NULL ? g_hash_table_lookup (query, "delay") : NULL;
  guint64 total;
  guint64 seed = 0;
  guint64 rate = 0;
  guint64 delay_ms = 0;
  gboolean is_head = soup_server_message_get_method (msg) == SOUP_METHOD_HEAD;
  Pending *pending;

  if (!parse_number (msg, "/bytes/N", arg, 0, JUGGLER_SERVER_MAX_BYTES, &total) ||
      (seed_text != NULL && !parse_number (msg, "seed", seed_text, 0, G_MAXUINT32, &seed)) ||
      (rate_text != NULL && !parse_number (msg, "rate", rate_text, 0, MAX_RATE, &rate)) ||
      (delay_text != NULL &&
       !parse_number (msg, "delay", delay_text, 0, JUGGLER_SERVER_MAX_DELAY_MS, &delay_ms)))
    return;

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_content_type (headers, "application/octet-stream", NULL);
  soup_message_headers_set_encoding (headers, SOUP_ENCODING_CONTENT_LENGTH);
  soup_message_headers_set_content_length (headers, total);
  /* Written chunks are dropped instead of kept for the whole response. */
  soup_message_body_set_accumulate (body, FALSE);

  if ((total == 0 || is_head) && delay_ms == 0)
    {
      soup_message_body_complete (body);
      return;
    }

  pending = pending_new (self, msg);
  pending->seed = seed;
  pending->total = is_head ? 0 : total;
  pending->rate = rate;
  pending->wrote_chunk_id = g_signal_connect (msg, "wrote-chunk",
                                              G_CALLBACK (bytes_wrote_chunk_cb), pending);

  /* The answer waits delay_ms (a server's think time), then the body flows at the rate. */
  soup_server_message_pause (msg);
  if (delay_ms > 0)
    pending_set_timer (pending, delay_ms, bytes_delay_done_cb);
  else
    bytes_start (pending);
}

static void
handle_status (SoupServerMessage *msg,
               const char        *arg)
{
  guint64 code;

  if (!parse_number (msg, "/status/CODE", arg, 100, 599, &code))
    return;

  if (SOUP_STATUS_IS_INFORMATIONAL (code))
    {
      respond_text (msg, SOUP_STATUS_BAD_REQUEST,
                    "/status/CODE: %u is an interim status that cannot end a response; "
                    "use 200 to 599\n", (guint) code);
      return;
    }

  /* 204 and 304 must not carry a body, not even a Content-Length. */
  if (code == SOUP_STATUS_NO_CONTENT || code == SOUP_STATUS_NOT_MODIFIED)
    soup_server_message_set_status (msg, code, NULL);
  else
    respond_text (msg, code, "%u %s\n", (guint) code, soup_status_get_phrase (code));
}

static void
takeover_free (gpointer data)
{
  Takeover *takeover = data;

  g_clear_pointer (&takeover->linger_timer, source_destroy_and_unref);
  g_object_unref (takeover->stream);
  g_clear_object (&takeover->socket);
  g_object_unref (takeover->cancellable);
  g_free (takeover->header);
  g_free (takeover->buf);
  g_free (takeover);
}

static void
takeover_closed_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Takeover *takeover = user_data;

  /* The client may have gone already; there is no one to tell. */
  g_io_stream_close_finish (G_IO_STREAM (object), result, NULL);
  g_hash_table_remove (takeover->self->takeovers, takeover);
}

static void
takeover_close (Takeover *takeover)
{
  g_io_stream_close_async (takeover->stream, G_PRIORITY_DEFAULT, NULL, takeover_closed_cb,
                           takeover);
}

static void
takeover_drained_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  Takeover *takeover = user_data;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (object), result, NULL);

  if (n > 0 && takeover->drained + n < LINGER_MAX_BYTES)
    {
      takeover->drained += n;
      g_input_stream_read_async (G_INPUT_STREAM (object), takeover->buf, CHUNK_SIZE,
                                 G_PRIORITY_DEFAULT, takeover->cancellable, takeover_drained_cb,
                                 takeover);
      return;
    }

  /* The client closed, failed, sent too much or took too long. */
  takeover_close (takeover);
}

static gboolean
linger_timeout_cb (gpointer user_data)
{
  Takeover *takeover = user_data;

  g_clear_pointer (&takeover->linger_timer, g_source_unref);
  g_cancellable_cancel (takeover->cancellable);

  return G_SOURCE_REMOVE;
}

static void
takeover_linger (Takeover *takeover)
{
  /* The client sees the end of the response at once and can stop sending; what it sent
   * meanwhile is read and dropped, so that closing does not reset the connection before
   * the client has read the answer. */
  g_socket_shutdown (takeover->socket, FALSE, TRUE, NULL);

  takeover->linger_timer = g_timeout_source_new (LINGER_MAX_MS);
  g_source_set_callback (takeover->linger_timer, linger_timeout_cb, takeover, NULL);
  g_source_attach (takeover->linger_timer, takeover->self->context);

  g_input_stream_read_async (g_io_stream_get_input_stream (takeover->stream), takeover->buf,
                             CHUNK_SIZE, G_PRIORITY_DEFAULT, takeover->cancellable,
                             takeover_drained_cb, takeover);
}

static void
takeover_wrote_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Takeover *takeover = user_data;
  g_autoptr(GError) error = NULL;
  gsize len;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (object), result, NULL, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Writing by hand: %s", error->message);
      takeover_close (takeover);
      return;
    }

  if (takeover->sent < takeover->total)
    {
      len = MIN (CHUNK_SIZE, takeover->total - takeover->sent);
      juggler_server_fill_bytes (0, takeover->sent, takeover->buf, len);
      takeover->sent += len;
      g_output_stream_write_all_async (G_OUTPUT_STREAM (object), takeover->buf, len,
                                       G_PRIORITY_DEFAULT, takeover->cancellable,
                                       takeover_wrote_cb, takeover);
      return;
    }

  if (takeover->linger && takeover->socket != NULL &&
      !g_cancellable_is_cancelled (takeover->cancellable))
    takeover_linger (takeover);
  else
    takeover_close (takeover);
}

/* Takes msg's connection from libsoup, writes header (taken) and total bytes of the seed-0
 * stream on it, and closes it; msg is most likely freed on return. */
static void
takeover_start (JugglerServer     *self,
                SoupServerMessage *msg,
                char              *header,
                guint64            total,
                gboolean           linger)
{
  Takeover *takeover = g_new0 (Takeover, 1);
  GSocket *socket = message_socket (msg);

  takeover->self = self;
  takeover->socket = socket != NULL ? g_object_ref (socket) : NULL;
  takeover->stream = soup_server_message_steal_connection (msg);
  if (takeover->stream == NULL)
    {
      /* libsoup has let go of the connection already. */
      g_clear_object (&takeover->socket);
      g_free (header);
      g_free (takeover);
      return;
    }
  takeover->cancellable = g_cancellable_new ();
  takeover->header = header;
  takeover->buf = g_malloc (CHUNK_SIZE);
  takeover->total = total;
  takeover->linger = linger;
  g_hash_table_add (self->takeovers, takeover);

  g_output_stream_write_all_async (g_io_stream_get_output_stream (takeover->stream),
                                   takeover->header, strlen (takeover->header),
                                   G_PRIORITY_DEFAULT, takeover->cancellable, takeover_wrote_cb,
                                   takeover);
}

/* A complete error response on a connection that closes after it, without libsoup: it would
 * first read the whole request body. */
static void
refuse_by_hand (JugglerServer     *self,
                SoupServerMessage *msg,
                guint              status,
                const char        *text)
{
  const char *allow = status == SOUP_STATUS_METHOD_NOT_ALLOWED ? "Allow: GET, HEAD\r\n" : "";
  char *header = g_strdup_printf ("HTTP/1.1 %u %s\r\n"
                                  "Content-Type: text/plain; charset=utf-8\r\n"
                                  "Content-Length: %zu\r\n"
                                  "%s"
                                  "Connection: close\r\n"
                                  "\r\n"
                                  "%s", status, soup_status_get_phrase (status), strlen (text),
                                  allow, text);

  takeover_start (self, msg, header, 0, TRUE);
}

static void
handle_truncate (JugglerServer     *self,
                 SoupServerMessage *msg,
                 const char        *arg)
{
  guint64 announced;
  char *header;

  if (!parse_number (msg, "/truncate/N", arg, 1, JUGGLER_SERVER_MAX_BYTES, &announced))
    return;

  /* libsoup would never send fewer bytes than it announced, so the response is written
   * by hand on the raw connection. No "Connection: close": libsoup 3.2 clients then read
   * the body up to EOF and report a short body as complete instead of as an error. */
  header = g_strdup_printf ("HTTP/1.1 200 OK\r\n"
                            "Content-Type: application/octet-stream\r\n"
                            "Content-Length: %" G_GUINT64_FORMAT "\r\n"
                            "\r\n", announced);
  takeover_start (self, msg, header,
                  soup_server_message_get_method (msg) != SOUP_METHOD_HEAD ? announced / 2 : 0,
                  FALSE);
}

static void
handle_request_cb (SoupServer        *server,
                   SoupServerMessage *msg,
                   const char        *path,
                   GHashTable        *query,
                   gpointer           user_data)
{
  JugglerServer *self = user_data;
  g_auto(GStrv) parts = NULL;
  const char *endpoint;
  const char *arg;
  guint n_parts;

  message_info (msg)->handled = TRUE;

  /* Other methods and request bodies were refused in got_headers_cb(). */
  g_assert (soup_server_message_get_method (msg) == SOUP_METHOD_GET ||
            soup_server_message_get_method (msg) == SOUP_METHOD_HEAD);

  parts = g_strsplit (path[0] == '/' ? path + 1 : path, "/", 3);
  n_parts = g_strv_length (parts);
  endpoint = n_parts > 0 ? parts[0] : "";
  arg = n_parts == 2 ? parts[1] : NULL;

  if (n_parts > 2)
    respond_not_found (msg, path, FALSE);
  else if (g_str_equal (endpoint, "hang") && n_parts == 1)
    handle_hang (self, msg);
  else if (g_str_equal (endpoint, "delay"))
    handle_delay (self, msg, arg);
  else if (g_str_equal (endpoint, "bytes"))
    handle_bytes (self, msg, arg, query);
  else if (g_str_equal (endpoint, "status"))
    handle_status (msg, arg);
  else if (g_str_equal (endpoint, "truncate"))
    handle_truncate (self, msg, arg);
  else
    respond_not_found (msg, path, TRUE);
}

static void
message_finalized_cb (gpointer  user_data,
                      GObject  *where_the_object_was)
{
  JugglerServer *self = user_data;

  g_hash_table_remove (self->messages, where_the_object_was);
  g_hash_table_remove (self->handed_back, where_the_object_was);
  g_hash_table_remove (self->awaiting, where_the_object_was);
}

/*
 * Keep-alive. libsoup 3.2's server never notices a client closing a kept-alive connection:
 * the next message on it exists only once a byte of its request arrives, so when the client
 * closes before sending one, nothing ever closes the server's side, and the socket stays
 * open (CLOSE_WAIT) for as long as the server runs
 * (https://gitlab.gnome.org/GNOME/libsoup/-/commit/d20c6601, in 3.3.0). Nor could a timeout
 * close an idle one: no message of it is visible. So the server never lets libsoup keep a
 * connection itself. Every answer starts with "Connection: close", those libsoup gives on
 * its own too (400 for a bad path, 404 for OPTIONS *); an answer of handle_request_cb()
 * drops it (got_body_cb()) when the connection may live on, and once such an answer is
 * written, its connection is taken from libsoup and handed back as if newly accepted
 * (keepalive_hand_back()). libsoup then starts the connection's next message at once and
 * reads for it like for any first one: it closes the connection when the client does, and
 * the header sweep closes it when it idles past the idle timeout.
 */
static void
set_connection_close (SoupServerMessage *msg)
{
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Connection",
                                "close");
}

/* Open connections: each has one message libsoup holds, is written by hand, or is on its
 * way back to libsoup. A message whose connection was handed back may still be held for a
 * moment, while its successor on the connection is already there. */
static guint
count_connections (JugglerServer *self)
{
  return g_hash_table_size (self->messages) - g_hash_table_size (self->handed_back) +
         g_hash_table_size (self->takeovers) + g_queue_get_length (&self->reaccepts);
}

static gboolean
may_keep_alive (JugglerServer     *self,
                SoupServerMessage *msg)
{
  SoupMessageHeaders *request_headers = soup_server_message_get_request_headers (msg);

  /* HTTP/1.0 keeps a connection only when both sides say "Keep-Alive"; plain answers to
   * it close, as libsoup would. */
  return soup_server_message_get_http_version (msg) == SOUP_HTTP_1_1 &&
         !soup_message_headers_header_contains (request_headers, "Connection", "close") &&
         count_connections (self) <= self->connection_limit &&
         message_info (msg)->wrapped < MAX_WRAPPED;
}

/* What soup_server_message_is_keepalive() says for what this server sends: if libsoup
 * would keep the connection, the server must take it first. */
static gboolean
keeps_alive (SoupServerMessage *msg)
{
  SoupMessageHeaders *request_headers = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *response_headers = soup_server_message_get_response_headers (msg);

  return soup_server_message_get_http_version (msg) == SOUP_HTTP_1_1 &&
         soup_message_headers_get_encoding (response_headers) != SOUP_ENCODING_EOF &&
         !soup_message_headers_header_contains (request_headers, "Connection", "close") &&
         !soup_message_headers_header_contains (response_headers, "Connection", "close");
}

static void
reaccept_free (Reaccept *reaccept)
{
  g_clear_object (&reaccept->stream);
  g_object_unref (reaccept->socket);
  g_object_unref (reaccept->local);
  g_object_unref (reaccept->remote);
  g_free (reaccept);
}

/* The stream libsoup took over when it accepted the connection, without the wrappers it
 * added since, if none of them holds bytes the client sent already. */
static GIOStream *
unwrap_stream (GIOStream *stream,
               guint     *wrapped)
{
  GIOStream *base = g_object_ref (stream);
  GInputStream *input = g_io_stream_get_input_stream (stream);

  /* A wrapper is readable when it holds bytes or the socket below has some: then it
   * stays, lest a pipelined request be lost. */
  if (G_IS_POLLABLE_INPUT_STREAM (input) &&
      g_pollable_input_stream_is_readable (G_POLLABLE_INPUT_STREAM (input)))
    {
      (*wrapped)++;
      return base;
    }

  /* libsoup's SoupIOStream, which does not close what it wraps when it goes. */
  while (g_object_class_find_property (G_OBJECT_GET_CLASS (base), "base-iostream") != NULL)
    {
      GIOStream *inner = NULL;

      g_object_get (base, "base-iostream", &inner, NULL);
      if (inner == NULL)
        break;
      g_object_unref (base);
      base = inner;
    }
  *wrapped = 0;

  return base;
}

/* libsoup reads a handed-back connection's next request as soon as it accepts it, and
 * answers it then and there when it has arrived already: accepting in a main-loop source,
 * and only the connections queued before it ran, lets the other connections' I/O run in
 * between, or a few fast clients would keep the server to themselves. */
static gboolean
reaccept_cb (gpointer user_data)
{
  JugglerServer *self = user_data;
  GQueue batch = G_QUEUE_INIT;
  Reaccept *reaccept;

  batch = self->reaccepts;
  g_queue_init (&self->reaccepts);

  while ((reaccept = g_queue_pop_head (&batch)) != NULL)
    {
      self->accepting_socket = reaccept->socket;
      self->accepting_wrapped = reaccept->wrapped;
      soup_server_accept_iostream (self->server, reaccept->stream, reaccept->local,
                                   reaccept->remote, NULL);
      self->accepting_socket = NULL;
      reaccept_free (reaccept);
    }

  if (!g_queue_is_empty (&self->reaccepts))
    return G_SOURCE_CONTINUE;

  g_clear_pointer (&self->reaccept_source, g_source_unref);
  return G_SOURCE_REMOVE;
}

static void
keepalive_hand_back (JugglerServer     *self,
                     SoupServerMessage *msg)
{
  MessageInfo *info = message_info (msg);
  GSocket *socket = message_socket (msg);
  GSocketAddress *local = soup_server_message_get_local_address (msg);
  GSocketAddress *remote = soup_server_message_get_remote_address (msg);
  g_autoptr(GIOStream) stream = NULL;
  Reaccept *reaccept;

  if (socket == NULL || local == NULL || remote == NULL)
    {
      /* Not expected; then the connection ends rather than leak. */
      stream = soup_server_message_steal_connection (msg);
      if (stream != NULL)
        g_io_stream_close (stream, NULL, NULL);
      return;
    }

  reaccept = g_new0 (Reaccept, 1);
  reaccept->socket = g_object_ref (socket);
  reaccept->local = g_object_ref (local);
  reaccept->remote = g_object_ref (remote);
  reaccept->wrapped = info->wrapped;

  /* Taking the connection means libsoup never emits "finished": a streamed /bytes answer
   * is done with here. */
  if (info->pending != NULL)
    g_hash_table_remove (self->pending, info->pending);

  stream = soup_server_message_steal_connection (msg);
  if (stream == NULL)
    {
      reaccept_free (reaccept);
      return;
    }
  g_hash_table_add (self->handed_back, msg);
  reaccept->stream = unwrap_stream (stream, &reaccept->wrapped);

  g_queue_push_tail (&self->reaccepts, reaccept);
  if (self->reaccept_source == NULL)
    {
      self->reaccept_source = g_idle_source_new ();
      /* With the connections' own I/O, not after it. */
      g_source_set_priority (self->reaccept_source, G_PRIORITY_DEFAULT);
      g_source_set_callback (self->reaccept_source, reaccept_cb, self, NULL);
      g_source_set_static_name (self->reaccept_source, "[juggler] server keep-alive");
      g_source_attach (self->reaccept_source, self->context);
    }
}

/* The whole answer is written; libsoup would now keep the connection or close it. */
/* libsoup writes an answer's headers and its body in separate calls, and with
 * TCP_NODELAY each goes out in a packet of its own: the client then wakes and reads
 * twice. A small answer that goes out at once is corked into one. */
static void
set_cork (SoupServerMessage *msg,
          gboolean           cork)
{
  GSocket *socket = message_socket (msg);
  MessageInfo *info = message_info (msg);

  if (socket == NULL || info->corked == cork)
    return;
  info->corked = cork;
  g_socket_set_option (socket, IPPROTO_TCP, TCP_CORK, cork, NULL);
}

static gboolean
answer_is_small (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  Pending *pending = message_info (msg)->pending;

  return soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
         soup_message_headers_get_content_length (headers) <= CHUNK_SIZE &&
         (pending == NULL || (pending->rate == 0 && pending->timer == NULL));
}

static void
wrote_body_cb (SoupServerMessage *msg,
               gpointer           user_data)
{
  JugglerServer *self = user_data;

  set_cork (msg, FALSE);
  if (keeps_alive (msg))
    keepalive_hand_back (self, msg);
}

/* A kept-alive connection idled past the idle timeout, or its next request came too
 * slowly: closed without an answer, which a client racing it with a request would take for
 * the answer to that request; HTTP clients send a request again when a kept-alive
 * connection closes before it is answered. */
static void
close_idle (SoupServerMessage *msg)
{
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);

  if (stream != NULL)
    g_io_stream_close (stream, NULL, NULL);
}

/* Idle, or sending its headers too slowly: libsoup 3.2 has no timeout of its own. */
static void
refuse_late_headers (JugglerServer     *self,
                     SoupServerMessage *msg)
{
  char *header = g_strdup ("HTTP/1.1 408 Request Timeout\r\n"
                           "Content-Length: 0\r\n"
                           "Connection: close\r\n"
                           "\r\n");

  takeover_start (self, msg, header, 0, TRUE);
}

static void
sweep_pending (JugglerServer *self)
{
  g_autoptr(GArray) fds = g_array_new (FALSE, FALSE, sizeof (struct pollfd));
  g_autoptr(GPtrArray) watched = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer pending;

  g_hash_table_iter_init (&iter, self->pending);
  while (g_hash_table_iter_next (&iter, &pending, NULL))
    {
      struct pollfd fd = { ((Pending *) pending)->fd, CLIENT_GONE_EVENTS, 0 };

      if (fd.fd >= 0)
        {
          g_array_append_val (fds, fd);
          g_ptr_array_add (watched, pending);
        }
    }

  /* One system call for all of them, which does not wait. */
  if (fds->len == 0 || poll ((struct pollfd *) fds->data, fds->len, 0) <= 0)
    return;

  for (guint i = 0; i < fds->len; i++)
    {
      if (g_array_index (fds, struct pollfd, i).revents != 0)
        pending_client_gone (g_ptr_array_index (watched, i));
    }
}

static void
sweep_awaiting (JugglerServer *self)
{
  gint64 now = g_get_monotonic_time ();
  g_autoptr(GPtrArray) expired = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer msg;
  gpointer deadline;

  g_hash_table_iter_init (&iter, self->awaiting);
  while (g_hash_table_iter_next (&iter, &msg, &deadline))
    {
      if ((gint64) GPOINTER_TO_SIZE (deadline) <= now)
        {
          g_ptr_array_add (expired, msg);
          g_hash_table_iter_remove (&iter);
        }
    }

  for (guint i = 0; i < expired->len; i++)
    {
      SoupServerMessage *late = g_ptr_array_index (expired, i);

      if (message_info (late)->kept_alive)
        close_idle (late);
      else
        refuse_late_headers (self, late);
    }
}

static gboolean
sweep_cb (gpointer user_data)
{
  JugglerServer *self = user_data;

  sweep_pending (self);
  sweep_awaiting (self);

  if (g_hash_table_size (self->pending) > 0 || g_hash_table_size (self->awaiting) > 0)
    return G_SOURCE_CONTINUE;

  g_clear_pointer (&self->sweep, g_source_unref);
  return G_SOURCE_REMOVE;
}

static void
sweep_ensure (JugglerServer *self)
{
  if (self->sweep != NULL)
    return;

  self->sweep = g_timeout_source_new (MIN (SWEEP_MS,
                                           MAX (MIN (self->header_timeout_ms,
                                                     self->idle_timeout_ms) / 2, 1)));
  g_source_set_callback (self->sweep, sweep_cb, self, NULL);
  g_source_set_static_name (self->sweep, "[juggler] server sweep");
  g_source_attach (self->sweep, self->context);
}

static gboolean
request_has_body (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);

  switch (soup_message_headers_get_encoding (headers))
    {
    case SOUP_ENCODING_CONTENT_LENGTH:
      return soup_message_headers_get_content_length (headers) > 0;
    case SOUP_ENCODING_NONE:
      return FALSE;
    default:
      return TRUE;
    }
}

/* Runs after libsoup's own checks, before it reads a request body. */
static void
got_headers_cb (SoupServerMessage *msg,
                gpointer           user_data)
{
  JugglerServer *self = user_data;
  SoupMessageHeaders *request_headers = soup_server_message_get_request_headers (msg);
  const char *method = soup_server_message_get_method (msg);
  gboolean has_body = request_has_body (msg);
  guint status;

  g_hash_table_remove (self->awaiting, msg);

  /* No endpoint takes a body, so no body is read, not even to throw it away: an endless
   * chunked POST would otherwise grow the server's memory without bound. */
  if (soup_server_message_get_status (msg) == 0)
    {
      if (method != SOUP_METHOD_GET && method != SOUP_METHOD_HEAD)
        {
          soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                        "Allow", "GET, HEAD");
          respond_text (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "Only GET and HEAD are served\n");
        }
      else if (has_body)
        {
          respond_text (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE,
                        "No endpoint takes a request body\n");
        }
    }

  status = soup_server_message_get_status (msg);
  /* With "Expect: 100-continue", libsoup answers an error without reading the body. */
  if (status == 0 || !has_body ||
      (soup_message_headers_get_expectations (request_headers) & SOUP_EXPECTATION_CONTINUE))
    return;

  if (status == SOUP_STATUS_METHOD_NOT_ALLOWED)
    refuse_by_hand (self, msg, status, "Only GET and HEAD are served\n");
  else if (status == SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE)
    refuse_by_hand (self, msg, status, "No endpoint takes a request body\n");
  else
    refuse_by_hand (self, msg, status, "");
}

/* Runs after libsoup's own "got-body" handler, which calls handle_request_cb(). */
static void
got_body_cb (SoupServerMessage *msg,
             gpointer           user_data)
{
  JugglerServer *self = user_data;

  /* Only an answer of this server's own may keep its connection; and a "100 Continue"
   * clears the response headers, so "close" is set again. */
  if (message_info (msg)->handled && may_keep_alive (self, msg))
    {
      soup_message_headers_remove (soup_server_message_get_response_headers (msg),
                                   "Connection");
      if (answer_is_small (msg))
        set_cork (msg, TRUE);
    }
  else
    {
      set_connection_close (msg);
    }
}

static void
request_started_cb (SoupServer        *server,
                    SoupServerMessage *msg,
                    gpointer           user_data)
{
  JugglerServer *self = user_data;
  gboolean kept_alive = self->accepting_socket != NULL;
  guint timeout_ms = kept_alive ? self->idle_timeout_ms : self->header_timeout_ms;

  g_hash_table_add (self->messages, msg);
  g_object_weak_ref (G_OBJECT (msg), message_finalized_cb, self);
  if (kept_alive)
    {
      MessageInfo *info = message_info (msg);

      info->socket = g_object_ref (self->accepting_socket);
      info->wrapped = self->accepting_wrapped;
      info->kept_alive = TRUE;
    }

  /* Before libsoup can answer on its own. */
  set_connection_close (msg);
  /* Refused bodies are not read, but a body on a request libsoup rejects itself may be:
   * then it is not kept. */
  soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
  g_signal_connect (msg, "got-headers", G_CALLBACK (got_headers_cb), self);
  g_signal_connect (msg, "got-body", G_CALLBACK (got_body_cb), self);
  g_signal_connect (msg, "wrote-body", G_CALLBACK (wrote_body_cb), self);

  /* libsoup 3.2 starts a connection's first request when it accepts the connection, so
   * this covers a client that connects and sends nothing; and a kept-alive connection,
   * handed back, is a newly accepted one. */
  g_hash_table_insert (self->awaiting, msg,
                       GSIZE_TO_POINTER (g_get_monotonic_time () + timeout_ms * (gint64) 1000));
  sweep_ensure (self);
}

static gboolean
server_listen (JugglerServer  *self,
               guint16         port,
               GError        **error)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, port);
  g_autoptr(GSocketAddress) local = NULL;
  g_autoptr(GSocket) socket = NULL;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                         error);
  if (socket == NULL)
    return FALSE;

  g_socket_set_listen_backlog (socket, LISTEN_BACKLOG);
  /* allow_reuse only lets the port be taken over from a TIME_WAIT, never from a listener. */
  if (!g_socket_bind (socket, address, TRUE, error) || !g_socket_listen (socket, error))
    return FALSE;

  self->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (self->server, NULL, handle_request_cb, self, NULL);
  g_signal_connect (self->server, "request-started", G_CALLBACK (request_started_cb), self);
  if (!soup_server_listen_socket (self->server, socket, 0, error))
    return FALSE;

  local = g_socket_get_local_address (socket, error);
  if (local == NULL)
    return FALSE;
  self->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local));

  return TRUE;
}

/* Runs on the server thread once its loop has stopped. */
static void
server_teardown (JugglerServer *self)
{
  GHashTableIter iter;
  gpointer msg;
  gpointer takeover;
  Reaccept *reaccept;

  g_clear_pointer (&self->sweep, source_destroy_and_unref);
  g_clear_pointer (&self->reaccept_source, source_destroy_and_unref);
  while ((reaccept = g_queue_pop_head (&self->reaccepts)) != NULL)
    {
      g_io_stream_close (reaccept->stream, NULL, NULL);
      reaccept_free (reaccept);
    }
  g_hash_table_remove_all (self->awaiting);
  g_hash_table_remove_all (self->pending);

  /* libsoup 3.2 frees a message whose connection it closes only if the message has a
   * status: without one (an idle keep-alive connection waiting for its next request, a
   * paused /hang or /delay) the message and its socket leak. Give them one. */
  g_hash_table_iter_init (&iter, self->messages);
  while (g_hash_table_iter_next (&iter, &msg, NULL))
    {
      if (soup_server_message_get_status (msg) == 0)
        soup_server_message_set_status (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, NULL);
    }
  if (self->server != NULL)
    soup_server_disconnect (self->server);

  g_hash_table_iter_init (&iter, self->takeovers);
  while (g_hash_table_iter_next (&iter, &takeover, NULL))
    g_cancellable_cancel (((Takeover *) takeover)->cancellable);
  /* Cancelled writes and reads complete on the next iterations; each then closes its
   * stream. */
  while (g_hash_table_size (self->takeovers) > 0)
    g_main_context_iteration (self->context, TRUE);

  g_clear_object (&self->server);

  /* Let libsoup's idle callbacks for the closed connections run, so they free what they
   * hold; bounded because nothing should re-arm once the server is gone. */
  for (guint i = 0; i < 1000 && g_main_context_pending (self->context); i++)
    g_main_context_iteration (self->context, FALSE);

  g_hash_table_iter_init (&iter, self->messages);
  while (g_hash_table_iter_next (&iter, &msg, NULL))
    {
      g_warning ("A request to the server was not freed when it stopped");
      g_object_weak_unref (msg, message_finalized_cb, self);
      g_hash_table_remove (self->handed_back, msg);
      g_hash_table_iter_remove (&iter);
    }
}

static gpointer
server_thread_func (gpointer user_data)
{
  JugglerServer *self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean listening;

  g_main_context_push_thread_default (self->context);

  listening = server_listen (self, self->port, &error);

  g_mutex_lock (&self->mutex);
  self->start_error = g_steal_pointer (&error);
  self->start_done = TRUE;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->mutex);

  if (listening)
    g_main_loop_run (self->loop);

  server_teardown (self);
  g_main_context_pop_thread_default (self->context);

  return NULL;
}

static gboolean
quit_loop_cb (gpointer user_data)
{
  JugglerServer *self = user_data;

  g_main_loop_quit (self->loop);

  return G_SOURCE_REMOVE;
}

static void
juggler_server_dispose (GObject *object)
{
  JugglerServer *self = (JugglerServer *) object;

  juggler_server_stop (self);

  G_OBJECT_CLASS (juggler_server_parent_class)->dispose (object);
}

static void
juggler_server_finalize (GObject *object)
{
  JugglerServer *self = (JugglerServer *) object;

  g_clear_pointer (&self->messages, g_hash_table_unref);
  g_clear_pointer (&self->handed_back, g_hash_table_unref);
  g_clear_pointer (&self->pending, g_hash_table_unref);
  g_clear_pointer (&self->takeovers, g_hash_table_unref);
  g_clear_pointer (&self->awaiting, g_hash_table_unref);
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->cond);

  G_OBJECT_CLASS (juggler_server_parent_class)->finalize (object);
}

static void
juggler_server_class_init (JugglerServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = juggler_server_dispose;
  object_class->finalize = juggler_server_finalize;

  message_info_quark = g_quark_from_static_string ("juggler-server-message-info");
}

static void
juggler_server_init (JugglerServer *self)
{
  g_mutex_init (&self->mutex);
  g_cond_init (&self->cond);
  self->messages = g_hash_table_new (NULL, NULL);
  self->handed_back = g_hash_table_new (NULL, NULL);
  self->pending = g_hash_table_new_full (NULL, NULL, pending_free, NULL);
  self->takeovers = g_hash_table_new_full (NULL, NULL, takeover_free, NULL);
  self->awaiting = g_hash_table_new (NULL, NULL);
  self->header_timeout_ms = DEFAULT_HEADER_TIMEOUT_MS;
  self->idle_timeout_ms = DEFAULT_IDLE_TIMEOUT_MS;
  self->max_connections = DEFAULT_MAX_CONNECTIONS;
  g_queue_init (&self->reaccepts);
}

JugglerServer *
juggler_server_new (void)
{
  return g_object_new (JUGGLER_TYPE_SERVER, NULL);
}

gboolean
juggler_server_start (JugglerServer  *self,
                      guint16         port,
                      GError        **error)
{
  GError *start_error;

  g_return_val_if_fail (JUGGLER_IS_SERVER (self), FALSE);
  g_return_val_if_fail (self->thread == NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  juggler_prepare_fd_table ();
  self->connection_limit = self->max_connections;
  {
    struct rlimit limit;

    if (getrlimit (RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY)
      self->connection_limit = MIN (self->connection_limit, limit.rlim_cur / 4);
  }

  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  self->port = port;
  self->start_done = FALSE;

  self->thread = g_thread_try_new ("juggler-server", server_thread_func, self, error);
  if (self->thread == NULL)
    goto failed;

  g_mutex_lock (&self->mutex);
  while (!self->start_done)
    g_cond_wait (&self->cond, &self->mutex);
  start_error = g_steal_pointer (&self->start_error);
  g_mutex_unlock (&self->mutex);

  if (start_error != NULL)
    {
      g_thread_join (g_steal_pointer (&self->thread));
      g_propagate_prefixed_error (error, start_error, "Cannot serve on 127.0.0.1:%u: ", port);
      goto failed;
    }

  self->uri = g_strdup_printf ("http://127.0.0.1:%u/", self->port);
  return TRUE;

failed:
  g_clear_pointer (&self->loop, g_main_loop_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  self->port = 0;
  return FALSE;
}

void
juggler_server_stop (JugglerServer *self)
{
  g_return_if_fail (JUGGLER_IS_SERVER (self));

  if (self->thread == NULL)
    return;

  g_return_if_fail (g_thread_self () != self->thread);

  /* Through the context rather than g_main_loop_quit(), which is lost if the thread has not
   * entered g_main_loop_run() yet. */
  g_main_context_invoke (self->context, quit_loop_cb, self);
  g_thread_join (g_steal_pointer (&self->thread));

  g_clear_pointer (&self->loop, g_main_loop_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->uri, g_free);
  self->port = 0;
}

gboolean
juggler_server_is_running (JugglerServer *self)
{
  g_return_val_if_fail (JUGGLER_IS_SERVER (self), FALSE);

  return self->thread != NULL;
}

void
juggler_server_set_header_timeout (JugglerServer *self,
                                   guint          timeout_ms)
{
  g_return_if_fail (JUGGLER_IS_SERVER (self));
  g_return_if_fail (self->thread == NULL);
  g_return_if_fail (timeout_ms > 0);

  self->header_timeout_ms = timeout_ms;
}

void
juggler_server_set_idle_timeout (JugglerServer *self,
                                 guint          timeout_ms)
{
  g_return_if_fail (JUGGLER_IS_SERVER (self));
  g_return_if_fail (self->thread == NULL);
  g_return_if_fail (timeout_ms > 0);

  self->idle_timeout_ms = timeout_ms;
}

void
juggler_server_set_max_connections (JugglerServer *self,
                                    guint          max_connections)
{
  g_return_if_fail (JUGGLER_IS_SERVER (self));
  g_return_if_fail (self->thread == NULL);

  self->max_connections = max_connections;
}

const char *
juggler_server_get_uri (JugglerServer *self)
{
  g_return_val_if_fail (JUGGLER_IS_SERVER (self), NULL);

  return self->uri;
}

guint16
juggler_server_get_port (JugglerServer *self)
{
  g_return_val_if_fail (JUGGLER_IS_SERVER (self), 0);

  return self->thread != NULL ? self->port : 0;
}
