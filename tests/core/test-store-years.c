/* test-store-years.c — the years of a unit: a set that fits the year and the level, a year
 * started from the previous one, removing a year or a unit.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "par-core.h"
#include "par-store-private.h"
#include "par-test-util.h"
#include "store-fixture.h"

static gint64
import_file (Fixture    *f,
             const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_getenv ("PARSCORE_DATADIR"), "frameworks", name,
                                            NULL);
  g_autoptr(ParFramework) framework = par_framework_load_file (path, &error);
  gint64 row;

  g_assert_no_error (error);
  row = par_store_import_framework (f->store, framework, &error);
  g_assert_no_error (error);
  return row;
}

static guint
n_assessments (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = par_store_list_assessments (f->store, 0, &error);

  g_assert_no_error (error);
  return all->len;
}

static guint
n_audit (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = par_store_list_audit (f->store, 0, &error);

  g_assert_no_error (error);
  return all->len;
}

static void
cite (Fixture    *f,
      gint64      assessment_id,
      const char *code,
      gint64      document_id,
      const char *section,
      const char *pages)
{
  g_autoptr(GError) error = NULL;
  ParEvidenceLink l = {
    .document_id = document_id, .assessment_id = assessment_id, .code = (char *) code,
    .section = (char *) section, .pages = (char *) pages,
  };

  g_assert_true (par_store_link_evidence (f->store, &l, &error));
  g_assert_no_error (error);
}

/* Joins an assessment's links as "code:document:section:pages;…". */
static char *
links_text (Fixture *f,
            gint64   assessment_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) links = par_store_list_evidence (f->store, assessment_id, NULL, &error);
  GString *text = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < links->len; i++)
    {
      ParEvidenceLink *l = links->pdata[i];

      g_string_append_printf (text, "%s:%" G_GINT64_FORMAT ":%s:%s;", l->code, l->document_id,
                              l->section ? l->section : "", l->pages ? l->pages : "");
    }
  return g_string_free (text, FALSE);
}

/* A criteria set scores the years and the levels it is made for, and says so. */
static void
test_set_fits (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 district, original_row;
  guint before_audit = n_audit (f);

  /* The fixture's set is for 2013–2030 and for departments. */
  g_assert_cmpint (par_store_create_assessment (f->store, f->unit_id, 2012, f->framework_row,
                                                &error), ==, 0);
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "The criteria set “camau-2013-department-field1” is for the years 2013 to "
                   "2030; it cannot score 2012. Choose a criteria set for 2012.");
  g_clear_error (&error);

  /* The shipped excerpt is for 2013 alone. */
  original_row = import_file (f, "camau-2013-field1.xml");
  g_assert_cmpint (par_store_create_assessment (f->store, f->unit_id, 2014, original_row,
                                                &error), ==, 0);
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "The criteria set “camau-2013-department-field1” is for 2013; it cannot "
                   "score 2014. Choose a criteria set for 2014.");
  g_clear_error (&error);
  {
    gint64 id2013 = par_store_create_assessment (f->store, f->unit_id, 2013, original_row,
                                                 &error);
    g_autoptr(ParAssessment) a2013 = NULL;

    g_assert_no_error (error);
    a2013 = par_store_get_assessment (f->store, id2013, &error);
    g_assert_no_error (error);
    g_assert_cmpint (a2013->year, ==, 2013);
    g_assert_cmpint (a2013->framework_row, ==, original_row);
  }

  district = par_store_add_unit (f->store, "Huyện Đầm Dơi", PAR_LEVEL_DISTRICT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (par_store_create_assessment (f->store, district, 2020, f->framework_row,
                                                &error), ==, 0);
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "“Huyện Đầm Dơi” is a district, but the criteria set "
                   "“camau-2013-department-field1” is for departments and boards. Choose a "
                   "criteria set for its level.");
  g_clear_error (&error);

  /* Refused years leave nothing behind: one year and two audit rows (unit, 2013) more. */
  g_assert_cmpuint (n_assessments (f), ==, 2);
  g_assert_cmpuint (n_audit (f), ==, before_audit + 3);  /* framework, 2013, district unit */
}

/* A new year starts from the latest earlier one: its set, and on request its evidence links
 * for the sub-criteria the new set still scores, in one audited transaction. */
static void
test_from_previous (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParAssessment) a2021 = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *what = NULL;
  gint64 plan, report, id2021, id2022, id2024, sample_row;
  const ParAuditEntry *row;

  plan = add_document (f, "KH", "06/KH-KCNĐN", "2020-01-21", NULL, NULL);
  report = add_document (f, "BC", "123/BC-KCNĐN", "2020-06-15", NULL, NULL);
  cite (f, f->assessment_id, "1.1.1", plan, NULL, NULL);
  cite (f, f->assessment_id, "1.1.4", plan, "Phụ lục 2", "5-7");
  cite (f, f->assessment_id, "1.2.1", report, NULL, "3");
  {
    g_autoptr(ParEntry) entry = par_entry_new ("1.1.4");

    par_entry_set_input (entry, "done", "19");
    par_entry_set_input (entry, "planned", "20");
    g_assert_true (par_store_save_entry (f->store, f->assessment_id, entry, &error));
    g_assert_no_error (error);
  }
  g_assert_true (par_store_set_status (f->store, f->assessment_id, PAR_STATUS_SUBMITTED, &error));
  g_assert_no_error (error);

  /* Nothing before 2020. */
  g_assert_cmpint (par_store_create_assessment_from_previous (f->store, f->unit_id, 2019, 0,
                                                              PAR_CARRY_EVIDENCE, &error), ==, 0);
  g_assert_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==,
                   "“Ban Quản lý các Khu công nghiệp” has no self-assessment before 2019 to "
                   "start from.");
  g_clear_error (&error);

  id2021 = par_store_create_assessment_from_previous (f->store, f->unit_id, 2021, 0,
                                                      PAR_CARRY_EVIDENCE, &error);
  g_assert_no_error (error);
  a2021 = par_store_get_assessment (f->store, id2021, &error);
  g_assert_no_error (error);
  g_assert_cmpint (a2021->year, ==, 2021);
  g_assert_cmpint (a2021->framework_row, ==, f->framework_row);
  g_assert_cmpint (a2021->status, ==, PAR_STATUS_DRAFT);
  text = links_text (f, id2021);
  expected = g_strdup_printf ("1.1.1:%" G_GINT64_FORMAT "::;1.1.4:%" G_GINT64_FORMAT
                              ":Phụ lục 2:5-7;1.2.1:%" G_GINT64_FORMAT "::3;",
                              plan, plan, report);
  g_assert_cmpstr (text, ==, expected);
  g_clear_pointer (&text, g_free);
  entries = par_store_get_entries (f->store, id2021, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 0);  /* figures are entered anew */

  what = g_strdup_printf ("assessment %" G_GINT64_FORMAT " created", id2021);
  audit = audit_rows (f->store, what);
  g_assert_cmpuint (audit->len, ==, 1);
  row = audit->pdata[0];
  g_assert_cmpstr (row->new_value, ==,
                   "Ban Quản lý các Khu công nghiệp 2021 camau-2013-department-field1 from 2020");
  g_clear_pointer (&audit, g_ptr_array_unref);
  g_clear_pointer (&what, g_free);
  what = g_strdup_printf ("assessment %" G_GINT64_FORMAT " entry 1.1.4 evidence %" G_GINT64_FORMAT,
                          id2021, plan);
  audit = audit_rows (f->store, what);
  g_assert_cmpuint (audit->len, ==, 1);
  row = audit->pdata[0];
  g_assert_null (row->old_value);
  g_assert_cmpstr (row->new_value, ==, "06/KH-KCNĐN (Phụ lục 2; p. 5-7)");

  /* Without evidence: an empty year; from the latest earlier year (2021, not 2020). */
  id2022 = par_store_create_assessment_from_previous (f->store, f->unit_id, 2022, 0,
                                                      PAR_CARRY_NOTHING, &error);
  g_assert_no_error (error);
  text = links_text (f, id2022);
  g_assert_cmpstr (text, ==, "");
  g_clear_pointer (&text, g_free);

  /* Another set: only the sub-criteria it scores are cited again (1.1.4 is not in it). */
  sample_row = import_file (f, "sample-department.xml");
  id2024 = par_store_create_assessment_from_previous (f->store, f->unit_id, 2024, sample_row,
                                                      PAR_CARRY_EVIDENCE, &error);
  g_assert_no_error (error);
  {
    g_autoptr(ParAssessment) a2024 = par_store_get_assessment (f->store, id2024, &error);

    g_assert_no_error (error);
    g_assert_cmpint (a2024->year, ==, 2024);
    g_assert_cmpint (a2024->framework_row, ==, sample_row);
  }
  text = links_text (f, id2024);
  g_assert_cmpstr (text, ==, "");  /* 2022 cites nothing */
  g_clear_pointer (&text, g_free);
  g_assert_true (par_store_remove_assessment (f->store, id2024, FALSE, NULL, &error));
  g_assert_true (par_store_remove_assessment (f->store, id2022, FALSE, NULL, &error));
  g_assert_no_error (error);
  id2024 = par_store_create_assessment_from_previous (f->store, f->unit_id, 2024, sample_row,
                                                      PAR_CARRY_EVIDENCE, &error);
  g_assert_no_error (error);
  text = links_text (f, id2024);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("1.1.1:%" G_GINT64_FORMAT "::;1.2.1:%" G_GINT64_FORMAT "::3;",
                              plan, report);
  g_assert_cmpstr (text, ==, expected);
  g_clear_pointer (&text, g_free);

  /* All or nothing: a year that exists already carries nothing. */
  {
    guint before = n_audit (f);

    g_assert_cmpint (par_store_create_assessment_from_previous (f->store, f->unit_id, 2021, 0,
                                                                PAR_CARRY_EVIDENCE, &error),
                     ==, 0);
    g_assert_error (error, PAR_ERROR, PAR_ERROR_EXISTS);
    g_clear_error (&error);
    g_assert_cmpuint (n_audit (f), ==, before);
  }
  /* …and a set that does not fit refuses the year before anything is copied. */
  g_assert_cmpint (par_store_create_assessment_from_previous (f->store, f->unit_id, 2031, 0,
                                                              PAR_CARRY_EVIDENCE, &error), ==, 0);
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (n_assessments (f), ==, 3);
}

/* Removing a year: its entries and links go, the documents only it cites go with their files,
 * documents other years cite (or none does) stay; a locked year needs force; audited. */
static void
test_remove_assessment (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autofree char *src = g_build_filename (f->tmpdir, "plan.pdf", NULL);
  g_autofree char *shared_src = g_build_filename (f->tmpdir, "report.pdf", NULL);
  g_autofree char *plan_blob = NULL;
  g_autofree char *report_blob = NULL;
  g_autofree char *what = NULL;
  gint64 own, shared, unused, id2021;
  const ParAuditEntry *row;

  own = add_document (f, "KH", "06/KH-KCNĐN", "2020-01-21", NULL, NULL);
  shared = add_document (f, "BC", "123/BC-KCNĐN", "2020-06-15", NULL, NULL);
  unused = add_document (f, "QĐ", "7/QĐ-KCN", NULL, NULL, NULL);
  write_file (src, "%PDF-1.4 plan 2020", -1);
  write_file (shared_src, "%PDF-1.4 report", -1);
  g_assert_cmpint (par_store_attach_file (f->store, own, src, NULL, &error), >, 0);
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) list = par_store_list_attachments (f->store, own, &error);

    plan_blob = par_store_attachment_path (f->store, list->pdata[0]);
  }
  g_assert_cmpint (par_store_attach_file (f->store, shared, shared_src, NULL, &error), >, 0);
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) list = par_store_list_attachments (f->store, shared, &error);

    report_blob = par_store_attachment_path (f->store, list->pdata[0]);
  }
  cite (f, f->assessment_id, "1.1.1", own, NULL, NULL);
  cite (f, f->assessment_id, "1.2.1", shared, NULL, NULL);
  {
    g_autoptr(ParEntry) entry = par_entry_new ("1.1.4");

    par_entry_set_input (entry, "done", "19");
    par_entry_set_input (entry, "planned", "20");
    g_assert_true (par_store_save_entry (f->store, f->assessment_id, entry, &error));
    g_assert_no_error (error);
  }
  id2021 = par_store_create_assessment (f->store, f->unit_id, 2021, f->framework_row, &error);
  g_assert_no_error (error);
  cite (f, id2021, "1.2.1", shared, NULL, NULL);

  /* Submitted: refused unless forced, and nothing changed. */
  g_assert_true (par_store_set_status (f->store, f->assessment_id, PAR_STATUS_SUBMITTED, &error));
  g_assert_false (par_store_remove_assessment (f->store, f->assessment_id, FALSE, "Nhập nhầm",
                                               &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_LOCKED);
  g_assert_cmpstr (error->message, ==,
                   "The 2020 self-assessment of Ban Quản lý các Khu công nghiệp is submitted and "
                   "locked; it is removed only when the removal is forced.");
  g_clear_error (&error);
  g_assert_cmpuint (n_assessments (f), ==, 2);
  g_assert_true (g_file_test (plan_blob, G_FILE_TEST_EXISTS));
  {
    g_autoptr(ParEntry) still = par_store_get_entry (f->store, f->assessment_id, "1.1.4", &error);

    g_assert_no_error (error);
    g_assert_cmpstr (par_entry_get_input (still, "done"), ==, "19");
  }

  /* Forcing past the lock needs a reason, as unlocking does; a blank one is none. */
  g_assert_false (par_store_remove_assessment (f->store, f->assessment_id, TRUE, " \t", &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "Removing the 2020 self-assessment of Ban Quản lý các Khu công nghiệp, which "
                   "is submitted, needs a reason; it is kept in the audit log.");
  g_clear_error (&error);
  g_assert_cmpuint (n_assessments (f), ==, 2);

  g_assert_true (par_store_remove_assessment (f->store, f->assessment_id, TRUE,
                                              "  Nhập nhầm năm  ", &error));
  g_assert_no_error (error);

  g_assert_null (par_store_get_assessment (f->store, f->assessment_id, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (par_store_get_entries (f->store, f->assessment_id, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* Only 2020 cited the plan: it went with its file; the report and the unused one stay. */
  g_assert_null (par_store_get_document (f->store, own, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (g_file_test (plan_blob, G_FILE_TEST_EXISTS));
  {
    g_autoptr(ParDocument) kept = par_store_get_document (f->store, shared, &error);
    g_autoptr(ParDocument) kept_unused = par_store_get_document (f->store, unused, &error);
    g_autoptr(GPtrArray) all = par_store_list_attachments (f->store, 0, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (kept->number, ==, "123/BC-KCNĐN");
    g_assert_cmpstr (kept_unused->number, ==, "7/QĐ-KCN");
    g_assert_cmpuint (all->len, ==, 1);
    g_assert_cmpint (((ParAttachment *) all->pdata[0])->document_id, ==, shared);
  }
  g_assert_true (g_file_test (report_blob, G_FILE_TEST_EXISTS));
  {
    g_autofree char *text = links_text (f, id2021);
    g_autofree char *want = g_strdup_printf ("1.2.1:%" G_GINT64_FORMAT "::;", shared);

    g_assert_cmpstr (text, ==, want);
  }

  what = g_strdup_printf ("assessment %" G_GINT64_FORMAT " removed", f->assessment_id);
  audit = audit_rows (f->store, what);
  g_assert_cmpuint (audit->len, ==, 1);
  row = audit->pdata[0];
  g_assert_cmpstr (row->old_value, ==,
                   "Ban Quản lý các Khu công nghiệp 2020 camau-2013-department-field1 submitted, "
                   "1 entries");
  g_assert_null (row->new_value);
  g_assert_cmpstr (row->reason, ==, "Nhập nhầm năm");
  g_assert_cmpstr (row->actor, ==, g_get_user_name ());
  g_clear_pointer (&audit, g_ptr_array_unref);
  g_clear_pointer (&what, g_free);
  what = g_strdup_printf ("document %" G_GINT64_FORMAT " deleted", own);
  audit = audit_rows (f->store, what);
  g_assert_cmpuint (audit->len, ==, 1);
  g_assert_cmpstr (((ParAuditEntry *) audit->pdata[0])->old_value, ==, "KH 06/KH-KCNĐN");

  /* A draft needs no force; an unknown one is not found. */
  g_assert_true (par_store_remove_assessment (f->store, id2021, FALSE, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_assessments (f), ==, 0);
  g_clear_pointer (&audit, g_ptr_array_unref);
  g_clear_pointer (&what, g_free);
  what = g_strdup_printf ("assessment %" G_GINT64_FORMAT " removed", id2021);
  audit = audit_rows (f->store, what);
  g_assert_cmpuint (audit->len, ==, 1);
  g_assert_cmpstr (((ParAuditEntry *) audit->pdata[0])->old_value, ==,
                   "Ban Quản lý các Khu công nghiệp 2021 camau-2013-department-field1 draft, "
                   "0 entries");
  g_assert_null (((ParAuditEntry *) audit->pdata[0])->reason);
  g_assert_false (par_store_remove_assessment (f->store, id2021, TRUE, "x", &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND);
}

/* Removing a unit removes its years, with the same rule for locked ones. */
static void
test_remove_unit (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) units = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autofree char *what = NULL;
  gint64 other, other_year, id2021;

  other = par_store_add_unit (f->store, "Thanh tra tỉnh", PAR_LEVEL_DEPARTMENT, &error);
  g_assert_no_error (error);
  other_year = par_store_create_assessment (f->store, other, 2020, f->framework_row, &error);
  g_assert_no_error (error);
  id2021 = par_store_create_assessment (f->store, f->unit_id, 2021, f->framework_row, &error);
  g_assert_no_error (error);
  g_assert_true (par_store_set_status (f->store, id2021, PAR_STATUS_APPRAISED, &error));
  g_assert_no_error (error);

  g_assert_false (par_store_remove_unit (f->store, f->unit_id, FALSE, NULL, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_LOCKED);
  g_assert_cmpstr (error->message, ==,
                   "The 2021 self-assessment of Ban Quản lý các Khu công nghiệp is appraised and "
                   "locked; it is removed only when the removal is forced.");
  g_clear_error (&error);
  /* All or nothing: the draft 2020 is still there. */
  g_assert_cmpuint (n_assessments (f), ==, 3);

  g_assert_false (par_store_remove_unit (f->store, f->unit_id, TRUE, NULL, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (n_assessments (f), ==, 3);

  g_assert_true (par_store_remove_unit (f->store, f->unit_id, TRUE, "Sáp nhập", &error));
  g_assert_no_error (error);
  units = par_store_list_units (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (units->len, ==, 1);
  g_assert_cmpstr (((ParUnit *) units->pdata[0])->name, ==, "Thanh tra tỉnh");
  g_assert_cmpuint (n_assessments (f), ==, 1);
  {
    g_autoptr(ParAssessment) left = par_store_get_assessment (f->store, other_year, &error);

    g_assert_no_error (error);
    g_assert_cmpint (left->unit_id, ==, other);
  }

  what = g_strdup_printf ("unit %" G_GINT64_FORMAT " removed", f->unit_id);
  audit = audit_rows (f->store, what);
  g_assert_cmpuint (audit->len, ==, 1);
  g_assert_cmpstr (((ParAuditEntry *) audit->pdata[0])->old_value, ==,
                   "Ban Quản lý các Khu công nghiệp");
  g_assert_cmpstr (((ParAuditEntry *) audit->pdata[0])->reason, ==, "Sáp nhập");
  g_clear_pointer (&audit, g_ptr_array_unref);
  audit = audit_rows (f->store, "assessment ");
  {
    guint removed = 0;

    for (guint i = 0; i < audit->len; i++)
      if (g_str_has_suffix (((ParAuditEntry *) audit->pdata[i])->what, " removed"))
        {
          g_assert_cmpstr (((ParAuditEntry *) audit->pdata[i])->reason, ==, "Sáp nhập");
          removed++;
        }
    g_assert_cmpuint (removed, ==, 2);
  }

  g_assert_false (par_store_remove_unit (f->store, f->unit_id, TRUE, "x", &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND);
}

/* The audit log names who made each change: the login name unless the app gives a name; a
 * status change keeps the reason given. */
static void
test_actor_and_reason (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autofree char *what = g_strdup_printf ("assessment %" G_GINT64_FORMAT " status",
                                           f->assessment_id);
  ParAuditEntry *row;

  g_assert_cmpstr (par_store_get_actor (f->store), ==, g_get_user_name ());
  /* The fixture's own rows name the login name. */
  audit = par_store_list_audit (f->store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (audit->len, ==, 3);  /* framework, unit, year */
  for (guint i = 0; i < audit->len; i++)
    {
      g_assert_cmpstr (((ParAuditEntry *) audit->pdata[i])->actor, ==, g_get_user_name ());
      g_assert_null (((ParAuditEntry *) audit->pdata[i])->reason);
    }
  g_clear_pointer (&audit, g_ptr_array_unref);

  par_store_set_actor (f->store, "  Nguyễn Văn A ");
  g_assert_cmpstr (par_store_get_actor (f->store), ==, "Nguyễn Văn A");
  g_assert_true (par_store_set_status_with_reason (f->store, f->assessment_id,
                                                   PAR_STATUS_SUBMITTED, "  Gửi Sở Nội vụ ",
                                                   &error));
  g_assert_no_error (error);
  par_store_set_actor (f->store, "   ");
  g_assert_cmpstr (par_store_get_actor (f->store), ==, g_get_user_name ());
  g_assert_true (par_store_set_status (f->store, f->assessment_id, PAR_STATUS_APPRAISED, &error));
  g_assert_no_error (error);
  /* Going back needs a reason (a blank one is none); nothing changes without one. */
  g_assert_false (par_store_set_status (f->store, f->assessment_id, PAR_STATUS_DRAFT, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "Unlocking the 2020 self-assessment of Ban Quản lý các Khu công nghiệp needs a "
                   "reason; it is kept in the audit log.");
  g_clear_error (&error);
  g_assert_false (par_store_set_status_with_reason (f->store, f->assessment_id,
                                                    PAR_STATUS_SUBMITTED, " ", &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "Reopening the appraisal of the 2020 self-assessment of Ban Quản lý các Khu "
                   "công nghiệp needs a reason; it is kept in the audit log.");
  g_clear_error (&error);
  {
    g_autoptr(ParAssessment) still = par_store_get_assessment (f->store, f->assessment_id, &error);

    g_assert_no_error (error);
    g_assert_cmpint (still->status, ==, PAR_STATUS_APPRAISED);
  }
  par_store_set_actor (f->store, "Lê C");
  g_assert_true (par_store_set_status_with_reason (f->store, f->assessment_id, PAR_STATUS_DRAFT,
                                                   "Hội đồng trả lại để bổ sung 1.2.1", &error));
  g_assert_no_error (error);
  par_store_set_actor (f->store, NULL);
  g_assert_cmpstr (par_store_get_actor (f->store), ==, g_get_user_name ());

  audit = audit_rows (f->store, what);
  g_assert_cmpuint (audit->len, ==, 3);
  row = audit->pdata[0];
  g_assert_cmpstr (row->new_value, ==, "submitted");
  g_assert_cmpstr (row->actor, ==, "Nguyễn Văn A");
  g_assert_cmpstr (row->reason, ==, "Gửi Sở Nội vụ");
  row = audit->pdata[1];
  g_assert_cmpstr (row->new_value, ==, "appraised");
  g_assert_cmpstr (row->actor, ==, g_get_user_name ());
  g_assert_null (row->reason);
  row = audit->pdata[2];
  g_assert_cmpstr (row->old_value, ==, "appraised");
  g_assert_cmpstr (row->new_value, ==, "draft");
  g_assert_cmpstr (row->actor, ==, "Lê C");
  g_assert_cmpstr (row->reason, ==, "Hội đồng trả lại để bổ sung 1.2.1");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/store/years/set-fits", test_set_fits);
  ADD ("/store/years/from-previous", test_from_previous);
  ADD ("/store/years/remove-assessment", test_remove_assessment);
  ADD ("/store/years/remove-unit", test_remove_unit);
  ADD ("/store/years/actor-and-reason", test_actor_and_reason);

  return g_test_run ();
}
