/* juggler-http-body.c: a response body as it arrives, decoded, counted and digested
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Bodies are decoded here rather than by libsoup's content decoder, which falls back to
 * passing undecodable data through and cannot tell a truncated compressed body from a
 * whole one: a gzip or deflate body is complete when the decoder reached its end, and its
 * wire length is what Content-Length counts.
 */
#define G_LOG_DOMAIN "juggler-http-body"

#include "config.h"

#include "juggler-http-body.h"

#include <glib/gi18n-lib.h>

#define DECODED_SIZE 16384

struct _JugglerHttpBody
{
  GChecksum  *checksum;
  guint64     bytes;
  guint64     wire_bytes;
  gboolean    deflate_pending; /* zlib or raw deflate: the first bytes tell */
  GConverter *decoder;         /* NULL: the body counts as it comes */
  gboolean    decoder_finished;
  guint8     *decoded;
};

JugglerHttpBody *
juggler_http_body_new (void)
{
  JugglerHttpBody *self = g_new0 (JugglerHttpBody, 1);

  self->checksum = g_checksum_new (G_CHECKSUM_SHA256);

  return self;
}

void
juggler_http_body_free (JugglerHttpBody *self)
{
  if (self == NULL)
    return;

  g_clear_object (&self->decoder);
  g_free (self->decoded);
  g_checksum_free (self->checksum);
  g_free (self);
}

void
juggler_http_body_set_coding (JugglerHttpBody *self,
                              const char      *coding)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (self->wire_bytes == 0 && self->decoder == NULL);

  if (coding == NULL)
    return;

  if (g_ascii_strcasecmp (coding, "gzip") == 0 || g_ascii_strcasecmp (coding, "x-gzip") == 0)
    self->decoder = G_CONVERTER (g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP));
  else if (g_ascii_strcasecmp (coding, "deflate") == 0)
    self->deflate_pending = TRUE;

  if (self->decoder != NULL || self->deflate_pending)
    self->decoded = g_malloc (DECODED_SIZE);
}

static void
take_decoded (JugglerHttpBody *self,
              const guint8    *data,
              gsize            len)
{
  g_checksum_update (self->checksum, data, len);
  self->bytes += len;
}

/* "deflate" means zlib (RFC 9110), yet some servers send raw deflate: a zlib stream starts
 * with a method byte of 8 and a header that is a multiple of 31. */
static void
choose_deflate (JugglerHttpBody *self,
                const guint8    *data,
                gsize            len)
{
  gboolean zlib = len >= 2 && (data[0] & 0x0f) == 8 && ((data[0] << 8) | data[1]) % 31 == 0;

  self->deflate_pending = FALSE;
  self->decoder = G_CONVERTER (g_zlib_decompressor_new (zlib ? G_ZLIB_COMPRESSOR_FORMAT_ZLIB
                                                              : G_ZLIB_COMPRESSOR_FORMAT_RAW));
}

gboolean
juggler_http_body_take (JugglerHttpBody  *self,
                        const guint8     *data,
                        gsize             len,
                        gboolean          at_end,
                        GError          **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (data != NULL || len == 0, FALSE);

  self->wire_bytes += len;

  if (self->deflate_pending && len > 0)
    choose_deflate (self, data, len);

  if (self->decoder == NULL)
    {
      take_decoded (self, data, len);
      return TRUE;
    }

  for (;;)
    {
      g_autoptr(GError) local_error = NULL;
      GConverterResult converted;
      gsize n_read = 0;
      gsize n_written = 0;

      if (self->decoder_finished)
        {
          if (len == 0)
            return TRUE;
          /* Another gzip member may follow (RFC 1952); anything else is invalid data. */
          g_converter_reset (self->decoder);
          self->decoder_finished = FALSE;
        }

      converted = g_converter_convert (self->decoder, data, len, self->decoded, DECODED_SIZE,
                                       at_end ? G_CONVERTER_INPUT_AT_END : G_CONVERTER_NO_FLAGS,
                                       &n_read, &n_written, &local_error);
      if (converted == G_CONVERTER_ERROR)
        {
          if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          if (!at_end)
            return TRUE;
          /* A coding announced for an empty body is no error. */
          if (self->wire_bytes == 0)
            return TRUE;
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT,
                               _("The compressed body ends early"));
          return FALSE;
        }

      take_decoded (self, self->decoded, n_written);
      data += n_read;
      len -= n_read;
      if (converted == G_CONVERTER_FINISHED)
        self->decoder_finished = TRUE;

      if (len == 0 && (!at_end || self->decoder_finished))
        return TRUE;
      if (n_read == 0 && n_written == 0)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT,
                               _("The compressed body ends early"));
          return FALSE;
        }
    }
}

guint64
juggler_http_body_get_wire_bytes (JugglerHttpBody *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->wire_bytes;
}

guint64
juggler_http_body_get_bytes (JugglerHttpBody *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->bytes;
}

void
juggler_http_body_get_digest (JugglerHttpBody *self,
                              guint8          *digest)
{
  gsize len = JUGGLER_HTTP_BODY_DIGEST_LEN;

  g_return_if_fail (self != NULL);
  g_return_if_fail (digest != NULL);

  g_checksum_get_digest (self->checksum, digest, &len);
  g_assert (len == JUGGLER_HTTP_BODY_DIGEST_LEN);
}
