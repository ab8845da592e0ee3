/* juggler-cpu-page.h: the Network page: the requests, their status line and results, and the embedded server
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "juggler-workload-page.h"

G_BEGIN_DECLS

#define JUGGLER_TYPE_NET_PAGE (juggler_net_page_get_type ())

G_DECLARE_FINAL_TYPE (JugglerNetPage, juggler_net_page, JUGGLER, NET_PAGE, JugglerWorkloadPage)

G_END_DECLS
