/* par-unit-dialog.h — create a unit with its first year, or start another year of a unit.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "par-context.h"

G_BEGIN_DECLS

typedef enum {
  PAR_UNIT_DIALOG_NEW_UNIT,
  PAR_UNIT_DIALOG_START_YEAR,
} ParUnitDialogMode;

#define PAR_TYPE_UNIT_DIALOG (par_unit_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ParUnitDialog, par_unit_dialog, PAR, UNIT_DIALOG, AdwWindow)

/* @framework_row: the set to preselect (0: the newest stored); @previous_year: 0 when the
 * unit has no year yet (then links cannot be carried over); @year: the year to propose after
 * @previous_year. A unit's first year is the previous calendar year (a year is assessed once
 * it is over). The year is kept within the chosen set's years. Emits ::create when confirmed. */
ParUnitDialog *par_unit_dialog_new                (GtkWindow          *parent,
                                                   ParUnitDialogMode   mode,
                                                   ParContext         *context,
                                                   gint64              framework_row,
                                                   int                 year,
                                                   int                 previous_year);
const char    *par_unit_dialog_get_name           (ParUnitDialog      *self);
ParLevel       par_unit_dialog_get_level          (ParUnitDialog      *self);
int            par_unit_dialog_get_year           (ParUnitDialog      *self);
gint64         par_unit_dialog_get_framework_row  (ParUnitDialog      *self);
gboolean       par_unit_dialog_get_copy_links     (ParUnitDialog      *self);

G_END_DECLS
