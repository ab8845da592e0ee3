/* juggler-http-body.c: a response body as it arrives, decoded, counted and digested
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The digest is XXH64 (seed 0), computed as the bytes come, whatever their chunks. It only
 * has to show that every strategy got the same bytes, and SHA-256 made that most of the
 * client's work: GLib's takes about 54 instructions a byte, XXH64 well under one, so a 16 KB
 * body cost about 880,000 instructions of SHA-256 where all of libsoup's work for it costs
 * about 600,000.
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
#include <string.h>

#define DECODED_SIZE 16384

/* XXH64 as its specification gives it (xxhash.com, doc/xxhash_spec.md). */
#define XXH_PRIME64_1 G_GUINT64_CONSTANT (0x9E3779B185EBCA87)
#define XXH_PRIME64_2 G_GUINT64_CONSTANT (0xC2B2AE3D27D4EB4F)
#define XXH_PRIME64_3 G_GUINT64_CONSTANT (0x165667B19E3779F9)
#define XXH_PRIME64_4 G_GUINT64_CONSTANT (0x85EBCA77C2B2AE63)
#define XXH_PRIME64_5 G_GUINT64_CONSTANT (0x27D4EB2F165667C5)
#define XXH_STRIPE    32

typedef struct
{
  guint64 lanes[4];
  guint64 total_len;
  guint8  pending[XXH_STRIPE];  /* the start of a stripe not yet whole */
  gsize   n_pending;
} Xxh64;

struct _JugglerHttpBody
{
  Xxh64       digest;
  guint64     bytes;
  guint64     wire_bytes;
  gboolean    deflate_pending; /* zlib or raw deflate: the first bytes tell */
  GConverter *decoder;         /* NULL: the body counts as it comes */
  gboolean    decoder_finished;
  guint8     *decoded;
};

static inline guint64
xxh_rotl (guint64 x,
          guint   r)
{
  return (x << r) | (x >> (64 - r));
}

static inline guint64
xxh_read64 (const guint8 *p)
{
  guint64 v;

  memcpy (&v, p, sizeof v);
  return GUINT64_FROM_LE (v);
}

static inline guint32
xxh_read32 (const guint8 *p)
{
  guint32 v;

  memcpy (&v, p, sizeof v);
  return GUINT32_FROM_LE (v);
}

static inline guint64
xxh_round (guint64 acc,
           guint64 input)
{
  return xxh_rotl (acc + input * XXH_PRIME64_2, 31) * XXH_PRIME64_1;
}

static inline guint64
xxh_merge_round (guint64 acc,
                 guint64 lane)
{
  return (acc ^ xxh_round (0, lane)) * XXH_PRIME64_1 + XXH_PRIME64_4;
}

static void
xxh64_init (Xxh64 *state)
{
  memset (state, 0, sizeof *state);
  state->lanes[0] = XXH_PRIME64_1 + XXH_PRIME64_2;
  state->lanes[1] = XXH_PRIME64_2;
  state->lanes[2] = 0;
  state->lanes[3] = -XXH_PRIME64_1;
}

static inline void
xxh64_stripe (guint64      *lanes,
              const guint8 *p)
{
  lanes[0] = xxh_round (lanes[0], xxh_read64 (p));
  lanes[1] = xxh_round (lanes[1], xxh_read64 (p + 8));
  lanes[2] = xxh_round (lanes[2], xxh_read64 (p + 16));
  lanes[3] = xxh_round (lanes[3], xxh_read64 (p + 24));
}

static void
xxh64_update (Xxh64        *state,
              const guint8 *data,
              gsize         len)
{
  guint64 lanes[4];

  state->total_len += len;

  if (state->n_pending + len < XXH_STRIPE)
    {
      if (len > 0)
        memcpy (state->pending + state->n_pending, data, len);
      state->n_pending += len;
      return;
    }

  memcpy (lanes, state->lanes, sizeof lanes);
  if (state->n_pending > 0)
    {
      gsize fill = XXH_STRIPE - state->n_pending;

      memcpy (state->pending + state->n_pending, data, fill);
      xxh64_stripe (lanes, state->pending);
      data += fill;
      len -= fill;
      state->n_pending = 0;
    }
  for (; len >= XXH_STRIPE; data += XXH_STRIPE, len -= XXH_STRIPE)
    xxh64_stripe (lanes, data);
  memcpy (state->lanes, lanes, sizeof lanes);

  if (len > 0)
    memcpy (state->pending, data, len);
  state->n_pending = len;
}

static guint64
xxh64_digest (const Xxh64 *state)
{
  const guint8 *p = state->pending;
  gsize len = state->n_pending;
  guint64 h;

  if (state->total_len >= XXH_STRIPE)
    {
      const guint64 *v = state->lanes;

      h = xxh_rotl (v[0], 1) + xxh_rotl (v[1], 7) + xxh_rotl (v[2], 12) + xxh_rotl (v[3], 18);
      for (guint i = 0; i < 4; i++)
        h = xxh_merge_round (h, v[i]);
    }
  else
    {
      h = XXH_PRIME64_5;
    }
  h += state->total_len;

  for (; len >= 8; p += 8, len -= 8)
    h = xxh_rotl (h ^ xxh_round (0, xxh_read64 (p)), 27) * XXH_PRIME64_1 + XXH_PRIME64_4;
  if (len >= 4)
    {
      h = xxh_rotl (h ^ (xxh_read32 (p) * XXH_PRIME64_1), 23) * XXH_PRIME64_2 + XXH_PRIME64_3;
      p += 4;
      len -= 4;
    }
  for (; len > 0; p++, len--)
    h = xxh_rotl (h ^ (*p * XXH_PRIME64_5), 11) * XXH_PRIME64_1;

  h ^= h >> 33;
  h *= XXH_PRIME64_2;
  h ^= h >> 29;
  h *= XXH_PRIME64_3;
  h ^= h >> 32;

  return h;
}

JugglerHttpBody *
juggler_http_body_new (void)
{
  JugglerHttpBody *self = g_new0 (JugglerHttpBody, 1);

  xxh64_init (&self->digest);

  return self;
}

void
juggler_http_body_free (JugglerHttpBody *self)
{
  if (self == NULL)
    return;

  g_clear_object (&self->decoder);
  g_free (self->decoded);
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
  xxh64_update (&self->digest, data, len);
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
  guint64 be;

  g_return_if_fail (self != NULL);
  g_return_if_fail (digest != NULL);

  /* Big-endian, as XXH64's canonical form writes it. */
  be = GUINT64_TO_BE (xxh64_digest (&self->digest));
  memcpy (digest, &be, JUGGLER_HTTP_BODY_DIGEST_LEN);
}
