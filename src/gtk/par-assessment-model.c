/* par-assessment-model.c — one unit's year as the window sees it.
 *
 * The entries live here, in memory, and are the truth the window shows: an edit changes
 * them at once, rescoring is done in memory (a hundred leaves take microseconds), and the
 * write goes to the context's writer thread. Evidence is read from the main connection
 * after the writer has committed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "Parscore"

#include <glib/gi18n-lib.h>

#include "par-assessment-model.h"

struct _ParAssessmentModel
{
  GObject        parent_instance;

  ParContext    *context;
  ParAssessment *assessment;
  ParFramework  *framework;
  ParResult     *result;
  GHashTable    *entries;      /* code → ParEntry* */
  GHashTable    *links;        /* code → GPtrArray of ParEvidenceLink* */
  GHashTable    *documents;    /* id → ParDocument* */
  GHashTable    *attachments;  /* document id → GPtrArray of ParAttachment* */
  GPtrArray     *empty;
  ParScoreColumn column;       /* the scores the sidebar and the overview show */
};

G_DEFINE_FINAL_TYPE (ParAssessmentModel, par_assessment_model, G_TYPE_OBJECT)

enum {
  SIGNAL_CHANGED,
  SIGNAL_EVIDENCE_CHANGED,
  SIGNAL_STATUS_CHANGED,
  SIGNAL_FAILED,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

enum {
  PROP_0,
  PROP_COLUMN,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

static void
par_assessment_model_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  ParAssessmentModel *self = PAR_ASSESSMENT_MODEL (object);

  switch (prop_id)
    {
    case PROP_COLUMN:
      g_value_set_int (value, self->column);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
par_assessment_model_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  ParAssessmentModel *self = PAR_ASSESSMENT_MODEL (object);

  switch (prop_id)
    {
    case PROP_COLUMN:
      par_assessment_model_set_column (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
par_assessment_model_finalize (GObject *object)
{
  ParAssessmentModel *self = PAR_ASSESSMENT_MODEL (object);

  g_clear_object (&self->context);
  g_clear_pointer (&self->assessment, par_assessment_free);
  g_clear_pointer (&self->result, par_result_unref);
  g_clear_pointer (&self->framework, par_framework_unref);
  g_clear_pointer (&self->entries, g_hash_table_unref);
  g_clear_pointer (&self->links, g_hash_table_unref);
  g_clear_pointer (&self->documents, g_hash_table_unref);
  g_clear_pointer (&self->attachments, g_hash_table_unref);
  g_clear_pointer (&self->empty, g_ptr_array_unref);

  G_OBJECT_CLASS (par_assessment_model_parent_class)->finalize (object);
}

static void
par_assessment_model_class_init (ParAssessmentModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = par_assessment_model_finalize;
  object_class->get_property = par_assessment_model_get_property;
  object_class->set_property = par_assessment_model_set_property;

  /* A #ParScoreColumn: which scores the sidebar and the overview total. */
  properties[PROP_COLUMN] =
    g_param_spec_int ("column", NULL, NULL, PAR_COLUMN_SELF, PAR_COLUMN_FINAL, PAR_COLUMN_FINAL,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* An entry (and so the scores) changed; the code is the leaf's. */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
  /* Links, documents or attachments of a leaf changed (code NULL: possibly every leaf). */
  signals[SIGNAL_EVIDENCE_CHANGED] =
    g_signal_new ("evidence-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_STATUS_CHANGED] =
    g_signal_new ("status-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_FAILED] =
    g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
par_assessment_model_init (ParAssessmentModel *self)
{
  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                         (GDestroyNotify) par_entry_free);
  self->links = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) g_ptr_array_unref);
  self->documents = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                           (GDestroyNotify) par_document_free);
  self->attachments = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                             (GDestroyNotify) g_ptr_array_unref);
  self->empty = g_ptr_array_new ();
}

static void
rescore (ParAssessmentModel *self)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (entries, value);

  g_clear_pointer (&self->result, par_result_unref);
  /* Format 2: the store adds the year's figures and evidence counts the rules may need. */
  if (par_framework_get_format_version (self->framework) >= 2)
    {
      g_autoptr(GError) error = NULL;

      self->result = par_store_score_entries (par_context_get_store (self->context),
                                              self->assessment->id, self->assessment->year,
                                              self->framework, entries, &error);
      if (self->result != NULL)
        return;
      g_warning ("Scoring %s with its figures failed: %s", self->assessment->framework_id,
                 error->message);
    }
  self->result = par_score (self->framework, entries);
}

/**
 * par_assessment_model_figures_changed:
 *
 * The year's figures (format 2) were written elsewhere (the Figures page): the scores are
 * computed again and ::changed is emitted for every leaf.
 */
void
par_assessment_model_figures_changed (ParAssessmentModel *self)
{
  g_return_if_fail (PAR_IS_ASSESSMENT_MODEL (self));
  rescore (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0, NULL);
}

static gboolean
load_links (ParAssessmentModel  *self,
            const char          *code,
            GError             **error)
{
  ParStore *store = par_context_get_store (self->context);
  g_autoptr(GPtrArray) links = NULL;
  gpointer *items;
  gsize n;

  links = par_store_list_evidence (store, self->assessment->id, code, error);
  if (links == NULL)
    return FALSE;

  if (code != NULL)
    g_hash_table_remove (self->links, code);
  else
    g_hash_table_remove_all (self->links);

  /* The per-leaf arrays take the links over from the one we were given. */
  items = g_ptr_array_steal (links, &n);
  for (gsize i = 0; i < n; i++)
    {
      ParEvidenceLink *link = items[i];
      GPtrArray *list = g_hash_table_lookup (self->links, link->code);

      if (list == NULL)
        {
          list = g_ptr_array_new_with_free_func ((GDestroyNotify) par_evidence_link_free);
          g_hash_table_insert (self->links, g_strdup (link->code), list);
        }
      g_ptr_array_add (list, link);
    }
  g_free (items);
  return TRUE;
}

ParAssessmentModel *
par_assessment_model_new (ParContext  *context,
                          gint64       assessment_id,
                          GError     **error)
{
  g_autoptr(ParAssessmentModel) self = NULL;
  ParStore *store;
  g_autoptr(GPtrArray) entries = NULL;

  g_return_val_if_fail (PAR_IS_CONTEXT (context), NULL);

  self = g_object_new (PAR_TYPE_ASSESSMENT_MODEL, NULL);
  self->context = g_object_ref (context);
  store = par_context_get_store (context);

  self->assessment = par_store_get_assessment (store, assessment_id, error);
  if (self->assessment == NULL)
    return NULL;
  self->framework = par_context_get_framework (context, self->assessment->framework_row, error);
  if (self->framework == NULL)
    return NULL;

  entries = par_store_get_entries (store, assessment_id, error);
  if (entries == NULL)
    return NULL;
  for (guint i = 0; i < entries->len; i++)
    {
      ParEntry *entry = par_entry_copy (g_ptr_array_index (entries, i));
      g_hash_table_replace (self->entries, entry->code, entry);
    }

  if (!load_links (self, NULL, error))
    return NULL;

  rescore (self);
  /* What counts, as the dashboard's charts open on: for a year the council has not appraised,
   * the self-assessed scores (the overview says so). */
  self->column = PAR_COLUMN_FINAL;
  return g_steal_pointer (&self);
}

ParScoreColumn
par_assessment_model_get_column (ParAssessmentModel *self)
{
  g_return_val_if_fail (PAR_IS_ASSESSMENT_MODEL (self), PAR_COLUMN_SELF);
  return self->column;
}

void
par_assessment_model_set_column (ParAssessmentModel *self,
                                 ParScoreColumn      column)
{
  g_return_if_fail (PAR_IS_ASSESSMENT_MODEL (self));
  g_return_if_fail (column >= PAR_COLUMN_SELF && column <= PAR_COLUMN_FINAL);

  if (self->column == column)
    return;
  self->column = column;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLUMN]);
}

ParContext *
par_assessment_model_get_context (ParAssessmentModel *self)
{
  g_return_val_if_fail (PAR_IS_ASSESSMENT_MODEL (self), NULL);
  return self->context;
}

const ParAssessment *
par_assessment_model_get_assessment (ParAssessmentModel *self)
{
  g_return_val_if_fail (PAR_IS_ASSESSMENT_MODEL (self), NULL);
  return self->assessment;
}

gint64
par_assessment_model_get_id (ParAssessmentModel *self)
{
  g_return_val_if_fail (PAR_IS_ASSESSMENT_MODEL (self), 0);
  return self->assessment->id;
}

int
par_assessment_model_get_year (ParAssessmentModel *self)
{
  g_return_val_if_fail (PAR_IS_ASSESSMENT_MODEL (self), 0);
  return self->assessment->year;
}

ParFramework *
par_assessment_model_get_framework (ParAssessmentModel *self)
{
  g_return_val_if_fail (PAR_IS_ASSESSMENT_MODEL (self), NULL);
  return self->framework;
}

ParResult *
par_assessment_model_get_result (ParAssessmentModel *self)
{
  g_return_val_if_fail (PAR_IS_ASSESSMENT_MODEL (self), NULL);
  return self->result;
}

gboolean
par_assessment_model_is_locked (ParAssessmentModel *self)
{
  g_return_val_if_fail (PAR_IS_ASSESSMENT_MODEL (self), TRUE);
  return self->assessment->status != PAR_STATUS_DRAFT || par_context_is_read_only (self->context);
}

gboolean
par_assessment_model_is_read_only (ParAssessmentModel *self)
{
  g_return_val_if_fail (PAR_IS_ASSESSMENT_MODEL (self), TRUE);
  return par_context_is_read_only (self->context);
}

const ParEntry *
par_assessment_model_get_entry (ParAssessmentModel *self,
                                const char         *code)
{
  g_return_val_if_fail (PAR_IS_ASSESSMENT_MODEL (self), NULL);
  return g_hash_table_lookup (self->entries, code);
}

static void
store_entry (ParAssessmentModel *self,
             ParEntry           *entry)
{
  const ParNode *node = par_framework_lookup (self->framework, entry->code);

  /* Keys point into the entry itself, so the code is canonical for the table. */
  g_return_if_fail (node != NULL);
  g_hash_table_replace (self->entries, entry->code, entry);
}

void
par_assessment_model_set_entry (ParAssessmentModel *self,
                                ParEntry           *entry)
{
  g_autofree char *code = NULL;

  g_return_if_fail (PAR_IS_ASSESSMENT_MODEL (self));
  g_return_if_fail (entry != NULL && entry->code != NULL);

  if (par_assessment_model_is_locked (self))
    {
      par_entry_free (entry);
      return;
    }

  code = g_strdup (entry->code);
  store_entry (self, entry);
  par_writer_save_entry (par_context_get_writer (self->context), self->assessment->id, entry);
  rescore (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0, code);
}

void
par_assessment_model_set_council (ParAssessmentModel *self,
                                  const char         *code,
                                  gboolean            has_appraised,
                                  ParPoints           appraised,
                                  gboolean            has_survey,
                                  ParPoints           survey)
{
  const ParEntry *old;
  ParEntry *entry;

  g_return_if_fail (PAR_IS_ASSESSMENT_MODEL (self));
  g_return_if_fail (code != NULL);

  old = g_hash_table_lookup (self->entries, code);
  entry = old != NULL ? par_entry_copy (old) : par_entry_new (code);
  entry->has_appraised = has_appraised;
  entry->appraised = has_appraised ? appraised : 0;
  entry->has_survey = has_survey;
  entry->survey = has_survey ? survey : 0;

  store_entry (self, entry);
  par_writer_save_council (par_context_get_writer (self->context), self->assessment->id, entry);
  rescore (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0, code);
}

void
par_assessment_model_set_council_comment (ParAssessmentModel *self,
                                          const char         *code,
                                          const char         *comment)
{
  g_autofree char *blank = comment != NULL ? g_strstrip (g_strdup (comment)) : NULL;
  ParEntry *entry;

  g_return_if_fail (PAR_IS_ASSESSMENT_MODEL (self));
  g_return_if_fail (code != NULL);

  /* Set on the entry itself: no score reads the comment, so there is no re-score, and the
   * year's scores keep pointing to this entry (they read it when an explanation is first
   * asked for): a copy put in its place would free the entry they point to. */
  entry = g_hash_table_lookup (self->entries, code);
  if (entry == NULL)
    {
      entry = par_entry_new (code);
      store_entry (self, entry);
    }
  g_free (entry->comment);
  entry->comment = blank != NULL && *blank != '\0' ? g_strdup (comment) : NULL;
  par_writer_save_council (par_context_get_writer (self->context), self->assessment->id, entry);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0, code);
}

static gboolean
has_explanation (const ParEntry *entry)
{
  const char *p;

  if (entry == NULL || entry->explanation == NULL)
    return FALSE;
  for (p = entry->explanation; *p; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

ParLeafStatus
par_assessment_model_get_status (ParAssessmentModel *self,
                                 const char         *code)
{
  const ParLeafScore *score;
  GPtrArray *links;

  g_return_val_if_fail (PAR_IS_ASSESSMENT_MODEL (self), PAR_LEAF_NOT_STARTED);

  score = par_result_get_leaf (self->result, code);
  if (score == NULL)
    return PAR_LEAF_NOT_STARTED;

  switch (score->state)
    {
    case PAR_SCORE_NOT_STARTED:
      return PAR_LEAF_NOT_STARTED;
    case PAR_SCORE_INCOMPLETE:
      return PAR_LEAF_IN_PROGRESS;
    case PAR_SCORE_NOT_APPLICABLE:
      return PAR_LEAF_NOT_APPLICABLE;
    case PAR_SCORE_SURVEY:
      return score->has_survey ? PAR_LEAF_SURVEY : PAR_LEAF_SURVEY_PENDING;
    case PAR_SCORE_INVALID:
      return PAR_LEAF_INVALID;
    case PAR_SCORE_SCORED:
    default:
      break;
    }

  /* Deductions and bonuses need no evidence of their own to count. */
  if (score->node->kind == PAR_NODE_DEDUCTION || score->node->kind == PAR_NODE_BONUS)
    return PAR_LEAF_SCORED;

  links = g_hash_table_lookup (self->links, code);
  if ((links == NULL || links->len == 0)
      && !has_explanation (g_hash_table_lookup (self->entries, code)))
    return PAR_LEAF_MISSING_EVIDENCE;
  return PAR_LEAF_SCORED;
}

static gboolean
is_adjustment (const ParNode *node)
{
  return node->kind == PAR_NODE_DEDUCTION || node->kind == PAR_NODE_BONUS;
}

static void
blocker_free (gpointer data)
{
  ParBlocker *blocker = data;

  g_free (blocker->message);
  g_free (blocker);
}

static ParBlocker *
blocker_new (const ParNode  *node,
             ParBlockerKind  kind,
             const char     *message)
{
  ParBlocker *blocker = g_new0 (ParBlocker, 1);

  blocker->node = node;
  blocker->kind = kind;
  blocker->message = g_strdup (message);
  return blocker;
}

GPtrArray *
par_assessment_model_get_blockers (ParAssessmentModel *self)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GHashTable) refused = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer value;
  GPtrArray *leaves;
  GPtrArray *blockers;

  g_return_val_if_fail (PAR_IS_ASSESSMENT_MODEL (self), NULL);

  blockers = g_ptr_array_new_with_free_func (blocker_free);

  /* What is stored but the core's check refuses (an older version's data, an import, another
   * program): one row per entry, with the check's first message. */
  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (entries, value);
  problems = par_assessment_check (self->framework, entries);
  for (guint i = 0; i < problems->len; i++)
    {
      ParEntryProblem *problem = g_ptr_array_index (problems, i);
      const ParNode *node;

      if (g_hash_table_contains (refused, problem->code))
        continue;
      g_hash_table_add (refused, problem->code);
      node = problem->field == PAR_ENTRY_FIELD_CODE ? NULL
             : par_framework_lookup (self->framework, problem->code);
      g_ptr_array_add (blockers, blocker_new (node, PAR_BLOCKER_REFUSED, problem->message));
    }

  /* Format 2: a failed check of severity error blocks submitting, as the store refuses it. */
  if (par_framework_get_format_version (self->framework) >= 2)
    {
      g_autoptr(ParFigureResult) figures =
        par_store_evaluate_figures (par_context_get_store (self->context), self->assessment->id,
                                    NULL);

      for (guint i = 0; figures != NULL && i < par_figure_result_n_checks (figures); i++)
        {
          const ParCheckResult *c = par_figure_result_get_check (figures, i);
          g_autofree char *message = NULL;

          if (c->state != PAR_CHECK_FAILED || c->check->severity != PAR_CHECK_ERROR)
            continue;
          /* TRANSLATORS: a failed check of the year's figures: its message, then the values */
          message = g_strdup_printf (_("Figures: %s (%s)"), c->check->message, c->explanation);
          g_ptr_array_add (blockers, blocker_new (NULL, PAR_BLOCKER_REFUSED, message));
        }
    }

  leaves = par_framework_get_leaves (self->framework);
  for (guint i = 0; i < leaves->len; i++)
    {
      const ParNode *node = g_ptr_array_index (leaves, i);
      ParBlockerKind kind;

      if (is_adjustment (node) || g_hash_table_contains (refused, node->code))
        continue;

      switch (par_assessment_model_get_status (self, node->code))
        {
        case PAR_LEAF_NOT_STARTED:
        case PAR_LEAF_IN_PROGRESS:
          kind = PAR_BLOCKER_NOT_SCORED;
          break;
        case PAR_LEAF_INVALID:
          kind = PAR_BLOCKER_INVALID;
          break;
        case PAR_LEAF_MISSING_EVIDENCE:
          kind = PAR_BLOCKER_NO_EVIDENCE;
          break;
        case PAR_LEAF_SCORED:
        case PAR_LEAF_NOT_APPLICABLE:
        case PAR_LEAF_SURVEY:
        case PAR_LEAF_SURVEY_PENDING:
        default:
          continue;
        }
      g_ptr_array_add (blockers, blocker_new (node, kind, NULL));
    }
  return blockers;
}

const ParNode *
par_assessment_model_next_incomplete (ParAssessmentModel *self,
                                      const char         *code)
{
  GPtrArray *leaves;
  guint start = 0;

  g_return_val_if_fail (PAR_IS_ASSESSMENT_MODEL (self), NULL);

  leaves = par_framework_get_leaves (self->framework);
  if (leaves->len == 0)
    return NULL;
  if (code != NULL)
    {
      const ParNode *current = par_framework_lookup (self->framework, code);
      if (current != NULL && par_node_is_leaf (current))
        start = current->leaf_index + 1;
    }

  for (guint n = 0; n < leaves->len; n++)
    {
      const ParNode *node = g_ptr_array_index (leaves, (start + n) % leaves->len);

      if (is_adjustment (node))
        continue;
      switch (par_assessment_model_get_status (self, node->code))
        {
        case PAR_LEAF_NOT_STARTED:
        case PAR_LEAF_IN_PROGRESS:
        case PAR_LEAF_INVALID:
        case PAR_LEAF_MISSING_EVIDENCE:
          return node;
        case PAR_LEAF_SCORED:
        case PAR_LEAF_NOT_APPLICABLE:
        case PAR_LEAF_SURVEY:
        case PAR_LEAF_SURVEY_PENDING:
        default:
          break;
        }
    }
  return NULL;
}

GPtrArray *
par_assessment_model_get_links (ParAssessmentModel *self,
                                const char         *code)
{
  GPtrArray *links;

  g_return_val_if_fail (PAR_IS_ASSESSMENT_MODEL (self), NULL);

  links = g_hash_table_lookup (self->links, code);
  return links != NULL ? links : self->empty;
}

const ParDocument *
par_assessment_model_get_document (ParAssessmentModel *self,
                                   gint64              document_id)
{
  ParDocument *document;

  g_return_val_if_fail (PAR_IS_ASSESSMENT_MODEL (self), NULL);

  document = g_hash_table_lookup (self->documents, &document_id);
  if (document == NULL)
    {
      g_autoptr(GError) error = NULL;

      document = par_store_get_document (par_context_get_store (self->context), document_id,
                                         &error);
      if (document == NULL)
        {
          g_warning ("Document %" G_GINT64_FORMAT ": %s", document_id, error->message);
          return NULL;
        }
      g_hash_table_insert (self->documents, g_memdup2 (&document_id, sizeof document_id),
                           document);
    }
  return document;
}

GPtrArray *
par_assessment_model_get_attachments (ParAssessmentModel *self,
                                      gint64              document_id)
{
  GPtrArray *attachments;

  g_return_val_if_fail (PAR_IS_ASSESSMENT_MODEL (self), NULL);

  attachments = g_hash_table_lookup (self->attachments, &document_id);
  if (attachments == NULL)
    {
      g_autoptr(GError) error = NULL;

      attachments = par_store_list_attachments (par_context_get_store (self->context),
                                                document_id, &error);
      if (attachments == NULL)
        {
          g_warning ("Attachments of %" G_GINT64_FORMAT ": %s", document_id, error->message);
          return self->empty;
        }
      g_hash_table_insert (self->attachments, g_memdup2 (&document_id, sizeof document_id),
                           attachments);
    }
  return attachments;
}

/* Writes. Each carries what the worker needs (copied) and what the main thread refreshes
 * afterwards. */

typedef struct {
  gint64       assessment_id;
  char        *code;
  gint64       document_id;
  gint64       attachment_id;
  ParDocument *document;
  char        *section;
  char        *pages;
  GStrv        files;
  ParStatus    status;
  char        *reason;     /* why the status changes, for the audit log; nullable */
} EvidenceJob;

static void
evidence_job_free (EvidenceJob *job)
{
  g_free (job->code);
  g_clear_pointer (&job->document, par_document_free);
  g_free (job->section);
  g_free (job->pages);
  g_strfreev (job->files);
  g_free (job->reason);
  g_free (job);
}

typedef struct {
  ParAssessmentModel *self;
  char               *code;          /* nullable: every leaf */
  gint64              document_id;   /* 0: none to refresh */
  gboolean            status;
} Done;

static void
done_free (Done *done)
{
  g_object_unref (done->self);
  g_free (done->code);
  g_free (done);
}

static char *
null_if_empty (const char *text)
{
  return text != NULL && *text != '\0' ? g_strdup (text) : NULL;
}

static gboolean
attach_all (ParStore            *store,
            gint64               document_id,
            const char * const  *files,
            GError             **error)
{
  for (guint i = 0; files != NULL && files[i] != NULL; i++)
    if (par_store_attach_file (store, document_id, files[i], NULL, error) <= 0)
      return FALSE;
  return TRUE;
}

static gboolean
add_document_job (ParStore  *store,
                  gpointer   data,
                  GError   **error)
{
  EvidenceJob *job = data;
  ParEvidenceLink link = { 0 };
  gint64 id;

  id = par_store_add_document (store, job->document, error);
  if (id <= 0)
    return FALSE;
  job->document_id = id;

  link.document_id = id;
  link.assessment_id = job->assessment_id;
  link.code = job->code;
  link.section = job->section;
  link.pages = job->pages;
  if (!par_store_link_evidence (store, &link, error))
    return FALSE;
  return attach_all (store, id, (const char * const *) job->files, error);
}

static gboolean
link_document_job (ParStore  *store,
                   gpointer   data,
                   GError   **error)
{
  EvidenceJob *job = data;
  ParEvidenceLink link = { 0 };

  link.document_id = job->document_id;
  link.assessment_id = job->assessment_id;
  link.code = job->code;
  link.section = job->section;
  link.pages = job->pages;
  return par_store_link_evidence (store, &link, error);
}

static gboolean
update_document_job (ParStore  *store,
                     gpointer   data,
                     GError   **error)
{
  EvidenceJob *job = data;

  /* The details and the part cited in one go: each store call is audited field by field. */
  return par_store_update_document (store, job->document, error)
         && link_document_job (store, data, error);
}

static gboolean
unlink_document_job (ParStore  *store,
                     gpointer   data,
                     GError   **error)
{
  EvidenceJob *job = data;

  return par_store_unlink_evidence (store, job->assessment_id, job->code, job->document_id,
                                    error);
}

static gboolean
attach_files_job (ParStore  *store,
                  gpointer   data,
                  GError   **error)
{
  EvidenceJob *job = data;

  return attach_all (store, job->document_id, (const char * const *) job->files, error);
}

static gboolean
remove_attachment_job (ParStore  *store,
                       gpointer   data,
                       GError   **error)
{
  EvidenceJob *job = data;

  return par_store_remove_attachment (store, job->attachment_id, error);
}

static gboolean
set_status_job (ParStore  *store,
                gpointer   data,
                GError   **error)
{
  EvidenceJob *job = data;

  return par_store_set_status_with_reason (store, job->assessment_id, job->status, job->reason,
                                           error);
}

static void
job_done (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  Done *done = user_data;
  ParAssessmentModel *self = done->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) reload_error = NULL;
  gboolean ok;

  ok = par_writer_run_finish (PAR_WRITER (source), result, &error);

  if (done->status)
    {
      ParAssessment *fresh = par_store_get_assessment (par_context_get_store (self->context),
                                                       self->assessment->id, &reload_error);
      if (fresh != NULL)
        {
          par_assessment_free (self->assessment);
          self->assessment = fresh;
        }
      g_signal_emit (self, signals[SIGNAL_STATUS_CHANGED], 0);
    }
  else
    {
      /* Refresh even after a failure: part of a multi-step write may have landed. */
      if (done->document_id > 0)
        {
          g_hash_table_remove (self->documents, &done->document_id);
          g_hash_table_remove (self->attachments, &done->document_id);
        }
      if (!load_links (self, done->code, &reload_error))
        g_warning ("Reloading evidence: %s", reload_error->message);
      g_signal_emit (self, signals[SIGNAL_EVIDENCE_CHANGED], 0, done->code);
    }

  if (!ok)
    g_signal_emit (self, signals[SIGNAL_FAILED], 0, error);

  done_free (done);
}

static void
run_job (ParAssessmentModel *self,
         ParWriterFunc       func,
         EvidenceJob        *job,
         const char         *refresh_code,
         gint64              refresh_document,
         gboolean            status)
{
  Done *done = g_new0 (Done, 1);

  done->self = g_object_ref (self);
  done->code = g_strdup (refresh_code);
  done->document_id = refresh_document;
  done->status = status;
  job->assessment_id = self->assessment->id;
  par_writer_run (par_context_get_writer (self->context), func, job,
                  (GDestroyNotify) evidence_job_free, NULL, job_done, done);
}

static ParDocument *
document_copy (const ParDocument *document)
{
  ParDocument *copy = g_new0 (ParDocument, 1);

  copy->id = document->id;
  copy->kind = g_strdup (document->kind);
  copy->number = g_strdup (document->number);
  copy->issue_date = null_if_empty (document->issue_date);
  copy->issuer = null_if_empty (document->issuer);
  copy->summary = null_if_empty (document->summary);
  return copy;
}

void
par_assessment_model_add_document (ParAssessmentModel *self,
                                   const ParDocument  *document,
                                   const char         *code,
                                   const char         *section,
                                   const char         *pages,
                                   const char * const *files)
{
  EvidenceJob *job;

  g_return_if_fail (PAR_IS_ASSESSMENT_MODEL (self));
  g_return_if_fail (document != NULL && code != NULL);

  job = g_new0 (EvidenceJob, 1);
  job->document = document_copy (document);
  job->code = g_strdup (code);
  job->section = null_if_empty (section);
  job->pages = null_if_empty (pages);
  job->files = g_strdupv ((char **) files);
  run_job (self, add_document_job, job, code, 0, FALSE);
}

void
par_assessment_model_link_document (ParAssessmentModel *self,
                                    gint64              document_id,
                                    const char         *code,
                                    const char         *section,
                                    const char         *pages)
{
  EvidenceJob *job;

  g_return_if_fail (PAR_IS_ASSESSMENT_MODEL (self));
  g_return_if_fail (code != NULL);

  job = g_new0 (EvidenceJob, 1);
  job->document_id = document_id;
  job->code = g_strdup (code);
  job->section = null_if_empty (section);
  job->pages = null_if_empty (pages);
  run_job (self, link_document_job, job, code, 0, FALSE);
}

void
par_assessment_model_update_document (ParAssessmentModel *self,
                                      const ParDocument  *document,
                                      const char         *code,
                                      const char         *section,
                                      const char         *pages)
{
  EvidenceJob *job;

  g_return_if_fail (PAR_IS_ASSESSMENT_MODEL (self));
  g_return_if_fail (document != NULL && document->id > 0 && code != NULL);

  job = g_new0 (EvidenceJob, 1);
  job->document = document_copy (document);
  job->document_id = document->id;
  job->code = g_strdup (code);
  job->section = null_if_empty (section);
  job->pages = null_if_empty (pages);
  /* Every leaf citing the document shows its new details. */
  run_job (self, update_document_job, job, NULL, document->id, FALSE);
}

void
par_assessment_model_unlink_document (ParAssessmentModel *self,
                                      const char         *code,
                                      gint64              document_id)
{
  EvidenceJob *job;

  g_return_if_fail (PAR_IS_ASSESSMENT_MODEL (self));
  g_return_if_fail (code != NULL);

  job = g_new0 (EvidenceJob, 1);
  job->document_id = document_id;
  job->code = g_strdup (code);
  run_job (self, unlink_document_job, job, code, 0, FALSE);
}

void
par_assessment_model_attach_files (ParAssessmentModel *self,
                                   gint64              document_id,
                                   const char * const *files)
{
  EvidenceJob *job;

  g_return_if_fail (PAR_IS_ASSESSMENT_MODEL (self));

  job = g_new0 (EvidenceJob, 1);
  job->document_id = document_id;
  job->files = g_strdupv ((char **) files);
  /* A document is shared between leaves: every leaf citing it may show the attachment. */
  run_job (self, attach_files_job, job, NULL, document_id, FALSE);
}

void
par_assessment_model_remove_attachment (ParAssessmentModel *self,
                                        gint64              attachment_id,
                                        gint64              document_id)
{
  EvidenceJob *job;

  g_return_if_fail (PAR_IS_ASSESSMENT_MODEL (self));

  job = g_new0 (EvidenceJob, 1);
  job->attachment_id = attachment_id;
  run_job (self, remove_attachment_job, job, NULL, document_id, FALSE);
}

void
par_assessment_model_set_status (ParAssessmentModel *self,
                                 ParStatus           status)
{
  par_assessment_model_set_status_with_reason (self, status, NULL);
}

void
par_assessment_model_set_status_with_reason (ParAssessmentModel *self,
                                             ParStatus           status,
                                             const char         *reason)
{
  EvidenceJob *job;

  g_return_if_fail (PAR_IS_ASSESSMENT_MODEL (self));

  job = g_new0 (EvidenceJob, 1);
  job->status = status;
  job->reason = g_strdup (reason);
  run_job (self, set_status_job, job, NULL, 0, TRUE);
}
