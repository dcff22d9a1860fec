/* par-framework-loader-private.h — what the loader's files share: its state, its error helpers
 * and its small readers (par-framework-loader.c), and each file's entry point. One concern a file:
 * par-framework-loader.c (reading the bytes, the order of work), -text.c (text that shows
 * differently from what it is), -schema.c (RelaxNG and its messages), -read.c (the document
 * into the model), -check.c (semantic checks), -v2.c (what format 2 adds).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libxml/tree.h>

#include "par-framework-private.h"

G_BEGIN_DECLS

typedef struct {
  const char   *name;     /* display name for messages */
  GError      **error;
  const char   *data;     /* the file's bytes, for finding an attribute's line */
  gsize         len;
  guint         version;  /* the format version of the file: 1 or 2 */
} ParLoader;

/* par-framework-loader.c: "FILE:LINE: criterion CODE: message" (@criterion nullable). */
void      par_loader_fail_at          (ParLoader   *ld,
                                       int          code,
                                       int          line,
                                       const char  *criterion,
                                       const char  *format,
                                       ...) G_GNUC_PRINTF (5, 6);
void      par_loader_fail             (ParLoader   *ld,
                                       int          code,
                                       int          line,
                                       const char  *criterion,
                                       const char  *message);
int       par_loader_attribute_line   (ParLoader   *ld,
                                       xmlNode     *el,
                                       const char  *attribute);
char     *par_loader_prop             (xmlNode     *node,
                                       const char  *name);
gboolean  par_loader_is_el            (xmlNode     *node,
                                       const char  *name);
char     *par_loader_text_of          (xmlNode     *node);
char     *par_loader_lang_of          (xmlNode     *node);
/* The code of @node or of the nearest element above it that has one, interned; or NULL. */
const char *par_loader_nearest_code   (xmlNode     *node);

/* par-framework-loader-text.c: a quick look at the bytes, then every text and attribute. */
gboolean  par_loader_may_hold_unsafe_text (const char *data,
                                           gsize       len);
gboolean  par_loader_check_text_safe  (ParLoader   *ld,
                                       xmlNode     *el);

/* par-framework-loader-schema.c: the format's RelaxNG schema; a refusal said where it is. */
gboolean  par_loader_validate         (ParLoader   *ld,
                                       xmlDoc      *doc);

/* par-framework-loader-read.c: the set's metadata, fields and adjustments into @fw. */
void      par_loader_read_metadata    (ParLoader    *ld,
                                       ParFramework *fw,
                                       xmlNode      *root);

/* par-framework-loader-check.c */
gboolean  par_loader_check_semantics  (ParLoader    *ld,
                                       ParFramework *fw);

/* par-framework-loader-v2.c */
/* years="2023-2024" or "2023" on @el; 0 … 0 when absent. */
gboolean  par_loader_v2_years         (ParLoader   *ld,
                                       xmlNode     *el,
                                       int         *from,
                                       int         *to);
gboolean  par_loader_v2_years_overlap (const ParTier *a,
                                       const ParTier *b);
/* Figures and checks, then every expression and every rule's reference to a figure. */
gboolean  par_loader_v2_read          (ParLoader    *ld,
                                       ParFramework *fw,
                                       xmlNode      *root);

G_END_DECLS
