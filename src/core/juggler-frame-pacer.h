/* juggler-frame-pacer.h: spreads the async work of a window's main context over its frames
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/*
 * A window tells its pacer when each frame begins and ends; the async strategy, when it runs
 * on that window's main context, asks the pacer before it starts a request. Between two frames
 * the pacer lets start only as many requests as leave room for the next paint: the UI
 * thread's time per start or completion is measured in the frames before, and the completions
 * due before the next frame (the requests started one request time earlier) are counted
 * against the same room. Requests then end spread over frames as they were started, instead
 * of hundreds in one main-loop iteration. A context without a pacer (headless) starts as
 * fast as it can. Everything on the context's own thread.
 */
/* For the I/O of jobs on a paced context: below a window's redraw (GDK_PRIORITY_REDRAW is
 * G_PRIORITY_HIGH_IDLE + 20), so that a frame that is due goes first, and above idle. */
#define JUGGLER_FRAME_PACER_IO_PRIORITY (G_PRIORITY_HIGH_IDLE + 30)

#define JUGGLER_TYPE_FRAME_PACER (juggler_frame_pacer_get_type ())
G_DECLARE_FINAL_TYPE (JugglerFramePacer, juggler_frame_pacer, JUGGLER, FRAME_PACER, GObject)

/* Paces the jobs of context until disposed, unless another pacer already does. */
JugglerFramePacer *juggler_frame_pacer_new          (GMainContext      *context);
/* The pacer of context (NULL: the global default context, as GLib's thread default), or NULL. */
JugglerFramePacer *juggler_frame_pacer_lookup       (GMainContext      *context);

/* From the frame clock: before a frame's paint, and after it with the refresh interval. */
void               juggler_frame_pacer_frame_begin  (JugglerFramePacer *self);
void               juggler_frame_pacer_frame_end    (JugglerFramePacer *self,
                                                     gint64             interval_us);

/* For executors: whether one more job may start before the next frame; if so, the caller
 * starts it and calls started(). Otherwise it waits: func runs (once) after the next frame,
 * or when no frame came for a while, or when the pacer goes away. */
gboolean           juggler_frame_pacer_can_start    (JugglerFramePacer *self);
void               juggler_frame_pacer_started      (JugglerFramePacer *self);
void               juggler_frame_pacer_wait         (JugglerFramePacer *self,
                                                     GSourceFunc        func,
                                                     gpointer           data,
                                                     GDestroyNotify     notify);
/* A job that started at started_us (monotonic time) ended now. */
void               juggler_frame_pacer_done         (JugglerFramePacer *self,
                                                     gint64             started_us);

/* What it did, for tests: frames seen, and the most jobs started between two of them. */
guint              juggler_frame_pacer_get_frames   (JugglerFramePacer *self);
guint              juggler_frame_pacer_get_max_starts_per_frame (JugglerFramePacer *self);

G_END_DECLS
