/* par-chart-png.c — a fast PNG writer for chart images.
 *
 * cairo's own writer lets libpng try every filter on every row at the default zlib level,
 * which costs most of an export's time for a 1600×900 chart. Charts are flat colours: the
 * "Up" filter alone turns repeated rows into zeros and zlib's fast level packs them almost
 * as small. The format is written by hand (signature, IHDR, IDAT, IEND, each with its CRC);
 * the compression and the checksums are zlib's, already in every process (GIO and libpng link
 * it), so no library is added.
 *
 * An opaque image (every chart on a background) is converted, filtered and compressed in two
 * halves at once, on two threads: the first half's deflate stream ends with a sync flush, the
 * second's with the final block, and the two raw streams joined under one zlib header make one
 * valid stream; its Adler-32 is the halves' combined. On two cores the encoding's wall time
 * halves (it was a sixth of `parscore-cli chart -o x.png`'s CPU time). A transparent image is
 * written by one thread, as RGBA.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include <gio/gio.h>
#include <zlib.h>

#include "par-chart-private.h"

/* zlib level: 1..9. 3 compresses charts within a few percent of 9 at a fraction of the time. */
#define PNG_LEVEL 3
#define IDAT_CHUNK (256 * 1024)

static void
put_be32 (guint8  *p,
          guint32  v)
{
  p[0] = v >> 24;
  p[1] = v >> 16;
  p[2] = v >> 8;
  p[3] = v;
}

static gboolean
write_chunk (ParExportFile *out,
             const char     type[4],
             const guint8  *data,
             gsize          length)
{
  guint8 head[8], tail[4];
  guint32 crc;

  put_be32 (head, (guint32) length);
  memcpy (head + 4, type, 4);
  crc = crc32 (0, head + 4, 4);
  if (length > 0)
    crc = crc32 (crc, data, (uInt) length);
  put_be32 (tail, crc);
  return par_export_file_write (out, head, 8)
         && (length == 0 || par_export_file_write (out, data, length))
         && par_export_file_write (out, tail, 4);
}

static gboolean
write_failed (ParExportFile  *out,
              GError        **error)
{
  g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (par_export_file_get_errno (out)),
                       g_strerror (par_export_file_get_errno (out)));
  return FALSE;
}

/* One row of RGB or RGBA bytes (un-premultiplied) into @cur, after its filter byte. */
static void
convert_row (const guint32 *src,
             int            width,
             gboolean       opaque,
             guint8        *cur)
{
  gsize bpp = opaque ? 3 : 4;

  for (int x = 0; x < width; x++)
    {
      guint32 p = src[x];
      guint a = p >> 24;
      guint8 *q = cur + 1 + (gsize) x * bpp;

      if (a == 255 || a == 0)
        {
          q[0] = p >> 16;
          q[1] = p >> 8;
          q[2] = p;
        }
      else
        {
          /* cairo stores premultiplied alpha; PNG wants it straight. */
          q[0] = (((p >> 16) & 0xff) * 255 + a / 2) / a;
          q[1] = (((p >> 8) & 0xff) * 255 + a / 2) / a;
          q[2] = ((p & 0xff) * 255 + a / 2) / a;
        }
      if (!opaque)
        q[3] = a;
    }
}

/* One row of an opaque image, "Up"-filtered into RGB bytes after its filter byte straight from
 * the pixels: each byte less the same byte of @above (the pixel row above; NULL for the first
 * row of the image, which is its own bytes). FALSE when a pixel of the row is not opaque. */
static gboolean
filter_opaque_row (const guint32 *src,
                   const guint32 *above,
                   int            width,
                   guint8        *filtered)
{
  guint32 alpha = 0xff000000u;
  guint8 *q = filtered + 1;

  if (above == NULL)
    for (int x = 0; x < width; x++, q += 3)
      {
        guint32 p = src[x];

        alpha &= p;
        q[0] = p >> 16;
        q[1] = p >> 8;
        q[2] = p;
      }
  else
    for (int x = 0; x < width; x++, q += 3)
      {
        guint32 p = src[x], u = above[x];

        alpha &= p;
        q[0] = (guint8) ((p >> 16) - (u >> 16));
        q[1] = (guint8) ((p >> 8) - (u >> 8));
        q[2] = (guint8) (p - u);
      }
  return alpha == 0xff000000u;
}

#define ADLER_BASE 65521u

/* The Adler-32 after @length zero bytes: each adds nothing to the first sum and the first sum
 * to the second. */
static guint32
adler_zeros (guint32 adler,
             gsize   length)
{
  guint32 a = adler & 0xffff, b = adler >> 16;

  b = (guint32) ((b + (guint64) (length % ADLER_BASE) * a) % ADLER_BASE);
  return a | (b << 16);
}

/* Rows [y0, y1) of an opaque image, filtered and compressed into a raw deflate stream. */
typedef struct {
  const guint8 *data;
  int           stride;
  int           width;
  int           y0, y1;
  gboolean      last;      /* ends the stream (else it ends with a sync flush) */
  GByteArray   *out;
  guint32       adler;     /* of the filtered rows */
  guint64       length;    /* their bytes */
  gboolean      opaque;    /* FALSE: a pixel was not; nothing else counts */
  GError       *error;
} PngPart;

/* Runs of rows like the one above: each is all zeros once filtered (its filter byte, then
 * width × 3 zero bytes), and most of a chart's rows are in long runs (469 of 900 in runs of 8
 * or more in a fields chart). zlib spent half its time finding what is known here, so a run of
 * ZERO_RUN_MIN rows or more is written as a deflate block of our own: after zlib's full flush
 * (from which zlib refers to nothing before, so the rows we insert never shift a distance it
 * writes), one dynamic-Huffman block whose codes hold only what such rows need — each row is
 * the literal 2, the literal 0, then the rest of its zeros copied from one byte back: 18
 * lengths of 258 and one of the remainder. Its last bits that do not fill a byte go back to
 * zlib (deflatePrime), which goes on from there. The stream stays one valid deflate stream;
 * the checksum is computed apart, as before. */
#define ZERO_RUN_MIN 8

typedef struct {
  GByteArray *out;
  guint64     bits;
  int         n;
} BitWriter;

static void
bits_put (BitWriter *w,
          guint32    value,
          int        count)
{
  w->bits |= (guint64) value << w->n;
  w->n += count;
  while (w->n >= 8)
    {
      guint8 byte = (guint8) w->bits;

      g_byte_array_append (w->out, &byte, 1);
      w->bits >>= 8;
      w->n -= 8;
    }
}

/* A Huffman code of @length bits, written first bit first (the stream holds it reversed). */
static void
bits_put_code (BitWriter *w,
               guint32    code,
               int        length)
{
  guint32 reversed = 0;

  for (int i = 0; i < length; i++)
    reversed |= ((code >> i) & 1) << (length - 1 - i);
  bits_put (w, reversed, length);
}

/* The block's codes (RFC 1951, 3.2.6–7), canonical from these lengths:
 *   literal/length: 285 (length 258) 1 bit "0", literal 0 "10", literal 2 "110",
 *                   256 (end of block) "1110", 281 (lengths 131–162) "1111";
 *   distance: code 0 (one byte back) alone, 1 bit "0";
 *   code lengths: 1 "00", 18 "01", 0 "100", 2 "101", 4 "110", 3 "1110", 17 "1111". */
static void
write_zero_rows_header (BitWriter *w)
{
  /* Code length code lengths, in the order 16 17 18 0 8 7 9 6 10 5 11 4 12 3 13 2 14 1. */
  static const guint8 cl_lengths[18] = { 0, 4, 2, 3, 0, 0, 0, 0, 0, 0, 0, 3, 0, 4, 0, 3, 0, 2 };

  bits_put (w, 0, 1);            /* not the last block */
  bits_put (w, 2, 2);            /* dynamic Huffman codes */
  bits_put (w, 286 - 257, 5);    /* HLIT: literal/length codes 0..285 */
  bits_put (w, 1 - 1, 5);        /* HDIST: distance code 0 */
  bits_put (w, 18 - 4, 4);       /* HCLEN */
  for (guint i = 0; i < G_N_ELEMENTS (cl_lengths); i++)
    bits_put (w, cl_lengths[i], 3);
  /* The literal/length code lengths: 0→2, 1→0, 2→3, 3..255→0, 256→4, 257..280→0, 281→4,
   * 282..284→0, 285→1; then the distance code's: 1. */
  bits_put_code (w, 0x5, 3);                            /* 2 */
  bits_put_code (w, 0x4, 3);                            /* 0 */
  bits_put_code (w, 0xe, 4);                            /* 3 */
  bits_put_code (w, 0x1, 2); bits_put (w, 138 - 11, 7); /* 138 zeros */
  bits_put_code (w, 0x1, 2); bits_put (w, 115 - 11, 7); /* 115 zeros: 3..255 */
  bits_put_code (w, 0x6, 3);                            /* 4 */
  bits_put_code (w, 0x1, 2); bits_put (w, 24 - 11, 7);  /* 24 zeros: 257..280 */
  bits_put_code (w, 0x6, 3);                            /* 4 */
  bits_put_code (w, 0xf, 4); bits_put (w, 3 - 3, 3);    /* 3 zeros: 282..284 */
  bits_put_code (w, 0x0, 2);                            /* 1: 285 */
  bits_put_code (w, 0x0, 2);                            /* 1: distance 0 */
}

/* @rows rows of a filter byte 2 then @zeros zero bytes, as one block (not the last). */
static void
write_zero_rows (BitWriter *w,
                 gsize      zeros,
                 int        rows)
{
  gsize copies = (zeros - 1) / 258, rest = (zeros - 1) % 258;

  write_zero_rows_header (w);
  for (int r = 0; r < rows; r++)
    {
      bits_put_code (w, 0x6, 3);                /* literal 2 */
      bits_put_code (w, 0x2, 2);                /* literal 0 */
      for (gsize i = 0; i < copies; i++)
        bits_put (w, 0, 2);                     /* length 258 "0", distance 1 "0" */
      gsize left = rest;

      if (left >= 131)
        {
          gsize n = MIN (left, 162);

          bits_put_code (w, 0xf, 4);            /* lengths 131–162 */
          bits_put (w, (guint32) (n - 131), 5);
          bits_put (w, 0, 1);                   /* distance 1 */
          left -= n;
        }
      for (gsize i = 0; i < left; i++)          /* literal 0s: the rest, at other widths */
        bits_put_code (w, 0x2, 2);
    }
  bits_put_code (w, 0xe, 4);                    /* end of block */
}

static gboolean
part_deflate (z_stream     *zs,
              const guint8 *data,
              gsize         length,
              int           flush,
              GByteArray   *out,
              GError      **error)
{
  zs->next_in = (Bytef *) data;
  zs->avail_in = (uInt) length;
  for (;;)
    {
      guint8 chunk[64 * 1024];
      int r;

      zs->next_out = chunk;
      zs->avail_out = sizeof chunk;
      r = deflate (zs, flush);
      if (r == Z_STREAM_ERROR)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, zs->msg != NULL ? zs->msg : "zlib");
          return FALSE;
        }
      g_byte_array_append (out, chunk, (guint) (sizeof chunk - zs->avail_out));
      if (flush == Z_FINISH ? r == Z_STREAM_END : zs->avail_out != 0 && zs->avail_in == 0)
        return TRUE;
    }
}

/* @count rows like the one above: to zlib as zeros, or as a block of their own. With @ends
 * (the part's last rows, in a part that does not end the stream), the block is followed by the
 * sync flush's empty stored block, written here: zlib ignores a sync flush right after its full
 * flush when no input came between. Returns whether that was done. */
static gboolean
part_zero_rows (PngPart      *part,
                z_stream     *zs,
                const guint8 *same,
                gsize         row_len,
                int           count,
                gboolean      ends,
                gboolean     *synced)
{
  *synced = FALSE;
  if (count < ZERO_RUN_MIN)
    {
      for (int i = 0; i < count; i++)
        if (!part_deflate (zs, same, row_len, Z_NO_FLUSH, part->out, &part->error))
          return FALSE;
    }
  else
    {
      BitWriter w = { part->out, 0, 0 };

      if (!part_deflate (zs, NULL, 0, Z_FULL_FLUSH, part->out, &part->error))
        return FALSE;
      write_zero_rows (&w, row_len - 1, count);
      if (ends)
        {
          static const guint8 marker[4] = { 0x00, 0x00, 0xff, 0xff };

          bits_put (&w, 0, 3);               /* a stored block, not the last */
          if (w.n > 0)
            bits_put (&w, 0, 8 - w.n);       /* to the byte */
          g_byte_array_append (part->out, marker, sizeof marker);  /* length 0 and its complement */
          *synced = TRUE;
        }
      else if (w.n > 0 && deflatePrime (zs, w.n, (int) w.bits) != Z_OK)
        {
          g_set_error_literal (&part->error, G_IO_ERROR, G_IO_ERROR_FAILED, "zlib");
          return FALSE;
        }
    }
  return TRUE;
}

static gpointer
part_compress (gpointer user_data)
{
  PngPart *part = user_data;
  z_stream zs = { 0 };
  gsize row_len = 1 + (gsize) part->width * 3;
  g_autofree guint8 *filtered = g_malloc (row_len);
  g_autofree guint8 *same = g_malloc0 (row_len);
  /* The pixel row above; the first half checks that the second half's first one is opaque. */
  const guint8 *above = part->y0 > 0 ? part->data + (gsize) (part->y0 - 1) * part->stride : NULL;
  int run = 0;   /* rows like the one above, not written yet */
  gboolean synced;

  part->out = g_byte_array_sized_new (64 * 1024);
  part->adler = 1;
  part->opaque = TRUE;
  /* What GIO's raw zlib converter asked for. */
  if (deflateInit2 (&zs, PNG_LEVEL, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    {
      g_set_error_literal (&part->error, G_IO_ERROR, G_IO_ERROR_FAILED, "zlib");
      return NULL;
    }
  filtered[0] = 2;  /* Up: the difference with the row above */
  same[0] = 2;
  for (int y = part->y0; y < part->y1; y++)
    {
      const guint8 *src = part->data + (gsize) y * part->stride;

      /* A row like the one above is all zeros once filtered, and opaque as that one was: no
       * pixel of it to read again. */
      if (above != NULL && memcmp (src, above, (gsize) part->width * 4) == 0)
        {
          part->adler = adler_zeros (adler32 (part->adler, same, 1), row_len - 1);
          run++;
        }
      else
        {
          if (!filter_opaque_row ((const guint32 *) src, (const guint32 *) above, part->width,
                                  filtered))
            {
              part->opaque = FALSE;
              goto out;
            }
          part->adler = adler32 (part->adler, filtered, (uInt) row_len);
          if (!part_zero_rows (part, &zs, same, row_len, run, FALSE, &synced)
              || !part_deflate (&zs, filtered, row_len, Z_NO_FLUSH, part->out, &part->error))
            goto out;
          run = 0;
        }
      above = src;
      part->length += row_len;
    }
  if (part_zero_rows (part, &zs, same, row_len, run, !part->last, &synced) && !synced)
    part_deflate (&zs, NULL, 0, part->last ? Z_FINISH : Z_SYNC_FLUSH, part->out, &part->error);

out:
  deflateEnd (&zs);
  return NULL;
}

/* Writes @stream (a whole zlib stream) as IDAT chunks. */
static gboolean
write_idat (ParExportFile *out,
            const guint8  *stream,
            gsize          length)
{
  for (gsize done = 0; done < length; )
    {
      gsize n = MIN (length - done, (gsize) IDAT_CHUNK);

      if (!write_chunk (out, "IDAT", stream + done, n))
        return FALSE;
      done += n;
    }
  return TRUE;
}

/* An opaque image as RGB in two halves at once; FALSE with nothing written when a pixel is
 * not opaque (@error unset), or FALSE with @error on a failure. */
static gboolean
write_opaque (cairo_surface_t  *image,
              ParExportFile    *out,
              gboolean         *opaque,
              GError          **error)
{
  static const guint8 signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  /* CMF: deflate, 32 KB window; FLG: the fast levels, and the check bits. */
  static const guint8 zlib_header[2] = { 0x78, 0x5e };
  int width = cairo_image_surface_get_width (image);
  int height = cairo_image_surface_get_height (image);
  PngPart parts[2] = { { 0 }, { 0 } };
  guint n_parts = height >= 64 ? 2 : 1;
  GThread *helper = NULL;
  g_autoptr(GByteArray) stream = NULL;
  guint8 ihdr[13], trailer[4];
  gboolean ok = FALSE;

  for (guint i = 0; i < n_parts; i++)
    {
      parts[i].data = cairo_image_surface_get_data (image);
      parts[i].stride = cairo_image_surface_get_stride (image);
      parts[i].width = width;
      parts[i].y0 = i == 0 ? 0 : height / 2;
      parts[i].y1 = i + 1 == n_parts ? height : height / 2;
      parts[i].last = i + 1 == n_parts;
    }
  if (n_parts == 2)
    helper = g_thread_try_new ("png", part_compress, &parts[1], NULL);
  part_compress (&parts[0]);
  if (helper != NULL)
    g_thread_join (helper);
  else if (n_parts == 2)
    part_compress (&parts[1]);

  *opaque = TRUE;
  for (guint i = 0; i < n_parts; i++)
    *opaque = *opaque && parts[i].opaque;
  for (guint i = 0; i < n_parts && *opaque; i++)
    if (parts[i].error != NULL)
      {
        g_propagate_error (error, g_steal_pointer (&parts[i].error));
        goto out;
      }
  if (!*opaque)
    goto out;

  stream = g_byte_array_sized_new (2 + parts[0].out->len + (n_parts == 2 ? parts[1].out->len : 0) + 4);
  g_byte_array_append (stream, zlib_header, 2);
  for (guint i = 0; i < n_parts; i++)
    g_byte_array_append (stream, parts[i].out->data, parts[i].out->len);
  put_be32 (trailer, n_parts == 2 ? adler32_combine (parts[0].adler, parts[1].adler, (z_off_t) parts[1].length)
                                  : parts[0].adler);
  g_byte_array_append (stream, trailer, 4);

  put_be32 (ihdr, (guint32) width);
  put_be32 (ihdr + 4, (guint32) height);
  ihdr[8] = 8;                 /* bits per channel */
  ihdr[9] = 2;                 /* RGB */
  ihdr[10] = 0;                /* deflate */
  ihdr[11] = 0;                /* adaptive filtering (one filter byte per row) */
  ihdr[12] = 0;                /* no interlace */
  if (!par_export_file_write (out, signature, sizeof signature)
      || !write_chunk (out, "IHDR", ihdr, sizeof ihdr)
      || !write_idat (out, stream->data, stream->len)
      || !write_chunk (out, "IEND", NULL, 0))
    {
      write_failed (out, error);
      goto out;
    }
  ok = TRUE;

out:
  for (guint i = 0; i < n_parts; i++)
    {
      if (parts[i].out != NULL)
        g_byte_array_unref (parts[i].out);
      g_clear_error (&parts[i].error);
    }
  return ok;
}

static gboolean
is_opaque (cairo_surface_t *image)
{
  int width = cairo_image_surface_get_width (image);
  int height = cairo_image_surface_get_height (image);
  int stride = cairo_image_surface_get_stride (image);
  const guint8 *data = cairo_image_surface_get_data (image);

  if (cairo_image_surface_get_format (image) == CAIRO_FORMAT_RGB24)
    return TRUE;
  for (int y = 0; y < height; y++)
    {
      const guint32 *row = (const guint32 *) (data + (gsize) y * stride);

      for (int x = 0; x < width; x++)
        if ((row[x] >> 24) != 255)
          return FALSE;
    }
  return TRUE;
}

/* Compresses @length bytes (all of it, or the end of the stream with @last) into IDAT chunks
 * of up to IDAT_CHUNK bytes, @buffer holding what is not written yet. */
static gboolean
deflate_into (GConverter    *zlib,
              const guint8  *data,
              gsize          length,
              gboolean       last,
              guint8        *buffer,
              gsize         *buffered,
              ParExportFile *out,
              GError       **error)
{
  for (;;)
    {
      gsize read = 0, written = 0;
      GConverterResult r;

      r = g_converter_convert (zlib, data, length, buffer + *buffered, IDAT_CHUNK - *buffered,
                               last ? G_CONVERTER_INPUT_AT_END : G_CONVERTER_NO_FLAGS, &read,
                               &written, error);
      if (r == G_CONVERTER_ERROR)
        return FALSE;
      data += read;
      length -= read;
      *buffered += written;
      if (*buffered == IDAT_CHUNK || (r == G_CONVERTER_FINISHED && *buffered > 0))
        {
          if (!write_chunk (out, "IDAT", buffer, *buffered))
            return write_failed (out, error);
          *buffered = 0;
        }
      if (r == G_CONVERTER_FINISHED || (!last && length == 0))
        return TRUE;
    }
}

/**
 * par_chart_write_png:
 * @image: an ARGB32 or RGB24 image surface
 *
 * @error: a #GIOError naming what failed (the caller says where)
 *
 * Writes @image as an 8-bit RGB (opaque) or RGBA PNG, a row at a time: no copy of the image
 * is made.
 */
gboolean
par_chart_write_png (cairo_surface_t  *image,
                     ParExportFile    *out,
                     GError          **error)
{
  static const guint8 signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  g_autoptr(GConverter) zlib = NULL;
  g_autofree guint8 *buffer = NULL;
  g_autofree guint8 *prev = NULL;
  g_autofree guint8 *cur = NULL;
  g_autofree guint8 *filtered = NULL;
  int width, height, stride;
  const guint8 *data;
  guint8 ihdr[13];
  gboolean opaque;
  gsize row_len, buffered = 0;

  g_return_val_if_fail (cairo_surface_get_type (image) == CAIRO_SURFACE_TYPE_IMAGE, FALSE);

  cairo_surface_flush (image);
  width = cairo_image_surface_get_width (image);
  height = cairo_image_surface_get_height (image);
  stride = cairo_image_surface_get_stride (image);
  data = cairo_image_surface_get_data (image);
  if (height > 0 && width > 0)
    {
      GError *local_error = NULL;

      if (write_opaque (image, out, &opaque, &local_error))
        return TRUE;
      if (opaque)
        {
          g_propagate_error (error, local_error);
          return FALSE;
        }
    }
  else
    opaque = is_opaque (image);
  row_len = 1 + (gsize) width * (opaque ? 3 : 4);

  put_be32 (ihdr, (guint32) width);
  put_be32 (ihdr + 4, (guint32) height);
  ihdr[8] = 8;                 /* bits per channel */
  ihdr[9] = opaque ? 2 : 6;    /* RGB or RGBA */
  ihdr[10] = 0;                /* deflate */
  ihdr[11] = 0;                /* adaptive filtering (one filter byte per row) */
  ihdr[12] = 0;                /* no interlace */
  if (!par_export_file_write (out, signature, sizeof signature)
      || !write_chunk (out, "IHDR", ihdr, sizeof ihdr))
    return write_failed (out, error);

  zlib = G_CONVERTER (g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_ZLIB, PNG_LEVEL));
  buffer = g_malloc (IDAT_CHUNK);
  prev = g_malloc0 (row_len);
  cur = g_malloc (row_len);
  filtered = g_malloc (row_len);
  filtered[0] = 2;  /* Up: the difference with the row above */
  for (int y = 0; y < height; y++)
    {
      guint8 *tmp;

      convert_row ((const guint32 *) (data + (gsize) y * stride), width, opaque, cur);
      for (gsize i = 1; i < row_len; i++)
        filtered[i] = (guint8) (cur[i] - prev[i]);
      if (!deflate_into (zlib, filtered, row_len, y + 1 == height, buffer, &buffered, out,
                         error))
        return FALSE;
      tmp = prev;
      prev = cur;
      cur = tmp;
    }
  if (height == 0 && !deflate_into (zlib, NULL, 0, TRUE, buffer, &buffered, out, error))
    return FALSE;
  if (!write_chunk (out, "IEND", NULL, 0))
    return write_failed (out, error);
  return TRUE;
}
