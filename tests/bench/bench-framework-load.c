/* bench-framework-load.c — load + validate a criteria set of 2,000 sub-criteria, next to
 * `xmllint --noout --relaxng` on the same file in the same run. Target: ≤ 1.5× xmllint.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/relaxng.h>

#include "bench-util.h"
#include "par-core.h"

#define FIELDS 8
#define CRITERIA 25
#define SUBS 10   /* 8 × 25 × 10 = 2,000 sub-criteria */
#define RUNS 21

static void
write_set (const char *path)
{
  GString *x = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<criteria-set xmlns=\"urn:x-parscore:criteria-set:1\" xml:lang=\"vi\" id=\"bench-2000\" max=\"2000\">\n"
    "  <title>Bộ chỉ số đo hiệu năng</title>\n"
    "  <decision number=\"1/QĐ-UBND\" date=\"2024-01-01\" issuer=\"Ủy ban nhân dân tỉnh\">Đo hiệu năng</decision>\n"
    "  <years from=\"2024\" to=\"2025\"/>\n  <level>department</level>\n"
    "  <bands><band name=\"Tốt\" from=\"80\"/><band name=\"Khá\" from=\"50\"/><band name=\"Yếu\" from=\"0\"/></bands>\n");

  for (int f = 1; f <= FIELDS; f++)
    {
      g_string_append_printf (x, "  <field code=\"%d\" max=\"%d\">\n    <title>Lĩnh vực %d: cải cách hành chính</title>\n",
                              f, CRITERIA * SUBS, f);
      for (int c = 1; c <= CRITERIA; c++)
        {
          g_string_append_printf (x, "    <criterion code=\"%d.%d\" max=\"%d\">\n      <title>Tiêu chí %d.%d</title>\n",
                                  f, c, SUBS, f, c);
          for (int s = 1; s <= SUBS; s++)
            {
              g_string_append_printf (x, "      <sub code=\"%d.%d.%d\" max=\"1\" not-applicable=\"allowed\">\n"
                "        <title>Tỷ lệ hồ sơ thủ tục hành chính giải quyết đúng hạn %d.%d.%d</title>\n"
                "        <title xml:lang=\"en\">Files resolved on time</title>\n"
                "        <description>Trên 90%%: 1 điểm; từ 70%% đến 90%%: 0,5 điểm; dưới 70%%: 0 điểm.</description>\n"
                "        <evidence><hint>Báo cáo kết quả giải quyết thủ tục hành chính</hint></evidence>\n",
                f, c, s, f, c, s);
              switch (s % 4)
                {
                case 0:
                  g_string_append (x, "        <inputs><input id=\"done\" type=\"integer\" label=\"Đúng hạn\"/>"
                    "<input id=\"total\" type=\"integer\" label=\"Tổng số\"/></inputs>\n"
                    "        <rule type=\"ratio-tiers\" numerator=\"done\" denominator=\"total\">"
                    "<tier above=\"90\" points=\"1\"/><tier from=\"70\" points=\"0.5\"/></rule>\n");
                  break;
                case 1:
                  g_string_append (x, "        <inputs><input id=\"met\" type=\"boolean\" label=\"Đạt\"/></inputs>\n"
                    "        <rule type=\"yes-no\" input=\"met\"/>\n");
                  break;
                case 2:
                  g_string_append (x, "        <inputs><input id=\"status\" type=\"choice\" label=\"Tiến độ\">"
                    "<option value=\"on-time\" label=\"Đúng hạn\"/><option value=\"late\" label=\"Chậm\"/>"
                    "<option value=\"not-done\" label=\"Không\"/></input></inputs>\n"
                    "        <rule type=\"timeliness\" status=\"status\" late=\"0.5\"/>\n");
                  break;
                default:
                  g_string_append (x, "        <rule type=\"manual\" step=\"0.25\"/>\n");
                  break;
                }
              g_string_append (x, "      </sub>\n");
            }
          g_string_append (x, "    </criterion>\n");
        }
      g_string_append (x, "  </field>\n");
    }
  g_string_append (x, "</criteria-set>\n");
  g_assert (g_file_set_contents (path, x->str, x->len, NULL));
  g_string_free (x, TRUE);
}

int
main (int argc, char **argv)
{
  g_autofree char *dir = g_dir_make_tmp ("parscore-bench-XXXXXX", NULL);
  g_autofree char *xml = g_build_filename (dir, "bench-2000.xml", NULL);
  g_autofree char *rng = par_data_find ("criteria-set-1.rng");
  const char *cli = argc > 1 ? argv[1] : "parscore-cli";
  char *ours_argv[] = { (char *) cli, "validate", xml, NULL };
  char *peer_argv[] = { "xmllint", "--noout", "--nonet", "--relaxng", rng, xml, NULL };
  double ours[RUNS], peer[RUNS], inproc[RUNS], inproc_peer[RUNS];
  GStatBuf st;

  g_assert (rng != NULL);
  write_set (xml);
  g_stat (xml, &st);

  /* Sanity: both accept the file, ours sees 2,000 sub-criteria. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(ParFramework) fw = par_framework_load_file (xml, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (par_framework_count_kind (fw, PAR_NODE_SUB), ==, 2000);
  }

  for (int i = 0; i < RUNS; i++)
    {
      /* Interleaved so drift hits both alike. */
      gint64 t0;
      ParFramework *fw;

      ours[i] = bench_run_ms (ours_argv);
      peer[i] = bench_run_ms (peer_argv);
      g_assert (ours[i] > 0 && peer[i] > 0);
      t0 = g_get_monotonic_time ();
      fw = par_framework_load_file (xml, NULL);
      inproc[i] = (g_get_monotonic_time () - t0) / 1000.0;
      par_framework_unref (fw);

      /* The same libxml2 work xmllint does, in this process: schema, parse, validate, free. */
      {
        xmlRelaxNGParserCtxtPtr pc;
        xmlRelaxNGPtr schema;
        xmlRelaxNGValidCtxtPtr vc;
        xmlDocPtr doc;

        t0 = g_get_monotonic_time ();
        pc = xmlRelaxNGNewParserCtxt (rng);
        schema = xmlRelaxNGParse (pc);
        doc = xmlReadFile (xml, NULL, XML_PARSE_NONET);
        vc = xmlRelaxNGNewValidCtxt (schema);
        g_assert_cmpint (xmlRelaxNGValidateDoc (vc, doc), ==, 0);
        xmlRelaxNGFreeValidCtxt (vc);
        xmlFreeDoc (doc);
        xmlRelaxNGFree (schema);
        xmlRelaxNGFreeParserCtxt (pc);
        inproc_peer[i] = (g_get_monotonic_time () - t0) / 1000.0;
      }
    }

  {
    double o = bench_median (ours, RUNS), p = bench_median (peer, RUNS);
    printf ("criteria set: 2000 sub-criteria, %.1f KB\n", st.st_size / 1024.0);
    printf ("parscore-cli validate (whole process): %.1f ms (median of %d)\n", o, RUNS);
    printf ("xmllint --noout --relaxng (whole process): %.1f ms (median of %d)\n", p, RUNS);
    printf ("ratio: %.2fx xmllint (target <= 1.50x)\n", o / p);
    {
      double a = bench_median (inproc, RUNS), b = bench_median (inproc_peer, RUNS);
      printf ("in-process: par_framework_load_file (parse, validate, walk, checks) %.1f ms, "
              "libxml2 schema + parse + validate alone %.1f ms, ratio %.2fx\n", a, b, a / b);
    }
  }
  g_unlink (xml);
  g_rmdir (dir);
  return 0;
}
