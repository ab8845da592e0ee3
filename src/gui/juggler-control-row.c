/* juggler-control-row.c: a preferences row with a title, a subtitle and one control, laid out without GTK 4.8's width search
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-control-row"

#include "config.h"

#include "juggler-control-row.h"

/* libadwaita's "row > box.header { border-spacing: 6px }": a widget of our own cannot read
 * a CSS border-spacing, so the header uses the same figure. */
#define HEADER_SPACING 6

/* ------------------------------------------------------------------------------------ */
/* The header: the title box and the control side by side                               */

#define JUGGLER_TYPE_ROW_HEADER (juggler_row_header_get_type ())

G_DECLARE_FINAL_TYPE (JugglerRowHeader, juggler_row_header, JUGGLER, ROW_HEADER, GtkWidget)

struct _JugglerRowHeader
{
  GtkWidget  parent_instance;

  GtkWidget *title_box;
  GtkWidget *control;
};

G_DEFINE_FINAL_TYPE (JugglerRowHeader, juggler_row_header, GTK_TYPE_WIDGET)

static gboolean
lays_out (GtkWidget *child)
{
  return child != NULL && gtk_widget_should_layout (child);
}

/* The widths of the title box and the control in a header width wide: the control its
 * natural width as far as the title box keeps its minimum, the title box the rest. */
static void
split_width (JugglerRowHeader *self,
             int               width,
             int              *title_width,
             int              *control_width)
{
  int title_min = 0, control_min = 0, control_nat = 0;

  if (!lays_out (self->control))
    {
      *title_width = width;
      *control_width = 0;
      return;
    }
  if (!lays_out (self->title_box))
    {
      *title_width = 0;
      *control_width = width;
      return;
    }

  gtk_widget_measure (self->title_box, GTK_ORIENTATION_HORIZONTAL, -1, &title_min, NULL, NULL,
                      NULL);
  gtk_widget_measure (self->control, GTK_ORIENTATION_HORIZONTAL, -1, &control_min, &control_nat,
                      NULL, NULL);
  *control_width = CLAMP (width - HEADER_SPACING - title_min, control_min, control_nat);
  *title_width = MAX (0, width - HEADER_SPACING - *control_width);
}

static void
juggler_row_header_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  JugglerRowHeader *self = JUGGLER_ROW_HEADER (widget);
  GtkWidget *children[2] = { self->title_box, self->control };
  int sizes[2] = { -1, -1 };
  gboolean both = lays_out (self->title_box) && lays_out (self->control);

  *minimum = *natural = 0;

  /* Widths do not depend on the height: the labels wrap, they never need more height to
   * be narrower than their minimum. */
  if (orientation == GTK_ORIENTATION_VERTICAL && for_size >= 0)
    split_width (self, for_size, &sizes[0], &sizes[1]);

  for (guint i = 0; i < G_N_ELEMENTS (children); i++)
    {
      int child_min = 0, child_nat = 0;

      if (!lays_out (children[i]))
        continue;

      gtk_widget_measure (children[i], orientation,
                          orientation == GTK_ORIENTATION_VERTICAL ? sizes[i] : -1,
                          &child_min, &child_nat, NULL, NULL);
      if (orientation == GTK_ORIENTATION_HORIZONTAL)
        {
          *minimum += child_min;
          *natural += child_nat;
        }
      else
        {
          *minimum = MAX (*minimum, child_min);
          *natural = MAX (*natural, child_nat);
        }
    }

  if (orientation == GTK_ORIENTATION_HORIZONTAL && both)
    {
      *minimum += HEADER_SPACING;
      *natural += HEADER_SPACING;
    }
}

static void
juggler_row_header_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  JugglerRowHeader *self = JUGGLER_ROW_HEADER (widget);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  int title_width, control_width;

  split_width (self, width, &title_width, &control_width);

  /* Centred here, not by a valign: GTK 4.8 allocates a height-for-width child that is
   * not filling its height by first asking its width for that height, the search again. */
  if (lays_out (self->title_box))
    {
      int x = rtl ? width - title_width : 0;
      int title_min, title_nat, title_height;

      gtk_widget_measure (self->title_box, GTK_ORIENTATION_VERTICAL, title_width, &title_min,
                          &title_nat, NULL, NULL);
      title_height = CLAMP (title_nat, title_min, MAX (height, title_min));
      gtk_widget_allocate (self->title_box, title_width, title_height, -1,
                           gsk_transform_translate (NULL,
                                                    &GRAPHENE_POINT_INIT (x, (height - title_height) / 2)));
    }
  if (lays_out (self->control))
    {
      int x = rtl ? 0 : width - control_width;

      gtk_widget_allocate (self->control, control_width, height, -1,
                           gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (x, 0)));
    }
}

static GtkSizeRequestMode
juggler_row_header_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
juggler_row_header_dispose (GObject *object)
{
  JugglerRowHeader *self = JUGGLER_ROW_HEADER (object);

  g_clear_pointer (&self->title_box, gtk_widget_unparent);
  g_clear_pointer (&self->control, gtk_widget_unparent);

  G_OBJECT_CLASS (juggler_row_header_parent_class)->dispose (object);
}

static void
juggler_row_header_class_init (JugglerRowHeaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = juggler_row_header_dispose;

  widget_class->measure = juggler_row_header_measure;
  widget_class->size_allocate = juggler_row_header_size_allocate;
  widget_class->get_request_mode = juggler_row_header_get_request_mode;

  /* So that libadwaita's rules for an action row's header apply as they stand. */
  gtk_widget_class_set_css_name (widget_class, "box");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GENERIC);
}

static void
juggler_row_header_init (JugglerRowHeader *self)
{
}

/* ------------------------------------------------------------------------------------ */
/* The row                                                                               */

struct _JugglerControlRow
{
  AdwPreferencesRow  parent_instance;

  JugglerRowHeader  *header;
  GtkWidget         *title;
  GtkWidget         *subtitle;
  GtkWidget         *activatable_widget;
  GtkWidget         *list;
};

enum {
  PROP_0,
  PROP_SUBTITLE,
  PROP_ACTIVATABLE_WIDGET,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkBuildableIface *parent_buildable_iface;

static void juggler_control_row_buildable_init (GtkBuildableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (JugglerControlRow, juggler_control_row, ADW_TYPE_PREFERENCES_ROW,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDABLE,
                                                      juggler_control_row_buildable_init))

static void
row_activated_cb (GtkListBox        *list,
                  GtkListBoxRow     *row,
                  JugglerControlRow *self)
{
  if (row == GTK_LIST_BOX_ROW (self) && self->activatable_widget != NULL)
    gtk_widget_mnemonic_activate (self->activatable_widget, FALSE);
}

/* As AdwActionRow does: the list says which row was clicked. */
static void
parent_notify_cb (JugglerControlRow *self)
{
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self));

  if (self->list != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->list, row_activated_cb, self);
      g_clear_weak_pointer (&self->list);
    }
  if (GTK_IS_LIST_BOX (parent))
    {
      g_set_weak_pointer (&self->list, parent);
      g_signal_connect (parent, "row-activated", G_CALLBACK (row_activated_cb), self);
    }
}

GtkWidget *
juggler_control_row_new (void)
{
  return g_object_new (JUGGLER_TYPE_CONTROL_ROW, NULL);
}

const char *
juggler_control_row_get_subtitle (JugglerControlRow *self)
{
  g_return_val_if_fail (JUGGLER_IS_CONTROL_ROW (self), NULL);

  return gtk_label_get_label (GTK_LABEL (self->subtitle));
}

void
juggler_control_row_set_subtitle (JugglerControlRow *self,
                                  const char        *subtitle)
{
  g_return_if_fail (JUGGLER_IS_CONTROL_ROW (self));

  if (subtitle == NULL)
    subtitle = "";
  if (g_strcmp0 (gtk_label_get_label (GTK_LABEL (self->subtitle)), subtitle) == 0)
    return;

  gtk_label_set_label (GTK_LABEL (self->subtitle), subtitle);
  gtk_widget_set_visible (self->subtitle, *subtitle != '\0');
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBTITLE]);
}

GtkWidget *
juggler_control_row_get_control (JugglerControlRow *self)
{
  g_return_val_if_fail (JUGGLER_IS_CONTROL_ROW (self), NULL);

  return self->header->control;
}

void
juggler_control_row_set_control (JugglerControlRow *self,
                                 GtkWidget         *control)
{
  g_return_if_fail (JUGGLER_IS_CONTROL_ROW (self));
  g_return_if_fail (control == NULL || GTK_IS_WIDGET (control));
  g_return_if_fail (control == NULL || gtk_widget_get_parent (control) == NULL);

  g_clear_pointer (&self->header->control, gtk_widget_unparent);
  if (control != NULL)
    {
      self->header->control = control;
      gtk_widget_set_parent (control, GTK_WIDGET (self->header));
    }
  gtk_widget_queue_resize (GTK_WIDGET (self->header));
}

GtkWidget *
juggler_control_row_get_activatable_widget (JugglerControlRow *self)
{
  g_return_val_if_fail (JUGGLER_IS_CONTROL_ROW (self), NULL);

  return self->activatable_widget;
}

void
juggler_control_row_set_activatable_widget (JugglerControlRow *self,
                                            GtkWidget         *widget)
{
  g_return_if_fail (JUGGLER_IS_CONTROL_ROW (self));
  g_return_if_fail (widget == NULL || GTK_IS_WIDGET (widget));

  if (self->activatable_widget == widget)
    return;

  if (self->activatable_widget != NULL)
    {
      gtk_accessible_reset_relation (GTK_ACCESSIBLE (self->activatable_widget),
                                     GTK_ACCESSIBLE_RELATION_LABELLED_BY);
      gtk_accessible_reset_relation (GTK_ACCESSIBLE (self->activatable_widget),
                                     GTK_ACCESSIBLE_RELATION_DESCRIBED_BY);
    }
  g_set_weak_pointer (&self->activatable_widget, widget);
  if (widget != NULL)
    gtk_accessible_update_relation (GTK_ACCESSIBLE (widget),
                                    GTK_ACCESSIBLE_RELATION_LABELLED_BY, self->title, NULL,
                                    GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->subtitle, NULL,
                                    -1);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), widget != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVATABLE_WIDGET]);
}

static void
juggler_control_row_buildable_add_child (GtkBuildable *buildable,
                                         GtkBuilder   *builder,
                                         GObject      *child,
                                         const char   *type)
{
  JugglerControlRow *self = JUGGLER_CONTROL_ROW (buildable);

  if (type == NULL && GTK_IS_WIDGET (child) && self->header != NULL)
    juggler_control_row_set_control (self, GTK_WIDGET (child));
  else
    parent_buildable_iface->add_child (buildable, builder, child, type);
}

static void
juggler_control_row_buildable_init (GtkBuildableIface *iface)
{
  parent_buildable_iface = g_type_interface_peek_parent (iface);
  iface->add_child = juggler_control_row_buildable_add_child;
}

static void
juggler_control_row_dispose (GObject *object)
{
  JugglerControlRow *self = JUGGLER_CONTROL_ROW (object);

  if (self->list != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->list, row_activated_cb, self);
      g_clear_weak_pointer (&self->list);
    }
  /* As AdwActionRow does: the widget's relations would name labels gone with the row. */
  juggler_control_row_set_activatable_widget (self, NULL);

  G_OBJECT_CLASS (juggler_control_row_parent_class)->dispose (object);
}

static void
juggler_control_row_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  JugglerControlRow *self = JUGGLER_CONTROL_ROW (object);

  switch (prop_id)
    {
    case PROP_SUBTITLE:
      g_value_set_string (value, juggler_control_row_get_subtitle (self));
      break;

    case PROP_ACTIVATABLE_WIDGET:
      g_value_set_object (value, self->activatable_widget);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
juggler_control_row_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  JugglerControlRow *self = JUGGLER_CONTROL_ROW (object);

  switch (prop_id)
    {
    case PROP_SUBTITLE:
      juggler_control_row_set_subtitle (self, g_value_get_string (value));
      break;

    case PROP_ACTIVATABLE_WIDGET:
      juggler_control_row_set_activatable_widget (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
juggler_control_row_class_init (JugglerControlRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = juggler_control_row_dispose;
  object_class->get_property = juggler_control_row_get_property;
  object_class->set_property = juggler_control_row_set_property;

  properties[PROP_SUBTITLE] =
    g_param_spec_string ("subtitle", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACTIVATABLE_WIDGET] =
    g_param_spec_object ("activatable-widget", NULL, NULL, GTK_TYPE_WIDGET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static GtkWidget *
row_label_new (const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  /* At words only, unlike AdwActionRow's word-char: a label's minimum width is its layout
   * at width 0, which word-char breaks after every character, shaping each one apart (22
   * HarfBuzz runs for "Pixels per side; one tile is one job" against 7). The look is the
   * same: the row is never narrower than its longest word. */
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, css_class);

  return label;
}

static void
juggler_control_row_init (JugglerControlRow *self)
{
  GtkWidget *title_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  self->header = g_object_new (JUGGLER_TYPE_ROW_HEADER, "valign", GTK_ALIGN_CENTER, NULL);
  gtk_widget_add_css_class (GTK_WIDGET (self->header), "header");

  gtk_widget_set_hexpand (title_box, TRUE);
  gtk_widget_add_css_class (title_box, "title");
  self->title = row_label_new ("title");
  self->subtitle = row_label_new ("subtitle");
  gtk_widget_set_visible (self->subtitle, FALSE);
  gtk_box_append (GTK_BOX (title_box), self->title);
  gtk_box_append (GTK_BOX (title_box), self->subtitle);
  self->header->title_box = title_box;
  gtk_widget_set_parent (title_box, GTK_WIDGET (self->header));

  g_object_bind_property (self, "title", self->title, "label", G_BINDING_SYNC_CREATE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), GTK_WIDGET (self->header));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), FALSE);

  g_signal_connect (self, "notify::parent", G_CALLBACK (parent_notify_cb), NULL);
}
