/* juggler-sourceview.c: GtkSourceView, loaded the first time code is shown
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Only the code view uses GtkSourceView, and only once someone opens its expander. Linked
 * into the binary, the library and what it needs (libxml2, and ICU through it) are mapped and
 * relocated at exec and cost about 1.2 MB of resident memory for the whole life of every
 * window, shown or not: a third of what separated the idle window from a bare
 * AdwApplicationWindow. So the binary does not link it; this file opens it with GModule when
 * the code view first needs it and calls it through the few functions below.
 */
#define G_LOG_DOMAIN "juggler-sourceview"

#include "config.h"

#include "juggler-sourceview.h"

#include <gmodule.h>
#include <string.h>
#include <gtksourceview/gtksource.h>

/* GtkSourceView 5's soname: the library keeps it for the whole 5.x series. */
#define SOURCEVIEW_LIBRARY "libgtksourceview-5.so.0"

static struct
{
  void                         (*init) (void);
  GType                        (*view_get_type) (void);
  GtkSourceLanguageManager    *(*language_manager_get_default) (void);
  GtkSourceLanguage           *(*language_manager_get_language) (GtkSourceLanguageManager *manager,
                                                                 const char               *id);
  GtkSourceBuffer             *(*buffer_new_with_language) (GtkSourceLanguage *language);
  void                         (*buffer_set_highlight_matching_brackets) (GtkSourceBuffer *buffer,
                                                                          gboolean         highlight);
  void                         (*buffer_set_style_scheme) (GtkSourceBuffer      *buffer,
                                                           GtkSourceStyleScheme *scheme);
  GtkSourceStyleSchemeManager *(*style_scheme_manager_get_default) (void);
  GtkSourceStyleScheme        *(*style_scheme_manager_get_scheme) (GtkSourceStyleSchemeManager *manager,
                                                                   const char                  *id);
} api;

static const struct
{
  const char *name;
  gpointer   *pointer;
} symbols[] = {
  { "gtk_source_init", (gpointer *) &api.init },
  { "gtk_source_view_get_type", (gpointer *) &api.view_get_type },
  { "gtk_source_language_manager_get_default", (gpointer *) &api.language_manager_get_default },
  { "gtk_source_language_manager_get_language", (gpointer *) &api.language_manager_get_language },
  { "gtk_source_buffer_new_with_language", (gpointer *) &api.buffer_new_with_language },
  { "gtk_source_buffer_set_highlight_matching_brackets",
    (gpointer *) &api.buffer_set_highlight_matching_brackets },
  { "gtk_source_buffer_set_style_scheme", (gpointer *) &api.buffer_set_style_scheme },
  { "gtk_source_style_scheme_manager_get_default",
    (gpointer *) &api.style_scheme_manager_get_default },
  { "gtk_source_style_scheme_manager_get_scheme", (gpointer *) &api.style_scheme_manager_get_scheme },
};

static gboolean
open_library (void)
{
  GModule *module = g_module_open (SOURCEVIEW_LIBRARY, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);

  if (module == NULL)
    {
      g_warning ("Code is shown without highlighting: %s", g_module_error ());
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (symbols); i++)
    if (!g_module_symbol (module, symbols[i].name, symbols[i].pointer) || *symbols[i].pointer == NULL)
      {
        g_warning ("Code is shown without highlighting: %s has no %s",
                   SOURCEVIEW_LIBRARY, symbols[i].name);
        memset (&api, 0, sizeof api);
        g_module_close (module);
        return FALSE;
      }

  /* Its types stay registered: the library may never be unloaded. */
  g_module_make_resident (module);
  /* Registers GtkSourceView's types and finds its languages and style schemes. */
  api.init ();

  return TRUE;
}

gboolean
juggler_sourceview_load (void)
{
  static gsize loaded = 0;
  static gboolean available = FALSE;

  if (g_once_init_enter (&loaded))
    {
      available = open_library ();
      g_once_init_leave (&loaded, 1);
    }

  return available;
}

GtkTextBuffer *
juggler_sourceview_new_buffer (const char *language_id)
{
  GtkSourceLanguage *language;
  GtkSourceBuffer *buffer;

  g_return_val_if_fail (language_id != NULL, NULL);

  if (!juggler_sourceview_load ())
    return gtk_text_buffer_new (NULL);

  language = api.language_manager_get_language (api.language_manager_get_default (), language_id);
  buffer = api.buffer_new_with_language (language);
  api.buffer_set_highlight_matching_brackets (buffer, FALSE);

  return GTK_TEXT_BUFFER (buffer);
}

void
juggler_sourceview_set_style_scheme (GtkTextBuffer *buffer,
                                     const char    *scheme_id)
{
  g_return_if_fail (GTK_IS_TEXT_BUFFER (buffer));
  g_return_if_fail (scheme_id != NULL);

  if (!juggler_sourceview_load ())
    return;

  api.buffer_set_style_scheme ((GtkSourceBuffer *) buffer,
                               api.style_scheme_manager_get_scheme (api.style_scheme_manager_get_default (),
                                                                    scheme_id));
}

GtkWidget *
juggler_sourceview_new_view (GtkTextBuffer *buffer)
{
  g_return_val_if_fail (GTK_IS_TEXT_BUFFER (buffer), NULL);

  if (!juggler_sourceview_load ())
    return gtk_text_view_new_with_buffer (buffer);

  return g_object_new (api.view_get_type (),
                       "buffer", buffer,
                       "show-line-numbers", TRUE,
                       "tab-width", 8,
                       NULL);
}
