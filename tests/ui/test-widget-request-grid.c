/* test-widget-request-grid.c: the request grid: state counts, selection, failure reasons
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "juggler-palette.h"
#include "juggler-request-grid.h"
#include "juggler-request-info.h"
#include "juggler-test-window.h"

/* Nothing listens on port 1: every request is refused at once, without a server. */
#define REFUSED_URL "http://127.0.0.1:1/"

static JugglerHttpWorkload *
refused_workload (guint n_requests)
{
  const char *urls[] = { REFUSED_URL, NULL };
  g_autoptr(GError) error = NULL;
  JugglerHttpWorkload *workload = juggler_http_workload_new (urls, n_requests, 5, &error);

  g_assert_no_error (error);
  return workload;
}

static void
count_cb (JugglerRequestGrid *grid,
          gpointer            user_data)
{
  (*(guint *) user_data)++;
}

static void
test_grid_counts (void)
{
  JugglerRequestGrid *grid = g_object_ref_sink (JUGGLER_REQUEST_GRID (juggler_request_grid_new ()));
  g_autoptr(JugglerHttpWorkload) workload = refused_workload (7);
  guint counts[JUGGLER_PALETTE_N_STATES];

  juggler_request_grid_count_states (grid, counts);
  for (guint state = 0; state < JUGGLER_PALETTE_N_STATES; state++)
    g_assert_cmpuint (counts[state], ==, 0);

  juggler_request_grid_set_workload (grid, workload);
  juggler_request_grid_count_states (grid, counts);
  g_assert_cmpuint (counts[JUGGLER_HTTP_STATE_QUEUED], ==, 7);

  /* Every request fails; the counts follow at the next refresh, not before. */
  juggler_workload_run_serial (JUGGLER_WORKLOAD (workload));
  juggler_request_grid_count_states (grid, counts);
  g_assert_cmpuint (counts[JUGGLER_HTTP_STATE_QUEUED], ==, 7);
  juggler_request_grid_refresh (grid);
  juggler_request_grid_count_states (grid, counts);
  g_assert_cmpuint (counts[JUGGLER_HTTP_STATE_QUEUED], ==, 0);
  g_assert_cmpuint (counts[JUGGLER_HTTP_STATE_FAILED], ==, 7);

  juggler_request_grid_set_workload (grid, NULL);
  g_assert_finalize_object (grid);
}

/* "selection-changed" is the grid's notification: once per real change. */
static void
test_grid_selection (void)
{
  JugglerRequestGrid *grid = g_object_ref_sink (JUGGLER_REQUEST_GRID (juggler_request_grid_new ()));
  g_autoptr(JugglerHttpWorkload) workload = refused_workload (20);
  g_autoptr(JugglerHttpWorkload) smaller = refused_workload (4);
  guint changes = 0, first, last;

  g_signal_connect (grid, "selection-changed", G_CALLBACK (count_cb), &changes);
  juggler_request_grid_set_workload (grid, workload);
  g_assert_false (juggler_request_grid_get_selection (grid, NULL, NULL));

  juggler_request_grid_set_selection (grid, 2, 9);
  juggler_request_grid_set_selection (grid, 2, 9);
  g_assert_cmpuint (changes, ==, 1);
  g_assert_true (juggler_request_grid_get_selection (grid, &first, &last));
  g_assert_cmpuint (first, ==, 2);
  g_assert_cmpuint (last, ==, 9);

  /* A run with fewer requests than the selection reaches drops it, and says so. */
  juggler_request_grid_set_workload (grid, smaller);
  g_assert_cmpuint (changes, ==, 2);
  g_assert_false (juggler_request_grid_get_selection (grid, NULL, NULL));

  juggler_request_grid_set_workload (grid, NULL);
  g_assert_finalize_object (grid);
}

/* A drag selects the rectangle it spans, not every request between its corners in reading
 * order (the review's D14: requests 85–252). */
static void
test_grid_rectangle (void)
{
  GtkWidget *window = gtk_window_new ();
  JugglerRequestGrid *grid = JUGGLER_REQUEST_GRID (juggler_request_grid_new ());
  g_autoptr(JugglerHttpWorkload) workload = refused_workload (100);
  GtkSnapshot *snapshot;
  const guint *selected;
  guint n, changes = 0, columns;

  gtk_widget_set_size_request (GTK_WIDGET (grid), 200, 200);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (grid));
  juggler_test_present (GTK_WINDOW (window));
  while (gtk_widget_get_width (GTK_WIDGET (grid)) == 0)
    g_main_context_iteration (NULL, TRUE);
  juggler_request_grid_set_workload (grid, workload);
  /* Lay the cells out, as a frame would: 100 cells in 200 × 200 px are 10 columns of 20 px. */
  snapshot = gtk_snapshot_new ();
  GTK_WIDGET_GET_CLASS (grid)->snapshot (GTK_WIDGET (grid), snapshot);
  gsk_render_node_unref (gtk_snapshot_free_to_node (snapshot));
  columns = 10;

  g_signal_connect (grid, "selection-changed", G_CALLBACK (count_cb), &changes);
  /* From the third cell of row 1 to the fifth of row 3, dragged either way. */
  juggler_request_grid_select_rectangle (grid, 3 * columns + 4, 1 * columns + 2);
  selected = juggler_request_grid_get_selected (grid, &n);
  g_assert_cmpuint (n, ==, 9);
  g_assert_cmpuint (selected[0], ==, 12);
  g_assert_cmpuint (selected[2], ==, 14);
  g_assert_cmpuint (selected[3], ==, 22);
  g_assert_cmpuint (selected[8], ==, 34);
  juggler_request_grid_select_rectangle (grid, 1 * columns + 2, 3 * columns + 4);
  g_assert_cmpuint (changes, ==, 1);

  /* The selection is drawn without complaint over several rows. */
  snapshot = gtk_snapshot_new ();
  GTK_WIDGET_GET_CLASS (grid)->snapshot (GTK_WIDGET (grid), snapshot);
  gsk_render_node_unref (gtk_snapshot_free_to_node (snapshot));

  juggler_request_grid_set_workload (grid, NULL);
  gtk_window_destroy (GTK_WINDOW (window));
}

static guint32
pixel_at (cairo_surface_t *surface,
          int              x,
          int              y)
{
  const guint8 *data = cairo_image_surface_get_data (surface);

  return ((const guint32 *) (data + y * cairo_image_surface_get_stride (surface)))[x];
}

/* A selection in reading order that goes past the end of a row, like the default one
 * (requests 1–12) in a 360 px window, is shaded where its cells are: the first of the
 * next row too, not drawn on past the grid's right edge. */
static void
test_grid_selection_wraps (void)
{
  GtkWidget *window = gtk_window_new ();
  JugglerRequestGrid *grid = JUGGLER_REQUEST_GRID (juggler_request_grid_new ());
  g_autoptr(JugglerHttpWorkload) workload = refused_workload (100);
  g_autoptr(GskRenderNode) node = NULL;
  cairo_surface_t *surface;
  GtkSnapshot *snapshot;
  cairo_t *cr;

  gtk_widget_set_size_request (GTK_WIDGET (grid), 200, 200);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (grid));
  juggler_test_present (GTK_WINDOW (window));
  while (gtk_widget_get_width (GTK_WIDGET (grid)) == 0)
    g_main_context_iteration (NULL, TRUE);
  juggler_request_grid_set_workload (grid, workload);
  /* 10 columns of 20 px: requests 0–11 are row 0 and the first two cells of row 1. */
  juggler_request_grid_set_selection (grid, 0, 11);

  snapshot = gtk_snapshot_new ();
  GTK_WIDGET_GET_CLASS (grid)->snapshot (GTK_WIDGET (grid), snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 200, 200);
  cr = cairo_create (surface);
  gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  /* Cell 10 (row 1, column 0) is selected, cell 12 (row 1, column 2) is not; both are
   * queued, so only the selection's shade tells them apart. */
  g_assert_cmphex (pixel_at (surface, 10, 30), !=, pixel_at (surface, 50, 30));
  /* Cell 11 is shaded like cell 10, and row 0 from its first cell to its last. */
  g_assert_cmphex (pixel_at (surface, 30, 30), ==, pixel_at (surface, 10, 30));
  g_assert_cmphex (pixel_at (surface, 190, 10), ==, pixel_at (surface, 10, 10));
  cairo_surface_destroy (surface);

  juggler_request_grid_set_workload (grid, NULL);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A failed cell's tooltip says why it failed (issue 9), once its result is in. */
static void
test_grid_failure_reason (void)
{
  g_autoptr(JugglerHttpWorkload) workload = refused_workload (2);
  g_autofree char *before = juggler_request_info_dup_summary (workload, 0);
  g_autofree char *failure = NULL;
  g_autofree char *summary = NULL;

  g_assert_cmpstr (before, ==, "Request 1 · Queued");
  g_assert_null (juggler_request_info_dup_failure (workload, 0));

  juggler_workload_run_serial (JUGGLER_WORKLOAD (workload));
  failure = juggler_request_info_dup_failure (workload, 1);
  summary = juggler_request_info_dup_summary (workload, 1);

  g_assert_nonnull (failure);
  g_assert_true (g_str_has_prefix (failure, "Connection refused"));
  g_assert_true (g_str_has_prefix (summary, "Request 2 · Failed\nConnection refused"));
}

static void
test_grid_palette (void)
{
  for (guint state = 0; state < JUGGLER_PALETTE_N_STATES; state++)
    {
      GdkRGBA color;

      juggler_palette_get_state_color (state, &color);
      g_assert_cmpfloat (color.alpha, >, 0);
      g_assert_nonnull (juggler_palette_get_state_title (state));
    }

  g_assert_null (juggler_palette_get_outcome_title (JUGGLER_HTTP_OK));
  for (guint outcome = JUGGLER_HTTP_OK + 1; outcome < JUGGLER_HTTP_N_OUTCOMES; outcome++)
    g_assert_nonnull (juggler_palette_get_outcome_title (outcome));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ui/widget/request-grid/counts", test_grid_counts);
  g_test_add_func ("/ui/widget/request-grid/selection", test_grid_selection);
  g_test_add_func ("/ui/widget/request-grid/rectangle", test_grid_rectangle);
  g_test_add_func ("/ui/widget/request-grid/selection-wraps", test_grid_selection_wraps);
  g_test_add_func ("/ui/widget/request-grid/failure-reason", test_grid_failure_reason);
  g_test_add_func ("/ui/widget/request-grid/palette", test_grid_palette);

  return g_test_run ();
}
