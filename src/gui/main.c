/* main.c: starts the Juggler application
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "juggler-application.h"
#include "juggler-fd-limit.h"
#include "juggler-locale.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(JugglerApplication) app = NULL;
  int status;

  /* First, while the process has one thread: see juggler-fd-limit.h. */
  juggler_prepare_fd_table ();

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, juggler_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = juggler_application_new ();
  status = g_application_run (G_APPLICATION (app), argc, argv);

  return status != 0 ? status : juggler_application_get_exit_status (app);
}
