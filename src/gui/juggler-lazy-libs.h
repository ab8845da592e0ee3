/* juggler-lazy-libs.h: the tables gen-lazy-stubs.py makes for the stubs' resolver
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

typedef struct
{
  const char   *name;
  /* Its library's index in juggler_lazy_libraries. */
  unsigned int  library;
} JugglerLazySymbol;

extern const char *const       juggler_lazy_libraries[];
extern const unsigned int      juggler_lazy_n_libraries;
extern const JugglerLazySymbol juggler_lazy_symbols[];
extern const unsigned int      juggler_lazy_n_symbols;

/* Where each stub jumps: the resolver's way in until its symbol is resolved. */
extern void *juggler_lazy_slots[];

/* Called by a stub the first time it is called: opens the symbol's library (once), looks the
 * symbol up, puts it in its slot and returns it. Aborts when either cannot be found, as the
 * dynamic loader would have at start. Any thread. */
void *juggler_lazy_resolve (unsigned int index);
