/* fuzz-target.h — what every fuzz target defines, for libFuzzer and for the replay driver.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <stddef.h>
#include <stdint.h>

/* Called once before the first input (libFuzzer calls it when the target defines it). */
int LLVMFuzzerInitialize (int *argc, char ***argv);
/* One input; returns 0. A crash, a sanitizer report or an abort is the finding. */
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);
