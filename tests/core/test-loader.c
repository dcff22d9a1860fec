/* test-loader.c — loading criteria sets: the shipped files, every kind of invalid file, hostile
 * files (entities, bombs, network references, huge files, odd paths).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "par-error.h"
#include "par-framework-loader-private.h"
#include "par-text.h"
#include "par-framework.h"
#include "par-test-util.h"

/* Seven lines; a test's body starts on line 8. The set's maximum is a parameter. */
#define HEAD_BANDS(max, bands) \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
  "<criteria-set xmlns=\"urn:x-parscore:criteria-set:1\" id=\"t\" max=\"" max "\">\n" \
  "<title>Bộ chỉ số thử</title>\n" \
  "<decision number=\"1/QĐ-UBND\" issuer=\"UBND tỉnh\">Thử</decision>\n" \
  "<years from=\"2023\" to=\"2023\"/>\n" \
  "<level>department</level>\n" \
  bands "\n"
#define BANDS "<bands><band name=\"Tốt\" from=\"80\"/><band name=\"Khá\" from=\"50\"/>" \
              "<band name=\"Yếu\" from=\"0\"/></bands>"
#define HEAD(max) HEAD_BANDS (max, BANDS)
#define TAIL "</criteria-set>\n"
/* A manual leaf on one line. */
#define MANUAL(kind, code, max) \
  "<" kind " code=\"" code "\" max=\"" max "\"><title>Tiêu chí " code "</title>" \
  "<rule type=\"manual\"/></" kind ">\n"
/* Line 8 opens field 1 (max 10), line 9 criterion 1.1 (max 10); leaves from line 10. */
#define OPEN "<field code=\"1\" max=\"10\"><title>Lĩnh vực 1</title>\n" \
             "<criterion code=\"1.1\" max=\"10\"><title>Tiêu chí 1.1</title>\n"
#define CLOSE "</criterion></field>\n"
/* One leaf 1.1.1 of max 2 on line 10 with the given inputs and rule, inside a field and
 * criterion capped at 2 (so the maxima add up). */
#define ONE_LEAF(inputs, rule) \
  HEAD ("2") \
  "<field code=\"1\" max=\"2\"><title>Lĩnh vực 1</title>\n" \
  "<criterion code=\"1.1\" max=\"2\"><title>Tiêu chí 1.1</title>\n" \
  "<sub code=\"1.1.1\" max=\"2\"><title>Tiêu chí 1.1.1</title><inputs>" inputs "</inputs>" \
  rule "</sub>\n" \
  CLOSE TAIL

/* The same without inputs, for manual rules. */
#define ONE_MANUAL(rule) \
  HEAD ("2") \
  "<field code=\"1\" max=\"2\"><title>Lĩnh vực 1</title>\n" \
  "<criterion code=\"1.1\" max=\"2\"><title>Tiêu chí 1.1</title>\n" \
  "<sub code=\"1.1.1\" max=\"2\"><title>Tiêu chí 1.1.1</title>" rule "</sub>\n" \
  CLOSE TAIL

#define VALID \
  HEAD ("10") OPEN MANUAL ("sub", "1.1.1", "4") MANUAL ("sub", "1.1.2", "6") CLOSE TAIL

static const char *
datadir (void)
{
  const char *dir = g_getenv ("PARSCORE_DATADIR");
  return dir != NULL ? dir : SOURCE_DATADIR;
}

static ParFramework *
load_string (const char  *xml,
             GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (xml, strlen (xml));
  return par_framework_load_bytes (bytes, "t.xml", error);
}

static void
assert_refused (const char *xml,
                int         code,
                const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParFramework) fw = load_string (xml, &error);

  g_assert_null (fw);
  g_assert_error (error, PAR_ERROR, code);
  g_assert_cmpstr (error->message, ==, message);
}

/* Refused by the schema or by the loader's own checks, with this prefix. */
static void
assert_refused_any (const char *xml,
                    const char *prefix)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParFramework) fw = load_string (xml, &error);

  g_assert_null (fw);
  g_assert_nonnull (error);
  g_assert_true (g_error_matches (error, PAR_ERROR, PAR_ERROR_FORMAT) ||
                 g_error_matches (error, PAR_ERROR, PAR_ERROR_INVALID));
  if (!g_str_has_prefix (error->message, prefix))
    g_error ("message “%s” does not start with “%s”", error->message, prefix);
}

/* For messages that end in libxml2's own wording: the part that is ours must match. */
static char *
refused_with_prefix (const char *xml,
                     int         code,
                     const char *prefix)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParFramework) fw = load_string (xml, &error);

  g_assert_null (fw);
  g_assert_error (error, PAR_ERROR, code);
  if (!g_str_has_prefix (error->message, prefix))
    g_error ("message “%s” does not start with “%s”", error->message, prefix);
  return g_strdup (error->message);
}

static ParFramework *
assert_loads (const char *xml)
{
  g_autoptr(GError) error = NULL;
  ParFramework *fw = load_string (xml, &error);

  g_assert_no_error (error);
  g_assert_nonnull (fw);
  return fw;
}

static char *
make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("parscore-loader-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}


/* --- the shipped sets ------------------------------------------------------------------------ */

static void
test_camau (void)
{
  g_autofree char *path = g_build_filename (datadir (), "frameworks", "camau-2013-field1.xml", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ParFramework) fw = par_framework_load_file (path, &error);
  g_autofree char *contents = NULL;
  g_autofree char *sha = NULL;
  gsize len;
  const ParNode *node;
  const ParBand *band;
  const ParTier *tier;
  int from = 0, to = 0;

  g_assert_no_error (error);
  g_assert_nonnull (fw);

  g_assert_cmpstr (par_framework_get_id (fw), ==, "camau-2013-department-field1");
  g_assert_cmpstr (par_framework_get_title (fw), ==,
                   "Bộ chỉ số CCHC các sở, ban, ngành tỉnh Cà Mau năm 2013 — trích lĩnh vực 1");
  g_assert_cmpstr (par_framework_get_title_en (fw), ==,
                   "Cà Mau 2013 PAR criteria for departments — field 1 excerpt");
  g_assert_false (par_framework_is_sample (fw));
  g_assert_cmpstr (par_framework_get_decision_number (fw), ==, "1880/QĐ-UBND");
  g_assert_null (par_framework_get_decision_date (fw));
  g_assert_cmpstr (par_framework_get_decision_issuer (fw), ==, "Ủy ban nhân dân tỉnh Cà Mau");
  g_assert_true (g_str_has_prefix (par_framework_get_decision_summary (fw),
                                   "Ban hành Bộ chỉ số theo dõi, đánh giá"));
  par_framework_get_years (fw, &from, &to);
  g_assert_cmpint (from, ==, 2013);
  g_assert_cmpint (to, ==, 2013);
  g_assert_cmpint (par_framework_get_levels (fw), ==, PAR_LEVEL_DEPARTMENT);
  g_assert_cmpstr (par_framework_get_language (fw), ==, "vi");
  g_assert_cmpint (par_framework_get_max (fw), ==, 700);

  g_assert_cmpuint (par_framework_get_fields (fw)->len, ==, 1);
  g_assert_cmpuint (par_framework_count_kind (fw, PAR_NODE_FIELD), ==, 1);
  g_assert_cmpuint (par_framework_count_kind (fw, PAR_NODE_CRITERION), ==, 2);
  g_assert_cmpuint (par_framework_count_kind (fw, PAR_NODE_SUB), ==, 6);
  g_assert_cmpuint (par_framework_get_leaves (fw)->len, ==, 6);
  g_assert_cmpuint (par_framework_get_adjustments (fw)->len, ==, 0);

  /* The bands as written, highest first. */
  g_assert_cmpuint (par_framework_get_bands (fw)->len, ==, 4);
  band = g_ptr_array_index (par_framework_get_bands (fw), 0);
  g_assert_cmpstr (band->name, ==, "Tốt");
  g_assert_cmpstr (band->name_en, ==, "Good");
  g_assert_cmpint (band->bound, ==, 8000);
  g_assert_true (band->inclusive);
  band = g_ptr_array_index (par_framework_get_bands (fw), 3);
  g_assert_cmpstr (band->name, ==, "Yếu");
  g_assert_cmpint (band->bound, ==, 0);

  /* Leaves in file order, with their rules. */
  node = g_ptr_array_index (par_framework_get_leaves (fw), 0);
  g_assert_cmpstr (node->code, ==, "1.1.1");
  g_assert_cmpuint (node->leaf_index, ==, 0);
  g_assert_cmpint (node->kind, ==, PAR_NODE_SUB);
  g_assert_cmpint (node->rule->type, ==, PAR_RULE_TIMELINESS);
  g_assert_cmpstr (node->rule->status, ==, "status");
  g_assert_cmpint (node->rule->on_time, ==, 100);
  g_assert_cmpint (node->rule->late, ==, 50);
  g_assert_cmpint (node->rule->not_done, ==, 0);
  g_assert_false (node->na_allowed);
  g_assert_cmpstr (node->evidence_hints->pdata[0], ==, "Kế hoạch CCHC năm của đơn vị (số, ngày ban hành)");
  g_assert_cmpuint (node->inputs->len, ==, 1);
  g_assert_cmpuint (((ParInput *) node->inputs->pdata[0])->options->len, ==, 3);
  g_assert_cmpstr (node->parent->code, ==, "1.1");
  g_assert_cmpstr (node->parent->parent->code, ==, "1");
  g_assert_true (node->parent->parent->parent == par_framework_get_root (fw));

  node = par_framework_lookup (fw, "1.1.4");
  g_assert_nonnull (node);
  g_assert_true (par_node_is_leaf (node));
  g_assert_cmpint (node->max, ==, 200);
  g_assert_cmpstr (node->title, ==, "Mức độ thực hiện kế hoạch CCHC");
  g_assert_cmpstr (node->title_en, ==, "Degree of plan completion");
  g_assert_cmpint (node->rule->type, ==, PAR_RULE_RATIO_TIERS);
  g_assert_cmpstr (node->rule->numerator, ==, "done");
  g_assert_cmpstr (node->rule->denominator, ==, "planned");
  g_assert_cmpint (node->rule->zero_denominator, ==, PAR_ZERO_DEN_ZERO);
  g_assert_cmpuint (node->rule->tiers->len, ==, 2);
  tier = &g_array_index (node->rule->tiers, ParTier, 0);
  g_assert_cmpint (tier->bound, ==, 9000);
  g_assert_false (tier->inclusive);
  g_assert_cmpint (tier->points, ==, 200);
  tier = &g_array_index (node->rule->tiers, ParTier, 1);
  g_assert_cmpint (tier->bound, ==, 7000);
  g_assert_true (tier->inclusive);
  g_assert_cmpint (tier->points, ==, 100);
  g_assert_cmpint (node->rule->otherwise, ==, 0);
  g_assert_nonnull (par_node_find_input (node, "planned"));
  g_assert_null (par_node_find_input (node, "nothing"));
  g_assert_cmpint (par_node_find_input (node, "done")->type, ==, PAR_INPUT_INTEGER);
  g_assert_cmpstr (par_node_find_input (node, "done")->unit, ==, "nhiệm vụ");

  node = par_framework_lookup (fw, "1.2.1");
  g_assert_cmpint (node->rule->type, ==, PAR_RULE_COUNT_TIERS);
  tier = &g_array_index (node->rule->tiers, ParTier, 0);
  g_assert_cmpint (tier->bound, ==, 4);   /* a plain count, not hundredths */
  g_assert_true (tier->inclusive);

  node = par_framework_lookup (fw, "1.1.3");
  g_assert_cmpint (node->rule->yes, ==, 100);  /* default: the maximum */
  g_assert_cmpint (node->rule->no, ==, 0);

  node = par_framework_lookup (fw, "1.2");
  g_assert_false (par_node_is_leaf (node));
  g_assert_cmpint (node->kind, ==, PAR_NODE_CRITERION);
  g_assert_cmpint (node->max, ==, 200);
  g_assert_null (par_framework_lookup (fw, "1.3"));
  g_assert_null (par_framework_lookup (fw, NULL));

  /* The source bytes are kept verbatim, with their hash. */
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_cmpuint (g_bytes_get_size (par_framework_get_source (fw)), ==, len);
  g_assert_cmpmem (g_bytes_get_data (par_framework_get_source (fw), NULL), len, contents, len);
  sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len);
  g_assert_cmpstr (par_framework_get_sha256 (fw), ==, sha);
  g_assert_cmpuint (strlen (par_framework_get_sha256 (fw)), ==, 64);
}

static void
test_sample_department (void)
{
  g_autofree char *path = g_build_filename (datadir (), "frameworks", "sample-department.xml", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ParFramework) fw = NULL;
  guint leaves_in_fields = 0;
  int from = 0, to = 0;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("data/frameworks/sample-department.xml is not there yet");
      return;
    }
  fw = par_framework_load_file (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fw);

  g_assert_cmpuint (par_framework_get_fields (fw)->len, ==, 8);
  g_assert_cmpuint (par_framework_count_kind (fw, PAR_NODE_FIELD), ==, 8);
  g_assert_cmpint (par_framework_get_max (fw), ==, 10000);
  /* The file says it is not an official set. */
  g_assert_true (par_framework_is_sample (fw));
  par_framework_get_years (fw, &from, &to);
  g_assert_cmpint (from, <=, to);
  g_assert_cmpuint (par_framework_get_bands (fw)->len, >, 0);

  /* The fields' maxima add up to the set's maximum, and every leaf is indexed by its code. */
  {
    ParPoints sum = 0;
    GPtrArray *fields = par_framework_get_fields (fw);
    GPtrArray *leaves = par_framework_get_leaves (fw);

    for (guint i = 0; i < fields->len; i++)
      {
        const ParNode *field = g_ptr_array_index (fields, i);
        g_autofree char *code = g_strdup_printf ("%u", i + 1);
        g_assert_cmpstr (field->code, ==, code);
        sum += field->max;
      }
    g_assert_cmpint (sum, ==, 10000);
    for (guint i = 0; i < leaves->len; i++)
      {
        const ParNode *leaf = g_ptr_array_index (leaves, i);
        g_assert_true (par_framework_lookup (fw, leaf->code) == leaf);
        g_assert_cmpuint (leaf->leaf_index, ==, i);
        if (leaf->kind != PAR_NODE_DEDUCTION && leaf->kind != PAR_NODE_BONUS)
          leaves_in_fields++;
      }
    g_assert_cmpuint (leaves_in_fields + par_framework_get_adjustments (fw)->len, ==, leaves->len);
  }
}

/* A framework is a boxed type and can be kept by several owners. */
static void
test_ref (void)
{
  g_autoptr(ParFramework) fw = assert_loads (VALID);
  ParFramework *other = par_framework_ref (fw);

  g_assert_true (other == fw);
  par_framework_unref (other);
  g_assert_cmpstr (par_framework_get_id (fw), ==, "t");
  g_assert_true (G_TYPE_IS_BOXED (PAR_TYPE_FRAMEWORK));
}

static void
test_minimal (void)
{
  g_autoptr(ParFramework) fw = assert_loads (VALID);
  const ParNode *leaf = par_framework_lookup (fw, "1.1.2");

  g_assert_cmpint (par_framework_get_max (fw), ==, 1000);
  g_assert_null (par_framework_get_title_en (fw));
  g_assert_false (par_framework_is_sample (fw));
  g_assert_cmpstr (par_framework_get_language (fw), ==, "vi");
  g_assert_cmpint (leaf->line, ==, 11);
  g_assert_cmpint (leaf->rule->type, ==, PAR_RULE_MANUAL);
  g_assert_cmpint (leaf->rule->step, ==, 25);   /* default step 0.25 */
  g_assert_cmpint (par_framework_lookup (fw, "1")->line, ==, 8);
  g_assert_cmpint (par_framework_get_root (fw)->line, ==, 2);
  g_assert_cmpint (par_framework_get_root (fw)->kind, ==, PAR_NODE_ROOT);
  g_assert_null (par_framework_get_root (fw)->parent);
  g_assert_cmpstr (par_node_kind_to_string (PAR_NODE_SUB), ==, "sub");
  g_assert_cmpstr (par_rule_type_to_string (PAR_RULE_RATIO_TIERS), ==, "ratio-tiers");
  g_assert_cmpstr (par_input_type_to_string (PAR_INPUT_PERCENT), ==, "percent");
}

/* A UTF-8 byte-order mark and a wrong encoding declaration change nothing: the text is UTF-8. */
static void
test_bom_and_encoding (void)
{
  g_autofree char *with_bom = g_strconcat ("\xEF\xBB\xBF", VALID, NULL);
  g_autoptr(GString) latin = g_string_new (VALID);
  g_autoptr(ParFramework) a = assert_loads (with_bom);
  g_autoptr(ParFramework) b = NULL;

  g_assert_cmpstr (par_framework_get_title (a), ==, "Bộ chỉ số thử");
  g_string_replace (latin, "encoding=\"UTF-8\"", "encoding=\"ISO-8859-1\"", 1);
  b = assert_loads (latin->str);
  g_assert_cmpstr (par_framework_get_title (b), ==, "Bộ chỉ số thử");
}

/* --- semantic refusals ----------------------------------------------------------------------- */

static void
test_maxima_sum (void)
{
  /* Sub-criteria 4 + 5 under a criterion of 10. */
  assert_refused (HEAD ("10") OPEN MANUAL ("sub", "1.1.1", "4") MANUAL ("sub", "1.1.2", "5")
                  CLOSE TAIL,
                  PAR_ERROR_INVALID,
                  "t.xml:9: criterion 1.1: the maxima below it add up to 9.00, but its maximum "
                  "is 10.00 (write aggregate=\"capped\" if that is intended)");
  /* Fields against the set's maximum. */
  assert_refused (HEAD ("12") OPEN MANUAL ("sub", "1.1.1", "4") MANUAL ("sub", "1.1.2", "6")
                  CLOSE TAIL,
                  PAR_ERROR_INVALID,
                  "t.xml:2: the fields’ maxima add up to 10.00, but the set’s maximum is 12.00");
  /* A field against its criteria, in hundredths. */
  assert_refused (HEAD ("10")
                  "<field code=\"1\" max=\"10\"><title>Lĩnh vực 1</title>\n"
                  MANUAL ("criterion", "1.1", "9.75")
                  "</field>\n" TAIL,
                  PAR_ERROR_INVALID,
                  "t.xml:8: field 1: the maxima below it add up to 9.75, but its maximum is "
                  "10.00 (write aggregate=\"capped\" if that is intended)");
}

static void
test_maxima_capped (void)
{
  g_autoptr(ParFramework) fw = NULL;

  /* Capped: the children may add up to more than the maximum… */
  fw = assert_loads (HEAD ("10")
                     "<field code=\"1\" max=\"10\"><title>Lĩnh vực 1</title>\n"
                     "<criterion code=\"1.1\" max=\"10\" aggregate=\"capped\"><title>C</title>\n"
                     MANUAL ("sub", "1.1.1", "6") MANUAL ("sub", "1.1.2", "6") CLOSE TAIL);
  g_assert_cmpint (par_framework_lookup (fw, "1.1")->aggregate, ==, PAR_AGGREGATE_CAPPED);
  /* …but not to less. */
  assert_refused (HEAD ("10")
                  "<field code=\"1\" max=\"10\"><title>Lĩnh vực 1</title>\n"
                  "<criterion code=\"1.1\" max=\"10\" aggregate=\"capped\"><title>C</title>\n"
                  MANUAL ("sub", "1.1.1", "4") MANUAL ("sub", "1.1.2", "5.5") CLOSE TAIL,
                  PAR_ERROR_INVALID,
                  "t.xml:9: criterion 1.1: the maxima below it add up to 9.50, less than its "
                  "capped maximum 10.00");
}

static void
test_duplicate_code (void)
{
  assert_refused (HEAD ("10") OPEN MANUAL ("sub", "1.1.1", "4") MANUAL ("sub", "1.1.1", "6")
                  CLOSE TAIL,
                  PAR_ERROR_INVALID, "t.xml:11: criterion 1.1.1: the code 1.1.1 is used twice");
  /* An adjustment may not reuse a code of the tree either. */
  assert_refused (HEAD ("10") OPEN MANUAL ("sub", "1.1.1", "4") MANUAL ("sub", "1.1.2", "6")
                  CLOSE
                  "<adjustments>\n" MANUAL ("deduction", "1.1.2", "1") "</adjustments>\n" TAIL,
                  PAR_ERROR_INVALID, "t.xml:14: criterion 1.1.2: the code 1.1.2 is used twice");
  /* Nor two adjustments one code. */
  assert_refused (HEAD ("10") OPEN MANUAL ("sub", "1.1.1", "4") MANUAL ("sub", "1.1.2", "6")
                  CLOSE
                  "<adjustments>\n" MANUAL ("deduction", "T1", "1") MANUAL ("bonus", "T1", "1")
                  "</adjustments>\n" TAIL,
                  PAR_ERROR_INVALID, "t.xml:15: item T1: the code T1 is used twice");
}

static void
test_nesting (void)
{
  assert_refused (HEAD ("10") OPEN MANUAL ("sub", "1.1.1", "4") MANUAL ("sub", "1.2.1", "6")
                  CLOSE TAIL,
                  PAR_ERROR_INVALID,
                  "t.xml:11: criterion 1.2.1: the code must be its parent’s code 1.1 followed by "
                  "one more part, like 1.1.1");
  /* "1.10" starts with "1.1" but is not its child. */
  assert_refused (HEAD ("10") OPEN MANUAL ("sub", "1.1.1", "4") MANUAL ("sub", "1.10", "6")
                  CLOSE TAIL,
                  PAR_ERROR_INVALID,
                  "t.xml:11: criterion 1.10: the code must be its parent’s code 1.1 followed by "
                  "one more part, like 1.1.1");
  /* A grandchild's code one level too deep. */
  assert_refused (HEAD ("10") OPEN MANUAL ("sub", "1.1.1", "4") MANUAL ("sub", "1.1.2.1", "6")
                  CLOSE TAIL,
                  PAR_ERROR_INVALID,
                  "t.xml:11: criterion 1.1.2.1: the code must be its parent’s code 1.1 followed by "
                  "one more part, like 1.1.1");
  /* A criterion that repeats its field's code. */
  assert_refused (HEAD ("10")
                  "<field code=\"1\" max=\"10\"><title>Lĩnh vực 1</title>\n"
                  MANUAL ("criterion", "2.1", "10") "</field>\n" TAIL,
                  PAR_ERROR_INVALID,
                  "t.xml:9: criterion 2.1: the code must be its parent’s code 1 followed by "
                  "one more part, like 1.1");
  /* A code with an empty part. */
  assert_refused_any (HEAD ("10")
                      "<field code=\"1\" max=\"10\"><title>Lĩnh vực 1</title>\n"
                      MANUAL ("criterion", "1.", "10") "</field>\n" TAIL,
                      "t.xml:9: criterion 1.: ");
  assert_refused_any (HEAD ("10") OPEN MANUAL ("sub", "1.1.1", "4") MANUAL ("sub", "1.1..", "6")
                      CLOSE TAIL,
                      "t.xml:11: criterion 1.1..: ");
  /* A field's code has one part. */
  assert_refused (HEAD ("10")
                  "<field code=\"1.1\" max=\"10\"><title>Lĩnh vực 1</title>\n"
                  MANUAL ("criterion", "1.1.1", "10") "</field>\n" TAIL,
                  PAR_ERROR_INVALID,
                  "t.xml:8: criterion 1.1: a field’s code has a single part, like 1 or 2");
}

static void
test_tiers (void)
{
#define RATIO_INPUTS "<input id=\"a\" type=\"integer\" label=\"A\"/><input id=\"b\" type=\"integer\" label=\"B\"/>"
  g_autoptr(ParFramework) fw = NULL;
  const GArray *tiers;

  /* Ascending tiers. */
  assert_refused (ONE_LEAF (RATIO_INPUTS,
                            "<rule type=\"ratio-tiers\" numerator=\"a\" denominator=\"b\">"
                            "<tier from=\"70\" points=\"1\"/><tier above=\"90\" points=\"2\"/></rule>"),
                  PAR_ERROR_INVALID,
                  "t.xml:10: criterion 1.1.1: tiers must be listed from the highest threshold "
                  "down (tier 2 is not below tier 1)");
  /* Equal bounds: only "> x" then "≥ x" makes sense. */
  assert_refused (ONE_LEAF (RATIO_INPUTS,
                            "<rule type=\"ratio-tiers\" numerator=\"a\" denominator=\"b\">"
                            "<tier from=\"90\" points=\"2\"/><tier from=\"90\" points=\"1\"/></rule>"),
                  PAR_ERROR_INVALID,
                  "t.xml:10: criterion 1.1.1: tiers must be listed from the highest threshold "
                  "down (tier 2 is not below tier 1)");
  assert_refused (ONE_LEAF (RATIO_INPUTS,
                            "<rule type=\"ratio-tiers\" numerator=\"a\" denominator=\"b\">"
                            "<tier from=\"90\" points=\"2\"/><tier above=\"90\" points=\"1\"/></rule>"),
                  PAR_ERROR_INVALID,
                  "t.xml:10: criterion 1.1.1: tiers must be listed from the highest threshold "
                  "down (tier 2 is not below tier 1)");
  fw = assert_loads (ONE_LEAF (RATIO_INPUTS,
                               "<rule type=\"ratio-tiers\" numerator=\"a\" denominator=\"b\">"
                               "<tier above=\"90\" points=\"2\"/><tier from=\"90\" points=\"1.5\"/>"
                               "<tier from=\"0.5\" points=\"0.25\"/></rule>"));
  tiers = par_framework_lookup (fw, "1.1.1")->rule->tiers;
  g_assert_cmpuint (tiers->len, ==, 3);
  g_assert_cmpint (g_array_index (tiers, ParTier, 2).bound, ==, 50);  /* 0.5 % in hundredths */
  /* Third tier out of order, counted from 1. */
  assert_refused (ONE_LEAF ("<input id=\"n\" type=\"integer\" label=\"N\"/>",
                            "<rule type=\"count-tiers\" input=\"n\"><tier from=\"4\" points=\"2\"/>"
                            "<tier from=\"3\" points=\"1\"/><tier from=\"3\" points=\"0.5\"/></rule>"),
                  PAR_ERROR_INVALID,
                  "t.xml:10: criterion 1.1.1: tiers must be listed from the highest threshold "
                  "down (tier 3 is not below tier 2)");
}

static void
test_points_above_max (void)
{
  assert_refused (ONE_LEAF (RATIO_INPUTS,
                            "<rule type=\"ratio-tiers\" numerator=\"a\" denominator=\"b\">"
                            "<tier above=\"90\" points=\"3\"/></rule>"),
                  PAR_ERROR_INVALID,
                  "t.xml:10: criterion 1.1.1: a tier gives 3.00 points, more than the maximum of 2.00");
  assert_refused (ONE_LEAF (RATIO_INPUTS,
                            "<rule type=\"ratio-tiers\" numerator=\"a\" denominator=\"b\" "
                            "otherwise=\"2.01\"><tier above=\"90\" points=\"2\"/></rule>"),
                  PAR_ERROR_INVALID,
                  "t.xml:10: criterion 1.1.1: “otherwise” gives 2.01 points, more than the maximum of 2.00");
  assert_refused (ONE_LEAF ("<input id=\"y\" type=\"boolean\" label=\"Y\"/>",
                            "<rule type=\"yes-no\" input=\"y\" yes=\"2.5\"/>"),
                  PAR_ERROR_INVALID,
                  "t.xml:10: criterion 1.1.1: “yes” gives 2.50 points, more than the maximum of 2.00");
  assert_refused (ONE_LEAF ("<input id=\"s\" type=\"choice\" label=\"S\">"
                            "<option value=\"on-time\" label=\"Đúng hạn\"/>"
                            "<option value=\"late\" label=\"Chậm\"/>"
                            "<option value=\"not-done\" label=\"Không\"/></input>",
                            "<rule type=\"timeliness\" status=\"s\" late=\"4\"/>"),
                  PAR_ERROR_INVALID,
                  "t.xml:10: criterion 1.1.1: “late” gives 4.00 points, more than the maximum of 2.00");
  assert_refused (ONE_LEAF ("<input id=\"n\" type=\"integer\" label=\"N\"/>",
                            "<rule type=\"per-count\" input=\"n\" points=\"2.25\"/>"),
                  PAR_ERROR_INVALID,
                  "t.xml:10: criterion 1.1.1: one count gives 2.25 points, more than the maximum of 2.00");
  assert_refused (ONE_LEAF ("<input id=\"n\" type=\"integer\" label=\"N\"/>",
                            "<rule type=\"per-count\" input=\"n\" points=\"0\"/>"),
                  PAR_ERROR_INVALID, "t.xml:10: criterion 1.1.1: points per count must be above 0");
  assert_refused (ONE_MANUAL ("<rule type=\"manual\" step=\"3\"/>"),
                  PAR_ERROR_INVALID,
                  "t.xml:10: criterion 1.1.1: the manual step must be above 0 and at most the maximum");
  assert_refused (ONE_MANUAL ("<rule type=\"manual\" step=\"0\"/>"),
                  PAR_ERROR_INVALID,
                  "t.xml:10: criterion 1.1.1: the manual step must be above 0 and at most the maximum");
}

static void
test_choice_grades (void)
{
#define GRADE_INPUT "<input id=\"q\" type=\"choice\" label=\"Chất lượng\">" \
                    "<option value=\"good\" label=\"Tốt\"/><option value=\"fair\" label=\"Khá\"/>" \
                    "<option value=\"poor\" label=\"Kém\"/></input>"
  assert_refused (ONE_LEAF (GRADE_INPUT,
                            "<rule type=\"choice\" input=\"q\"><grade value=\"good\" points=\"2\"/>"
                            "<grade value=\"poor\" points=\"0\"/></rule>"),
                  PAR_ERROR_INVALID,
                  "t.xml:10: criterion 1.1.1: option “fair” of input “q” has no grade in the rule");
  assert_refused (ONE_LEAF (GRADE_INPUT,
                            "<rule type=\"choice\" input=\"q\"><grade value=\"good\" points=\"2\"/>"
                            "<grade value=\"fair\" points=\"1\"/><grade value=\"poor\" points=\"0\"/>"
                            "<grade value=\"great\" points=\"2\"/></rule>"),
                  PAR_ERROR_INVALID,
                  "t.xml:10: criterion 1.1.1: the rule grades “great”, which is not an option of input “q”");
  assert_refused (ONE_LEAF (GRADE_INPUT,
                            "<rule type=\"choice\" input=\"q\"><grade value=\"good\" points=\"2.5\"/>"
                            "<grade value=\"fair\" points=\"1\"/><grade value=\"poor\" points=\"0\"/></rule>"),
                  PAR_ERROR_INVALID,
                  "t.xml:10: criterion 1.1.1: a grade gives 2.50 points, more than the maximum of 2.00");
  /* A timeliness status input must offer the three values the rule reads. */
  assert_refused (ONE_LEAF ("<input id=\"s\" type=\"choice\" label=\"S\">"
                            "<option value=\"on-time\" label=\"Đúng hạn\"/>"
                            "<option value=\"not-done\" label=\"Không\"/></input>",
                            "<rule type=\"timeliness\" status=\"s\"/>"),
                  PAR_ERROR_INVALID,
                  "t.xml:10: criterion 1.1.1: the status input “s” needs an option with value “late”");
}

static void
test_input_refs (void)
{
  assert_refused (ONE_LEAF ("<input id=\"y\" type=\"boolean\" label=\"Y\"/>",
                            "<rule type=\"yes-no\" input=\"zz\"/>"),
                  PAR_ERROR_INVALID,
                  "t.xml:10: criterion 1.1.1: the rule’s input refers to an input “zz” that is not "
                  "declared in <inputs>");
  assert_refused (ONE_LEAF ("<input id=\"n\" type=\"integer\" label=\"N\"/>",
                            "<rule type=\"yes-no\" input=\"n\"/>"),
                  PAR_ERROR_INVALID,
                  "t.xml:10: criterion 1.1.1: input “n” is of type integer, which the rule’s input "
                  "cannot use");
  assert_refused (ONE_LEAF ("<input id=\"a\" type=\"percent\" label=\"A\"/>"
                            "<input id=\"b\" type=\"integer\" label=\"B\"/>",
                            "<rule type=\"ratio-tiers\" numerator=\"a\" denominator=\"b\">"
                            "<tier from=\"90\" points=\"2\"/></rule>"),
                  PAR_ERROR_INVALID,
                  "t.xml:10: criterion 1.1.1: input “a” is of type percent, which the rule’s "
                  "numerator cannot use");
  assert_refused (ONE_LEAF (RATIO_INPUTS,
                            "<rule type=\"proportional\" numerator=\"a\" denominator=\"c\"/>"),
                  PAR_ERROR_INVALID,
                  "t.xml:10: criterion 1.1.1: the rule’s denominator refers to an input “c” that is "
                  "not declared in <inputs>");
  assert_refused (ONE_LEAF ("<input id=\"p\" type=\"decimal\" label=\"P\"/>",
                            "<rule type=\"proportional\" percent=\"p\"/>"),
                  PAR_ERROR_INVALID,
                  "t.xml:10: criterion 1.1.1: input “p” is of type decimal, which the rule’s "
                  "percent cannot use");
  assert_refused (ONE_LEAF ("<input id=\"d\" type=\"date\" label=\"D\"/>"
                            "<input id=\"e\" type=\"integer\" label=\"E\"/>",
                            "<rule type=\"timeliness\" date=\"d\" deadline=\"e\"/>"),
                  PAR_ERROR_INVALID,
                  "t.xml:10: criterion 1.1.1: input “e” is of type integer, which the rule’s "
                  "deadline cannot use");
  assert_refused (ONE_LEAF ("<input id=\"n\" type=\"decimal\" label=\"N\"/>",
                            "<rule type=\"count-tiers\" input=\"n\"><tier from=\"1\" points=\"1\"/></rule>"),
                  PAR_ERROR_INVALID,
                  "t.xml:10: criterion 1.1.1: input “n” is of type decimal, which the rule’s input "
                  "cannot use");
  assert_refused (ONE_LEAF ("<input id=\"c\" type=\"boolean\" label=\"C\"/>",
                            "<rule type=\"choice\" input=\"c\"><grade value=\"x\" points=\"1\"/></rule>"),
                  PAR_ERROR_INVALID,
                  "t.xml:10: criterion 1.1.1: input “c” is of type boolean, which the rule’s input "
                  "cannot use");
  assert_refused (ONE_LEAF ("<input id=\"y\" type=\"boolean\" label=\"Y\"/>"
                            "<input id=\"y\" type=\"boolean\" label=\"Y2\"/>",
                            "<rule type=\"yes-no\" input=\"y\"/>"),
                  PAR_ERROR_INVALID, "t.xml:10: criterion 1.1.1: input “y” is declared twice");
  /* A zero denominator may only make a leaf N/A where N/A is allowed. */
  assert_refused (ONE_LEAF (RATIO_INPUTS,
                            "<rule type=\"proportional\" numerator=\"a\" denominator=\"b\" "
                            "zero-denominator=\"not-applicable\"/>"),
                  PAR_ERROR_INVALID,
                  "t.xml:10: criterion 1.1.1: zero-denominator=\"not-applicable\" needs "
                  "not-applicable=\"allowed\"");
}

static void
test_bands (void)
{
  g_autoptr(ParFramework) fw = NULL;
  GPtrArray *bands;

#define BODY_10 OPEN MANUAL ("sub", "1.1.1", "4") MANUAL ("sub", "1.1.2", "6") CLOSE TAIL
  assert_refused (HEAD_BANDS ("10", "<bands><band name=\"Khá\" from=\"50\"/>"
                              "<band name=\"Tốt\" from=\"80\"/></bands>") BODY_10,
                  PAR_ERROR_INVALID,
                  "t.xml:7: bands must be listed from the highest down: “Tốt” does not start below “Khá”");
  assert_refused (HEAD_BANDS ("10", "<bands><band name=\"A\" from=\"80\"/>"
                              "<band name=\"B\" from=\"80\"/></bands>") BODY_10,
                  PAR_ERROR_INVALID,
                  "t.xml:7: bands must be listed from the highest down: “B” does not start below “A”");
  assert_refused (HEAD_BANDS ("10", "<bands><band name=\"A\" from=\"80\"/>"
                              "<band name=\"B\" above=\"80\"/></bands>") BODY_10,
                  PAR_ERROR_INVALID,
                  "t.xml:7: bands must be listed from the highest down: “B” does not start below “A”");
  /* Above 100 %: the schema or the loader refuses it, on its line. */
  assert_refused_any (HEAD_BANDS ("10", "<bands><band name=\"A\" from=\"100.01\"/></bands>") BODY_10,
                      "t.xml:7: ");

  /* "> 80" then "≥ 80" is a proper order: exactly 80 falls in the second. */
  fw = assert_loads (HEAD_BANDS ("10", "<bands><band name=\"A\" above=\"80\"/>"
                                 "<band name=\"B\" from=\"80\"/><band name=\"C\" from=\"0\"/></bands>")
                     BODY_10);
  bands = par_framework_get_bands (fw);
  g_assert_cmpuint (bands->len, ==, 3);
  g_assert_false (((ParBand *) bands->pdata[0])->inclusive);
  g_assert_cmpstr (par_framework_band_for (fw, 8001)->name, ==, "A");
  g_assert_cmpstr (par_framework_band_for (fw, 8000)->name, ==, "B");
  g_assert_cmpstr (par_framework_band_for (fw, 7999)->name, ==, "C");
  g_assert_cmpstr (par_framework_band_for (fw, 0)->name, ==, "C");
  g_assert_null (par_framework_band_for (fw, -1));
}

static void
test_other_semantics (void)
{
  g_autoptr(GString) years = g_string_new (VALID);

  g_string_replace (years, "<years from=\"2023\" to=\"2023\"/>", "<years from=\"2024\" to=\"2023\"/>", 1);
  assert_refused (years->str, PAR_ERROR_INVALID, "t.xml:5: the years run backwards (from 2024 to 2023)");

  assert_refused (HEAD ("10") OPEN MANUAL ("sub", "1.1.1", "0") MANUAL ("sub", "1.1.2", "10")
                  CLOSE TAIL,
                  PAR_ERROR_INVALID, "t.xml:10: criterion 1.1.1: the maximum must be above 0");
  assert_refused (HEAD ("10") OPEN
                  "<sub code=\"1.1.1\" max=\"4\"><title xml:lang=\"en\">Only English</title>"
                  "<rule type=\"manual\"/></sub>\n"
                  MANUAL ("sub", "1.1.2", "6") CLOSE TAIL,
                  PAR_ERROR_INVALID,
                  "t.xml:10: criterion 1.1.1: a Vietnamese title is missing (only an English one is given)");
}

/* The set itself needs a Vietnamese title too: every screen and report shows it. */
static void
test_root_title (void)
{
  g_autoptr(GString) xml = g_string_new (VALID);

  g_string_replace (xml, "<title>Bộ chỉ số thử</title>", "<title xml:lang=\"en\">Test set</title>", 1);
  assert_refused (xml->str, PAR_ERROR_INVALID,
                  "t.xml:2: a Vietnamese title is missing (only an English one is given)");
}

/* Line numbers stay right past line 65 535 (libxml2 keeps 16 bits of them by default). */
static void
test_big_line_numbers (void)
{
  g_autoptr(GString) xml = g_string_new (HEAD ("10") OPEN);
  g_autoptr(GString) bad = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *schema = NULL;
  int line = 10;

  /* 70 000 blank lines, then the two leaves. */
  for (int i = 0; i < 70000; i++, line++)
    g_string_append_c (xml, '\n');
  g_string_append (xml, MANUAL ("sub", "1.1.1", "4"));
  g_string_append (xml, MANUAL ("sub", "1.1.1", "6"));
  g_string_append (xml, CLOSE TAIL);
  /* The second 1.1.1 is on line 10 + 70 000 + 1. */
  expected = g_strdup_printf ("t.xml:%d: criterion 1.1.1: the code 1.1.1 is used twice", line + 1);
  assert_refused (xml->str, PAR_ERROR_INVALID, expected);

  /* A schema error down there names its line too. */
  bad = g_string_new (xml->str);
  g_string_replace (bad, "<sub code=\"1.1.1\" max=\"6\">", "<sub code=\"1.1.2\" max=\"6\" weight=\"1\">", 1);
  g_free (expected);
  expected = g_strdup_printf ("t.xml:%d: criterion 1.1.2: ", line + 1);
  schema = refused_with_prefix (bad->str, PAR_ERROR_FORMAT, expected);
}

/* --- format refusals ------------------------------------------------------------------------- */

static void
test_namespace (void)
{
  g_autoptr(GString) other = g_string_new (VALID);
  g_autoptr(GString) none = g_string_new (VALID);
  g_autoptr(GString) v2 = g_string_new (VALID);
  g_autoptr(GString) root = g_string_new (VALID);

  g_string_replace (other, "urn:x-parscore:criteria-set:1", "urn:example:other", 1);
  assert_refused (other->str, PAR_ERROR_FORMAT,
                  "t.xml:2: this is not a Parscore criteria set (the root element must be "
                  "<criteria-set> in the namespace urn:x-parscore:criteria-set:1)");
  g_string_replace (none, " xmlns=\"urn:x-parscore:criteria-set:1\"", "", 1);
  assert_refused (none->str, PAR_ERROR_FORMAT,
                  "t.xml:2: this is not a Parscore criteria set (the root element must be "
                  "<criteria-set> in the namespace urn:x-parscore:criteria-set:1)");
  /* Format 2 is read (test-format2.c); a later version is refused by name. */
  g_string_replace (v2, "urn:x-parscore:criteria-set:1", "urn:x-parscore:criteria-set:3", 1);
  assert_refused (v2->str, PAR_ERROR_FORMAT,
                  "t.xml:2: the file is in format version “3”, but this Parscore reads versions 1 "
                  "and 2; update Parscore");
  g_string_replace (root, "<criteria-set ", "<criteria-sets ", 1);
  g_string_replace (root, "</criteria-set>", "</criteria-sets>", 1);
  assert_refused (root->str, PAR_ERROR_FORMAT,
                  "t.xml:2: this is not a Parscore criteria set (the root element must be "
                  "<criteria-set> in the namespace urn:x-parscore:criteria-set:1)");
}

static void
test_schema (void)
{
  g_autofree char *m1 = NULL;
  g_autofree char *m2 = NULL;
  g_autofree char *m3 = NULL;
  g_autofree char *m4 = NULL;
  g_autofree char *m5 = NULL;

  /* An unknown element inside a sub-criterion. */
  m1 = refused_with_prefix (HEAD ("10") OPEN MANUAL ("sub", "1.1.1", "4")
                            "<sub code=\"1.1.2\" max=\"6\"><title>T</title><weight>2</weight>"
                            "<rule type=\"manual\"/></sub>\n" CLOSE TAIL,
                            PAR_ERROR_FORMAT,
                            "t.xml:11: criterion 1.1.2: this part does not follow the criteria-set "
                            "format: ");

  /* An unknown attribute. */
  m2 = refused_with_prefix (HEAD ("10") OPEN MANUAL ("sub", "1.1.1", "4")
                            "<sub code=\"1.1.2\" max=\"6\" weight=\"2\"><title>T</title>"
                            "<rule type=\"manual\"/></sub>\n" CLOSE TAIL,
                            PAR_ERROR_FORMAT,
                            "t.xml:11: criterion 1.1.2: this part does not follow the criteria-set "
                            "format: ");

  /* Points with three decimals: the attribute is named (more in test_numbers). */
  m3 = refused_with_prefix (HEAD ("10") OPEN MANUAL ("sub", "1.1.1", "4")
                            MANUAL ("sub", "1.1.2", "6.125") CLOSE TAIL,
                            PAR_ERROR_FORMAT,
                            "t.xml:11: criterion 1.1.2: max=\"6.125\" has more than two decimals");
  /* A rule type the format does not know. */
  m4 = refused_with_prefix (HEAD ("10") OPEN MANUAL ("sub", "1.1.1", "4")
                            "<sub code=\"1.1.2\" max=\"6\"><title>T</title>"
                            "<rule type=\"lottery\"/></sub>\n" CLOSE TAIL,
                            PAR_ERROR_FORMAT,
                            "t.xml:11: criterion 1.1.2: this part does not follow the criteria-set "
                            "format: ");
  /* A required element missing at the top (no bands): no code to name, the line still. */
  {
    g_autoptr(GString) xml = g_string_new (VALID);
    g_string_replace (xml, BANDS "\n", "", 1);
    m5 = refused_with_prefix (xml->str, PAR_ERROR_FORMAT, "t.xml:");
    g_assert_nonnull (strstr (m5, "this part does not follow the criteria-set format: "));
  }
  /* The reasons are said in plain words, about the element at fault. */
  g_assert_nonnull (strstr (m1, "<weight> is not allowed here"));
  g_assert_nonnull (strstr (m2, "the attribute “weight” is not allowed on <sub>"));
  g_assert_nonnull (strstr (m4, "<rule>"));
  g_test_message ("schema messages: %s | %s | %s | %s | %s", m1, m2, m3, m4, m5);
}

/* issue 10: a number the schema cannot read is named with its attribute, on the attribute's own
 * line, and a decimal comma gets the value to write instead. Before, "max="1,5"" on a field
 * was reported as "<title> was expected" or "<option> is missing" several lines further on. */
static void
test_numbers (void)
{
  /* The field's start tag spans lines 8–10: max is on line 9, its title on line 10. */
#define FIELD_MAX(max) \
  HEAD ("10") \
  "<field code=\"1\"\n" \
  "       max=\"" max "\"\n" \
  "       aggregate=\"sum\"><title>Lĩnh vực 1</title>\n" \
  "<criterion code=\"1.1\" max=\"10\"><title>Tiêu chí 1.1</title>\n" \
  MANUAL ("sub", "1.1.1", "4") MANUAL ("sub", "1.1.2", "6") CLOSE TAIL

  assert_refused (FIELD_MAX ("1,5"), PAR_ERROR_FORMAT,
                  "t.xml:9: field 1: max=\"1,5\" is not a number here: write 1.5, with a dot "
                  "before the decimals, not a comma");
  assert_refused (FIELD_MAX ("abc"), PAR_ERROR_FORMAT,
                  "t.xml:9: field 1: max=\"abc\" is not a number of points: write it like 2 "
                  "or 1.5");
  assert_refused (FIELD_MAX ("-1"), PAR_ERROR_FORMAT, "t.xml:9: field 1: max=\"-1\" is below 0");
  assert_refused (FIELD_MAX ("1.255"), PAR_ERROR_FORMAT,
                  "t.xml:9: field 1: max=\"1.255\" has more than two decimals: points and "
                  "percentages are counted in hundredths, like 1.25");
  assert_refused (FIELD_MAX ("1.000.000"), PAR_ERROR_FORMAT,
                  "t.xml:9: field 1: max=\"1.000.000\" is not a number of points: write it "
                  "like 2 or 1.5");

  /* On a one-line leaf: the element's line; the set's own maximum on line 2. */
  assert_refused (HEAD ("10") OPEN MANUAL ("sub", "1.1.1", "4") MANUAL ("sub", "1.1.2", "5,5")
                  CLOSE TAIL, PAR_ERROR_FORMAT,
                  "t.xml:11: criterion 1.1.2: max=\"5,5\" is not a number here: write 5.5, with "
                  "a dot before the decimals, not a comma");
  assert_refused (HEAD ("10,0") OPEN MANUAL ("sub", "1.1.1", "4") MANUAL ("sub", "1.1.2", "6")
                  CLOSE TAIL, PAR_ERROR_FORMAT,
                  "t.xml:2: max=\"10,0\" is not a number here: write 10.0, with a dot before "
                  "the decimals, not a comma");

  /* Every points-valued attribute: step, yes/no, tiers' points and thresholds, otherwise. */
  assert_refused (ONE_MANUAL ("<rule type=\"manual\"\n step=\"0,25\"/>"), PAR_ERROR_FORMAT,
                  "t.xml:11: criterion 1.1.1: step=\"0,25\" is not a number here: write 0.25, "
                  "with a dot before the decimals, not a comma");
  assert_refused (ONE_LEAF ("<input id=\"c\" type=\"boolean\" label=\"Có\"/>",
                            "<rule type=\"yes-no\" input=\"c\" yes=\"2\" no=\"0,5\"/>"),
                  PAR_ERROR_FORMAT,
                  "t.xml:10: criterion 1.1.1: no=\"0,5\" is not a number here: write 0.5, with "
                  "a dot before the decimals, not a comma");
  assert_refused (ONE_LEAF ("<input id=\"n\" type=\"integer\" label=\"Số\"/>"
                            "<input id=\"d\" type=\"integer\" label=\"Tổng\"/>",
                            "<rule type=\"ratio-tiers\" numerator=\"n\" denominator=\"d\">\n"
                            "<tier from=\"90\" points=\"2\"/>\n"
                            "<tier from=\"50\" points=\"1,5\"/></rule>"),
                  PAR_ERROR_FORMAT,
                  "t.xml:12: criterion 1.1.1: points=\"1,5\" is not a number here: write 1.5, "
                  "with a dot before the decimals, not a comma");
  assert_refused (ONE_LEAF ("<input id=\"n\" type=\"integer\" label=\"Số\"/>"
                            "<input id=\"d\" type=\"integer\" label=\"Tổng\"/>",
                            "<rule type=\"ratio-tiers\" numerator=\"n\" denominator=\"d\">\n"
                            "<tier from=\"92,5\" points=\"2\"/></rule>"),
                  PAR_ERROR_FORMAT,
                  "t.xml:11: criterion 1.1.1: from=\"92,5\" is not a number here: write 92.5, "
                  "with a dot before the decimals, not a comma");
  assert_refused (ONE_LEAF ("<input id=\"n\" type=\"integer\" label=\"Số\"/>"
                            "<input id=\"d\" type=\"integer\" label=\"Tổng\"/>",
                            "<rule type=\"ratio-tiers\" numerator=\"n\" denominator=\"d\">\n"
                            "<tier from=\"120\" points=\"2\"/></rule>"),
                  PAR_ERROR_FORMAT,
                  "t.xml:11: criterion 1.1.1: from=\"120\" is above 100 %");
  assert_refused (ONE_LEAF ("<input id=\"k\" type=\"integer\" label=\"Số\"/>",
                            "<rule type=\"count-tiers\" input=\"k\" otherwise=\"0\">\n"
                            "<tier from=\"2,5\" points=\"2\"/></rule>"),
                  PAR_ERROR_FORMAT,
                  "t.xml:11: criterion 1.1.1: from=\"2,5\" is not a whole number: write it like 3");
  assert_refused (ONE_LEAF ("<input id=\"k\" type=\"integer\" label=\"Số\"/>",
                            "<rule type=\"count-tiers\" input=\"k\" otherwise=\"0,5\">\n"
                            "<tier from=\"2\" points=\"2\"/></rule>"),
                  PAR_ERROR_FORMAT,
                  "t.xml:10: criterion 1.1.1: otherwise=\"0,5\" is not a number here: write 0.5, "
                  "with a dot before the decimals, not a comma");
  /* A band's threshold is a percentage. */
  assert_refused (HEAD_BANDS ("10", "<bands><band name=\"Tốt\" from=\"80\"/>\n"
                              "<band name=\"Khá\" from=\"50,5\"/><band name=\"Yếu\" from=\"0\"/>"
                              "</bands>")
                  OPEN MANUAL ("sub", "1.1.1", "4") MANUAL ("sub", "1.1.2", "6") CLOSE TAIL,
                  PAR_ERROR_FORMAT,
                  "t.xml:8: from=\"50,5\" is not a number here: write 50.5, with a dot before the "
                  "decimals, not a comma");
  /* Numbers written right still load, spaces around them trimmed. */
  {
    g_autoptr(ParFramework) fw = assert_loads (HEAD ("10") OPEN MANUAL ("sub", "1.1.1", " 4 ")
                                               MANUAL ("sub", "1.1.2", "6.00") CLOSE TAIL);
  }
#undef FIELD_MAX
}

/* issue 9 #6: text that would show differently from what it is — a right-to-left override,
 * a zero-width character, a C1 control — is refused with the file's line, the element and the
 * character, wherever it can be shown: titles, descriptions, hints, labels, codes, ids. */
static void
test_unsafe_text (void)
{
  /* A title on a one-line leaf. */
  assert_refused (HEAD ("10") OPEN MANUAL ("sub", "1.1.1", "4")
                  "<sub code=\"1.1.2\" max=\"6\"><title>Hồ sơ \u202Efdp.exe</title>"
                  "<rule type=\"manual\"/></sub>\n" CLOSE TAIL, PAR_ERROR_UNSAFE,
                  "t.xml:11: criterion 1.1.2: the text of <title> is refused: The text has a "
                  "character that changes the direction of the text around it (U+202E "
                  "RIGHT-TO-LEFT OVERRIDE) at character 7, so it would read differently from "
                  "what it is. Remove it.");
  /* A description over several lines: the character's own line in the file (13). */
  assert_refused (HEAD ("10") OPEN MANUAL ("sub", "1.1.1", "4")
                  "<sub code=\"1.1.2\" max=\"6\"><title>T</title><description>\n"
                  "Dòng một\n"
                  "Dòng\u200B hai\n"
                  "</description>\n"
                  "<rule type=\"manual\"/></sub>\n" CLOSE TAIL, PAR_ERROR_UNSAFE,
                  "t.xml:13: criterion 1.1.2: the text of <description> is refused: The text "
                  "has an invisible character (U+200B ZERO WIDTH SPACE) at line 3, character 5, "
                  "which can make different texts look the same. Remove it.");
  /* A C1 control, written as a character reference, in an evidence hint. */
  assert_refused (HEAD ("10") OPEN MANUAL ("sub", "1.1.1", "4")
                  "<sub code=\"1.1.2\" max=\"6\"><title>T</title>"
                  "<evidence><hint>Báo cáo&#x9B;2J</hint></evidence>"
                  "<rule type=\"manual\"/></sub>\n" CLOSE TAIL, PAR_ERROR_UNSAFE,
                  "t.xml:11: criterion 1.1.2: the text of <hint> is refused: The text has a "
                  "control character (U+009B CONTROL SEQUENCE INTRODUCER) at character 8, which "
                  "cannot be shown. Remove it.");
  /* An input's label, on its own line inside a multi-line start tag. */
  assert_refused (ONE_LEAF ("<input id=\"c\" type=\"boolean\"\n"
                            "label=\"Có\u2066 bản\"/>",
                            "<rule type=\"yes-no\" input=\"c\"/>"), PAR_ERROR_UNSAFE,
                  "t.xml:11: criterion 1.1.1: the attribute “label” of <input> is refused: The "
                  "text has a character that changes the direction of the text around it "
                  "(U+2066 LEFT-TO-RIGHT ISOLATE) at character 3, so it would read differently "
                  "from what it is. Remove it.");
  /* A code with a zero-width joiner (NMTOKEN admits it): shown written out, never raw. */
  assert_refused (HEAD ("10") OPEN MANUAL ("sub", "1.1.1", "4") MANUAL ("sub", "1.1.\u200D2", "6")
                  CLOSE TAIL, PAR_ERROR_UNSAFE,
                  "t.xml:11: criterion 1.1.[U+200D]2: the attribute “code” of <sub> is refused: "
                  "The text has an invisible character (U+200D ZERO WIDTH JOINER) at character 5, "
                  "which can make different texts look the same. Remove it.");
  /* The set's title. */
  {
    g_autoptr(GString) xml = g_string_new (VALID);
    g_string_replace (xml, "<title>Bộ chỉ số thử</title>", "<title>Bộ chỉ số\u202E thử</title>", 1);
    assert_refused (xml->str, PAR_ERROR_UNSAFE,
                    "t.xml:3: the text of <title> is refused: The text has a character that "
                    "changes the direction of the text around it (U+202E RIGHT-TO-LEFT OVERRIDE) "
                    "at character 10, so it would read differently from what it is. Remove it.");
  }
  /* In a comment nothing is shown: the file loads. So do Vietnamese text, dashes and quotes,
   * and a safe character reference. */
  {
    g_autoptr(GString) xml = g_string_new (VALID);
    g_autoptr(ParFramework) fw = NULL;
    g_string_replace (xml, "<level>", "<!-- ghi chú \u202E --><level>", 1);
    g_string_replace (xml, "<title>Tiêu chí 1.1.1</title>",
                      "<title>Tiêu chí “1.1.1” – &#233;</title>", 1);
    fw = assert_loads (xml->str);
    g_assert_cmpstr (par_framework_lookup (fw, "1.1.1")->title, ==, "Tiêu chí “1.1.1” – é");
  }
}

static void
test_not_well_formed (void)
{
  g_autofree char *m1 = NULL;
  g_autofree char *m2 = NULL;
  g_autofree char *m3 = NULL;
  g_autofree char *m4 = NULL;

  /* An end tag that does not match, on line 11. */
  m1 = refused_with_prefix (HEAD ("10") OPEN MANUAL ("sub", "1.1.1", "4")
                            "<sub code=\"1.1.2\" max=\"6\"><title>T</titel><rule type=\"manual\"/></sub>\n"
                            CLOSE TAIL,
                            PAR_ERROR_PARSE, "t.xml:11: the file is not well-formed XML (");
  /* Truncated after line 10. */
  m2 = refused_with_prefix (HEAD ("10") OPEN MANUAL ("sub", "1.1.1", "4"),
                            PAR_ERROR_PARSE, "t.xml:");
  g_assert_nonnull (strstr (m2, "the file is not well-formed XML ("));
  /* An undeclared entity (there is no DOCTYPE to declare one). */
  m3 = refused_with_prefix (HEAD ("10") OPEN MANUAL ("sub", "1.1.1", "4")
                            "<sub code=\"1.1.2\" max=\"6\"><title>&xxe;</title><rule type=\"manual\"/></sub>\n"
                            CLOSE TAIL,
                            PAR_ERROR_PARSE, "t.xml:11: the file is not well-formed XML (");
  /* Not XML at all. */
  m4 = refused_with_prefix ("Mã,Điểm\n1.1.1,1\n", PAR_ERROR_PARSE,
                            "t.xml:1: the file is not well-formed XML (");
  g_test_message ("parse messages: %s | %s | %s | %s", m1, m2, m3, m4);
}

static void
test_invalid_utf8 (void)
{
  g_autoptr(GString) xml = g_string_new (VALID);

  /* A Latin-1 "ộ" look-alike on line 3 (the title). */
  g_string_replace (xml, "Bộ chỉ số thử", "B\xF4 ch\xEC s\xF4 th\xFD", 1);
  assert_refused (xml->str, PAR_ERROR_PARSE,
                  "t.xml:3: the file is not valid UTF-8 text; save it as UTF-8 and try again");
  /* Malformed sequences libxml2 must not let through, anywhere: text, comment, attribute. */
  {
    static const char *bad[] = { "\xC0\xAF", "\xE0\x80\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80",
                                 "\xF8\x88\x80\x80\x80", "\x80", "\xC3" };
    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autofree char *in_title = g_strconcat ("<title>Bộ", bad[i], "</title>", NULL);
        g_autofree char *in_comment = g_strconcat ("<title>Bộ chỉ số thử</title><!-- ", bad[i], " -->", NULL);
        g_autofree char *in_attr = g_strconcat ("issuer=\"UBND", bad[i], "\"", NULL);
        g_autoptr(GString) a = g_string_new (VALID);
        g_autoptr(GString) b = g_string_new (VALID);
        g_autoptr(GString) c = g_string_new (VALID);

        g_string_replace (a, "<title>Bộ chỉ số thử</title>", in_title, 1);
        g_string_replace (b, "<title>Bộ chỉ số thử</title>", in_comment, 1);
        g_string_replace (c, "issuer=\"UBND tỉnh\"", in_attr, 1);
        g_free (refused_with_prefix (a->str, PAR_ERROR_PARSE, "t.xml:3: the file is not valid UTF-8"));
        g_free (refused_with_prefix (b->str, PAR_ERROR_PARSE, "t.xml:3: the file is not valid UTF-8"));
        g_free (refused_with_prefix (c->str, PAR_ERROR_PARSE, "t.xml:4: the file is not valid UTF-8"));
      }
  }
  /* A NUL byte on line 8. */
  {
    const char *valid = VALID;
    g_autoptr(GBytes) bytes = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(GByteArray) data = g_byte_array_new ();
    const char *field = strstr (valid, "<field");
    g_autoptr(ParFramework) fw = NULL;

    g_byte_array_append (data, (const guint8 *) valid, field - valid);
    g_byte_array_append (data, (const guint8 *) "\0", 1);
    g_byte_array_append (data, (const guint8 *) field, strlen (field));
    bytes = g_byte_array_free_to_bytes (g_steal_pointer (&data));
    fw = par_framework_load_bytes (bytes, "t.xml", &error);
    g_assert_null (fw);
    g_assert_error (error, PAR_ERROR, PAR_ERROR_PARSE);
    g_assert_cmpstr (error->message, ==,
                     "t.xml:8: the file is not valid UTF-8 text; save it as UTF-8 and try again");
  }
  /* UTF-16 is not UTF-8 either. */
  {
    g_autoptr(GError) error = NULL;
    gsize written = 0;
    g_autofree char *utf16 = g_convert (VALID, -1, "UTF-16LE", "UTF-8", NULL, &written, &error);
    g_autofree char *with_bom = g_malloc (written + 2);
    g_autoptr(GBytes) bytes = NULL;
    g_autoptr(ParFramework) fw = NULL;

    g_assert_no_error (error);
    memcpy (with_bom, "\xFF\xFE", 2);
    memcpy (with_bom + 2, utf16, written);
    bytes = g_bytes_new (with_bom, written + 2);
    fw = par_framework_load_bytes (bytes, "t.xml", &error);
    g_assert_null (fw);
    g_assert_error (error, PAR_ERROR, PAR_ERROR_PARSE);
    g_assert_cmpstr (error->message, ==,
                     "t.xml:1: the file is not valid UTF-8 text; save it as UTF-8 and try again");
  }
}

static void
test_empty (void)
{
  assert_refused ("", PAR_ERROR_PARSE, "t.xml: the file is empty");
  g_free (refused_with_prefix ("  \n\n", PAR_ERROR_PARSE, "t.xml:"));
  g_free (refused_with_prefix ("<?xml version=\"1.0\"?>\n", PAR_ERROR_PARSE, "t.xml:"));
}

static void
test_display_name_default (void)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static ("", 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(ParFramework) fw = par_framework_load_bytes (bytes, NULL, &error);

  g_assert_null (fw);
  g_assert_error (error, PAR_ERROR, PAR_ERROR_PARSE);
  g_assert_cmpstr (error->message, ==, "criteria-set.xml: the file is empty");
}

/* The bytes need not be NUL-terminated: a buffer cut right after the closing tag loads. */
static void
test_not_nul_terminated (void)
{
  const char *valid = VALID;
  gsize len = strlen (valid);
  char *copy = g_malloc (len);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ParFramework) fw = NULL;

  memcpy (copy, valid, len);
  bytes = g_bytes_new_take (copy, len);
  fw = par_framework_load_bytes (bytes, "t.xml", &error);
  g_assert_no_error (error);
  g_assert_nonnull (fw);
}

/* --- files ----------------------------------------------------------------------------------- */

static void
write_file (const char *path,
            const char *contents,
            gssize      len)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, len, &error);
  g_assert_no_error (error);
}

static void
test_missing_file (void)
{
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "không có.xml", NULL);
  g_autofree char *expected = g_strdup_printf ("%s: cannot open the file: No such file or directory", path);
  g_autoptr(GError) error = NULL;
  g_autoptr(ParFramework) fw = par_framework_load_file (path, &error);

  g_assert_null (fw);
  g_assert_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, expected);
  par_test_remove_tree (dir);
}

static void
test_directory (void)
{
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *expected = g_strdup_printf ("%s: not a regular file", dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(ParFramework) fw = par_framework_load_file (dir, &error);

  g_assert_null (fw);
  g_assert_error (error, PAR_ERROR, PAR_ERROR_IO);
  g_assert_cmpstr (error->message, ==, expected);
  par_test_remove_tree (dir);
}

static void
test_empty_file (void)
{
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "empty.xml", NULL);
  g_autofree char *expected = g_strdup_printf ("%s: the file is empty", path);
  g_autoptr(GError) error = NULL;
  g_autoptr(ParFramework) fw = NULL;

  write_file (path, "", 0);
  fw = par_framework_load_file (path, &error);
  g_assert_null (fw);
  g_assert_error (error, PAR_ERROR, PAR_ERROR_PARSE);
  g_assert_cmpstr (error->message, ==, expected);
  par_test_remove_tree (dir);
}

/* A path with spaces and Vietnamese letters: loads, and names itself in messages. */
static void
test_vietnamese_path (void)
{
  g_autofree char *src = g_build_filename (datadir (), "frameworks", "camau-2013-field1.xml", NULL);
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *sub = g_build_filename (dir, "Hồ sơ CCHC", NULL);
  g_autofree char *path = g_build_filename (sub, "bộ chỉ số 2023.xml", NULL);
  g_autofree char *bad = g_build_filename (sub, "bộ chỉ số lỗi.xml", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ParFramework) fw = NULL;
  g_autoptr(ParFramework) none = NULL;
  gsize len;

  g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
  g_assert_true (g_file_get_contents (src, &contents, &len, NULL));
  write_file (path, contents, len);
  fw = par_framework_load_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (par_framework_get_id (fw), ==, "camau-2013-department-field1");

  write_file (bad, HEAD ("12") OPEN MANUAL ("sub", "1.1.1", "4") MANUAL ("sub", "1.1.2", "6")
              CLOSE TAIL, -1);
  none = par_framework_load_file (bad, &error);
  g_assert_null (none);
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  expected = g_strdup_printf ("%s:2: the fields’ maxima add up to 10.00, but the set’s maximum is 12.00", bad);
  g_assert_cmpstr (error->message, ==, expected);
  par_test_remove_tree (dir);
}

/* --- hostile files --------------------------------------------------------------------------- */

static void
assert_no_passwd (const char *text)
{
  g_autofree char *passwd = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents ("/etc/passwd", &passwd, NULL, NULL))
    return;
  lines = g_strsplit (passwd, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (strlen (lines[i]) < 8)
        continue;
      if (strstr (text, lines[i]) != NULL)
        g_error ("a line of /etc/passwd leaked: %s", text);
    }
  g_assert_null (strstr (text, "root:x:0:0"));
  g_assert_null (strstr (text, "/bin/"));
  g_assert_null (strstr (text, "nologin"));
}

static void
test_external_entity (void)
{
  const char *xxe =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<!DOCTYPE criteria-set [\n"
    "  <!ENTITY xxe SYSTEM \"file:///etc/passwd\">\n"
    "]>\n"
    "<criteria-set xmlns=\"urn:x-parscore:criteria-set:1\" id=\"t\" max=\"10\">\n"
    "<title>&xxe;</title>\n"
    "<decision number=\"&xxe;\" issuer=\"UBND\">&xxe;</decision>\n"
    "<years from=\"2023\" to=\"2023\"/><level>department</level>\n"
    BANDS "\n" BODY_10;
  g_autoptr(GError) error = NULL;
  g_autoptr(ParFramework) fw = load_string (xxe, &error);

  g_assert_null (fw);
  g_assert_error (error, PAR_ERROR, PAR_ERROR_UNSAFE);
  g_assert_cmpstr (error->message, ==,
                   "t.xml:2: the file declares a DOCTYPE or entities, which criteria sets must not "
                   "use (they can read other files or exhaust memory); remove the declaration");
  assert_no_passwd (error->message);
}

/* The DOCTYPE is found behind a BOM, comments and processing instructions too. */
static void
test_doctype_hidden (void)
{
  const char *hidden =
    "\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<!-- <criteria-set> -->\n"
    "<?xml-stylesheet href=\"x.xsl\"?>\n"
    "  <!-- another -->\n"
    "<!DOCTYPE criteria-set SYSTEM \"file:///etc/passwd\">\n"
    "<criteria-set xmlns=\"urn:x-parscore:criteria-set:1\" id=\"t\" max=\"10\"/>\n";

  assert_refused (hidden, PAR_ERROR_UNSAFE,
                  "t.xml:5: the file declares a DOCTYPE or entities, which criteria sets must not "
                  "use (they can read other files or exhaust memory); remove the declaration");
}

/* XInclude is never processed: the include element is just unknown to the schema. */
static void
test_xinclude (void)
{
  g_autoptr(GString) xml = g_string_new (VALID);
  g_autofree char *message = NULL;

  g_string_replace (xml, "<title>Bộ chỉ số thử</title>",
                    "<title><xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" "
                    "href=\"file:///etc/passwd\" parse=\"text\"/></title>", 1);
  message = refused_with_prefix (xml->str, PAR_ERROR_FORMAT, "t.xml:");
  assert_no_passwd (message);
}

/* /etc/passwd itself handed over as a criteria set. */
static void
test_passwd_as_set (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParFramework) fw = NULL;

  if (!g_file_test ("/etc/passwd", G_FILE_TEST_IS_REGULAR))
    {
      g_test_skip ("no /etc/passwd");
      return;
    }
  fw = par_framework_load_file ("/etc/passwd", &error);
  g_assert_null (fw);
  g_assert_error (error, PAR_ERROR, PAR_ERROR_PARSE);
  g_assert_true (g_str_has_prefix (error->message, "/etc/passwd:1: the file is not well-formed XML ("));
  assert_no_passwd (error->message);
}

static void
test_billion_laughs (void)
{
  g_autoptr(GString) bomb = g_string_new ("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n"
                                          " <!ENTITY lol \"lol\">\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(ParFramework) fw = NULL;

  for (int i = 1; i <= 9; i++)
    {
      g_string_append_printf (bomb, " <!ENTITY lol%d \"", i);
      for (int j = 0; j < 10; j++)
        g_string_append_printf (bomb, i == 1 ? "&lol;" : "&lol%d;", i - 1);
      g_string_append (bomb, "\">\n");
    }
  g_string_append (bomb, "]>\n<criteria-set xmlns=\"urn:x-parscore:criteria-set:1\" id=\"t\" "
                         "max=\"10\"><title>&lol9;</title></criteria-set>\n");
  fw = load_string (bomb->str, &error);
  g_assert_null (fw);
  g_assert_error (error, PAR_ERROR, PAR_ERROR_UNSAFE);
  g_assert_true (g_str_has_prefix (error->message, "t.xml:2: the file declares a DOCTYPE"));
  g_assert_cmpuint (strlen (error->message), <, 300);
}

/* A listening socket on the loopback: any attempt to fetch the DTD would connect to it. */
typedef struct {
  GSocket *socket;
  guint16  port;
} Trap;

static void
trap_open (Trap *trap)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  trap->socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                               G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_bind (trap->socket, any, TRUE, &error);
  g_assert_no_error (error);
  g_socket_listen (trap->socket, &error);
  g_assert_no_error (error);
  g_socket_set_blocking (trap->socket, FALSE);
  bound = g_socket_get_local_address (trap->socket, &error);
  g_assert_no_error (error);
  trap->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static void
trap_assert_untouched (Trap *trap)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) client = g_socket_accept (trap->socket, NULL, &error);

  g_assert_null (client);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK);
  g_clear_object (&trap->socket);
}

static void
test_external_dtd (void)
{
  Trap trap = { NULL, 0 };
  g_autofree char *external = NULL;
  g_autofree char *parameter = NULL;
  g_autofree char *schema_loc = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ParFramework) fw = NULL;

  trap_open (&trap);
  external = g_strdup_printf ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                              "<!DOCTYPE criteria-set SYSTEM \"http://127.0.0.1:%u/evil.dtd\">\n"
                              "<criteria-set xmlns=\"urn:x-parscore:criteria-set:1\" id=\"t\" max=\"10\"/>\n",
                              trap.port);
  parameter = g_strdup_printf ("<?xml version=\"1.0\"?>\n"
                               "<!DOCTYPE criteria-set [<!ENTITY %% ext SYSTEM \"http://127.0.0.1:%u/p.dtd\"> %%ext;]>\n"
                               "<criteria-set xmlns=\"urn:x-parscore:criteria-set:1\" id=\"t\" max=\"10\"/>\n",
                               trap.port);
  assert_refused (external, PAR_ERROR_UNSAFE,
                  "t.xml:2: the file declares a DOCTYPE or entities, which criteria sets must not "
                  "use (they can read other files or exhaust memory); remove the declaration");
  assert_refused (parameter, PAR_ERROR_UNSAFE,
                  "t.xml:2: the file declares a DOCTYPE or entities, which criteria sets must not "
                  "use (they can read other files or exhaust memory); remove the declaration");

  /* An XInclude or a schema location pointing at the network is not followed either. */
  {
    g_autoptr(GString) xml = g_string_new (VALID);
    g_autofree char *include = g_strdup_printf ("<title><xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" "
                                                "href=\"http://127.0.0.1:%u/t.txt\" parse=\"text\"/></title>",
                                                trap.port);
    g_string_replace (xml, "<title>Bộ chỉ số thử</title>", include, 1);
    g_free (refused_with_prefix (xml->str, PAR_ERROR_FORMAT, "t.xml:"));
  }
  {
    g_autoptr(GString) xml = g_string_new (VALID);
    schema_loc = g_strdup_printf ("<criteria-set xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
                                  "xsi:schemaLocation=\"urn:x-parscore:criteria-set:1 http://127.0.0.1:%u/s.xsd\" ",
                                  trap.port);
    g_string_replace (xml, "<criteria-set ", schema_loc, 1);
    fw = load_string (xml->str, &error);
    /* Whatever the schema says of the foreign attribute, nothing may be fetched. */
    g_clear_error (&error);
  }
  trap_assert_untouched (&trap);
}

/* A 100 MB file is refused on its size, from fstat, before a byte of it is read. */
static void
test_huge_file (void)
{
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "huge.xml", NULL);
  g_autofree char *expected = g_strdup_printf ("%s: the file is 100 MB; criteria sets are limited to 16 MB", path);
  g_autoptr(GError) error = NULL;
  g_autoptr(ParFramework) fw = NULL;
  const char *prefix = HEAD ("10");
  int fd;

  /* A valid start, then a hole: the file is sparse, so making it costs nothing. */
  fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, prefix, strlen (prefix)), ==, (gssize) strlen (prefix));
  g_assert_cmpint (ftruncate (fd, (off_t) 100 * 1024 * 1024), ==, 0);
  g_assert_cmpint (close (fd), ==, 0);

  fw = par_framework_load_file (path, &error);
  g_assert_null (fw);
  g_assert_error (error, PAR_ERROR, PAR_ERROR_TOO_LARGE);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);

  /* One byte over the limit, on the file's size alone. */
  g_assert_cmpint (truncate (path, (off_t) PAR_FRAMEWORK_MAX_BYTES + 1), ==, 0);
  fw = par_framework_load_file (path, &error);
  g_assert_null (fw);
  g_assert_error (error, PAR_ERROR, PAR_ERROR_TOO_LARGE);
  g_free (expected);
  expected = g_strdup_printf ("%s: the file is 17 MB; criteria sets are limited to 16 MB", path);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);

  /* 64 GiB, still sparse: reading it (or allocating for it) would take the machine down, so
   * a prompt, exact refusal shows the size was judged from fstat alone. */
  if (truncate (path, (off_t) 64 * 1024 * 1024 * 1024) == 0)
    {
      fw = par_framework_load_file (path, &error);
      g_assert_null (fw);
      g_assert_error (error, PAR_ERROR, PAR_ERROR_TOO_LARGE);
      g_free (expected);
      expected = g_strdup_printf ("%s: the file is 65536 MB; criteria sets are limited to 16 MB", path);
      g_assert_cmpstr (error->message, ==, expected);
    }
  par_test_remove_tree (dir);
}

/* A named pipe must not block the loader waiting for a writer. */
static void
test_fifo (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;

  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ParFramework) fw = NULL;
      g_autofree char *expected = NULL;

      dir = make_tmpdir ();
      path = g_build_filename (dir, "pipe.xml", NULL);
      expected = g_strdup_printf ("%s: not a regular file", path);
      g_assert_cmpint (mkfifo (path, 0600), ==, 0);
      fw = par_framework_load_file (path, &error);
      g_assert_null (fw);
      g_assert_error (error, PAR_ERROR, PAR_ERROR_IO);
      g_assert_cmpstr (error->message, ==, expected);
      par_test_remove_tree (dir);
      return;
    }
  g_test_trap_subprocess (NULL, 10 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

/* In memory the same limit holds, one byte over it. */
static void
test_huge_bytes (void)
{
  gsize len = PAR_FRAMEWORK_MAX_BYTES + 1;
  char *data = g_malloc (len);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ParFramework) fw = NULL;

  memset (data, ' ', len);
  bytes = g_bytes_new_take (data, len);
  fw = par_framework_load_bytes (bytes, "big.xml", &error);
  g_assert_null (fw);
  g_assert_error (error, PAR_ERROR, PAR_ERROR_TOO_LARGE);
  /* Never "16 MB; … limited to 16 MB": the size is rounded up. */
  g_assert_cmpstr (error->message, ==, "big.xml: the file is 17 MB; criteria sets are limited to 16 MB");
}

/* Exactly at the limit is still accepted (spaces after the root element are allowed). */
static void
test_limit_exact (void)
{
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "at-limit.xml", NULL);
  const char *valid = VALID;
  gsize len = PAR_FRAMEWORK_MAX_BYTES;
  g_autofree char *data = g_malloc (len);
  g_autoptr(GError) error = NULL;
  g_autoptr(ParFramework) fw = NULL;

  /* Padding of comments and short runs of spaces, as a real large file would have: libxml2
   * refuses single text runs over 10 MB on its own, whatever our limit. */
  memset (data, ' ', len);
  memcpy (data, valid, strlen (valid));
  for (gsize at = strlen (valid); at + 1024 <= len; at += 1024)
    {
      memcpy (data + at, "<!--", 4);
      memcpy (data + at + 1018, "-->\n", 4);
    }
  write_file (path, data, len);
  fw = par_framework_load_file (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fw);
  g_assert_cmpuint (g_bytes_get_size (par_framework_get_source (fw)), ==, PAR_FRAMEWORK_MAX_BYTES);
  par_test_remove_tree (dir);
}

/* The loader's quick look at the bytes (par_loader_may_hold_unsafe_text) agrees with
 * par_text, the one definition of text that shows differently from what it is, for every
 * character, alone and between Vietnamese letters; "&#" always counts. */
static void
test_unsafe_scan (void)
{
  for (gunichar ch = 1; ch <= 0x10FFFF; ch++)
    {
      char buf[32];
      int n;
      gboolean refused;

      if (ch >= 0xD800 && ch <= 0xDFFF)
        continue;
      refused = par_text_classify_char (ch, PAR_TEXT_MULTI_LINE) != PAR_TEXT_SAFE;
      n = g_unichar_to_utf8 (ch, buf);
      if (par_loader_may_hold_unsafe_text (buf, n) != refused)
        g_error ("U+%04X: the scan says %s, par_text %s", ch, refused ? "safe" : "unsafe",
                 refused ? "refused" : "safe");
      n = g_snprintf (buf, sizeof buf, "Tỷ lệ ");
      n += g_unichar_to_utf8 (ch, buf + n);
      n += g_snprintf (buf + n, sizeof buf - n, " đạt");
      g_assert_cmpint (par_loader_may_hold_unsafe_text (buf, n), ==, refused);
    }
  g_assert_false (par_loader_may_hold_unsafe_text ("a & b; “quoted” — đúng hạn\n\t", strlen ("a & b; “quoted” — đúng hạn\n\t")));
  g_assert_true (par_loader_may_hold_unsafe_text ("x &#8238; y", 11));
  /* A sequence cut at the end of the data is not read past it. */
  g_assert_false (par_loader_may_hold_unsafe_text ("\xE2\x80", 2));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/loader/shipped/camau", test_camau);
  g_test_add_func ("/loader/shipped/sample-department", test_sample_department);
  g_test_add_func ("/loader/ref", test_ref);
  g_test_add_func ("/loader/minimal", test_minimal);
  g_test_add_func ("/loader/bom-and-encoding", test_bom_and_encoding);
  g_test_add_func ("/loader/not-nul-terminated", test_not_nul_terminated);
  g_test_add_func ("/loader/invalid/maxima-sum", test_maxima_sum);
  g_test_add_func ("/loader/invalid/maxima-capped", test_maxima_capped);
  g_test_add_func ("/loader/invalid/duplicate-code", test_duplicate_code);
  g_test_add_func ("/loader/invalid/nesting", test_nesting);
  g_test_add_func ("/loader/invalid/tiers", test_tiers);
  g_test_add_func ("/loader/invalid/points-above-max", test_points_above_max);
  g_test_add_func ("/loader/invalid/choice-grades", test_choice_grades);
  g_test_add_func ("/loader/invalid/input-refs", test_input_refs);
  g_test_add_func ("/loader/invalid/bands", test_bands);
  g_test_add_func ("/loader/invalid/other", test_other_semantics);
  g_test_add_func ("/loader/invalid/root-title", test_root_title);
  g_test_add_func ("/loader/invalid/big-line-numbers", test_big_line_numbers);
  g_test_add_func ("/loader/invalid/namespace", test_namespace);
  g_test_add_func ("/loader/invalid/schema", test_schema);
  g_test_add_func ("/loader/invalid/numbers", test_numbers);
  g_test_add_func ("/loader/invalid/unsafe-text", test_unsafe_text);
  g_test_add_func ("/loader/invalid/not-well-formed", test_not_well_formed);
  g_test_add_func ("/loader/invalid/utf8", test_invalid_utf8);
  g_test_add_func ("/loader/invalid/empty", test_empty);
  g_test_add_func ("/loader/invalid/display-name-default", test_display_name_default);
  g_test_add_func ("/loader/file/missing", test_missing_file);
  g_test_add_func ("/loader/file/directory", test_directory);
  g_test_add_func ("/loader/file/empty", test_empty_file);
  g_test_add_func ("/loader/file/vietnamese-path", test_vietnamese_path);
  g_test_add_func ("/loader/hostile/external-entity", test_external_entity);
  g_test_add_func ("/loader/hostile/doctype-hidden", test_doctype_hidden);
  g_test_add_func ("/loader/hostile/xinclude", test_xinclude);
  g_test_add_func ("/loader/hostile/passwd-as-set", test_passwd_as_set);
  g_test_add_func ("/loader/hostile/billion-laughs", test_billion_laughs);
  g_test_add_func ("/loader/unsafe-scan", test_unsafe_scan);
  g_test_add_func ("/loader/hostile/external-dtd", test_external_dtd);
  g_test_add_func ("/loader/hostile/huge-file", test_huge_file);
  g_test_add_func ("/loader/hostile/huge-bytes", test_huge_bytes);
  g_test_add_func ("/loader/hostile/fifo", test_fifo);
  g_test_add_func ("/loader/hostile/limit-exact", test_limit_exact);

  return g_test_run ();
}
