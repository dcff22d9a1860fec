/* par-chart-png.c — a fast PNG writer for chart images.
 *
 * cairo's own writer lets libpng try every filter on every row at the default zlib level,
 * which costs most of an export's time for a 1600×900 chart. Charts are flat colours: the
 * "Up" filter alone turns repeated rows into zeros and zlib's fast level packs them almost
 * as small. The format is written by hand (signature, IHDR, IDAT, IEND, each with its CRC);
 * the compression is GIO's zlib converter, so no library is added.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "par-chart-private.h"

/* zlib level: 1..9. 3 compresses charts within a few percent of 9 at a fraction of the time. */
#define PNG_LEVEL 3
#define IDAT_CHUNK (256 * 1024)

static guint32 crc_table[256];

static gpointer
init_crc_table (gpointer data)
{
  for (guint32 n = 0; n < 256; n++)
    {
      guint32 c = n;

      for (int k = 0; k < 8; k++)
        c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      crc_table[n] = c;
    }
  return NULL;
}

static guint32
crc_update (guint32       crc,
            const guint8 *data,
            gsize         length)
{
  for (gsize i = 0; i < length; i++)
    crc = crc_table[(crc ^ data[i]) & 0xff] ^ (crc >> 8);
  return crc;
}

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
write_chunk (GOutputStream  *out,
             const char      type[4],
             const guint8   *data,
             gsize           length,
             GError        **error)
{
  guint8 head[8], tail[4];
  guint32 crc;

  put_be32 (head, (guint32) length);
  memcpy (head + 4, type, 4);
  crc = crc_update (0xffffffffu, head + 4, 4);
  crc = crc_update (crc, data, length) ^ 0xffffffffu;
  put_be32 (tail, crc);
  return g_output_stream_write_all (out, head, 8, NULL, NULL, error)
         && (length == 0 || g_output_stream_write_all (out, data, length, NULL, NULL, error))
         && g_output_stream_write_all (out, tail, 4, NULL, NULL, error);
}

/* Rows of RGB or RGBA bytes (un-premultiplied), each after its filter byte (Up). */
static guint8 *
filtered_rows (cairo_surface_t *image,
               gboolean         opaque,
               gsize           *length)
{
  int width = cairo_image_surface_get_width (image);
  int height = cairo_image_surface_get_height (image);
  int stride = cairo_image_surface_get_stride (image);
  const guint8 *data = cairo_image_surface_get_data (image);
  gsize bpp = opaque ? 3 : 4;
  gsize row_len = 1 + (gsize) width * bpp;
  g_autofree guint8 *prev = g_malloc0 (row_len);
  g_autofree guint8 *cur = g_malloc (row_len);
  guint8 *rows = g_malloc ((gsize) height * row_len);

  for (int y = 0; y < height; y++)
    {
      const guint32 *src = (const guint32 *) (data + (gsize) y * stride);
      guint8 *dst = rows + (gsize) y * row_len;
      guint8 *tmp;

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
      dst[0] = 2;  /* Up */
      for (gsize i = 1; i < row_len; i++)
        dst[i] = (guint8) (cur[i] - prev[i]);
      tmp = prev;
      prev = cur;
      cur = tmp;
    }
  *length = (gsize) height * row_len;
  return rows;
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

/**
 * par_chart_write_png:
 * @image: an ARGB32 or RGB24 image surface, flushed
 *
 * Writes @image as an 8-bit RGB (opaque) or RGBA PNG.
 */
gboolean
par_chart_write_png (cairo_surface_t  *image,
                     GOutputStream    *out,
                     GError          **error)
{
  static GOnce crc_once = G_ONCE_INIT;
  static const guint8 signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  g_autoptr(GConverter) zlib = NULL;
  g_autofree guint8 *rows = NULL;
  g_autofree guint8 *buffer = NULL;
  guint8 ihdr[13];
  gboolean opaque;
  gsize length, consumed = 0;

  g_return_val_if_fail (cairo_surface_get_type (image) == CAIRO_SURFACE_TYPE_IMAGE, FALSE);
  g_once (&crc_once, init_crc_table, NULL);

  cairo_surface_flush (image);
  opaque = is_opaque (image);
  rows = filtered_rows (image, opaque, &length);

  put_be32 (ihdr, (guint32) cairo_image_surface_get_width (image));
  put_be32 (ihdr + 4, (guint32) cairo_image_surface_get_height (image));
  ihdr[8] = 8;                 /* bits per channel */
  ihdr[9] = opaque ? 2 : 6;    /* RGB or RGBA */
  ihdr[10] = 0;                /* deflate */
  ihdr[11] = 0;                /* adaptive filtering (one filter byte per row) */
  ihdr[12] = 0;                /* no interlace */
  if (!g_output_stream_write_all (out, signature, sizeof signature, NULL, NULL, error)
      || !write_chunk (out, "IHDR", ihdr, sizeof ihdr, error))
    return FALSE;

  zlib = G_CONVERTER (g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_ZLIB, PNG_LEVEL));
  buffer = g_malloc (IDAT_CHUNK);
  for (;;)
    {
      gsize read = 0, written = 0;
      GConverterResult r;

      r = g_converter_convert (zlib, rows + consumed, length - consumed, buffer, IDAT_CHUNK,
                               G_CONVERTER_INPUT_AT_END, &read, &written, error);
      if (r == G_CONVERTER_ERROR)
        return FALSE;
      consumed += read;
      if (written > 0 && !write_chunk (out, "IDAT", buffer, written, error))
        return FALSE;
      if (r == G_CONVERTER_FINISHED)
        break;
    }
  return write_chunk (out, "IEND", NULL, 0, error);
}
