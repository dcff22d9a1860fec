/* bench-pack-inputs.h — the documents of the pack benchmarks, made once and shared read-only.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The folder of the set of @n_files PDFs (doc-000.pdf…), made by running
 * "@self --generate-inputs DIR N" when missing; NULL when it cannot be made. */
char *bench_pack_inputs          (const char *self,
                                  guint       n_files);
/* Where that set lives: $PARSCORE_BENCH_CACHE or the user's cache folder. */
char *bench_pack_inputs_dir      (guint       n_files);
/* The child's side of --generate-inputs. */
int   bench_pack_inputs_generate (const char *dir,
                                  guint       n_files);
char *bench_pack_input_path      (const char *dir,
                                  guint       i);

G_END_DECLS
