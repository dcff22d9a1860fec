/* par-council-import.h — packages into a round from the app: many at once, one after the other
 * on the writer's thread, with a progress dialog and a summary of what was refused and why.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "par-context.h"

G_BEGIN_DECLS

/* Runs on the main thread once the summary is shown: @n_received packages are in the round
 * (late ones included), @n_refused were refused, @n_cancelled were not tried. */
typedef void (*ParCouncilImportDone) (guint     n_received,
                                      guint     n_refused,
                                      guint     n_cancelled,
                                      gpointer  user_data);

/* Receives @files (GFile*) into round @round_id of @context's database. Each package is checked
 * whole by the core and received in one transaction of its own: a refused one leaves nothing
 * behind, a late one is marked and kept. A progress dialog over @parent says "2 of 5" and can
 * cancel (the package being received finishes; the others are not tried); a summary dialog
 * lists every package, the refused ones with the core's reason. */
void par_council_import (GtkWindow            *parent,
                         ParContext           *context,
                         gint64                round_id,
                         GPtrArray            *files,
                         ParCouncilImportDone  done,
                         gpointer              user_data);

G_END_DECLS
