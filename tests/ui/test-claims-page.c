/* test-claims-page.c: the Claims page runs one quick claim and shows, copies and exports it
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "juggler-claims-page.h"
#include "juggler-test-window.h"

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
  g_assert_nonnull (strstr (markdown, "mutex_lost = 0"));

  json = juggler_claims_page_dup_json (page);
  g_assert_cmpuint (strlen (json), >, 0);
  g_assert_cmpint (json[strlen (json) - 1], ==, '\n');
  node = json_from_string (json, NULL);
  g_assert_nonnull (node);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "claim"), ==,
                   "locks");

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

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/ui/claims-page/run-one-claim", test_run_one_claim);
  g_test_add_func ("/ui/claims-page/gui-on-window-loop", test_gui_claim_on_window_loop);

  return g_test_run ();
}
