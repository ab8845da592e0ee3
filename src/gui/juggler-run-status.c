/* juggler-run-status.c: a page's status line: progress bar, progress, time left and throughput
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-run-status"

#include "config.h"

#include "juggler-run-status.h"

#include "juggler-frame-slot.h"

#include <glib/gi18n.h>
#include <math.h>

/* "Time left" is the predicted work left (JugglerProgress.work_*: iterations on the CPU
 * page, where a row inside the set costs a thousand rows outside it) at the rate of work
 * measured over this much of the recent run. A unit of work costs the same all over the
 * image, so the rate changes with the strategy and the machine's load only: on a machine
 * loaded 8 to 20 deep a 10 s window kept the estimate nearer the truth than 3 s did (worst
 * ratio 2.1 against 2.9, mean 1.4 against 1.5, at 20000 iterations). */
#define RATE_WINDOW_US    (10 * G_USEC_PER_SEC)
/* After a switch of strategy, once this much was measured under the new one, the rate is
 * its alone; before, the window's mix (a rotation every few hundred ms stays a mix). */
#define SWITCH_SETTLE_US  (2 * G_USEC_PER_SEC)
#define N_SAMPLES         (RATE_WINDOW_US / JUGGLER_TEXT_INTERVAL_US + 1)
/* Before this much of the run (threads starting, the first rows), it says "estimating". */
#define MIN_MEASURED_US   (G_USEC_PER_SEC / 2)

typedef struct
{
  gint64  elapsed_us;
  guint64 work_done;
} Sample;

struct _JugglerRunStatus
{
  GtkBox          parent_instance;

  /* Template widgets */
  GtkLabel       *label;
  GtkLabel       *throughput_label;
  GtkProgressBar *progress_bar;

  char           *text;         /* what the label says of this page's own run */
  char           *notice;
  char           *busy_page;
  /* The frame-time slots (frame time ÷ interval) of the last label and bar updates: slots
   * of all the run's widgets begin together, so what moves, moves in the same frames. */
  gint64          label_slot;
  gint64          bar_slot;
  Sample          samples[N_SAMPLES];
  guint           n_samples;
  guint           next_sample;
  double          left_s;       /* the last estimate, -1 while there is none */
  gint64          last_elapsed_us;
  gint64          switch_elapsed_us;  /* the run's time at its last switch, or -1 */
};

G_DEFINE_FINAL_TYPE (JugglerRunStatus, juggler_run_status, GTK_TYPE_BOX)

char *
juggler_run_status_format_duration (double seconds)
{
  if (seconds < 1)
    return g_strdup_printf (_("%.0f ms"), seconds * 1000);
  if (seconds < 10)
    return g_strdup_printf (_("%.1f s"), seconds);
  if (seconds < 60)
    return g_strdup_printf (_("%.0f s"), seconds);
  if (seconds < 3600)
    return g_strdup_printf (_("%u min %u s"), (guint) seconds / 60, (guint) seconds % 60);

  return g_strdup_printf (_("%u h %u min"), (guint) (seconds / 3600),
                          (guint) (seconds / 60) % 60);
}

/* Only when the bar's filled part would change by a pixel: setting a fraction reallocates
 * the bar and tells the accessibility bus, whether it moves or not. */
static void
set_fraction (JugglerRunStatus *self,
              double            fraction)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self->progress_bar));
  double shown = gtk_progress_bar_get_fraction (self->progress_bar);

  if (width > 0 && floor (shown * width) == floor (fraction * width) &&
      (fraction < 1) == (shown < 1))
    return;

  gtk_progress_bar_set_fraction (self->progress_bar, fraction);
}

static void
show (JugglerRunStatus *self)
{
  g_autofree char *busy = NULL;
  const char *text = self->text;

  if (self->busy_page != NULL)
    {
      /* Translators: %s is the title of the other page, e.g. “CPU”. */
      busy = g_strdup_printf (_("A run is going on the %s page; it shows there, and Stop is "
                                "there too."), self->busy_page);
      text = busy;
    }
  else if (self->notice != NULL)
    text = self->notice;

  gtk_label_set_label (self->label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->throughput_label), self->busy_page == NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), self->busy_page == NULL);
}

static void
set_text (JugglerRunStatus *self,
          char             *text)
{
  g_free (self->text);
  self->text = text;
  show (self);
}

void
juggler_run_status_start (JugglerRunStatus *self)
{
  g_return_if_fail (JUGGLER_IS_RUN_STATUS (self));

  self->n_samples = 0;
  self->next_sample = 0;
  self->left_s = -1;
  self->last_elapsed_us = 0;
  self->switch_elapsed_us = -1;
  self->label_slot = -1;
  self->bar_slot = -1;
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_label_set_label (self->throughput_label, NULL);
  set_text (self, g_strdup (_("Starting…")));
}

/* "46 s" stays on one line when a narrow window wraps the text. */
static char *
no_break (char *text)
{
  GString *string = g_string_new (text);

  g_free (text);
  g_string_replace (string, " ", "\u00a0", 0);
  return g_string_free (string, FALSE);
}

/* Work per µs over the last RATE_WINDOW_US, or 0 when too little was measured. */
static double
recent_rate (JugglerRunStatus *self,
             const Sample     *now)
{
  guint first = self->n_samples < N_SAMPLES ? 0 : self->next_sample;
  const Sample *oldest;

  if (self->n_samples == 0)
    return 0;

  oldest = &self->samples[first];
  if (self->switch_elapsed_us >= 0 && now->elapsed_us - self->switch_elapsed_us >= SWITCH_SETTLE_US)
    for (guint i = 0; i < self->n_samples; i++)
      {
        const Sample *sample = &self->samples[(first + i) % N_SAMPLES];

        if (sample->elapsed_us >= self->switch_elapsed_us)
          {
            oldest = sample;
            break;
          }
      }

  if (now->elapsed_us < MIN_MEASURED_US || now->elapsed_us <= oldest->elapsed_us)
    return 0;

  return (double) (now->work_done - oldest->work_done) / (now->elapsed_us - oldest->elapsed_us);
}

double
juggler_run_status_estimate_left_s (JugglerRunStatus *self)
{
  g_return_val_if_fail (JUGGLER_IS_RUN_STATUS (self), -1);

  return self->left_s;
}

void
juggler_run_status_update (JugglerRunStatus      *self,
                           const JugglerProgress *progress,
                           const char            *jobs_text,
                           gint64                 frame_time_us)
{
  /* The core counts a workload without a cost model one unit of work per step. */
  guint64 done, total;
  Sample now;
  double rate;

  g_return_if_fail (JUGGLER_IS_RUN_STATUS (self));
  g_return_if_fail (progress != NULL);

  done = progress->work_done;
  total = progress->work_total;
  if (total > 0 &&
      juggler_frame_slot_enter (&self->bar_slot, frame_time_us, JUGGLER_MOTION_INTERVAL_US))
    set_fraction (self, (double) done / total);

  if (!juggler_frame_slot_enter (&self->label_slot, frame_time_us, JUGGLER_TEXT_INTERVAL_US))
    return;

  now.elapsed_us = progress->elapsed_us;
  now.work_done = done;
  self->last_elapsed_us = now.elapsed_us;
  rate = recent_rate (self, &now);
  self->samples[self->next_sample] = now;
  self->next_sample = (self->next_sample + 1) % N_SAMPLES;
  self->n_samples = MIN (self->n_samples + 1, N_SAMPLES);
  self->left_s = -1;

  if (done >= total)
    set_text (self, g_strdup (jobs_text));
  else if (rate > 0)
    {
      g_autofree char *left = NULL;

      self->left_s = (total - done) / rate / G_USEC_PER_SEC;
      left = no_break (juggler_run_status_format_duration (self->left_s));
      /* Translators: “84 of 192 tiles · about 3.1 s left” */
      set_text (self, g_strdup_printf (_("%s · about %s left"), jobs_text, left));
    }
  else
    /* Translators: “0 of 192 tiles · estimating the time left…”, before a rate is known. */
    set_text (self, g_strdup_printf (_("%s · estimating the time left…"), jobs_text));

  /* G_MESSAGES_DEBUG=juggler-run-status: what the estimate was made of, to hold it against
   * the real time left afterwards. */
  g_debug ("elapsed_us=%" G_GINT64_FORMAT " steps=%" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT
           " work=%" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT " left_s=%.2f text=%s",
           progress->elapsed_us, progress->steps_done, progress->steps_total,
           progress->work_done, progress->work_total, self->left_s, self->text);
}

void
juggler_run_status_strategy_switched (JugglerRunStatus *self)
{
  g_return_if_fail (JUGGLER_IS_RUN_STATUS (self));

  self->switch_elapsed_us = self->last_elapsed_us;
}

void
juggler_run_status_set_throughput (JugglerRunStatus *self,
                                   const char       *text)
{
  g_return_if_fail (JUGGLER_IS_RUN_STATUS (self));

  gtk_label_set_label (self->throughput_label, text);
}

void
juggler_run_status_finish (JugglerRunStatus    *self,
                           const JugglerReport *report)
{
  g_autofree char *wall = NULL;

  g_return_if_fail (JUGGLER_IS_RUN_STATUS (self));
  g_return_if_fail (report != NULL);

  wall = juggler_run_status_format_duration (report->wall_s);
  gtk_progress_bar_set_fraction (self->progress_bar,
                                 report->jobs > 0 ? (double) report->completed / report->jobs : 0);
  g_clear_pointer (&self->notice, g_free);
  if (report->cancelled || report->completed < report->jobs)
    set_text (self, g_strdup_printf (_("Stopped after %s"), wall));
  else
    set_text (self, g_strdup_printf (_("Done in %s"), wall));
}

void
juggler_run_status_set_notice (JugglerRunStatus *self,
                               const char       *notice)
{
  g_return_if_fail (JUGGLER_IS_RUN_STATUS (self));

  g_free (self->notice);
  self->notice = g_strdup (notice);
  show (self);
}

void
juggler_run_status_set_busy_page (JugglerRunStatus *self,
                                  const char       *page_title)
{
  g_return_if_fail (JUGGLER_IS_RUN_STATUS (self));

  g_free (self->busy_page);
  self->busy_page = g_strdup (page_title);
  show (self);
}

const char *
juggler_run_status_get_text (JugglerRunStatus *self)
{
  g_return_val_if_fail (JUGGLER_IS_RUN_STATUS (self), NULL);

  return gtk_label_get_label (self->label);
}

static void
juggler_run_status_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), JUGGLER_TYPE_RUN_STATUS);

  G_OBJECT_CLASS (juggler_run_status_parent_class)->dispose (object);
}

static void
juggler_run_status_finalize (GObject *object)
{
  JugglerRunStatus *self = (JugglerRunStatus *) object;

  g_free (self->text);
  g_free (self->notice);
  g_free (self->busy_page);

  G_OBJECT_CLASS (juggler_run_status_parent_class)->finalize (object);
}

static void
juggler_run_status_class_init (JugglerRunStatusClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = juggler_run_status_dispose;
  object_class->finalize = juggler_run_status_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/juggler/Juggler/juggler-run-status.ui");
  gtk_widget_class_bind_template_child (widget_class, JugglerRunStatus, label);
  gtk_widget_class_bind_template_child (widget_class, JugglerRunStatus, throughput_label);
  gtk_widget_class_bind_template_child (widget_class, JugglerRunStatus, progress_bar);
}

static void
juggler_run_status_init (JugglerRunStatus *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->text = g_strdup (_("Ready"));
  self->left_s = -1;
  self->switch_elapsed_us = -1;
  self->label_slot = -1;
  self->bar_slot = -1;
}
