/* juggler-http-body.h: a response body as it arrives, decoded, counted and digested
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* SHA-256, the digest of each body. */
#define JUGGLER_HTTP_BODY_DIGEST_LEN 32

typedef struct _JugglerHttpBody JugglerHttpBody;

/* An empty body with no content coding. */
JugglerHttpBody *juggler_http_body_new            (void);
void             juggler_http_body_free           (JugglerHttpBody  *self);
/* From the response's Content-Encoding (NULL: none), before any byte: gzip, x-gzip and
 * deflate (zlib or raw) are decoded, anything else counts as it comes. */
void             juggler_http_body_set_coding     (JugglerHttpBody  *self,
                                                   const char       *coding);
/* The next bytes as sent, or the end (at_end, len 0). FALSE on data that does not decode
 * (G_IO_ERROR_INVALID_DATA) or a compressed stream that ends early
 * (G_IO_ERROR_PARTIAL_INPUT). */
gboolean         juggler_http_body_take           (JugglerHttpBody  *self,
                                                   const guint8     *data,
                                                   gsize             len,
                                                   gboolean          at_end,
                                                   GError          **error);
/* Bytes as sent (what Content-Length counts), and decoded. */
guint64          juggler_http_body_get_wire_bytes (JugglerHttpBody  *self);
guint64          juggler_http_body_get_bytes      (JugglerHttpBody  *self);
/* The SHA-256 of the decoded bytes, JUGGLER_HTTP_BODY_DIGEST_LEN bytes; no more bytes can be
 * taken afterwards. */
void             juggler_http_body_get_digest     (JugglerHttpBody  *self,
                                                   guint8           *digest);

G_END_DECLS
