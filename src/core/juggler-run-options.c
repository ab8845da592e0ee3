/* juggler-run-options.c: the options that shape a run, parsed, checked and applied the same
 * way for juggler-bench and the window's --run-scenario, with one set of limits
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-run-options"

#include "config.h"

#include "juggler-run-options.h"

#include <glib/gi18n-lib.h>

#include "juggler-http-workload.h"

typedef enum
{
  TYPE_UINT,          /* a guint field, 0 when unset */
  TYPE_INT,           /* an int field, -1 when unset: for ranges that start at 0 */
  TYPE_STRATEGY,
  TYPE_PROGRESS,
  TYPE_IMAGE_SIZE,
  TYPE_URL,
  TYPE_NO_NICE,
  TYPE_UNTUNED,
} OptionType;

#define CPU JUGGLER_WORKLOAD_KIND_BIT (JUGGLER_WORKLOAD_CPU)
#define NET JUGGLER_WORKLOAD_KIND_BIT (JUGGLER_WORKLOAD_NET)
#define FIELD(name) G_STRUCT_OFFSET (JugglerRunOptions, name)

/* Every option once; a number's description gets its range appended. */
static const struct
{
  const char *name;
  guint       kinds;
  OptionType  type;
  guint       min;
  guint       max;
  goffset     offset;
  const char *description;
  const char *arg_description;
} options[] = {
  { "strategy", CPU | NET, TYPE_STRATEGY, 0, 0, 0, NULL, N_("NAME") },
  { "workers", CPU | NET, TYPE_UINT, JUGGLER_WORKERS_MIN, JUGGLER_WORKERS_MAX, FIELD (workers),
    N_("Worker threads"), N_("N") },
  { "switch-every", CPU | NET, TYPE_UINT, JUGGLER_SWITCH_EVERY_MS_MIN, JUGGLER_SWITCH_EVERY_MS_MAX,
    FIELD (switch_every_ms), N_("Rotate through the strategies every MS milliseconds"),
    N_("MS") },
  { "no-nice", CPU | NET, TYPE_NO_NICE, 0, 0, 0, N_("Keep worker threads at normal priority"),
    NULL },
  { "progress", CPU | NET, TYPE_PROGRESS, 0, 0, 0, NULL, N_("MODE") },
  { "size", CPU, TYPE_IMAGE_SIZE, JUGGLER_IMAGE_SIDE_MIN, JUGGLER_IMAGE_SIDE_MAX, 0,
    N_("Image size in pixels, each side"), N_("WxH") },
  { "tile", CPU, TYPE_UINT, JUGGLER_TILE_MIN, JUGGLER_TILE_MAX, FIELD (tile),
    N_("Tile size in pixels"), N_("PX") },
  { "iterations", CPU, TYPE_UINT, JUGGLER_ITERATIONS_MIN, JUGGLER_ITERATIONS_MAX,
    FIELD (iterations), N_("Maximum iterations per pixel"), N_("N") },
  { "requests", NET, TYPE_UINT, JUGGLER_REQUESTS_MIN, JUGGLER_REQUESTS_MAX, FIELD (requests),
    N_("HTTP requests in the run"), N_("N") },
  { "concurrency", NET, TYPE_UINT, JUGGLER_CONCURRENCY_MIN, JUGGLER_CONCURRENCY_MAX,
    FIELD (concurrency), N_("Async requests in flight at once"), N_("C") },
  { "latency-ms", NET, TYPE_INT, JUGGLER_LATENCY_MS_MIN, JUGGLER_LATENCY_MS_MAX,
    FIELD (latency_ms), N_("Embedded server's delay before each answer in ms"),
    N_("MS") },
  { "size", NET, TYPE_INT, JUGGLER_RESPONSE_SIZE_MIN, JUGGLER_RESPONSE_SIZE_MAX,
    FIELD (size_bytes), N_("Embedded server's body size in bytes"), N_("BYTES") },
  { "url", NET, TYPE_URL, 0, 0, 0, N_("Fetch this URL instead of the embedded server"),
    N_("URL") },
  { "timeout-s", NET, TYPE_UINT, JUGGLER_TIMEOUT_S_MIN, JUGGLER_TIMEOUT_S_MAX, FIELD (timeout_s),
    N_("Overall deadline of each request in seconds"), N_("S") },
  { "untuned", NET, TYPE_UNTUNED, 0, 0, 0,
    N_("Keep libsoup's default connection limits (10, and 2 per host) for async"), NULL },
};

gboolean
juggler_run_options_usage_error (GError    **error,
                                 const char *format,
                                 ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                                                format, args));
  va_end (args);

  return FALSE;
}

gboolean
juggler_run_options_parse_uint (const char *option,
                                const char *value,
                                guint       min,
                                guint       max,
                                guint      *out,
                                GError    **error)
{
  guint64 number;

  if (value == NULL || !g_ascii_string_to_unsigned (value, 10, min, max, &number, NULL))
    return juggler_run_options_usage_error (error,
                                            _("--%s: expected a whole number from %u to %u, "
                                              "got “%s”"),
                                            option, min, max, value != NULL ? value : "");

  *out = number;
  return TRUE;
}

void
juggler_run_options_init (JugglerRunOptions      *self,
                          JugglerWorkloadKind     kind,
                          JugglerRunOptionsFlags  flags)
{
  g_return_if_fail (self != NULL);

  *self = (JugglerRunOptions) {
    .kind = kind,
    .flags = flags,
    .strategy = -1,
    .nice = -1,
    .progress_mode = -1,
    .latency_ms = -1,
    .size_bytes = -1,
  };
}

void
juggler_run_options_clear (JugglerRunOptions *self)
{
  g_clear_pointer (&self->urls, g_strfreev);
  g_clear_pointer (&self->strings, g_ptr_array_unref);
}

/* "threads, cooperative, blocking or global-lock" */
static char *
dup_choices (GType                type,
             JugglerWorkloadKind  kind,
             const char          *last)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  g_autoptr(GPtrArray) nicks = g_ptr_array_new ();
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < klass->n_values; i++)
    if (type != JUGGLER_TYPE_STRATEGY || juggler_strategy_supports (klass->values[i].value, kind))
      g_ptr_array_add (nicks, (gpointer) klass->values[i].value_nick);
  if (last != NULL)
    g_ptr_array_add (nicks, (gpointer) last);

  for (guint i = 0; i < nicks->len; i++)
    {
      if (i > 0)
        g_string_append (text, i + 1 == nicks->len ? _(" or ") : ", ");
      g_string_append (text, g_ptr_array_index (nicks, i));
    }

  return g_string_free (text, FALSE);
}

static char *
dup_description (guint               i,
                 JugglerWorkloadKind kind,
                 gboolean            with_all)
{
  g_autofree char *choices = NULL;

  switch (options[i].type)
    {
    case TYPE_STRATEGY:
      choices = dup_choices (JUGGLER_TYPE_STRATEGY, kind, with_all ? "all" : NULL);
      return g_strdup_printf (_("How jobs are scheduled: %s"), choices);
    case TYPE_PROGRESS:
      choices = dup_choices (JUGGLER_TYPE_PROGRESS_MODE, kind, NULL);
      return g_strdup_printf (_("How progress reaches the UI thread: %s"), choices);
    case TYPE_UINT:
    case TYPE_INT:
    case TYPE_IMAGE_SIZE:
      return g_strdup_printf (_("%s (%u to %u)"), _(options[i].description), options[i].min,
                              options[i].max);
    case TYPE_URL:
    case TYPE_NO_NICE:
    case TYPE_UNTUNED:
    default:
      return g_strdup (_(options[i].description));
    }
}

static gboolean
option_cb (const char  *option_name,
           const char  *value,
           gpointer     data,
           GError     **error)
{
  /* GOption names the option as it was given: "--workers". */
  return juggler_run_options_set (data, option_name + strlen ("--"), value, error);
}

static gboolean
has_value (guint i)
{
  return options[i].type != TYPE_NO_NICE && options[i].type != TYPE_UNTUNED;
}

GOptionGroup *
juggler_run_options_new_group (JugglerRunOptions *self)
{
  GOptionGroup *group;
  g_autoptr(GArray) entries = g_array_new (TRUE, TRUE, sizeof (GOptionEntry));

  g_return_val_if_fail (self != NULL, NULL);

  if (self->strings == NULL)
    self->strings = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < G_N_ELEMENTS (options); i++)
    {
      char *description;
      GOptionEntry entry = { 0 };

      if ((options[i].kinds & JUGGLER_WORKLOAD_KIND_BIT (self->kind)) == 0)
        continue;

      description = dup_description (i, self->kind,
                                     self->flags & JUGGLER_RUN_OPTIONS_STRATEGY_ALL);
      g_ptr_array_add (self->strings, description);
      entry.long_name = options[i].name;
      entry.flags = has_value (i) ? 0 : G_OPTION_FLAG_NO_ARG;
      entry.arg = G_OPTION_ARG_CALLBACK;
      entry.arg_data = (gpointer) option_cb;
      entry.description = description;
      entry.arg_description = options[i].arg_description != NULL ? _(options[i].arg_description)
                                                                  : NULL;
      g_array_append_val (entries, entry);
    }

  group = g_option_group_new (NULL, NULL, NULL, self, NULL);
  g_option_group_add_entries (group, (const GOptionEntry *) (gpointer) entries->data);

  return group;
}

/* Built once and kept: GApplication reads the entries for as long as it runs. */
static gpointer
build_dict_entries (gpointer data)
{
  GArray *entries = g_array_new (TRUE, TRUE, sizeof (GOptionEntry));

  for (guint i = 0; i < G_N_ELEMENTS (options); i++)
    {
      GOptionEntry entry = { 0 };
      gboolean seen = FALSE;

      for (guint j = 0; j < i; j++)
        seen |= g_str_equal (options[j].name, options[i].name);
      if (seen)
        continue;

      entry.long_name = options[i].name;
      entry.arg = has_value (i) ? G_OPTION_ARG_STRING : G_OPTION_ARG_NONE;
      if (options[i].arg_description != NULL)
        entry.arg_description = _(options[i].arg_description);
      if (g_str_equal (options[i].name, "size"))
        {
          entry.description = _("Image size (cpu), or response size in bytes (net)");
          entry.arg_description = "WxH|BYTES";
        }
      else if (options[i].type == TYPE_STRATEGY)
        {
          g_autofree char *cpu = dup_choices (JUGGLER_TYPE_STRATEGY, JUGGLER_WORKLOAD_CPU, NULL);
          g_autofree char *net = dup_choices (JUGGLER_TYPE_STRATEGY, JUGGLER_WORKLOAD_NET, NULL);

          entry.description = g_strdup_printf (_("cpu: %s; net: %s"), cpu, net);
        }
      else
        entry.description = dup_description (i, options[i].kinds & CPU ? JUGGLER_WORKLOAD_CPU
                                                                        : JUGGLER_WORKLOAD_NET,
                                             FALSE);
      g_array_append_val (entries, entry);
    }

  return g_array_free (entries, FALSE);
}

const GOptionEntry *
juggler_run_options_get_dict_entries (void)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, build_dict_entries, NULL);

  return once.retval;
}

gboolean
juggler_run_options_set_from_dict (JugglerRunOptions  *self,
                                   GVariantDict       *dict,
                                   gboolean           *any,
                                   GError            **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (dict != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (options); i++)
    {
      const char *value = NULL;
      gboolean flag = FALSE;

      if (has_value (i) ? !g_variant_dict_lookup (dict, options[i].name, "&s", &value)
                        : !g_variant_dict_lookup (dict, options[i].name, "b", &flag) || !flag)
        continue;

      /* A name two kinds share ("size") is read once, by the kind of the run. */
      if (i > 0 && g_str_equal (options[i - 1].name, options[i].name))
        continue;

      if (!juggler_run_options_set (self, options[i].name, value, error))
        return FALSE;
      if (any != NULL)
        *any = TRUE;
    }

  return TRUE;
}

static gboolean
set_image_size (JugglerRunOptions *self,
                guint              i,
                const char        *value,
                GError           **error)
{
  g_auto(GStrv) parts = g_strsplit (value, "x", 2);
  guint width, height;

  if (g_strv_length (parts) != 2 ||
      !juggler_run_options_parse_uint ("size", parts[0], options[i].min, options[i].max, &width,
                                       NULL) ||
      !juggler_run_options_parse_uint ("size", parts[1], options[i].min, options[i].max, &height,
                                       NULL))
    return juggler_run_options_usage_error (error,
                                            _("--size: expected WIDTHxHEIGHT such as 1024x768, "
                                              "each side %u to %u, got “%s”"),
                                            options[i].min, options[i].max, value);

  self->width = width;
  self->height = height;
  return TRUE;
}

static gboolean
set_strategy (JugglerRunOptions *self,
              const char        *value,
              GError           **error)
{
  gboolean with_all = (self->flags & JUGGLER_RUN_OPTIONS_STRATEGY_ALL) != 0;
  JugglerStrategy strategy;
  g_autofree char *choices = NULL;

  if (with_all && g_str_equal (value, "all"))
    {
      self->all_strategies = TRUE;
      self->strategy = -1;
      return TRUE;
    }

  if (juggler_strategy_from_string (value, &strategy) &&
      juggler_strategy_supports (strategy, self->kind))
    {
      self->all_strategies = FALSE;
      self->strategy = strategy;
      return TRUE;
    }

  choices = dup_choices (JUGGLER_TYPE_STRATEGY, self->kind, with_all ? "all" : NULL);
  return juggler_run_options_usage_error (error,
                                          _("--strategy: unknown strategy “%s” for %s; use %s"),
                                          value, juggler_workload_kind_to_string (self->kind),
                                          choices);
}

static gboolean
set_url (JugglerRunOptions *self,
         const char        *value,
         GError           **error)
{
  g_autoptr(GError) url_error = NULL;
  guint n = self->urls != NULL ? g_strv_length (self->urls) : 0;

  if (!juggler_http_check_url (value, &url_error))
    return juggler_run_options_usage_error (error, "--url: %s", url_error->message);

  if ((self->flags & JUGGLER_RUN_OPTIONS_MANY_URLS) == 0)
    {
      g_clear_pointer (&self->urls, g_strfreev);
      n = 0;
    }

  self->urls = g_renew (char *, self->urls, n + 2);
  self->urls[n] = g_strdup (value);
  self->urls[n + 1] = NULL;
  return TRUE;
}

static int
find_option (const JugglerRunOptions *self,
             const char              *name)
{
  int other = -1;

  /* The row of the run's kind first: "size" means one thing for each. */
  for (guint i = 0; i < G_N_ELEMENTS (options); i++)
    {
      if (!g_str_equal (options[i].name, name))
        continue;
      if (options[i].kinds & JUGGLER_WORKLOAD_KIND_BIT (self->kind))
        return i;
      if (other < 0)
        other = i;
    }

  return other;
}

gboolean
juggler_run_options_set (JugglerRunOptions  *self,
                         const char         *name,
                         const char         *value,
                         GError            **error)
{
  int i;
  guint number;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  i = find_option (self, name);
  if (i < 0)
    return juggler_run_options_usage_error (error, _("Unknown option --%s"), name);

  if (has_value (i) && value == NULL)
    return juggler_run_options_usage_error (error, _("--%s needs a value"), name);

  switch (options[i].type)
    {
    case TYPE_UINT:
      if (!juggler_run_options_parse_uint (name, value, options[i].min, options[i].max, &number,
                                           error))
        return FALSE;
      G_STRUCT_MEMBER (guint, self, options[i].offset) = number;
      return TRUE;

    case TYPE_INT:
      if (!juggler_run_options_parse_uint (name, value, options[i].min, options[i].max, &number,
                                           error))
        return FALSE;
      G_STRUCT_MEMBER (int, self, options[i].offset) = number;
      return TRUE;

    case TYPE_STRATEGY:
      return set_strategy (self, value, error);

    case TYPE_PROGRESS:
      {
        JugglerProgressMode mode;
        g_autofree char *choices = NULL;

        if (juggler_progress_mode_from_string (value, &mode))
          {
            self->progress_mode = mode;
            return TRUE;
          }
        choices = dup_choices (JUGGLER_TYPE_PROGRESS_MODE, self->kind, NULL);
        return juggler_run_options_usage_error (error, _("--progress: expected %s, got “%s”"),
                                                choices, value);
      }

    case TYPE_IMAGE_SIZE:
      return set_image_size (self, i, value, error);

    case TYPE_URL:
      return set_url (self, value, error);

    case TYPE_NO_NICE:
      self->nice = FALSE;
      return TRUE;

    case TYPE_UNTUNED:
      self->untuned = TRUE;
      return TRUE;

    default:
      g_assert_not_reached ();
    }
}

/* The Mandelbrot the options describe: unset fields at the defaults. */
static void
resolve_mandelbrot (const JugglerRunOptions *self,
                    guint                   *width,
                    guint                   *height,
                    guint                   *tile,
                    guint                   *iterations)
{
  *width = self->width != 0 ? self->width : JUGGLER_MANDELBROT_DEFAULT_WIDTH;
  *height = self->height != 0 ? self->height : JUGGLER_MANDELBROT_DEFAULT_HEIGHT;
  *tile = self->tile != 0 ? self->tile : JUGGLER_MANDELBROT_DEFAULT_TILE;
  *iterations = self->iterations != 0 ? self->iterations : JUGGLER_MANDELBROT_DEFAULT_ITERATIONS;
}

gboolean
juggler_run_options_validate (const JugglerRunOptions  *self,
                              GError                  **error)
{
  g_autoptr(GError) local_error = NULL;
  guint width, height, tile, iterations;

  g_return_val_if_fail (self != NULL, FALSE);

  if (self->kind != JUGGLER_WORKLOAD_CPU || (self->width == 0 && self->tile == 0))
    return TRUE;

  /* An image or a tiling the workload would refuse, before anything runs. */
  resolve_mandelbrot (self, &width, &height, &tile, &iterations);
  if (!juggler_mandelbrot_validate (width, height, tile, iterations, NULL, &local_error))
    return juggler_run_options_usage_error (error, "%s: %s",
                                            g_error_matches (local_error, JUGGLER_ERROR,
                                                             JUGGLER_ERROR_TOO_LARGE)
                                              ? "--size" : "--tile",
                                            local_error->message);

  return TRUE;
}

void
juggler_run_options_apply (const JugglerRunOptions *self,
                           JugglerRun              *run)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (JUGGLER_IS_RUN (run));

  if (self->workers > 0)
    juggler_run_set_n_workers (run, self->workers);
  if (self->nice >= 0)
    juggler_run_set_nice (run, self->nice);
  if (self->progress_mode >= 0)
    juggler_run_set_progress_mode (run, self->progress_mode);
  if (self->switch_every_ms > 0)
    juggler_run_set_switch_every (run, self->switch_every_ms);
  if (self->concurrency > 0)
    juggler_run_set_concurrency (run, self->concurrency);
  if (self->untuned)
    juggler_run_set_tune_connections (run, FALSE);
}

JugglerMandelbrot *
juggler_run_options_new_mandelbrot (const JugglerRunOptions  *self,
                                    GError                  **error)
{
  guint width, height, tile, iterations;

  g_return_val_if_fail (self != NULL, NULL);

  if (!juggler_run_options_validate (self, error))
    return NULL;

  resolve_mandelbrot (self, &width, &height, &tile, &iterations);
  return juggler_mandelbrot_new (width, height, tile, iterations, NULL, error);
}
