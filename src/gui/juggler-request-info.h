/* juggler-request-info.h: what the grid and the waterfall say about one HTTP request
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "juggler-http-workload.h"

G_BEGIN_DECLS

/* Why request index failed ("Connection refused: …"), or NULL while it has not failed or its
 * result has not been merged yet. */
char *juggler_request_info_dup_failure (JugglerHttpWorkload *workload,
                                        guint                index);
/* A few lines for a tooltip: "Request 12", its state, then once merged its status, size,
 * phase durations and failure. */
char *juggler_request_info_dup_summary (JugglerHttpWorkload *workload,
                                        guint                index);

G_END_DECLS
