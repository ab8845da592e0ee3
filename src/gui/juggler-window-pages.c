/* juggler-window-pages.c: the window's pages, each made when first shown, with its controls in the sidebar and its strategy action in the window
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-window"

#include "config.h"

#include "juggler-window-private.h"

#include <glib/gi18n.h>

#include "juggler-claims-page.h"
#include "juggler-cpu-page.h"
#include "juggler-net-page.h"
#include "juggler-width-bin.h"

/* The view stack's pages hold an empty AdwBin each; the page itself is made into it when
 * first shown. The pages not shown cost a third of the first frame otherwise: the view
 * stack measures every child, and the Claims page is mostly wrapped text. */
static const struct
{
  const char *name;
  GType     (*get_type) (void);
} page_types[] = {
  { "cpu", juggler_cpu_page_get_type },
  { "net", juggler_net_page_get_type },
  { "claims", juggler_claims_page_get_type },
};

void
_juggler_window_class_pages_init (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (page_types); i++)
    g_type_ensure (page_types[i].get_type ());
}

/* The page in a view stack child, NULL until it was first shown. */
GtkWidget *
_juggler_window_get_stack_child_page (GtkWidget *stack_child)
{
  return adw_bin_get_child (ADW_BIN (stack_child));
}

/* NULL on a page that runs no workload of its own (Claims). */
JugglerWorkloadPage *
_juggler_window_get_visible_page (JugglerWindow *self)
{
  GtkWidget *child = adw_view_stack_get_visible_child (self->view_stack);
  GtkWidget *page = child != NULL ? _juggler_window_get_stack_child_page (child) : NULL;

  return JUGGLER_IS_WORKLOAD_PAGE (page) ? JUGGLER_WORKLOAD_PAGE (page) : NULL;
}

const char *
_juggler_window_get_page_title (JugglerWindow       *self,
                                JugglerWorkloadPage *page)
{
  GtkWidget *stack_child = gtk_widget_get_parent (GTK_WIDGET (page));

  return adw_view_stack_page_get_title (adw_view_stack_get_page (self->view_stack, stack_child));
}

static void
page_strategy_notify_cb (JugglerWorkloadPage *page,
                         GParamSpec          *pspec,
                         JugglerWindow       *self)
{
  _juggler_window_update_actions (self);
  _juggler_window_page_strategy_changed (self, page);
}

static void
claims_running_notify_cb (JugglerClaimsPage *page,
                          GParamSpec        *pspec,
                          JugglerWindow     *self)
{
  _juggler_window_set_claim_running (self, juggler_claims_page_get_running (page));
}

static void
page_can_start_notify_cb (JugglerWorkloadPage *page,
                          GParamSpec          *pspec,
                          JugglerWindow       *self)
{
  _juggler_window_update_actions (self);
}

/* Each page's controls go into the sidebar under the page's name; its strategy action into
 * the window's actions. */
static void
add_page (JugglerWindow    *self,
          AdwViewStackPage *stack_page,
          GtkWidget        *child)
{
  JugglerWorkloadPage *page;

  /* The Claims page runs its experiments itself: the sidebar only says so. */
  if (!JUGGLER_IS_WORKLOAD_PAGE (child))
    {
      GtkWidget *label = gtk_label_new (_("Each claim runs from its own Run button, or all of "
                                          "them in order with Run All; the window's Start "
                                          "and Stop belong to the CPU and Network pages."));

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_set_valign (label, GTK_ALIGN_START);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_stack_add_named (self->controls_stack, juggler_width_bin_new (label),
                           adw_view_stack_page_get_name (stack_page));
      if (JUGGLER_IS_CLAIMS_PAGE (child))
        {
          g_signal_connect_object (child, "notify::running",
                                   G_CALLBACK (claims_running_notify_cb), self, 0);
          /* Made while a run goes: its experiments wait, as they would had it been there. */
          if (self->run_page != NULL)
            juggler_claims_page_set_busy_page (JUGGLER_CLAIMS_PAGE (child),
                                               _juggler_window_get_page_title (self, self->run_page));
        }
      return;
    }

  page = JUGGLER_WORKLOAD_PAGE (child);

  juggler_workload_page_set_settings (page, self->settings);
  /* In a bin: the stack would ask the controls' width for its height on every allocation. */
  gtk_stack_add_named (self->controls_stack,
                       juggler_width_bin_new (juggler_workload_page_get_controls (page)),
                       adw_view_stack_page_get_name (stack_page));
  g_action_map_add_action (G_ACTION_MAP (self), juggler_workload_page_get_strategy_action (page));
  g_signal_connect_object (page, "notify::strategy", G_CALLBACK (page_strategy_notify_cb), self, 0);
  g_signal_connect_object (page, "notify::can-start", G_CALLBACK (page_can_start_notify_cb),
                           self, 0);
  _juggler_window_page_added (self, page);
}

/* Makes the page of stack_page, the first time it is shown (see page_types). */
static void
ensure_page (JugglerWindow    *self,
             AdwViewStackPage *stack_page)
{
  AdwBin *bin = ADW_BIN (adw_view_stack_page_get_child (stack_page));
  const char *name = adw_view_stack_page_get_name (stack_page);
  GtkWidget *page = NULL;

  if (adw_bin_get_child (bin) != NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (page_types) && page == NULL; i++)
    if (g_strcmp0 (name, page_types[i].name) == 0)
      page = g_object_new (page_types[i].get_type (), NULL);
  g_assert (page != NULL);

  adw_bin_set_child (bin, page);
  add_page (self, stack_page, page);
}

GtkWidget *
_juggler_window_get_page (JugglerWindow *self,
                          const char    *name)
{
  GtkWidget *stack_child = adw_view_stack_get_child_by_name (self->view_stack, name);

  g_assert (stack_child != NULL);
  ensure_page (self, adw_view_stack_get_page (self->view_stack, stack_child));
  return _juggler_window_get_stack_child_page (stack_child);
}

static void
visible_page_notify_cb (AdwViewStack  *stack,
                        GParamSpec    *pspec,
                        JugglerWindow *self)
{
  GtkWidget *child = adw_view_stack_get_visible_child (stack);

  if (child == NULL)
    return;

  /* Before anything asks the page shown for its strategy, controls or status. */
  ensure_page (self, adw_view_stack_get_page (stack, child));
  gtk_stack_set_visible_child_name (self->controls_stack,
                                    adw_view_stack_get_visible_child_name (stack));
  _juggler_window_update_actions (self);
  g_object_notify (G_OBJECT (self), "page");
}

void
_juggler_window_pages_init (JugglerWindow *self)
{
  /* The page shown is made now, the others when first shown. */
  ensure_page (self, adw_view_stack_get_page (self->view_stack,
                                              adw_view_stack_get_visible_child (self->view_stack)));
  gtk_stack_set_visible_child_name (self->controls_stack,
                                    adw_view_stack_get_visible_child_name (self->view_stack));
  g_signal_connect_object (self->view_stack, "notify::visible-child",
                           G_CALLBACK (visible_page_notify_cb), self, 0);
}

/* The pages' strategy actions outlive the window's action group, which leaves their
 * "notify::state" handlers behind: a later change of the setting would reach the freed group. */
void
_juggler_window_pages_dispose (JugglerWindow *self)
{
  g_autoptr(GtkSelectionModel) pages = NULL;

  if (self->view_stack == NULL)
    return;

  pages = adw_view_stack_get_pages (self->view_stack);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (pages)); i++)
    {
      g_autoptr(AdwViewStackPage) stack_page = g_list_model_get_item (G_LIST_MODEL (pages), i);
      GtkWidget *page = _juggler_window_get_stack_child_page (adw_view_stack_page_get_child (stack_page));

      if (JUGGLER_IS_WORKLOAD_PAGE (page))
        g_action_map_remove_action (G_ACTION_MAP (self),
                                    g_action_get_name (juggler_workload_page_get_strategy_action (JUGGLER_WORKLOAD_PAGE (page))));
    }
}
