/* juggler-request-grid.c: one cell per HTTP request, coloured by where the request is
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-request-grid"

#include "config.h"

#include "juggler-request-grid.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

/* Cells never grow past this: a few requests should not look like a bar chart. */
#define MAX_CELL_PX 28
#define MIN_GAP_CELL_PX 5

struct _JugglerRequestGrid
{
  GtkDrawingArea       parent_instance;

  JugglerHttpWorkload *workload;
  guint                n_cells;
  guint8              *states;

  gboolean             has_selection;
  guint                anchor;
  guint                first;
  guint                last;

  /* The geometry of the last draw, for hit testing. */
  int                  cell_px;
  int                  columns;
  double               origin_x;
  double               origin_y;
};

enum {
  SELECTION_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (JugglerRequestGrid, juggler_request_grid, GTK_TYPE_DRAWING_AREA)

static const GdkRGBA state_colors[JUGGLER_REQUEST_GRID_N_STATES] = {
  [JUGGLER_HTTP_STATE_QUEUED] = { 0.55f, 0.55f, 0.55f, 0.30f },
  [JUGGLER_HTTP_STATE_CONNECTING] = { 0.96f, 0.76f, 0.07f, 1.0f },   /* yellow 3 */
  [JUGGLER_HTTP_STATE_WAITING] = { 0.38f, 0.63f, 0.92f, 1.0f },      /* blue 2 */
  [JUGGLER_HTTP_STATE_RECEIVING] = { 0.57f, 0.25f, 0.67f, 1.0f },    /* purple 3 */
  [JUGGLER_HTTP_STATE_DONE] = { 0.20f, 0.82f, 0.48f, 1.0f },         /* green 3 */
  [JUGGLER_HTTP_STATE_FAILED] = { 0.88f, 0.11f, 0.14f, 1.0f },       /* red 3 */
};

void
juggler_request_grid_get_state_color (JugglerHttpState  state,
                                      GdkRGBA          *color)
{
  g_return_if_fail (state < JUGGLER_REQUEST_GRID_N_STATES);
  g_return_if_fail (color != NULL);

  *color = state_colors[state];
}

const char *
juggler_request_grid_get_state_title (JugglerHttpState state)
{
  switch (state)
    {
    case JUGGLER_HTTP_STATE_QUEUED:
      return _("Queued");
    case JUGGLER_HTTP_STATE_CONNECTING:
      return _("Connecting");
    case JUGGLER_HTTP_STATE_WAITING:
      return _("Waiting");
    case JUGGLER_HTTP_STATE_RECEIVING:
      return _("Receiving");
    case JUGGLER_HTTP_STATE_DONE:
      return _("Done");
    case JUGGLER_HTTP_STATE_FAILED:
      return _("Failed");
    default:
      g_return_val_if_reached (NULL);
    }
}

/* The largest square cell with which n cells fit in width × height. */
static int
fit_cell (int   width,
          int   height,
          guint n)
{
  int cell;

  if (n == 0 || width <= 0 || height <= 0)
    return 0;

  cell = MIN (MAX_CELL_PX, (int) sqrt ((double) width * height / n));
  while (cell > 1)
    {
      guint columns = width / cell;
      guint rows = (n + columns - 1) / columns;

      if ((guint64) rows * cell <= (guint64) height)
        break;
      cell--;
    }

  return MAX (cell, 1);
}

static void
draw_cb (GtkDrawingArea *area,
         cairo_t        *cr,
         int             width,
         int             height,
         gpointer        user_data)
{
  JugglerRequestGrid *self = JUGGLER_REQUEST_GRID (area);
  int cell, gap, rows;

  self->cell_px = cell = fit_cell (width, height, self->n_cells);
  if (cell == 0)
    return;

  self->columns = MIN ((guint) (width / cell), self->n_cells);
  rows = (self->n_cells + self->columns - 1) / self->columns;
  gap = cell >= MIN_GAP_CELL_PX ? MAX (1, cell / 8) : 0;
  self->origin_x = floor ((width - self->columns * cell) / 2.0);
  self->origin_y = floor ((height - rows * cell) / 2.0);

  /* One path per state: six fills however many requests there are. */
  for (guint state = 0; state < JUGGLER_REQUEST_GRID_N_STATES; state++)
    {
      gboolean any = FALSE;

      for (guint i = 0; i < self->n_cells; i++)
        {
          if (self->states[i] != state)
            continue;
          cairo_rectangle (cr,
                           self->origin_x + (i % self->columns) * cell,
                           self->origin_y + (i / self->columns) * cell,
                           cell - gap, cell - gap);
          any = TRUE;
        }
      if (any)
        {
          gdk_cairo_set_source_rgba (cr, &state_colors[state]);
          cairo_fill (cr);
        }
    }

  if (self->has_selection && self->first < self->n_cells)
    {
      GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));
      GdkRGBA fg;
      guint last = MIN (self->last, self->n_cells - 1);

      gtk_style_context_get_color (context, &fg);
      for (guint i = self->first; i <= last; i++)
        cairo_rectangle (cr,
                         self->origin_x + (i % self->columns) * cell + 0.5,
                         self->origin_y + (i / self->columns) * cell + 0.5,
                         MAX (cell - gap - 1, 1), MAX (cell - gap - 1, 1));
      fg.alpha = 0.8f;
      gdk_cairo_set_source_rgba (cr, &fg);
      cairo_set_line_width (cr, cell >= MIN_GAP_CELL_PX ? 1.5 : 1);
      cairo_stroke (cr);
    }
}

/* The request under (x, y), clamped to the grid so a drag past its edge still selects. */
static gboolean
index_at (JugglerRequestGrid *self,
          double              x,
          double              y,
          guint              *index)
{
  int column, row, rows;

  if (self->cell_px == 0 || self->n_cells == 0)
    return FALSE;

  rows = (self->n_cells + self->columns - 1) / self->columns;
  column = CLAMP ((int) floor ((x - self->origin_x) / self->cell_px), 0, self->columns - 1);
  row = CLAMP ((int) floor ((y - self->origin_y) / self->cell_px), 0, rows - 1);
  *index = MIN ((guint) (row * self->columns + column), self->n_cells - 1);

  return TRUE;
}

static void
select_range (JugglerRequestGrid *self,
              guint               a,
              guint               b)
{
  guint first = MIN (a, b);
  guint last = MAX (a, b);

  if (self->has_selection && self->first == first && self->last == last)
    return;

  self->has_selection = TRUE;
  self->first = first;
  self->last = last;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

static void
drag_begin_cb (GtkGestureDrag     *gesture,
               double              x,
               double              y,
               JugglerRequestGrid *self)
{
  guint index;

  if (!index_at (self, x, y, &index))
    return;

  self->anchor = index;
  select_range (self, index, index);
}

static void
drag_update_cb (GtkGestureDrag     *gesture,
                double              dx,
                double              dy,
                JugglerRequestGrid *self)
{
  double x, y;
  guint index;

  gtk_gesture_drag_get_start_point (gesture, &x, &y);
  if (index_at (self, x + dx, y + dy, &index))
    select_range (self, self->anchor, index);
}

static void
juggler_request_grid_dispose (GObject *object)
{
  JugglerRequestGrid *self = (JugglerRequestGrid *) object;

  g_clear_object (&self->workload);

  G_OBJECT_CLASS (juggler_request_grid_parent_class)->dispose (object);
}

static void
juggler_request_grid_finalize (GObject *object)
{
  JugglerRequestGrid *self = (JugglerRequestGrid *) object;

  g_clear_pointer (&self->states, g_free);

  G_OBJECT_CLASS (juggler_request_grid_parent_class)->finalize (object);
}

static void
juggler_request_grid_class_init (JugglerRequestGridClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = juggler_request_grid_dispose;
  object_class->finalize = juggler_request_grid_finalize;

  signals[SELECTION_CHANGED] =
    g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_css_name (widget_class, "requestgrid");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
juggler_request_grid_init (JugglerRequestGrid *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  gtk_widget_set_size_request (GTK_WIDGET (self), 120, 80);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self), draw_cb, NULL, NULL);
}

GtkWidget *
juggler_request_grid_new (void)
{
  return g_object_new (JUGGLER_TYPE_REQUEST_GRID, NULL);
}

void
juggler_request_grid_set_workload (JugglerRequestGrid  *self,
                                   JugglerHttpWorkload *workload)
{
  g_return_if_fail (JUGGLER_IS_REQUEST_GRID (self));
  g_return_if_fail (workload == NULL || JUGGLER_IS_HTTP_WORKLOAD (workload));

  g_set_object (&self->workload, workload);
  self->n_cells = workload != NULL ? juggler_http_workload_get_n_requests (workload) : 0;
  g_clear_pointer (&self->states, g_free);
  /* g_new0: every cell starts as JUGGLER_HTTP_STATE_QUEUED. */
  self->states = g_new0 (guint8, MAX (self->n_cells, 1));

  if (self->has_selection && self->last >= self->n_cells)
    {
      self->has_selection = FALSE;
      g_signal_emit (self, signals[SELECTION_CHANGED], 0);
    }

  juggler_request_grid_refresh (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
juggler_request_grid_refresh (JugglerRequestGrid *self)
{
  gboolean changed = FALSE;

  g_return_if_fail (JUGGLER_IS_REQUEST_GRID (self));

  if (self->workload == NULL)
    return;

  for (guint i = 0; i < self->n_cells; i++)
    {
      guint8 state = juggler_http_workload_get_state (self->workload, i);

      if (state != self->states[i])
        {
          self->states[i] = state;
          changed = TRUE;
        }
    }

  if (changed)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
juggler_request_grid_count_states (JugglerRequestGrid *self,
                                   guint              *counts)
{
  g_return_if_fail (JUGGLER_IS_REQUEST_GRID (self));
  g_return_if_fail (counts != NULL);

  memset (counts, 0, sizeof (guint) * JUGGLER_REQUEST_GRID_N_STATES);
  for (guint i = 0; i < self->n_cells; i++)
    counts[self->states[i]]++;
}

gboolean
juggler_request_grid_get_selection (JugglerRequestGrid *self,
                                    guint              *first,
                                    guint              *last)
{
  g_return_val_if_fail (JUGGLER_IS_REQUEST_GRID (self), FALSE);

  if (!self->has_selection)
    return FALSE;

  if (first != NULL)
    *first = self->first;
  if (last != NULL)
    *last = self->last;

  return TRUE;
}

void
juggler_request_grid_set_selection (JugglerRequestGrid *self,
                                    guint               first,
                                    guint               last)
{
  g_return_if_fail (JUGGLER_IS_REQUEST_GRID (self));
  g_return_if_fail (first <= last);

  select_range (self, first, last);
}
