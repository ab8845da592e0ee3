/* main.c: starts the Juggler application
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "juggler-application.h"
#include "juggler-empty-theme.h"
#include "juggler-fd-limit.h"
#include "juggler-font-warm-up.h"
#include "juggler-locale.h"

/* After the application's own startup, which ran gtk_init() and adw_init(), and before
 * activate makes the window: see juggler-font-warm-up.c. The worker has usually been done for
 * tens of milliseconds by then; if it is late, 5 ms of waiting cost less than what it saves
 * the UI thread (about 70 M instructions, some 20 ms here). */
static void
startup_cb (GApplication *app,
            gpointer      user_data)
{
  juggler_font_warm_up_finish (5 * G_TIME_SPAN_MILLISECOND);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(JugglerApplication) app = NULL;
  int status;

  /* First, while the process has one thread: see juggler-fd-limit.h. */
  juggler_prepare_fd_table ();

#ifdef M_ARENA_MAX
  /* Two malloc arenas: the UI thread's and one that every other thread shares. glibc gives
   * each thread that allocates while the others' arenas are busy an arena of its own, up to
   * 8 per core, and at startup Pango sorts each new font pattern in a thread of its own
   * (about 30 of them), GTK loads icons in GTask's pool and GDBus starts its thread: idle,
   * the window kept five arenas more, each with pages of its own and free space no other
   * thread reuses, about 0.55 MB of RSS (5 rounds under Xvfb, 36.4 MB against 35.8 MB).
   * The workers barely allocate (a tile's buffers per job; thread caches take the small
   * blocks): a CPU run with 2 workers waits on the same few futexes either way, and 10
   * blocking HTTP workers run as fast. */
  mallopt (M_ARENA_MAX, 2);
#endif

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, juggler_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Before any thread of ours starts: it sets an environment variable. */
  juggler_empty_theme_open_display ();

  /* After setlocale(): Pango picks fonts for the locale's language. */
  juggler_font_warm_up_start ();

  app = juggler_application_new ();
  g_signal_connect (app, "startup", G_CALLBACK (startup_cb), NULL);
  status = g_application_run (G_APPLICATION (app), argc, argv);
  juggler_font_warm_up_stop ();

  return status != 0 ? status : juggler_application_get_exit_status (app);
}
