/* juggler-server.h: the embedded HTTP test server on 127.0.0.1, in its own thread
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define JUGGLER_TYPE_SERVER (juggler_server_get_type ())

G_DECLARE_FINAL_TYPE (JugglerServer, juggler_server, JUGGLER, SERVER, GObject)

/* Upper bounds the server accepts; larger values are answered with 400. */
#define JUGGLER_SERVER_MAX_DELAY_MS (10 * 60 * 1000)
#define JUGGLER_SERVER_MAX_BYTES    (G_GUINT64_CONSTANT (1) << 30)

/*
 * Endpoints (GET or HEAD; everything else is 405, a request with a body 413, unknown paths
 * 404, bad numbers 400 with a text/plain body saying why):
 *   /delay/MS        200 with a short text body after MS milliseconds (0 to 600000)
 *   /bytes/N         N bytes (0 to 1 GiB) of juggler_server_fill_bytes() output, with
 *                    Content-Length: N; query ?seed=S (0 to 4294967295, default 0),
 *                    ?rate=BYTES_PER_S (absent or 0: as fast as possible; otherwise the
 *                    body never runs ahead of rate × elapsed time) and ?delay=MS (0 to
 *                    600000, default 0: the answer waits that long before it starts)
 *   /status/CODE     an empty response with that status, CODE 200 to 599; 100 to 199 are
 *                    interim codes that cannot end a response, so they get 400
 *   /hang            never answers; stopping the server still closes the connection
 *   /truncate/N      announces Content-Length: N (1 to 1 GiB), sends the first N / 2 bytes
 *                    of the seed-0 stream and closes the connection
 *
 * Requests are served on the server's own thread and GMainContext; nothing blocks there.
 * Answers to HTTP/1.1 requests keep their connection open for the next request (pipelined
 * ones too), unless the client asked for "Connection: close", the answer is an error libsoup
 * gives on its own (a malformed request), a refusal or a /truncate, or more than the
 * connection limit are open: those close it. A kept-alive connection that receives no
 * complete request within the idle timeout is closed without an answer. A request body is
 * never read: it is refused before it arrives. A client that sends no complete request
 * headers within the header timeout gets 408 and is closed; one that hangs up while its
 * answer waits (/hang, /delay, ?delay=) has its connection closed at once.
 */

JugglerServer *juggler_server_new        (void);
/* Listens on 127.0.0.1:port (0: an ephemeral port) and returns once it accepts connections. */
gboolean       juggler_server_start      (JugglerServer  *self,
                                          guint16         port,
                                          GError        **error);
/* How long a client may take from connecting to the end of its request headers (default:
 * 10 s); set before start(). */
void           juggler_server_set_header_timeout (JugglerServer *self,
                                                  guint          timeout_ms);
/* How long a kept-alive connection may wait for its next request's headers (default: 5 s);
 * set before start(). */
void           juggler_server_set_idle_timeout (JugglerServer *self,
                                                guint          timeout_ms);
/* Connections stay open for a next request only while at most this many are open (default
 * 1024, and never more than a quarter of the process's descriptor limit; 0: none ever);
 * set before start(). */
void           juggler_server_set_max_connections (JugglerServer *self,
                                                   guint          max_connections);
/* Idempotent; closes every connection, including hung ones, and joins the thread. */
void           juggler_server_stop       (JugglerServer  *self);
gboolean       juggler_server_is_running (JugglerServer  *self);
/* "http://127.0.0.1:PORT/" while running, else NULL. */
const char    *juggler_server_get_uri    (JugglerServer  *self);
/* The port listened on, or 0 when stopped. */
guint16        juggler_server_get_port   (JugglerServer  *self);

/*
 * The body of /bytes/N?seed=S: the SplitMix64 generator seeded with S, its 64-bit outputs
 * written little-endian one after another. Byte i is byte (i mod 8) of
 *   z = S + (i / 8 + 1) × 0x9E3779B97F4A7C15          (mod 2^64)
 *   z = (z ^ (z >> 30)) × 0xBF58476D1CE4E5B9
 *   z = (z ^ (z >> 27)) × 0x94D049BB133111EB
 *   z = z ^ (z >> 31)
 * so any range can be checked without generating what comes before it. Fills buf with
 * len bytes starting at stream offset offset.
 */
void           juggler_server_fill_bytes (guint32         seed,
                                          guint64         offset,
                                          guint8         *buf,
                                          gsize           len);

G_END_DECLS
