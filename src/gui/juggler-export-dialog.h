/* juggler-export-dialog.h: asks for a file to save into, and says where the user looks if saving failed
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Writes the chosen file; called with the widget that asked. */
typedef gboolean (*JugglerExportSaveFunc)   (GtkWidget     *widget,
                                             GFile         *file,
                                             gpointer       user_data,
                                             GError       **error);
/* Shows a failure; NULL: a toast on the widget's nearest AdwToastOverlay. */
typedef void     (*JugglerExportFailedFunc) (GtkWidget     *widget,
                                             AdwToast      *toast);

/* A modal save dialog titled title, proposing file_name; once a file is chosen, save_func
 * writes it, and a failure is a toast "Could not export: reason" through failed_func. */
void juggler_export_dialog_show (GtkWidget               *widget,
                                 const char              *title,
                                 const char              *file_name,
                                 JugglerExportSaveFunc    save_func,
                                 JugglerExportFailedFunc  failed_func,
                                 gpointer                 user_data);
/* What failed_func NULL does, for a caller that also has other toasts to show: FALSE when
 * the widget is in no AdwToastOverlay. */
gboolean juggler_export_dialog_add_toast (GtkWidget *widget,
                                          AdwToast  *toast);

G_END_DECLS
