/* par-demo-books.c — the demo's office books: register rows that give the figures the demo drew.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sample set's 1.1.1, 1.1.3, 1.2.1, 3.3.1–3.3.3 and 8.3.2 read figures computed from four
 * registers (plan tasks, reports sent, procedure statistics per period, survey forms). The demo
 * draws each rule's values as it always did; this file writes rows that reproduce them: N plan
 * tasks of which D done (the first one issues the plan, on time or not), four periodic reports of
 * which K sent by their deadline, four quarters of procedure statistics adding up to the files
 * resolved / on time / returned by post, 40 survey forms of which a share satisfied with the
 * result. A register whose figures were not drawn gets no rows.
 *
 * Where the demo keeps the document a row records — the year's plan, the annual report — the row
 * links it (par_demo_books_link()), as a coordinator links them on the Books page.
 *
 * The Đồng Nai board's real 2020 (seeds 000, 004): KH 01/KH-KCNĐN issued on 14/01/2020; H1 4,860
 * new files with 252 carried over from 2019, 4,898 resolved of which 4,891 on time and 7 late,
 * 214 pending; H2 4,786 new, 4,950 resolved, 4,945 on time, 5 late, 50 pending.
 */
#include "config.h"

#include <string.h>

#include "par-core.h"
#include "par-demo-private.h"
#include "par-register-due.h"

#define DEMO_OWNER_OFFICE "Văn phòng"

static const char *const owners[] = {
  DEMO_OWNER_OFFICE, "Phòng Quản lý doanh nghiệp", "Phòng Quản lý đầu tư",
  "Phòng Quản lý lao động", "Phòng Quản lý quy hoạch xây dựng", "Phòng Quản lý tài nguyên và môi trường",
};

/* Tasks of a board's annual PAR plan (after KH 01/KH-KCNĐN); a long plan repeats them per quarter. */
static const char *const tasks[] = {
  "Kế hoạch kiểm tra công tác cải cách hành chính",
  "Kế hoạch thông tin, tuyên truyền cải cách hành chính",
  "Kế hoạch kiểm soát thủ tục hành chính",
  "Rà soát, đánh giá thủ tục hành chính thuộc thẩm quyền",
  "Cập nhật, công khai thủ tục hành chính trên Cổng dịch vụ công",
  "Kiểm tra việc giải quyết thủ tục hành chính tại bộ phận một cửa",
  "Duy trì, cải tiến hệ thống quản lý chất lượng ISO 9001:2015",
  "Rà soát văn bản quy phạm pháp luật liên quan đến lĩnh vực quản lý",
  "Khảo sát sự hài lòng của tổ chức, cá nhân theo từng thủ tục",
  "Đối thoại với doanh nghiệp trong các khu công nghiệp",
  "Rà soát vị trí việc làm, cơ cấu ngạch công chức",
  "Bồi dưỡng kỹ năng giải quyết thủ tục hành chính cho công chức",
  "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
  "Báo cáo tình hình thực hiện cải cách hành chính định kỳ",
};

static const char *const quarters[] = { "quý I", "quý II", "quý III", "quý IV" };

/* Cells of one row, set by column id whatever their order in the set. */
typedef struct {
  const ParRegister *reg;
  char             **cells;
} Row;

static Row
row_new (const ParRegister *reg)
{
  Row row = { reg, g_new0 (char *, reg->columns->len + 1) };
  return row;
}

static void
row_set (Row        *row,
         const char *column,
         char       *value)   /* (transfer full) (nullable) */
{
  const ParRegisterColumn *col = par_register_lookup_column (row->reg, column);

  if (col == NULL)
    {
      g_free (value);
      return;
    }
  g_free (row->cells[col->index]);
  row->cells[col->index] = value;
}

static void
row_add (Row             *row,
         ParRegisterRows *rows)
{
  /* Empty cells are "" in a row (par_register_rows_append takes NULL-free arrays). */
  for (guint i = 0; i < row->reg->columns->len; i++)
    if (row->cells[i] == NULL)
      row->cells[i] = g_strdup ("");
  par_register_rows_append (rows, (const char * const *) row->cells);
  g_strfreev (row->cells);
  row->cells = NULL;
}

static char *
date_text (int year,
           int month,
           int day)
{
  g_autoptr(GDate) d = g_date_new ();

  /* A day past the month's end moves into the next month, as a real deadline would. */
  g_date_set_dmy (d, 1, (GDateMonth) CLAMP (month, 1, 12), (GDateYear) year);
  g_date_add_days (d, (guint) MAX (day, 1) - 1);
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (d), g_date_get_month (d),
                          g_date_get_day (d));
}

static gboolean
total (const ParDemoBooks *b,
       const char         *id,
       gint64             *out)
{
  gint64 *v = g_hash_table_lookup (b->totals, id);

  if (v != NULL)
    *out = *v;
  return v != NULL;
}

/* The plan's tasks: the first issues the plan (on time or not, per 1.1.1's draw; the real date
 * in a real year), then tasks over the year of which the first @done are done; the rest, due
 * later, are not done yet. */
static ParRegisterRows *
plan_rows (const ParRegister  *reg,
           const ParDemoBooks *b)
{
  static const struct { int year; const char *issued; const char *number; } real[] = {
    { 2020, "2020-01-14", "01/KH-KCNĐN" },   /* seed 000 */
    { 2021, "2021-01-12", "03/KH-KCNĐN" },
    { 2022, "2022-01-10", "02/KH-KCNĐN" },
  };
  g_autoptr(ParRegisterRows) rows = NULL;
  gint64 n = 1, done = 1;
  const char *issued = NULL;
  const char *number = NULL;
  Row row;

  if (b->plan_on_time < 0 && !total (b, "plan_tasks_total", &n))
    return NULL;
  if (total (b, "plan_tasks_total", &n))
    {
      if (!total (b, "plan_tasks_done", &done))
        done = n;
    }
  n = MAX (n, 1);
  done = CLAMP (done, 0, n);
  for (guint i = 0; b->real && i < G_N_ELEMENTS (real); i++)
    if (real[i].year == b->year)
      issued = real[i].issued, number = real[i].number;

  rows = par_register_rows_new (reg->id, reg->columns->len);
  row = row_new (reg);
  row_set (&row, "task", g_strdup_printf ("Ban hành Kế hoạch cải cách hành chính năm %d", b->year));
  row_set (&row, "owner", g_strdup (DEMO_OWNER_OFFICE));
  row_set (&row, "deadline", date_text (b->year, 1, 31));
  row_set (&row, "issues_plan", g_strdup ("true"));
  if (done >= 1 || b->plan_on_time >= 0)
    {
      row_set (&row, "done", issued != NULL ? g_strdup (issued)
                             : date_text (b->year, b->plan_on_time != 0 ? 1 : 2,
                                          b->plan_on_time != 0 ? 20 : 12));
      row_set (&row, "result", number != NULL ? g_strdup_printf ("Kế hoạch số %s", number)
                               : g_strdup_printf ("Kế hoạch số 01/KH-KCN năm %d", b->year));
    }
  row_add (&row, rows);

  for (gint64 i = 1; i < n; i++)
    {
      /* Due from February to December, in the order they are listed. */
      int month = 2 + (int) ((i - 1) * 11 / MAX (n - 1, 1));
      const char *task = tasks[(i - 1) % G_N_ELEMENTS (tasks)];
      gint64 round = (i - 1) / (gint64) G_N_ELEMENTS (tasks);

      month = MIN (month, 12);
      row = row_new (reg);
      row_set (&row, "task", round == 0 ? g_strdup (task)
                             : g_strdup_printf ("%s (%s)", task, quarters[MIN (round, 3)]));
      row_set (&row, "owner", g_strdup (owners[i % G_N_ELEMENTS (owners)]));
      row_set (&row, "deadline", date_text (b->year, month, month == 12 ? 15 : 28));
      row_set (&row, "issues_plan", g_strdup ("false"));
      if (i < done)
        {
          row_set (&row, "done", date_text (b->year, month, 10 + (int) (i % 15)));
          row_set (&row, "result", g_strdup ("Đã hoàn thành, có báo cáo kết quả"));
        }
      row_add (&row, rows);
    }
  return g_steal_pointer (&rows);
}

/* The four periodic reports, @on_time of them sent by their deadline; the late ones are the
 * third quarter's first, then the first quarter's. */
static ParRegisterRows *
report_rows (const ParRegister  *reg,
             const ParDemoBooks *b)
{
  static const struct { const char *period; const char *title; int month; int number; } reports[] = {
    { "q1",   "Báo cáo cải cách hành chính quý I ",             3, 45 },
    { "h1",   "Báo cáo cải cách hành chính 6 tháng đầu ",       6, 112 },
    { "q3",   "Báo cáo cải cách hành chính quý III ",           9, 168 },
    { "year", "Báo cáo kết quả thực hiện cải cách hành chính ", 12, 180 },
  };
  static const guint late_order[] = { 2, 0, 1, 3 };
  g_autoptr(ParRegisterRows) rows = NULL;
  gboolean late[4] = { FALSE, FALSE, FALSE, FALSE };
  gint64 on_time;

  if (!total (b, "reports_on_time", &on_time))
    return NULL;
  on_time = CLAMP (on_time, 0, 4);
  for (gint64 i = 0; i < 4 - on_time; i++)
    late[late_order[i]] = TRUE;
  rows = par_register_rows_new (reg->id, reg->columns->len);
  for (guint i = 0; i < G_N_ELEMENTS (reports); i++)
    {
      Row row = row_new (reg);
      int number = reports[i].number + (b->year - 2020) * 7;

      row_set (&row, "report", g_strdup_printf ("%snăm %d", reports[i].title, b->year));
      row_set (&row, "period", g_strdup (reports[i].period));
      row_set (&row, "deadline", date_text (b->year, reports[i].month, 15));
      /* The annual report on time is the one the demo links as evidence (dated 05/12). */
      row_set (&row, "sent", date_text (b->year, reports[i].month,
                                        late[i] ? 19 : i == 3 ? 5 : 13));
      row_set (&row, "number", g_strdup_printf ("%d/BC-KCNĐN", number));
      row_add (&row, rows);
    }
  return g_steal_pointer (&rows);
}

typedef struct {
  gint64 received, carried, early, on_time, late, pending;
} Quarter;

static void
stats_row (const ParRegister *reg,
           ParRegisterRows   *rows,
           const char        *period,
           const Quarter     *q,
           gint64             post,
           gint64             online_pct)
{
  Row row = row_new (reg);
  gint64 pending_late = q->pending / 25;

  row_set (&row, "period", g_strdup (period));
  row_set (&row, "received", g_strdup_printf ("%" G_GINT64_FORMAT, q->received));
  row_set (&row, "carried", g_strdup_printf ("%" G_GINT64_FORMAT, q->carried));
  row_set (&row, "early", g_strdup_printf ("%" G_GINT64_FORMAT, q->early));
  row_set (&row, "on_time", g_strdup_printf ("%" G_GINT64_FORMAT, q->on_time));
  row_set (&row, "late", g_strdup_printf ("%" G_GINT64_FORMAT, q->late));
  row_set (&row, "pending_in", g_strdup_printf ("%" G_GINT64_FORMAT, q->pending - pending_late));
  row_set (&row, "pending_late", g_strdup_printf ("%" G_GINT64_FORMAT, pending_late));
  row_set (&row, "online", g_strdup_printf ("%" G_GINT64_FORMAT, q->received * online_pct / 100));
  row_set (&row, "post", g_strdup_printf ("%" G_GINT64_FORMAT, post));
  row_add (&row, rows);
}

/* Four quarters adding up to the year's files resolved, on time (early counted in) and returned
 * by post; each quarter balances (received + carried over = resolved + pending). */
static ParRegisterRows *
stats_rows (const ParRegister  *reg,
            const ParDemoBooks *b)
{
  /* The board's 2020 (seeds): H1 = Q1 + Q2 = 4,860 new + 252 carried, 4,891 on time + 7 late,
   * 214 pending; H2 = Q3 + Q4 = 4,786 new, 4,945 on time + 5 late, 50 pending. */
  static const Quarter real_2020[4] = {
    { 2430, 252, 0, 2440, 3, 239 },
    { 2430, 239, 0, 2451, 4, 214 },
    { 2400, 214, 0, 2477, 3, 134 },
    { 2386, 134, 0, 2468, 2, 50 },
  };
  static const char *const periods[] = { "q1", "q2", "q3", "q4" };
  g_autoptr(ParRegisterRows) rows = NULL;
  gint64 resolved, on_time, post = 0, post_left;
  gint64 online_pct = 30 + 8 * CLAMP (b->year - 2020, 0, 5);
  Quarter q[4];

  if (!total (b, "files_resolved", &resolved) || !total (b, "files_on_time", &on_time))
    return NULL;
  total (b, "files_post", &post);
  on_time = CLAMP (on_time, 0, resolved);
  if (b->real && b->year == 2020 && resolved == 9848 && on_time == 9836)
    memcpy (q, real_2020, sizeof q);
  else
    {
      gint64 carried = resolved / 160;
      gint64 late = resolved - on_time;

      /* The year's on-time and late files spread over the quarters, the last one taking what
       * the division leaves. */
      for (guint i = 0; i < 4; i++)
        {
          gint64 t = on_time / 4 + (i == 3 ? on_time % 4 : 0);
          gint64 l = late / 4 + (i == 3 ? late % 4 : 0);

          q[i].carried = carried;
          q[i].early = t / 3;
          q[i].on_time = t - q[i].early;
          q[i].late = l;
          q[i].pending = (t + l) / 40;
          q[i].received = t + l + q[i].pending - carried;
          if (q[i].received < 0)
            q[i].pending -= q[i].received, q[i].received = 0;
          carried = q[i].pending;
        }
    }
  rows = par_register_rows_new (reg->id, reg->columns->len);
  post_left = post;
  for (guint i = 0; i < 4; i++)
    {
      gint64 r = q[i].early + q[i].on_time + q[i].late;
      gint64 p = i == 3 ? post_left : (resolved > 0 ? post * r / resolved : 0);

      p = CLAMP (p, 0, post_left);
      post_left -= p;
      stats_row (reg, rows, periods[i], &q[i], p, online_pct);
    }
  return g_steal_pointer (&rows);
}

/* 40 survey forms over the board's procedures, of which the share drawn for 8.3.2 (rounded down
 * to a fortieth, so the tiers at 70, 85 and 95 % read the same) satisfied with the result. */
static ParRegisterRows *
survey_rows (const ParRegister  *reg,
             const ParDemoBooks *b)
{
  static const char *const procedures[] = {
    "Cấp giấy phép lao động cho người nước ngoài làm việc tại khu công nghiệp",
    "Đăng ký nội quy lao động của doanh nghiệp",
    "Cấp Giấy chứng nhận đăng ký đầu tư",
    "Điều chỉnh Giấy chứng nhận đăng ký đầu tư",
    "Cấp giấy phép xây dựng công trình trong khu công nghiệp",
  };
  static const char *const answers[] = { "very", "yes", "partly", "no" };
  const guint forms = 40;
  g_autoptr(ParRegisterRows) rows = NULL;
  gint64 share;   /* hundredths of a percent */
  guint satisfied;

  if (!total (b, "satisfied_share", &share))
    return NULL;
  satisfied = (guint) CLAMP (share * forms / 10000, 0, (gint64) forms);
  rows = par_register_rows_new (reg->id, reg->columns->len);
  for (guint i = 0; i < forms; i++)
    {
      Row row = row_new (reg);

      row_set (&row, "procedure", g_strdup (procedures[i % G_N_ELEMENTS (procedures)]));
      row_set (&row, "date", date_text (b->year, 7 + (int) (i * 6 / forms), 3 + (int) (i * 7 % 25)));
      row_set (&row, "access", g_strdup (answers[i % 3 == 2 ? 1 : 0]));
      row_set (&row, "attitude", g_strdup (answers[i % 4 == 3 ? 1 : 0]));
      row_set (&row, "result", g_strdup (i < satisfied ? answers[i % 5 == 4 ? 1 : 0]
                                                       : answers[2 + i % 2]));
      row_add (&row, rows);
    }
  return g_steal_pointer (&rows);
}

GHashTable *
par_demo_books_rows (ParFramework       *fw,
                     const ParDemoBooks *b)
{
  GHashTable *all = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) par_register_rows_unref);
  static const struct {
    const char *id;
    ParRegisterRows *(*build) (const ParRegister *, const ParDemoBooks *);
  } builders[] = {
    { "plan_tasks", plan_rows },
    { "reports_sent", report_rows },
    { "procedure_stats", stats_rows },
    { "survey_forms", survey_rows },
  };

  for (guint i = 0; i < G_N_ELEMENTS (builders); i++)
    {
      const ParRegister *reg = par_framework_lookup_register (fw, builders[i].id);
      ParRegisterRows *rows = reg != NULL ? builders[i].build (reg, b) : NULL;

      if (rows != NULL)
        g_hash_table_insert (all, g_strdup (reg->id), rows);
    }
  return all;
}

/* --- the draft year, seen at mid-year ------------------------------------------------------- */

char *
par_demo_books_mid_year (int year)
{
  return date_text (year, 7, 31);
}

void
par_demo_books_at (ParFramework *fw,
                   GHashTable   *rows,
                   const char   *today)
{
  static const char *const followed[] = { "plan_tasks", "reports_sent" };

  for (guint i = 0; i < G_N_ELEMENTS (followed); i++)
    {
      const ParRegister *reg = par_framework_lookup_register (fw, followed[i]);
      const ParRegisterRows *old = g_hash_table_lookup (rows, followed[i]);
      const ParRegisterColumn *said = NULL;
      ParRegisterRows *now;
      guint deadline, done;

      if (reg == NULL || old == NULL || !par_register_due_columns (reg, &deadline, &done))
        continue;
      /* What a done row says besides its date: the plan task's result, the report's number. */
      said = par_register_lookup_column (reg, i == 0 ? "result" : "number");
      now = par_register_rows_new (reg->id, reg->columns->len);
      for (guint r = 0; r < par_register_rows_count (old); r++)
        {
          const char * const *was = par_register_rows_get_row (old, r);
          g_auto(GStrv) cells = g_new0 (char *, reg->columns->len + 1);
          gboolean due_before;

          for (guint c = 0; c < reg->columns->len; c++)
            cells[c] = g_strdup (was[c]);
          due_before = strcmp (cells[deadline], today) < 0;

          /* Nothing due later is done yet; of the plan's tasks due before, every fifth is
           * behind (overdue) — the plan's own issue (row 0) never. */
          if (!due_before || (i == 0 && r > 0 && r % 5 == 0))
            {
              g_free (cells[done]);
              cells[done] = g_strdup ("");
              if (said != NULL)
                {
                  g_free (cells[said->index]);
                  cells[said->index] = g_strdup ("");
                }
            }
          par_register_rows_append (now, (const char * const *) cells);
          /* What the store keeps beside the cells stays with the row. */
          par_register_rows_set_document (now, r, par_register_rows_get_document (old, r));
          par_register_rows_set_row_id (now, r, par_register_rows_get_row_id (old, r));
        }
      g_hash_table_replace (rows, g_strdup (reg->id), now);
    }
}

/* The document a row names, by number/symbol: a plan row's result ("Kế hoạch số 01/KH-KCNĐN"),
 * a report row's number ("180/BC-KCNĐN"); 0 when none or no such document is kept. */
static gint64
named_document (const ParRegister     *reg,
                const ParRegisterRows *rows,
                guint                  r,
                GHashTable            *by_number)
{
  const ParRegisterColumn *number = par_register_lookup_column (reg, "number");
  const ParRegisterColumn *result = par_register_lookup_column (reg, "result");
  const char *text = NULL;
  gpointer id;

  if (number != NULL)
    text = par_register_rows_get (rows, r, number->index);
  else if (result != NULL && (text = par_register_rows_get (rows, r, result->index)) != NULL &&
           g_str_has_prefix (text, "Kế hoạch số "))
    text += strlen ("Kế hoạch số ");
  else
    text = NULL;
  if (text == NULL || (id = g_hash_table_lookup (by_number, text)) == NULL)
    return 0;
  return *(gint64 *) id;
}

gboolean
par_demo_books_link (ParStore      *store,
                     gint64         assessment_id,
                     ParFramework  *fw,
                     GError       **error)
{
  static const char *const linked[] = { "plan_tasks", "reports_sent" };
  g_autoptr(GPtrArray) documents = par_store_list_documents (store, NULL, error);
  g_autoptr(GHashTable) by_number = g_hash_table_new (g_str_hash, g_str_equal);

  if (documents == NULL)
    return FALSE;
  for (guint i = 0; i < documents->len; i++)
    {
      ParDocument *doc = g_ptr_array_index (documents, i);
      g_hash_table_insert (by_number, doc->number, &doc->id);
    }
  for (guint i = 0; i < G_N_ELEMENTS (linked); i++)
    {
      const ParRegister *reg = par_framework_lookup_register (fw, linked[i]);
      g_autoptr(ParRegisterRows) rows = NULL;
      gboolean any = FALSE;

      if (reg == NULL)
        continue;
      if ((rows = par_store_get_register_rows (store, assessment_id, reg->id, error)) == NULL)
        return FALSE;
      for (guint r = 0; r < par_register_rows_count (rows); r++)
        {
          gint64 id = named_document (reg, rows, r, by_number);

          if (id > 0)
            {
              par_register_rows_set_document (rows, r, id);
              any = TRUE;
            }
        }
      if (any && !par_store_set_register_rows (store, assessment_id, reg->id, rows, FALSE, NULL, error))
        return FALSE;
    }
  return TRUE;
}
