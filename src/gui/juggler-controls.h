/* juggler-controls.h: what a workload page's sidebar controls share: whether they can start
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define JUGGLER_TYPE_CONTROLS (juggler_controls_get_type ())

G_DECLARE_DERIVABLE_TYPE (JugglerControls, juggler_controls, JUGGLER, CONTROLS, GtkBox)

/*
 * The base of JugglerCpuControls and JugglerNetControls.
 *
 * Properties:
 *   "can-start" (boolean, read-only): FALSE while a control holds a value that cannot run;
 *     the page's own "can-start" follows it.
 */
struct _JugglerControlsClass
{
  GtkBoxClass parent_class;
};

gboolean juggler_controls_get_can_start (JugglerControls *self);
/* For subclasses. */
void     juggler_controls_set_can_start (JugglerControls *self,
                                         gboolean         can_start);

G_END_DECLS
