/* juggler-strategy-group.c: a page's Strategy group: buttons, and the chosen one's explanation, code
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-strategy-group"

#include "config.h"

#include "juggler-strategy-group.h"

#include "juggler-control-group.h"
#include "juggler-strategy-info.h"
#include "juggler-width-bin.h"

struct _JugglerStrategyGroup
{
  GtkBox           parent_instance;

  /* Template widgets */
  GtkGrid             *button_grid;
  GtkStack            *explanation_stack;
  GtkExpander         *code_expander;
  GtkWidget           *estimate_box;
  GtkLabel            *estimate_label;

  /* The code view is made when Show Code is first expanded; until then, what it will show. */
  JugglerCodeView     *code_view;
  JugglerWorkloadKind  kind;
  GSettings           *settings;
  char                *key;
};

G_DEFINE_FINAL_TYPE (JugglerStrategyGroup, juggler_strategy_group, GTK_TYPE_BOX)

static GtkWidget *
explanation_label_new (JugglerStrategy     strategy,
                       JugglerWorkloadKind kind)
{
  GtkWidget *label = gtk_label_new (juggler_strategy_info_get_explanation (strategy, kind));

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  /* At the top by its yalign, not by a valign: GTK 4.8 asks a wrapping label that does not
   * fill its height for its width at that height first, a search through the paragraph. */
  gtk_label_set_yalign (GTK_LABEL (label), 0);
  /* No width in characters: the sidebar's width is fixed (juggler-window.ui), and each
   * measure of a label with one asks Pango for the font's metrics, which shapes a sample
   * sentence every time. */
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

  self->kind = kind;

  for (guint i = 0; i < n_strategies; i++)
    {
      const char *nick = juggler_strategy_to_string (strategies[i]);
      GtkWidget *button = gtk_toggle_button_new ();
      g_autofree char *accel = gtk_accelerator_get_label (GDK_KEY_1 + i, GDK_CONTROL_MASK);
      GtkWidget *explanation = explanation_label_new (strategies[i], kind);
      GtkWidget *bin;

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
      /* In a width bin: the stack asks its page for its width at the stack's height on
       * every allocation, a search through a paragraph (juggler-width-bin.h). Hidden, an
       * explanation only keeps the stack as tall as itself: the first frame lays out the
       * five not shown once each, at the sidebar's width, instead of four times. */
      bin = juggler_width_bin_new (explanation);
      juggler_width_bin_set_hidden_height_only (JUGGLER_WIDTH_BIN (bin), TRUE);
      gtk_stack_add_named (self->explanation_stack, bin, nick);
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
  g_set_object (&self->settings, settings);
  g_free (self->key);
  self->key = g_strdup (key);
  if (self->code_view != NULL)
    g_settings_bind (settings, key, self->code_view, "strategy", G_SETTINGS_BIND_GET);
}

JugglerCodeView *
juggler_strategy_group_get_code_view (JugglerStrategyGroup *self)
{
  g_return_val_if_fail (JUGGLER_IS_STRATEGY_GROUP (self), NULL);

  return self->code_view;
}

static void
code_expanded_cb (JugglerStrategyGroup *self)
{
  if (self->code_view != NULL || !gtk_expander_get_expanded (self->code_expander))
    return;

  self->code_view = g_object_new (JUGGLER_TYPE_CODE_VIEW,
                                  "kind", self->kind,
                                  "margin-top", 6,
                                  NULL);
  if (self->settings != NULL)
    g_settings_bind (self->settings, self->key, self->code_view, "strategy",
                     G_SETTINGS_BIND_GET);
  gtk_expander_set_child (self->code_expander, GTK_WIDGET (self->code_view));
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
  JugglerStrategyGroup *self = JUGGLER_STRATEGY_GROUP (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), JUGGLER_TYPE_STRATEGY_GROUP);
  self->code_view = NULL;
  g_clear_object (&self->settings);
  g_clear_pointer (&self->key, g_free);

  G_OBJECT_CLASS (juggler_strategy_group_parent_class)->dispose (object);
}

static void
juggler_strategy_group_class_init (JugglerStrategyGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = juggler_strategy_group_dispose;

  g_type_ensure (JUGGLER_TYPE_CONTROL_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/juggler/Juggler/juggler-strategy-group.ui");
  gtk_widget_class_bind_template_child (widget_class, JugglerStrategyGroup, button_grid);
  gtk_widget_class_bind_template_child (widget_class, JugglerStrategyGroup, explanation_stack);
  gtk_widget_class_bind_template_child (widget_class, JugglerStrategyGroup, code_expander);
  gtk_widget_class_bind_template_child (widget_class, JugglerStrategyGroup, estimate_box);
  gtk_widget_class_bind_template_child (widget_class, JugglerStrategyGroup, estimate_label);
}

static void
juggler_strategy_group_init (JugglerStrategyGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (self->code_expander, "notify::expanded",
                           G_CALLBACK (code_expanded_cb), self, G_CONNECT_SWAPPED);
}
