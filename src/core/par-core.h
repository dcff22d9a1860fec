/* par-core.h — the one header to include for the GTK-free core.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "par-error.h"
#include "par-points.h"
#include "par-text.h"
/* By its folder: the app has a src/gtk/par-format.h of its own, found first from there. */
#include "base/par-format.h"
#include "par-framework.h"
#include "par-scorer.h"
#include "par-expr.h"
#include "par-figure.h"
#include "par-figures.h"
#include "par-register.h"
#include "par-registers.h"
#include "par-framework-upgrade.h"
#include "par-entry-check.h"
#include "par-store.h"
#include "par-integrity.h"
#include "par-backup.h"
#include "par-seal.h"
#include "par-rank.h"
#include "par-appraisal-diff.h"
#include "par-council.h"
#include "par-round-view.h"
#include "par-council-table.h"
#include "par-package.h"
#include "par-data.h"
