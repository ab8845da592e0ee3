/* juggler-width-bin.c: a bin whose width does not depend on its height, for wrapped text in a GtkStack
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-width-bin"

#include "config.h"

#include "juggler-width-bin.h"

struct _JugglerWidthBin
{
  GtkWidget  parent_instance;

  GtkWidget *child;
};

enum {
  PROP_0,
  PROP_CHILD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (JugglerWidthBin, juggler_width_bin, GTK_TYPE_WIDGET)

static void
juggler_width_bin_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  JugglerWidthBin *self = JUGGLER_WIDTH_BIN (widget);

  *minimum = *natural = 0;
  if (self->child == NULL || !gtk_widget_should_layout (self->child))
    return;

  /* Height for width: the width asked for a height is the width asked for none. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    for_size = -1;
  gtk_widget_measure (self->child, orientation, for_size, minimum, natural, minimum_baseline,
                      natural_baseline);
}

static void
juggler_width_bin_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  JugglerWidthBin *self = JUGGLER_WIDTH_BIN (widget);

  if (self->child != NULL && gtk_widget_should_layout (self->child))
    gtk_widget_allocate (self->child, width, height, baseline, NULL);
}

static GtkSizeRequestMode
juggler_width_bin_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
juggler_width_bin_dispose (GObject *object)
{
  JugglerWidthBin *self = JUGGLER_WIDTH_BIN (object);

  g_clear_pointer (&self->child, gtk_widget_unparent);

  G_OBJECT_CLASS (juggler_width_bin_parent_class)->dispose (object);
}

static void
juggler_width_bin_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  JugglerWidthBin *self = JUGGLER_WIDTH_BIN (object);

  switch (prop_id)
    {
    case PROP_CHILD:
      g_value_set_object (value, self->child);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
juggler_width_bin_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  JugglerWidthBin *self = JUGGLER_WIDTH_BIN (object);

  switch (prop_id)
    {
    case PROP_CHILD:
      juggler_width_bin_set_child (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
juggler_width_bin_class_init (JugglerWidthBinClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = juggler_width_bin_dispose;
  object_class->get_property = juggler_width_bin_get_property;
  object_class->set_property = juggler_width_bin_set_property;

  properties[PROP_CHILD] =
    g_param_spec_object ("child", NULL, NULL, GTK_TYPE_WIDGET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  widget_class->measure = juggler_width_bin_measure;
  widget_class->size_allocate = juggler_width_bin_size_allocate;
  widget_class->get_request_mode = juggler_width_bin_get_request_mode;

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GENERIC);
}

static void
juggler_width_bin_init (JugglerWidthBin *self)
{
}

GtkWidget *
juggler_width_bin_new (GtkWidget *child)
{
  g_return_val_if_fail (GTK_IS_WIDGET (child), NULL);
  g_return_val_if_fail (gtk_widget_get_parent (child) == NULL, NULL);

  return g_object_new (JUGGLER_TYPE_WIDTH_BIN, "child", child, NULL);
}

void
juggler_width_bin_set_child (JugglerWidthBin *self,
                             GtkWidget       *child)
{
  g_return_if_fail (JUGGLER_IS_WIDTH_BIN (self));
  g_return_if_fail (child == NULL || GTK_IS_WIDGET (child));

  if (self->child == child)
    return;

  g_return_if_fail (child == NULL || gtk_widget_get_parent (child) == NULL);

  g_clear_pointer (&self->child, gtk_widget_unparent);
  if (child != NULL)
    {
      self->child = child;
      gtk_widget_set_parent (child, GTK_WIDGET (self));
    }
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHILD]);
}

GtkWidget *
juggler_width_bin_get_child (JugglerWidthBin *self)
{
  g_return_val_if_fail (JUGGLER_IS_WIDTH_BIN (self), NULL);

  return self->child;
}
