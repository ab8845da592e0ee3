/* juggler-cpu-controls.c: the CPU page's sidebar: strategy, image, iterations and workers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-cpu-controls"

#include "config.h"

#include "juggler-cpu-controls.h"

#include <glib/gi18n.h>

#include "juggler-run.h"
#include "juggler-run-options.h"
#include "juggler-strategy-group.h"
#include "juggler-strategy-info.h"

/* The cost model's work units per second of one core, calibrated on the default workload
 * (3.6e8 units in about 1.5 s); replaced by what the last run measured. */
#define DEFAULT_UNITS_PER_S 2.4e8

struct _JugglerCpuControls
{
  JugglerControls      parent_instance;

  /* Template widgets */
  JugglerStrategyGroup *strategy_group;
  GtkLabel             *size_error_label;
  GtkSpinButton        *width_spin;
  GtkSpinButton        *height_spin;
  GtkSpinButton        *tile_spin;
  GtkSpinButton        *iterations_spin;
  GtkSpinButton        *workers_spin;

  GSettings            *settings;
  double               units_per_s;
};

G_DEFINE_FINAL_TYPE (JugglerCpuControls, juggler_cpu_controls, JUGGLER_TYPE_CONTROLS)

/* The order of the buttons, and of Ctrl+1, Ctrl+2... */
static const JugglerStrategy cpu_strategies[] = {
  JUGGLER_STRATEGY_THREADS, JUGGLER_STRATEGY_COOPERATIVE, JUGGLER_STRATEGY_BLOCKING,
  JUGGLER_STRATEGY_GLOBAL_LOCK, JUGGLER_STRATEGY_SHARED_POOL, JUGGLER_STRATEGY_THREAD_PER_JOB,
};

/* Says before Start what Start would refuse, and how long a blocking run would freeze. */
static void
update_estimate (JugglerCpuControls *self)
{
  guint64 pixels = (guint64) g_settings_get_uint (self->settings, "image-width") *
                   g_settings_get_uint (self->settings, "image-height");
  gboolean too_large = pixels > JUGGLER_MANDELBROT_MAX_PIXELS;
  g_autofree char *text = NULL;
  gboolean too_long = FALSE;

  if (too_large)
    {
      g_autofree char *error = NULL;

      /* Translators: both numbers are megapixels. */
      error = g_strdup_printf (_("Too large: %.0f megapixels, at most %u are allowed."),
                               pixels / (1024.0 * 1024.0),
                               JUGGLER_MANDELBROT_MAX_PIXELS / (1024 * 1024));
      gtk_label_set_label (self->size_error_label, error);
      juggler_strategy_group_set_estimate (self->strategy_group, error, TRUE);
    }
  else
    {
      text = juggler_strategy_info_format_freeze (juggler_cpu_controls_estimate_blocking_s (self),
                                                  _("the image size or iterations"), &too_long);
      juggler_strategy_group_set_estimate (self->strategy_group, text, too_long);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->size_error_label), too_large);
  juggler_controls_set_can_start (JUGGLER_CONTROLS (self), !too_large);
}

static void
settings_changed_cb (GSettings          *settings,
                     const char         *key,
                     JugglerCpuControls *self)
{
  if (g_str_equal (key, "image-width") || g_str_equal (key, "image-height") ||
      g_str_equal (key, "iterations"))
    update_estimate (self);
}

static gboolean
workers_get_mapping (GValue   *value,
                     GVariant *variant,
                     gpointer  user_data)
{
  guint workers = g_variant_get_uint32 (variant);

  /* 0 is "one per processor", so a new machine gets a sensible default. */
  g_value_set_double (value, workers == 0 ? g_get_num_processors () : workers);
  return TRUE;
}

static GVariant *
workers_set_mapping (const GValue       *value,
                     const GVariantType *expected_type,
                     gpointer            user_data)
{
  return g_variant_new_uint32 ((guint) g_value_get_double (value));
}

static void
juggler_cpu_controls_dispose (GObject *object)
{
  JugglerCpuControls *self = (JugglerCpuControls *) object;

  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), JUGGLER_TYPE_CPU_CONTROLS);

  G_OBJECT_CLASS (juggler_cpu_controls_parent_class)->dispose (object);
}

static void
juggler_cpu_controls_class_init (JugglerCpuControlsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = juggler_cpu_controls_dispose;

  g_type_ensure (JUGGLER_TYPE_STRATEGY_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/juggler/Juggler/juggler-cpu-controls.ui");
  gtk_widget_class_bind_template_child (widget_class, JugglerCpuControls, strategy_group);
  gtk_widget_class_bind_template_child (widget_class, JugglerCpuControls, size_error_label);
  gtk_widget_class_bind_template_child (widget_class, JugglerCpuControls, width_spin);
  gtk_widget_class_bind_template_child (widget_class, JugglerCpuControls, height_spin);
  gtk_widget_class_bind_template_child (widget_class, JugglerCpuControls, tile_spin);
  gtk_widget_class_bind_template_child (widget_class, JugglerCpuControls, iterations_spin);
  gtk_widget_class_bind_template_child (widget_class, JugglerCpuControls, workers_spin);
}

static void
juggler_cpu_controls_init (JugglerCpuControls *self)
{
  self->units_per_s = DEFAULT_UNITS_PER_S;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The ranges come from the one set of limits, not from the template, so they cannot drift
   * from what juggler-bench, --run-scenario and the settings schema accept. */
  gtk_spin_button_set_range (self->width_spin, JUGGLER_IMAGE_SIDE_MIN, JUGGLER_IMAGE_SIDE_MAX);
  gtk_spin_button_set_range (self->height_spin, JUGGLER_IMAGE_SIDE_MIN, JUGGLER_IMAGE_SIDE_MAX);
  gtk_spin_button_set_range (self->tile_spin, JUGGLER_TILE_MIN, JUGGLER_TILE_MAX);
  gtk_spin_button_set_range (self->iterations_spin, JUGGLER_ITERATIONS_MIN, JUGGLER_ITERATIONS_MAX);
  gtk_spin_button_set_range (self->workers_spin, JUGGLER_WORKERS_MIN, JUGGLER_WORKERS_MAX);

  juggler_strategy_group_setup (self->strategy_group, JUGGLER_WORKLOAD_CPU, cpu_strategies,
                                G_N_ELEMENTS (cpu_strategies), "win.strategy");
}

void
juggler_cpu_controls_set_settings (JugglerCpuControls *self,
                                   GSettings          *settings)
{
  g_return_if_fail (JUGGLER_IS_CPU_CONTROLS (self));
  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (self->settings == NULL);

  self->settings = g_object_ref (settings);

  juggler_strategy_group_set_settings (self->strategy_group, settings, "strategy");
  g_settings_bind (settings, "image-width", self->width_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "image-height", self->height_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "tile-size", self->tile_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "iterations", self->iterations_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (settings, "workers", self->workers_spin, "value",
                                G_SETTINGS_BIND_DEFAULT, workers_get_mapping, workers_set_mapping,
                                NULL, NULL);
  g_signal_connect_object (settings, "changed", G_CALLBACK (settings_changed_cb), self, 0);

  update_estimate (self);
}

JugglerMandelbrot *
juggler_cpu_controls_create_workload (JugglerCpuControls  *self,
                                      GError             **error)
{
  g_return_val_if_fail (JUGGLER_IS_CPU_CONTROLS (self), NULL);
  g_return_val_if_fail (self->settings != NULL, NULL);

  return juggler_mandelbrot_new (g_settings_get_uint (self->settings, "image-width"),
                                 g_settings_get_uint (self->settings, "image-height"),
                                 g_settings_get_uint (self->settings, "tile-size"),
                                 g_settings_get_uint (self->settings, "iterations"),
                                 NULL, error);
}

const JugglerStrategy *
juggler_cpu_controls_get_strategies (guint *n_strategies)
{
  *n_strategies = G_N_ELEMENTS (cpu_strategies);
  return cpu_strategies;
}

guint
juggler_cpu_controls_get_workers (JugglerCpuControls *self)
{
  guint workers;

  g_return_val_if_fail (JUGGLER_IS_CPU_CONTROLS (self), 1);

  workers = g_settings_get_uint (self->settings, "workers");
  if (workers == 0)
    workers = g_get_num_processors ();

  return CLAMP (workers, 1, JUGGLER_MAX_WORKERS);
}

double
juggler_cpu_controls_estimate_blocking_s (JugglerCpuControls *self)
{
  g_return_val_if_fail (JUGGLER_IS_CPU_CONTROLS (self), -1);

  if (self->settings == NULL)
    return -1;

  /* The image's own cost model, not the worst case: pixels that escape at once are cheap. */
  return juggler_mandelbrot_estimate_work (g_settings_get_uint (self->settings, "image-width"),
                                           g_settings_get_uint (self->settings, "image-height"),
                                           g_settings_get_uint (self->settings, "iterations"),
                                           NULL) / self->units_per_s;
}

void
juggler_cpu_controls_set_measured_speed (JugglerCpuControls *self,
                                         double              units_per_s)
{
  g_return_if_fail (JUGGLER_IS_CPU_CONTROLS (self));
  g_return_if_fail (units_per_s > 0);

  self->units_per_s = units_per_s;
  if (self->settings != NULL)
    update_estimate (self);
}
