/* juggler-bench.h: the bench's commands
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

int juggler_bench_claims (int    argc,
                          char **argv);
int juggler_bench_cpu   (int    argc,
                         char **argv);
int juggler_bench_net   (int    argc,
                         char **argv);
int juggler_bench_serve (int    argc,
                         char **argv);

G_END_DECLS
