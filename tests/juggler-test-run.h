/* juggler-test-run.h: runs a JugglerRun to its report on the test's pushed main context
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "juggler-run.h"

G_BEGIN_DECLS

/* Iterates the thread-default context until the run reports, failing the test after a
 * minute; the report belongs to the caller. */
JugglerReport *juggler_test_execute       (JugglerRun   *run,
                                           GCancellable *cancellable);
/* Iterates the thread-default context until *flag is TRUE; FALSE if timeout_s passed first. */
gboolean       juggler_test_iterate_until (gboolean     *flag,
                                           guint         timeout_s);

G_END_DECLS
