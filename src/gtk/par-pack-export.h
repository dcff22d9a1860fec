/* par-pack-export.h — "Export Evidence Pack…": the open year's evidence pack as one PDF,
 * made on a worker thread behind a progress dialog that can cancel it.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "par-window.h"

G_BEGIN_DECLS

#define PAR_TYPE_PACK_EXPORT_DIALOG (par_pack_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ParPackExportDialog, par_pack_export_dialog, PAR, PACK_EXPORT_DIALOG, AdwWindow)

/* The handler of win.export-pack: asks where to save the open year's pack, then exports it. */
void                 par_pack_export_action          (GtkWidget           *widget,
                                                      const char          *action_name,
                                                      GVariant            *parameter);

/* Export the open year of @window to @dest without asking (the file chooser's next step, and
 * tests). Shows and returns the progress dialog (owned by GTK; it closes itself when the
 * export ends), or NULL when no year is open. While one export runs, its dialog is
 * presented again instead of starting another. */
ParPackExportDialog *par_pack_export_start           (ParWindow           *window,
                                                      GFile               *dest);

/* Stop the export: the dialog says so, closes when the worker has stopped, and no file is left
 * at the destination. */
void                 par_pack_export_dialog_cancel   (ParPackExportDialog *self);
gboolean             par_pack_export_dialog_is_running (ParPackExportDialog *self);

/* For tests: exports started while @stepwise is set stop at each new step (after showing it)
 * until par_pack_export_dialog_next_step() lets them take the next one; a cancel, closing the
 * dialog or its window lets them run to their end. Tests wait for a state, never for a time. */
void                 par_pack_export_set_stepwise      (gboolean             stepwise);
/* The worker is stopped at a step and the dialog shows that step. */
gboolean             par_pack_export_dialog_is_waiting (ParPackExportDialog *self);
/* Lets a stopped worker take its next step; is_waiting() is FALSE until it stops again. */
void                 par_pack_export_dialog_next_step  (ParPackExportDialog *self);

/* "Ho-so-CCHC-2023-Ban-Quan-ly-cac-Khu-cong-nghiep.pdf": the unit's name without diacritics,
 * safe on any file system (transfer full). */
char                *par_pack_export_suggest_name    (const char          *unit_name,
                                                      int                  year);

G_END_DECLS
