/* par-seal.h — seals of submitted and appraised years (data/SEAL.md describes the form).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "par-store.h"

G_BEGIN_DECLS

/* The version of the canonical form this Parscore seals with (data/SEAL.md): 2 seals figure
 * values too, 3 the register rows too. A seal is checked in the version it was made in. */
#define PAR_SEAL_VERSION 4

/**
 * ParSealState:
 * @PAR_SEAL_NOT_LOCKED: a draft: there is nothing sealed to check
 * @PAR_SEAL_INTACT: the year is exactly as it was sealed
 * @PAR_SEAL_BROKEN: the year differs from its seal: see the changes
 * @PAR_SEAL_MISSING: the year is locked but no seal is recorded for it
 */
typedef enum {
  PAR_SEAL_NOT_LOCKED,
  PAR_SEAL_INTACT,
  PAR_SEAL_BROKEN,
  PAR_SEAL_MISSING,
} ParSealState;

/* One difference between the sealed year and the year now. */
typedef struct {
  char *key;          /* the canonical key, "entry 1.1.4 appraised" */
  char *sealed;       /* the value when sealed, NULL when it was not there */
  char *now;          /* the value now, NULL when it is gone */
  char *description;  /* translated: "1.1.4, appraised score: 1.50 when sealed, 150.00 now." */
} ParSealChange;

typedef struct {
  ParSealState  state;
  gint64        assessment_id;
  int           year;
  char         *unit_name;
  ParStatus     status;          /* the assessment's status now */
  char         *sealed_at;       /* ISO UTC time of the seal checked; NULL when none */
  char         *sealed_sha256;   /* NULL when none */
  char         *actual_sha256;   /* of the year now, in the form of the seal's status */
  GPtrArray    *changes;         /* of ParSealChange*; empty unless BROKEN */
  char         *summary;         /* translated one-line verdict naming the year */
  guint         version;         /* the canonical form's version the seal was checked in */
} ParSealCheck;

void par_seal_change_free (ParSealChange *change);
void par_seal_check_free  (ParSealCheck *check);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ParSealChange, par_seal_change_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ParSealCheck, par_seal_check_free)

char         *par_store_canonical_year (ParStore   *self,
                                        gint64      assessment_id,
                                        ParStatus   status,
                                        GError    **error);
char         *par_store_canonical_year_version (ParStore   *self,
                                                gint64      assessment_id,
                                                ParStatus   status,
                                                guint       version,
                                                GError    **error);
guint         par_seal_text_version    (const char *canonical);
char         *par_seal_hash            (const char *canonical);
GPtrArray    *par_seal_diff            (const char *before,
                                        const char *after);
ParSealCheck *par_store_check_seal     (ParStore   *self,
                                        gint64      assessment_id,
                                        GError    **error);
GPtrArray    *par_store_check_seals    (ParStore   *self,
                                        GError    **error);

G_END_DECLS
