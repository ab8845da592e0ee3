/* juggler-palette.c: the colours and titles the widgets share: request states, outcomes, workers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-palette"

#include "config.h"

#include "juggler-palette.h"

#include <glib/gi18n.h>
#include <math.h>

static const GdkRGBA state_colors[JUGGLER_PALETTE_N_STATES] = {
  [JUGGLER_HTTP_STATE_QUEUED] = { 0.55f, 0.55f, 0.55f, 0.30f },
  [JUGGLER_HTTP_STATE_CONNECTING] = { 0.96f, 0.76f, 0.07f, 1.0f },   /* yellow 3 */
  [JUGGLER_HTTP_STATE_WAITING] = { 0.38f, 0.63f, 0.92f, 1.0f },      /* blue 2 */
  [JUGGLER_HTTP_STATE_RECEIVING] = { 0.57f, 0.25f, 0.67f, 1.0f },    /* purple 3 */
  [JUGGLER_HTTP_STATE_DONE] = { 0.20f, 0.82f, 0.48f, 1.0f },         /* green 3 */
  [JUGGLER_HTTP_STATE_FAILED] = { 0.88f, 0.11f, 0.14f, 1.0f },       /* red 3 */
};

void
juggler_palette_get_state_color (JugglerHttpState  state,
                                 GdkRGBA          *color)
{
  g_return_if_fail (state < JUGGLER_PALETTE_N_STATES);
  g_return_if_fail (color != NULL);

  *color = state_colors[state];
}

const char *
juggler_palette_get_state_title (JugglerHttpState state)
{
  switch (state)
    {
    case JUGGLER_HTTP_STATE_QUEUED:
      return _("Queued");
    case JUGGLER_HTTP_STATE_CONNECTING:
      return _("Connecting");
    case JUGGLER_HTTP_STATE_WAITING:
      return _("Waiting");
    case JUGGLER_HTTP_STATE_RECEIVING:
      return _("Receiving");
    case JUGGLER_HTTP_STATE_DONE:
      return _("Done");
    case JUGGLER_HTTP_STATE_FAILED:
      return _("Failed");
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
juggler_palette_get_outcome_title (JugglerHttpOutcome outcome)
{
  switch (outcome)
    {
    case JUGGLER_HTTP_OK:
      return NULL;
    case JUGGLER_HTTP_REFUSED:
      return _("Connection refused");
    case JUGGLER_HTTP_NOT_RESOLVED:
      return _("Host not found");
    case JUGGLER_HTTP_TIMEOUT:
      return _("Timed out");
    case JUGGLER_HTTP_STATUS:
      return _("HTTP error status");
    case JUGGLER_HTTP_TRUNCATED:
      return _("Truncated");
    case JUGGLER_HTTP_TLS:
      return _("TLS error");
    case JUGGLER_HTTP_INVALID_URL:
      return _("Invalid URL");
    case JUGGLER_HTTP_MALFORMED:
      return _("Malformed response");
    case JUGGLER_HTTP_OTHER:
      return _("Other error");
    default:
      g_return_val_if_reached (NULL);
    }
}

/* Hand-picked for the first workers: saturated, and none blue, since the Mandelbrot image is
 * mostly blue and a blue outline vanishes on it. Red is the UI thread's alone. */
static const GdkRGBA worker_colors[] = {
  { 0.88f, 0.11f, 0.14f, 1.0f },   /* red 3: the UI thread */
  { 0.20f, 0.82f, 0.48f, 1.0f },   /* green 3 */
  { 1.00f, 0.47f, 0.00f, 1.0f },   /* orange 3 */
  { 0.75f, 0.38f, 0.80f, 1.0f },   /* purple 2 */
  { 0.96f, 0.83f, 0.18f, 1.0f },   /* yellow 3 */
  { 0.00f, 0.85f, 0.85f, 1.0f },   /* cyan */
  { 1.00f, 0.40f, 0.70f, 1.0f },   /* pink */
  { 0.60f, 0.90f, 0.20f, 1.0f },   /* lime */
  { 0.62f, 0.42f, 0.26f, 1.0f },   /* brown 2 */
  { 0.51f, 0.24f, 0.61f, 1.0f },   /* purple 4 */
};

/* Beyond the table, hues step round a circle without the blues by its golden section, so no
 * hue comes back, while three saturation and brightness levels take turns. */
static void
generated_worker_color (guint    worker,
                        GdkRGBA *color)
{
  static const float saturation[] = { 0.9f, 0.4f, 0.9f };
  static const float value[] = { 1.0f, 1.0f, 0.6f };
  guint k = worker - G_N_ELEMENTS (worker_colors);
  /* 300 degrees of hue without 195–255, the blues. */
  double hue = fmod (15.0 + k * 300.0 * 0.38196601125, 300.0);
  float r, g, b;

  if (hue >= 195.0)
    hue += 60.0;

  gtk_hsv_to_rgb ((float) (hue / 360.0), saturation[k % 3], value[k % 3], &r, &g, &b);
  color->red = r;
  color->green = g;
  color->blue = b;
  color->alpha = 1.0f;
}

void
juggler_palette_get_worker_color (guint    worker,
                                  GdkRGBA *color)
{
  g_return_if_fail (color != NULL);

  if (worker < G_N_ELEMENTS (worker_colors))
    *color = worker_colors[worker];
  else
    generated_worker_color (worker, color);
}

char *
juggler_palette_dup_worker_title (guint worker)
{
  if (worker == 0)
    return g_strdup (_("UI thread"));

  return g_strdup_printf (_("Worker %u"), worker);
}
