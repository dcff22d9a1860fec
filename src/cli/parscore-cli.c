/* parscore-cli.c — placeholder until the commands land. */
#include "config.h"
#include "par-core.h"
int
main (int argc, char **argv)
{
  return 0;
}
