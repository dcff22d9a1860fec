/* par-pack-private.h — what the evidence pack's files share: the data of one pack (its
 * documents, files, citations, page targets and progress) and the functions each part offers
 * the others.
 *
 *   par-pack-data.c    collecting the data: the assessment and its scores, the documents in
 *                      citation order, every attachment checked against the store
 *   par-pack-layout.c  the pieces of every generated page, the documents' separator pages,
 *                      image pages, placeholders and the manifest
 *   par-pack-front.c   the front matter: cover, contents, summary table, charts, details
 *   par-pack-books.c   the office's books: each register's rows, the figures they give and
 *                      the sub-criteria those feed
 *   par-pack.c         putting the pack together: two layout passes, the merge, outline, links
 *   par-pack-canvas.c  the flowing canvas and tables the pages are drawn on
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "par-core.h"
#include "par-format.h"
#include "par-pack-canvas.h"
#include "par-pack.h"
#include "par-pdf-writer.h"

G_BEGIN_DECLS

typedef enum {
  SECTION_COVER,
  SECTION_CONTENTS,
  SECTION_SUMMARY,
  SECTION_CHARTS,
  SECTION_DETAILS,
  SECTION_BOOKS,
  SECTION_DOCUMENTS,
  SECTION_MANIFEST,
  N_SECTIONS
} PackSection;

typedef struct _PackDoc PackDoc;

typedef struct {
  ParAttachment *att;         /* original_name is its safe base name (par_text_file_name) */
  ParPackFile   *file;        /* owned by the report */
  guint          index;       /* in the report */
  PackDoc       *doc;
  char          *path;
  gboolean       jpeg;
  int            width, height;
  guint          body_page;   /* an image's page in the drawn body; G_MAXUINT for none */
} PackFile;

struct _PackDoc {
  ParDocument *doc;         /* number, kind, issuer, summary neutralised (par-text) */
  guint        index;
  GPtrArray   *cites;       /* of Cite*, borrowed */
  GPtrArray   *files;       /* of PackFile*, borrowed */
  char        *ref;         /* how messages name it: its number/symbol, else "TL03" */
  GArray      *rows;        /* of PackRowCite: the register rows linking it (schema 9) */
  guint        sep_pages;
  guint        body_first;  /* its separator's first page in the drawn body */
  guint        first_page;
  guint        n_pages;
};

/* A register of the year's set with the year's rows (issue 13). */
typedef struct {
  const ParRegister *reg;
  ParRegisterRows   *rows;
  PackTarget         target;   /* its heading in the books section */
  GPtrArray         *docs;     /* PackDoc* (borrowed) each row links, NULL where none */
  gboolean           linked;   /* a row links a document: the table gets its column */
} PackBook;

/* A register row citing a document: the book's position in p->books, the row's (from 0). */
typedef struct {
  guint book;
  guint row;
} PackRowCite;

typedef struct {
  const ParEvidenceLink *link;
  const ParNode         *node;   /* NULL when the code is not in the set */
  PackDoc               *doc;
} Cite;

typedef struct {
  ParStore             *store;
  ParPackOptions        opts;
  GCancellable         *cancellable;
  ParPackProgressFunc   progress;
  gpointer              progress_data;
  double                fraction;

  ParAssessment        *assessment;
  ParUnit              *unit;
  ParFramework         *fw;
  GPtrArray            *entries;
  GHashTable           *entry_by_code;   /* code → ParEntry*, borrowed */
  ParResult            *result;          /* scored with the year's figures and register rows */
  ParFigureResult      *figures;         /* the year's figures, registers' rows included */
  GPtrArray            *books;           /* PackBook*, the set's registers in order */
  GPtrArray            *chart_results;   /* ParResult* per year of the unit */
  GArray               *chart_years;

  GPtrArray            *evidence;        /* ParEvidenceLink* */
  GPtrArray            *cites;           /* Cite* */
  GHashTable           *cites_by_code;   /* code → GPtrArray of Cite*, borrowed */
  GPtrArray            *docs;            /* PackDoc* */
  GPtrArray            *files;           /* PackFile*, in pack order */

  PackFonts             fonts;
  char                 *font_family;
  GDateTime            *now;
  char                 *tmpdir;
  ParPackReport        *report;

  PackTarget            sections[N_SECTIONS];
  PackTarget           *nodes;           /* by node_index */
  guint                 n_nodes;
  guint                 front_pages;
  guint                 manifest_first;
  GArray               *links;           /* PackLink, from every drawn canvas */

  /* progress, in bytes: checking reads every file, merging reads them again; the layout and
   * the final pass weigh a share of that */
  guint64               work_bytes;
  guint64               work_layout;
  guint64               work_finish;
  guint64               work_total;
  guint64               work_done;
  guint64               file_work_base;  /* during a PDF's merge */
  gint64                file_work_size;
  const char           *file_label;
  guint                 doc_index;
} Pack;

/* par-pack.c */
void           pack_report_progress   (Pack               *p,
                                       ParPackStage        stage,
                                       guint               current,
                                       guint               total,
                                       const char         *label);
gboolean       pack_check_cancel      (Pack               *p,
                                       GError            **error);

/* par-pack-data.c */
gboolean       pack_load_assessment   (Pack               *p,
                                       gint64              assessment_id,
                                       GError            **error);
gboolean       pack_collect_documents (Pack               *p,
                                       GError            **error);
gboolean       pack_check_files       (Pack               *p,
                                       GError            **error);
void           pack_file_set_status   (PackFile           *f,
                                       ParPackFileStatus   status,
                                       char               *message);   /* owned */
/* "Document 06/KH-KCNĐN: @reason" (translated) */
char          *pack_file_message      (PackFile           *f,
                                       const char         *reason);
ParPackFileStatus pack_status_from_pdf (ParPdfDocStatus    status);
/* Whether the file's pages are in the pack. */
gboolean       pack_file_has_pages    (Pack               *p,
                                       PackFile           *f);

/* par-pack-layout.c: formats. The pack's text is Vietnamese whatever the locale: numbers go
 * through par-format.h with a decimal comma ("1.234,50", "98,69 %"), dates "14/01/2020". */
#define PACK_DECIMAL ','
char          *pack_fmt_size          (gint64              bytes);   /* "3,4 MB" */

/* par-pack-layout.c: fonts, targets, common pieces */
void           pack_make_fonts        (Pack               *p);
extern const PackTargetRef pack_no_target;
PackTargetRef  pack_target            (PackTargetKind      kind,
                                       guint               index);
gboolean       pack_resolve           (Pack               *p,
                                       PackTargetRef       ref,
                                       guint              *page,
                                       double             *top);
/* "5" (1-based) for a target, or "" when not known yet */
char          *pack_page_label        (Pack               *p,
                                       PackTargetRef       ref);
void           pack_mark              (Pack               *p,
                                       PackCanvas         *c,
                                       PackTarget         *t);
void           pack_running_header    (PackCanvas         *c,
                                       gpointer            data);
void           pack_section_title     (Pack               *p,
                                       PackCanvas         *c,
                                       PackSection         section,
                                       const char         *title,
                                       const char         *subtitle);
char          *pack_doc_label         (PackDoc            *d);

/* par-pack-layout.c: the pages that go with the documents */
void           pack_draw_separator    (Pack               *p,
                                       PackCanvas         *c,
                                       PackDoc            *d);
gboolean       pack_draw_image_page   (Pack               *p,
                                       PackCanvas         *c,
                                       PackFile           *f,
                                       char              **message);
void           pack_draw_placeholder  (Pack               *p,
                                       PackCanvas         *c,
                                       PackFile           *f,
                                       guint               n_pages);
void           pack_draw_manifest     (Pack               *p,
                                       PackCanvas         *c);

/* par-pack-front.c */
void           pack_draw_front        (Pack               *p,
                                       PackCanvas         *c);

/* par-pack-books.c: the section of the office's books, when the set has registers */
void           pack_draw_books        (Pack               *p,
                                       PackCanvas         *c);
/* The registers a leaf's figures come from, as "Kế hoạch CCHC (tr. 12)" markup with a link
 * for each; NULL when it reads none. */
char          *pack_leaf_books        (Pack               *p,
                                       const ParNode      *leaf);

G_END_DECLS
