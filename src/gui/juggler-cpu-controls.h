/* juggler-cpu-controls.h: the CPU page's sidebar: strategy, image, iterations and workers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "juggler-controls.h"

#include "juggler-mandelbrot.h"
#include "juggler-types.h"

G_BEGIN_DECLS

#define JUGGLER_TYPE_CPU_CONTROLS (juggler_cpu_controls_get_type ())

G_DECLARE_FINAL_TYPE (JugglerCpuControls, juggler_cpu_controls, JUGGLER, CPU_CONTROLS, JugglerControls)

/*
 * Properties: "can-start" (read-only): FALSE while the image is larger than the workload
 * allows (the controls say so, with the limit).
 */

/* Binds the controls to settings (the window's, maybe delayed). */
void               juggler_cpu_controls_set_settings         (JugglerCpuControls  *self,
                                                              GSettings           *settings);
JugglerMandelbrot *juggler_cpu_controls_create_workload      (JugglerCpuControls  *self,
                                                              GError             **error);
/* The strategies of the buttons, in their order. */
const JugglerStrategy *juggler_cpu_controls_get_strategies (guint *n_strategies);
/* The "workers" setting, 0 meaning one per processor. */
guint              juggler_cpu_controls_get_workers          (JugglerCpuControls  *self);
double             juggler_cpu_controls_estimate_blocking_s  (JugglerCpuControls  *self);
/* Work units of the cost model (juggler_workload_get_work_total ()) per second of CPU time,
 * as this machine measured them on a finished run. */
void               juggler_cpu_controls_set_measured_speed   (JugglerCpuControls  *self,
                                                              double               units_per_s);

G_END_DECLS
