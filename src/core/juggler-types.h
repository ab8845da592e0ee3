/* juggler-types.h: the small enums and errors every layer shares
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What kind of work a workload is; each strategy serves some kinds. */
typedef enum
{
  JUGGLER_WORKLOAD_CPU,
  JUGGLER_WORKLOAD_NET,
} JugglerWorkloadKind;

/* How jobs are scheduled. */
typedef enum
{
  JUGGLER_STRATEGY_THREADS,
  JUGGLER_STRATEGY_COOPERATIVE,
  JUGGLER_STRATEGY_BLOCKING,
  JUGGLER_STRATEGY_GLOBAL_LOCK,
  JUGGLER_STRATEGY_ASYNC,
  JUGGLER_N_STRATEGIES
} JugglerStrategy;

/* How progress travels from workers to the UI thread. */
typedef enum
{
  JUGGLER_PROGRESS_COALESCED,
  JUGGLER_PROGRESS_PER_EVENT,
} JugglerProgressMode;

#define JUGGLER_ERROR (juggler_error_quark ())

typedef enum
{
  JUGGLER_ERROR_INVALID_ARGUMENT,
  JUGGLER_ERROR_TOO_LARGE,
} JugglerError;

#define JUGGLER_MAX_WORKERS     256
#define JUGGLER_MAX_CONCURRENCY 1000

GQuark       juggler_error_quark                (void);

const char  *juggler_strategy_to_string         (JugglerStrategy      strategy);
gboolean     juggler_strategy_from_string       (const char          *name,
                                                 JugglerStrategy     *strategy);
const char  *juggler_strategy_get_title         (JugglerStrategy      strategy);
const char  *juggler_strategy_get_explanation   (JugglerStrategy      strategy,
                                                 JugglerWorkloadKind  kind);
gboolean     juggler_strategy_uses_workers      (JugglerStrategy      strategy);
gboolean     juggler_strategy_supports          (JugglerStrategy      strategy,
                                                 JugglerWorkloadKind  kind);

const char  *juggler_progress_mode_to_string    (JugglerProgressMode  mode);
gboolean     juggler_progress_mode_from_string  (const char          *name,
                                                 JugglerProgressMode *mode);

G_END_DECLS
