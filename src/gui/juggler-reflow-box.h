/* juggler-reflow-box.h: two children side by side when the width allows, else one above the other
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define JUGGLER_TYPE_REFLOW_BOX (juggler_reflow_box_get_type ())

G_DECLARE_FINAL_TYPE (JugglerReflowBox, juggler_reflow_box, JUGGLER, REFLOW_BOX, GtkWidget)

/*
 * The first child is the main one, the second the side one (the live charts beside the
 * page). Side by side, the side child gets its natural width and the main one the rest,
 * as long as that leaves the main one "main-width" pixels; narrower, the side child goes
 * below, full width. Made for libadwaita 1.2, which has no breakpoints.
 *
 * Properties: "main-width" (int), "spacing" (int).
 */

G_END_DECLS
