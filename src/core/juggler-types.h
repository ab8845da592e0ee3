/* juggler-types.h: the small enums and errors every layer shares
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/*
 * The enums below get GTypes from glib-mkenums (juggler-enums.h, JUGGLER_TYPE_STRATEGY...),
 * and their nicks ("threads", "per-event", "net") are the names the command line, the
 * GSettings <enum> keys (generated from this file too) and the JSON reports use.
 */

/* What kind of work a workload is; each strategy serves some kinds. */
typedef enum
{
  JUGGLER_WORKLOAD_CPU,
  JUGGLER_WORKLOAD_NET,
} JugglerWorkloadKind;

/* A set of kinds, as in juggler_strategy_get_kinds(). */
#define JUGGLER_WORKLOAD_KIND_BIT(kind) (1u << (kind))

/* How jobs are scheduled. */
typedef enum
{
  JUGGLER_STRATEGY_THREADS,
  JUGGLER_STRATEGY_COOPERATIVE,
  JUGGLER_STRATEGY_BLOCKING,
  JUGGLER_STRATEGY_GLOBAL_LOCK,
  JUGGLER_STRATEGY_ASYNC,
  /* GTask's shared pool (g_task_run_in_thread), sized by GLib. */
  JUGGLER_STRATEGY_SHARED_POOL,
  /* A new thread per job, joined when it is done. */
  JUGGLER_STRATEGY_THREAD_PER_JOB,
  JUGGLER_N_STRATEGIES /*< skip >*/
} JugglerStrategy;

/* How progress travels from workers to the UI thread. */
typedef enum
{
  JUGGLER_PROGRESS_COALESCED,
  JUGGLER_PROGRESS_PER_EVENT,
} JugglerProgressMode;

#define JUGGLER_ERROR (juggler_error_quark ())

typedef enum /*< skip >*/
{
  JUGGLER_ERROR_INVALID_ARGUMENT,
  JUGGLER_ERROR_TOO_LARGE,
} JugglerError;

#define JUGGLER_MAX_WORKERS     256
#define JUGGLER_MAX_CONCURRENCY 1000

GQuark       juggler_error_quark                (void);

/* An enum value's nick, or NULL when type has no such value. */
const char  *juggler_enum_to_nick               (GType                type,
                                                 int                  value);
gboolean     juggler_enum_from_nick             (GType                type,
                                                 const char          *nick,
                                                 int                 *value);
/* For g_settings_bind_with_mapping () between an enum key (it stores the nick) and a uint
 * property holding the value; user_data is the enum's GType. */
gboolean     juggler_enum_get_mapping           (GValue              *value,
                                                 GVariant            *variant,
                                                 gpointer             user_data);
GVariant    *juggler_enum_set_mapping           (const GValue        *value,
                                                 const GVariantType  *expected_type,
                                                 gpointer             user_data);

/* What core knows of a strategy: its nick, the workload kinds it serves and whether it
 * runs jobs on worker threads. How it is presented is the GUI's business. */
const char  *juggler_strategy_to_string         (JugglerStrategy      strategy);
gboolean     juggler_strategy_from_string       (const char          *name,
                                                 JugglerStrategy     *strategy);
guint        juggler_strategy_get_kinds         (JugglerStrategy      strategy);
gboolean     juggler_strategy_uses_workers      (JugglerStrategy      strategy);
/* Whether the run's worker count sets how many threads it runs jobs on (threads,
 * global-lock); shared-pool and thread-per-job use threads but size them themselves. */
gboolean     juggler_strategy_sized_by_workers  (JugglerStrategy      strategy);
gboolean     juggler_strategy_supports          (JugglerStrategy      strategy,
                                                 JugglerWorkloadKind  kind);
/* The strategy after strategy, in enum order, that serves kind (wrapping around). */
JugglerStrategy juggler_strategy_next           (JugglerStrategy      strategy,
                                                 JugglerWorkloadKind  kind);
/* The nicks of the strategies that serve kind, in enum order, joined by separator. */
char        *juggler_strategy_dup_nicks         (JugglerWorkloadKind  kind,
                                                 const char          *separator);
const char  *juggler_progress_mode_to_string    (JugglerProgressMode  mode);
gboolean     juggler_progress_mode_from_string  (const char          *name,
                                                 JugglerProgressMode *mode);
const char  *juggler_workload_kind_to_string    (JugglerWorkloadKind  kind);
gboolean     juggler_workload_kind_from_string  (const char          *name,
                                                 JugglerWorkloadKind *kind);

G_END_DECLS

#include "juggler-enums.h"
