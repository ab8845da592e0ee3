/* test-http-session.c: which URL lists connect straight to an address, and a session that does
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-http-session"

#include "config.h"

#include "juggler-http-session.h"
#include "juggler-test-http.h"

static void
uri_unref_if_set (gpointer uri)
{
  g_clear_pointer (&uri, g_uri_unref);
}

/* The direct address of n_urls URLs, each one parsed; NULL stands for an invalid URL, as the
 * workload keeps it. */
static GSocketConnectable *
direct_address_of (const char * const *urls,
                   guint               n_urls)
{
  g_autoptr(GPtrArray) uris = g_ptr_array_new_with_free_func (uri_unref_if_set);

  for (guint i = 0; i < n_urls; i++)
    {
      if (urls[i] == NULL)
        {
          g_ptr_array_add (uris, NULL);
          continue;
        }
      g_ptr_array_add (uris, g_uri_parse (urls[i], G_URI_FLAGS_NONE, NULL));
      g_assert_nonnull (g_ptr_array_index (uris, i));
    }

  return juggler_http_session_direct_address (uris);
}

static void
assert_address (GSocketConnectable *connectable,
                const char         *address,
                guint16             port)
{
  GInetSocketAddress *socket_address;
  g_autofree char *text = NULL;

  g_assert_true (G_IS_INET_SOCKET_ADDRESS (connectable));
  socket_address = G_INET_SOCKET_ADDRESS (connectable);
  text = g_inet_address_to_string (g_inet_socket_address_get_address (socket_address));
  g_assert_cmpstr (text, ==, address);
  g_assert_cmpuint (g_inet_socket_address_get_port (socket_address), ==, port);
}

static void
test_direct_address (void)
{
  const char *one[] = { "http://127.0.0.1:8080/bytes/1" };
  const char *same[] = { "http://127.0.0.1:8080/a", NULL, "http://127.0.0.1:8080/b?delay=5" };
  const char *ipv6[] = { "http://[::1]:9000/" };
  const char *default_port[] = { "http://127.0.0.2/" };
  const char *two_ports[] = { "http://127.0.0.1:8080/", "http://127.0.0.1:8081/" };
  const char *two_hosts[] = { "http://127.0.0.1:8080/", "http://127.0.0.2:8080/" };
  const char *named[] = { "http://localhost:8080/" };
  const char *tls[] = { "https://127.0.0.1:8443/" };
  const char *remote[] = { "http://192.0.2.1:8080/" };
  const char *none[] = { NULL };
  GSocketConnectable *connectable;

  connectable = direct_address_of (one, G_N_ELEMENTS (one));
  assert_address (connectable, "127.0.0.1", 8080);
  g_object_unref (connectable);

  /* An invalid URL fails its own requests and does not connect anywhere. */
  connectable = direct_address_of (same, G_N_ELEMENTS (same));
  assert_address (connectable, "127.0.0.1", 8080);
  g_object_unref (connectable);

  connectable = direct_address_of (ipv6, G_N_ELEMENTS (ipv6));
  assert_address (connectable, "::1", 9000);
  g_object_unref (connectable);

  connectable = direct_address_of (default_port, G_N_ELEMENTS (default_port));
  assert_address (connectable, "127.0.0.2", 80);
  g_object_unref (connectable);

  /* One session connects every request to the one address: never when they differ. */
  g_assert_null (direct_address_of (two_ports, G_N_ELEMENTS (two_ports)));
  g_assert_null (direct_address_of (two_hosts, G_N_ELEMENTS (two_hosts)));
  /* A name is the resolver's to answer, TLS checks the host's name, and only loopback
   * needs no proxy. */
  g_assert_null (direct_address_of (named, G_N_ELEMENTS (named)));
  g_assert_null (direct_address_of (tls, G_N_ELEMENTS (tls)));
  g_assert_null (direct_address_of (remote, G_N_ELEMENTS (remote)));
  g_assert_null (direct_address_of (none, G_N_ELEMENTS (none)));
}

/* A session that connects to the server's address fetches what the URL names, with the
 * URL's Host. */
static void
test_session_direct (JugglerTestHttpFixture *fixture,
                     gconstpointer           data)
{
  g_autofree char *url = juggler_test_http_url (fixture, "bytes/1000");
  g_autoptr(GPtrArray) uris = g_ptr_array_new_with_free_func ((GDestroyNotify) g_uri_unref);
  g_autoptr(GSocketConnectable) remote = NULL;
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  guint status = 0;

  g_ptr_array_add (uris, g_uri_parse (url, G_URI_FLAGS_NONE, NULL));
  remote = juggler_http_session_direct_address (uris);
  assert_address (remote, "127.0.0.1", juggler_server_get_port (fixture->server));

  session = juggler_http_session_new (10, 4, JUGGLER_HTTP_SESSION_SKIP_PROXY |
                                      JUGGLER_HTTP_SESSION_NO_AUTH, remote);
  g_assert_true (soup_session_get_remote_connectable (session) == remote);

  body = juggler_test_server_get (session, fixture->server, "bytes/1000", &status, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (status, ==, SOUP_STATUS_OK);
  g_assert_cmpuint (g_bytes_get_size (body), ==, 1000);
}

int
main (int    argc,
      char **argv)
{
  juggler_test_http_init ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/http-session/direct-address", test_direct_address);
  JUGGLER_TEST_ADD_HTTP ("/http-session/direct", test_session_direct);

  return g_test_run ();
}
