/* bench-startup-db.c — the large database the window benchmarks open: 50 units × 10 years ×
 * 100 sub-criteria, each sub-criterion of each year backed by 5 documents (250,000 evidence
 * documents and links), made through the store's API. Kept in the build folder between runs.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>

#include "bench-startup-db.h"

#define UNITS 50
#define YEARS 10
#define FIELDS 10
#define CRITERIA 2
#define SUBS 5          /* per criterion: 10 × 2 × 5 = 100 sub-criteria */
#define DOCUMENTS 5     /* per sub-criterion and year */

/* 100 sub-criteria of 1 point, each a ratio rule on two figures. */
static char *
framework_xml (void)
{
  GString *xml = g_string_new (NULL);

  g_string_append (xml,
                   "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                   "<criteria-set xmlns=\"urn:x-parscore:criteria-set:1\" xml:lang=\"vi\" "
                   "id=\"bench-startup\" max=\"100\" sample=\"true\">\n"
                   "  <title>Bộ chỉ số đo hiệu năng (100 tiêu chí thành phần)</title>\n"
                   "  <decision number=\"01/QĐ-BENCH\" date=\"2023-01-05\" issuer=\"Ủy ban nhân dân tỉnh\">Đo hiệu năng</decision>\n"
                   "  <years from=\"2010\" to=\"2030\"/>\n"
                   "  <level>department</level>\n"
                   "  <bands><band name=\"Tốt\" from=\"80\"/><band name=\"Khá\" from=\"50\"/><band name=\"Yếu\" from=\"0\"/></bands>\n");
  for (int f = 1; f <= FIELDS; f++)
    {
      g_string_append_printf (xml, "  <field code=\"%d\" max=\"%d\">\n    <title>Lĩnh vực cải cách hành chính số %d</title>\n",
                              f, CRITERIA * SUBS, f);
      for (int c = 1; c <= CRITERIA; c++)
        {
          g_string_append_printf (xml, "    <criterion code=\"%d.%d\" max=\"%d\">\n      <title>Tiêu chí %d.%d về kế hoạch và kết quả thực hiện</title>\n",
                                  f, c, SUBS, f, c);
          for (int s = 1; s <= SUBS; s++)
            g_string_append_printf (xml,
                                    "      <sub code=\"%d.%d.%d\" max=\"1\" not-applicable=\"allowed\">\n"
                                    "        <title>Tỷ lệ nhiệm vụ %d.%d.%d hoàn thành đúng hạn trong năm</title>\n"
                                    "        <description>Trên 90%%: 1 điểm; từ 70%% đến 90%%: 0,5 điểm; dưới 70%%: 0 điểm.</description>\n"
                                    "        <evidence><hint>Báo cáo CCHC năm</hint><hint>Kế hoạch CCHC năm</hint></evidence>\n"
                                    "        <inputs>\n"
                                    "          <input id=\"done\" type=\"integer\" label=\"Số nhiệm vụ hoàn thành\" unit=\"nhiệm vụ\"/>\n"
                                    "          <input id=\"planned\" type=\"integer\" label=\"Tổng số nhiệm vụ\" unit=\"nhiệm vụ\"/>\n"
                                    "        </inputs>\n"
                                    "        <rule type=\"ratio-tiers\" numerator=\"done\" denominator=\"planned\">\n"
                                    "          <tier above=\"90\" points=\"1\"/><tier from=\"70\" points=\"0.5\"/>\n"
                                    "        </rule>\n"
                                    "      </sub>\n",
                                    f, c, s, f, c, s);
          g_string_append (xml, "    </criterion>\n");
        }
      g_string_append (xml, "  </field>\n");
    }
  g_string_append (xml, "</criteria-set>\n");
  return g_string_free (xml, FALSE);
}

static gboolean
is_complete (const char *path)
{
  g_autoptr(ParStore) store = NULL;
  g_autoptr(GPtrArray) units = NULL;
  g_autoptr(GPtrArray) last = NULL;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return FALSE;
  store = par_store_open (path, NULL);
  if (store == NULL)
    return FALSE;
  units = par_store_list_units (store, NULL);
  if (units == NULL || units->len != UNITS)
    return FALSE;
  last = par_store_list_assessments (store, ((ParUnit *) g_ptr_array_index (units, UNITS - 1))->id, NULL);
  return last != NULL && last->len == YEARS;
}

gboolean
bench_startup_db (const char  *path,
                  GError     **error)
{
  g_autoptr(ParStore) store = NULL;
  g_autoptr(ParFramework) framework = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *tmp = NULL;
  GPtrArray *leaves;
  gint64 row;
  gint64 t0 = g_get_monotonic_time ();
  guint32 seed = 12345;

  if (is_complete (path))
    return TRUE;

  /* Built beside, then renamed: an interrupted build is never taken for a complete one. */
  tmp = g_strdup_printf ("%s.part", path);
  g_unlink (tmp);
  {
    g_autofree char *wal = g_strdup_printf ("%s-wal", tmp);
    g_autofree char *shm = g_strdup_printf ("%s-shm", tmp);
    g_unlink (wal);
    g_unlink (shm);
  }

  fprintf (stderr, "bench: building %s (%d units × %d years × %d sub-criteria × %d documents)…\n",
           path, UNITS, YEARS, FIELDS * CRITERIA * SUBS, DOCUMENTS);
  {
    char *xml = framework_xml ();
    bytes = g_bytes_new_take (xml, strlen (xml));
  }
  framework = par_framework_load_bytes (bytes, "bench-startup.xml", error);
  if (framework == NULL)
    return FALSE;
  store = par_store_open (tmp, error);
  if (store == NULL)
    return FALSE;
  row = par_store_import_framework (store, framework, error);
  if (row <= 0)
    return FALSE;
  leaves = par_framework_get_leaves (framework);

  for (int u = 0; u < UNITS; u++)
    {
      g_autofree char *name = g_strdup_printf ("Sở thứ %02d của tỉnh", u + 1);
      gint64 unit = par_store_add_unit (store, name, PAR_LEVEL_DEPARTMENT, error);

      if (unit <= 0)
        return FALSE;
      for (int y = 0; y < YEARS; y++)
        {
          gint64 assessment = par_store_create_assessment (store, unit, 2014 + y, row, error);
          g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) par_entry_free);

          if (assessment <= 0)
            return FALSE;
          for (guint l = 0; l < leaves->len; l++)
            {
              const ParNode *leaf = g_ptr_array_index (leaves, l);
              ParEntry *entry = par_entry_new (leaf->code);
              char done[16], planned[16];

              seed = seed * 1103515245 + 12345;
              g_snprintf (planned, sizeof planned, "%u", 20 + (seed >> 16) % 80);
              g_snprintf (done, sizeof done, "%u", (seed >> 8) % (20 + (seed >> 16) % 80 + 1));
              par_entry_set_input (entry, "done", done);
              par_entry_set_input (entry, "planned", planned);
              g_ptr_array_add (entries, entry);

              for (int d = 0; d < DOCUMENTS; d++)
                {
                  ParDocument document = { 0 };
                  ParEvidenceLink link = { 0 };
                  g_autofree char *number = g_strdup_printf ("%d/KH-S%02d", (int) (l * DOCUMENTS + d + 1), u + 1);
                  g_autofree char *date = g_strdup_printf ("%d-%02d-%02d", 2014 + y, 1 + d, 10 + d);
                  g_autofree char *summary = g_strdup_printf ("Kế hoạch thực hiện nhiệm vụ %s năm %d", leaf->code, 2014 + y);

                  document.kind = (char *) "KH";
                  document.number = number;
                  document.issue_date = date;
                  document.issuer = name;
                  document.summary = summary;
                  link.document_id = par_store_add_document (store, &document, error);
                  if (link.document_id <= 0)
                    return FALSE;
                  link.assessment_id = assessment;
                  link.code = leaf->code;
                  if (!par_store_link_evidence (store, &link, error))
                    return FALSE;
                }
            }
          if (!par_store_save_entries (store, assessment, entries, error))
            return FALSE;
        }
      if ((u + 1) % 10 == 0)
        fprintf (stderr, "bench: %d units, %.0f s\n", u + 1, (g_get_monotonic_time () - t0) / 1e6);
    }

  g_clear_object (&store);
  if (g_rename (tmp, path) != 0)
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno), "rename %s: %s", tmp, g_strerror (errno));
      return FALSE;
    }
  fprintf (stderr, "bench: database ready in %.0f s\n", (g_get_monotonic_time () - t0) / 1e6);
  return TRUE;
}
