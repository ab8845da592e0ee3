/* juggler-strategy-group.h: a page's Strategy group: buttons, and the chosen one's explanation, code
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "juggler-code-view.h"
#include "juggler-types.h"

G_BEGIN_DECLS

#define JUGGLER_TYPE_STRATEGY_GROUP (juggler_strategy_group_get_type ())

G_DECLARE_FINAL_TYPE (JugglerStrategyGroup, juggler_strategy_group, JUGGLER, STRATEGY_GROUP, GtkBox)

/* Fills the group, once: a toggle button per strategy, in Ctrl+N order, that activates
 * action_name with the strategy's nick, and each one's explanation for kind. */
void juggler_strategy_group_setup        (JugglerStrategyGroup  *self,
                                          JugglerWorkloadKind    kind,
                                          const JugglerStrategy *strategies,
                                          guint                  n_strategies,
                                          const char            *action_name);
/* Shows the explanation and code of the strategy that key holds. */
void juggler_strategy_group_set_settings (JugglerStrategyGroup  *self,
                                          GSettings             *settings,
                                          const char            *key);
/* Under the blocking strategy's explanation: how long it would freeze the window; warning
 * when that is too long (or unknown). */
void juggler_strategy_group_set_estimate (JugglerStrategyGroup  *self,
                                          const char            *text,
                                          gboolean               warning);

/* NULL until Show Code is first expanded: the code view is made then. */
JugglerCodeView *juggler_strategy_group_get_code_view (JugglerStrategyGroup *self);

G_END_DECLS
