/* juggler-test-scenario.h: the built juggler binary, spawned with arguments, and its report
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* $JUGGLER_BINARY with the NULL-terminated arguments, its stderr piped. */
GSubprocess *juggler_test_spawn       (GError    **error,
                                       ...) G_GNUC_NULL_TERMINATED;
/* The report JSON a scenario wrote; fails the test if it is not an object. */
JsonObject  *juggler_test_load_report (const char *path);

G_END_DECLS
