/* par-framework-loader-private.h — what the format-2 reading (par-framework-loader-v2.c) shares
 * with the loader: its state, its error helper and its small readers.
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
