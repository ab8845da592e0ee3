/* juggler-control-group.c: a preferences group whose header is laid out without GTK 4.8's width search
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-control-group"

#include "config.h"

#include "juggler-control-group.h"

/* ------------------------------------------------------------------------------------ */
/* The header: one child, the labels, at its full size                                   */

#define JUGGLER_TYPE_GROUP_HEADER (juggler_group_header_get_type ())

G_DECLARE_FINAL_TYPE (JugglerGroupHeader, juggler_group_header, JUGGLER, GROUP_HEADER, GtkWidget)

struct _JugglerGroupHeader
{
  GtkWidget parent_instance;
};

G_DEFINE_FINAL_TYPE (JugglerGroupHeader, juggler_group_header, GTK_TYPE_WIDGET)

static void
juggler_group_header_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (juggler_group_header_parent_class)->dispose (object);
}

static void
juggler_group_header_class_init (JugglerGroupHeaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = juggler_group_header_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "box");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GENERIC);
}

static void
juggler_group_header_init (JugglerGroupHeader *self)
{
}

/* ------------------------------------------------------------------------------------ */
/* The group                                                                             */

struct _JugglerControlGroup
{
  GtkWidget  parent_instance;

  GtkWidget *box;
  GtkWidget *header;
  GtkWidget *labels;
  GtkWidget *title;
  GtkWidget *description;
  GtkWidget *list_box;
  GtkWidget *list;
};

enum {
  PROP_0,
  PROP_TITLE,
  PROP_DESCRIPTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkBuildableIface *parent_buildable_iface;

static void juggler_control_group_buildable_init (GtkBuildableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (JugglerControlGroup, juggler_control_group, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDABLE,
                                                      juggler_control_group_buildable_init))

GtkWidget *
juggler_control_group_new (void)
{
  return g_object_new (JUGGLER_TYPE_CONTROL_GROUP, NULL);
}

static void
update_header (JugglerControlGroup *self)
{
  gboolean has_title = *gtk_label_get_label (GTK_LABEL (self->title)) != '\0';
  gboolean has_description = *gtk_label_get_label (GTK_LABEL (self->description)) != '\0';

  gtk_widget_set_visible (self->title, has_title);
  gtk_widget_set_visible (self->description, has_description);
  gtk_widget_set_visible (self->header, has_title || has_description);
  /* As libadwaita: a title alone gets the height of a header with a suffix button, centred
   * in it. Only then: a description under it would be searched again for its width at the
   * height it is centred in. */
  if (has_title && !has_description)
    gtk_widget_add_css_class (self->header, "single-line");
  else
    gtk_widget_remove_css_class (self->header, "single-line");
  gtk_widget_set_valign (self->labels, has_title && !has_description ? GTK_ALIGN_CENTER
                                                                     : GTK_ALIGN_FILL);
}

const char *
juggler_control_group_get_title (JugglerControlGroup *self)
{
  g_return_val_if_fail (JUGGLER_IS_CONTROL_GROUP (self), NULL);

  return gtk_label_get_label (GTK_LABEL (self->title));
}

void
juggler_control_group_set_title (JugglerControlGroup *self,
                                 const char          *title)
{
  g_return_if_fail (JUGGLER_IS_CONTROL_GROUP (self));

  if (g_strcmp0 (juggler_control_group_get_title (self), title != NULL ? title : "") == 0)
    return;

  gtk_label_set_label (GTK_LABEL (self->title), title != NULL ? title : "");
  update_header (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
juggler_control_group_get_description (JugglerControlGroup *self)
{
  g_return_val_if_fail (JUGGLER_IS_CONTROL_GROUP (self), NULL);

  return gtk_label_get_label (GTK_LABEL (self->description));
}

void
juggler_control_group_set_description (JugglerControlGroup *self,
                                       const char          *description)
{
  g_return_if_fail (JUGGLER_IS_CONTROL_GROUP (self));

  if (g_strcmp0 (juggler_control_group_get_description (self),
                 description != NULL ? description : "") == 0)
    return;

  gtk_label_set_label (GTK_LABEL (self->description), description != NULL ? description : "");
  update_header (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

void
juggler_control_group_add (JugglerControlGroup *self,
                           GtkWidget           *child)
{
  g_return_if_fail (JUGGLER_IS_CONTROL_GROUP (self));
  g_return_if_fail (GTK_IS_WIDGET (child));

  if (GTK_IS_LIST_BOX_ROW (child))
    {
      gtk_list_box_append (GTK_LIST_BOX (self->list), child);
      gtk_widget_set_visible (self->list, TRUE);
    }
  else
    {
      gtk_box_append (GTK_BOX (self->list_box), child);
    }
}

/* As AdwPreferencesGroup does: arrow keys leave the list for the widgets around it. */
static gboolean
list_keynav_failed_cb (JugglerControlGroup *self,
                       GtkDirectionType     direction)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (root == NULL || (direction != GTK_DIR_UP && direction != GTK_DIR_DOWN))
    return FALSE;

  return gtk_widget_child_focus (GTK_WIDGET (root),
                                 direction == GTK_DIR_UP ? GTK_DIR_TAB_BACKWARD
                                                         : GTK_DIR_TAB_FORWARD);
}

static void
juggler_control_group_buildable_add_child (GtkBuildable *buildable,
                                           GtkBuilder   *builder,
                                           GObject      *child,
                                           const char   *type)
{
  JugglerControlGroup *self = JUGGLER_CONTROL_GROUP (buildable);

  if (type == NULL && GTK_IS_WIDGET (child) && self->box != NULL)
    juggler_control_group_add (self, GTK_WIDGET (child));
  else
    parent_buildable_iface->add_child (buildable, builder, child, type);
}

static void
juggler_control_group_buildable_init (GtkBuildableIface *iface)
{
  parent_buildable_iface = g_type_interface_peek_parent (iface);
  iface->add_child = juggler_control_group_buildable_add_child;
}

static void
juggler_control_group_dispose (GObject *object)
{
  JugglerControlGroup *self = JUGGLER_CONTROL_GROUP (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (juggler_control_group_parent_class)->dispose (object);
}

static void
juggler_control_group_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  JugglerControlGroup *self = JUGGLER_CONTROL_GROUP (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, juggler_control_group_get_title (self));
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, juggler_control_group_get_description (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
juggler_control_group_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  JugglerControlGroup *self = JUGGLER_CONTROL_GROUP (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      juggler_control_group_set_title (self, g_value_get_string (value));
      break;

    case PROP_DESCRIPTION:
      juggler_control_group_set_description (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
juggler_control_group_class_init (JugglerControlGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = juggler_control_group_dispose;
  object_class->get_property = juggler_control_group_get_property;
  object_class->set_property = juggler_control_group_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  /* So that libadwaita's rules for a preferences group apply as they stand. */
  gtk_widget_class_set_css_name (widget_class, "preferencesgroup");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
juggler_control_group_init (JugglerControlGroup *self)
{
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  /* The labels at its full size, not a horizontal GtkBox as libadwaita's (see the header
   * file): this one holds no suffix. */
  self->header = g_object_new (JUGGLER_TYPE_GROUP_HEADER, NULL);
  gtk_widget_add_css_class (self->header, "header");
  gtk_widget_set_visible (self->header, FALSE);
  gtk_box_append (GTK_BOX (self->box), self->header);

  self->labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_add_css_class (self->labels, "labels");
  gtk_widget_set_parent (self->labels, self->header);

  self->title = gtk_label_new (NULL);
  gtk_label_set_ellipsize (GTK_LABEL (self->title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (self->title), 0);
  gtk_widget_add_css_class (self->title, "heading");
  gtk_widget_add_css_class (self->title, "h4");
  gtk_widget_set_visible (self->title, FALSE);
  gtk_box_append (GTK_BOX (self->labels), self->title);

  self->description = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->description), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->description), 0);
  gtk_widget_add_css_class (self->description, "dim-label");
  gtk_widget_set_visible (self->description, FALSE);
  gtk_box_append (GTK_BOX (self->labels), self->description);

  self->list_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (self->box), self->list_box);

  self->list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->list, "boxed-list");
  gtk_widget_set_visible (self->list, FALSE);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->list),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, self->title, NULL,
                                  -1);
  g_signal_connect_swapped (self->list, "keynav-failed", G_CALLBACK (list_keynav_failed_cb),
                            self);
  gtk_box_append (GTK_BOX (self->list_box), self->list);
}
