/* juggler-controls.c: what a workload page's sidebar controls share: whether they can start
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-controls"

#include "config.h"

#include "juggler-controls.h"

#include "juggler-control-group.h"
#include "juggler-control-row.h"

typedef struct
{
  gboolean can_start;
} JugglerControlsPrivate;

enum {
  PROP_0,
  PROP_CAN_START,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (JugglerControls, juggler_controls, GTK_TYPE_BOX)

gboolean
juggler_controls_get_can_start (JugglerControls *self)
{
  JugglerControlsPrivate *priv = juggler_controls_get_instance_private (self);

  g_return_val_if_fail (JUGGLER_IS_CONTROLS (self), FALSE);

  return priv->can_start;
}

void
juggler_controls_set_can_start (JugglerControls *self,
                                gboolean         can_start)
{
  JugglerControlsPrivate *priv = juggler_controls_get_instance_private (self);

  g_return_if_fail (JUGGLER_IS_CONTROLS (self));

  can_start = !!can_start;
  if (priv->can_start == can_start)
    return;

  priv->can_start = can_start;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_START]);
}

/* A spin button takes the mouse wheel from the sidebar under the pointer (GtkSpinButton
 * spins and grabs focus on scroll): scrolling the sidebar would change every value that
 * passed under the pointer. Its wheel only spins it once it has the focus. */
static void
spin_focus_enter_cb (GtkEventControllerFocus *focus,
                     GtkEventController      *scroll)
{
  gtk_event_controller_set_propagation_phase (scroll, GTK_PHASE_BUBBLE);
}

static void
spin_focus_leave_cb (GtkEventControllerFocus *focus,
               GtkEventController      *scroll)
{
  gtk_event_controller_set_propagation_phase (scroll, GTK_PHASE_NONE);
}

static void
scroll_spin_buttons_when_focused (GtkWidget *widget)
{
  if (GTK_IS_SPIN_BUTTON (widget))
    {
      g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
      g_autoptr(GtkEventController) scroll = NULL;
      GtkEventController *focus;

      for (guint i = 0; scroll == NULL && i < g_list_model_get_n_items (controllers); i++)
        {
          g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

          if (GTK_IS_EVENT_CONTROLLER_SCROLL (controller))
            scroll = g_steal_pointer (&controller);
        }
      if (scroll == NULL)
        return;

      gtk_event_controller_set_propagation_phase (scroll, GTK_PHASE_NONE);
      focus = gtk_event_controller_focus_new ();
      g_signal_connect_object (focus, "enter", G_CALLBACK (spin_focus_enter_cb), scroll, 0);
      g_signal_connect_object (focus, "leave", G_CALLBACK (spin_focus_leave_cb), scroll, 0);
      gtk_widget_add_controller (widget, focus);
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    scroll_spin_buttons_when_focused (child);
}

static void
juggler_controls_constructed (GObject *object)
{
  G_OBJECT_CLASS (juggler_controls_parent_class)->constructed (object);

  /* After the subclass's template: its spin buttons exist now. */
  scroll_spin_buttons_when_focused (GTK_WIDGET (object));
}

static void
juggler_controls_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_CAN_START:
      g_value_set_boolean (value, juggler_controls_get_can_start (JUGGLER_CONTROLS (object)));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
juggler_controls_class_init (JugglerControlsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = juggler_controls_constructed;
  object_class->get_property = juggler_controls_get_property;

  properties[PROP_CAN_START] =
    g_param_spec_boolean ("can-start", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The rows of the pages' templates. */
  g_type_ensure (JUGGLER_TYPE_CONTROL_GROUP);
  g_type_ensure (JUGGLER_TYPE_CONTROL_ROW);
}

static void
juggler_controls_init (JugglerControls *self)
{
  JugglerControlsPrivate *priv = juggler_controls_get_instance_private (self);

  priv->can_start = TRUE;
}
