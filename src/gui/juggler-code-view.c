/* juggler-code-view.c: the essential C behind a strategy, and the stalls found on its way
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The snippets are the files in src/gui/snippets/, compiled by the build against the real
 * headers (so they cannot rot) and shown from resources, read-only, highlighted as C in the
 * style scheme that matches the light or dark style.
 *
 * The GtkSourceView, its buffer, the C language definition and the style schemes are made when
 * the view is first shown (or its buffer asked for): loading them took a tenth of the window's
 * startup, and the view sits in a collapsed "Show Code" expander until someone opens it. Even
 * the library is loaded only then (juggler-sourceview.c).
 */
#define G_LOG_DOMAIN "juggler-code-view"

#include "config.h"

#include "juggler-code-view.h"

#include "juggler-enums.h"
#include "juggler-sourceview.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#define SNIPPET_PATH "/io/github/juggler/Juggler/snippets/"

typedef struct
{
  const char *file;          /* in src/gui/snippets/ and under SNIPPET_PATH */
  const char *title;         /* N_() */
  const char *note;          /* N_(), or NULL: the page explains the strategy */
  const char *source_file;   /* what does the same for real */
} Snippet;

enum
{
  SNIPPET_THREADS,
  SNIPPET_SHARED_POOL,
  SNIPPET_THREAD_PER_JOB,
  SNIPPET_COOPERATIVE,
  SNIPPET_BLOCKING,
  SNIPPET_GLOBAL_LOCK,
  SNIPPET_SOUP_SEND,
  SNIPPET_STALL_TASK_RETURN,
  SNIPPET_STALL_SCHED_YIELD,
  SNIPPET_STALL_FD_TABLE,
  SNIPPET_STALL_PROXY,
  N_SNIPPETS
};

static const Snippet snippets[N_SNIPPETS] = {
  [SNIPPET_THREADS] = { "threads.c", N_("A Pool’s Queue and Wakeup"), NULL,
                        "src/core/juggler-pool-executor.c" },
  [SNIPPET_SHARED_POOL] = { "shared-pool.c", N_("GTask Run in a Thread"), NULL,
                            "src/core/juggler-shared-pool-executor.c" },
  [SNIPPET_THREAD_PER_JOB] = { "thread-per-job.c", N_("A New Thread per Job"), NULL,
                               "src/core/juggler-thread-executor.c" },
  [SNIPPET_COOPERATIVE] = { "cooperative.c", N_("An Idle Slice with a Deadline"), NULL,
                            "src/core/juggler-main-executor.c" },
  [SNIPPET_BLOCKING] = { "blocking.c", N_("A Blocking Callback"), NULL,
                         "src/core/juggler-main-executor.c" },
  [SNIPPET_GLOBAL_LOCK] = { "global-lock.c", N_("The Global Lock’s Hand-Off"), NULL,
                            "src/core/juggler-global-lock.c" },
  [SNIPPET_SOUP_SEND] = { "soup-send.c", N_("Sending Async against Blocking"), NULL,
                          "src/core/juggler-http-request.c" },
  [SNIPPET_STALL_TASK_RETURN] = {
    "stall-task-return.c", N_("Stall: a Worker Returning a GTask"),
    N_("A worker that returns a GTask wakes the UI thread while holding its lock: with more "
       "busy threads than cores, the UI thread then waits 3–5 ms for that worker."),
    "src/core/juggler-pool-executor.c" },
  [SNIPPET_STALL_SCHED_YIELD] = {
    "stall-sched-yield.c", N_("Stall: No Core for a Woken Thread"),
    N_("With every core busy, a woken UI thread waited for the next scheduler tick (4 ms). "
       "Workers offer their core between 1 ms slices."),
    "src/core/juggler-pool-executor.c" },
  [SNIPPET_STALL_FD_TABLE] = {
    "stall-fd-table.c", N_("Stall: the Descriptor Table Growing"),
    N_("Growing a threaded process’s descriptor table sleeps 10–20 ms inside connect(). "
       "Juggler grows it once at startup."),
    "src/core/juggler-fd-limit.c" },
  [SNIPPET_STALL_PROXY] = {
    "stall-proxy.c", N_("Stall: Proxy Lookups for Loopback"),
    N_("Every libsoup connection asks the proxy resolver first, in a helper thread. Loopback "
       "is never proxied: skipping the lookup saves a third of the CPU time."),
    "src/core/juggler-http-session.c" },
};

#define MAX_SHOWN 5

enum
{
  PROP_0,
  PROP_STRATEGY,
  PROP_KIND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

struct _JugglerCodeView
{
  GtkWidget      parent_instance;

  GtkWidget     *box;
  GtkDropDown   *chooser;
  GtkStringList *titles;
  GtkLabel      *note_label;
  GtkLabel      *source_label;
  GtkScrolledWindow *scroller;
  GtkWidget     *view;            /* a GtkSourceView; NULL until ensure_view() */

  JugglerStrategy      strategy;
  JugglerWorkloadKind  kind;
  GtkTextBuffer       *buffer;    /* a GtkSourceBuffer, from juggler_sourceview_new_buffer() */
  gboolean             stale;      /* the strategy changed while unmapped */
  guint            shown[MAX_SHOWN];  /* indices into snippets[] */
  guint            n_shown;
};

G_DEFINE_FINAL_TYPE (JugglerCodeView, juggler_code_view, GTK_TYPE_WIDGET)

static void update_snippets (JugglerCodeView *self);
static void ensure_view (JugglerCodeView *self);

static void
update_style_scheme (JugglerCodeView *self)
{
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());

  juggler_sourceview_set_style_scheme (self->buffer, dark ? "Adwaita-dark" : "Adwaita");
}

static void
dark_changed_cb (JugglerCodeView *self)
{
  update_style_scheme (self);
}

static void
show_snippet (JugglerCodeView *self,
              guint            position)
{
  const Snippet *snippet;
  g_autofree char *path = NULL;
  g_autofree char *source = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  if (position >= self->n_shown)
    return;
  snippet = &snippets[self->shown[position]];

  /* Without a buffer yet, ensure_view() shows the snippet selected. */
  if (self->buffer != NULL)
    {
      path = g_strconcat (SNIPPET_PATH, snippet->file, NULL);
      bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
      /* The snippets are compiled into the binary: missing one is a build bug. */
      if (bytes == NULL)
        g_error ("No snippet %s: %s", path, error->message);

      gtk_text_buffer_set_text (self->buffer,
                                g_bytes_get_data (bytes, NULL), (int) g_bytes_get_size (bytes));
    }

  gtk_widget_set_visible (GTK_WIDGET (self->note_label), snippet->note != NULL);
  gtk_label_set_label (self->note_label, snippet->note != NULL ? _(snippet->note) : "");
  /* Translators: %s is a source file's path, such as src/core/juggler-pool-executor.c */
  source = g_strdup_printf (_("Juggler does this in %s"), snippet->source_file);
  gtk_label_set_label (self->source_label, source);
}

static void
selected_changed_cb (JugglerCodeView *self)
{
  show_snippet (self, gtk_drop_down_get_selected (self->chooser));
}

static void
copy_clicked_cb (JugglerCodeView *self)
{
  GtkTextBuffer *buffer = self->buffer;
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
}

static void
juggler_code_view_map (GtkWidget *widget)
{
  JugglerCodeView *self = JUGGLER_CODE_VIEW (widget);

  /* Before chaining up, which maps the new view with the rest. */
  ensure_view (self);
  if (self->stale)
    update_snippets (self);

  GTK_WIDGET_CLASS (juggler_code_view_parent_class)->map (widget);
}

static void
juggler_code_view_dispose (GObject *object)
{
  JugglerCodeView *self = JUGGLER_CODE_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), JUGGLER_TYPE_CODE_VIEW);
  g_clear_object (&self->buffer);

  G_OBJECT_CLASS (juggler_code_view_parent_class)->dispose (object);
}

static void
juggler_code_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  JugglerCodeView *self = JUGGLER_CODE_VIEW (object);

  switch (prop_id)
    {
    case PROP_STRATEGY:
      g_value_set_enum (value, self->strategy);
      break;
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
juggler_code_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  JugglerCodeView *self = JUGGLER_CODE_VIEW (object);

  switch (prop_id)
    {
    case PROP_STRATEGY:
      juggler_code_view_set_strategy (self, g_value_get_enum (value), self->kind);
      break;
    case PROP_KIND:
      juggler_code_view_set_strategy (self, self->strategy, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
juggler_code_view_class_init (JugglerCodeViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = juggler_code_view_dispose;
  object_class->get_property = juggler_code_view_get_property;
  object_class->set_property = juggler_code_view_set_property;
  widget_class->map = juggler_code_view_map;

  /* Bound to the page's strategy setting: g_settings_bind() maps enum keys by nick. */
  properties[PROP_STRATEGY] =
    g_param_spec_enum ("strategy", NULL, NULL, JUGGLER_TYPE_STRATEGY, JUGGLER_STRATEGY_THREADS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, JUGGLER_TYPE_WORKLOAD_KIND, JUGGLER_WORKLOAD_CPU,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/juggler/Juggler/juggler-code-view.ui");
  gtk_widget_class_bind_template_child (widget_class, JugglerCodeView, box);
  gtk_widget_class_bind_template_child (widget_class, JugglerCodeView, chooser);
  gtk_widget_class_bind_template_child (widget_class, JugglerCodeView, titles);
  gtk_widget_class_bind_template_child (widget_class, JugglerCodeView, note_label);
  gtk_widget_class_bind_template_child (widget_class, JugglerCodeView, source_label);
  gtk_widget_class_bind_template_child (widget_class, JugglerCodeView, scroller);
  gtk_widget_class_bind_template_callback (widget_class, copy_clicked_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "code-view");
}

static void
juggler_code_view_init (JugglerCodeView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (self->chooser, "notify::selected",
                           G_CALLBACK (selected_changed_cb), self, G_CONNECT_SWAPPED);

  self->n_shown = 0;
  update_snippets (self);
}

/* The code itself, highlighted: see the comment at the top. */
static void
ensure_view (JugglerCodeView *self)
{
  if (self->view != NULL)
    return;

  self->buffer = juggler_sourceview_new_buffer ("c");
  update_style_scheme (self);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (dark_changed_cb), self, G_CONNECT_SWAPPED);

  self->view = juggler_sourceview_new_view (self->buffer);
  g_object_set (self->view,
                "editable", FALSE,
                "cursor-visible", FALSE,
                "monospace", TRUE,
                "left-margin", 6,
                "top-margin", 6,
                "bottom-margin", 6,
                NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Code"),
                                  -1);
  gtk_scrolled_window_set_child (self->scroller, self->view);

  show_snippet (self, gtk_drop_down_get_selected (self->chooser));
}

GtkWidget *
juggler_code_view_new (void)
{
  return g_object_new (JUGGLER_TYPE_CODE_VIEW, NULL);
}

void
juggler_code_view_set_strategy (JugglerCodeView     *self,
                                JugglerStrategy      strategy,
                                JugglerWorkloadKind  kind)
{
  g_return_if_fail (JUGGLER_IS_CODE_VIEW (self));

  g_object_freeze_notify (G_OBJECT (self));
  if (self->strategy != strategy)
    {
      self->strategy = strategy;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STRATEGY]);
    }
  if (self->kind != kind)
    {
      self->kind = kind;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
    }
  /* A run can switch strategy every millisecond: only a shown view follows at once. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    update_snippets (self);
  else
    self->stale = TRUE;
  g_object_thaw_notify (G_OBJECT (self));
}

static void
update_snippets (JugglerCodeView *self)
{
  JugglerStrategy strategy = self->strategy;
  JugglerWorkloadKind kind = self->kind;

  self->stale = FALSE;
  guint shown[MAX_SHOWN];
  guint n_shown = 0;
  const char *titles[MAX_SHOWN + 1] = { NULL, };

  /* A network run on the UI thread, async or blocking, is about how it sends. */
  if (kind == JUGGLER_WORKLOAD_NET &&
      (strategy == JUGGLER_STRATEGY_ASYNC || strategy == JUGGLER_STRATEGY_BLOCKING))
    {
      shown[n_shown++] = SNIPPET_SOUP_SEND;
    }
  else
    {
      switch (strategy)
        {
        case JUGGLER_STRATEGY_THREADS:
          shown[n_shown++] = SNIPPET_THREADS;
          shown[n_shown++] = SNIPPET_STALL_TASK_RETURN;
          shown[n_shown++] = SNIPPET_STALL_SCHED_YIELD;
          break;
        case JUGGLER_STRATEGY_GLOBAL_LOCK:
          shown[n_shown++] = SNIPPET_GLOBAL_LOCK;
          shown[n_shown++] = SNIPPET_STALL_TASK_RETURN;
          break;
        case JUGGLER_STRATEGY_SHARED_POOL:
          shown[n_shown++] = SNIPPET_SHARED_POOL;
          shown[n_shown++] = SNIPPET_STALL_TASK_RETURN;
          break;
        case JUGGLER_STRATEGY_THREAD_PER_JOB:
          shown[n_shown++] = SNIPPET_THREAD_PER_JOB;
          break;
        case JUGGLER_STRATEGY_COOPERATIVE:
          shown[n_shown++] = SNIPPET_COOPERATIVE;
          break;
        case JUGGLER_STRATEGY_BLOCKING:
          shown[n_shown++] = SNIPPET_BLOCKING;
          break;
        case JUGGLER_STRATEGY_ASYNC:
        default:
          shown[n_shown++] = SNIPPET_SOUP_SEND;
          break;
        }
    }
  if (kind == JUGGLER_WORKLOAD_NET)
    {
      shown[n_shown++] = SNIPPET_STALL_FD_TABLE;
      shown[n_shown++] = SNIPPET_STALL_PROXY;
    }
  g_assert (n_shown <= MAX_SHOWN);

  if (n_shown == self->n_shown && memcmp (shown, self->shown, n_shown * sizeof (guint)) == 0)
    return;

  memcpy (self->shown, shown, sizeof shown);
  self->n_shown = n_shown;
  for (guint i = 0; i < n_shown; i++)
    titles[i] = _(snippets[shown[i]].title);

  g_signal_handlers_block_by_func (self->chooser, selected_changed_cb, self);
  gtk_string_list_splice (self->titles, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->titles)), titles);
  gtk_drop_down_set_selected (self->chooser, 0);
  g_signal_handlers_unblock_by_func (self->chooser, selected_changed_cb, self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->chooser), n_shown > 1);

  show_snippet (self, 0);
}

guint
juggler_code_view_get_n_snippets (JugglerCodeView *self)
{
  g_return_val_if_fail (JUGGLER_IS_CODE_VIEW (self), 0);

  if (self->stale)
    update_snippets (self);
  return self->n_shown;
}

void
juggler_code_view_select_snippet (JugglerCodeView *self,
                                  guint            position)
{
  g_return_if_fail (JUGGLER_IS_CODE_VIEW (self));
  g_return_if_fail (position < self->n_shown);

  gtk_drop_down_set_selected (self->chooser, position);
}

const char *
juggler_code_view_get_source_file (JugglerCodeView *self)
{
  g_return_val_if_fail (JUGGLER_IS_CODE_VIEW (self), NULL);

  return snippets[self->shown[gtk_drop_down_get_selected (self->chooser)]].source_file;
}

GtkSourceBuffer *
juggler_code_view_get_buffer (JugglerCodeView *self)
{
  g_return_val_if_fail (JUGGLER_IS_CODE_VIEW (self), NULL);

  ensure_view (self);
  if (self->stale)
    update_snippets (self);
  /* Without GtkSourceView the buffer is a plain GtkTextBuffer: no GtkSourceBuffer to give. */
  return juggler_sourceview_load () ? (GtkSourceBuffer *) self->buffer : NULL;
}
