/* fuzz-input.c — what a user types into an input of each type (par_input_normalize) and a
 * score (par_points_parse): an error or a canonical value, and a canonical value reads back
 * as itself.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "par-core.h"
#include "fuzz-target.h"

static ParFramework *framework;
static GPtrArray    *inputs;   /* one ParInput* per distinct type, and every choice input */

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *fw_path = par_data_find ("frameworks/sample-department.xml");
  GPtrArray *leaves;
  guint seen = 0;

  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  g_assert (fw_path != NULL);
  framework = par_framework_load_file (fw_path, &error);
  g_assert_no_error (error);
  inputs = g_ptr_array_new ();
  leaves = par_framework_get_leaves (framework);
  for (guint i = 0; i < leaves->len; i++)
    {
      const ParNode *leaf = leaves->pdata[i];

      for (guint k = 0; leaf->inputs != NULL && k < leaf->inputs->len; k++)
        {
          const ParInput *input = leaf->inputs->pdata[k];

          if (input->type == PAR_INPUT_CHOICE || !(seen & (1u << input->type)))
            g_ptr_array_add (inputs, (gpointer) input);
          seen |= 1u << input->type;
        }
    }
  g_assert_cmpuint (inputs->len, >, 0);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  const ParInput *input;
  g_autofree char *text = NULL;
  g_autofree char *canonical = NULL;
  g_autoptr(GError) error = NULL;
  ParPoints points;

  if (size == 0)
    return 0;
  input = inputs->pdata[data[0] % inputs->len];
  /* What a user types is text: an entry gives valid UTF-8, a file's reader checks it. */
  text = g_utf8_make_valid ((const char *) data + 1, size - 1);

  canonical = par_input_normalize (input, text, &error);
  if (canonical == NULL)
    g_assert (error != NULL && error->message[0] != '\0');
  else if (canonical[0] != '\0')
    {
      g_autofree char *again = par_input_normalize (input, canonical, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (again, ==, canonical);
    }
  g_clear_error (&error);

  if (par_points_parse (text, &points, &error))
    {
      char buf[PAR_POINTS_FORMAT_SIZE];
      ParPoints back;

      par_points_format (points, buf);
      g_assert (par_points_parse (buf, &back, NULL));
      g_assert_cmpint (back, ==, points);
    }
  else
    g_assert (error != NULL && error->message[0] != '\0');
  return 0;
}
