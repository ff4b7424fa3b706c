/* turnos-json-writer.c: writing a JSON document straight into a string
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "turnos-json-writer.h"

struct _TurnosJsonWriter
{
  GString  *out;
  gboolean  need_comma;   /* a value was written in the open object or array */
};

TurnosJsonWriter *
turnos_json_writer_new (void)
{
  TurnosJsonWriter *self = g_new0 (TurnosJsonWriter, 1);

  self->out = g_string_sized_new (1024);
  return self;
}

void
turnos_json_writer_free (TurnosJsonWriter *self)
{
  if (self == NULL)
    return;
  g_string_free (self->out, TRUE);
  g_free (self);
}

char *
turnos_json_writer_free_to_string (TurnosJsonWriter *self,
                                   gsize            *length)
{
  char *text;

  g_return_val_if_fail (self != NULL, NULL);

  if (length != NULL)
    *length = self->out->len;
  text = g_string_free (self->out, FALSE);
  g_free (self);
  return text;
}

/* Before a value or a member: the comma that separates it from the one before. */
static void
separate (TurnosJsonWriter *self)
{
  if (self->need_comma)
    g_string_append_c (self->out, ',');
  self->need_comma = FALSE;
}

static void
open_container (TurnosJsonWriter *self,
      char              c)
{
  separate (self);
  g_string_append_c (self->out, c);
}

static void
close_container (TurnosJsonWriter *self,
       char              c)
{
  g_string_append_c (self->out, c);
  self->need_comma = TRUE;
}

void
turnos_json_writer_begin_object (TurnosJsonWriter *self)
{
  open_container (self, '{');
}

void
turnos_json_writer_end_object (TurnosJsonWriter *self)
{
  close_container (self, '}');
}

void
turnos_json_writer_begin_array (TurnosJsonWriter *self)
{
  open_container (self, '[');
}

void
turnos_json_writer_end_array (TurnosJsonWriter *self)
{
  close_container (self, ']');
}

static void
append_escaped (GString    *out,
                const char *s)
{
  g_string_append_c (out, '"');
  for (const char *p = s; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c == '"' || c == '\\')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, c);
        }
      else if (c == '\n')
        g_string_append (out, "\\n");
      else if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, c);
    }
  g_string_append_c (out, '"');
}

void
turnos_json_writer_member (TurnosJsonWriter *self,
                           const char       *name)
{
  separate (self);
  append_escaped (self->out, name);
  g_string_append_c (self->out, ':');
}

void
turnos_json_writer_string (TurnosJsonWriter *self,
                           const char       *value)
{
  separate (self);
  if (value == NULL)
    g_string_append (self->out, "null");
  else
    append_escaped (self->out, value);
  self->need_comma = TRUE;
}

void
turnos_json_writer_int (TurnosJsonWriter *self,
                        gint64            value)
{
  separate (self);
  g_string_append_printf (self->out, "%" G_GINT64_FORMAT, value);
  self->need_comma = TRUE;
}

/* @width decimal digits of @value, zero-padded. */
static void
append_digits (GString *out,
               int      value,
               int      width)
{
  char buf[8];

  for (int i = width - 1; i >= 0; i--, value /= 10)
    buf[i] = (char) ('0' + value % 10);
  g_string_append_len (out, buf, width);
}

void
turnos_json_writer_time (TurnosJsonWriter *self,
                         GDateTime        *value)
{
  int y, m, d;

  g_return_if_fail (value != NULL);

  separate (self);
  g_date_time_get_ymd (value, &y, &m, &d);
  g_string_append_c (self->out, '"');
  append_digits (self->out, y, 4);
  g_string_append_c (self->out, '-');
  append_digits (self->out, m, 2);
  g_string_append_c (self->out, '-');
  append_digits (self->out, d, 2);
  g_string_append_c (self->out, 'T');
  append_digits (self->out, g_date_time_get_hour (value), 2);
  g_string_append_c (self->out, ':');
  append_digits (self->out, g_date_time_get_minute (value), 2);
  g_string_append_c (self->out, ':');
  append_digits (self->out, g_date_time_get_second (value), 2);
  g_string_append_c (self->out, '"');
  self->need_comma = TRUE;
}

void
turnos_json_writer_date (TurnosJsonWriter *self,
                         const GDate      *value)
{
  g_return_if_fail (value != NULL && g_date_valid (value));

  separate (self);
  g_string_append_c (self->out, '"');
  append_digits (self->out, g_date_get_year (value), 4);
  g_string_append_c (self->out, '-');
  append_digits (self->out, g_date_get_month (value), 2);
  g_string_append_c (self->out, '-');
  append_digits (self->out, g_date_get_day (value), 2);
  g_string_append_c (self->out, '"');
  self->need_comma = TRUE;
}

void
turnos_json_writer_node (TurnosJsonWriter *self,
                         JsonNode         *value)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  g_return_if_fail (value != NULL);

  separate (self);
  json_generator_set_root (generator, value);
  json_generator_to_gstring (generator, self->out);
  self->need_comma = TRUE;
}
