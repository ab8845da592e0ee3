/* juggler-test-scenario.c: the built juggler binary, spawned with arguments, and its report
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "juggler-test-scenario.h"

GSubprocess *
juggler_test_spawn (GError **error,
                    ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const char *arg;
  va_list ap;

  g_ptr_array_add (args, (gpointer) g_getenv ("JUGGLER_BINARY"));
  va_start (ap, error);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  return g_subprocess_newv ((const char * const *) args->pdata,
                            G_SUBPROCESS_FLAGS_STDERR_PIPE, error);
}

JsonObject *
juggler_test_load_report (const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));

  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}
