/* par-pdf-writer.c — a streaming PDF merger built on qpdf's reader.
 *
 * How it works. qpdf (C API) only READS the inputs. The output is written here, object by
 * object, straight to a temporary file in the destination folder:
 *
 *  - For each input, every page gets an output object number up front (so links and
 *    annotations that point at pages of the same document land on the copied pages); then each
 *    page dictionary is written, and every indirect object reachable from it is renumbered and
 *    written once. Streams are written with their RAW data (no decoding), so DCTDecode scans
 *    and FlateDecode text are byte-identical to the input; /Length is rewritten.
 *  - /Parent, /StructParents, /B, /AA, /PieceInfo and /Thumb are dropped from pages; references
 *    to page-tree nodes or the catalog become null, so a stray reference cannot drag a whole
 *    input document along.
 *  - The input is closed (qpdf_cleanup) before the next one is opened: memory stays flat.
 *  - Things only known at the end (page numbers "3/120", links added after the fact, the page
 *    tree, outline) are written by par_pdf_writer_finish() into object numbers reserved while
 *    the pages were copied: a PDF may reference objects that come later in the file.
 *  - A document that turns out to be damaged half-way is rolled back (the file is truncated to
 *    where it began), so it never leaves half a document in the output.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>
#include "par-error.h"
#include "par-pdf-writer.h"
#include "par-qpdf-lib.h"
#include "par-text.h"

/* Leaves of the output page tree hold this many pages each. */
#define PAGES_PER_NODE 64
/* Page overlays are drawn with cairo in batches of this many pages. */
#define OVERLAY_BATCH 512
/* Deeper nesting of arrays/dictionaries is written as null (hostile inputs). */
#define MAX_DEPTH 64
#define FOOTER_XOBJECT "/ParscorePageOverlay"
/* Inputs up to this size are read into memory and parsed from there; qpdf reading from a FILE
 * seeks before every object and unreads every token's last byte, an lseek each (1.9 million
 * system calls for 300 documents). Larger ones are read from the file, so memory stays
 * bounded by this. */
#define MEMORY_INPUT_MAX (64 * 1024 * 1024)
#define NULL_REF G_MAXUINT32

typedef struct {
  guint32  obj;          /* the page dictionary */
  guint32  annots_obj;   /* its /Annots array, written by finish() */
  guint32  overlay_obj;  /* the overlay form XObject, 0 without an overlay */
  float    box[4];       /* visible box (CropBox ∩ MediaBox), default user space */
  guint16  rotate;       /* 0, 90, 180 or 270 */
  GArray  *annots;       /* guint32: original annotations kept; NULL if none */
} PageRec;

typedef struct {
  guint  from_page;
  double x, y, width, height;  /* top-left origin, points, as displayed */
  guint  to_page;
  double to_top;
} LinkRec;

typedef struct {
  guint     parent;
  char     *title;
  guint     page;
  double    top;
  gboolean  open;
} OutlineRec;

typedef struct {
  GBytes  *key;  /* the PDF string bytes of its name in the name tree */
  guint32  obj;  /* its file specification */
} FileRec;

typedef struct {
  guint64 offset;
  guint   xref_len;
  guint   pages_len;
  guint   nodes_len;
} Snapshot;

struct _ParPdfWriter {
  char              *dest_path;
  char              *tmp_path;
  FILE              *out;
  guint64            offset;
  int                io_errno;
  gboolean           broken;
  gboolean           done;

  GArray            *xref;    /* guint64 file offset by object number; 0 = not yet written */
  GArray            *pages;   /* PageRec */
  GArray            *nodes;   /* guint32: leaf /Pages nodes */
  guint32            pages_root;
  guint32            q_obj, Q_obj, call_obj;

  GArray            *links;   /* LinkRec */
  GArray            *outline; /* OutlineRec; index 0 is the (unused) root */
  GArray            *files;   /* FileRec */
  GHashTable        *info;    /* "Title" → UTF-8 */
  GDateTime         *created;
  GDateTime         *modified;
  char              *language;
  guint              max_version;  /* major * 10 + minor of the newest input */
  guint              n_docs;

  ParPdfOverlayFunc  overlay;
  gpointer           overlay_data;
  GDestroyNotify     overlay_destroy;
  ParPdfProgressFunc progress;
  gpointer           progress_data;
  GDestroyNotify     progress_destroy;
};

/* ---------------------------------------------------------------- low-level output */

static void
emit (ParPdfWriter *w,
      const void   *data,
      gsize         len)
{
  if (len == 0 || w->io_errno != 0)
    return;
  if (fwrite (data, 1, len, w->out) != len)
    w->io_errno = errno != 0 ? errno : EIO;
  w->offset += len;
}

static void
emit_str (ParPdfWriter *w,
          const char   *s)
{
  emit (w, s, strlen (s));
}

static void emitf (ParPdfWriter *w, const char *format, ...) G_GNUC_PRINTF (2, 3);

/* Integers and object numbers only: %f would follow the locale. Use emit_real for reals. */
static void
emitf (ParPdfWriter *w,
       const char   *format,
       ...)
{
  char buf[256];
  va_list args;
  int n;

  va_start (args, format);
  n = g_vsnprintf (buf, sizeof buf, format, args);
  va_end (args);
  if (n >= 0 && (gsize) n < sizeof buf)
    {
      emit (w, buf, n);
    }
  else
    {
      g_autofree char *s = NULL;

      va_start (args, format);
      s = g_strdup_vprintf (format, args);
      va_end (args);
      emit_str (w, s);
    }
}

static void
emit_real (ParPdfWriter *w,
           double        v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char *end;

  if (!isfinite (v))
    v = 0;
  g_ascii_formatd (buf, sizeof buf, "%.3f", v);
  /* trim "12.500" → "12.5", "3.000" → "3" */
  end = buf + strlen (buf);
  while (end > buf && end[-1] == '0')
    *--end = '\0';
  if (end > buf && end[-1] == '.')
    *--end = '\0';
  if (strcmp (buf, "-0") == 0 || buf[0] == '\0')
    strcpy (buf, "0");
  emit_str (w, buf);
}

/* @name is a decoded name with its leading '/'. */
static void
emit_name (ParPdfWriter *w,
           const char   *name)
{
  static const char hex[] = "0123456789ABCDEF";
  char buf[512];
  gsize n = 0;

  buf[n++] = '/';
  for (const guchar *p = (const guchar *) name + (name[0] == '/'); *p != '\0'; p++)
    {
      if (n > sizeof buf - 4)
        {
          emit (w, buf, n);
          n = 0;
        }
      if (*p < 0x21 || *p > 0x7e || strchr ("#()<>[]{}/%", *p) != NULL)
        {
          buf[n++] = '#';
          buf[n++] = hex[*p >> 4];
          buf[n++] = hex[*p & 15];
        }
      else
        {
          buf[n++] = *p;
        }
    }
  emit (w, buf, n);
}

static void
emit_bytes_string (ParPdfWriter *w,
                   const char   *bytes,
                   gsize         len)
{
  static const char hex[] = "0123456789ABCDEF";
  gboolean printable = TRUE;
  GString *s = g_string_sized_new (len + 8);

  for (gsize i = 0; i < len && printable; i++)
    printable = (guchar) bytes[i] >= 0x20 && (guchar) bytes[i] <= 0x7e;

  if (printable)
    {
      g_string_append_c (s, '(');
      for (gsize i = 0; i < len; i++)
        {
          if (bytes[i] == '(' || bytes[i] == ')' || bytes[i] == '\\')
            g_string_append_c (s, '\\');
          g_string_append_c (s, bytes[i]);
        }
      g_string_append_c (s, ')');
    }
  else
    {
      g_string_append_c (s, '<');
      for (gsize i = 0; i < len; i++)
        {
          g_string_append_c (s, hex[(guchar) bytes[i] >> 4]);
          g_string_append_c (s, hex[(guchar) bytes[i] & 15]);
        }
      g_string_append_c (s, '>');
    }
  emit (w, s->str, s->len);
  g_string_free (s, TRUE);
}

/* A PDF text string: plain ASCII as is, anything else UTF-16BE with a byte-order mark. */
static GBytes *
text_string_bytes (const char *utf8)
{
  g_autofree gunichar2 *utf16 = NULL;
  glong n16 = 0;
  GByteArray *out;
  gboolean ascii = TRUE;

  for (const guchar *p = (const guchar *) utf8; *p != '\0' && ascii; p++)
    ascii = *p >= 0x20 && *p <= 0x7e;
  if (ascii)
    return g_bytes_new (utf8, strlen (utf8));

  utf16 = g_utf8_to_utf16 (utf8, -1, NULL, &n16, NULL);
  out = g_byte_array_sized_new (2 + 2 * n16);
  g_byte_array_append (out, (const guint8 *) "\xfe\xff", 2);
  for (glong i = 0; utf16 != NULL && i < n16; i++)
    {
      guint8 be[2] = { utf16[i] >> 8, utf16[i] & 0xff };
      g_byte_array_append (out, be, 2);
    }
  return g_byte_array_free_to_bytes (out);
}

static void
emit_text_string (ParPdfWriter *w,
                  const char   *utf8)
{
  g_autoptr(GBytes) b = text_string_bytes (utf8 != NULL ? utf8 : "");
  gsize len;
  const char *data = g_bytes_get_data (b, &len);

  emit_bytes_string (w, data, len);
}

static void
emit_date (ParPdfWriter *w,
           GDateTime    *dt)
{
  g_autofree char *base = g_date_time_format (dt, "D:%Y%m%d%H%M%S");
  gint64 off = g_date_time_get_utc_offset (dt) / G_TIME_SPAN_MINUTE;
  char buf[64];

  g_snprintf (buf, sizeof buf, "%s%c%02d'%02d'", base, off < 0 ? '-' : '+',
              (int) (ABS (off) / 60), (int) (ABS (off) % 60));
  emit_bytes_string (w, buf, strlen (buf));
}

static guint32
alloc_obj (ParPdfWriter *w)
{
  guint64 zero = 0;

  g_array_append_val (w->xref, zero);
  return w->xref->len - 1;
}

static void
begin_obj (ParPdfWriter *w,
           guint32       obj)
{
  g_assert (obj > 0 && obj < w->xref->len);
  g_array_index (w->xref, guint64, obj) = w->offset;
  emitf (w, "%u 0 obj\n", obj);
}

static void
end_obj (ParPdfWriter *w)
{
  emit_str (w, "\nendobj\n");
}

static void
write_small_stream (ParPdfWriter *w,
                    guint32       obj,
                    const char   *data)
{
  begin_obj (w, obj);
  emitf (w, "<</Length %zu>>\nstream\n", strlen (data));
  emit_str (w, data);
  emit_str (w, "\nendstream");
  end_obj (w);
}

static gboolean
check_io (ParPdfWriter  *w,
          GError       **error)
{
  if (w->io_errno == 0)
    return TRUE;
  w->broken = TRUE;
  g_set_error (error, PAR_ERROR, PAR_ERROR_IO, _("Could not write “%s”: %s"),
               w->dest_path, g_strerror (w->io_errno));
  return FALSE;
}

static void
snapshot_take (ParPdfWriter *w,
               Snapshot     *s)
{
  s->offset = w->offset;
  s->xref_len = w->xref->len;
  s->pages_len = w->pages->len;
  s->nodes_len = w->nodes->len;
}

/* Forgets everything written since @s: the file is truncated back to where it was. */
static void
snapshot_restore (ParPdfWriter   *w,
                  const Snapshot *s)
{
  for (guint i = s->pages_len; i < w->pages->len; i++)
    g_clear_pointer (&g_array_index (w->pages, PageRec, i).annots, g_array_unref);
  g_array_set_size (w->pages, s->pages_len);
  while (w->nodes->len > 0 && g_array_index (w->nodes, guint32, w->nodes->len - 1) >= s->xref_len)
    g_array_set_size (w->nodes, w->nodes->len - 1);
  g_array_set_size (w->xref, s->xref_len);

  if (w->io_errno != 0)
    return;
  if (fflush (w->out) != 0 || ftruncate (fileno (w->out), (off_t) s->offset) != 0
      || fseeko (w->out, (off_t) s->offset, SEEK_SET) != 0)
    w->io_errno = errno != 0 ? errno : EIO;
  w->offset = s->offset;
}

/* ---------------------------------------------------------------- page geometry */

static void
page_matrix (const PageRec *rec,
             double         m[6],
             double        *width,
             double        *height)
{
  double x0 = rec->box[0], y0 = rec->box[1], x1 = rec->box[2], y1 = rec->box[3];
  double w = x1 - x0, h = y1 - y0;

  /* Maps the displayed page (origin bottom-left, rotation applied) onto default user space. */
  switch (rec->rotate)
    {
    case 90:
      m[0] = 0; m[1] = 1; m[2] = -1; m[3] = 0; m[4] = x1; m[5] = y0;
      *width = h; *height = w;
      break;
    case 180:
      m[0] = -1; m[1] = 0; m[2] = 0; m[3] = -1; m[4] = x1; m[5] = y1;
      *width = w; *height = h;
      break;
    case 270:
      m[0] = 0; m[1] = -1; m[2] = 1; m[3] = 0; m[4] = x0; m[5] = y1;
      *width = h; *height = w;
      break;
    default:
      m[0] = 1; m[1] = 0; m[2] = 0; m[3] = 1; m[4] = x0; m[5] = y0;
      *width = w; *height = h;
      break;
    }
}

/* (u, v): top-left origin, as displayed → default user space */
static void
view_to_user (const PageRec *rec,
              double         u,
              double         v,
              double        *x,
              double        *y)
{
  double m[6], width, height, X, Y;

  page_matrix (rec, m, &width, &height);
  X = u;
  Y = height - v;
  *x = m[0] * X + m[2] * Y + m[4];
  *y = m[1] * X + m[3] * Y + m[5];
}

static guint32
node_for_page (ParPdfWriter *w,
               guint         index)
{
  guint n = index / PAGES_PER_NODE;

  while (w->nodes->len <= n)
    {
      guint32 obj = alloc_obj (w);
      g_array_append_val (w->nodes, obj);
    }
  return g_array_index (w->nodes, guint32, n);
}

/* ---------------------------------------------------------------- copying from qpdf */

typedef struct {
  int     id;
  int     gen;
  guint32 out;
} QueueItem;

typedef struct {
  ParPdfWriter *w;
  qpdf_data     q;
  GHashTable   *map;    /* input object id → output number; absent = not yet, NULL_REF = null */
  GArray       *queue;  /* QueueItem */
  gboolean      failed;
  char         *detail;
} Copier;

static void
copier_init (Copier       *c,
             ParPdfWriter *w,
             qpdf_data     q)
{
  c->w = w;
  c->q = q;
  /* a hash, not an array indexed by id: a hostile file may number an object 2^31 */
  c->map = g_hash_table_new (g_direct_hash, g_direct_equal);
  c->queue = g_array_new (FALSE, FALSE, sizeof (QueueItem));
  c->failed = FALSE;
  c->detail = NULL;
}

static void
copier_clear (Copier *c)
{
  g_clear_pointer (&c->map, g_hash_table_unref);
  g_clear_pointer (&c->queue, g_array_unref);
  g_clear_pointer (&c->detail, g_free);
}

/* Notes qpdf's pending error, if any; returns TRUE when all is well. */
static gboolean
copier_check (Copier *c)
{
  if (qpdf_has_error (c->q))
    {
      qpdf_error e = qpdf_get_error (c->q);

      if (!c->failed)
        /* the detail only: the full text starts with the file's path */
        c->detail = g_strdup (e != NULL ? qpdf_get_error_message_detail (c->q, e) : "");
      c->failed = TRUE;
    }
  return !c->failed && c->w->io_errno == 0;
}

static guint32
map_get (Copier *c,
         int     id)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (c->map, GINT_TO_POINTER (id)));
}

static void
map_set (Copier  *c,
         int      id,
         guint32  out)
{
  g_hash_table_insert (c->map, GINT_TO_POINTER (id), GUINT_TO_POINTER (out));
}

static GPtrArray *
dict_keys (qpdf_data q,
           qpdf_oh   dict)
{
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);

  /* qpdf has one key iterator per qpdf_data: collect first, then recurse. */
  qpdf_oh_begin_dict_key_iter (q, dict);
  while (qpdf_oh_dict_more_keys (q))
    g_ptr_array_add (keys, g_strdup (qpdf_oh_dict_next_key (q)));
  return keys;
}

static gboolean
in_list (const char        *key,
         const char *const *list)
{
  for (; list != NULL && *list != NULL; list++)
    if (strcmp (key, *list) == 0)
      return TRUE;
  return FALSE;
}

/* Output object number for an indirect object, queueing it for writing; 0 means "write null". */
static guint32
ref_for (Copier *c,
         qpdf_oh oh)
{
  qpdf_data q = c->q;
  int id = qpdf_oh_get_object_id (q, oh);
  guint32 known;
  QueueItem item;

  if (id <= 0)
    return 0;
  known = map_get (c, id);
  if (known == NULL_REF)
    return 0;
  if (known != 0)
    return known;

  switch (qpdf_oh_get_type_code (q, oh))
    {
    case ot_boolean:
    case ot_integer:
    case ot_real:
    case ot_string:
    case ot_name:
    case ot_array:
    case ot_stream:
      break;
    case ot_dictionary:
      /* Never copy an input's catalog, page-tree nodes or pages outside its page list. */
      if (qpdf_oh_is_dictionary_of_type (q, oh, "/Catalog", "")
          || qpdf_oh_is_dictionary_of_type (q, oh, "/Pages", "")
          || qpdf_oh_is_dictionary_of_type (q, oh, "/Page", "")
          || (qpdf_oh_has_key (q, oh, "/Kids") && qpdf_oh_has_key (q, oh, "/Count")))
        {
          map_set (c, id, NULL_REF);
          return 0;
        }
      break;
    default:
      map_set (c, id, NULL_REF);
      return 0;
    }

  item.id = id;
  item.gen = qpdf_oh_get_generation (q, oh);
  item.out = alloc_obj (c->w);
  map_set (c, id, item.out);
  g_array_append_val (c->queue, item);
  return item.out;
}

static void ser_direct (Copier *c, qpdf_oh oh, int depth);

static void
ser_value (Copier *c,
           qpdf_oh oh,
           int     depth)
{
  if (qpdf_oh_is_indirect (c->q, oh))
    {
      guint32 out = ref_for (c, oh);

      if (out != 0)
        emitf (c->w, "%u 0 R", out);
      else
        emit_str (c->w, "null");
      return;
    }
  ser_direct (c, oh, depth);
}

static void
ser_dict_entries (Copier            *c,
                  qpdf_oh            dict,
                  const char *const *skip,
                  int                depth)
{
  g_autoptr(GPtrArray) keys = dict_keys (c->q, dict);

  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = g_ptr_array_index (keys, i);
      qpdf_oh v;

      if (in_list (key, skip))
        continue;
      v = qpdf_oh_get_key (c->q, dict, key);
      emit_name (c->w, key);
      emit_str (c->w, " ");
      ser_value (c, v, depth + 1);
      qpdf_oh_release (c->q, v);
    }
}

static void
ser_direct (Copier *c,
            qpdf_oh oh,
            int     depth)
{
  ParPdfWriter *w = c->w;
  qpdf_data q = c->q;

  if (depth > MAX_DEPTH)
    {
      emit_str (w, "null");
      return;
    }

  switch (qpdf_oh_get_type_code (q, oh))
    {
    case ot_boolean:
      emit_str (w, qpdf_oh_get_bool_value (q, oh) ? "true" : "false");
      break;
    case ot_integer:
      emitf (w, "%lld", qpdf_oh_get_int_value (q, oh));
      break;
    case ot_real:
      {
        const char *s = qpdf_oh_get_real_value (q, oh);
        emit_str (w, s != NULL && *s != '\0' ? s : "0");
      }
      break;
    case ot_name:
      emit_name (w, qpdf_oh_get_name (q, oh));
      break;
    case ot_string:
      {
        size_t len = 0;
        const char *s = qpdf_oh_get_binary_string_value (q, oh, &len);
        emit_bytes_string (w, s, s != NULL ? len : 0);
      }
      break;
    case ot_array:
      {
        int n = qpdf_oh_get_array_n_items (q, oh);

        emit_str (w, "[");
        for (int i = 0; i < n; i++)
          {
            qpdf_oh item = qpdf_oh_get_array_item (q, oh, i);

            if (i > 0)
              emit_str (w, " ");
            ser_value (c, item, depth + 1);
            qpdf_oh_release (q, item);
          }
        emit_str (w, "]");
      }
      break;
    case ot_dictionary:
      emit_str (w, "<<");
      ser_dict_entries (c, oh, NULL, depth);
      emit_str (w, ">>");
      break;
    default:
      emit_str (w, "null");
      break;
    }
}

/* A stream with its dictionary and its raw (still encoded) data. With @dict_open, the caller
 * has written "<<" and entries of its own already. */
static void
write_stream_body (Copier            *c,
                   qpdf_oh            stream,
                   const char *const *extra_skip,
                   gboolean           dict_open)
{
  g_autoptr(GPtrArray) keys = NULL;
  unsigned char *buf = NULL;
  size_t len = 0;
  qpdf_oh dict;
  QPDF_ERROR_CODE rc;

  rc = qpdf_oh_get_stream_data (c->q, stream, qpdf_dl_none, NULL, &buf, &len);
  if ((rc & QPDF_ERRORS) != 0 || !copier_check (c))
    {
      free (buf);
      c->failed = TRUE;
      emit_str (c->w, "null");
      return;
    }

  dict = qpdf_oh_get_dict (c->q, stream);
  if (!dict_open)
    emit_str (c->w, "<<");
  keys = dict_keys (c->q, dict);
  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = g_ptr_array_index (keys, i);
      qpdf_oh v;

      if (strcmp (key, "/Length") == 0 || in_list (key, extra_skip))
        continue;
      v = qpdf_oh_get_key (c->q, dict, key);
      emit_name (c->w, key);
      emit_str (c->w, " ");
      ser_value (c, v, 1);
      qpdf_oh_release (c->q, v);
    }
  emitf (c->w, "/Length %zu>>\nstream\n", len);
  emit (c->w, buf, len);
  emit_str (c->w, "\nendstream");
  free (buf);
}

static void
write_queued (Copier          *c,
              const QueueItem *item)
{
  qpdf_oh oh = qpdf_get_object_by_id (c->q, item->id, item->gen);

  begin_obj (c->w, item->out);
  if (qpdf_oh_is_stream (c->q, oh))
    write_stream_body (c, oh, NULL, FALSE);
  else
    ser_direct (c, oh, 0);
  end_obj (c->w);
  /* Handles live in a table inside qpdf_data until released: keep it small. */
  qpdf_oh_release_all (c->q);
}

static gboolean
drain (Copier *c)
{
  while (c->queue->len > 0 && copier_check (c))
    {
      QueueItem item = g_array_index (c->queue, QueueItem, c->queue->len - 1);

      g_array_set_size (c->queue, c->queue->len - 1);
      write_queued (c, &item);
    }
  return copier_check (c);
}

static gboolean
read_rect (qpdf_data   q,
           qpdf_oh     dict,
           const char *key,
           double      r[4])
{
  qpdf_oh a = qpdf_oh_get_key (q, dict, key);
  double v[4];

  if (!qpdf_oh_is_array (q, a) || qpdf_oh_get_array_n_items (q, a) != 4)
    return FALSE;
  for (int i = 0; i < 4; i++)
    {
      qpdf_oh item = qpdf_oh_get_array_item (q, a, i);

      if (!qpdf_oh_is_number (q, item))
        return FALSE;
      v[i] = qpdf_oh_get_numeric_value (q, item);
      if (!isfinite (v[i]))
        return FALSE;
    }
  r[0] = MIN (v[0], v[2]);
  r[1] = MIN (v[1], v[3]);
  r[2] = MAX (v[0], v[2]);
  r[3] = MAX (v[1], v[3]);
  return r[2] - r[0] >= 1 && r[3] - r[1] >= 1;
}

static void
read_page_geometry (qpdf_data  q,
                    qpdf_oh    page,
                    PageRec   *rec)
{
  double media[4] = { 0, 0, 612, 792 }, crop[4];
  qpdf_oh rot;

  read_rect (q, page, "/MediaBox", media);
  if (read_rect (q, page, "/CropBox", crop))
    {
      crop[0] = MAX (crop[0], media[0]);
      crop[1] = MAX (crop[1], media[1]);
      crop[2] = MIN (crop[2], media[2]);
      crop[3] = MIN (crop[3], media[3]);
      if (crop[2] - crop[0] >= 1 && crop[3] - crop[1] >= 1)
        memcpy (media, crop, sizeof media);
    }
  for (int i = 0; i < 4; i++)
    rec->box[i] = media[i];

  rec->rotate = 0;
  rot = qpdf_oh_get_key (q, page, "/Rotate");
  if (qpdf_oh_is_number (q, rot))
    {
      long long r = llround (qpdf_oh_get_numeric_value (q, rot));

      r = ((r % 360) + 360) % 360;
      rec->rotate = (guint16) (((r + 45) / 90 % 4) * 90);
    }
}

/* Links that open other files or run things are dropped: they cannot work inside the pack,
 * and an evidence pack must not launch programs. Internal and web links stay. */
static gboolean
keep_annotation (qpdf_data q,
                 qpdf_oh   annot)
{
  qpdf_oh action, kind;

  if (!qpdf_oh_is_dictionary (q, annot))
    return FALSE;
  if (!qpdf_oh_is_name_and_equals (q, qpdf_oh_get_key (q, annot, "/Subtype"), "/Link"))
    return TRUE;
  if (qpdf_oh_has_key (q, annot, "/Dest"))
    return TRUE;
  action = qpdf_oh_get_key (q, annot, "/A");
  if (!qpdf_oh_is_dictionary (q, action))
    return TRUE;
  kind = qpdf_oh_get_key (q, action, "/S");
  return qpdf_oh_is_name_and_equals (q, kind, "/GoTo") || qpdf_oh_is_name_and_equals (q, kind, "/URI");
}

/* A link's named destination (a name or a string), or 0 if it has an explicit one or none. */
static qpdf_oh
link_named_dest (qpdf_data q,
                 qpdf_oh   annot)
{
  qpdf_oh dest = 0;

  if (!qpdf_oh_is_name_and_equals (q, qpdf_oh_get_key (q, annot, "/Subtype"), "/Link"))
    return 0;
  if (qpdf_oh_has_key (q, annot, "/Dest"))
    {
      dest = qpdf_oh_get_key (q, annot, "/Dest");
    }
  else
    {
      qpdf_oh action = qpdf_oh_get_key (q, annot, "/A");

      if (qpdf_oh_is_dictionary (q, action)
          && qpdf_oh_is_name_and_equals (q, qpdf_oh_get_key (q, action, "/S"), "/GoTo"))
        dest = qpdf_oh_get_key (q, action, "/D");
    }
  if (dest != 0 && (qpdf_oh_is_name (q, dest) || qpdf_oh_is_string (q, dest)))
    return dest;
  return 0;
}

static int
compare_key (qpdf_data  q,
             qpdf_oh    str,
             GBytes    *key)
{
  g_autoptr(GBytes) b = NULL;
  const char *data;
  size_t len = 0;

  if (!qpdf_oh_is_string (q, str))
    return -2;
  data = qpdf_oh_get_binary_string_value (q, str, &len);
  b = g_bytes_new (data, data != NULL ? len : 0);
  return CLAMP (g_bytes_compare (b, key), -1, 1);
}

static qpdf_oh
name_tree_lookup (qpdf_data  q,
                  qpdf_oh    node,
                  GBytes    *key,
                  int        depth)
{
  qpdf_oh names, kids;

  if (depth > 32 || !qpdf_oh_is_dictionary (q, node))
    return 0;
  names = qpdf_oh_get_key (q, node, "/Names");
  if (qpdf_oh_is_array (q, names))
    {
      int n = qpdf_oh_get_array_n_items (q, names);

      for (int i = 0; i + 1 < n; i += 2)
        if (compare_key (q, qpdf_oh_get_array_item (q, names, i), key) == 0)
          return qpdf_oh_get_array_item (q, names, i + 1);
    }
  kids = qpdf_oh_get_key (q, node, "/Kids");
  if (qpdf_oh_is_array (q, kids))
    {
      int n = qpdf_oh_get_array_n_items (q, kids);

      for (int i = 0; i < n; i++)
        {
          qpdf_oh kid = qpdf_oh_get_array_item (q, kids, i);
          qpdf_oh limits = qpdf_oh_get_key (q, kid, "/Limits");
          qpdf_oh found;

          if (qpdf_oh_is_array (q, limits) && qpdf_oh_get_array_n_items (q, limits) == 2
              && (compare_key (q, qpdf_oh_get_array_item (q, limits, 0), key) > 0
                  || compare_key (q, qpdf_oh_get_array_item (q, limits, 1), key) == -1))
            continue;
          found = name_tree_lookup (q, kid, key, depth + 1);
          if (found != 0)
            return found;
        }
    }
  return 0;
}

/* The explicit destination (an array) behind a named one: in the input's /Dests dictionary
 * (PDF 1.1, names) or its /Names /Dests name tree (strings). 0 if there is none. */
static qpdf_oh
resolve_named_dest (qpdf_data q,
                    qpdf_oh   name)
{
  qpdf_oh root = qpdf_get_root (q);
  qpdf_oh found = 0;

  if (qpdf_oh_is_name (q, name))
    {
      g_autofree char *key = g_strdup (qpdf_oh_get_name (q, name));
      qpdf_oh dests = qpdf_oh_get_key (q, root, "/Dests");

      if (qpdf_oh_is_dictionary (q, dests) && qpdf_oh_has_key (q, dests, key))
        found = qpdf_oh_get_key (q, dests, key);
    }
  else
    {
      size_t len = 0;
      const char *data = qpdf_oh_get_binary_string_value (q, name, &len);
      g_autoptr(GBytes) key = g_bytes_new (data, data != NULL ? len : 0);
      qpdf_oh names = qpdf_oh_get_key (q, root, "/Names");

      if (qpdf_oh_is_dictionary (q, names))
        found = name_tree_lookup (q, qpdf_oh_get_key (q, names, "/Dests"), key, 0);
    }
  if (found != 0 && qpdf_oh_is_dictionary (q, found))
    found = qpdf_oh_get_key (q, found, "/D");
  return found != 0 && qpdf_oh_is_array (q, found) ? found : 0;
}

/* A link whose named destination is replaced by the explicit one: the input's name tree is
 * not copied, so the name would lead nowhere in the pack. */
static void
write_link_with_dest (Copier  *c,
                      qpdf_oh  annot,
                      qpdf_oh  dest,
                      guint32  out)
{
  static const char *const replaced[] = { "/Dest", "/A", NULL };

  begin_obj (c->w, out);
  emit_str (c->w, "<<");
  ser_dict_entries (c, annot, replaced, 0);
  emit_str (c->w, "/Dest ");
  ser_value (c, dest, 1);
  emit_str (c->w, ">>");
  end_obj (c->w);
}

/* A name for the overlay form that the page's own /XObject dictionary does not use; @xobjects is
 * 0 when the page has no resources at all (asking qpdf about handle 0 would be an error). */
static char *
overlay_name_for (qpdf_data q,
                  qpdf_oh   xobjects)
{
  char *name = g_strdup (FOOTER_XOBJECT);

  for (guint i = 1; xobjects != 0 && qpdf_oh_is_dictionary (q, xobjects) &&
                    qpdf_oh_has_key (q, xobjects, name); i++)
    {
      g_free (name);
      name = g_strdup_printf ("%s%u", FOOTER_XOBJECT, i);
    }
  return name;
}

static void
write_page (Copier  *c,
            int      index,
            guint32  page_obj)
{
  static const char *const dropped[] = {
    "/Type", "/Parent", "/Annots", "/StructParents", "/B", "/AA", "/PieceInfo", "/Thumb", NULL
  };
  ParPdfWriter *w = c->w;
  qpdf_data q = c->q;
  qpdf_oh page = qpdf_get_page_n (q, index);
  g_autoptr(GPtrArray) keys = NULL;
  PageRec rec = { 0 };
  guint32 call_obj = w->call_obj;
  qpdf_oh annots;

  rec.obj = page_obj;
  read_page_geometry (q, page, &rec);
  rec.annots_obj = alloc_obj (w);
  if (w->overlay != NULL)
    rec.overlay_obj = alloc_obj (w);

  begin_obj (w, page_obj);
  emitf (w, "<</Type/Page/Parent %u 0 R", node_for_page (w, w->pages->len));
  keys = dict_keys (q, page);
  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = g_ptr_array_index (keys, i);
      qpdf_oh v;

      if (in_list (key, dropped))
        continue;
      if (w->overlay != NULL && (strcmp (key, "/Resources") == 0 || strcmp (key, "/Contents") == 0))
        continue;
      v = qpdf_oh_get_key (q, page, key);
      emit_name (w, key);
      emit_str (w, " ");
      ser_value (c, v, 1);
      qpdf_oh_release (q, v);
    }

  if (w->overlay != NULL)
    {
      static const char *const no_xobject[] = { "/XObject", NULL };
      qpdf_oh res = qpdf_oh_get_key (q, page, "/Resources");
      qpdf_oh xobjects = 0;
      qpdf_oh contents;
      g_autofree char *name = NULL;

      /* The page's resources (inherited ones were pushed onto the page) plus our form. */
      emit_str (w, "/Resources<<");
      if (qpdf_oh_is_dictionary (q, res))
        {
          ser_dict_entries (c, res, no_xobject, 1);
          xobjects = qpdf_oh_get_key (q, res, "/XObject");
        }
      name = overlay_name_for (q, xobjects);
      emit_str (w, "/XObject<<");
      if (xobjects != 0 && qpdf_oh_is_dictionary (q, xobjects))
        ser_dict_entries (c, xobjects, NULL, 2);
      emit_name (w, name);
      emitf (w, " %u 0 R>>>>", rec.overlay_obj);

      /* q · original content · Q · overlay: the original cannot leave a changed state behind */
      if (strcmp (name, FOOTER_XOBJECT) != 0)
        call_obj = alloc_obj (w);
      emitf (w, "/Contents[%u 0 R", w->q_obj);
      contents = qpdf_oh_get_key (q, page, "/Contents");
      if (qpdf_oh_is_array (q, contents))
        {
          int n = qpdf_oh_get_array_n_items (q, contents);

          for (int i = 0; i < n; i++)
            {
              emit_str (w, " ");
              ser_value (c, qpdf_oh_get_array_item (q, contents, i), 1);
            }
        }
      else if (qpdf_oh_is_stream (q, contents))
        {
          emit_str (w, " ");
          ser_value (c, contents, 1);
        }
      emitf (w, " %u 0 R %u 0 R]", w->Q_obj, call_obj);

      if (call_obj != w->call_obj)
        {
          g_autofree char *ops = g_strdup_printf ("q %s Do Q", name);

          emitf (w, "/Annots %u 0 R>>", rec.annots_obj);
          end_obj (w);
          write_small_stream (w, call_obj, ops);
          goto annotations;
        }
    }
  emitf (w, "/Annots %u 0 R>>", rec.annots_obj);
  end_obj (w);

annotations:
  annots = qpdf_oh_get_key (q, page, "/Annots");
  if (qpdf_oh_is_array (q, annots))
    {
      int n = qpdf_oh_get_array_n_items (q, annots);

      for (int i = 0; i < n; i++)
        {
          qpdf_oh a = qpdf_oh_get_array_item (q, annots, i);
          guint32 out = 0;
          qpdf_oh named;

          if (!keep_annotation (q, a))
            continue;
          named = link_named_dest (q, a);
          if (named != 0)
            {
              qpdf_oh dest = resolve_named_dest (q, named);
              int id = qpdf_oh_get_object_id (q, a);

              if (dest == 0)
                continue;  /* a link to nowhere */
              out = id > 0 ? map_get (c, id) : 0;
              if (out == NULL_REF)
                continue;
              if (out == 0)
                {
                  out = alloc_obj (w);
                  if (id > 0)
                    map_set (c, id, out);
                  write_link_with_dest (c, a, dest, out);
                }
            }
          else if (qpdf_oh_is_indirect (q, a))
            {
              out = ref_for (c, a);
            }
          else
            {
              out = alloc_obj (w);
              begin_obj (w, out);
              ser_direct (c, a, 0);
              end_obj (w);
            }
          if (out == 0)
            continue;
          if (rec.annots == NULL)
            rec.annots = g_array_new (FALSE, FALSE, sizeof (guint32));
          g_array_append_val (rec.annots, out);
        }
    }

  g_array_append_val (w->pages, rec);
  qpdf_oh_release_all (q);
}

/* ---------------------------------------------------------------- opening inputs */

void
par_pdf_doc_info_clear (ParPdfDocInfo *info)
{
  g_return_if_fail (info != NULL);
  g_clear_pointer (&info->message, g_free);
  info->status = PAR_PDF_DOC_OK;
  info->first_page = 0;
  info->n_pages = 0;
}

const char *
par_pdf_doc_status_to_string (ParPdfDocStatus status)
{
  switch (status)
    {
    case PAR_PDF_DOC_OK:
      return "ok";
    case PAR_PDF_DOC_MISSING:
      return "missing";
    case PAR_PDF_DOC_UNREADABLE:
      return "unreadable";
    case PAR_PDF_DOC_CORRUPT:
      return "corrupt";
    case PAR_PDF_DOC_ENCRYPTED:
      return "encrypted";
    default:
      return "unknown";
    }
}

static void
set_status (ParPdfDocInfo   *info,
            ParPdfDocStatus  status,
            char            *message /* owned */)
{
  info->status = status;
  g_free (info->message);
  info->message = message;
}

/* @text with every mention of @path replaced by @label: a message names the document as the
 * caller knows it, never where it is stored. */
static char *
without_path (const char *text,
              const char *path,
              const char *label)
{
  g_auto(GStrv) parts = NULL;

  if (text == NULL)
    return g_strdup ("");
  if (path == NULL || *path == '\0' || strstr (text, path) == NULL)
    return g_strdup (text);
  parts = g_strsplit (text, path, -1);
  return g_strjoinv (label, parts);
}

static const char *
label_or_basename (const char *path,
                   const char *label,
                   char      **tmp)
{
  if (label != NULL)
    return label;
  *tmp = g_path_get_basename (path);
  return *tmp;
}

/* qpdf_read() of @path, from memory when it is small enough (@buffer keeps the bytes; free it
 * after qpdf_cleanup()). qpdf names the input @label in its messages, never the path. */
static QPDF_ERROR_CODE
read_input (qpdf_data   q,
            const char *path,
            const char *label,
            goffset     size,
            char      **buffer)
{
  gsize len = 0;

  *buffer = NULL;
  if (size > 0 && size <= MEMORY_INPUT_MAX && g_file_get_contents (path, buffer, &len, NULL))
    return qpdf_read_memory (q, label, *buffer, (unsigned long long) len, "");
  return qpdf_read (q, path, "");
}

/* Opens @path with qpdf and classifies it; returns NULL (and fills @info) if it cannot be used.
 * @buffer holds the bytes qpdf reads from: free it after qpdf_cleanup(). */
static qpdf_data
open_input (const char    *path,
            const char    *label,
            ParPdfDocInfo *info,
            char         **buffer)
{
  GStatBuf st;
  qpdf_data q;
  int n;

  *buffer = NULL;

  info->status = PAR_PDF_DOC_OK;
  info->n_pages = 0;
  g_clear_pointer (&info->message, g_free);

  if (g_stat (path, &st) != 0)
    {
      int e = errno;

      if (e == ENOENT || e == ENOTDIR)
        set_status (info, PAR_PDF_DOC_MISSING,
                    g_strdup_printf (_("“%s” was not found."), label));
      else
        set_status (info, PAR_PDF_DOC_UNREADABLE,
                    g_strdup_printf (_("“%s” could not be read: %s."), label, g_strerror (e)));
      return NULL;
    }
  if (!S_ISREG (st.st_mode))
    {
      set_status (info, PAR_PDF_DOC_UNREADABLE,
                  g_strdup_printf (_("“%s” is not a regular file."), label));
      return NULL;
    }
  if (st.st_size == 0)
    {
      set_status (info, PAR_PDF_DOC_CORRUPT,
                  g_strdup_printf (_("“%s” is an empty file, not a PDF."), label));
      return NULL;
    }

  {
    g_autoptr(GError) load_error = NULL;

    /* par_pdf_writer_new () has loaded it already; par_pdf_inspect () may come first. */
    if (!par_qpdf_load (&load_error))
      {
        set_status (info, PAR_PDF_DOC_UNREADABLE, g_strdup (load_error->message));
        return NULL;
      }
  }
  q = qpdf_init ();
  qpdf_silence_errors (q);
  qpdf_set_suppress_warnings (q, QPDF_TRUE);

  if ((read_input (q, path, label, st.st_size, buffer) & QPDF_ERRORS) != 0 || qpdf_has_error (q))
    {
      qpdf_error e = qpdf_get_error (q);
      enum qpdf_error_code_e code = e != NULL ? qpdf_get_error_code (q, e) : qpdf_e_damaged_pdf;
      g_autofree char *detail = without_path (e != NULL ? qpdf_get_error_message_detail (q, e) : "",
                                              path, label);

      if (code == qpdf_e_password)
        set_status (info, PAR_PDF_DOC_ENCRYPTED,
                    g_strdup_printf (_("“%s” is protected by a password and was not included."),
                                     label));
      else if (code == qpdf_e_system)
        set_status (info, PAR_PDF_DOC_UNREADABLE,
                    g_strdup_printf (_("“%s” could not be read: %s."), label, detail));
      else
        set_status (info, PAR_PDF_DOC_CORRUPT,
                    g_strdup_printf (_("“%s” is damaged or is not a PDF (%s)."), label, detail));
      qpdf_cleanup (&q);
      g_clear_pointer (buffer, g_free);
      return NULL;
    }

  if (qpdf_is_encrypted (q))
    {
      set_status (info, PAR_PDF_DOC_ENCRYPTED,
                  g_strdup_printf (_("“%s” is encrypted (protected against changes) and was not "
                                     "included."), label));
      qpdf_cleanup (&q);
      g_clear_pointer (buffer, g_free);
      return NULL;
    }

  n = qpdf_get_num_pages (q);
  if (n <= 0 || qpdf_has_error (q))
    {
      qpdf_error e = qpdf_get_error (q);

      if (n < 0 || e != NULL)
        set_status (info, PAR_PDF_DOC_CORRUPT,
                    g_strdup_printf (_("“%s” is damaged: its list of pages cannot be read (%s)."),
                                     label, e != NULL ? qpdf_get_error_message_detail (q, e) : ""));
      else
        set_status (info, PAR_PDF_DOC_CORRUPT,
                    g_strdup_printf (_("“%s” has no pages."), label));
      qpdf_cleanup (&q);
      g_clear_pointer (buffer, g_free);
      return NULL;
    }

  info->n_pages = (guint) n;
  return q;
}

/**
 * par_pdf_inspect:
 * @path: a file
 * @label: (nullable): its name in messages; the file name if %NULL
 * @info: (out caller-allocates): status and page count; clear with par_pdf_doc_info_clear()
 *
 * Opens @path as a PDF without merging it: to count its pages (for a table of contents drawn
 * before the merge) or to classify it for a manifest.
 *
 * Returns: %TRUE if @info->status is %PAR_PDF_DOC_OK
 */
gboolean
par_pdf_inspect (const char    *path,
                 const char    *label,
                 ParPdfDocInfo *info)
{
  g_autofree char *tmp = NULL;
  g_autofree char *buffer = NULL;
  qpdf_data q;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (info != NULL, FALSE);

  info->first_page = 0;
  q = open_input (path, label_or_basename (path, label, &tmp), info, &buffer);
  if (q == NULL)
    return FALSE;
  qpdf_cleanup (&q);
  return TRUE;
}

/* ---------------------------------------------------------------- public API */

/**
 * par_pdf_writer_new:
 * @dest_path: where the PDF will be once par_pdf_writer_finish() succeeds
 * @error: return location for a #GError
 *
 * Starts a PDF. Everything is written to a hidden temporary file in the folder of @dest_path,
 * which becomes @dest_path only when par_pdf_writer_finish() succeeds; par_pdf_writer_free()
 * or par_pdf_writer_abort() before that delete it, leaving nothing at @dest_path.
 *
 * Returns: (transfer full) (nullable): a new writer
 */
ParPdfWriter *
par_pdf_writer_new (const char  *dest_path,
                    GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmpl = NULL;
  ParPdfWriter *w;
  int fd;

  g_return_val_if_fail (dest_path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* qpdf reads the documents merged: opened now, not at every start of the program. */
  if (!par_qpdf_load (error))
    return NULL;

  dir = g_path_get_dirname (dest_path);
  base = g_path_get_basename (dest_path);
  tmpl = g_strdup_printf ("%s%c.%s.part-XXXXXX", dir, G_DIR_SEPARATOR, base);
  fd = g_mkstemp_full (tmpl, O_RDWR | O_CLOEXEC, 0644);
  if (fd < 0)
    {
      int e = errno;
      g_set_error (error, PAR_ERROR, PAR_ERROR_IO, _("Could not create a file in “%s”: %s"),
                   dir, g_strerror (e));
      return NULL;
    }

  w = g_new0 (ParPdfWriter, 1);
  w->dest_path = g_strdup (dest_path);
  w->tmp_path = g_steal_pointer (&tmpl);
  w->out = fdopen (fd, "wb");
  if (w->out == NULL)
    {
      int e = errno;
      close (fd);
      g_unlink (w->tmp_path);
      g_set_error (error, PAR_ERROR, PAR_ERROR_IO, _("Could not write “%s”: %s"),
                   dest_path, g_strerror (e));
      g_free (w->tmp_path);
      g_free (w->dest_path);
      g_free (w);
      return NULL;
    }
  setvbuf (w->out, NULL, _IOFBF, 256 * 1024);

  w->xref = g_array_new (FALSE, TRUE, sizeof (guint64));
  g_array_set_size (w->xref, 1);
  w->pages = g_array_new (FALSE, TRUE, sizeof (PageRec));
  w->nodes = g_array_new (FALSE, FALSE, sizeof (guint32));
  w->links = g_array_new (FALSE, FALSE, sizeof (LinkRec));
  w->outline = g_array_new (FALSE, TRUE, sizeof (OutlineRec));
  g_array_set_size (w->outline, 1);
  w->files = g_array_new (FALSE, FALSE, sizeof (FileRec));
  w->info = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  w->max_version = 17;

  emit_str (w, "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n");
  w->pages_root = alloc_obj (w);
  return w;
}

static void
writer_close_and_unlink (ParPdfWriter *w)
{
  if (w->out != NULL)
    {
      fclose (w->out);
      w->out = NULL;
    }
  if (w->tmp_path != NULL && !w->done)
    g_unlink (w->tmp_path);
}

/**
 * par_pdf_writer_abort:
 * @writer: a writer
 *
 * Stops writing and deletes the temporary file; nothing is left at the destination. The writer
 * can then only be freed.
 */
void
par_pdf_writer_abort (ParPdfWriter *writer)
{
  g_return_if_fail (writer != NULL);

  writer_close_and_unlink (writer);
  writer->broken = TRUE;
}

/**
 * par_pdf_writer_free:
 * @writer: (nullable): a writer
 *
 * Frees @writer; if par_pdf_writer_finish() did not succeed, the output is discarded.
 */
void
par_pdf_writer_free (ParPdfWriter *writer)
{
  if (writer == NULL)
    return;

  writer_close_and_unlink (writer);
  for (guint i = 0; i < writer->pages->len; i++)
    g_clear_pointer (&g_array_index (writer->pages, PageRec, i).annots, g_array_unref);
  for (guint i = 0; i < writer->outline->len; i++)
    g_free (g_array_index (writer->outline, OutlineRec, i).title);
  for (guint i = 0; i < writer->files->len; i++)
    g_bytes_unref (g_array_index (writer->files, FileRec, i).key);
  g_array_unref (writer->xref);
  g_array_unref (writer->pages);
  g_array_unref (writer->nodes);
  g_array_unref (writer->links);
  g_array_unref (writer->outline);
  g_array_unref (writer->files);
  g_hash_table_unref (writer->info);
  g_clear_pointer (&writer->created, g_date_time_unref);
  g_clear_pointer (&writer->modified, g_date_time_unref);
  g_free (writer->language);
  if (writer->overlay_destroy != NULL)
    writer->overlay_destroy (writer->overlay_data);
  if (writer->progress_destroy != NULL)
    writer->progress_destroy (writer->progress_data);
  g_free (writer->tmp_path);
  g_free (writer->dest_path);
  g_free (writer);
}

/**
 * par_pdf_writer_set_progress_func:
 * @writer: a writer
 * @func: (nullable): called at the start of each document, after each page, and while
 *   finish() draws overlays; in the thread that calls the writer
 * @user_data: data for @func
 * @destroy: (nullable): frees @user_data
 */
void
par_pdf_writer_set_progress_func (ParPdfWriter       *writer,
                                  ParPdfProgressFunc  func,
                                  gpointer            user_data,
                                  GDestroyNotify      destroy)
{
  g_return_if_fail (writer != NULL);

  if (writer->progress_destroy != NULL)
    writer->progress_destroy (writer->progress_data);
  writer->progress = func;
  writer->progress_data = user_data;
  writer->progress_destroy = destroy;
}

/**
 * par_pdf_writer_set_overlay_func:
 * @writer: a writer with no pages yet
 * @func: draws over each page at finish time (page numbers)
 * @user_data: data for @func
 * @destroy: (nullable): frees @user_data
 *
 * Must be called before the first document is added: pages are written with a reference to
 * their overlay, which is drawn once the number of pages is known. Whatever @func draws is
 * embedded (fonts included) and wrapped so that the page's own content cannot affect it.
 */
void
par_pdf_writer_set_overlay_func (ParPdfWriter      *writer,
                                 ParPdfOverlayFunc  func,
                                 gpointer           user_data,
                                 GDestroyNotify     destroy)
{
  g_return_if_fail (writer != NULL);
  g_return_if_fail (func != NULL);
  g_return_if_fail (writer->pages->len == 0);

  if (writer->overlay_destroy != NULL)
    writer->overlay_destroy (writer->overlay_data);
  writer->overlay = func;
  writer->overlay_data = user_data;
  writer->overlay_destroy = destroy;

  if (writer->q_obj == 0)
    {
      writer->q_obj = alloc_obj (writer);
      writer->Q_obj = alloc_obj (writer);
      writer->call_obj = alloc_obj (writer);
      write_small_stream (writer, writer->q_obj, "q");
      write_small_stream (writer, writer->Q_obj, "Q");
      write_small_stream (writer, writer->call_obj, "q " FOOTER_XOBJECT " Do Q");
    }
}

typedef struct {
  char                 *format;
  PangoFontDescription *font;
  PangoLayout          *layout;  /* made once: a Pango context per page costs more than the text */
} PageNumbers;

static void
page_numbers_free (gpointer data)
{
  PageNumbers *pn = data;

  g_free (pn->format);
  pango_font_description_free (pn->font);
  g_clear_object (&pn->layout);
  g_free (pn);
}

static char *
expand_page_number (const char *format,
                    guint       page,
                    guint       n_pages)
{
  GString *s = g_string_new (NULL);

  for (const char *p = format; *p != '\0';)
    {
      if (g_str_has_prefix (p, "{page}"))
        {
          g_string_append_printf (s, "%u", page);
          p += strlen ("{page}");
        }
      else if (g_str_has_prefix (p, "{pages}"))
        {
          g_string_append_printf (s, "%u", n_pages);
          p += strlen ("{pages}");
        }
      else
        {
          g_string_append_c (s, *p++);
        }
    }
  return g_string_free (s, FALSE);
}

static void
draw_page_number (cairo_t  *cr,
                  guint     page_index,
                  guint     n_pages,
                  double    width,
                  double    height,
                  gpointer  user_data)
{
  PageNumbers *pn = user_data;
  g_autofree char *text = expand_page_number (pn->format, page_index + 1, n_pages);
  PangoRectangle ink, logical;
  double x, y;

  if (pn->layout == NULL)
    {
      pn->layout = pango_cairo_create_layout (cr);
      /* cairo's PDF units are points: without this Pango would size the text for 96 dpi */
      pango_cairo_context_set_resolution (pango_layout_get_context (pn->layout), 72);
      pango_layout_context_changed (pn->layout);
      pango_layout_set_font_description (pn->layout, pn->font);
    }
  else
    {
      pango_cairo_update_layout (cr, pn->layout);  /* the context of this batch */
    }
  pango_layout_set_text (pn->layout, text, -1);
  pango_layout_get_pixel_extents (pn->layout, &ink, &logical);
  /* centred, its bottom about 4 mm above the bottom edge */
  x = (width - logical.width) / 2;
  y = height - 11.0 - logical.height;

  /* A translucent white plate keeps the number legible on dark scans; what is under it
   * stays visible. */
  cairo_new_path (cr);
  cairo_rectangle (cr, x - 4, y + logical.height * 0.1, logical.width + 8, logical.height * 0.9);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.7);
  cairo_fill (cr);

  cairo_move_to (cr, x, y);
  cairo_set_source_rgb (cr, 0.15, 0.15, 0.15);
  pango_cairo_show_layout (cr, pn->layout);
}

/**
 * par_pdf_writer_set_page_numbers:
 * @writer: a writer with no pages yet
 * @format: the text, with `{page}` and `{pages}` replaced, e.g. "Trang {page}/{pages}"
 * @font: (nullable): a Pango font description; "Sans 9" if %NULL
 *
 * Numbers every page of the output, included documents too, centred at the bottom. The font
 * is embedded (a subset), so any Unicode text works.
 */
void
par_pdf_writer_set_page_numbers (ParPdfWriter *writer,
                                 const char   *format,
                                 const char   *font)
{
  PageNumbers *pn;

  g_return_if_fail (writer != NULL);
  g_return_if_fail (format != NULL);

  pn = g_new0 (PageNumbers, 1);
  pn->format = g_strdup (format);
  pn->font = pango_font_description_from_string (font != NULL ? font : "Sans 9");
  par_pdf_writer_set_overlay_func (writer, draw_page_number, pn, page_numbers_free);
}

static gboolean
writer_usable (ParPdfWriter  *w,
               GError       **error)
{
  if (w->done || w->broken || w->out == NULL)
    {
      g_set_error_literal (error, PAR_ERROR, PAR_ERROR_IO,
                           _("The PDF was already finished or abandoned after an error."));
      return FALSE;
    }
  return check_io (w, error);
}

/* Before a step that adds to the PDF: the writer is usable and the step not cancelled; a
 * cancelled step leaves the writer broken. */
static gboolean
writer_ready (ParPdfWriter  *w,
              GCancellable  *cancellable,
              GError       **error)
{
  if (!writer_usable (w, error))
    return FALSE;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      w->broken = TRUE;
      return FALSE;
    }
  return TRUE;
}

static void
report (ParPdfWriter *w,
        guint         doc_index,
        const char   *label,
        guint         page,
        guint         n_pages)
{
  ParPdfProgress p = { doc_index, label, page, n_pages, w->pages->len };

  if (w->progress != NULL)
    w->progress (&p, w->progress_data);
}

static guint
parse_version (const char *v)
{
  guint major = 1, minor = 0;

  if (v != NULL && sscanf (v, "%u.%u", &major, &minor) >= 1)
    return MIN (major, 9) * 10 + MIN (minor, 9);
  return 14;
}

/**
 * par_pdf_writer_add_document:
 * @writer: a writer
 * @path: the PDF to include
 * @label: (nullable): its name for progress and messages; the file name if %NULL
 * @out_info: (out caller-allocates) (optional): the outcome: status, first page in the output,
 *   page count, message; clear with par_pdf_doc_info_clear()
 * @cancellable: (nullable): checked between pages
 * @error: return location for a #GError
 *
 * Appends every page of @path. A missing, unreadable, damaged or encrypted document is NOT an
 * error: it is left out, @out_info says why, and the writer goes on. A damaged document is
 * rolled back if the damage shows only half-way through.
 *
 * Returns: %FALSE only if the whole merge must stop (cancelled: %G_IO_ERROR_CANCELLED; the
 *   output cannot be written: %PAR_ERROR_IO); the writer can then only be freed.
 */
gboolean
par_pdf_writer_add_document (ParPdfWriter   *writer,
                             const char     *path,
                             const char     *label,
                             ParPdfDocInfo  *out_info,
                             GCancellable   *cancellable,
                             GError        **error)
{
  g_autofree char *tmp_label = NULL;
  g_autofree char *buffer = NULL;   /* what qpdf reads; freed after qpdf_cleanup */
  ParPdfDocInfo info = { 0 };
  g_autofree guint32 *page_objs = NULL;
  guint doc_index;
  Snapshot snap;
  Copier c;
  qpdf_data q;
  gboolean fatal = FALSE;

  g_return_val_if_fail (writer != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!writer_ready (writer, cancellable, error))
    return FALSE;

  label = label_or_basename (path, label, &tmp_label);
  doc_index = writer->n_docs++;
  report (writer, doc_index, label, 0, 0);

  q = open_input (path, label, &info, &buffer);
  if (q == NULL)
    goto out;

  writer->max_version = MAX (writer->max_version, parse_version (qpdf_get_pdf_version (q)));
  if ((qpdf_push_inherited_attributes_to_page (q) & QPDF_ERRORS) != 0 || qpdf_has_error (q))
    {
      qpdf_error e = qpdf_get_error (q);
      set_status (&info, PAR_PDF_DOC_CORRUPT,
                  g_strdup_printf (_("“%s” is damaged: its list of pages cannot be read (%s)."),
                                   label, e != NULL ? qpdf_get_error_message_detail (q, e) : ""));
      qpdf_cleanup (&q);
      goto out;
    }

  snapshot_take (writer, &snap);
  info.first_page = writer->pages->len;
  copier_init (&c, writer, q);

  /* Number every page first: links and annotations point at pages of their own document. */
  page_objs = g_new0 (guint32, info.n_pages);
  for (guint i = 0; i < info.n_pages; i++)
    {
      qpdf_oh page = qpdf_get_page_n (q, i);
      int id = qpdf_oh_get_object_id (q, page);

      page_objs[i] = alloc_obj (writer);
      if (id > 0 && map_get (&c, id) == 0)
        map_set (&c, id, page_objs[i]);
    }
  qpdf_oh_release_all (q);

  for (guint i = 0; i < info.n_pages && copier_check (&c); i++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          fatal = TRUE;
          break;
        }
      write_page (&c, (int) i, page_objs[i]);
      if (!drain (&c))
        break;
      report (writer, doc_index, label, i + 1, info.n_pages);
    }

  if (!fatal && c.failed)
    {
      g_autofree char *detail = without_path (c.detail, path, label);

      set_status (&info, PAR_PDF_DOC_CORRUPT,
                  g_strdup_printf (_("“%s” is damaged and could not be included (%s)."),
                                   label, detail));
      info.n_pages = 0;
      snapshot_restore (writer, &snap);
    }
  copier_clear (&c);
  qpdf_cleanup (&q);

  if (fatal)
    {
      writer->broken = TRUE;
      set_status (&info, PAR_PDF_DOC_UNREADABLE, g_strdup (_("Cancelled.")));
    }
  else if (!check_io (writer, error))
    {
      fatal = TRUE;
    }

out:
  if (info.status != PAR_PDF_DOC_OK)
    {
      info.first_page = writer->pages->len;
      if (!fatal)
        g_debug ("left out %s: %s", path, info.message);
    }
  if (out_info != NULL)
    *out_info = info;
  else
    g_free (info.message);
  return !fatal;
}

/* ---------------------------------------------------------------- sources: pages in pieces */

struct _ParPdfSource {
  ParPdfWriter *writer;
  char         *label;
  char         *buffer;
  qpdf_data     q;
  Copier        copier;   /* its map lives as long as the source: shared objects go out once */
  guint         n_pages;
  gboolean      failed;
};

/**
 * par_pdf_writer_open_source:
 * @writer: a writer
 * @path: a PDF whose pages will be added in pieces, between other documents
 * @label: (nullable): its name in messages; the file name if %NULL
 * @error: return location for a #GError
 *
 * Opens a PDF to take its pages a few at a time with par_pdf_writer_add_source_pages(): the
 * pages a program drew for several places of the output (a cover, then a separator before each
 * document…) come from one file, and what they share — fonts above all — is written once.
 *
 * Returns: (transfer full) (nullable): the source; %NULL with @error when it cannot be read
 */
ParPdfSource *
par_pdf_writer_open_source (ParPdfWriter  *writer,
                            const char    *path,
                            const char    *label,
                            GError       **error)
{
  g_autofree char *tmp_label = NULL;
  ParPdfDocInfo info = { 0 };
  ParPdfSource *src;

  g_return_val_if_fail (writer != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!writer_usable (writer, error))
    return NULL;
  src = g_new0 (ParPdfSource, 1);
  src->writer = writer;
  src->label = g_strdup (label_or_basename (path, label, &tmp_label));
  src->q = open_input (path, src->label, &info, &src->buffer);
  if (src->q == NULL ||
      (qpdf_push_inherited_attributes_to_page (src->q) & QPDF_ERRORS) != 0 ||
      qpdf_has_error (src->q))
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_IO, "%s",
                   info.message != NULL ? info.message : _("The PDF could not be read."));
      par_pdf_doc_info_clear (&info);
      par_pdf_source_free (src);
      return NULL;
    }
  src->n_pages = info.n_pages;
  writer->max_version = MAX (writer->max_version, parse_version (qpdf_get_pdf_version (src->q)));
  copier_init (&src->copier, writer, src->q);
  par_pdf_doc_info_clear (&info);
  return src;
}

/**
 * par_pdf_source_get_n_pages:
 * @src: a source
 *
 * Returns: its number of pages
 */
guint
par_pdf_source_get_n_pages (ParPdfSource *src)
{
  g_return_val_if_fail (src != NULL, 0);
  return src->n_pages;
}

/**
 * par_pdf_writer_add_source_pages:
 * @writer: the writer @src was opened with
 * @src: a source
 * @first: 0-based index of its first page to add
 * @n: how many pages
 * @error: return location for a #GError
 *
 * Appends pages [@first, @first + @n) of @src. Pages are taken as they are, without their
 * annotations' links to other pages of @src (a drawn page has none). Unlike a document, a
 * source that cannot be copied stops the whole output: its pages are the writer's own.
 *
 * Returns: %FALSE with @error when the pages could not be added; the writer can then only be
 *   freed
 */
gboolean
par_pdf_writer_add_source_pages (ParPdfWriter  *writer,
                                 ParPdfSource  *src,
                                 guint          first,
                                 guint          n,
                                 GError       **error)
{
  g_autofree guint32 *page_objs = NULL;

  g_return_val_if_fail (writer != NULL && src != NULL && src->writer == writer, FALSE);
  g_return_val_if_fail (first <= src->n_pages && n <= src->n_pages - first, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!writer_usable (writer, error))
    return FALSE;
  page_objs = g_new0 (guint32, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      qpdf_oh page = qpdf_get_page_n (src->q, (int) (first + i));
      int id = qpdf_oh_get_object_id (src->q, page);

      page_objs[i] = alloc_obj (writer);
      if (id > 0)
        map_set (&src->copier, id, page_objs[i]);
    }
  qpdf_oh_release_all (src->q);
  for (guint i = 0; i < n && copier_check (&src->copier); i++)
    {
      write_page (&src->copier, (int) (first + i), page_objs[i]);
      drain (&src->copier);
    }
  if (src->copier.failed || src->failed)
    {
      src->failed = TRUE;
      writer->broken = TRUE;
      g_set_error (error, PAR_ERROR, PAR_ERROR_IO, _("“%s” could not be copied (%s)."), src->label,
                   src->copier.detail != NULL ? src->copier.detail : "");
      return FALSE;
    }
  return check_io (writer, error);
}

/**
 * par_pdf_source_free:
 * @src: (nullable): a source
 *
 * Closes the source. Pages added from it stay in the output.
 */
void
par_pdf_source_free (ParPdfSource *src)
{
  if (src == NULL)
    return;
  if (src->copier.map != NULL)
    copier_clear (&src->copier);
  if (src->q != NULL)
    qpdf_cleanup (&src->q);
  g_free (src->buffer);
  g_free (src->label);
  g_free (src);
}

/**
 * par_pdf_writer_get_n_pages:
 * @writer: a writer
 *
 * Returns: the number of pages written so far
 */
guint
par_pdf_writer_get_n_pages (ParPdfWriter *writer)
{
  g_return_val_if_fail (writer != NULL, 0);
  return writer->pages->len;
}

/**
 * par_pdf_writer_add_outline_item:
 * @writer: a writer
 * @parent: 0 for a top-level bookmark, else an id returned before
 * @title: the bookmark's text (UTF-8); characters that would make it show differently from
 *   what it is are written out ("[U+202E]", see par_text_neutralise())
 * @page: 0-based output page it opens (may be added later; checked by finish())
 * @top: distance from the top of the page in points, or a negative value for the page's top
 * @open: whether its children are shown
 *
 * Returns: the new bookmark's id, for children
 */
guint
par_pdf_writer_add_outline_item (ParPdfWriter *writer,
                                 guint         parent,
                                 const char   *title,
                                 guint         page,
                                 double        top,
                                 gboolean      open)
{
  OutlineRec rec = { 0 };

  g_return_val_if_fail (writer != NULL, 0);
  g_return_val_if_fail (title != NULL, 0);
  g_return_val_if_fail (parent < writer->outline->len, 0);

  rec.parent = parent;
  rec.title = par_text_neutralise (title, -1, PAR_TEXT_SINGLE_LINE);
  rec.page = page;
  rec.top = top;
  rec.open = open;
  g_array_append_val (writer->outline, rec);
  return writer->outline->len - 1;
}

/**
 * par_pdf_writer_add_link:
 * @writer: a writer
 * @from_page: 0-based output page that gets the clickable area
 * @x: left of the area, points from the page's left edge
 * @y: top of the area, points from the page's top edge (cairo's convention)
 * @width: width in points
 * @height: height in points
 * @to_page: 0-based output page the link opens
 * @to_top: distance from the top of @to_page in points, or negative for its top
 * @error: return location for a #GError
 *
 * Adds a link annotation onto a page, also one written long before: for generated pages drawn
 * before the documents' page numbers were known. Both pages are checked by finish().
 *
 * Returns: %FALSE if the area is empty
 */
gboolean
par_pdf_writer_add_link (ParPdfWriter  *writer,
                         guint          from_page,
                         double         x,
                         double         y,
                         double         width,
                         double         height,
                         guint          to_page,
                         double         to_top,
                         GError       **error)
{
  LinkRec rec = { from_page, x, y, width, height, to_page, to_top };

  g_return_val_if_fail (writer != NULL, FALSE);

  if (!(width > 0 && height > 0 && isfinite (x) && isfinite (y)))
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                   _("A link on page %u has an empty area."), from_page + 1);
      return FALSE;
    }
  g_array_append_val (writer->links, rec);
  return TRUE;
}

/**
 * par_pdf_writer_set_info:
 * @writer: a writer
 * @key: a document information key: "Title", "Author", "Subject", "Keywords", "Creator" or
 *   "Producer"
 * @value: (nullable): UTF-8 text, or %NULL to remove it; neutralised like outline titles
 */
void
par_pdf_writer_set_info (ParPdfWriter *writer,
                         const char   *key,
                         const char   *value)
{
  g_return_if_fail (writer != NULL);
  g_return_if_fail (key != NULL && *key != '\0');

  if (value == NULL)
    g_hash_table_remove (writer->info, key);
  else
    g_hash_table_replace (writer->info, g_strdup (key),
                          par_text_neutralise (value, -1, PAR_TEXT_SINGLE_LINE));
}

/**
 * par_pdf_writer_set_dates:
 * @writer: a writer
 * @created: (nullable): creation date; now if %NULL
 * @modified: (nullable): modification date; @created if %NULL
 */
void
par_pdf_writer_set_dates (ParPdfWriter *writer,
                          GDateTime    *created,
                          GDateTime    *modified)
{
  g_return_if_fail (writer != NULL);

  g_clear_pointer (&writer->created, g_date_time_unref);
  g_clear_pointer (&writer->modified, g_date_time_unref);
  writer->created = created != NULL ? g_date_time_ref (created) : NULL;
  writer->modified = modified != NULL ? g_date_time_ref (modified) : NULL;
}

/**
 * par_pdf_writer_set_language:
 * @writer: a writer
 * @language: (nullable): a BCP 47 tag for the catalog's /Lang, e.g. "vi"
 */
void
par_pdf_writer_set_language (ParPdfWriter *writer,
                             const char   *language)
{
  g_return_if_fail (writer != NULL);

  g_free (writer->language);
  writer->language = g_strdup (language);
}

/**
 * par_pdf_writer_add_embedded_file:
 * @writer: a writer
 * @path: the file to carry inside the PDF (DOCX, XLSX…)
 * @name: (nullable): its name in the PDF's attachment list; the file name if %NULL. Only its
 *   base name is written (no folders, Windows ones neither), neutralised like
 *   par_text_file_name(): a reader saving it gets no path and sees no reordered name. A name
 *   used already gets " (2)", " (3)"… added.
 * @mime_type: (nullable): e.g. "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
 * @description: (nullable): shown by viewers next to the attachment (neutralised)
 * @cancellable: (nullable): a cancellable
 * @error: return location for a #GError
 *
 * Embeds the file byte for byte (no re-compression: office files are zip archives already),
 * with its size, modification date and MD5 checksum. A file that cannot be read is an error
 * for this file only: the writer stays usable.
 *
 * Returns: %TRUE if the file was embedded
 */
gboolean
par_pdf_writer_add_embedded_file (ParPdfWriter  *writer,
                                  const char    *path,
                                  const char    *name,
                                  const char    *mime_type,
                                  const char    *description,
                                  GCancellable  *cancellable,
                                  GError       **error)
{
  g_autofree char *base = NULL;
  g_autofree char *safe_name = NULL;
  g_autofree char *safe_desc = NULL;
  g_autofree char *uname = NULL;
  g_autoptr(GChecksum) md5 = NULL;
  g_autoptr(GDateTime) mtime = NULL;
  g_autofree char *buf = NULL;
  guint8 digest[16];
  gsize digest_len = sizeof digest;
  guint64 size = 0, copied = 0;
  GStatBuf st;
  FILE *in;
  Snapshot snap;
  FileRec rec;
  guint32 stream_obj, spec_obj;
  size_t n;

  g_return_val_if_fail (writer != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!writer_ready (writer, cancellable, error))
    return FALSE;

  base = g_path_get_basename (path);
  safe_name = par_text_file_name (name != NULL ? name : base);
  name = safe_name;
  if (description != NULL)
    description = safe_desc = par_text_neutralise (description, -1, PAR_TEXT_SINGLE_LINE);

  in = g_fopen (path, "rb");
  if (in == NULL || fstat (fileno (in), &st) != 0 || !S_ISREG (st.st_mode))
    {
      int e = errno;

      g_set_error (error, PAR_ERROR, e == ENOENT ? PAR_ERROR_NOT_FOUND : PAR_ERROR_IO,
                   _("“%s” could not be attached: %s"), name,
                   in != NULL && e == 0 ? _("not a regular file") : g_strerror (e));
      if (in != NULL)
        fclose (in);
      return FALSE;
    }

  /* First pass: size and MD5 (the dictionary that carries them comes before the data). */
  buf = g_malloc (64 * 1024);
  md5 = g_checksum_new (G_CHECKSUM_MD5);
  while ((n = fread (buf, 1, 64 * 1024, in)) > 0)
    {
      g_checksum_update (md5, (const guchar *) buf, n);
      size += n;
    }
  if (ferror (in))
    {
      int e = errno;
      fclose (in);
      g_set_error (error, PAR_ERROR, PAR_ERROR_IO, _("“%s” could not be attached: %s"), name,
                   g_strerror (e));
      return FALSE;
    }
  g_checksum_get_digest (md5, digest, &digest_len);
  rewind (in);

  /* A unique name in the attachment list */
  uname = g_strdup (name);
  for (guint k = 2;; k++)
    {
      g_autoptr(GBytes) key = text_string_bytes (uname);
      gboolean taken = FALSE;

      for (guint i = 0; i < writer->files->len && !taken; i++)
        taken = g_bytes_equal (g_array_index (writer->files, FileRec, i).key, key);
      if (!taken)
        {
          rec.key = g_steal_pointer (&key);
          break;
        }
      g_free (uname);
      uname = g_strdup_printf ("%s (%u)", name, k);
    }

  snapshot_take (writer, &snap);
  stream_obj = alloc_obj (writer);
  spec_obj = alloc_obj (writer);
  mtime = g_date_time_new_from_unix_local (st.st_mtime);

  begin_obj (writer, stream_obj);
  emit_str (writer, "<</Type/EmbeddedFile");
  if (mime_type != NULL && *mime_type != '\0')
    {
      emit_str (writer, "/Subtype");
      emit_name (writer, mime_type);
    }
  emitf (writer, "/Length %" G_GUINT64_FORMAT "/Params<</Size %" G_GUINT64_FORMAT, size, size);
  if (mtime != NULL)
    {
      emit_str (writer, "/ModDate");
      emit_date (writer, mtime);
    }
  emit_str (writer, "/CheckSum<");
  for (guint i = 0; i < digest_len; i++)
    emitf (writer, "%02X", digest[i]);
  emit_str (writer, ">");
  emit_str (writer, ">>>>\nstream\n");
  while ((n = fread (buf, 1, 64 * 1024, in)) > 0 && writer->io_errno == 0)
    {
      emit (writer, buf, n);
      copied += n;
      if (g_cancellable_is_cancelled (cancellable))
        break;
    }
  fclose (in);
  emit_str (writer, "\nendstream");
  end_obj (writer);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      g_bytes_unref (rec.key);
      writer->broken = TRUE;
      return FALSE;
    }
  if (copied != size)
    {
      g_bytes_unref (rec.key);
      snapshot_restore (writer, &snap);
      if (!check_io (writer, error))
        return FALSE;
      g_set_error (error, PAR_ERROR, PAR_ERROR_IO,
                   _("“%s” changed while it was being attached."), name);
      return FALSE;
    }

  begin_obj (writer, spec_obj);
  {
    g_autofree char *ascii = g_str_to_ascii (uname, "C");

    emit_str (writer, "<</Type/Filespec/F");
    emit_text_string (writer, ascii);
    emit_str (writer, "/UF");
    emit_text_string (writer, uname);
    if (description != NULL)
      {
        emit_str (writer, "/Desc");
        emit_text_string (writer, description);
      }
    emitf (writer, "/EF<</F %u 0 R/UF %u 0 R>>/AFRelationship/Supplement>>", stream_obj, stream_obj);
  }
  end_obj (writer);

  rec.obj = spec_obj;
  g_array_append_val (writer->files, rec);
  return check_io (writer, error);
}

/* ---------------------------------------------------------------- finishing */

static gboolean
write_overlays (ParPdfWriter  *w,
                GCancellable  *cancellable,
                GError       **error)
{
  guint n_pages = w->pages->len;

  for (guint start = 0; start < n_pages; start += OVERLAY_BATCH)
    {
      guint end = MIN (n_pages, start + OVERLAY_BATCH);
      g_autofree char *tmp = NULL;
      g_autofree char *buffer = NULL;   /* freed after qpdf_cleanup, at the loop's end */
      cairo_surface_t *surface;
      cairo_t *cr;
      cairo_status_t status;
      qpdf_data q;
      Copier c;
      int fd;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      fd = g_file_open_tmp ("parscore-overlay-XXXXXX.pdf", &tmp, error);
      if (fd < 0)
        return FALSE;
      close (fd);

      /* Draw this batch's overlays into a scratch PDF, one page per output page... */
      surface = cairo_pdf_surface_create (tmp, 595, 842);
      cr = cairo_create (surface);
      for (guint i = start; i < end; i++)
        {
          const PageRec *rec = &g_array_index (w->pages, PageRec, i);
          double m[6], width, height;

          page_matrix (rec, m, &width, &height);
          cairo_pdf_surface_set_size (surface, width, height);
          cairo_save (cr);
          w->overlay (cr, i, n_pages, width, height, w->overlay_data);
          cairo_restore (cr);
          cairo_show_page (cr);
        }
      status = cairo_status (cr);
      cairo_destroy (cr);
      cairo_surface_finish (surface);
      if (status == CAIRO_STATUS_SUCCESS)
        status = cairo_surface_status (surface);
      cairo_surface_destroy (surface);
      if (status != CAIRO_STATUS_SUCCESS)
        {
          g_unlink (tmp);
          g_set_error (error, PAR_ERROR, PAR_ERROR_IO, _("Could not draw the page numbers: %s"),
                       cairo_status_to_string (status));
          return FALSE;
        }

      /* ...then copy each of its pages in as a form XObject placed on the output page. */
      q = qpdf_init ();
      qpdf_silence_errors (q);
      qpdf_set_suppress_warnings (q, QPDF_TRUE);
      copier_init (&c, w, q);
      if ((read_input (q, tmp, "page overlays", (goffset) MEMORY_INPUT_MAX, &buffer) & QPDF_ERRORS) != 0
          || qpdf_get_num_pages (q) != (int) (end - start))
        c.failed = TRUE;

      for (guint i = start; i < end && copier_check (&c); i++)
        {
          const PageRec *rec = &g_array_index (w->pages, PageRec, i);
          qpdf_oh page = qpdf_get_page_n (q, i - start);
          qpdf_oh contents = qpdf_oh_get_key (q, page, "/Contents");
          double m[6], width, height;

          page_matrix (rec, m, &width, &height);
          begin_obj (w, rec->overlay_obj);
          emit_str (w, "<</Type/XObject/Subtype/Form/BBox[0 0 ");
          emit_real (w, width);
          emit_str (w, " ");
          emit_real (w, height);
          emit_str (w, "]/Matrix[");
          for (int k = 0; k < 6; k++)
            {
              if (k > 0)
                emit_str (w, " ");
              emit_real (w, m[k]);
            }
          emit_str (w, "]/Resources ");
          ser_value (&c, qpdf_oh_get_key (q, page, "/Resources"), 1);

          if (qpdf_oh_is_stream (q, contents))
            {
              /* cairo writes one compressed stream per page: keep it compressed */
              static const char *const only_filters[] = {
                "/Type", "/Subtype", "/BBox", "/Matrix", "/Resources", "/Group", NULL
              };
              write_stream_body (&c, contents, only_filters, TRUE);
            }
          else
            {
              unsigned char *data = NULL;
              size_t len = 0;

              qpdf_oh_get_page_content_data (q, page, &data, &len);
              emitf (w, "/Length %zu>>\nstream\n", len);
              emit (w, data, len);
              emit_str (w, "\nendstream");
              free (data);
            }
          end_obj (w);
          qpdf_oh_release_all (q);
          drain (&c);
          report (w, G_MAXUINT, NULL, i + 1, n_pages);
        }

      copier_check (&c);
      if (c.failed)
        g_set_error (error, PAR_ERROR, PAR_ERROR_IO, _("Could not add the page numbers: %s"),
                     c.detail != NULL ? c.detail : "");
      copier_clear (&c);
      qpdf_cleanup (&q);
      g_unlink (tmp);
      if ((error != NULL && *error != NULL) || !check_io (w, error))
        return FALSE;
    }
  return TRUE;
}

static void
emit_dest (ParPdfWriter *w,
           guint         page,
           double        top)
{
  const PageRec *rec = &g_array_index (w->pages, PageRec, page);

  if (rec->rotate == 0)
    {
      double x, y;

      view_to_user (rec, 0, top < 0 ? 0 : top, &x, &y);
      emitf (w, "[%u 0 R/XYZ ", rec->obj);
      emit_real (w, x);
      emit_str (w, " ");
      emit_real (w, y);
      emit_str (w, " null]");
    }
  else
    {
      emitf (w, "[%u 0 R/Fit]", rec->obj);
    }
}

static int
compare_links (gconstpointer a,
               gconstpointer b)
{
  const LinkRec *la = a, *lb = b;

  return la->from_page < lb->from_page ? -1 : la->from_page > lb->from_page;
}

static gboolean
write_annotations (ParPdfWriter  *w,
                   GError       **error)
{
  guint n_pages = w->pages->len;
  g_autofree guint32 *link_objs = NULL;
  guint l = 0;

  g_array_sort (w->links, compare_links);  /* stable in practice: glib uses merge sort */
  link_objs = g_new0 (guint32, w->links->len + 1);
  for (guint i = 0; i < w->links->len; i++)
    {
      const LinkRec *link = &g_array_index (w->links, LinkRec, i);
      const PageRec *rec;
      double x0, y0, x1, y1;

      if (link->from_page >= n_pages || link->to_page >= n_pages)
        {
          g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                       _("A link goes from page %u to page %u, but the PDF has %u pages."),
                       link->from_page + 1, link->to_page + 1, n_pages);
          return FALSE;
        }
      rec = &g_array_index (w->pages, PageRec, link->from_page);
      view_to_user (rec, link->x, link->y, &x0, &y0);
      view_to_user (rec, link->x + link->width, link->y + link->height, &x1, &y1);

      link_objs[i] = alloc_obj (w);
      begin_obj (w, link_objs[i]);
      emit_str (w, "<</Type/Annot/Subtype/Link/F 4/Border[0 0 0]/Rect[");
      emit_real (w, MIN (x0, x1));
      emit_str (w, " ");
      emit_real (w, MIN (y0, y1));
      emit_str (w, " ");
      emit_real (w, MAX (x0, x1));
      emit_str (w, " ");
      emit_real (w, MAX (y0, y1));
      emitf (w, "]/P %u 0 R/Dest", rec->obj);
      emit_dest (w, link->to_page, link->to_top);
      emit_str (w, ">>");
      end_obj (w);
    }

  for (guint p = 0; p < n_pages; p++)
    {
      const PageRec *rec = &g_array_index (w->pages, PageRec, p);

      begin_obj (w, rec->annots_obj);
      emit_str (w, "[");
      for (guint i = 0; rec->annots != NULL && i < rec->annots->len; i++)
        emitf (w, "%u 0 R ", g_array_index (rec->annots, guint32, i));
      for (; l < w->links->len && g_array_index (w->links, LinkRec, l).from_page == p; l++)
        emitf (w, "%u 0 R ", link_objs[l]);
      emit_str (w, "]");
      end_obj (w);
    }
  return TRUE;
}

/* Returns the /Outlines object, or 0 without bookmarks. */
static guint32
write_outline (ParPdfWriter  *w,
               GError       **error)
{
  guint n = w->outline->len;
  g_autofree guint32 *obj = NULL, *first = NULL, *last = NULL, *next = NULL, *prev = NULL;
  g_autofree gint64 *visible = NULL;

  if (n <= 1)
    return 0;

  obj = g_new0 (guint32, n);
  first = g_new0 (guint32, n);
  last = g_new0 (guint32, n);
  next = g_new0 (guint32, n);
  prev = g_new0 (guint32, n);
  visible = g_new0 (gint64, n);

  for (guint i = 0; i < n; i++)
    obj[i] = alloc_obj (w);
  for (guint i = 1; i < n; i++)
    {
      const OutlineRec *rec = &g_array_index (w->outline, OutlineRec, i);

      if (rec->page >= w->pages->len)
        {
          g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                       _("The bookmark “%s” opens page %u, but the PDF has %u pages."),
                       rec->title, rec->page + 1, w->pages->len);
          return 0;
        }
      if (first[rec->parent] == 0)
        first[rec->parent] = i;
      else
        {
          next[last[rec->parent]] = i;
          prev[i] = last[rec->parent];
        }
      last[rec->parent] = i;
    }
  /* children always come after their parent: add up from the end */
  for (guint i = n - 1; i >= 1; i--)
    {
      const OutlineRec *rec = &g_array_index (w->outline, OutlineRec, i);

      visible[rec->parent] += 1 + (rec->open ? visible[i] : 0);
    }

  begin_obj (w, obj[0]);
  emitf (w, "<</Type/Outlines/First %u 0 R/Last %u 0 R/Count %" G_GINT64_FORMAT ">>",
         obj[first[0]], obj[last[0]], visible[0]);
  end_obj (w);

  for (guint i = 1; i < n; i++)
    {
      const OutlineRec *rec = &g_array_index (w->outline, OutlineRec, i);

      begin_obj (w, obj[i]);
      emit_str (w, "<</Title");
      emit_text_string (w, rec->title);
      emitf (w, "/Parent %u 0 R", obj[rec->parent]);
      if (prev[i] != 0)
        emitf (w, "/Prev %u 0 R", obj[prev[i]]);
      if (next[i] != 0)
        emitf (w, "/Next %u 0 R", obj[next[i]]);
      if (first[i] != 0)
        emitf (w, "/First %u 0 R/Last %u 0 R/Count %" G_GINT64_FORMAT, obj[first[i]],
               obj[last[i]], rec->open ? visible[i] : -visible[i]);
      emit_str (w, "/Dest");
      emit_dest (w, rec->page, rec->top);
      emit_str (w, ">>");
      end_obj (w);
    }
  return obj[0];
}

static void
write_page_tree (ParPdfWriter *w)
{
  guint n_pages = w->pages->len;

  for (guint k = 0; k < w->nodes->len; k++)
    {
      guint from = k * PAGES_PER_NODE, to = MIN (n_pages, from + PAGES_PER_NODE);

      begin_obj (w, g_array_index (w->nodes, guint32, k));
      emitf (w, "<</Type/Pages/Parent %u 0 R/Count %u/Kids[", w->pages_root, to - from);
      for (guint i = from; i < to; i++)
        emitf (w, "%u 0 R ", g_array_index (w->pages, PageRec, i).obj);
      emit_str (w, "]>>");
      end_obj (w);
    }
  begin_obj (w, w->pages_root);
  emitf (w, "<</Type/Pages/Count %u/Kids[", n_pages);
  for (guint k = 0; k < w->nodes->len; k++)
    emitf (w, "%u 0 R ", g_array_index (w->nodes, guint32, k));
  emit_str (w, "]>>");
  end_obj (w);
}

static int
compare_files (gconstpointer a,
               gconstpointer b)
{
  const FileRec *fa = a, *fb = b;

  return g_bytes_compare (fa->key, fb->key);
}

static void
write_catalog (ParPdfWriter *w,
               guint32       catalog,
               guint32       outlines)
{
  begin_obj (w, catalog);
  emitf (w, "<</Type/Catalog/Pages %u 0 R", w->pages_root);
  if (w->max_version > 17)
    emitf (w, "/Version/%u.%u", w->max_version / 10, w->max_version % 10);
  if (outlines != 0)
    emitf (w, "/Outlines %u 0 R/PageMode/UseOutlines", outlines);
  if (w->files->len > 0)
    {
      g_array_sort (w->files, compare_files);
      emit_str (w, "/Names<</EmbeddedFiles<</Names[");
      for (guint i = 0; i < w->files->len; i++)
        {
          const FileRec *f = &g_array_index (w->files, FileRec, i);
          gsize len;
          const char *key = g_bytes_get_data (f->key, &len);

          emit_bytes_string (w, key, len);
          emitf (w, " %u 0 R", f->obj);
        }
      emit_str (w, "]>>>>");
    }
  if (w->language != NULL)
    {
      emit_str (w, "/Lang");
      emit_text_string (w, w->language);
    }
  emit_str (w, "/ViewerPreferences<</DisplayDocTitle true>>>>");
  end_obj (w);
}

static void
write_info (ParPdfWriter *w,
            guint32       info)
{
  static const char *const order[] = {
    "Title", "Author", "Subject", "Keywords", "Creator", "Producer", NULL
  };
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GDateTime *created = w->created != NULL ? w->created : now;
  GDateTime *modified = w->modified != NULL ? w->modified : created;
  GHashTableIter iter;
  gpointer key, value;

  begin_obj (w, info);
  emit_str (w, "<<");
  for (guint i = 0; order[i] != NULL; i++)
    {
      const char *v = g_hash_table_lookup (w->info, order[i]);

      if (v == NULL && strcmp (order[i], "Producer") == 0)
        v = "Parscore " PACKAGE_VERSION;
      if (v == NULL)
        continue;
      emit_name (w, order[i]);
      emit_text_string (w, v);
    }
  g_hash_table_iter_init (&iter, w->info);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (in_list (key, order))
        continue;
      emit_name (w, key);
      emit_text_string (w, value);
    }
  emit_str (w, "/CreationDate");
  emit_date (w, created);
  emit_str (w, "/ModDate");
  emit_date (w, modified);
  emit_str (w, ">>");
  end_obj (w);
}

static void
write_xref_and_trailer (ParPdfWriter *w,
                        guint32       catalog,
                        guint32       info)
{
  g_autoptr(GChecksum) id = g_checksum_new (G_CHECKSUM_MD5);
  g_autofree char *seed = NULL;
  guint64 xref_offset;

  /* Every reserved number must exist in the file; should never trigger. */
  for (guint i = 1; i < w->xref->len; i++)
    if (g_array_index (w->xref, guint64, i) == 0)
      {
        g_warning ("PDF object %u was reserved but never written", i);
        begin_obj (w, i);
        emit_str (w, "null");
        end_obj (w);
      }

  xref_offset = w->offset;
  emitf (w, "xref\n0 %u\n0000000000 65535 f\r\n", w->xref->len);
  for (guint i = 1; i < w->xref->len; i++)
    emitf (w, "%010" G_GUINT64_FORMAT " 00000 n\r\n", g_array_index (w->xref, guint64, i));

  seed = g_strdup_printf ("%s|%" G_GINT64_FORMAT "|%" G_GUINT64_FORMAT "|%u", w->dest_path,
                          g_get_real_time (), w->offset, w->pages->len);
  g_checksum_update (id, (const guchar *) seed, -1);
  emitf (w, "trailer\n<</Size %u/Root %u 0 R/Info %u 0 R/ID[<%s><%s>]>>\nstartxref\n%"
         G_GUINT64_FORMAT "\n%%%%EOF\n", w->xref->len, catalog, info,
         g_checksum_get_string (id), g_checksum_get_string (id), xref_offset);
}

/**
 * par_pdf_writer_finish:
 * @writer: a writer
 * @cancellable: (nullable): checked while the page overlays are drawn
 * @error: return location for a #GError
 *
 * Draws the page overlays, writes links, bookmarks, the page tree, attachments, metadata and
 * the cross-reference table, then moves the file to its destination (replacing a file there).
 * On failure or cancellation nothing is left at the destination. Free the writer afterwards.
 *
 * Returns: %TRUE if the PDF is at its destination
 */
gboolean
par_pdf_writer_finish (ParPdfWriter  *writer,
                       GCancellable  *cancellable,
                       GError       **error)
{
  guint32 outlines, catalog, info;
  int fd;

  g_return_val_if_fail (writer != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!writer_usable (writer, error))
    goto fail;
  if (writer->pages->len == 0)
    {
      g_set_error_literal (error, PAR_ERROR, PAR_ERROR_INVALID,
                           _("There is nothing to put in the PDF: it would have no pages."));
      goto fail;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto fail;

  if (writer->overlay != NULL && !write_overlays (writer, cancellable, error))
    goto fail;
  if (!write_annotations (writer, error))
    goto fail;
  outlines = write_outline (writer, error);
  if (error != NULL && *error != NULL)
    goto fail;
  write_page_tree (writer);
  catalog = alloc_obj (writer);
  info = alloc_obj (writer);
  write_catalog (writer, catalog, outlines);
  write_info (writer, info);
  write_xref_and_trailer (writer, catalog, info);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto fail;
  if (writer->io_errno == 0 && fflush (writer->out) != 0)
    writer->io_errno = errno;
  fd = fileno (writer->out);
  if (writer->io_errno == 0 && fsync (fd) != 0 && errno != EINVAL)
    writer->io_errno = errno;
  if (!check_io (writer, error))
    goto fail;
  if (fclose (writer->out) != 0)
    {
      writer->out = NULL;
      writer->io_errno = errno;
      check_io (writer, error);
      goto fail;
    }
  writer->out = NULL;
  if (g_rename (writer->tmp_path, writer->dest_path) != 0)
    {
      int e = errno;
      g_set_error (error, PAR_ERROR, PAR_ERROR_IO, _("Could not save “%s”: %s"),
                   writer->dest_path, g_strerror (e));
      goto fail;
    }
  writer->done = TRUE;
  return TRUE;

fail:
  par_pdf_writer_abort (writer);
  return FALSE;
}
