/* juggler-font-warm-up.h: loads the first window's fonts and renders its glyphs on a worker thread
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <pango/pango.h>

G_BEGIN_DECLS

/* Starts the worker: once, in main(), after setlocale() and before the application runs. */
void     juggler_font_warm_up_start             (void);
/* On the UI thread, before GTK makes the first widget's PangoContext (at the end of the
 * application's startup): waits at most @timeout_us (-1: until the worker is done) and, if
 * the worker is done, makes its font map this thread's default and returns TRUE. Otherwise
 * the worker drops its font map when it ends; the glyphs it rendered stay in cairo's shared
 * caches. Later calls return FALSE. */
gboolean juggler_font_warm_up_finish            (gint64        timeout_us);
/* Waits for the worker to end, if it runs: before the process exits. */
void     juggler_font_warm_up_stop              (void);
/* Gives @context the font options and resolution the worker uses: those GTK 4.8 gives its
 * widgets' contexts when no XSETTINGS manager says otherwise. */
void     juggler_font_warm_up_configure_context (PangoContext *context);

G_END_DECLS
