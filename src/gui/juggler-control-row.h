/* juggler-control-row.h: a preferences row with a title, a subtitle and one control, laid out without GTK 4.8's width search
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define JUGGLER_TYPE_CONTROL_ROW (juggler_control_row_get_type ())

G_DECLARE_FINAL_TYPE (JugglerControlRow, juggler_control_row, JUGGLER, CONTROL_ROW, AdwPreferencesRow)

/*
 * What an AdwActionRow with one suffix shows, with the same CSS nodes (row > box.header >
 * box.title > label.title, label.subtitle), so it looks the same. The difference is the
 * header's layout. AdwActionRow's header is a GtkBox, and GTK 4.8's GtkBox, asked for its
 * height at a width, searches for the height at which its children fit that width. It asks
 * the title box for its width at each height it tries, and the title box searches in turn
 * for the narrowest width at which its labels fit that height: 25 or more Pango layouts for
 * a row with a subtitle, each one shaping the text again. This header gives the control its
 * natural width where it fits and the labels the rest, and asks each label its height at
 * that width once.
 *
 * In a .ui file: <object class="JugglerControlRow"> with "title", "subtitle" and
 * "activatable-widget" as on AdwActionRow, and the control as its only <child>.
 */
GtkWidget  *juggler_control_row_new                   (void);

const char *juggler_control_row_get_subtitle          (JugglerControlRow *self);
void        juggler_control_row_set_subtitle          (JugglerControlRow *self,
                                                       const char        *subtitle);

GtkWidget  *juggler_control_row_get_control           (JugglerControlRow *self);
/* The control at the row's end; the row takes it, replacing any earlier one. */
void        juggler_control_row_set_control           (JugglerControlRow *self,
                                                       GtkWidget         *control);

GtkWidget  *juggler_control_row_get_activatable_widget (JugglerControlRow *self);
/* Clicking the row activates widget (as a mnemonic would); the widget is labelled by the
 * row's title and described by its subtitle for assistive technologies. */
void        juggler_control_row_set_activatable_widget (JugglerControlRow *self,
                                                        GtkWidget         *widget);

G_END_DECLS
