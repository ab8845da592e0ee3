/* juggler-legend.c: a row of colour swatches with captions, wrapping as the width allows
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-legend"

#include "config.h"

#include "juggler-legend.h"

#include <string.h>

#define SWATCH_PX  10
#define MAX_DASHES 4

struct _JugglerLegend
{
  GtkWidget  parent_instance;

  GtkWidget *flow;
  /* The caption of each entry, in order, and its value or NULL. */
  GPtrArray *labels;
  GPtrArray *values;
};

G_DEFINE_FINAL_TYPE (JugglerLegend, juggler_legend, GTK_TYPE_WIDGET)

typedef struct
{
  GdkRGBA  color;
  gboolean outline;
  double   dashes[MAX_DASHES];
  guint    n_dashes;
} Swatch;

static void
swatch_draw_cb (GtkDrawingArea *area,
                cairo_t        *cr,
                int             width,
                int             height,
                gpointer        user_data)
{
  const Swatch *swatch = user_data;

  gdk_cairo_set_source_rgba (cr, &swatch->color);
  if (!swatch->outline)
    {
      cairo_rectangle (cr, 0, 0, width, height);
      cairo_fill (cr);
      return;
    }

  cairo_set_line_width (cr, 1.5);
  cairo_set_dash (cr, swatch->dashes, swatch->n_dashes, 0);
  cairo_rectangle (cr, 0.75, 0.75, width - 1.5, height - 1.5);
  cairo_stroke (cr);
}

static GtkWidget *
swatch_new (const Swatch *swatch,
            int           width)
{
  GtkWidget *area = gtk_drawing_area_new ();

  gtk_widget_set_size_request (area, width, SWATCH_PX);
  gtk_widget_set_valign (area, GTK_ALIGN_CENTER);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), swatch_draw_cb,
                                  g_memdup2 (swatch, sizeof *swatch), g_free);

  return area;
}

static guint
append_entry (JugglerLegend *self,
              GtkWidget     *swatch,
              const char    *text)
{
  /* A grid, not a box: GTK 4.8's box, asked the height of a wrapping label for a width,
   * searches the heights for one at which the label fits, asking the label its width at
   * each (a search of its own): 89 Pango layouts of one caption before the first frame. */
  GtkWidget *item = gtk_grid_new ();
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "numeric");
  /* A sentence-long entry wraps rather than setting the window's minimum width: in German,
   * "Jede Kachel ist nach dem Thread eingefärbt, …" alone made it 467 px wide. */
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_grid_set_column_spacing (GTK_GRID (item), 4);
  if (swatch != NULL)
    gtk_grid_attach (GTK_GRID (item), swatch, 0, 0, 1, 1);
  else
    gtk_widget_add_css_class (label, "dim-label");
  gtk_grid_attach (GTK_GRID (item), label, 1, 0, 1, 1);

  gtk_flow_box_append (GTK_FLOW_BOX (self->flow), item);
  gtk_widget_set_focusable (gtk_widget_get_parent (item), FALSE);
  g_ptr_array_add (self->labels, label);
  g_ptr_array_add (self->values, NULL);

  return self->labels->len - 1;
}

static void
juggler_legend_dispose (GObject *object)
{
  JugglerLegend *self = (JugglerLegend *) object;

  g_clear_pointer (&self->flow, gtk_widget_unparent);

  G_OBJECT_CLASS (juggler_legend_parent_class)->dispose (object);
}

static void
juggler_legend_finalize (GObject *object)
{
  JugglerLegend *self = (JugglerLegend *) object;

  g_clear_pointer (&self->labels, g_ptr_array_unref);
  g_clear_pointer (&self->values, g_ptr_array_unref);

  G_OBJECT_CLASS (juggler_legend_parent_class)->finalize (object);
}

static void
juggler_legend_class_init (JugglerLegendClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = juggler_legend_dispose;
  object_class->finalize = juggler_legend_finalize;

  gtk_widget_class_set_css_name (widget_class, "legend");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
juggler_legend_init (JugglerLegend *self)
{
  self->labels = g_ptr_array_new ();
  self->values = g_ptr_array_new ();

  self->flow = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (self->flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (self->flow), 3);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (self->flow), 8);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (self->flow), 12);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (self->flow), 2);
  /* A legend is read, not clicked: keep its entries out of the focus chain. */
  gtk_widget_set_can_target (self->flow, FALSE);
  gtk_widget_set_focusable (self->flow, FALSE);
  gtk_widget_set_parent (self->flow, GTK_WIDGET (self));
}

GtkWidget *
juggler_legend_new (void)
{
  return g_object_new (JUGGLER_TYPE_LEGEND, NULL);
}

void
juggler_legend_clear (JugglerLegend *self)
{
  GtkWidget *child;

  g_return_if_fail (JUGGLER_IS_LEGEND (self));

  while ((child = gtk_widget_get_first_child (self->flow)) != NULL)
    gtk_flow_box_remove (GTK_FLOW_BOX (self->flow), child);
  g_ptr_array_set_size (self->labels, 0);
  g_ptr_array_set_size (self->values, 0);
}

guint
juggler_legend_append (JugglerLegend *self,
                       const GdkRGBA *color,
                       const char    *text)
{
  Swatch swatch = { .outline = FALSE };

  g_return_val_if_fail (JUGGLER_IS_LEGEND (self), 0);

  if (color == NULL)
    return append_entry (self, NULL, text);

  swatch.color = *color;
  return append_entry (self, swatch_new (&swatch, SWATCH_PX), text);
}

guint
juggler_legend_append_outline (JugglerLegend *self,
                               const GdkRGBA *color,
                               const double  *dashes,
                               guint          n_dashes,
                               const char    *text)
{
  Swatch swatch = { .outline = TRUE };

  g_return_val_if_fail (JUGGLER_IS_LEGEND (self), 0);
  g_return_val_if_fail (color != NULL, 0);
  g_return_val_if_fail (n_dashes <= MAX_DASHES, 0);

  swatch.color = *color;
  swatch.n_dashes = n_dashes;
  memcpy (swatch.dashes, dashes, n_dashes * sizeof (double));

  /* Wider than a colour swatch, so the dashes show. */
  return append_entry (self, swatch_new (&swatch, 2 * SWATCH_PX), text);
}

guint
juggler_legend_get_n_entries (JugglerLegend *self)
{
  g_return_val_if_fail (JUGGLER_IS_LEGEND (self), 0);

  return self->labels->len;
}

const char *
juggler_legend_get_text (JugglerLegend *self,
                         guint          position)
{
  g_return_val_if_fail (JUGGLER_IS_LEGEND (self), NULL);
  g_return_val_if_fail (position < self->labels->len, NULL);

  return gtk_label_get_label (g_ptr_array_index (self->labels, position));
}

void
juggler_legend_set_text (JugglerLegend *self,
                         guint          position,
                         const char    *text)
{
  GtkLabel *label;

  g_return_if_fail (JUGGLER_IS_LEGEND (self));
  g_return_if_fail (position < self->labels->len);

  label = g_ptr_array_index (self->labels, position);
  if (g_strcmp0 (gtk_label_get_label (label), text) != 0)
    gtk_label_set_label (label, text);
}

void
juggler_legend_set_value (JugglerLegend *self,
                          guint          position,
                          const char    *value,
                          guint          n_chars)
{
  GtkInscription *inscription;

  g_return_if_fail (JUGGLER_IS_LEGEND (self));
  g_return_if_fail (position < self->labels->len);

  inscription = g_ptr_array_index (self->values, position);
  if (inscription == NULL)
    {
      GtkWidget *label = g_ptr_array_index (self->labels, position);

      inscription = GTK_INSCRIPTION (gtk_inscription_new (NULL));
      gtk_widget_add_css_class (GTK_WIDGET (inscription), "caption");
      gtk_widget_add_css_class (GTK_WIDGET (inscription), "numeric");
      gtk_widget_set_valign (GTK_WIDGET (inscription), GTK_ALIGN_CENTER);
      gtk_grid_attach (GTK_GRID (gtk_widget_get_parent (label)), GTK_WIDGET (inscription), 2, 0, 1,
                       1);
      g_ptr_array_index (self->values, position) = inscription;
      /* Entries with values are wider, and no longer wrap in two: at 360 px three of them
       * side by side would widen the window. */
      gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (self->flow), 2);
    }
  /* Its width is set by n_chars, not by its text: a new value is drawn, not laid out. A
   * counter in a wrapping flow box, relaid out 4 times a second, cost the window ~10 ms
   * per such frame. */
  if (gtk_inscription_get_min_chars (inscription) != n_chars)
    {
      gtk_inscription_set_min_chars (inscription, n_chars);
      gtk_inscription_set_nat_chars (inscription, n_chars);
    }
  gtk_inscription_set_text (inscription, value);
}

const char *
juggler_legend_get_value (JugglerLegend *self,
                          guint          position)
{
  GtkInscription *inscription;

  g_return_val_if_fail (JUGGLER_IS_LEGEND (self), NULL);
  g_return_val_if_fail (position < self->labels->len, NULL);

  inscription = g_ptr_array_index (self->values, position);
  return inscription != NULL ? gtk_inscription_get_text (inscription) : NULL;
}
