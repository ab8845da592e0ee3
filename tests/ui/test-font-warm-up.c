/* test-font-warm-up.c: the UI thread takes the worker's font map, and widgets find its fonts
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <locale.h>
#include <pango/pangocairo.h>

#include "juggler-font-warm-up.h"
#include "juggler-test-window.h"

static gboolean
first_frame_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
test_font_warm_up_handover (void)
{
  /* GTK made the thread's first font map in gtk_init(), as in the app. */
  g_autoptr(PangoFontMap) gtk_font_map = g_object_ref (pango_cairo_font_map_get_default ());
  PangoFontMap *font_map;
  PangoContext *warm_context;
  PangoContext *label_context;
  g_autoptr(PangoFont) warm_font = NULL;
  g_autoptr(PangoFont) label_font = NULL;
  GtkWidget *window;
  GtkWidget *label;
  gboolean drawn = FALSE;

  juggler_font_warm_up_start ();
  g_assert_true (juggler_font_warm_up_finish (-1));
  font_map = pango_cairo_font_map_get_default ();
  g_assert_true (font_map != gtk_font_map);
  g_assert_false (juggler_font_warm_up_finish (-1));
  g_assert_true (pango_cairo_font_map_get_default () == font_map);

  window = gtk_window_new ();
  label = gtk_label_new ("Strategy");
  gtk_window_set_child (GTK_WINDOW (window), label);
  gtk_widget_add_tick_callback (label, first_frame_cb, &drawn, NULL);
  juggler_test_present (GTK_WINDOW (window));
  g_assert_true (juggler_test_iterate_until (&drawn, 30));

  /* The label's context is the handed-over font map's, with the worker's font options and
   * resolution: the font map gives both contexts the same font, which the worker loaded. */
  label_context = gtk_widget_get_pango_context (label);
  g_assert_true (pango_context_get_font_map (label_context) == font_map);
  warm_context = pango_font_map_create_context (font_map);
  juggler_font_warm_up_configure_context (warm_context);
  g_assert_true (cairo_font_options_equal (pango_cairo_context_get_font_options (label_context),
                                           pango_cairo_context_get_font_options (warm_context)));
  g_assert_cmpfloat (pango_cairo_context_get_resolution (label_context), ==,
                     pango_cairo_context_get_resolution (warm_context));
  label_font = pango_context_load_font (label_context,
                                        pango_context_get_font_description (label_context));
  warm_font = pango_context_load_font (warm_context,
                                       pango_context_get_font_description (label_context));
  g_assert_nonnull (label_font);
  g_assert_true (label_font == warm_font);

  g_object_unref (warm_context);
  gtk_window_destroy (GTK_WINDOW (window));
  juggler_font_warm_up_stop ();
}

/* Without waiting, the worker is not done, nearly always: then GTK's font map stays, and the
 * worker drops its own when it ends. */
static void
test_font_warm_up_abandoned (void)
{
  if (g_test_subprocess ())
    {
      PangoFontMap *gtk_font_map = pango_cairo_font_map_get_default ();
      gboolean handed_over;

      juggler_font_warm_up_start ();
      handed_over = juggler_font_warm_up_finish (0);
      g_assert_true ((pango_cairo_font_map_get_default () != gtk_font_map) == handed_over);
      juggler_font_warm_up_stop ();
      g_assert_false (juggler_font_warm_up_finish (-1));
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

/* Quitting before the startup ends: the worker is waited for, its font map dropped. */
static void
test_font_warm_up_never_taken (void)
{
  if (g_test_subprocess ())
    {
      juggler_font_warm_up_start ();
      juggler_font_warm_up_stop ();
      g_assert_false (juggler_font_warm_up_finish (-1));
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  if (!juggler_test_init_display (&argc, &argv))
    return g_test_run ();

  g_test_add_func ("/ui/font-warm-up/handover", test_font_warm_up_handover);
  g_test_add_func ("/ui/font-warm-up/abandoned", test_font_warm_up_abandoned);
  g_test_add_func ("/ui/font-warm-up/never-taken", test_font_warm_up_never_taken);

  return g_test_run ();
}
