/* juggler-net-view.h: the Network page's live view: the request grid and the waterfall
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "juggler-http-workload.h"

G_BEGIN_DECLS

#define JUGGLER_TYPE_NET_VIEW (juggler_net_view_get_type ())

G_DECLARE_FINAL_TYPE (JugglerNetView, juggler_net_view, JUGGLER, NET_VIEW, GtkBox)

GtkWidget *juggler_net_view_new              (void);
/* Shows the requests of a new run, all queued. */
void       juggler_net_view_set_workload     (JugglerNetView      *self,
                                              JugglerHttpWorkload *workload);
/* Once per frame while a run goes, and once after: polls the request states. */
void       juggler_net_view_update           (JugglerNetView      *self,
                                              gint64               frame_time_us);
/* Request index was merged into the workload (the run's "job-done"). */
void       juggler_net_view_request_done     (JugglerNetView      *self,
                                              guint                index);
/* Body bytes of the requests merged so far. */
guint64    juggler_net_view_get_bytes_done   (JugglerNetView      *self);

G_END_DECLS
