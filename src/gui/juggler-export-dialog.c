/* juggler-export-dialog.c: asks for a file to save into, and says where the user looks if saving failed
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-export-dialog"

#include "config.h"

#include "juggler-export-dialog.h"

#include <glib/gi18n.h>

typedef struct
{
  GtkWidget               *widget;
  JugglerExportSaveFunc    save_func;
  JugglerExportFailedFunc  failed_func;
  gpointer                 user_data;
} Export;

static void
export_free (Export *export)
{
  g_object_unref (export->widget);
  g_free (export);
}

gboolean
juggler_export_dialog_add_toast (GtkWidget *widget,
                                 AdwToast  *toast)
{
  GtkWidget *overlay;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);
  g_return_val_if_fail (ADW_IS_TOAST (toast), FALSE);

  overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  if (overlay == NULL)
    return FALSE;

  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), g_object_ref (toast));
  return TRUE;
}

static void
response_cb (GtkNativeDialog *dialog,
             int              response,
             Export          *export)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autoptr(GError) error = NULL;

      if (!export->save_func (export->widget, file, export->user_data, &error))
        {
          /* Translators: %s says why, e.g. “Permission denied”. */
          g_autoptr(AdwToast) toast = adw_toast_new_format (_("Could not export: %s"),
                                                            error->message);

          adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
          if (export->failed_func != NULL)
            export->failed_func (export->widget, toast);
          else if (!juggler_export_dialog_add_toast (export->widget, toast))
            g_warning ("%s", adw_toast_get_title (toast));
        }
    }

  export_free (export);
  g_object_unref (dialog);
}

void
juggler_export_dialog_show (GtkWidget               *widget,
                            const char              *title,
                            const char              *file_name,
                            JugglerExportSaveFunc    save_func,
                            JugglerExportFailedFunc  failed_func,
                            gpointer                 user_data)
{
  GtkRoot *root;
  GtkFileChooserNative *dialog;
  Export *export;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (title != NULL);
  g_return_if_fail (save_func != NULL);

  root = gtk_widget_get_root (widget);
  dialog = gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  if (file_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), file_name);

  export = g_new0 (Export, 1);
  export->widget = g_object_ref (widget);
  export->save_func = save_func;
  export->failed_func = failed_func;
  export->user_data = user_data;
  g_signal_connect (dialog, "response", G_CALLBACK (response_cb), export);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}
