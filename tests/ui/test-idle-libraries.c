/* test-idle-libraries.c: the idle window maps neither librsvg (its icon is PNGs) nor GtkSourceView (loaded when code is shown)
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * This executable links neither library, as the juggler binary does not: what the window
 * maps here is what it maps there.
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#ifdef HAVE_XLIB
#include <X11/Xatom.h>
#include <X11/Xlib.h>
#endif
#endif

#include "juggler-code-view.h"
#include "juggler-test-window.h"
#include "juggler-window.h"

/* The name the application gives the icon when it runs uninstalled, from its resources. */
#define ICON_NAME "io.github.juggler.Juggler"
#define RESOURCE_ICONS "/io/github/juggler/Juggler/icons"
/* What GtkWindow renders a scalable icon at for the X11 window icon (gtkwindow.c, 4.8). */
#define SCALABLE_WINDOW_ICON_SIZE 48
#define FRAME_TIMEOUT_S 10

static GtkIconTheme *
get_theme (void)
{
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());
  g_auto(GStrv) paths = gtk_icon_theme_get_resource_path (theme);

  /* What GtkApplication does for the app's resource base path. */
  if (paths == NULL || !g_strv_contains ((const char *const *) paths, RESOURCE_ICONS))
    gtk_icon_theme_add_resource_path (theme, RESOURCE_ICONS);

  return theme;
}

static gboolean
maps_library (const char *name)
{
  g_autofree char *maps = NULL;

  g_assert_true (g_file_get_contents ("/proc/self/maps", &maps, NULL, NULL));
  return strstr (maps, name) != NULL;
}

/* GtkWindow asks the theme for every size it has of the icon, and for the scalable one at
 * 48 px: each lookup must give a PNG, which GTK decodes itself, not the SVG. */
static void
test_app_icon_sizes_are_png (void)
{
  GtkIconTheme *theme = get_theme ();
  g_autofree int *sizes = gtk_icon_theme_get_icon_sizes (theme, ICON_NAME);
  gboolean scalable = FALSE;
  guint n = 0;

  for (int i = 0; sizes[i] != 0; i++, n++)
    {
      int size = sizes[i] == -1 ? SCALABLE_WINDOW_ICON_SIZE : sizes[i];
      g_autoptr(GtkIconPaintable) icon =
        gtk_icon_theme_lookup_icon (theme, ICON_NAME, NULL, size, 1, GTK_TEXT_DIR_NONE, 0);
      g_autoptr(GFile) file = gtk_icon_paintable_get_file (icon);
      g_autofree char *uri = g_file_get_uri (file);

      scalable |= sizes[i] == -1;
      g_test_message ("size %d: %s", sizes[i], uri);
      g_assert_true (g_str_has_suffix (uri, ".png"));
      if (sizes[i] != -1)
        {
          g_autofree char *dir = g_strdup_printf ("/%dx%d/", size, size);

          g_assert_nonnull (strstr (uri, dir));
        }
    }

  /* The SVG is still there for every other size, and the PNGs beside it. */
  g_assert_true (scalable);
  g_assert_cmpuint (n, >=, 5);
}

static void
frame_cb (GdkFrameClock *clock,
          gpointer       user_data)
{
  (*(guint *) user_data)++;
}

/* The whole window, idle after its first frames, with the app's default icon: nothing on
 * it (the window icon included) loads librsvg, and the code view has not loaded GtkSourceView
 * (nor its libxml2 and ICU). */
static void
test_idle_window_maps_neither (void)
{
  JugglerWindow *window;
  GdkFrameClock *clock;
  guint frames = 0;
  gulong handler;
  gint64 deadline;

  get_theme ();
  gtk_window_set_default_icon_name (ICON_NAME);
  window = juggler_window_new (NULL, NULL);
  g_object_ref_sink (window);
  juggler_test_present (GTK_WINDOW (window));

  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (frame_cb), &frames);
  deadline = g_get_monotonic_time () + FRAME_TIMEOUT_S * G_USEC_PER_SEC;
  while (frames < 3 && g_get_monotonic_time () < deadline)
    {
      gtk_widget_queue_draw (GTK_WIDGET (window));
      g_main_context_iteration (NULL, TRUE);
    }
  g_signal_handler_disconnect (clock, handler);
  g_assert_cmpuint (frames, >=, 3);

  g_assert_false (maps_library ("librsvg"));
  g_assert_false (maps_library ("libpixbufloader-svg"));
  g_assert_false (maps_library ("libgtksourceview"));
  g_assert_false (maps_library ("libxml2"));

#if defined(GDK_WINDOWING_X11) && defined(HAVE_XLIB)
  /* And the window still has its icon: the PNGs, one of them twice (the scalable's 48 px). */
  if (GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
    {
      GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
      Display *xdisplay = gdk_x11_display_get_xdisplay (gdk_display_get_default ());
      Atom atom = XInternAtom (xdisplay, "_NET_WM_ICON", False);
      Atom type;
      int format;
      unsigned long n_items, after;
      unsigned char *data = NULL;

      g_assert_cmpint (XGetWindowProperty (xdisplay, gdk_x11_surface_get_xid (surface), atom,
                                           0, G_MAXLONG, False, XA_CARDINAL, &type, &format,
                                           &n_items, &after, &data), ==, Success);
      g_assert_cmpuint (type, ==, XA_CARDINAL);
      /* Width, height and the pixels, for each size: 16, 24, 32, 48 (twice) and 64 at least. */
      g_assert_cmpuint (n_items, >=, 2 * 6 + 16 * 16 + 24 * 24 + 32 * 32 + 2 * 48 * 48 + 64 * 64);
      XFree (data);
    }
#endif

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

/* Asked for its code, the view loads GtkSourceView and highlights C with it. */
static void
test_code_view_loads_sourceview (void)
{
  JugglerCodeView *view = g_object_ref_sink (JUGGLER_CODE_VIEW (juggler_code_view_new ()));
  GtkSourceBuffer *buffer;
  g_autoptr(GObject) language = NULL;
  g_autofree char *id = NULL;

  buffer = juggler_code_view_get_buffer (view);
  g_assert_nonnull (buffer);
  g_assert_true (maps_library ("libgtksourceview-5"));
  g_assert_cmpstr (G_OBJECT_TYPE_NAME (buffer), ==, "GtkSourceBuffer");
  g_object_get (buffer, "language", &language, NULL);
  g_assert_nonnull (language);
  g_object_get (language, "id", &id, NULL);
  g_assert_cmpstr (id, ==, "c");

  g_assert_finalize_object (view);
}

int
main (int   argc,
      char *argv[])
{
  if (!juggler_test_init_display (&argc, &argv))
    return g_test_run ();

  g_test_add_func ("/ui/idle-libraries/app-icon-sizes-are-png", test_app_icon_sizes_are_png);
  /* In this order: the window first, before anything has loaded GtkSourceView. */
  g_test_add_func ("/ui/idle-libraries/window-maps-neither", test_idle_window_maps_neither);
  g_test_add_func ("/ui/idle-libraries/code-view-loads-sourceview", test_code_view_loads_sourceview);

  return g_test_run ();
}
