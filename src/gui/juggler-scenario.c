/* juggler-scenario.c: command-line overrides and the automated run they may ask for
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-scenario"

#include "config.h"

#include "juggler-scenario.h"

#include <glib/gi18n.h>

#include "juggler-http-workload.h"
#include "juggler-mandelbrot.h"
#include "juggler-server.h"

static const GOptionEntry option_entries[] = {
  { "run-scenario", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Start a run as soon as the window is shown: cpu or net"), N_("WORKLOAD") },
  { "strategy", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("cpu: threads, cooperative, blocking or global-lock; net: async, threads or blocking"),
    N_("STRATEGY") },
  { "workers", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Worker threads (1–256)"), N_("N") },
  { "switch-every", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Rotate the strategy every MS milliseconds during the run"), N_("MS") },
  { "iterations", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Iterations per pixel"), N_("N") },
  { "tile", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Tile size in pixels"), N_("PX") },
  { "size", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Image size (cpu), or response size in bytes (net)"), N_("WxH|BYTES") },
  { "requests", 0, 0, G_OPTION_ARG_STRING, NULL, N_("HTTP requests in the run (net)"), N_("N") },
  { "concurrency", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Async requests in flight at once, 1–1000 (net)"), N_("C") },
  { "latency-ms", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Embedded server's delay before each answer (net)"), N_("MS") },
  { "url", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Fetch this URL instead of the embedded server (net)"), N_("URL") },
  { "timeout-s", 0, 0, G_OPTION_ARG_STRING, NULL, N_("I/O timeout of each request (net)"),
    N_("S") },
  { "untuned", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Keep libsoup's default connection limits, 2 per host (net)"), NULL },
  { "no-nice", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Run workers at normal priority"), NULL },
  { "progress", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("How progress reaches the UI: coalesced or per-event"), N_("MODE") },
  { "report", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Write the report of the run as JSON to FILE"), N_("FILE") },
  { "quit-when-done", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Quit when the run has finished"), NULL },
  { NULL }
};

const GOptionEntry *
juggler_scenario_get_option_entries (void)
{
  return option_entries;
}

static gboolean
parse_uint (const char  *option,
            const char  *text,
            guint        min,
            guint        max,
            guint       *value,
            GError     **error)
{
  guint64 number;

  if (!g_ascii_string_to_unsigned (text, 10, min, max, &number, NULL))
    {
      g_set_error (error, JUGGLER_ERROR, JUGGLER_ERROR_INVALID_ARGUMENT,
                   _("--%s must be a whole number from %u to %u, not “%s”"),
                   option, min, max, text);
      return FALSE;
    }

  *value = number;
  return TRUE;
}

static gboolean
parse_size (const char  *text,
            guint       *width,
            guint       *height,
            GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (text, "x", 2);
  guint64 w, h;

  if (g_strv_length (parts) != 2 ||
      !g_ascii_string_to_unsigned (parts[0], 10, 1, G_MAXUINT16, &w, NULL) ||
      !g_ascii_string_to_unsigned (parts[1], 10, 1, G_MAXUINT16, &h, NULL))
    {
      g_set_error (error, JUGGLER_ERROR, JUGGLER_ERROR_INVALID_ARGUMENT,
                   _("--size must look like 1024x768 (each side 1 to %u), not “%s”"),
                   G_MAXUINT16, text);
      return FALSE;
    }

  *width = w;
  *height = h;
  return TRUE;
}

JugglerScenario *
juggler_scenario_new_from_options (GVariantDict  *options,
                                   GError       **error)
{
  g_autoptr(JugglerScenario) self = g_new0 (JugglerScenario, 1);
  const char *text;
  gboolean any = FALSE;
  gboolean flag;

  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self->strategy = -1;
  self->nice = -1;
  self->progress_mode = -1;
  self->latency_ms = -1;
  self->size_bytes = -1;

  if (g_variant_dict_lookup (options, "run-scenario", "&s", &text))
    {
      if (g_str_equal (text, "net"))
        self->kind = JUGGLER_WORKLOAD_NET;
      else if (!g_str_equal (text, "cpu"))
        {
          g_set_error (error, JUGGLER_ERROR, JUGGLER_ERROR_INVALID_ARGUMENT,
                       _("Unknown scenario “%s”; use cpu or net"), text);
          return NULL;
        }
      self->run = any = TRUE;
    }

  if (g_variant_dict_lookup (options, "strategy", "&s", &text))
    {
      JugglerStrategy strategy;

      if (!juggler_strategy_from_string (text, &strategy) ||
          !juggler_strategy_supports (strategy, self->kind))
        {
          if (self->kind == JUGGLER_WORKLOAD_NET)
            g_set_error (error, JUGGLER_ERROR, JUGGLER_ERROR_INVALID_ARGUMENT,
                         _("Unknown strategy “%s” for net; use async, threads or blocking"),
                         text);
          else
            g_set_error (error, JUGGLER_ERROR, JUGGLER_ERROR_INVALID_ARGUMENT,
                         _("Unknown strategy “%s”; use threads, cooperative, blocking or global-lock"),
                         text);
          return NULL;
        }
      self->strategy = strategy;
      any = TRUE;
    }

  if (g_variant_dict_lookup (options, "workers", "&s", &text))
    {
      if (!parse_uint ("workers", text, 1, JUGGLER_MAX_WORKERS, &self->workers, error))
        return NULL;
      any = TRUE;
    }

  if (g_variant_dict_lookup (options, "switch-every", "&s", &text))
    {
      if (!parse_uint ("switch-every", text, 1, 3600 * 1000, &self->switch_every_ms, error))
        return NULL;
      any = TRUE;
    }

  if (g_variant_dict_lookup (options, "iterations", "&s", &text))
    {
      if (!parse_uint ("iterations", text, 1, JUGGLER_MANDELBROT_MAX_ITERATIONS,
                       &self->iterations, error))
        return NULL;
      any = TRUE;
    }

  if (g_variant_dict_lookup (options, "tile", "&s", &text))
    {
      if (!parse_uint ("tile", text, 8, 1024, &self->tile, error))
        return NULL;
      any = TRUE;
    }

  if (g_variant_dict_lookup (options, "size", "&s", &text))
    {
      if (self->kind == JUGGLER_WORKLOAD_NET)
        {
          guint size;

          if (!parse_uint ("size", text, 0, JUGGLER_SERVER_MAX_BYTES, &size, error))
            return NULL;
          self->size_bytes = size;
        }
      else if (!parse_size (text, &self->width, &self->height, error))
        return NULL;
      any = TRUE;
    }

  if (g_variant_dict_lookup (options, "requests", "&s", &text))
    {
      /* The grid draws one cell per request: past 10,000 they stop being cells. */
      if (!parse_uint ("requests", text, 1, 10000, &self->requests, error))
        return NULL;
      any = TRUE;
    }

  if (g_variant_dict_lookup (options, "concurrency", "&s", &text))
    {
      if (!parse_uint ("concurrency", text, 1, JUGGLER_MAX_CONCURRENCY, &self->concurrency, error))
        return NULL;
      any = TRUE;
    }

  if (g_variant_dict_lookup (options, "latency-ms", "&s", &text))
    {
      guint latency;

      if (!parse_uint ("latency-ms", text, 0, JUGGLER_SERVER_MAX_DELAY_MS, &latency, error))
        return NULL;
      self->latency_ms = latency;
      any = TRUE;
    }

  if (g_variant_dict_lookup (options, "timeout-s", "&s", &text))
    {
      if (!parse_uint ("timeout-s", text, 1, 3600, &self->timeout_s, error))
        return NULL;
      any = TRUE;
    }

  if (g_variant_dict_lookup (options, "url", "&s", &text))
    {
      g_autoptr(GError) url_error = NULL;

      if (!juggler_http_check_url (text, &url_error))
        {
          g_set_error (error, JUGGLER_ERROR, JUGGLER_ERROR_INVALID_ARGUMENT, "--url: %s",
                       url_error->message);
          return NULL;
        }
      self->url = g_strdup (text);
      any = TRUE;
    }

  if (g_variant_dict_lookup (options, "untuned", "b", &flag) && flag)
    {
      self->untuned = TRUE;
      any = TRUE;
    }

  if (g_variant_dict_lookup (options, "no-nice", "b", &flag) && flag)
    {
      self->nice = FALSE;
      any = TRUE;
    }

  if (g_variant_dict_lookup (options, "progress", "&s", &text))
    {
      JugglerProgressMode mode;

      if (!juggler_progress_mode_from_string (text, &mode))
        {
          g_set_error (error, JUGGLER_ERROR, JUGGLER_ERROR_INVALID_ARGUMENT,
                       _("Unknown progress mode “%s”; use coalesced or per-event"), text);
          return NULL;
        }
      self->progress_mode = mode;
      any = TRUE;
    }

  if (g_variant_dict_lookup (options, "report", "^ay", &self->report_path))
    any = TRUE;

  if (g_variant_dict_lookup (options, "quit-when-done", "b", &flag) && flag)
    {
      self->quit_when_done = TRUE;
      any = TRUE;
    }

  if ((self->report_path != NULL || self->quit_when_done || self->switch_every_ms > 0) &&
      !self->run)
    {
      g_set_error (error, JUGGLER_ERROR, JUGGLER_ERROR_INVALID_ARGUMENT,
                   _("--report, --quit-when-done and --switch-every need --run-scenario=cpu or net"));
      return NULL;
    }

  if (!any)
    return NULL;

  return g_steal_pointer (&self);
}

void
juggler_scenario_free (JugglerScenario *self)
{
  if (self == NULL)
    return;

  g_free (self->report_path);
  g_free (self->url);
  g_free (self);
}
