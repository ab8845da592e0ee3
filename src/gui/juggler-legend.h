/* juggler-legend.h: a row of colour swatches with captions, wrapping as the width allows
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define JUGGLER_TYPE_LEGEND (juggler_legend_get_type ())

G_DECLARE_FINAL_TYPE (JugglerLegend, juggler_legend, JUGGLER, LEGEND, GtkWidget)

GtkWidget  *juggler_legend_new           (void);
void        juggler_legend_clear         (JugglerLegend *self);
/* Appends an entry and returns its position; a NULL color makes a dim note without a swatch. */
guint       juggler_legend_append        (JugglerLegend *self,
                                          const GdkRGBA *color,
                                          const char    *text);
/* Appends an entry whose swatch is an outline drawn with dashes (n_dashes 0: solid), as the
 * canvas outlines tiles; returns its position. */
guint       juggler_legend_append_outline (JugglerLegend *self,
                                           const GdkRGBA *color,
                                           const double  *dashes,
                                           guint          n_dashes,
                                           const char    *text);
guint       juggler_legend_get_n_entries (JugglerLegend *self);
const char *juggler_legend_get_text      (JugglerLegend *self,
                                          guint          position);
/* Changes an entry's caption; the layout only changes if the text does. */
void        juggler_legend_set_text      (JugglerLegend *self,
                                          guint          position,
                                          const char    *text);

/* Shows value after an entry's caption, in a space n_chars digits wide that does not change
 * with it: for a count that changes while the window animates. */
void        juggler_legend_set_value     (JugglerLegend *self,
                                          guint          position,
                                          const char    *value,
                                          guint          n_chars);
const char *juggler_legend_get_value     (JugglerLegend *self,
                                          guint          position);

G_END_DECLS
