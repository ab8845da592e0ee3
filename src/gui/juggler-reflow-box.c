/* juggler-reflow-box.c: two children side by side when the width allows, else one above the other
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-reflow-box"

#include "config.h"

#include "juggler-reflow-box.h"

struct _JugglerReflowBox
{
  GtkWidget parent_instance;

  int       main_width;
  int       spacing;
};

enum {
  PROP_0,
  PROP_MAIN_WIDTH,
  PROP_SPACING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (JugglerReflowBox, juggler_reflow_box, GTK_TYPE_WIDGET)

static gboolean
get_children (JugglerReflowBox  *self,
              GtkWidget        **main_child,
              GtkWidget        **side_child)
{
  *main_child = gtk_widget_get_first_child (GTK_WIDGET (self));
  *side_child = *main_child != NULL ? gtk_widget_get_next_sibling (*main_child) : NULL;

  return *main_child != NULL && *side_child != NULL &&
         gtk_widget_get_visible (*main_child) && gtk_widget_get_visible (*side_child);
}

/* The side child's width when side by side in width, or -1 when stacked. */
static int
get_side_width (JugglerReflowBox *self,
                GtkWidget        *side_child,
                int               width)
{
  int side_min, side_nat;

  if (width < 0)
    return -1;

  gtk_widget_measure (side_child, GTK_ORIENTATION_HORIZONTAL, -1, &side_min, &side_nat, NULL, NULL);
  if (width < self->main_width + self->spacing + side_nat)
    return -1;

  return side_nat;
}

static void
juggler_reflow_box_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  JugglerReflowBox *self = JUGGLER_REFLOW_BOX (widget);
  GtkWidget *main_child, *side_child;
  int main_min, main_nat, side_min, side_nat, side_width;

  if (!get_children (self, &main_child, &side_child))
    {
      *minimum = *natural = 0;
      if (main_child != NULL && gtk_widget_get_visible (main_child))
        gtk_widget_measure (main_child, orientation, for_size, minimum, natural, NULL, NULL);
      return;
    }

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* Stacked, the wider of the two is enough; side by side is what it would like. */
      gtk_widget_measure (main_child, orientation, -1, &main_min, &main_nat, NULL, NULL);
      gtk_widget_measure (side_child, orientation, -1, &side_min, &side_nat, NULL, NULL);
      *minimum = MAX (main_min, side_min);
      *natural = MAX (main_nat, self->main_width) + self->spacing + side_nat;
      return;
    }

  /* Without a width, the tallest case: stacked. */
  side_width = get_side_width (self, side_child, for_size);
  if (side_width < 0)
    {
      gtk_widget_measure (main_child, orientation, for_size, &main_min, &main_nat, NULL, NULL);
      gtk_widget_measure (side_child, orientation, for_size, &side_min, &side_nat, NULL, NULL);
      /* Stacked, the main child is not squeezed below its natural height: a page that
       * scrolls by itself would be a scroll area inside the window's (see size_allocate). */
      *minimum = main_nat + self->spacing + side_min;
      *natural = main_nat + self->spacing + side_nat;
    }
  else
    {
      gtk_widget_measure (main_child, orientation, for_size - self->spacing - side_width,
                          &main_min, &main_nat, NULL, NULL);
      gtk_widget_measure (side_child, orientation, side_width, &side_min, &side_nat, NULL, NULL);
      *minimum = MAX (main_min, side_min);
      *natural = MAX (main_nat, side_nat);
    }
}

static void
juggler_reflow_box_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  JugglerReflowBox *self = JUGGLER_REFLOW_BOX (widget);
  GtkWidget *main_child, *side_child;
  int side_width, side_min, side_nat, main_nat, main_height;

  if (!get_children (self, &main_child, &side_child))
    {
      if (main_child != NULL && gtk_widget_get_visible (main_child))
        gtk_widget_allocate (main_child, width, height, -1, NULL);
      return;
    }

  side_width = get_side_width (self, side_child, width);
  if (side_width >= 0)
    {
      int main_width = width - self->spacing - side_width;

      gtk_widget_allocate (main_child, main_width, height, -1, NULL);
      gtk_widget_allocate (side_child, side_width, height, -1,
                           gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (main_width + self->spacing, 0)));
      return;
    }

  /* Stacked: the side child at its natural height below, the main one takes the rest but
   * at least its natural height; the window's scroller scrolls the two together. */
  gtk_widget_measure (side_child, GTK_ORIENTATION_VERTICAL, width, &side_min, &side_nat, NULL, NULL);
  gtk_widget_measure (main_child, GTK_ORIENTATION_VERTICAL, width, NULL, &main_nat, NULL, NULL);
  main_height = MAX (main_nat, height - self->spacing - side_nat);
  gtk_widget_allocate (main_child, width, main_height, -1, NULL);
  gtk_widget_allocate (side_child, width, MAX (side_min, height - main_height - self->spacing), -1,
                       gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (0, main_height + self->spacing)));
}

static GtkSizeRequestMode
juggler_reflow_box_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
juggler_reflow_box_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (juggler_reflow_box_parent_class)->dispose (object);
}

static void
juggler_reflow_box_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  JugglerReflowBox *self = JUGGLER_REFLOW_BOX (object);

  switch (prop_id)
    {
    case PROP_MAIN_WIDTH:
      g_value_set_int (value, self->main_width);
      break;

    case PROP_SPACING:
      g_value_set_int (value, self->spacing);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
juggler_reflow_box_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  JugglerReflowBox *self = JUGGLER_REFLOW_BOX (object);
  int *field = prop_id == PROP_MAIN_WIDTH ? &self->main_width : &self->spacing;

  if (prop_id != PROP_MAIN_WIDTH && prop_id != PROP_SPACING)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }

  if (*field == g_value_get_int (value))
    return;

  *field = g_value_get_int (value);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (object, pspec);
}

static void
juggler_reflow_box_class_init (JugglerReflowBoxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = juggler_reflow_box_dispose;
  object_class->get_property = juggler_reflow_box_get_property;
  object_class->set_property = juggler_reflow_box_set_property;

  widget_class->measure = juggler_reflow_box_measure;
  widget_class->size_allocate = juggler_reflow_box_size_allocate;
  widget_class->get_request_mode = juggler_reflow_box_get_request_mode;

  properties[PROP_MAIN_WIDTH] =
    g_param_spec_int ("main-width", NULL, NULL, 0, G_MAXINT, 480,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SPACING] =
    g_param_spec_int ("spacing", NULL, NULL, 0, G_MAXINT, 18,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
juggler_reflow_box_init (JugglerReflowBox *self)
{
  self->main_width = 480;
  self->spacing = 18;
}
