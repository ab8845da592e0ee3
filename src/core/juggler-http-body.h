/* juggler-http-body.h: a response body as it arrives, decoded, counted and digested
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* XXH64 (seed 0) in its canonical big-endian form, the digest of each body: it tells
 * bodies apart, it does not stand up to an adversary. */
#define JUGGLER_HTTP_BODY_DIGEST_LEN 8

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
/* The XXH64 of the decoded bytes so far, JUGGLER_HTTP_BODY_DIGEST_LEN bytes. */
void             juggler_http_body_get_digest     (JugglerHttpBody  *self,
                                                   guint8           *digest);

G_END_DECLS
