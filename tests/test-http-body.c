/* test-http-body.c: a response body's digest, against XXH64's reference values and whatever
 * the chunks it arrives in
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-http-body"

#include "config.h"

#include <string.h>

#include "juggler-http-body.h"

static guint64
digest_of_chunks (const guint8 *data,
                  gsize         len,
                  gsize         chunk)
{
  JugglerHttpBody *body = juggler_http_body_new ();
  guint8 digest[JUGGLER_HTTP_BODY_DIGEST_LEN];
  guint64 value = 0;

  for (gsize at = 0; at < len; at += MIN (chunk, len - at))
    g_assert_true (juggler_http_body_take (body, data + at, MIN (chunk, len - at), FALSE, NULL));
  g_assert_true (juggler_http_body_take (body, NULL, 0, TRUE, NULL));
  g_assert_cmpuint (juggler_http_body_get_bytes (body), ==, len);
  g_assert_cmpuint (juggler_http_body_get_wire_bytes (body), ==, len);

  juggler_http_body_get_digest (body, digest);
  juggler_http_body_free (body);

  /* Big-endian, XXH64's canonical form. */
  for (guint i = 0; i < JUGGLER_HTTP_BODY_DIGEST_LEN; i++)
    value = value << 8 | digest[i];

  return value;
}

/* Values from the reference implementation (libxxhash 0.8.1, XXH64 with seed 0). */
static void
test_reference (void)
{
  g_autofree guint8 *ramp = g_malloc (1027);

  for (guint i = 0; i < 1024; i++)
    ramp[i] = i % 256;
  memcpy (ramp + 1024, "xyz", 3);

  g_assert_cmphex (digest_of_chunks (NULL, 0, 1), ==, G_GUINT64_CONSTANT (0xef46db3751d8e999));
  g_assert_cmphex (digest_of_chunks ((const guint8 *) "a", 1, 1), ==,
                   G_GUINT64_CONSTANT (0xd24ec4f1a98c6e5b));
  g_assert_cmphex (digest_of_chunks ((const guint8 *) "abc", 3, 3), ==,
                   G_GUINT64_CONSTANT (0x44bc2cf5ad770999));
  g_assert_cmphex (digest_of_chunks ((const guint8 *) "0123456789abcdefghijklmnopqrstuvwxyz",
                                     36, 36), ==, G_GUINT64_CONSTANT (0x69196c1b3af0bff9));
  g_assert_cmphex (digest_of_chunks (ramp, 1027, 1027), ==,
                   G_GUINT64_CONSTANT (0xe146cb31b65bc21a));
}

/* Strategies read a body in different pieces: the digest must not tell. */
static void
test_chunks (void)
{
  const gsize chunks[] = { 1, 3, 7, 8, 31, 32, 33, 64, 1000, 16384 };
  const gsize len = 16384 + 29;
  g_autofree guint8 *data = g_malloc (len);
  guint64 whole;

  for (gsize i = 0; i < len; i++)
    data[i] = (i * 2654435761u) >> 13;
  whole = digest_of_chunks (data, len, len);

  for (guint c = 0; c < G_N_ELEMENTS (chunks); c++)
    g_assert_cmphex (digest_of_chunks (data, len, chunks[c]), ==, whole);

  /* One byte changed anywhere changes it. */
  data[len / 2] ^= 1;
  g_assert_cmphex (digest_of_chunks (data, len, 1000), !=, whole);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/http/body/digest-reference", test_reference);
  g_test_add_func ("/core/http/body/digest-chunks", test_chunks);

  return g_test_run ();
}
