/* test-claims-page.c: the Claims page runs one quick claim and shows, copies and exports it
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "juggler-canary.h"
#include "juggler-claim-chart.h"
#include "juggler-claims-page.h"
#include "juggler-strategy-info.h"
#include "juggler-test-window.h"
#include "juggler-types.h"
#include "juggler-window.h"

static void
running_cb (GObject    *object,
            GParamSpec *pspec,
            gpointer    user_data)
{
  if (!juggler_claims_page_get_running (JUGGLER_CLAIMS_PAGE (object)))
    *(gboolean *) user_data = TRUE;
}

static void
test_run_one_claim (void)
{
  GtkWidget *window = gtk_window_new ();
  JugglerClaimsPage *page = JUGGLER_CLAIMS_PAGE (juggler_claims_page_new ());
  const JugglerClaimResult *result;
  g_autofree char *markdown = NULL;
  g_autofree char *json = NULL;
  g_autoptr(JsonNode) node = NULL;
  const JugglerClaim *claims;
  guint n_claims, n_opinions = 0;
  JsonArray *array;
  JsonObject *object;
  gboolean done = FALSE;

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 700);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  juggler_test_present (GTK_WINDOW (window));

  g_assert_null (juggler_claims_page_get_result (page, "locks"));
  juggler_claims_page_set_quick (page, TRUE);
  g_signal_connect (page, "notify::running", G_CALLBACK (running_cb), &done);
  juggler_claims_page_run (page, "locks");
  g_assert_true (juggler_claims_page_get_running (page));
  /* One experiment at a time: a second Run waits for nothing and changes nothing. */
  juggler_claims_page_run (page, "gil");
  g_assert_true (juggler_test_iterate_until (&done, 60));

  result = juggler_claims_page_get_result (page, "locks");
  g_assert_nonnull (result);
  g_assert_null (juggler_claims_page_get_result (page, "gil"));
  g_assert_true (result->quick);
  g_assert_cmpuint (result->points->len, >, 0);
  g_assert_nonnull (result->rule);

  markdown = juggler_claims_page_dup_markdown (page);
  g_assert_true (g_str_has_prefix (markdown, "| "));
  g_assert_nonnull (strstr (markdown, juggler_verdict_get_title (result->verdict)));
  /* For people: the figures in words, with their units; their names stay in the JSON. */
  g_assert_nonnull (strstr (markdown, "Updates lost, mutex: 0"));
  g_assert_null (strstr (markdown, "mutex_lost"));
  /* A quick run says so where its verdict is pasted. */
  g_assert_nonnull (strstr (markdown, "(quick sizes)"));

  json = juggler_claims_page_dup_json (page);
  g_assert_cmpuint (strlen (json), >, 0);
  g_assert_cmpint (json[strlen (json) - 1], ==, '\n');
  node = json_from_string (json, NULL);
  g_assert_nonnull (node);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "claim"), ==,
                   "locks");

  /* A figure that is a count reads whole, not as 1e+06. */
  g_assert_null (strstr (markdown, "e+"));

  /* What Export JSON… writes opens as one JSON document: an array of one object per claim
   * that has a result or is an opinion, in the page's order. */
  g_clear_pointer (&json, g_free);
  g_clear_pointer (&node, json_node_unref);
  json = juggler_claims_page_dup_json_document (page);
  node = json_from_string (json, NULL);
  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
  claims = juggler_claims_get (&n_claims);
  for (guint i = 0; i < n_claims; i++)
    n_opinions += juggler_claim_is_opinion (&claims[i]);
  array = json_node_get_array (node);
  g_assert_cmpuint (json_array_get_length (array), ==, 1 + n_opinions);
  object = json_array_get_object_element (array, 0);
  g_assert_cmpstr (json_object_get_string_member (object, "claim"), ==, "locks");
  g_assert_true (json_object_has_member (object, "figures"));
  g_assert_true (json_object_has_member (object, "rule"));
  object = json_array_get_object_element (array, 1);
  g_assert_cmpstr (json_object_get_string_member (object, "verdict"), ==, "opinion");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* From a window, the gui claim's requests run on the window's loop, and every result
 * carries the window's frames while its experiment ran. */
static void
test_gui_claim_on_window_loop (void)
{
  GtkWidget *window = gtk_window_new ();
  JugglerClaimsPage *page = JUGGLER_CLAIMS_PAGE (juggler_claims_page_new ());
  const JugglerClaimResult *result;
  gboolean done = FALSE;

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 700);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  juggler_test_present (GTK_WINDOW (window));

  juggler_claims_page_set_quick (page, TRUE);
  g_signal_connect (page, "notify::running", G_CALLBACK (running_cb), &done);
  juggler_claims_page_run (page, "gui");
  g_assert_true (juggler_test_iterate_until (&done, 60));

  result = juggler_claims_page_get_result (page, "gui");
  g_assert_nonnull (result);
  g_assert_cmpstr (json_object_get_string_member (result->figures, "loop"), ==, "window");
  g_assert_true (json_object_has_member (result->figures, "loop_p99_ms"));
  /* A starved test machine may not paint twice while it runs: frames only when it did. */
  if (json_object_has_member (result->figures, "frames"))
    {
      g_assert_cmpint (json_object_get_int_member (result->figures, "frames"), >, 0);
      g_assert_true (json_object_has_member (result->figures, "frame_p99_ms"));
      g_assert_true (json_object_has_member (result->figures, "ui_cpu_max_ms"));
      g_assert_nonnull (strstr (result->rule, "window"));
    }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Every button under widget whose claim is set ("claim" data: the claims' links). */
static void
collect_links (GtkWidget *widget,
               GPtrArray *links)
{
  if (GTK_IS_BUTTON (widget) && g_object_get_data (G_OBJECT (widget), "claim") != NULL)
    g_ptr_array_add (links, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_links (child, links);
}

/* How many widgets of type are under root, root included. */
static guint
count_widgets (GtkWidget *root,
               GType      type)
{
  guint n = G_TYPE_CHECK_INSTANCE_TYPE (root, type);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_widgets (child, type);

  return n;
}

static guint
count_measurable_claims (void)
{
  const JugglerClaim *claims;
  guint n_claims, n = 0;

  claims = juggler_claims_get (&n_claims);
  for (guint i = 0; i < n_claims; i++)
    n += !juggler_claim_is_opinion (&claims[i]);

  return n;
}

static gboolean
set_flag_timeout_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Iterates until the page shown under root has a row (a chart) for every claim; FALSE
 * after a generous timeout. */
static gboolean
wait_for_all_rows (GtkWidget *root)
{
  gboolean timed_out = FALSE;
  guint timeout_id = g_timeout_add_seconds (20, set_flag_timeout_cb, &timed_out);

  while (!timed_out && count_widgets (root, JUGGLER_TYPE_CLAIM_CHART) < count_measurable_claims ())
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (timeout_id);

  return !timed_out;
}

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  *(guint *) user_data += 1;
}

/* Shown the first time, the page makes a screen's worth of claim rows for that frame and
 * the others a few a frame after it: made at once, their wrapped text was a stall of up to
 * a quarter second. Whatever reads every claim (Markdown, Run All) makes the rest at once. */
static void
test_rows_made_a_few_a_frame (void)
{
  GtkWidget *window = gtk_window_new ();
  JugglerClaimsPage *page = JUGGLER_CLAIMS_PAGE (juggler_claims_page_new ());
  guint n_measurable = count_measurable_claims ();
  guint n_painted = 0;
  gulong handler;
  GdkFrameClock *clock;
  guint n_first, n_next;
  gboolean timed_out = FALSE;
  guint timeout_id;
  g_autofree char *markdown = NULL;

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 700);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  /* Not shown yet: no row at all. */
  g_assert_cmpuint (count_widgets (GTK_WIDGET (page), JUGGLER_TYPE_CLAIM_CHART), ==, 0);

  juggler_test_present (GTK_WINDOW (window));
  clock = gtk_widget_get_frame_clock (window);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &n_painted);
  timeout_id = g_timeout_add_seconds (20, set_flag_timeout_cb, &timed_out);
  while (n_painted < 1 && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  n_first = count_widgets (GTK_WIDGET (page), JUGGLER_TYPE_CLAIM_CHART);
  g_test_message ("%u of %u claims' rows in the first frame", n_first, n_measurable);
  g_assert_cmpuint (n_first, >, 0);
  g_assert_cmpuint (n_first, <, n_measurable / 2);

  /* The next frames make a few more each (the one after the first rows' may make none). */
  n_next = n_first;
  for (guint frame = 2; frame <= 3 && n_next == n_first; frame++)
    {
      while (n_painted < frame && !timed_out)
        g_main_context_iteration (NULL, TRUE);
      g_assert_false (timed_out);
      n_next = count_widgets (GTK_WIDGET (page), JUGGLER_TYPE_CLAIM_CHART);
    }
  g_test_message ("%u claims' rows in a next frame", n_next);
  g_assert_cmpuint (n_next, >, n_first);
  g_assert_cmpuint (n_next, <, n_first + n_measurable / 2);
  g_signal_handler_disconnect (clock, handler);
  g_source_remove (timeout_id);

  /* The Markdown has every claim, made or not. */
  markdown = juggler_claims_page_dup_markdown (page);
  g_assert_cmpuint (count_widgets (GTK_WIDGET (page), JUGGLER_TYPE_CLAIM_CHART), ==,
                    n_measurable);
  {
    const JugglerClaim *claims;
    guint n_claims;

    claims = juggler_claims_get (&n_claims);
    for (guint i = 0; i < n_claims; i++)
      g_assert_nonnull (strstr (markdown, claims[i].statement));
  }
  /* And no further row comes: each claim has one. */
  g_assert_true (wait_for_all_rows (GTK_WIDGET (page)));
  g_assert_cmpuint (count_widgets (GTK_WIDGET (page), JUGGLER_TYPE_CLAIM_CHART), ==,
                    n_measurable);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Each claim's link shows its page with its strategy selected there, and leaves the other
 * page's strategy alone. */
static void
test_links_select_page_and_strategy (void)
{
  JugglerWindow *window = juggler_window_new (NULL, NULL);
  g_autoptr(GSettings) settings = g_settings_new ("io.github.juggler.Juggler");
  g_autoptr(GPtrArray) links = g_ptr_array_new ();
  guint n_net = 0;

  g_object_ref_sink (window);
  juggler_test_present (GTK_WINDOW (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.page", "s", "claims"));
  g_assert_true (wait_for_all_rows (GTK_WIDGET (window)));
  collect_links (GTK_WIDGET (window), links);
  g_assert_cmpuint (links->len, >, 0);

  for (guint i = 0; i < links->len; i++)
    {
      const JugglerClaim *claim = g_object_get_data (links->pdata[i], "claim");
      gboolean net = g_str_equal (claim->page, "net");
      const char *key = net ? "net-strategy" : "strategy";
      const char *other_key = net ? "strategy" : "net-strategy";
      g_autofree char *page = NULL;
      g_autofree char *other_before = g_settings_get_string (settings, other_key);
      g_autofree char *strategy = NULL;
      g_autofree char *other_after = NULL;

      /* From the Claims page, with the target's strategy set to another one first. */
      g_settings_set_enum (settings, key, net ? JUGGLER_STRATEGY_THREADS
                                              : JUGGLER_STRATEGY_BLOCKING);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.page", "s", "claims"));
      g_signal_emit_by_name (links->pdata[i], "clicked");
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);

      g_object_get (window, "page", &page, NULL);
      strategy = g_settings_get_string (settings, key);
      other_after = g_settings_get_string (settings, other_key);
      g_test_message ("%s: page %s, %s %s", claim->id, page, key, strategy);
      g_assert_cmpstr (page, ==, claim->page);
      g_assert_cmpstr (strategy, ==, claim->strategy);
      /* The link says what it opens: the page and the strategy, not only "Watch it live". */
      {
        const char *label = gtk_button_get_label (links->pdata[i]);
        JugglerStrategy shown;

        g_assert_true (juggler_strategy_from_string (claim->strategy, &shown));
        g_assert_nonnull (strstr (label, juggler_strategy_info_get_title (shown)));
        g_assert_nonnull (strstr (label, net ? "Network page" : "CPU page"));
      }
      g_assert_cmpstr (other_after, ==, other_before);
      n_net += net;
    }
  g_assert_cmpuint (n_net, >, 0);

  g_settings_reset (settings, "strategy");
  g_settings_reset (settings, "net-strategy");
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

/* Pixels of colour (0xRRGGBB, within 48 per channel) in the rectangle x0..x1 × y0..y1. */
static guint
count_colour (cairo_surface_t *surface,
              guint32          colour,
              int              x0,
              int              y0,
              int              x1,
              int              y1)
{
  const guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint n = 0;

  for (int y = MAX (y0, 0); y < MIN (y1, cairo_image_surface_get_height (surface)); y++)
    for (int x = MAX (x0, 0); x < MIN (x1, cairo_image_surface_get_width (surface)); x++)
      {
        guint32 pixel = *(const guint32 *) (data + y * stride + 4 * x);
        gboolean near = TRUE;

        for (int shift = 0; shift <= 16; shift += 8)
          near = near && ABS ((int) ((pixel >> shift) & 0xff) - (int) ((colour >> shift) & 0xff)) <= 48;
        n += near;
      }

  return n;
}

/* Two series measured at the same place (the I/O claim's async and thread-per-request wall
 * times at 500 in flight) both show: the second one's marker does not cover the first's. */
static void
test_chart_overlapping_points (void)
{
  const JugglerClaim *claim = juggler_claim_lookup ("io-event-loop");
  GtkWidget *area = g_object_ref_sink (gtk_drawing_area_new ());
  g_autoptr(GArray) points = g_array_new (FALSE, TRUE, sizeof (JugglerPoint));
  const JugglerPoint measured[] = {
    { (char *) "10 threads", 10, 5.2 },
    { (char *) "async", 500, 0.42 },
    { (char *) "a thread per request", 500, 0.42 },
  };
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 400, 150);
  cairo_t *cr = cairo_create (surface);
  guint first, second;

  g_array_append_vals (points, measured, G_N_ELEMENTS (measured));
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  juggler_claim_chart_draw (area, cr, 400, 150, claim, points);
  cairo_surface_flush (surface);

  /* The second and third series' colours (palette order), near the plot's right end, above
   * its x axis: not the legend, not the first series' point at x = 10. */
  first = count_colour (surface, 0xe66100, 340, 50, 400, 106);
  second = count_colour (surface, 0x33d17a, 340, 50, 400, 106);
  g_test_message ("async %u px, a thread per request %u px", first, second);
  g_assert_cmpuint (first, >=, 8);
  g_assert_cmpuint (second, >=, 8);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  g_assert_finalize_object (area);
}

/* The pixels of the first series' colour in the band y0..y1 of a 600 × 300 chart of
 * claim's. */
static guint
count_first_series (const JugglerClaim *claim,
                    GArray             *points,
                    int                 y0,
                    int                 y1)
{
  GtkWidget *area = g_object_ref_sink (gtk_drawing_area_new ());
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 600, 300);
  cairo_t *cr = cairo_create (surface);
  guint n;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  juggler_claim_chart_draw (area, cr, 600, 300, claim, points);
  cairo_surface_flush (surface);
  /* Right of the y axis' values, left of the legend's markers at the end of its lines. */
  n = count_colour (surface, 0x3584e4, 60, y0, 560, y1);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  g_assert_finalize_object (area);

  return n;
}

/* The many-threads experiment's lines have units of their own (µs, KiB, a ratio): each is
 * drawn to its own scale, so the ratio near 1 is not a flat line on the axis under the
 * KiB, and the legend gives each line's largest value. */
static void
test_chart_own_scales (void)
{
  const JugglerClaim *claim = juggler_claim_lookup ("many-threads");
  JugglerClaim one_scale = *claim;
  g_autoptr(GArray) points = g_array_new (FALSE, TRUE, sizeof (JugglerPoint));
  /* The ratio's x = 2 comes first: the first series, the first colour. */
  const JugglerPoint measured[] = {
    { (char *) "CPU time ÷ bare kernel", 2, 1.0 },
    { (char *) "CPU time ÷ bare kernel", 16, 1.1 },
    { (char *) "CPU time ÷ bare kernel", 256, 1.3 },
    { (char *) "µs to create a thread", 10, 20 },
    { (char *) "µs to create a thread", 1000, 25 },
    { (char *) "KiB per thread", 10, 60 },
    { (char *) "KiB per thread", 1000, 64 },
  };
  guint low, high, one_scale_low, one_scale_high;

  g_assert_true (claim->y_per_series);
  one_scale.y_per_series = FALSE;
  g_array_append_vals (points, measured, G_N_ELEMENTS (measured));

  /* The plot ends at 300 - 46 px; its lowest fifth, and the band above its middle. */
  low = count_first_series (claim, points, 300 - 46 - 25, 300 - 46 - 2);
  high = count_first_series (claim, points, 90, 180);
  one_scale_low = count_first_series (&one_scale, points, 300 - 46 - 25, 300 - 46 - 2);
  one_scale_high = count_first_series (&one_scale, points, 90, 180);
  g_test_message ("ratio: low %u px, high %u px; on one scale: low %u px, high %u px", low,
                  high, one_scale_low, one_scale_high);
  g_assert_cmpuint (one_scale_low, >=, 20);
  g_assert_cmpuint (low, <, 5);
  g_assert_cmpuint (high, >=, 20);
}

/* A narrow chart whose legend takes more lines is that much higher: the plot keeps its
 * height. A series that comes later makes it measure again. */
static void
test_chart_keeps_plot_height (void)
{
  const JugglerClaim *claim = juggler_claim_lookup ("io-event-loop");
  GtkWidget *window = gtk_window_new ();
  g_autoptr(GArray) points = g_array_new (FALSE, TRUE, sizeof (JugglerPoint));
  const JugglerPoint first = { (char *) "10 threads", 10, 5.2 };
  const JugglerPoint later[] = {
    { (char *) "async", 500, 0.42 },
    { (char *) "a thread per request", 500, 0.42 },
  };
  GtkWidget *chart;
  int empty, wide, narrow_one, narrow;

  chart = juggler_claim_chart_new (claim, points);
  gtk_window_set_child (GTK_WINDOW (window), chart);
  juggler_test_present (GTK_WINDOW (window));

  gtk_widget_measure (chart, GTK_ORIENTATION_VERTICAL, 200, &empty, NULL, NULL, NULL);
  g_array_append_val (points, first);
  juggler_claim_chart_points_changed (JUGGLER_CLAIM_CHART (chart));
  gtk_widget_measure (chart, GTK_ORIENTATION_VERTICAL, 200, &narrow_one, NULL, NULL, NULL);
  g_array_append_vals (points, later, G_N_ELEMENTS (later));
  juggler_claim_chart_points_changed (JUGGLER_CLAIM_CHART (chart));
  gtk_widget_measure (chart, GTK_ORIENTATION_VERTICAL, 200, &narrow, NULL, NULL, NULL);
  gtk_widget_measure (chart, GTK_ORIENTATION_VERTICAL, 900, &wide, NULL, NULL, NULL);
  g_test_message ("empty %d, one series %d, three at 200 px %d, at 900 px %d", empty,
                  narrow_one, narrow, wide);

  /* At 900 px the legend fits beside the y axis' name; at 200 px it takes lines of its own,
   * one more for each series that does not fit on the one before. */
  g_assert_cmpint (wide, >=, empty);
  g_assert_cmpint (narrow_one, >, wide);
  g_assert_cmpint (narrow, >, narrow_one);

  gtk_window_destroy (GTK_WINDOW (window));
}

static GtkLabel *find_label (GtkWidget  *widget,
                             const char *prefix);

/* While a claim's experiment runs the canary juggles, as for a run, and the other pages
 * cannot start a run beside it; it rests again once the claim is done. */
static void
test_canary_juggles_during_claim (void)
{
  JugglerWindow *window = juggler_window_new (NULL, NULL);
  JugglerClaimsPage *page;
  JugglerCanary *canary;
  gboolean done = FALSE;

  g_object_ref_sink (window);
  juggler_test_present (GTK_WINDOW (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.page", "s", "claims"));
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  page = JUGGLER_CLAIMS_PAGE (juggler_test_find_widget (GTK_WIDGET (window), JUGGLER_TYPE_CLAIMS_PAGE));
  canary = JUGGLER_CANARY (juggler_test_find_widget (GTK_WIDGET (window), JUGGLER_TYPE_CANARY));
  g_assert_nonnull (page);
  g_assert_nonnull (canary);
  g_assert_true (juggler_canary_get_resting (canary));

  juggler_claims_page_set_quick (page, TRUE);
  g_signal_connect (page, "notify::running", G_CALLBACK (running_cb), &done);
  juggler_claims_page_run (page, "locks");
  g_assert_false (juggler_canary_get_resting (canary));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.page", "s", "cpu"));
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  if (!done)
    {
      g_assert_false (juggler_test_action_enabled (GTK_WIDGET (window), "win.start"));
      g_assert_nonnull (find_label (GTK_WIDGET (window), "An experiment is running"));
    }
  g_assert_true (juggler_test_iterate_until (&done, 60));

  g_assert_true (juggler_canary_get_resting (canary));
  g_assert_true (juggler_test_action_enabled (GTK_WIDGET (window), "win.start"));

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

/* Every control a claim row has (Run, the link), and the page's own, in the window. */
static void
collect_controls (GtkWidget *widget,
                  GPtrArray *controls)
{
  if (GTK_IS_BUTTON (widget) || GTK_IS_CHECK_BUTTON (widget))
    {
      g_ptr_array_add (controls, widget);
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_controls (child, controls);
}

/* Tab alone reaches every control on the page, each claim's Run and link included, and
 * stops nowhere that does nothing (a list row of its own). */
static void
test_keyboard_reaches_every_control (void)
{
  GtkWidget *window = gtk_window_new ();
  JugglerClaimsPage *page = JUGGLER_CLAIMS_PAGE (juggler_claims_page_new ());
  g_autoptr(GPtrArray) controls = g_ptr_array_new ();
  g_autoptr(GHashTable) reached = g_hash_table_new (NULL, NULL);
  GtkWidget *first = NULL;
  guint n_stops = 0;

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 700);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  juggler_test_present (GTK_WINDOW (window));
  g_assert_true (wait_for_all_rows (GTK_WIDGET (page)));
  collect_controls (GTK_WIDGET (page), controls);
  g_assert_cmpuint (controls->len, >, 20);

  /* What the Tab key does, until the focus comes round again. */
  for (guint i = 0; i < 500; i++)
    {
      GtkWidget *focus;

      if (!gtk_widget_child_focus (window, GTK_DIR_TAB_FORWARD))
        gtk_widget_child_focus (window, GTK_DIR_TAB_FORWARD);
      focus = gtk_window_get_focus (GTK_WINDOW (window));
      if (focus == NULL)
        continue;
      if (focus == first)
        break;
      if (first == NULL)
        first = focus;
      n_stops++;
      g_assert_false (GTK_IS_LIST_BOX_ROW (focus));
      for (GtkWidget *w = focus; w != NULL; w = gtk_widget_get_parent (w))
        g_hash_table_add (reached, w);
    }

  for (guint i = 0; i < controls->len; i++)
    {
      GtkWidget *control = controls->pdata[i];

      /* Cancel waits for a run; the rest can be used now. */
      if (!gtk_widget_is_sensitive (control))
        continue;
      if (!g_hash_table_contains (reached, control))
        g_error ("Tab never reaches %s “%s”", G_OBJECT_TYPE_NAME (control),
                 GTK_IS_BUTTON (control) && gtk_button_get_label (GTK_BUTTON (control))
                   ? gtk_button_get_label (GTK_BUTTON (control)) : "");
    }
  g_test_message ("%u tab stops for %u controls", n_stops, controls->len);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A visible label of widget's that starts with prefix, or NULL. */
static GtkLabel *
find_label (GtkWidget  *widget,
            const char *prefix)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_is_visible (widget) &&
      g_str_has_prefix (gtk_label_get_label (GTK_LABEL (widget)), prefix))
    return GTK_LABEL (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *label = find_label (child, prefix);

      if (label != NULL)
        return label;
    }

  return NULL;
}

static void
run_ended_cb (JugglerWindow *window,
              gpointer       arg,
              gpointer       user_data)
{
  *(gboolean *) user_data = TRUE;
}

/* A button under widget with that label, or NULL. */
static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* While a run goes on the CPU page the claims wait for it, and the page says why; once it
 * ended they can run again. */
static void
test_claims_wait_for_run (void)
{
  JugglerWindow *window = juggler_window_new (NULL, NULL);
  GtkWidget *page, *run_all;
  gboolean ended = FALSE;

  g_object_ref_sink (window);
  juggler_test_present (GTK_WINDOW (window));
  g_signal_connect (window, "run-finished", G_CALLBACK (run_ended_cb), &ended);
  g_signal_connect (window, "run-failed", G_CALLBACK (run_ended_cb), &ended);
  g_assert_true (juggler_window_start (window));

  /* The Claims page made now, during the run. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.page", "s", "claims"));
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  page = juggler_test_find_widget (GTK_WIDGET (window), JUGGLER_TYPE_CLAIMS_PAGE);
  run_all = find_button (page, "Run All");
  g_assert_nonnull (run_all);
  if (!ended)
    {
      g_assert_false (gtk_widget_is_sensitive (run_all));
      g_assert_nonnull (find_label (page, "A run is going on the CPU page"));
    }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.page", "s", "cpu"));
  juggler_window_stop (window);
  g_assert_true (juggler_test_iterate_until (&ended, 60));
  g_assert_true (gtk_widget_is_sensitive (run_all));
  g_assert_null (find_label (page, "A run is going on the CPU page"));

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

/* Cancelled, a claim says it did not finish, instead of looking as if it never ran. */
static void
test_cancelled_claim_says_so (void)
{
  GtkWidget *window = gtk_window_new ();
  JugglerClaimsPage *page = JUGGLER_CLAIMS_PAGE (juggler_claims_page_new ());
  g_autoptr(GPtrArray) controls = g_ptr_array_new ();
  GtkWidget *cancel = NULL;
  gboolean done = FALSE;

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 700);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  juggler_test_present (GTK_WINDOW (window));
  collect_controls (GTK_WIDGET (page), controls);
  for (guint i = 0; i < controls->len; i++)
    if (GTK_IS_BUTTON (controls->pdata[i]) &&
        g_strcmp0 (gtk_button_get_label (controls->pdata[i]), "Cancel") == 0)
      cancel = controls->pdata[i];
  g_assert_nonnull (cancel);
  g_assert_false (gtk_widget_is_sensitive (cancel));
  g_assert_null (find_label (GTK_WIDGET (page), "The experiment did not finish"));

  juggler_claims_page_set_quick (page, TRUE);
  g_signal_connect (page, "notify::running", G_CALLBACK (running_cb), &done);
  juggler_claims_page_run (page, "cpu-threads");
  g_assert_true (gtk_widget_is_sensitive (cancel));
  g_signal_emit_by_name (cancel, "clicked");
  g_assert_true (juggler_test_iterate_until (&done, 60));

  g_assert_null (juggler_claims_page_get_result (page, "cpu-threads"));
  g_assert_nonnull (find_label (GTK_WIDGET (page), "The experiment did not finish"));
  g_assert_nonnull (find_label (GTK_WIDGET (page), "Did not finish"));
  g_assert_false (gtk_widget_is_sensitive (cancel));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  if (!juggler_test_init_display (&argc, &argv))
    return g_test_run ();

  g_test_add_func ("/ui/claims-page/run-one-claim", test_run_one_claim);
  g_test_add_func ("/ui/claims-page/gui-on-window-loop", test_gui_claim_on_window_loop);
  g_test_add_func ("/ui/claims-page/links", test_links_select_page_and_strategy);
  g_test_add_func ("/ui/claims-page/rows-made-a-few-a-frame", test_rows_made_a_few_a_frame);
  g_test_add_func ("/ui/claims-page/chart-overlapping-points", test_chart_overlapping_points);
  g_test_add_func ("/ui/claims-page/chart-keeps-plot-height", test_chart_keeps_plot_height);
  g_test_add_func ("/ui/claims-page/chart-own-scales", test_chart_own_scales);
  g_test_add_func ("/ui/claims-page/canary-juggles-during-claim",
                   test_canary_juggles_during_claim);
  g_test_add_func ("/ui/claims-page/claims-wait-for-run", test_claims_wait_for_run);
  g_test_add_func ("/ui/claims-page/keyboard", test_keyboard_reaches_every_control);
  g_test_add_func ("/ui/claims-page/cancelled", test_cancelled_claim_says_so);

  return g_test_run ();
}
