/* juggler-controls.c: what a workload page's sidebar controls share: whether they can start
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-controls"

#include "config.h"

#include "juggler-controls.h"

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

  object_class->get_property = juggler_controls_get_property;

  properties[PROP_CAN_START] =
    g_param_spec_boolean ("can-start", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The rows of the pages' templates. */
  g_type_ensure (JUGGLER_TYPE_CONTROL_ROW);
}

static void
juggler_controls_init (JugglerControls *self)
{
  JugglerControlsPrivate *priv = juggler_controls_get_instance_private (self);

  priv->can_start = TRUE;
}
