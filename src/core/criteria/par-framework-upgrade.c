/* par-framework-upgrade.c — a format-1 criteria set written in format 2 (parscore-cli
 * upgrade-set).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "par-error.h"
#include "par-figure.h"
#include "par-framework-upgrade.h"

/* Where the root element's namespace declaration holds the format-1 namespace: the first
 * quoted occurrence after the start of the root element. */
static const char *
find_namespace (const char *data,
                gsize       len,
                gsize      *at)
{
  const char *root = NULL;

  /* The root's start tag is the first "<" not followed by "?" or "!". The loader has refused
   * DOCTYPEs already, so comments and processing instructions are all that can come before. */
  for (gsize i = 0; i + 1 < len; i++)
    if (data[i] == '<' && data[i + 1] != '?' && data[i + 1] != '!')
      {
        root = data + i;
        break;
      }
  if (root == NULL)
    return NULL;
  for (const char *p = root; p < data + len && *p != '>'; p++)
    {
      gsize ns_len = strlen (PAR_FRAMEWORK_NAMESPACE);
      if ((*p == '"' || *p == '\'') && (gsize) (data + len - p) > ns_len + 1 &&
          memcmp (p + 1, PAR_FRAMEWORK_NAMESPACE, ns_len) == 0 && p[ns_len + 1] == *p)
        {
          *at = (gsize) (p + 1 - data);
          return p + 1;
        }
    }
  return NULL;
}

GBytes *
par_framework_upgrade_bytes (GBytes      *format1,
                             const char  *display_name,
                             GError     **error)
{
  g_autoptr(ParFramework) fw = NULL;
  g_autoptr(ParFramework) upgraded_fw = NULL;
  g_autoptr(GBytes) upgraded = NULL;
  g_autoptr(GError) local = NULL;
  const char *data;
  gsize len, at = 0;
  GString *out;

  g_return_val_if_fail (format1 != NULL, NULL);

  fw = par_framework_load_bytes (format1, display_name, error);
  if (fw == NULL)
    return NULL;
  if (par_framework_get_format_version (fw) != 1)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_FORMAT,
                   _("%s: the criteria set is in format %u already"), display_name,
                   par_framework_get_format_version (fw));
      return NULL;
    }
  data = g_bytes_get_data (format1, &len);
  if (find_namespace (data, len, &at) == NULL)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_FORMAT,
                   _("%s: the namespace of the root element was not found where it is declared"),
                   display_name);
      return NULL;
    }
  out = g_string_sized_new (len + 1);
  g_string_append_len (out, data, (gssize) at);
  g_string_append (out, PAR_FRAMEWORK_NAMESPACE_2);
  g_string_append_len (out, data + at + strlen (PAR_FRAMEWORK_NAMESPACE),
                       (gssize) (len - at - strlen (PAR_FRAMEWORK_NAMESPACE)));
  upgraded = g_string_free_to_bytes (out);

  upgraded_fw = par_framework_load_bytes (upgraded, display_name, &local);
  if (upgraded_fw == NULL || par_framework_get_format_version (upgraded_fw) != 2 ||
      par_framework_get_leaves (upgraded_fw)->len != par_framework_get_leaves (fw)->len ||
      par_framework_get_max (upgraded_fw) != par_framework_get_max (fw))
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_FORMAT,
                   _("%s: the set written in format 2 does not load as the same set (%s)"),
                   display_name, local != NULL ? local->message : "?");
      return NULL;
    }
  return g_steal_pointer (&upgraded);
}
