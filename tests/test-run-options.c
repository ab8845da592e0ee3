/* test-run-options.c: the run options both front ends parse, their limits and the settings
 * schema's ranges, which must be the same limits
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-run-options"

#include "config.h"

#include <gio/gio.h>

#include "juggler-run-options.h"

/* Parses argv (NULL-terminated, without the program name) as juggler-bench would. */
static gboolean
parse (JugglerRunOptions *options,
       GError           **error,
       ...)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autofree char **argv = NULL;
  int argc;
  const char *arg;
  va_list ap;

  g_ptr_array_add (args, (gpointer) "test");
  va_start (ap, error);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  argc = args->len;
  g_ptr_array_add (args, NULL);
  argv = (char **) g_ptr_array_steal (args, NULL);

  g_option_context_set_main_group (context, juggler_run_options_new_group (options));
  g_option_context_set_help_enabled (context, FALSE);

  return g_option_context_parse (context, &argc, &argv, error) &&
         juggler_run_options_validate (options, error);
}

static void
assert_usage_error (GError     *error,
                    const char *option)
{
  g_assert_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, option));
}

static void
test_defaults_unset (void)
{
  g_auto(JugglerRunOptions) options;
  g_autoptr(GError) error = NULL;

  juggler_run_options_init (&options, JUGGLER_WORKLOAD_CPU, 0);
  g_assert_true (parse (&options, &error, NULL));
  g_assert_no_error (error);

  g_assert_cmpint (options.strategy, ==, -1);
  g_assert_false (options.all_strategies);
  g_assert_cmpuint (options.workers, ==, 0);
  g_assert_cmpint (options.nice, ==, -1);
  g_assert_cmpint (options.progress_mode, ==, -1);
  g_assert_cmpuint (options.width, ==, 0);
  g_assert_cmpint (options.latency_ms, ==, -1);
  g_assert_cmpint (options.size_bytes, ==, -1);
  g_assert_null (options.urls);
}

static void
test_cpu (void)
{
  g_auto(JugglerRunOptions) options;
  g_autoptr(GError) error = NULL;
  g_autoptr(JugglerMandelbrot) mandelbrot = NULL;

  juggler_run_options_init (&options, JUGGLER_WORKLOAD_CPU, 0);
  g_assert_true (parse (&options, &error, "--strategy", "global-lock", "--workers=3",
                        "--size", "320x240", "--tile", "16", "--iterations", "50", "--no-nice",
                        "--progress", "per-event", "--switch-every", "40", NULL));
  g_assert_no_error (error);

  g_assert_cmpint (options.strategy, ==, JUGGLER_STRATEGY_GLOBAL_LOCK);
  g_assert_cmpuint (options.workers, ==, 3);
  g_assert_cmpuint (options.width, ==, 320);
  g_assert_cmpuint (options.height, ==, 240);
  g_assert_cmpuint (options.tile, ==, 16);
  g_assert_cmpuint (options.iterations, ==, 50);
  g_assert_cmpint (options.nice, ==, FALSE);
  g_assert_cmpint (options.progress_mode, ==, JUGGLER_PROGRESS_PER_EVENT);
  g_assert_cmpuint (options.switch_every_ms, ==, 40);

  mandelbrot = juggler_run_options_new_mandelbrot (&options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (juggler_mandelbrot_get_width (mandelbrot), ==, 320);
  g_assert_cmpuint (juggler_workload_get_n_jobs (JUGGLER_WORKLOAD (mandelbrot)), ==, 20 * 15);
}

static void
test_net (void)
{
  g_auto(JugglerRunOptions) options;
  g_autoptr(GError) error = NULL;

  juggler_run_options_init (&options, JUGGLER_WORKLOAD_NET, JUGGLER_RUN_OPTIONS_MANY_URLS);
  g_assert_true (parse (&options, &error, "--strategy=async", "--requests", "30",
                        "--concurrency", "7", "--latency-ms", "0", "--size", "0",
                        "--timeout-s", "3", "--untuned", "--url", "http://127.0.0.1:1/a",
                        "--url", "http://127.0.0.1:1/b", NULL));
  g_assert_no_error (error);

  g_assert_cmpint (options.strategy, ==, JUGGLER_STRATEGY_ASYNC);
  g_assert_cmpuint (options.requests, ==, 30);
  g_assert_cmpuint (options.concurrency, ==, 7);
  /* 0 is a value here, not "unset". */
  g_assert_cmpint (options.latency_ms, ==, 0);
  g_assert_cmpint (options.size_bytes, ==, 0);
  g_assert_cmpuint (options.timeout_s, ==, 3);
  g_assert_true (options.untuned);
  g_assert_cmpuint (g_strv_length (options.urls), ==, 2);
  g_assert_cmpstr (options.urls[1], ==, "http://127.0.0.1:1/b");
}

static void
test_strategy (void)
{
  static const struct
  {
    JugglerWorkloadKind    kind;
    JugglerRunOptionsFlags flags;
    const char            *value;
    gboolean               valid;
  } cases[] = {
    { JUGGLER_WORKLOAD_CPU, 0, "cooperative", TRUE },
    { JUGGLER_WORKLOAD_CPU, 0, "async", FALSE },
    { JUGGLER_WORKLOAD_NET, 0, "cooperative", FALSE },
    { JUGGLER_WORKLOAD_NET, 0, "global-lock", FALSE },
    { JUGGLER_WORKLOAD_NET, 0, "blocking", TRUE },
    { JUGGLER_WORKLOAD_CPU, 0, "all", FALSE },
    { JUGGLER_WORKLOAD_CPU, JUGGLER_RUN_OPTIONS_STRATEGY_ALL, "all", TRUE },
    { JUGGLER_WORKLOAD_CPU, JUGGLER_RUN_OPTIONS_STRATEGY_ALL, "nope", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(JugglerRunOptions) options;
      g_autoptr(GError) error = NULL;
      gboolean valid;

      juggler_run_options_init (&options, cases[i].kind, cases[i].flags);
      valid = juggler_run_options_set (&options, "strategy", cases[i].value, &error);
      g_assert_cmpint (valid, ==, cases[i].valid);
      if (!valid)
        assert_usage_error (error, "--strategy");
      else if (g_str_equal (cases[i].value, "all"))
        g_assert_true (options.all_strategies);
      else
        g_assert_cmpstr (juggler_strategy_to_string (options.strategy), ==, cases[i].value);
    }
}

/* Every number option takes exactly its range, and an error names it. */
static void
test_limits (void)
{
  static const struct
  {
    JugglerWorkloadKind kind;
    const char         *name;
    guint               min;
    guint               max;
  } limits[] = {
    { JUGGLER_WORKLOAD_CPU, "workers", JUGGLER_WORKERS_MIN, JUGGLER_WORKERS_MAX },
    { JUGGLER_WORKLOAD_CPU, "switch-every", JUGGLER_SWITCH_EVERY_MS_MIN, JUGGLER_SWITCH_EVERY_MS_MAX },
    { JUGGLER_WORKLOAD_CPU, "tile", JUGGLER_TILE_MIN, JUGGLER_TILE_MAX },
    { JUGGLER_WORKLOAD_CPU, "iterations", JUGGLER_ITERATIONS_MIN, JUGGLER_ITERATIONS_MAX },
    { JUGGLER_WORKLOAD_NET, "workers", JUGGLER_WORKERS_MIN, JUGGLER_WORKERS_MAX },
    { JUGGLER_WORKLOAD_NET, "requests", JUGGLER_REQUESTS_MIN, JUGGLER_REQUESTS_MAX },
    { JUGGLER_WORKLOAD_NET, "concurrency", JUGGLER_CONCURRENCY_MIN, JUGGLER_CONCURRENCY_MAX },
    { JUGGLER_WORKLOAD_NET, "latency-ms", JUGGLER_LATENCY_MS_MIN, JUGGLER_LATENCY_MS_MAX },
    { JUGGLER_WORKLOAD_NET, "size", JUGGLER_RESPONSE_SIZE_MIN, JUGGLER_RESPONSE_SIZE_MAX },
    { JUGGLER_WORKLOAD_NET, "timeout-s", JUGGLER_TIMEOUT_S_MIN, JUGGLER_TIMEOUT_S_MAX },
  };

  for (guint i = 0; i < G_N_ELEMENTS (limits); i++)
    {
      g_auto(JugglerRunOptions) options;
      g_autofree char *option = g_strconcat ("--", limits[i].name, NULL);
      g_autofree char *min = g_strdup_printf ("%u", limits[i].min);
      g_autofree char *max = g_strdup_printf ("%u", limits[i].max);
      g_autofree char *above = g_strdup_printf ("%" G_GUINT64_FORMAT, (guint64) limits[i].max + 1);
      g_autofree char *below = limits[i].min > 0 ? g_strdup_printf ("%u", limits[i].min - 1)
                                                 : g_strdup ("-1");
      const char *bad[] = { above, below, "", "12abc", "0x10" };

      g_test_message ("%s %s", juggler_workload_kind_to_string (limits[i].kind), option);
      juggler_run_options_init (&options, limits[i].kind, 0);
      g_assert_true (juggler_run_options_set (&options, limits[i].name, min, NULL));
      g_assert_true (juggler_run_options_set (&options, limits[i].name, max, NULL));

      for (guint j = 0; j < G_N_ELEMENTS (bad); j++)
        {
          g_autoptr(GError) error = NULL;

          g_assert_false (juggler_run_options_set (&options, limits[i].name, bad[j], &error));
          assert_usage_error (error, option);
        }
    }
}

static void
test_image_size (void)
{
  static const char *bad[] = { "12", "12x", "x12", "0x10", "10x0", "65537x2", "axb", "1x2x3" };
  g_auto(JugglerRunOptions) options;
  g_autoptr(GError) error = NULL;
  g_autofree char *largest = g_strdup_printf ("%ux1", JUGGLER_IMAGE_SIDE_MAX);

  juggler_run_options_init (&options, JUGGLER_WORKLOAD_CPU, 0);
  g_assert_true (juggler_run_options_set (&options, "size", largest, NULL));
  g_assert_cmpuint (options.width, ==, JUGGLER_IMAGE_SIDE_MAX);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_clear_error (&error);
      g_assert_false (juggler_run_options_set (&options, "size", bad[i], &error));
      assert_usage_error (error, "--size");
    }

  /* Each side within its range, but too many pixels together: validate() says so. */
  g_clear_error (&error);
  juggler_run_options_init (&options, JUGGLER_WORKLOAD_CPU, 0);
  g_assert_false (parse (&options, &error, "--size=65535x65535", NULL));
  assert_usage_error (error, "--size");
}

static void
test_bad_values (void)
{
  static const struct
  {
    JugglerWorkloadKind kind;
    const char         *arg;
    const char         *option;
  } cases[] = {
    { JUGGLER_WORKLOAD_CPU, "--progress=sometimes", "--progress" },
    { JUGGLER_WORKLOAD_NET, "--url=notaurl", "--url" },
    { JUGGLER_WORKLOAD_NET, "--url=ftp://example.org/", "--url" },
    { JUGGLER_WORKLOAD_NET, "--size=12x12", "--size" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(JugglerRunOptions) options;
      g_autoptr(GError) error = NULL;

      juggler_run_options_init (&options, cases[i].kind, 0);
      g_assert_false (parse (&options, &error, cases[i].arg, NULL));
      assert_usage_error (error, cases[i].option);
    }
}

/* The window's --run-scenario path: no callbacks, numbers as strings in a dict. */
static void
test_dict (void)
{
  g_autoptr(GVariantDict) dict = g_variant_dict_new (NULL);
  g_auto(JugglerRunOptions) cpu;
  g_auto(JugglerRunOptions) net;
  const GOptionEntry *entries = juggler_run_options_get_dict_entries ();
  gboolean any = FALSE;
  guint n_size = 0;

  for (guint i = 0; entries[i].long_name != NULL; i++)
    {
      g_assert_null (entries[i].arg_data);
      g_assert_true (entries[i].arg == G_OPTION_ARG_STRING || entries[i].arg == G_OPTION_ARG_NONE);
      n_size += g_str_equal (entries[i].long_name, "size");
    }
  g_assert_cmpuint (n_size, ==, 1);

  juggler_run_options_init (&cpu, JUGGLER_WORKLOAD_CPU, 0);
  g_assert_true (juggler_run_options_set_from_dict (&cpu, dict, &any, NULL));
  g_assert_false (any);

  g_variant_dict_insert (dict, "size", "s", "640x480");
  g_variant_dict_insert (dict, "workers", "s", "5");
  g_variant_dict_insert (dict, "no-nice", "b", TRUE);
  g_assert_true (juggler_run_options_set_from_dict (&cpu, dict, &any, NULL));
  g_assert_true (any);
  g_assert_cmpuint (cpu.width, ==, 640);
  g_assert_cmpuint (cpu.workers, ==, 5);
  g_assert_cmpint (cpu.nice, ==, FALSE);

  /* The same --size means bytes for a network run. */
  g_variant_dict_insert (dict, "size", "s", "2000");
  juggler_run_options_init (&net, JUGGLER_WORKLOAD_NET, 0);
  g_assert_true (juggler_run_options_set_from_dict (&net, dict, &any, NULL));
  g_assert_cmpint (net.size_bytes, ==, 2000);
  g_assert_cmpuint (net.width, ==, 0);
}

static void
test_apply (void)
{
  g_autoptr(JugglerMandelbrot) mandelbrot = juggler_mandelbrot_new (16, 16, 8, 10, NULL, NULL);
  g_autoptr(JugglerRun) run = juggler_run_new (JUGGLER_WORKLOAD (mandelbrot),
                                               JUGGLER_STRATEGY_THREADS, 1);
  g_auto(JugglerRunOptions) options;

  juggler_run_options_init (&options, JUGGLER_WORKLOAD_CPU, 0);
  juggler_run_options_apply (&options, run);
  g_assert_cmpuint (juggler_run_get_n_workers (run), ==, 1);
  g_assert_true (juggler_run_get_nice (run));
  g_assert_true (juggler_run_get_tune_connections (run));

  options.workers = 4;
  options.nice = FALSE;
  options.concurrency = 9;
  options.untuned = TRUE;
  juggler_run_options_apply (&options, run);
  g_assert_cmpuint (juggler_run_get_n_workers (run), ==, 4);
  g_assert_false (juggler_run_get_nice (run));
  g_assert_cmpuint (juggler_run_get_concurrency (run), ==, 9);
  g_assert_false (juggler_run_get_tune_connections (run));
}

/* The settings schema offers what the options accept, no more and no less. */
static void
test_schema_ranges (void)
{
  static const struct
  {
    const char *key;
    guint       min;
    guint       max;
  } ranges[] = {
    /* 0 is "one per processor" in the settings. */
    { "workers", 0, JUGGLER_WORKERS_MAX },
    { "image-width", JUGGLER_IMAGE_SIDE_MIN, JUGGLER_IMAGE_SIDE_MAX },
    { "image-height", JUGGLER_IMAGE_SIDE_MIN, JUGGLER_IMAGE_SIDE_MAX },
    { "tile-size", JUGGLER_TILE_MIN, JUGGLER_TILE_MAX },
    { "iterations", JUGGLER_ITERATIONS_MIN, JUGGLER_ITERATIONS_MAX },
    { "net-requests", JUGGLER_REQUESTS_MIN, JUGGLER_REQUESTS_MAX },
    { "net-concurrency", JUGGLER_CONCURRENCY_MIN, JUGGLER_CONCURRENCY_MAX },
    { "net-workers", JUGGLER_WORKERS_MIN, JUGGLER_WORKERS_MAX },
    { "net-latency-ms", JUGGLER_LATENCY_MS_MIN, JUGGLER_LATENCY_MS_MAX },
    { "net-size", JUGGLER_RESPONSE_SIZE_MIN, JUGGLER_RESPONSE_SIZE_MAX },
    { "net-timeout-s", JUGGLER_TIMEOUT_S_MIN, JUGGLER_TIMEOUT_S_MAX },
  };
  static const struct
  {
    const char *key;
    GType       (*get_type) (void);
  } enums[] = {
    { "strategy", juggler_strategy_get_type },
    { "net-strategy", juggler_strategy_get_type },
    { "progress-mode", juggler_progress_mode_get_type },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettingsSchemaSource) source =
    g_settings_schema_source_new_from_directory (JUGGLER_SCHEMA_DIR, NULL, TRUE, &error);
  g_autoptr(GSettingsSchema) schema = NULL;

  g_assert_no_error (error);
  schema = g_settings_schema_source_lookup (source, "io.github.juggler.Juggler", FALSE);
  g_assert_nonnull (schema);

  for (guint i = 0; i < G_N_ELEMENTS (ranges); i++)
    {
      g_autoptr(GSettingsSchemaKey) key = g_settings_schema_get_key (schema, ranges[i].key);
      g_autoptr(GVariant) range = g_settings_schema_key_get_range (key);
      const char *type;
      g_autoptr(GVariant) limits = NULL;
      guint32 min, max;

      g_test_message ("%s", ranges[i].key);
      g_variant_get (range, "(&sv)", &type, &limits);
      g_assert_cmpstr (type, ==, "range");
      g_variant_get (limits, "(uu)", &min, &max);
      g_assert_cmpuint (min, ==, ranges[i].min);
      g_assert_cmpuint (max, ==, ranges[i].max);
    }

  for (guint i = 0; i < G_N_ELEMENTS (enums); i++)
    {
      g_autoptr(GSettingsSchemaKey) key = g_settings_schema_get_key (schema, enums[i].key);
      g_autoptr(GVariant) range = g_settings_schema_key_get_range (key);
      g_autoptr(GEnumClass) klass = g_type_class_ref (enums[i].get_type ());
      g_autoptr(GVariant) nicks = NULL;
      const char *type;

      g_test_message ("%s", enums[i].key);
      g_variant_get (range, "(&sv)", &type, &nicks);
      g_assert_cmpstr (type, ==, "enum");
      g_assert_cmpuint (g_variant_n_children (nicks), ==, klass->n_values);
      for (guint j = 0; j < klass->n_values; j++)
        {
          const char *nick;

          g_variant_get_child (nicks, j, "&s", &nick);
          g_assert_cmpstr (nick, ==, klass->values[j].value_nick);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/run-options/defaults-unset", test_defaults_unset);
  g_test_add_func ("/core/run-options/cpu", test_cpu);
  g_test_add_func ("/core/run-options/net", test_net);
  g_test_add_func ("/core/run-options/strategy", test_strategy);
  g_test_add_func ("/core/run-options/limits", test_limits);
  g_test_add_func ("/core/run-options/image-size", test_image_size);
  g_test_add_func ("/core/run-options/bad-values", test_bad_values);
  g_test_add_func ("/core/run-options/dict", test_dict);
  g_test_add_func ("/core/run-options/apply", test_apply);
  g_test_add_func ("/core/run-options/schema-ranges", test_schema_ranges);

  return g_test_run ();
}
