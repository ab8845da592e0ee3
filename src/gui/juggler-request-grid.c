/* juggler-request-grid.c: one cell per HTTP request, coloured by where the request is
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-request-grid"

#include "config.h"

#include "juggler-request-grid.h"

#include <math.h>
#include <string.h>

#include "juggler-palette.h"
#include "juggler-request-info.h"

/* Cells never grow past this: a few requests should not look like a bar chart. */
#define MAX_CELL_PX 28
#define MIN_GAP_CELL_PX 5

struct _JugglerRequestGrid
{
  GtkDrawingArea       parent_instance;

  JugglerHttpWorkload *workload;
  guint                n_cells;
  guint8              *states;

  /* The selected requests, in increasing order; empty when nothing is selected. */
  GArray              *selected;
  guint                anchor;

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
add_span_rectangle (JugglerRequestGrid *self,
                    cairo_t            *cr,
                    guint               row,
                    guint               n_rows,
                    guint               from,
                    guint               to)
{
  cairo_rectangle (cr,
                   self->origin_x + from * self->cell_px + 0.5,
                   self->origin_y + row * self->cell_px + 0.5,
                   (to - from + 1) * self->cell_px - 1,
                   n_rows * self->cell_px - 1);
}

/* The selected cells of each row make spans; spans alike in rows one under the other are
 * one shape. So a dragged rectangle or a range in reading order is shaded and outlined as a
 * few shapes, which stay visible when the cells are a pixel or two wide (10,000 requests). */
static void
draw_selection (JugglerRequestGrid *self,
                cairo_t            *cr)
{
  guint columns = self->columns;
  guint block_row = 0, block_rows = 0, block_from = 0, block_to = 0;
  GdkRGBA fg;

  for (guint i = 0; i < self->selected->len; )
    {
      guint index = g_array_index (self->selected, guint, i);
      guint row = index / columns, from = index % columns, to = from;

      /* The span: following indexes in the same row, up to its last column; a range in
       * reading order goes on in the next row. */
      for (i++; i < self->selected->len; i++)
        {
          guint next = g_array_index (self->selected, guint, i);

          if (to + 1 >= columns || next != row * columns + to + 1)
            break;
          to++;
        }

      if (block_rows > 0 && row == block_row + block_rows && from == block_from && to == block_to)
        {
          block_rows++;
          continue;
        }
      if (block_rows > 0)
        add_span_rectangle (self, cr, block_row, block_rows, block_from, block_to);
      block_row = row, block_rows = 1, block_from = from, block_to = to;
    }
  if (block_rows > 0)
    add_span_rectangle (self, cr, block_row, block_rows, block_from, block_to);

  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), &fg);
  fg.alpha = 0.2f;
  gdk_cairo_set_source_rgba (cr, &fg);
  cairo_fill_preserve (cr);
  fg.alpha = 0.85f;
  gdk_cairo_set_source_rgba (cr, &fg);
  cairo_set_line_width (cr, 1.5);
  cairo_stroke (cr);
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
  for (guint state = 0; state < JUGGLER_PALETTE_N_STATES; state++)
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
          GdkRGBA color;

          juggler_palette_get_state_color (state, &color);
          gdk_cairo_set_source_rgba (cr, &color);
          cairo_fill (cr);
        }
    }

  if (self->selected->len > 0)
    draw_selection (self, cr);
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

static gboolean
query_tooltip_cb (GtkWidget          *widget,
                  int                 x,
                  int                 y,
                  gboolean            keyboard_mode,
                  GtkTooltip         *tooltip,
                  JugglerRequestGrid *self)
{
  g_autofree char *text = NULL;
  guint index;

  if (keyboard_mode || self->workload == NULL || self->cell_px == 0 ||
      x < self->origin_x || y < self->origin_y ||
      x >= self->origin_x + self->columns * self->cell_px)
    return FALSE;

  /* Not clamped, unlike a drag: only a cell under the pointer has a tooltip. */
  index = ((int) (y - self->origin_y) / self->cell_px) * self->columns +
          (int) (x - self->origin_x) / self->cell_px;
  if (index >= self->n_cells)
    return FALSE;

  text = juggler_request_info_dup_summary (self->workload, index);
  gtk_tooltip_set_text (tooltip, text);

  return TRUE;
}

/* Replaces the selection with cells, sorted; tells only if it changed. */
static void
take_selection (JugglerRequestGrid *self,
                GArray             *cells)
{
  if (cells->len == self->selected->len &&
      memcmp (cells->data, self->selected->data, cells->len * sizeof (guint)) == 0)
    {
      g_array_unref (cells);
      return;
    }

  g_array_unref (self->selected);
  self->selected = cells;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

static GArray *
new_cells (void)
{
  return g_array_new (FALSE, FALSE, sizeof (guint));
}

static void
select_range (JugglerRequestGrid *self,
              guint               a,
              guint               b)
{
  GArray *cells = new_cells ();

  for (guint i = MIN (a, b); i <= MIN (MAX (a, b), self->n_cells - 1); i++)
    g_array_append_val (cells, i);
  take_selection (self, cells);
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
    juggler_request_grid_select_rectangle (self, self->anchor, index);
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
  g_clear_pointer (&self->selected, g_array_unref);

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

  self->selected = new_cells ();

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), self);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);

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

  if (self->selected->len > 0 &&
      g_array_index (self->selected, guint, self->selected->len - 1) >= self->n_cells)
    take_selection (self, new_cells ());

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

  memset (counts, 0, sizeof (guint) * JUGGLER_PALETTE_N_STATES);
  for (guint i = 0; i < self->n_cells; i++)
    counts[self->states[i]]++;
}

gboolean
juggler_request_grid_get_selection (JugglerRequestGrid *self,
                                    guint              *first,
                                    guint              *last)
{
  g_return_val_if_fail (JUGGLER_IS_REQUEST_GRID (self), FALSE);

  if (self->selected->len == 0)
    return FALSE;

  if (first != NULL)
    *first = g_array_index (self->selected, guint, 0);
  if (last != NULL)
    *last = g_array_index (self->selected, guint, self->selected->len - 1);

  return TRUE;
}

const guint *
juggler_request_grid_get_selected (JugglerRequestGrid *self,
                                   guint              *n_selected)
{
  g_return_val_if_fail (JUGGLER_IS_REQUEST_GRID (self), NULL);
  g_return_val_if_fail (n_selected != NULL, NULL);

  *n_selected = self->selected->len;
  return (const guint *) self->selected->data;
}

void
juggler_request_grid_set_selection (JugglerRequestGrid *self,
                                    guint               first,
                                    guint               last)
{
  g_return_if_fail (JUGGLER_IS_REQUEST_GRID (self));
  g_return_if_fail (first <= last);

  if (self->n_cells == 0 || first >= self->n_cells)
    return;

  select_range (self, first, last);
}

void
juggler_request_grid_select_rectangle (JugglerRequestGrid *self,
                                       guint               corner,
                                       guint               opposite)
{
  guint columns, first_column, last_column, first_row, last_row;
  GArray *cells;

  g_return_if_fail (JUGGLER_IS_REQUEST_GRID (self));

  if (self->n_cells == 0 || self->columns == 0)
    return;

  corner = MIN (corner, self->n_cells - 1);
  opposite = MIN (opposite, self->n_cells - 1);
  columns = self->columns;
  first_column = MIN (corner % columns, opposite % columns);
  last_column = MAX (corner % columns, opposite % columns);
  first_row = MIN (corner / columns, opposite / columns);
  last_row = MAX (corner / columns, opposite / columns);

  cells = new_cells ();
  for (guint row = first_row; row <= last_row; row++)
    {
      for (guint column = first_column; column <= last_column; column++)
        {
          guint index = row * columns + column;

          if (index < self->n_cells)
            g_array_append_val (cells, index);
        }
    }
  take_selection (self, cells);
}
