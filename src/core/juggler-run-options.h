/* juggler-run-options.h: the options that shape a run, parsed, checked and applied the same
 * way for juggler-bench and the window's --run-scenario, with one set of limits
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "juggler-http-workload.h"
#include "juggler-mandelbrot.h"
#include "juggler-run.h"
#include "juggler-server.h"

G_BEGIN_DECLS

/* The limits every front end applies. The GSettings schema's ranges are these (a test
 * checks), and so should be the window's spin buttons. */
#define JUGGLER_WORKERS_MIN          1
#define JUGGLER_WORKERS_MAX          JUGGLER_MAX_WORKERS
#define JUGGLER_SWITCH_EVERY_MS_MIN  1
#define JUGGLER_SWITCH_EVERY_MS_MAX  (60 * 60 * 1000)
#define JUGGLER_IMAGE_SIDE_MIN       1
#define JUGGLER_IMAGE_SIDE_MAX       65536
#define JUGGLER_TILE_MIN             8
#define JUGGLER_TILE_MAX             1024
#define JUGGLER_ITERATIONS_MIN       1
#define JUGGLER_ITERATIONS_MAX       JUGGLER_MANDELBROT_MAX_ITERATIONS
#define JUGGLER_REQUESTS_MIN         1
#define JUGGLER_REQUESTS_MAX         JUGGLER_HTTP_MAX_REQUESTS
#define JUGGLER_CONCURRENCY_MIN      1
#define JUGGLER_CONCURRENCY_MAX      JUGGLER_MAX_CONCURRENCY
#define JUGGLER_LATENCY_MS_MIN       0
#define JUGGLER_LATENCY_MS_MAX       JUGGLER_SERVER_MAX_DELAY_MS
#define JUGGLER_RESPONSE_SIZE_MIN    0
#define JUGGLER_RESPONSE_SIZE_MAX    ((guint) JUGGLER_SERVER_MAX_BYTES)
#define JUGGLER_TIMEOUT_S_MIN        1
#define JUGGLER_TIMEOUT_S_MAX        3600
#define JUGGLER_REPEAT_MIN           1
#define JUGGLER_REPEAT_MAX           1000

/* Which options a front end offers. */
typedef enum
{
  JUGGLER_RUN_OPTIONS_STRATEGY_ALL = 1 << 0,  /* --strategy all */
  JUGGLER_RUN_OPTIONS_MANY_URLS    = 1 << 1,  /* --url repeated */
} JugglerRunOptionsFlags;

/* What the command line asked for; every field is "unset" at 0 / -1 / NULL. */
typedef struct
{
  JugglerWorkloadKind    kind;
  JugglerRunOptionsFlags flags;
  gboolean               all_strategies;
  int                    strategy;          /* JugglerStrategy or -1 */
  guint                  workers;
  guint                  switch_every_ms;
  int                    nice;              /* 0, 1 or -1 */
  int                    progress_mode;     /* JugglerProgressMode or -1 */
  /* CPU */
  guint                  width;
  guint                  height;
  guint                  tile;
  guint                  iterations;
  /* Network */
  guint                  requests;
  guint                  concurrency;
  int                    latency_ms;        /* or -1 */
  int                    size_bytes;        /* or -1 */
  guint                  timeout_s;
  GStrv                  urls;
  gboolean               untuned;

  /*< private >*/
  GPtrArray             *strings;
} JugglerRunOptions;

void                juggler_run_options_init          (JugglerRunOptions      *self,
                                                       JugglerWorkloadKind     kind,
                                                       JugglerRunOptionsFlags  flags);
void                juggler_run_options_clear         (JugglerRunOptions      *self);
/* The kind's options as a GOptionGroup whose callbacks fill self; self must outlive it. */
GOptionGroup       *juggler_run_options_new_group     (JugglerRunOptions      *self);
/* Every kind's options for g_application_add_main_option_entries(), which takes no
 * callbacks: numbers are strings, read back by set_from_dict(). */
const GOptionEntry *juggler_run_options_get_dict_entries (void);
/* Sets self from the options in dict; *any tells whether there were some. */
gboolean            juggler_run_options_set_from_dict (JugglerRunOptions      *self,
                                                       GVariantDict           *dict,
                                                       gboolean               *any,
                                                       GError                **error);
/* One option by its long name without the dashes; value is NULL for a flag. */
gboolean            juggler_run_options_set           (JugglerRunOptions      *self,
                                                       const char             *name,
                                                       const char             *value,
                                                       GError                **error);
/* What no single option can tell: an image too large for its tiles, and the like. */
gboolean            juggler_run_options_validate      (const JugglerRunOptions *self,
                                                       GError                **error);
/* Workers, progress mode, nice, rotation, concurrency and connection tuning, as set. */
void                juggler_run_options_apply         (const JugglerRunOptions *self,
                                                       JugglerRun             *run);
/* The CPU workload the options describe, unset fields at the Mandelbrot defaults. */
JugglerMandelbrot  *juggler_run_options_new_mandelbrot (const JugglerRunOptions *self,
                                                        GError                **error);
/* A whole number in [min, max], or a G_OPTION_ERROR naming --option. */
/* Sets error to a G_OPTION_ERROR_BAD_VALUE with the formatted message; FALSE, for returning. */
gboolean            juggler_run_options_usage_error   (GError                **error,
                                                       const char             *format,
                                                       ...) G_GNUC_PRINTF (2, 3);
gboolean            juggler_run_options_parse_uint    (const char             *option,
                                                       const char             *value,
                                                       guint                   min,
                                                       guint                   max,
                                                       guint                  *out,
                                                       GError                **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (JugglerRunOptions, juggler_run_options_clear)

G_END_DECLS
