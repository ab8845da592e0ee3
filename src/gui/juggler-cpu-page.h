/* juggler-cpu-page.h: the CPU page: Mandelbrot tiles, their status line and results
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "juggler-workload-page.h"

G_BEGIN_DECLS

#define JUGGLER_TYPE_CPU_PAGE (juggler_cpu_page_get_type ())

G_DECLARE_FINAL_TYPE (JugglerCpuPage, juggler_cpu_page, JUGGLER, CPU_PAGE, JugglerWorkloadPage)

G_END_DECLS
