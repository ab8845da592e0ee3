/* juggler-canvas.c: the Mandelbrot image, filled tile by tile and tinted by worker, with a legend
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-canvas"

#include "config.h"

#include "juggler-canvas.h"

#include <glib/gi18n.h>
#include <math.h>

#include "juggler-legend.h"
#include "juggler-palette.h"
#include "juggler-types.h"

#define NO_WORKER          G_MAXUINT16
/* Beyond this many entries a legend stops helping; the rest are counted. */
#define MAX_LEGEND_ENTRIES 16
/* Strategies told apart by their outlines; more than this share the last one. */
#define N_STRATEGY_DASHES  4

struct _JugglerCanvas
{
  GtkWidget          parent_instance;

  GtkWidget         *area;
  GtkWidget         *legend;

  JugglerMandelbrot *mandelbrot;
  cairo_surface_t   *pixels;         /* wraps the core's buffer */
  guint16           *tile_workers;   /* per tile: worker that computed it, or NO_WORKER */
  guint8            *tile_strategies; /* per tile: index into strategy_titles */
  GPtrArray         *strategy_titles; /* of the strategies of this image, in order */
  GByteArray        *strategy_used;  /* per strategy_titles entry: computed a tile */
  guint              strategy;       /* the index tiles merged from now on get */
  guint              n_tiles;
  gboolean           seen[JUGGLER_MAX_WORKERS + 1];
  /* What the legend shows: the workers past its last entry are only counted. */
  guint              legend_last_worker;
  guint              legend_hidden;
  /* Looked up in the palette once per worker seen, not once per tile. */
  GdkRGBA            worker_colors[JUGGLER_MAX_WORKERS + 1];
  gboolean           show_workers;

  /* What the area shows, at device pixels: each tile is scaled, tinted and outlined into it
   * once, so a frame only copies it. NULL when it has to be drawn afresh. */
  cairo_surface_t   *cache;
  int                cache_scale;
  GArray            *pending;        /* guint tile indices not yet drawn into the cache */
};

enum {
  PROP_0,
  PROP_SHOW_WORKERS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (JugglerCanvas, juggler_canvas, GTK_TYPE_WIDGET)

/* The outline of the first strategy of a run is solid, then dashed, dotted, dash-dotted. */
static const struct
{
  double dashes[4];
  guint  n_dashes;
} strategy_dashes[N_STRATEGY_DASHES] = {
  { { 0 }, 0 },
  { { 6, 3 }, 2 },
  { { 1.5, 2.5 }, 2 },
  { { 7, 3, 1.5, 3 }, 4 },
};

static guint
get_dash_index (guint strategy)
{
  return MIN (strategy, N_STRATEGY_DASHES - 1);
}

/* Wraps the core's buffer without a copy; the canvas keeps the workload alive. The core
 * writes it only on this thread (job_merge), before it reports the job done, so a tile's
 * pixels are complete when they are drawn into the cache. The wrapper only ever is a source
 * for the cache, never for the renderer's recording surfaces, so marking it dirty is
 * allowed. */
static void
wrap_pixels (JugglerCanvas *self)
{
  guint width = juggler_mandelbrot_get_width (self->mandelbrot);
  unsigned char *data = (unsigned char *) juggler_mandelbrot_get_pixels (self->mandelbrot);

  g_clear_pointer (&self->pixels, cairo_surface_destroy);
  self->pixels =
    cairo_image_surface_create_for_data (data,
                                         CAIRO_FORMAT_RGB24,
                                         width,
                                         juggler_mandelbrot_get_height (self->mandelbrot),
                                         width * 4);
}

static void
invalidate_cache (JugglerCanvas *self)
{
  g_clear_pointer (&self->cache, cairo_surface_destroy);
  g_array_set_size (self->pending, 0);
}

/* The image fitted into the cache and centred, in device pixels. */
static void
get_image_transform (JugglerCanvas *self,
                     double        *scale,
                     double        *off_x,
                     double        *off_y)
{
  guint img_w = juggler_mandelbrot_get_width (self->mandelbrot);
  guint img_h = juggler_mandelbrot_get_height (self->mandelbrot);
  int width = cairo_image_surface_get_width (self->cache);
  int height = cairo_image_surface_get_height (self->cache);

  *scale = MIN ((double) width / img_w, (double) height / img_h);
  *off_x = (width - img_w * *scale) / 2;
  *off_y = (height - img_h * *scale) / 2;
}

/* Tiles are drawn one at a time, so their edges are snapped to whole device pixels: an edge
 * pixel shared by two antialiased tiles would otherwise keep a trace of the placeholder. */
static void
get_device_rect (double                 scale,
                 double                 off_x,
                 double                 off_y,
                 guint                  x,
                 guint                  y,
                 guint                  w,
                 guint                  h,
                 cairo_rectangle_int_t *rect)
{
  rect->x = round (off_x + x * scale);
  rect->y = round (off_y + y * scale);
  rect->width = round (off_x + (x + w) * scale) - rect->x;
  rect->height = round (off_y + (y + h) * scale) - rect->y;
}

/* scale and the offsets are get_image_transform()'s, the same for every tile of a redraw. */
static void
draw_tile (JugglerCanvas *self,
           cairo_t       *cr,
           double         scale,
           double         off_x,
           double         off_y,
           guint          index)
{
  cairo_rectangle_int_t rect;
  const GdkRGBA *color;
  double line_width;
  int tile_px;
  guint x, y, w, h, dash;

  g_assert (self->tile_workers[index] != NO_WORKER);

  juggler_mandelbrot_get_tile_rect (self->mandelbrot, index, &x, &y, &w, &h);
  get_device_rect (scale, off_x, off_y, x, y, w, h, &rect);

  /* The source is locked to the image's space; the tile is filled in device pixels, which
   * cairo does without a clip mask. */
  cairo_translate (cr, off_x, off_y);
  cairo_scale (cr, scale, scale);
  cairo_set_source_surface (cr, self->pixels, 0, 0);
  cairo_identity_matrix (cr);
  /* Bilinear is as crisp as GOOD at these scales and cheaper; padding keeps the image's
   * own edge pixels opaque. */
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_BILINEAR);
  cairo_pattern_set_extend (cairo_get_source (cr), CAIRO_EXTEND_PAD);
  cairo_rectangle (cr, rect.x, rect.y, rect.width, rect.height);
  cairo_fill (cr);

  if (!self->show_workers)
    return;

  /* Small tiles get a thinner outline and a lighter tint, or the tint drowns the image. */
  tile_px = MIN (rect.width, rect.height);
  line_width = (tile_px >= 24 * self->cache_scale ? 1.5 : 1.0) * self->cache_scale;
  color = &self->worker_colors[self->tile_workers[index]];
  cairo_set_source_rgba (cr, color->red, color->green, color->blue,
                         tile_px >= 24 * self->cache_scale ? 0.12 : 0.06);
  cairo_rectangle (cr, rect.x, rect.y, rect.width, rect.height);
  cairo_fill (cr);
  if (tile_px < 4 * line_width)
    return;

  /* A dark hairline under the coloured outline keeps it readable on the light parts of the
   * image, the colour itself on the dark and blue parts. The dashes say which strategy
   * computed the tile, once a run has switched. */
  dash = get_dash_index (self->tile_strategies[index]);
  if (strategy_dashes[dash].n_dashes > 0)
    {
      double dashes[4];

      for (guint i = 0; i < strategy_dashes[dash].n_dashes; i++)
        dashes[i] = strategy_dashes[dash].dashes[i] * self->cache_scale;
      cairo_set_dash (cr, dashes, strategy_dashes[dash].n_dashes, 0);
    }
  cairo_set_line_width (cr, line_width + self->cache_scale);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.35);
  cairo_rectangle (cr, rect.x + line_width / 2, rect.y + line_width / 2,
                   rect.width - line_width, rect.height - line_width);
  cairo_stroke_preserve (cr);
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, 0.9);
  cairo_set_line_width (cr, line_width);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
}

/* Brings the cache up to date: afresh after a change of size, scale, image or tinting,
 * else only the tiles that arrived since the last frame. */
static void
update_cache (JugglerCanvas *self,
              int            width,
              int            height)
{
  int scale_factor = gtk_widget_get_scale_factor (self->area);
  double scale, off_x, off_y;
  gboolean afresh;
  cairo_t *cr;

  if (self->cache != NULL &&
      (self->cache_scale != scale_factor ||
       cairo_image_surface_get_width (self->cache) != width * scale_factor ||
       cairo_image_surface_get_height (self->cache) != height * scale_factor))
    invalidate_cache (self);

  if (self->cache != NULL && self->pending->len == 0)
    return;

  cairo_surface_mark_dirty (self->pixels);

  afresh = self->cache == NULL;
  if (afresh)
    {
      self->cache = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                width * scale_factor,
                                                height * scale_factor);
      self->cache_scale = scale_factor;
    }

  cr = cairo_create (self->cache);
  get_image_transform (self, &scale, &off_x, &off_y);

  if (afresh)
    {
      cairo_rectangle_int_t rect;

      /* Tiles still to come: a faint placeholder of the image's extent. */
      get_device_rect (scale, off_x, off_y,
                       0, 0,
                       juggler_mandelbrot_get_width (self->mandelbrot),
                       juggler_mandelbrot_get_height (self->mandelbrot),
                       &rect);
      cairo_set_source_rgba (cr, 0.5, 0.5, 0.5, 0.15);
      cairo_rectangle (cr, rect.x, rect.y, rect.width, rect.height);
      cairo_fill (cr);

      for (guint i = 0; i < self->n_tiles; i++)
        {
          if (self->tile_workers[i] != NO_WORKER)
            draw_tile (self, cr, scale, off_x, off_y, i);
        }
    }
  else
    {
      for (guint i = 0; i < self->pending->len; i++)
        draw_tile (self, cr, scale, off_x, off_y, g_array_index (self->pending, guint, i));
    }

  g_array_set_size (self->pending, 0);
  cairo_destroy (cr);
}

/* Before the first run the area would be empty: say what fills it. */
static void
draw_hint (JugglerCanvas *self,
           cairo_t       *cr,
           int            width,
           int            height)
{
  g_autoptr(PangoLayout) layout =
    gtk_widget_create_pango_layout (self->area, _("Press Start (Ctrl+Return) to compute the "
                                                  "image, tile by tile"));
  GdkRGBA color;
  int text_width, text_height;

  gtk_style_context_get_color (gtk_widget_get_style_context (self->area), &color);
  pango_layout_set_width (layout, (width - 24) * PANGO_SCALE);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_get_pixel_size (layout, &text_width, &text_height);

  cairo_set_source_rgba (cr, color.red, color.green, color.blue, color.alpha * 0.55);
  cairo_move_to (cr, 12, (height - text_height) / 2.0);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_cb (GtkDrawingArea *area,
         cairo_t        *cr,
         int             width,
         int             height,
         gpointer        user_data)
{
  JugglerCanvas *self = user_data;

  if (width <= 0 || height <= 0)
    return;

  if (self->mandelbrot == NULL)
    {
      draw_hint (self, cr, width, height);
      return;
    }

  update_cache (self, width, height);

  /* Pixel for pixel: no filtering, so a frame costs one copy of the area. */
  cairo_scale (cr, 1.0 / self->cache_scale, 1.0 / self->cache_scale);
  cairo_set_source_surface (cr, self->cache, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_NEAREST);
  cairo_paint (cr);
}

static guint
count_strategies_used (JugglerCanvas *self)
{
  guint n = 0;

  for (guint i = 0; i < self->strategy_used->len; i++)
    n += self->strategy_used->data[i];

  return n;
}

static char *
dup_more_workers (guint hidden)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "and %u more worker",
                                       "and %u more workers", hidden),
                          hidden);
}

static void
rebuild_legend (JugglerCanvas *self)
{
  JugglerLegend *legend = JUGGLER_LEGEND (self->legend);
  guint shown = 0, hidden = 0;

  juggler_legend_clear (legend);

  for (guint worker = 0; worker <= JUGGLER_MAX_WORKERS; worker++)
    {
      g_autofree char *title = NULL;

      if (!self->seen[worker])
        continue;

      if (shown++ >= MAX_LEGEND_ENTRIES)
        {
          hidden++;
          continue;
        }
      title = juggler_palette_dup_worker_title (worker);
      juggler_legend_append (legend, &self->worker_colors[worker], title);
      self->legend_last_worker = worker;
    }
  self->legend_hidden = hidden;

  if (hidden > 0)
    {
      g_autofree char *more = dup_more_workers (hidden);

      juggler_legend_append (legend, NULL, more);
    }

  if (shown == 0)
    {
      juggler_legend_append (legend, NULL, _("Each tile is tinted by the thread that computed it"));
      return;
    }

  /* After a switch: which outline is which strategy. */
  if (count_strategies_used (self) > 1)
    {
      static const GdkRGBA gray = { 0.55f, 0.55f, 0.55f, 1.0f };

      for (guint i = 0; i < MIN (self->strategy_titles->len, N_STRATEGY_DASHES); i++)
        {
          if (self->strategy_used->data[i])
            juggler_legend_append_outline (legend, &gray,
                                           strategy_dashes[i].dashes, strategy_dashes[i].n_dashes,
                                           g_ptr_array_index (self->strategy_titles, i));
        }
    }
}

static void
juggler_canvas_dispose (GObject *object)
{
  JugglerCanvas *self = (JugglerCanvas *) object;

  g_clear_pointer (&self->area, gtk_widget_unparent);
  g_clear_pointer (&self->legend, gtk_widget_unparent);
  g_clear_pointer (&self->cache, cairo_surface_destroy);
  g_clear_pointer (&self->pixels, cairo_surface_destroy);
  g_clear_object (&self->mandelbrot);
  g_clear_pointer (&self->tile_workers, g_free);
  g_clear_pointer (&self->tile_strategies, g_free);

  G_OBJECT_CLASS (juggler_canvas_parent_class)->dispose (object);
}

static void
juggler_canvas_finalize (GObject *object)
{
  JugglerCanvas *self = (JugglerCanvas *) object;

  g_clear_pointer (&self->pending, g_array_unref);
  g_clear_pointer (&self->strategy_titles, g_ptr_array_unref);
  g_clear_pointer (&self->strategy_used, g_byte_array_unref);

  G_OBJECT_CLASS (juggler_canvas_parent_class)->finalize (object);
}

static void
juggler_canvas_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  JugglerCanvas *self = JUGGLER_CANVAS (object);

  switch (prop_id)
    {
    case PROP_SHOW_WORKERS:
      g_value_set_boolean (value, self->show_workers);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
juggler_canvas_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  JugglerCanvas *self = JUGGLER_CANVAS (object);

  switch (prop_id)
    {
    case PROP_SHOW_WORKERS:
      juggler_canvas_set_show_workers (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
juggler_canvas_class_init (JugglerCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = juggler_canvas_dispose;
  object_class->finalize = juggler_canvas_finalize;
  object_class->get_property = juggler_canvas_get_property;
  object_class->set_property = juggler_canvas_set_property;

  properties[PROP_SHOW_WORKERS] =
    g_param_spec_boolean ("show-workers", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "canvas");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
}

static void
juggler_canvas_init (JugglerCanvas *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  self->show_workers = TRUE;
  self->pending = g_array_new (FALSE, FALSE, sizeof (guint));
  self->strategy_titles = g_ptr_array_new_with_free_func (g_free);
  self->strategy_used = g_byte_array_new ();

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 6);

  self->area = gtk_drawing_area_new ();
  gtk_widget_set_hexpand (self->area, TRUE);
  gtk_widget_set_vexpand (self->area, TRUE);
  gtk_widget_set_size_request (self->area, 240, 180);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->area), draw_cb, self, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->area),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Mandelbrot image"),
                                  -1);
  gtk_widget_set_parent (self->area, GTK_WIDGET (self));

  self->legend = juggler_legend_new ();
  gtk_widget_add_css_class (self->legend, "legend");
  gtk_widget_set_parent (self->legend, GTK_WIDGET (self));

  rebuild_legend (self);
}

GtkWidget *
juggler_canvas_new (void)
{
  return g_object_new (JUGGLER_TYPE_CANVAS, NULL);
}

JugglerMandelbrot *
juggler_canvas_get_mandelbrot (JugglerCanvas *self)
{
  g_return_val_if_fail (JUGGLER_IS_CANVAS (self), NULL);

  return self->mandelbrot;
}

void
juggler_canvas_set_mandelbrot (JugglerCanvas     *self,
                               JugglerMandelbrot *mandelbrot)
{
  g_return_if_fail (JUGGLER_IS_CANVAS (self));
  g_return_if_fail (mandelbrot == NULL || JUGGLER_IS_MANDELBROT (mandelbrot));

  invalidate_cache (self);
  g_clear_pointer (&self->pixels, cairo_surface_destroy);
  g_clear_pointer (&self->tile_workers, g_free);
  g_clear_pointer (&self->tile_strategies, g_free);
  g_set_object (&self->mandelbrot, mandelbrot);
  self->n_tiles = 0;
  memset (self->seen, 0, sizeof self->seen);
  /* A new image starts with the strategy set last, as the first of its run. */
  if (self->strategy_titles->len > 0)
    {
      g_ptr_array_remove_range (self->strategy_titles, 0, self->strategy);
      g_ptr_array_set_size (self->strategy_titles, 1);
    }
  g_byte_array_set_size (self->strategy_used, self->strategy_titles->len);
  if (self->strategy_used->len > 0)
    self->strategy_used->data[0] = FALSE;
  self->strategy = 0;

  if (mandelbrot != NULL)
    {
      wrap_pixels (self);
      self->n_tiles = juggler_workload_get_n_jobs (JUGGLER_WORKLOAD (mandelbrot));
      self->tile_workers = g_new (guint16, self->n_tiles);
      self->tile_strategies = g_new0 (guint8, self->n_tiles);
      for (guint i = 0; i < self->n_tiles; i++)
        self->tile_workers[i] = NO_WORKER;
    }

  rebuild_legend (self);
  gtk_widget_queue_draw (self->area);
}

void
juggler_canvas_tile_done (JugglerCanvas *self,
                          guint          index,
                          guint          worker)
{
  g_return_if_fail (JUGGLER_IS_CANVAS (self));
  g_return_if_fail (index < self->n_tiles);

  worker = MIN (worker, JUGGLER_MAX_WORKERS);
  self->tile_workers[index] = worker;
  self->tile_strategies[index] = MIN (self->strategy, G_MAXUINT8);
  if (self->strategy < self->strategy_used->len && !self->strategy_used->data[self->strategy])
    {
      self->strategy_used->data[self->strategy] = TRUE;
      rebuild_legend (self);
    }
  if (self->cache != NULL)
    g_array_append_val (self->pending, index);

  if (!self->seen[worker])
    {
      self->seen[worker] = TRUE;
      juggler_palette_get_worker_color (worker, &self->worker_colors[worker]);
      /* Past the last entry only the count of the rest changes. A thread per tile brings a
       * new worker with nearly every tile, and a legend rebuilt for each one kept the UI
       * thread busy for up to 37 ms at a stretch, the loop up to 145 ms late. */
      if (self->legend_hidden > 0 && worker > self->legend_last_worker)
        {
          g_autofree char *more = dup_more_workers (++self->legend_hidden);

          juggler_legend_set_text (JUGGLER_LEGEND (self->legend), MAX_LEGEND_ENTRIES, more);
        }
      else
        {
          rebuild_legend (self);
        }
    }

  /* Many tiles may land in one frame; GTK coalesces the redraws. */
  gtk_widget_queue_draw (self->area);
}

void
juggler_canvas_set_strategy_title (JugglerCanvas *self,
                                   const char    *title)
{
  g_return_if_fail (JUGGLER_IS_CANVAS (self));
  g_return_if_fail (title != NULL);

  for (guint i = 0; i < self->strategy_titles->len; i++)
    {
      if (g_str_equal (g_ptr_array_index (self->strategy_titles, i), title))
        {
          self->strategy = i;
          return;
        }
    }

  /* The legend lists only the strategies that computed tiles; this one has none yet. */
  g_ptr_array_add (self->strategy_titles, g_strdup (title));
  g_byte_array_append (self->strategy_used, (const guint8 *) "", 1);
  self->strategy = self->strategy_titles->len - 1;
}

gboolean
juggler_canvas_get_show_workers (JugglerCanvas *self)
{
  g_return_val_if_fail (JUGGLER_IS_CANVAS (self), FALSE);

  return self->show_workers;
}

void
juggler_canvas_set_show_workers (JugglerCanvas *self,
                                 gboolean       show_workers)
{
  g_return_if_fail (JUGGLER_IS_CANVAS (self));

  show_workers = !!show_workers;
  if (show_workers == self->show_workers)
    return;

  self->show_workers = show_workers;
  invalidate_cache (self);
  gtk_widget_queue_draw (self->area);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_WORKERS]);
}
