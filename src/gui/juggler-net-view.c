/* juggler-net-view.c: the Network page's live view: the request grid and the waterfall
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-net-view"

#include "config.h"

#include "juggler-net-view.h"

#include <glib/gi18n.h>

#include "juggler-frame-slot.h"
#include "juggler-legend.h"
#include "juggler-palette.h"
#include "juggler-request-grid.h"
#include "juggler-waterfall.h"

/* Requests the waterfall shows before the user picks others. */
#define DEFAULT_SELECTION 12

struct _JugglerNetView
{
  GtkBox               parent_instance;

  /* Template widgets */
  JugglerLegend       *legend;
  JugglerRequestGrid  *grid;
  GtkLabel            *selection_label;
  JugglerWaterfall    *waterfall;

  guint                legend_counts[JUGGLER_PALETTE_N_STATES];
  /* Frame time ÷ interval at the last update of each: see juggler-run-status.c. */
  gint64               legend_slot;
  gint64               grid_slot;

  JugglerHttpWorkload *workload;
  guint64              bytes_done;
  /* The run is over: what is still queued will not run. */
  gboolean             ended;
};

G_DEFINE_FINAL_TYPE (JugglerNetView, juggler_net_view, GTK_TYPE_BOX)

static void
update_legend (JugglerNetView *self,
               gboolean        force)
{
  guint counts[JUGGLER_PALETTE_N_STATES];
  guint n_requests = self->workload != NULL ? juggler_http_workload_get_n_requests (self->workload) : 0;
  guint n_chars = 1;
  const char *queued_title;

  /* Room for the largest count, so that the legend never changes its layout in a run. */
  while (n_requests >= 10)
    {
      n_requests /= 10;
      n_chars++;
    }

  juggler_request_grid_count_states (self->grid, counts);
  for (guint state = 0; state < JUGGLER_PALETTE_N_STATES; state++)
    {
      g_autofree char *text = NULL;

      if (!force && counts[state] == self->legend_counts[state])
        continue;
      self->legend_counts[state] = counts[state];
      text = g_strdup_printf ("%u", counts[state]);
      juggler_legend_set_value (self->legend, state, text, n_chars);
    }

  /* After Stop the requests left are not waiting for anything. */
  if (self->ended && counts[JUGGLER_HTTP_STATE_QUEUED] > 0)
    /* TRANSLATORS: in the Network legend after Stop: the requests that will not run */
    queued_title = _("Not run");
  else
    queued_title = juggler_palette_get_state_title (JUGGLER_HTTP_STATE_QUEUED);
  juggler_legend_set_text (self->legend, JUGGLER_HTTP_STATE_QUEUED, queued_title);
}

static void
selection_changed_cb (JugglerRequestGrid *grid,
                      JugglerNetView     *self)
{
  g_autofree char *text = NULL;
  const guint *selected;
  guint n, first, last;

  if (!juggler_request_grid_get_selection (grid, &first, &last))
    {
      gtk_label_set_label (self->selection_label, NULL);
      return;
    }

  selected = juggler_request_grid_get_selected (grid, &n);
  juggler_waterfall_set_requests (self->waterfall, selected, n);
  if (first == last)
    text = g_strdup_printf (_("Request %u"), first + 1);
  else if (n == last - first + 1)
    text = g_strdup_printf (_("Requests %u–%u"), first + 1, last + 1);
  else
    /* TRANSLATORS: a rectangle dragged across the grid: how many, then the first and last */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u request of %u–%u",
                                         "%u requests of %u–%u", n),
                            n, first + 1, last + 1);
  gtk_label_set_label (self->selection_label, text);
}

static void
juggler_net_view_dispose (GObject *object)
{
  JugglerNetView *self = (JugglerNetView *) object;

  g_clear_object (&self->workload);
  gtk_widget_dispose_template (GTK_WIDGET (self), JUGGLER_TYPE_NET_VIEW);

  G_OBJECT_CLASS (juggler_net_view_parent_class)->dispose (object);
}

static void
juggler_net_view_class_init (JugglerNetViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = juggler_net_view_dispose;

  g_type_ensure (JUGGLER_TYPE_LEGEND);
  g_type_ensure (JUGGLER_TYPE_REQUEST_GRID);
  g_type_ensure (JUGGLER_TYPE_WATERFALL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/juggler/Juggler/juggler-net-view.ui");
  gtk_widget_class_bind_template_child (widget_class, JugglerNetView, legend);
  gtk_widget_class_bind_template_child (widget_class, JugglerNetView, grid);
  gtk_widget_class_bind_template_child (widget_class, JugglerNetView, selection_label);
  gtk_widget_class_bind_template_child (widget_class, JugglerNetView, waterfall);
}

static void
juggler_net_view_init (JugglerNetView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint state = 0; state < JUGGLER_PALETTE_N_STATES; state++)
    {
      GdkRGBA color;

      juggler_palette_get_state_color (state, &color);
      juggler_legend_append (self->legend, &color, juggler_palette_get_state_title (state));
    }

  g_signal_connect_object (self->grid, "selection-changed", G_CALLBACK (selection_changed_cb),
                           self, 0);
}

GtkWidget *
juggler_net_view_new (void)
{
  return g_object_new (JUGGLER_TYPE_NET_VIEW, NULL);
}

void
juggler_net_view_set_workload (JugglerNetView      *self,
                               JugglerHttpWorkload *workload)
{
  guint n;

  g_return_if_fail (JUGGLER_IS_NET_VIEW (self));
  g_return_if_fail (workload == NULL || JUGGLER_IS_HTTP_WORKLOAD (workload));

  g_set_object (&self->workload, workload);
  self->bytes_done = 0;
  self->ended = FALSE;
  juggler_request_grid_set_workload (self->grid, workload);
  juggler_waterfall_set_workload (self->waterfall, workload);

  n = workload != NULL ? juggler_http_workload_get_n_requests (workload) : 0;
  if (n > 0 && !juggler_request_grid_get_selection (self->grid, NULL, NULL))
    juggler_request_grid_set_selection (self->grid, 0, MIN (n, DEFAULT_SELECTION) - 1);
  update_legend (self, TRUE);
}

void
juggler_net_view_update (JugglerNetView *self,
                         gint64          frame_time_us)
{
  g_return_if_fail (JUGGLER_IS_NET_VIEW (self));

  /* 0: the last update of a run, shown whatever the slot. */
  self->ended = frame_time_us == 0;
  if (juggler_frame_slot_enter (&self->grid_slot, frame_time_us, JUGGLER_MOTION_INTERVAL_US) ||
      frame_time_us == 0)
    juggler_request_grid_refresh (self->grid);
  if (juggler_frame_slot_enter (&self->legend_slot, frame_time_us, JUGGLER_TEXT_INTERVAL_US) ||
      frame_time_us == 0)
    update_legend (self, FALSE);
}

void
juggler_net_view_request_done (JugglerNetView *self,
                               guint           index)
{
  const JugglerHttpResult *result;

  g_return_if_fail (JUGGLER_IS_NET_VIEW (self));
  g_return_if_fail (self->workload != NULL);

  result = juggler_http_workload_get_result (self->workload, index);
  if (result != NULL)
    self->bytes_done += result->bytes;
  juggler_waterfall_request_done (self->waterfall, index);
}

guint64
juggler_net_view_get_bytes_done (JugglerNetView *self)
{
  g_return_val_if_fail (JUGGLER_IS_NET_VIEW (self), 0);

  return self->bytes_done;
}
