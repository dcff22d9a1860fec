/* chart-fixtures.c — deterministic chart models for tests, the gallery and the benchmark.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "chart-fixtures.h"

const char *const fixture_field_names[8] = {
  "Công tác chỉ đạo, điều hành cải cách hành chính",
  "Cải cách thể chế",
  "Cải cách thủ tục hành chính",
  "Cải cách tổ chức bộ máy",
  "Cải cách chế độ công vụ",
  "Cải cách tài chính công",
  "Xây dựng và phát triển Chính phủ điện tử, Chính phủ số",
  "Tác động của cải cách hành chính",
};

static const ParPoints field_max[8] = { 1000, 900, 1400, 800, 1100, 800, 1500, 2500 };

static void
add_bands (ParChartModel *m)
{
  par_chart_model_add_band (m, "Yếu", 0, TRUE);
  par_chart_model_add_band (m, "Trung bình", 5000, TRUE);
  par_chart_model_add_band (m, "Khá", 7000, TRUE);
  par_chart_model_add_band (m, "Tốt", 8000, TRUE);
  par_chart_model_add_band (m, "Xuất sắc", 9000, TRUE);
}

/* A stable pseudo-random index between 60 and 99 % that improves over the years. */
static gint64
fake_percent (guint year_index,
              guint field)
{
  guint h = (field * 2654435761u) ^ (year_index * 40503u);

  return 6000 + (gint64) ((h >> 7) % 2400) + year_index * 150;
}

ParChartModel *
fixture_fields (guint n_years,
                guint n_fields)
{
  ParChartModel *m = par_chart_model_new (PAR_CHART_FIELDS, NULL);

  par_chart_model_set_subtitle (m, "Ban Quản lý các Khu công nghiệp");
  for (guint f = 0; f < n_fields; f++)
    {
      g_autofree char *code = g_strdup_printf ("%u", f + 1);
      g_autofree char *name = f < 8 ? g_strdup (fixture_field_names[f])
                                    : g_strdup_printf ("Lĩnh vực bổ sung số %u", f + 1);

      par_chart_model_add_category (m, code, name, NULL);
    }
  for (guint y = 0; y < n_years; y++)
    {
      guint s = par_chart_model_add_series (m, NULL, 2024 - (int) n_years + 1 + (int) y);

      for (guint f = 0; f < n_fields; f++)
        {
          gint64 pct = MIN (fake_percent (y, f), 10000);
          ParPoints max = field_max[f % 8];

          par_chart_model_set_value (m, s, f, pct, par_mul_div_round (max, pct, 10000), max);
        }
    }
  return m;
}

ParChartModel *
fixture_total (guint    n_years,
               gboolean appraised)
{
  ParChartModel *m = par_chart_model_new (PAR_CHART_TOTAL, NULL);
  static const gint64 self_pct[] = { 8120, 8405, 8390, 8710, 8950, 9120, 8870, 9260, 9410, 9535 };
  static const gint64 appr_pct[] = { 7980, 8211, 8300, 8555, 8830, 8960, 8790, 9105, 9300, 9480 };

  par_chart_model_set_subtitle (m, "Ban Quản lý các Khu công nghiệp");
  par_chart_model_add_series (m, "Self-assessed", 0);
  if (appraised)
    par_chart_model_add_series (m, "Final", 0);
  for (guint y = 0; y < n_years; y++)
    {
      g_autofree char *year = g_strdup_printf ("%u", 2024 - n_years + 1 + y);
      guint k = par_chart_model_add_category (m, year, year, year);
      guint i = y % G_N_ELEMENTS (self_pct);

      par_chart_model_set_value (m, 0, k, self_pct[i], self_pct[i], 10000);
      if (appraised)
        par_chart_model_set_value (m, 1, k, appr_pct[i], appr_pct[i], 10000);
    }
  add_bands (m);
  return m;
}

ParChartModel *
fixture_lost (void)
{
  static const struct {
    const char *code, *title;
    ParPoints lost, max;
  } rows[] = {
    { "8.2.1", "Mức độ hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan", 250, 400 },
    { "3.3.2", "Tỷ lệ hồ sơ thủ tục hành chính được giải quyết đúng hạn", 150, 200 },
    { "7.3.1", "Tỷ lệ dịch vụ công trực tuyến toàn trình có phát sinh hồ sơ", 125, 200 },
    { "5.2.3", "Thực hiện quy định về đánh giá, xếp loại công chức, viên chức", 100, 150 },
    { "1.1.4", "Mức độ hoàn thành kế hoạch cải cách hành chính năm", 100, 200 },
    { "2.2.1", "Kiểm tra, xử lý văn bản quy phạm pháp luật", 75, 100 },
    { "6.1.2", "Thực hiện cơ chế tự chủ tài chính của đơn vị sự nghiệp công lập", 50, 100 },
    { "4.1.1", "Sắp xếp tổ chức bộ máy theo quy định", 50, 100 },
    { "1.3.2", "Tuyên truyền cải cách hành chính", 25, 50 },
    { "7.1.3", "Ứng dụng chữ ký số trong trao đổi văn bản điện tử", 25, 50 },
  };
  ParChartModel *m = par_chart_model_new (PAR_CHART_LOST, NULL);
  ParPoints cumulative = 0;

  par_chart_model_set_subtitle (m, "Ban Quản lý các Khu công nghiệp · 2023");
  par_chart_model_add_series (m, "Points lost", 2023);
  par_chart_model_add_series (m, "Cumulative share", 2023);
  /* The ten shown are most, not all, of what was lost. */
  m->total_lost = 1100;
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      guint k = par_chart_model_add_category (m, rows[i].code, rows[i].title, rows[i].code);

      cumulative += rows[i].lost;
      par_chart_model_set_value (m, 0, k, par_percent_of (rows[i].lost, m->total_lost),
                                 rows[i].lost, rows[i].max);
      par_chart_model_set_value (m, 1, k, par_percent_of (cumulative, m->total_lost),
                                 cumulative, m->total_lost);
    }
  return m;
}

ParChartModel *
fixture_dumbbell (void)
{
  static const ParPoints self[8] = { 975, 850, 1325, 800, 975, 0, 1350, 2100 };
  static const ParPoints appr[8] = { 925, 850, -1, 750, 925, 0, 1200, 2150 };
  ParChartModel *m = par_chart_model_new (PAR_CHART_SELF_VS_APPRAISED, NULL);

  par_chart_model_set_subtitle (m, "Ban Quản lý các Khu công nghiệp · 2023");
  par_chart_model_add_series (m, "Self-assessed", 2023);
  par_chart_model_add_series (m, "Final", 2023);
  for (guint f = 0; f < 8; f++)
    {
      g_autofree char *code = g_strdup_printf ("%u", f + 1);
      guint k = par_chart_model_add_category (m, code, fixture_field_names[f], NULL);

      if (f == 5)
        {
          par_chart_model_set_state (m, 0, k, PAR_CHART_VALUE_NOT_APPLICABLE);
          par_chart_model_set_state (m, 1, k, PAR_CHART_VALUE_NOT_APPLICABLE);
          continue;
        }
      par_chart_model_set_value (m, 0, k, par_percent_of (self[f], field_max[f]), self[f],
                                 field_max[f]);
      if (appr[f] >= 0)
        par_chart_model_set_value (m, 1, k, par_percent_of (appr[f], field_max[f]), appr[f],
                                   field_max[f]);
      else
        par_chart_model_set_state (m, 1, k, PAR_CHART_VALUE_NOT_APPRAISED);
    }
  return m;
}

ParChartModel *
fixture_ranking (void)
{
  static const struct {
    const char *name;
    ParPoints points, max;
  } units[] = {
    { "Văn phòng UBND tỉnh", 9376, 9500 },
    { "Sở Nội vụ", 9395, 9861 },
    { "Sở Tài chính", 9120, 9850 },
    { "Sở Giao thông vận tải", 9050, 9850 },
    { "Sở Kế hoạch và Đầu tư", 8990, 9850 },
    { "Sở Tư pháp", 8925, 9850 },
    { "Sở Y tế", 8870, 9850 },
    { "Sở Giáo dục và Đào tạo", 8810, 9850 },
    { "Sở Tài nguyên và Môi trường", 8760, 9850 },
    { "Sở Công Thương", 8700, 9850 },
    { "Sở Nông nghiệp và Phát triển nông thôn", 8640, 9850 },
    { "Sở Xây dựng", 8600, 9850 },
    { "Sở Thông tin và Truyền thông", 8540, 9850 },
    { "Sở Lao động – Thương binh và Xã hội", 8400, 9850 },
    { "Sở Văn hóa, Thể thao và Du lịch", 8300, 9850 },
    { "Sở Khoa học và Công nghệ", 8230, 9850 },
    { "Ban Quản lý các Khu công nghiệp", 8521, 9650 },
    { "Thanh tra tỉnh", 7434, 8950 },
    { "Ban Dân tộc", -1, 0 },
  };
  g_autoptr(GArray) pct = g_array_new (FALSE, FALSE, sizeof (gint64));
  ParChartModel *m = par_chart_model_new (PAR_CHART_RANKING, NULL);
  g_autofree guint *order = g_new (guint, G_N_ELEMENTS (units));

  par_chart_model_set_subtitle (m, "2018");
  par_chart_model_add_series (m, "2018", 2018);
  /* Sorted by index % as the builder does (a simple selection sort is plenty here). */
  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    {
      gint64 p = units[i].points < 0 ? -1 : par_percent_of (units[i].points, units[i].max);

      g_array_append_val (pct, p);
      order[i] = i;
    }
  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    for (guint j = i + 1; j < G_N_ELEMENTS (units); j++)
      if (g_array_index (pct, gint64, order[j]) > g_array_index (pct, gint64, order[i]))
        {
          guint t = order[i];

          order[i] = order[j];
          order[j] = t;
        }
  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    {
      guint u = order[i];
      guint k;

      /* A unit without a result is a footnote, not a row. */
      if (units[u].points < 0)
        continue;
      k = par_chart_model_add_category (m, units[u].name, units[u].name, NULL);
      par_chart_model_set_value (m, 0, k, g_array_index (pct, gint64, u), units[u].points,
                                 units[u].max);
    }
  par_chart_model_add_note (m, "No result for 2018: Ban Dân tộc.");
  par_chart_model_set_highlight (m, "Ban Quản lý các Khu công nghiệp");
  add_bands (m);
  return m;
}

ParChartModel *
fixture_for_type (ParChartType type)
{
  switch (type)
    {
    case PAR_CHART_FIELDS:
      return fixture_fields (5, 8);
    case PAR_CHART_TOTAL:
      return fixture_total (6, TRUE);
    case PAR_CHART_RADAR:
      {
        ParChartModel *m = fixture_fields (3, 8);

        m->type = PAR_CHART_RADAR;
        g_free (m->title);
        m->title = g_strdup (par_chart_type_get_title (PAR_CHART_RADAR));
        return m;
      }
    case PAR_CHART_LOST:
      return fixture_lost ();
    case PAR_CHART_SELF_VS_APPRAISED:
      return fixture_dumbbell ();
    case PAR_CHART_RANKING:
      return fixture_ranking ();
    default:
      g_return_val_if_reached (NULL);
    }
}
