/* juggler-font-warm-up.c: loads the first window's fonts and renders its glyphs on a worker thread
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-font-warm-up"

#include "config.h"

#include "juggler-font-warm-up.h"

#include <pango/pangocairo.h>

/* Before the first frame the UI thread used to spend about 70 M instructions of its 530 M on
 * fonts: Pango loading them (fontconfig substitution and sorting, metrics, glyph extents) and
 * FreeType hinting and rendering each glyph the first time it is drawn. The second core sits
 * idle meanwhile, so a worker does that, in a font map of its own, from main() on while the
 * UI thread runs the application's startup and adw_init() (about 140 M).
 *
 * Pango's default font map is per thread and a font map may be used by one thread at a
 * time. The worker makes one with pango_cairo_font_map_new(), loads and draws into an image
 * surface with it, drops every context and layout it made, and hands it over under a mutex;
 * it never touches it again. The UI thread, at the end of the application's startup, before
 * any widget has a PangoContext, takes it and makes it its default: the widgets' contexts then
 * find those fonts, with their metrics and glyph extents, in its caches. If the worker is not
 * done by then, the UI thread goes on with the font map GTK made and the worker drops its own.
 * The glyphs are rendered into cairo's scaled fonts, which cairo shares between font maps and
 * threads (its font map is global and locked, and keeps recently dropped scaled fonts) when
 * face, size, matrix and font options are the same, so they count either way: measured, the
 * UI thread's 530 M became 460 M with the handover and 484 M without it.
 *
 * What is warmed is a guess at what GTK will ask for: if the font is missing, the settings
 * give other font options or sizes, or the window shows other text, the work is merely done
 * for nothing on the other core. Only the characters the first window shows are drawn: every
 * glyph rendered stays cached, an image and its metrics, whether the window needs it or not. */

static const struct
{
  const char *font;
  double      scale;
  const char *text;
} warm_up_fonts[] = {
  /* As GTK 4.8 asks for them at 96 dpi with libadwaita 1.2's stylesheet, with the
   * characters the first window draws in each, in English. Body text and bold labels: */
  { "Sans 13.3330078125px", 1.0, " '()+,-./0123456789;CEFGHILOPRSTUW_abcdefghijklmnopqrstuvwxyz" },
  { "Sans Bold 13.3330078125px", 1.0, " '-ABCFGHIJLMNPRSTUWabcdeghiklmnoprstuvwy…" },
  /* Headings, status text, captions, row subtitles and the view switcher: */
  { "Sans Bold 14.6669921875px", 1.0, "CERSWacdegiklnorstuxy…" },
  { "Sans Bold 12px", 1.0, " Raegilnrstu" },
  { "Sans 12px", 1.0, " 2:ACEIUabcdefhiklmnoprstuvwyz·" },
  { "Sans 11.111328125px", 1.0, " ;FMPTWabcdeghijklnoprstwx…" },
  { "Sans Bold 10px", 1.0, "CNPUaeiklmorstw…" },
  /* The charts' axis labels: body text at PANGO_SCALE_SMALL (juggler-chart.c). */
  { "Sans 13.3330078125px", PANGO_SCALE_SMALL, " /0123456789:adefgilmnoprstwx·" },
};

typedef enum
{
  WARM_UP_IDLE,
  WARM_UP_RUNNING,
  WARM_UP_DONE,      /* its font map waits in warm_up.font_map */
  WARM_UP_ABANDONED, /* the UI thread went on without it: the worker drops its font map */
  WARM_UP_FINISHED,
} WarmUpState;

static struct
{
  GMutex        mutex;
  GCond         cond;
  WarmUpState   state;
  PangoFontMap *font_map;
  GThread      *thread;
} warm_up;

void
juggler_font_warm_up_configure_context (PangoContext *context)
{
  cairo_font_options_t *options;

  g_return_if_fail (PANGO_IS_CONTEXT (context));

  /* gtk_settings_get_font_options() with GtkSettings' defaults and gtk-xft-dpi unset, as
   * gtk_widget_update_pango_context() applies them: cairo shares a scaled font, and the
   * glyphs rendered into it, only between identical options. */
  options = cairo_font_options_create ();
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_MEDIUM);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);

  pango_cairo_context_set_resolution (context, 96.0);
  pango_context_set_language (context, pango_language_get_default ());
  pango_context_set_base_dir (context, PANGO_DIRECTION_LTR);
}

static void
warm_up_fonts_in (PangoFontMap *font_map)
{
  PangoContext *context = pango_font_map_create_context (font_map);
  PangoLayout *layout;
  cairo_surface_t *surface;
  cairo_t *cr;

  juggler_font_warm_up_configure_context (context);
  layout = pango_layout_new (context);

  /* Wide enough for the longest text: cairo renders no glyph outside its target. */
  surface = cairo_image_surface_create (CAIRO_FORMAT_A8, 1024, 32);
  cr = cairo_create (surface);
  for (gsize i = 0; i < G_N_ELEMENTS (warm_up_fonts); i++)
    {
      PangoFontDescription *desc = pango_font_description_from_string (warm_up_fonts[i].font);
      PangoAttrList *attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_scale_new (warm_up_fonts[i].scale));
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
      pango_layout_set_font_description (layout, desc);
      pango_font_description_free (desc);
      pango_layout_set_text (layout, warm_up_fonts[i].text, -1);
      pango_cairo_show_layout (cr, layout);
    }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  g_object_unref (layout);
  g_object_unref (context);
}

static gpointer
warm_up_thread_func (gpointer data)
{
  PangoFontMap *font_map = pango_cairo_font_map_new ();
  gboolean handed_over;

  warm_up_fonts_in (font_map);

  g_mutex_lock (&warm_up.mutex);
  handed_over = warm_up.state == WARM_UP_RUNNING;
  if (handed_over)
    {
      warm_up.font_map = font_map;
      warm_up.state = WARM_UP_DONE;
    }
  g_cond_broadcast (&warm_up.cond);
  g_mutex_unlock (&warm_up.mutex);

  if (!handed_over)
    g_object_unref (font_map);

  return NULL;
}

void
juggler_font_warm_up_start (void)
{
  g_return_if_fail (warm_up.state == WARM_UP_IDLE);

  warm_up.state = WARM_UP_RUNNING;
  warm_up.thread = g_thread_new ("juggler-fonts", warm_up_thread_func, NULL);
}

gboolean
juggler_font_warm_up_finish (gint64 timeout_us)
{
  gint64 deadline = g_get_monotonic_time () + timeout_us;
  g_autoptr(PangoFontMap) font_map = NULL;

  g_mutex_lock (&warm_up.mutex);
  while (warm_up.state == WARM_UP_RUNNING)
    {
      if (timeout_us < 0)
        g_cond_wait (&warm_up.cond, &warm_up.mutex);
      else if (!g_cond_wait_until (&warm_up.cond, &warm_up.mutex, deadline))
        break;
    }
  if (warm_up.state == WARM_UP_DONE)
    {
      font_map = g_steal_pointer (&warm_up.font_map);
      warm_up.state = WARM_UP_FINISHED;
    }
  else if (warm_up.state == WARM_UP_RUNNING)
    warm_up.state = WARM_UP_ABANDONED;
  g_mutex_unlock (&warm_up.mutex);

  g_debug ("%s", font_map != NULL ? "font map handed over" : "went on without the font map");
  if (font_map == NULL)
    return FALSE;

  pango_cairo_font_map_set_default (PANGO_CAIRO_FONT_MAP (font_map));
  return TRUE;
}

void
juggler_font_warm_up_stop (void)
{
  g_mutex_lock (&warm_up.mutex);
  if (warm_up.state == WARM_UP_RUNNING)
    warm_up.state = WARM_UP_ABANDONED;
  g_mutex_unlock (&warm_up.mutex);

  if (warm_up.thread != NULL)
    g_thread_join (g_steal_pointer (&warm_up.thread));
  /* Done but never taken (the app quit before its startup): the worker left it here. */
  g_clear_object (&warm_up.font_map);
}
