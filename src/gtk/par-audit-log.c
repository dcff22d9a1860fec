/* par-audit-log.c — one year's audit log, in words, for the audit window and its CSV export.
 *
 * The store records each change as "assessment N entry CODE FIELD" with the old and the new
 * value (par-store-entries.c, par-store-documents.c, par-store-units.c). This file reads
 * that record back for one year and says it as a person would: "1.1.4 · Self-assessed
 * score · 0.50 → 0.75".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "Parscore"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "par-audit-log.h"
#include "par-csv.h"
#include "par-display.h"

struct _ParAuditRow
{
  GObject  parent_instance;

  char    *when;
  char    *when_text;
  char    *who;
  char    *code;
  char    *change;
  char    *before;
  char    *after;
  char    *reason;
};

G_DEFINE_FINAL_TYPE (ParAuditRow, par_audit_row, G_TYPE_OBJECT)

static void
par_audit_row_finalize (GObject *object)
{
  ParAuditRow *self = PAR_AUDIT_ROW (object);

  g_free (self->when);
  g_free (self->when_text);
  g_free (self->who);
  g_free (self->code);
  g_free (self->change);
  g_free (self->before);
  g_free (self->after);
  g_free (self->reason);

  G_OBJECT_CLASS (par_audit_row_parent_class)->finalize (object);
}

static void
par_audit_row_class_init (ParAuditRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = par_audit_row_finalize;
}

static void
par_audit_row_init (ParAuditRow *self)
{
}

const char *par_audit_row_get_when      (ParAuditRow *self) { return self->when; }
const char *par_audit_row_get_when_text (ParAuditRow *self) { return self->when_text; }
const char *par_audit_row_get_who       (ParAuditRow *self) { return self->who; }
const char *par_audit_row_get_code      (ParAuditRow *self) { return self->code; }
const char *par_audit_row_get_change    (ParAuditRow *self) { return self->change; }
const char *par_audit_row_get_before    (ParAuditRow *self) { return self->before; }
const char *par_audit_row_get_after     (ParAuditRow *self) { return self->after; }
const char *par_audit_row_get_reason    (ParAuditRow *self) { return self->reason; }

gboolean
par_audit_row_matches (ParAuditRow *row,
                       const char  *code)
{
  gsize len;

  g_return_val_if_fail (PAR_IS_AUDIT_ROW (row), FALSE);

  if (code == NULL || *code == '\0')
    return TRUE;
  len = strlen (code);
  return strncmp (row->code, code, len) == 0 && (row->code[len] == '\0' || row->code[len] == '.');
}

/* "2026-11-22T03:04:05Z" → "22/11/2026 10:04" in local time. */
static char *
when_text (const char *iso)
{
  g_autoptr(GDateTime) utc = iso != NULL ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup (iso != NULL ? iso : "");
  local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%d/%m/%Y %H:%M");
}

static const char *
status_text (const char *value)
{
  ParStatus status;

  if (value == NULL || !par_status_from_string (value, &status))
    return value;
  switch (status)
    {
    case PAR_STATUS_SUBMITTED: return _("Submitted");
    case PAR_STATUS_APPRAISED: return _("Appraised");
    case PAR_STATUS_DRAFT:
    default:                   return _("Draft");
    }
}

/* A stored score ("0.75") with the decimal separator of the user's language. */
static char *
points_text (const char *value)
{
  ParPoints points;

  if (value == NULL)
    return g_strdup ("");
  if (!par_points_parse (value, &points, NULL))
    return g_strdup (value);
  return par_display_points (points);
}

/* What a field name of the store means to the user, and how to show its values. */
static char *
describe_field (const char   *field,
                const char   *code,
                ParFramework *framework,
                gboolean     *is_points)
{
  *is_points = FALSE;
  if (g_str_equal (field, "self score"))
    return (*is_points = TRUE), g_strdup (_("Self-assessed score"));
  if (g_str_equal (field, "appraised score"))
    return (*is_points = TRUE), g_strdup (_("Appraised score"));
  if (g_str_equal (field, "survey score"))
    return (*is_points = TRUE), g_strdup (_("Survey score"));
  if (g_str_equal (field, "explanation"))
    return g_strdup (_("Explanation"));
  if (g_str_equal (field, "comment"))
    return g_strdup (_("Council's comment"));
  if (g_str_equal (field, "not applicable"))
    return g_strdup (_("Not applicable"));
  if (g_str_has_prefix (field, "input "))
    {
      const char *id = field + strlen ("input ");
      const ParNode *node = framework != NULL ? par_framework_lookup (framework, code) : NULL;
      const char *label = id;

      for (guint i = 0; node != NULL && node->inputs != NULL && i < node->inputs->len; i++)
        {
          const ParInput *input = g_ptr_array_index (node->inputs, i);
          if (g_strcmp0 (input->id, id) == 0 && input->label != NULL)
            label = input->label;
        }
      /* Translators: a figure typed for a rule, by its name in the criteria set:
       * Figure “Tasks completed”. */
      return g_strdup_printf (_("Figure “%s”"), label);
    }
  if (g_str_has_prefix (field, "evidence "))
    return g_strdup (_("Evidence"));
  return g_strdup (field);
}

/* "assessment 3 entry 1.1.4 self score" → code "1.1.4", field "self score";
 * "assessment 3 status" → code "", field "status". FALSE when not about @assessment_id. */
static gboolean
split_what (const char  *what,
            gint64       assessment_id,
            char       **code,
            const char **field)
{
  g_autofree char *prefix = g_strdup_printf ("assessment %" G_GINT64_FORMAT " ", assessment_id);
  const char *rest;

  if (!g_str_has_prefix (what, prefix))
    return FALSE;
  rest = what + strlen (prefix);
  if (g_str_has_prefix (rest, "entry "))
    {
      const char *space;

      rest += strlen ("entry ");
      space = strchr (rest, ' ');
      if (space == NULL)
        return FALSE;
      *code = g_strndup (rest, space - rest);
      *field = space + 1;
    }
  else
    {
      *code = g_strdup ("");
      *field = rest;
    }
  return TRUE;
}

/* The store records a year's start as "UNIT YEAR SET-ID [from PREVIOUS]": shown as the
 * criteria set's title and, for a year made from the previous one, which year that was. */
static char *
created_text (const char   *value,
              ParFramework *framework)
{
  g_autofree char *needle = NULL;
  const char *at, *note;
  gint64 previous = 0;
  char *end = NULL;

  if (value == NULL)
    return g_strdup ("");
  if (framework == NULL)
    return g_strdup (value);
  needle = g_strconcat (" ", par_framework_get_id (framework), NULL);
  at = g_strrstr (value, needle);
  if (at == NULL || (at[strlen (needle)] != '\0' && at[strlen (needle)] != ' '))
    return g_strdup (value);
  note = at + strlen (needle);
  if (*note == '\0')
    /* Translators: the audit log's "after" of "Year started"; %s is the criteria set's title. */
    return g_strdup_printf (_("Criteria set “%s”"), par_framework_get_title (framework));
  note++;
  if (g_str_has_prefix (note, "from "))
    previous = g_ascii_strtoll (note + 5, &end, 10);
  if (previous > 0 && end != NULL && *end == '\0')
    /* Translators: the audit log's "after" of "Year started" for a year made from the
     * previous one; %s is the criteria set's title, %d that year. */
    return g_strdup_printf (_("Criteria set “%s”, carried forward from %d"),
                            par_framework_get_title (framework), (int) previous);
  return g_strdup_printf ("%s, %s", par_framework_get_title (framework), note);
}

static ParAuditRow *
row_from_entry (const ParAuditEntry *entry,
                gint64               assessment_id,
                ParFramework        *framework)
{
  g_autofree char *code = NULL;
  const char *field;
  ParAuditRow *row;
  gboolean is_points;

  if (!split_what (entry->what, assessment_id, &code, &field))
    return NULL;

  row = g_object_new (PAR_TYPE_AUDIT_ROW, NULL);
  row->when = g_strdup (entry->when);
  row->when_text = when_text (entry->when);
  /* Changes recorded before the log kept names have none. */
  row->who = g_strdup (entry->actor != NULL ? entry->actor : "");
  row->reason = g_strdup (entry->reason != NULL ? entry->reason : "");
  row->code = g_steal_pointer (&code);
  if (g_str_equal (field, "status"))
    {
      row->change = g_strdup (_("Status"));
      row->before = g_strdup (entry->old_value != NULL ? status_text (entry->old_value) : "");
      row->after = g_strdup (entry->new_value != NULL ? status_text (entry->new_value) : "");
    }
  else if (g_str_equal (field, "created"))
    {
      row->change = g_strdup (_("Year started"));
      row->before = g_strdup ("");
      row->after = created_text (entry->new_value, framework);
    }
  else
    {
      row->change = describe_field (field, row->code, framework, &is_points);
      row->before = is_points ? points_text (entry->old_value)
                              : g_strdup (entry->old_value != NULL ? entry->old_value : "");
      row->after = is_points ? points_text (entry->new_value)
                             : g_strdup (entry->new_value != NULL ? entry->new_value : "");
    }
  return row;
}

GListModel *
par_audit_log_load (ParStore      *store,
                    gint64         assessment_id,
                    ParFramework  *framework,
                    GError       **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GListStore) rows = g_list_store_new (PAR_TYPE_AUDIT_ROW);

  g_return_val_if_fail (PAR_IS_STORE (store), NULL);

  entries = par_store_list_audit (store, 0, error);
  if (entries == NULL)
    return NULL;
  for (guint i = 0; i < entries->len; i++)
    {
      g_autoptr(ParAuditRow) row = row_from_entry (g_ptr_array_index (entries, i), assessment_id,
                                                     framework);

      if (row != NULL)
        g_list_store_append (rows, row);
    }
  return G_LIST_MODEL (g_steal_pointer (&rows));
}

static void
append_cell (GString    *out,
             const char *text,
             gboolean    last)
{
  par_csv_append_text_cell (out, text);
  g_string_append (out, last ? "\r\n" : ",");
}

gboolean
par_audit_log_write_csv (GListModel  *rows,
                         const char  *path,
                         GError     **error)
{
  /* A byte-order mark, so spreadsheet programs read the Vietnamese text right. */
  g_autoptr(GString) out = g_string_new ("\xEF\xBB\xBF");
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (G_IS_LIST_MODEL (rows), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* Machine-readable header names, like the other CSV files Parscore writes. */
  g_string_append (out, "when,who,code,change,before,after,reason\r\n");
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(ParAuditRow) row = g_list_model_get_item (rows, i);

      append_cell (out, row->when, FALSE);
      append_cell (out, row->who, FALSE);
      append_cell (out, row->code, FALSE);
      append_cell (out, row->change, FALSE);
      append_cell (out, row->before, FALSE);
      append_cell (out, row->after, FALSE);
      append_cell (out, row->reason, TRUE);
    }
  if (!g_file_set_contents (path, out->str, (gssize) out->len, &local))
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_IO, _("The audit log cannot be exported: %s"),
                   local->message);
      return FALSE;
    }
  return TRUE;
}
