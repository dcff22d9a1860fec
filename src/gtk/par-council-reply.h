/* par-council-reply.h — the unit's side of a council round: the council's appraisal of a year
 * beside the unit's own scores (the dumbbell chart and the list of differences with the
 * council's comments), a reply per disputed sub-criterion, the reply package.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "par-context.h"

G_BEGIN_DECLS

#define PAR_TYPE_COUNCIL_REPLY_PAGE (par_council_reply_page_get_type ())
G_DECLARE_FINAL_TYPE (ParCouncilReplyPage, par_council_reply_page, PAR, COUNCIL_REPLY_PAGE, GtkWidget)

/* Shows @assessment_id of @context (of @unit_name). */
void        par_council_reply_page_present       (ParCouncilReplyPage *self,
                                                  ParContext          *context,
                                                  gint64               assessment_id,
                                                  const char          *unit_name);
gint64      par_council_reply_page_get_assessment (ParCouncilReplyPage *self);

/* Whether @context's year @assessment_id holds the council's appraised scores. */
gboolean    par_council_reply_has_appraisal      (ParContext          *context,
                                                  gint64               assessment_id);

/* Imports the council's appraisal package @path into @context's database on the writer's
 * thread (par_package_import(): checked whole, the unit's seal must match); @callback gets the
 * year's id from par_council_import_appraisal_finish() (0 with @error set). */
void        par_council_import_appraisal         (ParContext          *context,
                                                  const char          *path,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gint64      par_council_import_appraisal_finish  (GAsyncResult        *result,
                                                  GError             **error);

/* The reply of a sub-criterion as typed (saved when applied); NULL for no such row. */
GtkEditable *par_council_reply_page_get_reply_entry (ParCouncilReplyPage *self,
                                                     const char          *code);
/* The differences listed: "code" each, in order (transfer container). */
GPtrArray   *par_council_reply_page_get_codes      (ParCouncilReplyPage *self);
/* A difference's line: "Yours 1.00 · council 0.50 of 1.00 — comment". */
const char  *par_council_reply_page_get_line       (ParCouncilReplyPage *self,
                                                    const char          *code);
/* Saves what is typed in every reply row now (what leaving the page does). */
void         par_council_reply_page_save_all       (ParCouncilReplyPage *self);
gboolean     par_council_reply_page_is_busy        (ParCouncilReplyPage *self);

/* Evidence for the reply on @code: a new document (kind, number, summary) with @files (paths,
 * %NULL-terminated), through par_store_add_reply_document() on the writer's thread — the
 * CLI's `reply --document … --kind … --file …`; the reply typed is saved first. The dialog
 * (the button beside each reply) asks for the same; _add_file adds a file to it. */
gboolean     par_council_reply_page_add_evidence    (ParCouncilReplyPage *self,
                                                     const char          *code,
                                                     const ParDocument   *document,
                                                     const char * const  *files);
GtkWidget   *par_council_reply_page_open_evidence_dialog (ParCouncilReplyPage *self,
                                                          const char          *code);
void         par_council_reply_evidence_dialog_add_file  (GtkWidget           *dialog,
                                                          const char          *path);
/* "BC 12/BC-SNV — summary · file.pdf (12.3 kB)": a document added with a reply, as the unit's
 * page and the council's editor show it (transfer full). */
char        *par_council_evidence_line              (ParStore              *store,
                                                     const ParEvidenceLink *link);
/* The reply deadline's countdown as shown ("Replies due 15/01/2027: 3 days left"), NULL when
 * the appraisal named none; whether it has passed (saving then says the reply will be late). */
const char  *par_council_reply_page_get_deadline_text (ParCouncilReplyPage *self);
gboolean     par_council_reply_page_is_late          (ParCouncilReplyPage *self);
/* Asks where (past the deadline: first says the council will mark the reply late), then writes
 * the reply package; _to writes to @path (FALSE: cannot start). */
void         par_council_reply_page_save_package    (ParCouncilReplyPage *self);
gboolean     par_council_reply_page_save_package_to (ParCouncilReplyPage *self,
                                                     const char          *path);

G_END_DECLS
