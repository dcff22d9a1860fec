/* par-chart-model.c — chart data model and abbreviations.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "par-chart-model.h"

static const char *const type_names[PAR_CHART_N_TYPES] = {
  "fields", "total", "radar", "lost", "self-vs-appraised", "ranking",
};

const char *
par_chart_type_to_string (ParChartType type)
{
  g_return_val_if_fail ((guint) type < PAR_CHART_N_TYPES, NULL);
  return type_names[type];
}

gboolean
par_chart_type_from_string (const char   *text,
                            ParChartType *out)
{
  g_return_val_if_fail (out != NULL, FALSE);

  if (text == NULL)
    return FALSE;
  for (guint i = 0; i < PAR_CHART_N_TYPES; i++)
    if (g_ascii_strcasecmp (text, type_names[i]) == 0)
      {
        *out = (ParChartType) i;
        return TRUE;
      }
  return FALSE;
}

const char *
par_chart_type_get_title (ParChartType type)
{
  switch (type)
    {
    case PAR_CHART_FIELDS:
      return _("Fields across years");
    case PAR_CHART_TOTAL:
      return _("Total index over the years");
    case PAR_CHART_RADAR:
      return _("Field profile");
    case PAR_CHART_LOST:
      return _("Where points were lost");
    case PAR_CHART_SELF_VS_APPRAISED:
      return _("Self-assessed against final");
    case PAR_CHART_RANKING:
      return _("Units ranked");
    default:
      g_return_val_if_reached (NULL);
    }
}

static void
category_clear (gpointer data)
{
  ParChartCategory *category = data;

  g_free (category->code);
  g_free (category->name);
  g_free (category->short_name);
  g_free (category);
}

static void
series_free (gpointer data)
{
  ParChartSeries *series = data;

  g_free (series->name);
  g_array_unref (series->values);
  g_free (series);
}

static void
band_clear (gpointer data)
{
  ParChartBand *band = data;

  g_free (band->name);
}

ParChartModel *
par_chart_model_new (ParChartType  type,
                     const char   *title)
{
  ParChartModel *model;

  g_return_val_if_fail ((guint) type < PAR_CHART_N_TYPES, NULL);

  model = g_atomic_rc_box_new0 (ParChartModel);
  model->type = type;
  model->title = g_strdup (title != NULL ? title : par_chart_type_get_title (type));
  model->categories = g_ptr_array_new_with_free_func (category_clear);
  model->series = g_ptr_array_new_with_free_func (series_free);
  model->bands = g_array_new (FALSE, TRUE, sizeof (ParChartBand));
  g_array_set_clear_func (model->bands, band_clear);
  model->notes = g_ptr_array_new_with_free_func (g_free);
  return model;
}

ParChartModel *
par_chart_model_ref (ParChartModel *model)
{
  g_return_val_if_fail (model != NULL, NULL);
  return g_atomic_rc_box_acquire (model);
}

static void
model_clear (gpointer data)
{
  ParChartModel *model = data;

  g_free (model->title);
  g_free (model->column);
  g_free (model->subtitle);
  g_free (model->empty_message);
  g_free (model->highlight);
  g_ptr_array_unref (model->categories);
  g_ptr_array_unref (model->series);
  g_array_unref (model->bands);
  g_ptr_array_unref (model->notes);
}

void
par_chart_model_unref (ParChartModel *model)
{
  g_return_if_fail (model != NULL);
  g_atomic_rc_box_release_full (model, model_clear);
}

void
par_chart_model_set_subtitle (ParChartModel *model,
                              const char    *subtitle)
{
  g_return_if_fail (model != NULL);
  g_free (model->subtitle);
  model->subtitle = g_strdup (subtitle);
}

void
par_chart_model_set_empty_message (ParChartModel *model,
                                   const char    *message)
{
  g_return_if_fail (model != NULL);
  g_free (model->empty_message);
  model->empty_message = g_strdup (message);
}

void
par_chart_model_set_column (ParChartModel *model,
                            const char    *column)
{
  g_return_if_fail (model != NULL);
  g_free (model->column);
  model->column = g_strdup (column);
}

char *
par_chart_model_get_full_title (const ParChartModel *model)
{
  g_return_val_if_fail (model != NULL, NULL);

  if (model->column == NULL || model->column[0] == '\0')
    return g_strdup (model->title != NULL ? model->title : "");
  if (model->title == NULL || model->title[0] == '\0')
    return g_strdup (model->column);
  /* TRANSLATORS: a chart's title and the score column it shows, "Fields across years —
   * Appraised" */
  return g_strdup_printf (_("%s — %s"), model->title, model->column);
}

void
par_chart_model_add_note (ParChartModel *model,
                          const char    *note)
{
  g_return_if_fail (model != NULL);
  g_return_if_fail (note != NULL);
  g_ptr_array_add (model->notes, g_strdup (note));
}

void
par_chart_model_set_highlight (ParChartModel *model,
                               const char    *code)
{
  g_return_if_fail (model != NULL);
  g_free (model->highlight);
  model->highlight = g_strdup (code);
}

/* Abbreviations readers of PAR documents know; longest phrases first so that "cán bộ, công
 * chức, viên chức" wins over "công chức, viên chức". */
static const struct {
  const char *phrase;
  const char *acronym;
} abbreviations[] = {
  { "văn bản quy phạm pháp luật", "VBQPPL" },
  { "cán bộ, công chức, viên chức", "CBCCVC" },
  { "ban quản lý các khu công nghiệp", "BQL các KCN" },
  { "cải cách hành chính", "CCHC" },
  { "thủ tục hành chính", "TTHC" },
  { "công chức, viên chức", "CCVC" },
  { "ủy ban nhân dân", "UBND" },
  { "uỷ ban nhân dân", "UBND" },
  { "khu công nghiệp", "KCN" },
  { "chính phủ điện tử", "CPĐT" },
  { "chính phủ số", "CPS" },
  { "hội đồng nhân dân", "HĐND" },
};

/* Case-insensitive (Unicode) search of @needle (already lower case) in @hay; returns the byte
 * offset and length in @hay, or FALSE. */
static gboolean
find_phrase (const char *hay,
             const char *needle,
             gsize      *at,
             gsize      *len)
{
  glong needle_chars = g_utf8_strlen (needle, -1);

  for (const char *p = hay; *p != '\0'; p = g_utf8_next_char (p))
    {
      const char *q = p;
      const char *n = needle;
      glong matched = 0;

      while (*q != '\0' && *n != '\0')
        {
          if (g_unichar_tolower (g_utf8_get_char (q)) != g_utf8_get_char (n))
            break;
          q = g_utf8_next_char (q);
          n = g_utf8_next_char (n);
          matched++;
        }
      if (matched == needle_chars)
        {
          *at = (gsize) (p - hay);
          *len = (gsize) (q - p);
          return TRUE;
        }
    }
  return FALSE;
}

/* Openings that add little on an axis ("Công tác chỉ đạo…" is "Chỉ đạo…"). */
static const char *const filler_openings[] = {
  "công tác ",
  "xây dựng và phát triển ",
};

static gboolean
fits (GString *text,
      guint    max_chars)
{
  return g_utf8_strlen (text->str, -1) <= (glong) max_chars;
}

char *
par_chart_abbreviate (const char *name,
                      guint       max_chars)
{
  g_autoptr(GString) out = NULL;
  g_autofree char *normal = NULL;
  const char *cut;
  const char *last_space = NULL;
  guint n = 0;

  g_return_val_if_fail (name != NULL, NULL);

  /* NFC so that decomposed input from other tools matches the table. */
  normal = g_utf8_normalize (name, -1, G_NORMALIZE_NFC);
  out = g_string_new (normal != NULL ? normal : name);
  g_strstrip (out->str);
  g_string_set_size (out, strlen (out->str));

  /* Each step only while still too long, so a name is shortened no more than needed. */
  for (gsize i = 0; i < G_N_ELEMENTS (filler_openings) && !fits (out, max_chars); i++)
    {
      gsize at, len;

      if (find_phrase (out->str, filler_openings[i], &at, &len) && at == 0 && len < out->len)
        {
          gunichar first;
          char upper[8];
          gsize first_len;

          g_string_erase (out, 0, (gssize) len);
          first = g_utf8_get_char (out->str);
          first_len = (gsize) (g_utf8_next_char (out->str) - out->str);
          upper[g_unichar_to_utf8 (g_unichar_toupper (first), upper)] = '\0';
          g_string_erase (out, 0, (gssize) first_len);
          g_string_prepend (out, upper);
        }
    }

  for (gsize i = 0; i < G_N_ELEMENTS (abbreviations) && !fits (out, max_chars); i++)
    {
      gsize at, len;

      while (find_phrase (out->str, abbreviations[i].phrase, &at, &len))
        {
          g_string_erase (out, (gssize) at, (gssize) len);
          g_string_insert (out, (gssize) at, abbreviations[i].acronym);
        }
    }

  if (fits (out, max_chars))
    return g_string_free (g_steal_pointer (&out), FALSE);

  /* Cut at the last word boundary that leaves room for the ellipsis. */
  for (cut = out->str; *cut != '\0' && n + 1 < max_chars; cut = g_utf8_next_char (cut), n++)
    if (*cut == ' ')
      last_space = cut;
  /* The character after the room left may itself end a word. */
  if (*cut == ' ')
    last_space = cut;
  if (last_space != NULL && last_space > out->str)
    cut = last_space;
  g_string_truncate (out, (gsize) (cut - out->str));
  while (out->len > 0 && strchr (" ,;:-", out->str[out->len - 1]) != NULL)
    g_string_truncate (out, out->len - 1);
  g_string_append (out, "…");
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Names longer than this get an abbreviated short name. */
#define SHORT_NAME_CHARS 31

guint
par_chart_model_add_category (ParChartModel *model,
                              const char    *code,
                              const char    *name,
                              const char    *short_name)
{
  ParChartCategory *category;

  g_return_val_if_fail (model != NULL, 0);
  g_return_val_if_fail (name != NULL || code != NULL, 0);

  category = g_new0 (ParChartCategory, 1);
  category->code = g_strdup (code != NULL ? code : name);
  category->name = g_strdup (name != NULL ? name : code);
  category->short_name = short_name != NULL
                         ? g_strdup (short_name)
                         : par_chart_abbreviate (category->name, SHORT_NAME_CHARS);
  g_ptr_array_add (model->categories, category);

  for (guint i = 0; i < model->series->len; i++)
    {
      ParChartSeries *series = g_ptr_array_index (model->series, i);
      ParChartValue missing = { PAR_CHART_VALUE_MISSING, 0, 0, 0, FALSE };

      g_array_append_val (series->values, missing);
    }
  return model->categories->len - 1;
}

guint
par_chart_model_add_series (ParChartModel *model,
                            const char    *name,
                            int            year)
{
  ParChartSeries *series;

  g_return_val_if_fail (model != NULL, 0);

  series = g_new0 (ParChartSeries, 1);
  series->name = name != NULL ? g_strdup (name) : g_strdup_printf ("%d", year);
  series->year = year;
  /* Zeroed values are PAR_CHART_VALUE_MISSING. */
  series->values = g_array_sized_new (FALSE, TRUE, sizeof (ParChartValue),
                                      model->categories->len);
  g_array_set_size (series->values, model->categories->len);
  g_ptr_array_add (model->series, series);
  return model->series->len - 1;
}

static ParChartValue *
value_at (const ParChartModel *model,
          guint                series,
          guint                category)
{
  ParChartSeries *s;

  if (series >= model->series->len || category >= model->categories->len)
    return NULL;
  s = g_ptr_array_index (model->series, series);
  return &g_array_index (s->values, ParChartValue, category);
}

void
par_chart_model_set_value (ParChartModel *model,
                           guint          series,
                           guint          category,
                           gint64         percent,
                           ParPoints      points,
                           ParPoints      max)
{
  ParChartValue *value;

  g_return_if_fail (model != NULL);
  value = value_at (model, series, category);
  g_return_if_fail (value != NULL);

  value->state = PAR_CHART_VALUE_OK;
  value->percent = percent;
  value->points = points;
  value->max = max;
  value->not_appraised = FALSE;
}

void
par_chart_model_set_not_appraised (ParChartModel *model,
                                   guint          series,
                                   guint          category,
                                   gboolean       not_appraised)
{
  ParChartValue *value;

  g_return_if_fail (model != NULL);
  value = value_at (model, series, category);
  g_return_if_fail (value != NULL);
  g_return_if_fail (value->state == PAR_CHART_VALUE_OK);

  value->not_appraised = not_appraised;
}

void
par_chart_model_set_state (ParChartModel      *model,
                           guint               series,
                           guint               category,
                           ParChartValueState  state)
{
  ParChartValue *value;

  g_return_if_fail (model != NULL);
  value = value_at (model, series, category);
  g_return_if_fail (value != NULL);

  value->state = state;
  if (state != PAR_CHART_VALUE_OK)
    {
      value->percent = value->points = value->max = 0;
      value->not_appraised = FALSE;
    }
}

static gint
band_compare (gconstpointer a,
              gconstpointer b)
{
  const ParChartBand *x = a, *y = b;

  return (x->lower > y->lower) - (x->lower < y->lower);
}

void
par_chart_model_add_band (ParChartModel *model,
                          const char    *name,
                          gint64         lower,
                          gboolean       inclusive)
{
  ParChartBand band = { g_strdup (name), lower, inclusive };

  g_return_if_fail (model != NULL);
  g_array_append_val (model->bands, band);
  g_array_sort (model->bands, band_compare);
}

const ParChartValue *
par_chart_model_get_value (const ParChartModel *model,
                           guint                series,
                           guint                category)
{
  g_return_val_if_fail (model != NULL, NULL);
  return value_at (model, series, category);
}

const ParChartCategory *
par_chart_model_get_category (const ParChartModel *model,
                              guint                category)
{
  g_return_val_if_fail (model != NULL, NULL);
  if (category >= model->categories->len)
    return NULL;
  return g_ptr_array_index (model->categories, category);
}

const ParChartSeries *
par_chart_model_get_series (const ParChartModel *model,
                            guint                series)
{
  g_return_val_if_fail (model != NULL, NULL);
  if (series >= model->series->len)
    return NULL;
  return g_ptr_array_index (model->series, series);
}

ParChartValueState
par_chart_model_category_state (const ParChartModel *model,
                                guint                category)
{
  gboolean any_na = FALSE, any_unappraised = FALSE;

  g_return_val_if_fail (model != NULL, PAR_CHART_VALUE_MISSING);
  g_return_val_if_fail (category < model->categories->len, PAR_CHART_VALUE_MISSING);

  for (guint s = 0; s < model->series->len; s++)
    {
      ParChartValueState state = value_at (model, s, category)->state;

      if (state == PAR_CHART_VALUE_OK)
        return PAR_CHART_VALUE_OK;
      any_na |= state == PAR_CHART_VALUE_NOT_APPLICABLE;
      any_unappraised |= state == PAR_CHART_VALUE_NOT_APPRAISED;
    }
  return any_na ? PAR_CHART_VALUE_NOT_APPLICABLE
                : any_unappraised ? PAR_CHART_VALUE_NOT_APPRAISED : PAR_CHART_VALUE_MISSING;
}

gboolean
par_chart_model_is_empty (const ParChartModel *model)
{
  g_return_val_if_fail (model != NULL, TRUE);

  for (guint s = 0; s < model->series->len; s++)
    for (guint c = 0; c < model->categories->len; c++)
      if (value_at (model, s, c)->state == PAR_CHART_VALUE_OK)
        return FALSE;
  return TRUE;
}

const ParChartBand *
par_chart_model_band_for (const ParChartModel *model,
                          gint64               percent)
{
  g_return_val_if_fail (model != NULL, NULL);

  for (guint i = model->bands->len; i-- > 0;)
    {
      const ParChartBand *band = &g_array_index (model->bands, ParChartBand, i);

      if (band->inclusive ? percent >= band->lower : percent > band->lower)
        return band;
    }
  return NULL;
}
