/* juggler-strategy-group.c: a page's Strategy group: buttons, and the chosen one's explanation, code
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-strategy-group"

#include "config.h"

#include "juggler-strategy-group.h"

#include "juggler-code-view.h"
#include "juggler-strategy-info.h"

struct _JugglerStrategyGroup
{
  GtkBox           parent_instance;

  /* Template widgets */
  GtkGrid         *button_grid;
  GtkStack        *explanation_stack;
  JugglerCodeView *code_view;
  GtkWidget       *estimate_box;
  GtkLabel        *estimate_label;
};

G_DEFINE_FINAL_TYPE (JugglerStrategyGroup, juggler_strategy_group, GTK_TYPE_BOX)

static GtkWidget *
explanation_label_new (JugglerStrategy     strategy,
                       JugglerWorkloadKind kind)
{
  GtkWidget *label = gtk_label_new (juggler_strategy_info_get_explanation (strategy, kind));

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_valign (label, GTK_ALIGN_START);
  gtk_label_set_width_chars (GTK_LABEL (label), 30);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  gtk_widget_add_css_class (label, "explanation");

  return label;
}

void
juggler_strategy_group_setup (JugglerStrategyGroup  *self,
                              JugglerWorkloadKind    kind,
                              const JugglerStrategy *strategies,
                              guint                  n_strategies,
                              const char            *action_name)
{
  g_return_if_fail (JUGGLER_IS_STRATEGY_GROUP (self));
  g_return_if_fail (strategies != NULL && n_strategies > 0 && n_strategies <= 9);
  g_return_if_fail (action_name != NULL);
  g_return_if_fail (gtk_widget_get_first_child (GTK_WIDGET (self->button_grid)) == NULL);

  g_object_set (self->code_view, "kind", kind, NULL);

  for (guint i = 0; i < n_strategies; i++)
    {
      const char *nick = juggler_strategy_to_string (strategies[i]);
      GtkWidget *button = gtk_toggle_button_new ();
      g_autofree char *accel = gtk_accelerator_get_label (GDK_KEY_1 + i, GDK_CONTROL_MASK);
      GtkWidget *explanation = explanation_label_new (strategies[i], kind);

      juggler_strategy_info_label_button (GTK_BUTTON (button), strategies[i]);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", nick);
      gtk_widget_set_tooltip_text (button, accel);
      /* Two columns of equal width, in reading order. */
      gtk_grid_attach (self->button_grid, button, i % 2, i / 2, 1, 1);

      if (strategies[i] == JUGGLER_STRATEGY_BLOCKING)
        {
          GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);

          gtk_box_append (GTK_BOX (box), explanation);
          gtk_box_append (GTK_BOX (box), self->estimate_box);
          explanation = box;
        }
      gtk_stack_add_named (self->explanation_stack, explanation, nick);
    }
}

void
juggler_strategy_group_set_settings (JugglerStrategyGroup *self,
                                     GSettings            *settings,
                                     const char           *key)
{
  g_return_if_fail (JUGGLER_IS_STRATEGY_GROUP (self));
  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (key != NULL);

  g_settings_bind (settings, key, self->explanation_stack, "visible-child-name",
                   G_SETTINGS_BIND_GET);
  g_settings_bind (settings, key, self->code_view, "strategy", G_SETTINGS_BIND_GET);
}

void
juggler_strategy_group_set_estimate (JugglerStrategyGroup *self,
                                     const char           *text,
                                     gboolean              warning)
{
  g_return_if_fail (JUGGLER_IS_STRATEGY_GROUP (self));

  gtk_label_set_label (self->estimate_label, text);
  if (warning)
    gtk_widget_add_css_class (self->estimate_box, "estimate-warning");
  else
    gtk_widget_remove_css_class (self->estimate_box, "estimate-warning");
}

static void
juggler_strategy_group_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), JUGGLER_TYPE_STRATEGY_GROUP);

  G_OBJECT_CLASS (juggler_strategy_group_parent_class)->dispose (object);
}

static void
juggler_strategy_group_class_init (JugglerStrategyGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = juggler_strategy_group_dispose;

  g_type_ensure (JUGGLER_TYPE_CODE_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/juggler/Juggler/juggler-strategy-group.ui");
  gtk_widget_class_bind_template_child (widget_class, JugglerStrategyGroup, button_grid);
  gtk_widget_class_bind_template_child (widget_class, JugglerStrategyGroup, explanation_stack);
  gtk_widget_class_bind_template_child (widget_class, JugglerStrategyGroup, code_view);
  gtk_widget_class_bind_template_child (widget_class, JugglerStrategyGroup, estimate_box);
  gtk_widget_class_bind_template_child (widget_class, JugglerStrategyGroup, estimate_label);
}

static void
juggler_strategy_group_init (JugglerStrategyGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
