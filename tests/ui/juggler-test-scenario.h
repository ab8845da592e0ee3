/* juggler-test-scenario.h: the built juggler binary, run through --run-scenario
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Runs $JUGGLER_BINARY --run-scenario=SCENARIO --quit-when-done with the NULL-terminated
 * arguments and a --report= of its own; the process must exit 0 (its stderr is printed if
 * not) and write a report object, which belongs to the caller. */
JsonObject *juggler_test_run_scenario        (const char *scenario,
                                              ...) G_GNUC_NULL_TERMINATED;
/* The same scenario with one bad argument must be a usage error: exit 2 and a message. */
void        juggler_test_assert_usage_error  (const char *scenario,
                                              const char *arg);

G_END_DECLS
