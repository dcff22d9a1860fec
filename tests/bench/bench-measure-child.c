/* bench-measure-child.c — a child of known size for test-bench-measure: touches MB megabytes
 * of fresh memory and exits.   bench-measure-child MB
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdlib.h>
#include <string.h>

int
main (int   argc,
      char *argv[])
{
  size_t size = (size_t) (argc > 1 ? atoi (argv[1]) : 0) << 20;
  char *block = size > 0 ? malloc (size) : NULL;

  if (size > 0 && block == NULL)
    return 1;
  if (block != NULL)
    memset (block, 1, size);
  return block != NULL && block[size / 2] != 1;
}
