/* test-widget-control-row.c: the control row lays out its labels beside its control as an action row does, and activates the control
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "juggler-control-row.h"
#include "juggler-test-widget.h"
#include "juggler-test-window.h"

#define LIST_W   300
#define SUBTITLE "Pixels per side; one tile is one job, as many as the image holds"

typedef struct
{
  GtkWidget *window;
  GtkWidget *list;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->window = gtk_window_new ();
  fixture->list = gtk_list_box_new ();
  gtk_widget_add_css_class (fixture->list, "boxed-list");
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), LIST_W, -1);
  gtk_window_set_child (GTK_WINDOW (fixture->window), fixture->list);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  juggler_test_flush ();
}

static JugglerControlRow *
add_row (Fixture    *fixture,
         const char *title,
         const char *subtitle,
         GtkWidget  *control)
{
  GtkWidget *row = juggler_control_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  juggler_control_row_set_subtitle (JUGGLER_CONTROL_ROW (row), subtitle);
  juggler_control_row_set_control (JUGGLER_CONTROL_ROW (row), control);
  juggler_control_row_set_activatable_widget (JUGGLER_CONTROL_ROW (row), control);
  gtk_list_box_append (GTK_LIST_BOX (fixture->list), row);

  return JUGGLER_CONTROL_ROW (row);
}

static GtkWidget *
find_label (GtkWidget  *widget,
            const char *css_class)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, css_class))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, css_class);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static graphene_rect_t
bounds_in (GtkWidget *widget,
           GtkWidget *target)
{
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (widget, target, &bounds));
  return bounds;
}

/* The control at its natural width at the end, the labels in the rest, the subtitle wrapped
 * under the title, all inside the row. */
static void
test_layout (Fixture       *fixture,
             gconstpointer  data)
{
  GtkWidget *spin = gtk_spin_button_new_with_range (8, 1024, 8);
  JugglerControlRow *row = add_row (fixture, "Tile Size", SUBTITLE, spin);
  GtkWidget *title = find_label (GTK_WIDGET (row), "title");
  GtkWidget *subtitle = find_label (GTK_WIDGET (row), "subtitle");
  graphene_rect_t title_bounds, subtitle_bounds, spin_bounds;
  int spin_nat, one_line;

  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  juggler_test_present (GTK_WINDOW (fixture->window));
  juggler_test_flush ();
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (row)), <=, LIST_W);

  g_assert_nonnull (title);
  g_assert_nonnull (subtitle);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (title)), ==, "Tile Size");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (subtitle)), ==, SUBTITLE);
  g_assert_true (gtk_widget_get_visible (subtitle));
  g_assert_true (juggler_control_row_get_control (row) == spin);

  title_bounds = bounds_in (title, GTK_WIDGET (row));
  subtitle_bounds = bounds_in (subtitle, GTK_WIDGET (row));
  spin_bounds = bounds_in (spin, GTK_WIDGET (row));
  gtk_widget_measure (spin, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &spin_nat, NULL, NULL);
  g_assert_cmpfloat (spin_bounds.size.width, ==, spin_nat);
  g_assert_cmpfloat (spin_bounds.origin.x + spin_bounds.size.width, <=, gtk_widget_get_width (GTK_WIDGET (row)));
  g_assert_cmpfloat (title_bounds.origin.x + title_bounds.size.width, <=, spin_bounds.origin.x);
  g_assert_cmpfloat (subtitle_bounds.origin.x + subtitle_bounds.size.width, <=, spin_bounds.origin.x);
  g_assert_cmpfloat (subtitle_bounds.origin.y, >=, title_bounds.origin.y + title_bounds.size.height);
  g_assert_cmpfloat (subtitle_bounds.origin.y + subtitle_bounds.size.height, <=,
                     gtk_widget_get_height (GTK_WIDGET (row)));

  /* Wrapped: taller than the subtitle's one line. */
  gtk_widget_measure (subtitle, GTK_ORIENTATION_VERTICAL, -1, &one_line, NULL, NULL, NULL);
  g_assert_cmpfloat (subtitle_bounds.size.height, >, 1.5 * one_line);

  /* The spin button centred beside the labels. */
  g_assert_cmpfloat (ABS ((spin_bounds.origin.y + spin_bounds.size.height / 2) -
                          gtk_widget_get_height (GTK_WIDGET (row)) / 2.0), <=, 1);

  /* No subtitle: none shown. */
  juggler_control_row_set_subtitle (row, "");
  g_assert_false (gtk_widget_get_visible (subtitle));
  juggler_control_row_set_subtitle (row, NULL);
  g_assert_cmpstr (juggler_control_row_get_subtitle (row), ==, "");

  /* The title label follows the row's title. */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), "Image Width");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (title)), ==, "Image Width");
}

/* Clicking the row activates its control, as an AdwActionRow's activatable widget: a spin
 * button takes the focus, a switch toggles. */
static void
test_activates_control (Fixture       *fixture,
                        gconstpointer  data)
{
  GtkWidget *spin = gtk_spin_button_new_with_range (1, 256, 1);
  GtkWidget *toggle = gtk_switch_new ();
  JugglerControlRow *spin_row = add_row (fixture, "Worker Threads", "", spin);
  JugglerControlRow *switch_row = add_row (fixture, "Raise Connection Limits", SUBTITLE, toggle);
  GtkWidget *focus;

  /* A switch toggles at the end of its animation: none here. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  juggler_test_present (GTK_WINDOW (fixture->window));

  g_assert_true (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (spin_row)));
  g_assert_true (juggler_control_row_get_activatable_widget (spin_row) == spin);
  g_signal_emit_by_name (fixture->list, "row-activated", spin_row);
  focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
  g_assert_nonnull (focus);
  g_assert_true (focus == spin || gtk_widget_is_ancestor (focus, spin));

  g_assert_false (gtk_switch_get_active (GTK_SWITCH (toggle)));
  g_signal_emit_by_name (fixture->list, "row-activated", switch_row);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (toggle)));

  /* Without an activatable widget, the row cannot be activated. */
  juggler_control_row_set_activatable_widget (switch_row, NULL);
  g_assert_false (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (switch_row)));
  g_signal_emit_by_name (fixture->list, "row-activated", switch_row);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (toggle)));

  /* Out of its list, the row no longer hears it. */
  juggler_control_row_set_activatable_widget (switch_row, toggle);
  g_object_ref (switch_row);
  gtk_list_box_remove (GTK_LIST_BOX (fixture->list), GTK_WIDGET (switch_row));
  g_signal_emit_by_name (fixture->list, "row-activated", switch_row);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (toggle)));
  g_assert_finalize_object (switch_row);
}

/* As the controls' templates use it: the control as the only child. */
static void
test_builder (void)
{
  static const char ui[] =
    "<interface>"
    "  <object class='JugglerControlRow' id='row'>"
    "    <property name='title'>Iterations</property>"
    "    <property name='subtitle'>Most work per pixel</property>"
    "    <property name='activatable-widget'>spin</property>"
    "    <child>"
    "      <object class='GtkSpinButton' id='spin'/>"
    "    </child>"
    "  </object>"
    "</interface>";
  g_autoptr(GtkBuilder) builder = NULL;
  g_autoptr(GError) error = NULL;
  JugglerControlRow *row;
  GObject *spin;

  g_type_ensure (JUGGLER_TYPE_CONTROL_ROW);
  builder = gtk_builder_new ();
  gtk_builder_add_from_string (builder, ui, -1, &error);
  g_assert_no_error (error);
  row = JUGGLER_CONTROL_ROW (gtk_builder_get_object (builder, "row"));
  spin = gtk_builder_get_object (builder, "spin");
  g_object_ref_sink (row);

  g_assert_true (juggler_control_row_get_control (row) == GTK_WIDGET (spin));
  g_assert_true (juggler_control_row_get_activatable_widget (row) == GTK_WIDGET (spin));
  g_assert_cmpstr (juggler_control_row_get_subtitle (row), ==, "Most work per pixel");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Iterations");

  g_clear_object (&builder);
  g_assert_finalize_object (row);
}

static void
test_notify (void)
{
  JugglerControlRow *row = g_object_ref_sink (JUGGLER_CONTROL_ROW (juggler_control_row_new ()));
  GtkWidget *spin = g_object_ref_sink (gtk_spin_button_new_with_range (0, 1, 1));
  g_auto(GValue) subtitle = G_VALUE_INIT;
  g_auto(GValue) widget = G_VALUE_INIT;

  g_value_init (&subtitle, G_TYPE_STRING);
  g_value_set_string (&subtitle, "Pixels");
  juggler_test_assert_notify_once (row, "subtitle", &subtitle);
  g_value_init (&widget, GTK_TYPE_WIDGET);
  g_value_set_object (&widget, spin);
  juggler_test_assert_notify_once (row, "activatable-widget", &widget);

  g_assert_finalize_object (row);
  g_object_unref (spin);
}

int
main (int   argc,
      char *argv[])
{
  if (!juggler_test_init_display (&argc, &argv))
    return g_test_run ();

  g_test_add ("/widget/control-row/layout", Fixture, NULL, fixture_set_up, test_layout,
              fixture_tear_down);
  g_test_add ("/widget/control-row/activates-control", Fixture, NULL, fixture_set_up,
              test_activates_control, fixture_tear_down);
  g_test_add_func ("/widget/control-row/builder", test_builder);
  g_test_add_func ("/widget/control-row/notify", test_notify);

  return g_test_run ();
}
