/* juggler-test-scenario.c: the built juggler binary, run through --run-scenario
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "juggler-test-scenario.h"

#include <glib/gstdio.h>
#include <string.h>

/* $JUGGLER_BINARY --run-scenario=SCENARIO --quit-when-done, to be completed by the caller. */
static GPtrArray *
scenario_args_new (const char *scenario)
{
  GPtrArray *args = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (args, g_strdup (g_getenv ("JUGGLER_BINARY")));
  g_ptr_array_add (args, g_strdup_printf ("--run-scenario=%s", scenario));
  g_ptr_array_add (args, g_strdup ("--quit-when-done"));

  return args;
}

/* Runs the command to its end. Its stderr is read to the end, not left in a pipe that
 * could fill up and block the child while we wait for it. */
static GSubprocess *
run_to_end (GPtrArray  *args,
            char      **err_out)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (args, NULL);
  process = g_subprocess_newv ((const char * const *) args->pdata,
                               G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, err_out, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&process);
}

static JsonObject *
load_report (const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));

  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

JsonObject *
juggler_test_run_scenario (const char *scenario,
                           ...)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) args = scenario_args_new (scenario);
  g_autofree char *dir = g_dir_make_tmp ("juggler-test-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *err = NULL;
  const char *arg;
  JsonObject *report;
  va_list ap;

  g_assert_no_error (error);
  path = g_build_filename (dir, "report.json", NULL);
  g_ptr_array_add (args, g_strdup_printf ("--report=%s", path));
  va_start (ap, scenario);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, g_strdup (arg));
  va_end (ap);

  process = run_to_end (args, &err);
  if (!g_subprocess_get_if_exited (process) || g_subprocess_get_exit_status (process) != 0)
    g_printerr ("%s", err);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);

  report = load_report (path);
  g_unlink (path);
  g_rmdir (dir);

  return report;
}

void
juggler_test_assert_usage_error (const char *scenario,
                                 const char *arg)
{
  g_autoptr(GPtrArray) args = scenario_args_new (scenario);
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *err = NULL;

  g_ptr_array_add (args, g_strdup (arg));
  process = run_to_end (args, &err);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 2);
  g_assert_nonnull (strstr (err, "juggler: "));
}
