/* test-trace-sysprof.c: a juggler-bench run under a Sysprof collector leaves Juggler's marks
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sysprof_collector_mark () writes into a ring buffer that it asks for over the socket in
 * SYSPROF_CONTROL_FD ("CreatRing", answered with a memfd). sysprof-cli's control source is
 * that peer; it needs no sysprofd, so this test is the peer itself: libsysprof-4's
 * SysprofControlSource copies the frames into a capture file, which SysprofCaptureReader
 * then reads back, as Sysprof would.
 *
 * Usage: test-trace-sysprof PATH/TO/juggler-bench
 */
#define G_LOG_DOMAIN "test-trace-sysprof"

#include "config.h"

#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#ifdef HAVE_SYSPROF_COLLECTOR
#include <sysprof.h>

static const char *bench_path;

typedef struct
{
  gboolean  done;
  GError   *error;
} Wait;

static void
wait_check_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Wait *wait = user_data;

  g_subprocess_wait_check_finish (G_SUBPROCESS (object), result, &wait->error);
  wait->done = TRUE;
}

static gboolean
timed_out_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;

  return G_SOURCE_REMOVE;
}

/* Counts the capture's marks by "group/name", and the groups. */
static GHashTable *
count_marks (const char  *path,
             GHashTable  *groups)
{
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  SysprofCaptureReader *reader;
  SysprofCaptureFrameType type;

  reader = sysprof_capture_reader_new (path);
  g_assert_nonnull (reader);

  while (sysprof_capture_reader_peek_type (reader, &type))
    {
      const SysprofCaptureMark *mark;
      char *key;

      if (type != SYSPROF_CAPTURE_FRAME_MARK)
        {
          g_assert_true (sysprof_capture_reader_skip (reader));
          continue;
        }

      mark = sysprof_capture_reader_read_mark (reader);
      g_assert_nonnull (mark);
      g_assert_cmpint (mark->duration, >=, 0);
      key = g_strdup_printf ("%.*s/%.*s", (int) sizeof mark->group, mark->group,
                             (int) sizeof mark->name, mark->name);
      g_hash_table_insert (counts, key,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, key)) + 1));
      g_hash_table_add (groups, g_strndup (mark->group, sizeof mark->group));
    }

  sysprof_capture_reader_unref (reader);

  return g_steal_pointer (&counts);
}

static guint
count_name (GHashTable *counts,
            const char *name)
{
  GHashTableIter iter;
  gpointer key, value;
  guint n = 0;

  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const char *slash = strrchr (key, '/');

      if (g_str_equal (slash + 1, name))
        n += GPOINTER_TO_UINT (value);
    }

  return n;
}

static void
test_capture_has_marks (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("juggler-sysprof-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(SysprofCaptureWriter) writer = NULL;
  g_autoptr(SysprofSource) source = NULL;
  g_autoptr(SysprofSpawnable) spawnable = NULL;
  g_autoptr(GSubprocess) subprocess = NULL;
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) counts = NULL;
  g_auto(GStrv) env = g_get_environ ();
  Wait wait = { FALSE, NULL };
  gboolean timed_out = FALSE;
  guint timeout_id;

  g_assert_no_error (error);
  path = g_build_filename (dir, "run.syscap", NULL);
  writer = sysprof_capture_writer_new (path, 0);
  g_assert_nonnull (writer);

  source = SYSPROF_SOURCE (sysprof_control_source_new ());
  sysprof_source_set_writer (source, writer);

  /* A global-lock run: job steps in the workers' groups, waits for the lock, the run. It
   * lasts long enough for many of the lock's 5 ms turns (about 0.1 s of work): with 16 small
   * tiles one worker could take them all before the other got its first turn. */
  spawnable = sysprof_spawnable_new ();
  env = g_environ_unsetenv (env, "SYSPROF_CONTROL_FD");
  sysprof_spawnable_set_environ (spawnable, (const char * const *) env);
  sysprof_spawnable_append_args (spawnable, (const char * const []) {
      bench_path, "cpu", "--strategy", "global-lock", "--workers", "2", "--size", "256x256",
      "--tile", "32", "--iterations", "1000", NULL });
  sysprof_spawnable_set_flags (spawnable, G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  sysprof_source_modify_spawn (source, spawnable);
  sysprof_source_start (source);

  subprocess = sysprof_spawnable_spawn (spawnable, &error);
  g_assert_no_error (error);
  g_subprocess_wait_check_async (subprocess, NULL, wait_check_cb, &wait);

  timeout_id = g_timeout_add_seconds (120, timed_out_cb, &timed_out);
  while (!wait.done && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_assert_no_error (wait.error);

  /* The ring buffers outlive the child: the control source drains what is left of them
   * (it polls every 5 ms) before it stops. */
  for (guint i = 0; i < 10; i++)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (10 * 1000);
    }
  g_clear_handle_id (&timeout_id, g_source_remove);
  sysprof_source_stop (source);
  /* Its cancelled read hands back the reference it holds on the source. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_true (sysprof_capture_writer_flush (writer));

  counts = count_marks (path, groups);
  g_test_message ("marks: %u run, %u job step, %u lock wait",
                  count_name (counts, "run"), count_name (counts, "job step"),
                  count_name (counts, "lock wait"));

  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (counts, "Juggler/run")), ==, 1);
  /* 64 tiles of 32×32, each stepped at least once, by the workers' lanes. */
  g_assert_cmpuint (count_name (counts, "job step"), >=, 64);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (counts, "UI thread/job step")), ==, 0);
  g_assert_cmpuint (count_name (counts, "lock wait"), >=, 1);
  g_assert_true (g_hash_table_contains (groups, "worker 1"));
  g_assert_true (g_hash_table_contains (groups, "worker 2"));

  g_unlink (path);
  g_rmdir (dir);
}
#endif

int
main (int   argc,
      char *argv[])
{
#ifndef HAVE_SYSPROF
  /* exit 77: Meson counts the test as skipped. */
  g_print ("SKIP: Juggler was built without sysprof-capture (-Dsysprof=disabled)\n");
  return 77;
#elif !defined (HAVE_SYSPROF_COLLECTOR)
  g_print ("SKIP: libsysprof-4 (the control source that receives the marks) is not installed\n");
  return 77;
#else
  g_autofree char *path = NULL;

  g_test_init (&argc, &argv, NULL);

  g_assert_cmpint (argc, >, 1);
  /* The child starts elsewhere: a relative path would not find the bench. */
  path = g_canonicalize_filename (argv[1], NULL);
  bench_path = path;

  g_test_add_func ("/trace/sysprof/capture-has-marks", test_capture_has_marks);

  return g_test_run ();
#endif
}
