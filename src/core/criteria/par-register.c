/* par-register.c — registers of a criteria set (format 2): the model's accessors.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "par-figure.h"
#include "par-framework-private.h"
#include "par-register.h"

static void
column_free (gpointer data)
{
  ParRegisterColumn *column = data;

  if (column == NULL)
    return;
  g_free (column->id);
  g_free (column->label);
  g_free (column->label_en);
  if (column->as_input != NULL)
    par_input_free (column->as_input);
  if (column->option_values != NULL)
    g_array_unref (column->option_values);
  g_free (column);
}

void
par_register_free (gpointer data)
{
  ParRegister *reg = data;

  if (reg == NULL)
    return;
  g_free (reg->id);
  g_free (reg->label);
  g_free (reg->label_en);
  g_ptr_array_unref (reg->columns);
  par_expr_free (reg->carry);
  g_ptr_array_unref (reg->figures);
  g_free (reg);
}

ParRegister *
par_register_new_empty (void)
{
  ParRegister *reg = g_new0 (ParRegister, 1);

  reg->columns = g_ptr_array_new_with_free_func (column_free);
  reg->figures = g_ptr_array_new ();
  return reg;
}

GPtrArray *
par_framework_get_registers (const ParFramework *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->registers;
}

const ParRegister *
par_framework_lookup_register (const ParFramework *self,
                               const char         *id)
{
  g_return_val_if_fail (self != NULL, NULL);
  if (id == NULL)
    return NULL;
  for (guint i = 0; i < self->registers->len; i++)
    {
      const ParRegister *reg = g_ptr_array_index (self->registers, i);
      if (g_str_equal (reg->id, id))
        return reg;
    }
  return NULL;
}

const ParRegisterColumn *
par_register_lookup_column (const ParRegister *reg,
                            const char        *id)
{
  g_return_val_if_fail (reg != NULL, NULL);
  if (id == NULL)
    return NULL;
  for (guint i = 0; i < reg->columns->len; i++)
    {
      const ParRegisterColumn *column = g_ptr_array_index (reg->columns, i);
      if (g_str_equal (column->id, id))
        return column;
    }
  return NULL;
}

static const char *const column_type_names[] = {
  "text", "integer", "decimal", "date", "yes-no", "choice",
};

const char *
par_column_type_to_string (ParColumnType type)
{
  g_return_val_if_fail ((guint) type < G_N_ELEMENTS (column_type_names), "?");
  return column_type_names[type];
}

ParExprType
par_column_expr_type (ParColumnType type)
{
  switch (type)
    {
    case PAR_COLUMN_TEXT:
      return PAR_EXPR_TYPE_TEXT;
    case PAR_COLUMN_DATE:
      return PAR_EXPR_TYPE_DATE;
    case PAR_COLUMN_YES_NO:
      return PAR_EXPR_TYPE_BOOLEAN;
    default:
      return PAR_EXPR_TYPE_NUMBER;
    }
}
