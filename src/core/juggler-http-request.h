/* juggler-http-request.h: one HTTP GET of the network workload, sent blocking or async
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "juggler-http-body.h"
#include "juggler-http-workload.h"

G_BEGIN_DECLS

/* What the requests of one workload count together, from any thread (atomic ints). */
typedef struct
{
  int n_in_flight;
  int peak_in_flight;
} JugglerHttpFlight;

typedef struct _JugglerHttpRequest JugglerHttpRequest;

/* completed FALSE: the caller's cancellable was cancelled, and the request has no result. */
typedef void (*JugglerHttpRequestDoneFunc) (JugglerHttpRequest *request,
                                            gboolean            completed,
                                            gpointer            user_data);

/*
 * uri NULL: the URL was invalid, and url_error says why. The request writes its live state
 * into *state and counts itself in flight, both atomically; timeout_s is its deadline
 * from the moment it leaves the queue. Its result's queued_us is now.
 */
JugglerHttpRequest      *juggler_http_request_new         (guint                index,
                                                           GUri                *uri,
                                                           const char          *url_error,
                                                           guint                timeout_s,
                                                           int                 *state,
                                                           JugglerHttpFlight   *flight);
void                     juggler_http_request_free        (JugglerHttpRequest  *self);
guint                    juggler_http_request_get_index   (JugglerHttpRequest  *self);
/* Blocking, on any thread with its own session. Returns FALSE when cancellable was
 * cancelled: the request then has no result. */
gboolean                 juggler_http_request_send        (JugglerHttpRequest  *self,
                                                           SoupSession         *session,
                                                           GCancellable        *cancellable);
/* On the thread-default main context, whose thread owns session: done_func is called
 * once, in a dispatch of that context, or at once when the URL was invalid. */
void                     juggler_http_request_send_async  (JugglerHttpRequest  *self,
                                                           SoupSession         *session,
                                                           GCancellable        *cancellable,
                                                           JugglerHttpRequestDoneFunc done_func,
                                                           gpointer             user_data);
/* The result moves out (the request keeps no reason string afterwards), and the body's
 * digest, JUGGLER_HTTP_BODY_DIGEST_LEN bytes. */
void                     juggler_http_request_take_result (JugglerHttpRequest  *self,
                                                           JugglerHttpResult   *result,
                                                           guint8              *digest);

G_END_DECLS
