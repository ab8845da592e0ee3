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

  /* The stack that the bin is a page of, while hidden_height_only. */
  GtkWidget *stack;
  gulong     visible_child_handler;
  gboolean   hidden_height_only;
  gboolean   hidden;
};

enum {
  PROP_0,
  PROP_CHILD,
  PROP_HIDDEN_HEIGHT_ONLY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (JugglerWidthBin, juggler_width_bin, GTK_TYPE_WIDGET)

/* Whether the bin is a page that its stack does not show, and measures as one. */
static gboolean
is_hidden_page (JugglerWidthBin *self)
{
  return self->stack != NULL &&
         gtk_stack_get_visible_child (GTK_STACK (self->stack)) != GTK_WIDGET (self);
}

static void
visible_child_notify_cb (GtkStack        *stack,
                         GParamSpec      *pspec,
                         JugglerWidthBin *self)
{
  gboolean hidden = is_hidden_page (self);

  /* Shown, the bin answers for its widths too; hidden again, no longer. */
  if (hidden != self->hidden)
    {
      self->hidden = hidden;
      gtk_widget_queue_resize (GTK_WIDGET (self));
    }
}

static void
watch_stack (JugglerWidthBin *self)
{
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self));
  GtkWidget *stack = self->hidden_height_only && GTK_IS_STACK (parent) ? parent : NULL;

  if (stack != self->stack)
    {
      if (self->stack != NULL)
        g_clear_signal_handler (&self->visible_child_handler, self->stack);
      self->stack = stack;
      if (stack != NULL)
        self->visible_child_handler =
          g_signal_connect_object (stack, "notify::visible-child",
                                   G_CALLBACK (visible_child_notify_cb), self, 0);
    }
  self->hidden = is_hidden_page (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
parent_notify_cb (JugglerWidthBin *self,
                  GParamSpec      *pspec,
                  gpointer         user_data)
{
  watch_stack (self);
}

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

  if (self->hidden)
    {
      /* A hidden page: its height where it will be laid out, nothing else (see the header). */
      if (orientation == GTK_ORIENTATION_VERTICAL && for_size >= 0)
        gtk_widget_measure (self->child, orientation, for_size, minimum, natural, NULL, NULL);
      return;
    }

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

  if (self->stack != NULL)
    g_clear_signal_handler (&self->visible_child_handler, self->stack);
  self->stack = NULL;
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

    case PROP_HIDDEN_HEIGHT_ONLY:
      g_value_set_boolean (value, self->hidden_height_only);
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

    case PROP_HIDDEN_HEIGHT_ONLY:
      juggler_width_bin_set_hidden_height_only (self, g_value_get_boolean (value));
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
  properties[PROP_HIDDEN_HEIGHT_ONLY] =
    g_param_spec_boolean ("hidden-height-only", NULL, NULL, FALSE,
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
  g_signal_connect (self, "notify::parent", G_CALLBACK (parent_notify_cb), NULL);
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

void
juggler_width_bin_set_hidden_height_only (JugglerWidthBin *self,
                                          gboolean         hidden_height_only)
{
  g_return_if_fail (JUGGLER_IS_WIDTH_BIN (self));

  hidden_height_only = !!hidden_height_only;
  if (self->hidden_height_only == hidden_height_only)
    return;

  self->hidden_height_only = hidden_height_only;
  watch_stack (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIDDEN_HEIGHT_ONLY]);
}
