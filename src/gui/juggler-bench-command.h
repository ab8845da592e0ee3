/* juggler-bench-command.h: the juggler-bench command line that reproduces a window's run
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "juggler-report.h"
#include "juggler-result.h"

G_BEGIN_DECLS

/*
 * "juggler-bench cpu --strategy threads --workers 4 --size 800x600 --tile 32 --iterations 2000"
 * for a CPU run (cpu not NULL), or "juggler-bench net --strategy async --requests 500 ..."
 * for a network one (net not NULL), with the option names of juggler-run-options.c. Only
 * what differs from the bench's defaults is left out: nice workers and tuned connections.
 * Shell-quoted where needed (a URL).
 */
char *juggler_bench_command_build (const JugglerReport    *report,
                                   const JugglerCpuParams *cpu,
                                   const JugglerNetParams *net);

G_END_DECLS
