/* juggler-lazy-libs.c: libsoup and json-glib, opened at the first call into them rather than at exec
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window's first frame calls neither: HTTP starts with the first network run (or the
 * embedded server), JSON with the first export. Linked as usual, libsoup and what it needs
 * (GSSAPI and Kerberos, SQLite, nghttp2, libpsl with libidn2 and libunistring, Brotli) and
 * json-glib are mapped and relocated at exec, and their symbol tables, relocations and
 * constructors cost about 1.6 MB of resident memory for the life of every idle window: a
 * fifth of what separated it from a bare AdwApplicationWindow. On x86-64 the juggler binary
 * links stubs instead (gen-lazy-stubs.py): each of the functions it calls, first reached,
 * lands here, and the library is opened then. The CLI and the tests link the libraries.
 */
#define G_LOG_DOMAIN "juggler-lazy-libs"

#include "config.h"

#include "juggler-lazy-libs.h"

#include <dlfcn.h>
#include <glib.h>

#define MAX_LIBRARIES 4

static void *
open_library (unsigned int library)
{
  static gsize handles[MAX_LIBRARIES];

  g_assert (library < juggler_lazy_n_libraries && library < MAX_LIBRARIES);
  if (g_once_init_enter (&handles[library]))
    {
      /* Local: the libraries' symbols are reached through the stubs, not by name. */
      void *handle = dlopen (juggler_lazy_libraries[library], RTLD_NOW | RTLD_LOCAL);

      if (handle == NULL)
        g_error ("Cannot open %s: %s", juggler_lazy_libraries[library], dlerror ());
      g_once_init_leave (&handles[library], (gsize) handle);
    }

  return (void *) handles[library];
}

void *
juggler_lazy_resolve (unsigned int index)
{
  const JugglerLazySymbol *symbol;
  void *address;

  g_assert (index < juggler_lazy_n_symbols);
  symbol = &juggler_lazy_symbols[index];
  address = dlsym (open_library (symbol->library), symbol->name);
  if (address == NULL)
    g_error ("Cannot find %s in %s: %s", symbol->name, juggler_lazy_libraries[symbol->library],
             dlerror ());
  /* Two threads may resolve the same stub at once: both store the same address. */
  g_atomic_pointer_set (&juggler_lazy_slots[index], address);

  return address;
}
