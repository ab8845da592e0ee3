/* juggler-locale.h: where the message catalogues are, installed or in the build tree
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The directory for bindtextdomain(): the build tree's po/ for an uninstalled development
 * build while that directory exists, else the installed LOCALEDIR. */
const char *juggler_locale_dir (void);

G_END_DECLS
