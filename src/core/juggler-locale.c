/* juggler-locale.c: where the message catalogues are, installed or in the build tree
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-locale"

#include "config.h"

#include "juggler-locale.h"

const char *
juggler_locale_dir (void)
{
#ifdef BUILD_LOCALEDIR
  /* `build-aux/dev run` and _build/src/gui/juggler run uninstalled: without this, LANGUAGE=de
   * silently shows English, because nothing is in LOCALEDIR yet. An installed development
   * build finds the same catalogues here while its build tree exists. */
  if (g_file_test (BUILD_LOCALEDIR, G_FILE_TEST_IS_DIR))
    return BUILD_LOCALEDIR;
#endif

  return LOCALEDIR;
}
