/* juggler-control-group.h: a preferences group whose header is laid out without GTK 4.8's width search
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define JUGGLER_TYPE_CONTROL_GROUP (juggler_control_group_get_type ())

G_DECLARE_FINAL_TYPE (JugglerControlGroup, juggler_control_group, JUGGLER, CONTROL_GROUP, GtkWidget)

/*
 * What an AdwPreferencesGroup with a title and a description shows, with the same CSS nodes
 * (preferencesgroup > box > box.header > box.labels > label.heading + label.dim-label, then
 * box > list.boxed-list), so it looks the same. The difference is the header: libadwaita's
 * is a horizontal GtkBox, and GTK 4.8's GtkBox, asked for its height at a width, asks the
 * labels for their width at their height: a search through the description, 12 to 14 Pango
 * layouts each time, a dozen times before the first frame. Here the header is vertical, as
 * the labels are: each is asked its height at the group's width, once.
 *
 * In a .ui file: "title" and "description" as on AdwPreferencesGroup; a <child> that is a
 * GtkListBoxRow goes into the boxed list, any other widget below it.
 */
GtkWidget  *juggler_control_group_new             (void);

const char *juggler_control_group_get_title       (JugglerControlGroup *self);
void        juggler_control_group_set_title       (JugglerControlGroup *self,
                                                   const char          *title);
const char *juggler_control_group_get_description (JugglerControlGroup *self);
void        juggler_control_group_set_description (JugglerControlGroup *self,
                                                   const char          *description);

/* A GtkListBoxRow goes into the boxed list, any other widget below the list. */
void        juggler_control_group_add             (JugglerControlGroup *self,
                                                   GtkWidget           *child);

G_END_DECLS
