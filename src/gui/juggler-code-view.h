/* juggler-code-view.h: the essential C behind a strategy, and the stalls found on its way
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtksourceview/gtksource.h>

#include "juggler-types.h"

G_BEGIN_DECLS

#define JUGGLER_TYPE_CODE_VIEW (juggler_code_view_get_type ())

G_DECLARE_FINAL_TYPE (JugglerCodeView, juggler_code_view, JUGGLER, CODE_VIEW, GtkWidget)

GtkWidget       *juggler_code_view_new              (void);
/* Shows the snippets of strategy as it serves kind: its own first, then the stalls. */
void             juggler_code_view_set_strategy     (JugglerCodeView     *self,
                                                     JugglerStrategy      strategy,
                                                     JugglerWorkloadKind  kind);
guint            juggler_code_view_get_n_snippets   (JugglerCodeView     *self);
void             juggler_code_view_select_snippet   (JugglerCodeView     *self,
                                                     guint                position);
/* The Juggler source file that does what the shown snippet does, relative to the tree. */
const char      *juggler_code_view_get_source_file  (JugglerCodeView     *self);
/* The code's buffer, made if need be; NULL when GtkSourceView could not be loaded. */
GtkSourceBuffer *juggler_code_view_get_buffer       (JugglerCodeView     *self);

G_END_DECLS
