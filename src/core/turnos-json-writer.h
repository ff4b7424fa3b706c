/* turnos-json-writer.h: writing a JSON document straight into a string
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The server's hot answers (a day's free times, a month's counts) are written member by
 * member into one growing buffer, with no JsonNode tree to build, walk and free. Commas and
 * escaping are the writer's business; nesting is the caller's, as with JsonBuilder.
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct _TurnosJsonWriter TurnosJsonWriter;

TurnosJsonWriter *turnos_json_writer_new          (void);
void              turnos_json_writer_free         (TurnosJsonWriter *self);
/* The document written so far; frees the writer. */
char             *turnos_json_writer_free_to_string (TurnosJsonWriter *self,
                                                     gsize            *length);

void turnos_json_writer_begin_object (TurnosJsonWriter *self);
void turnos_json_writer_end_object   (TurnosJsonWriter *self);
void turnos_json_writer_begin_array  (TurnosJsonWriter *self);
void turnos_json_writer_end_array    (TurnosJsonWriter *self);
/* The name of the next member of the open object. */
void turnos_json_writer_member       (TurnosJsonWriter *self,
                                      const char       *name);
/* A string value (NULL writes null); escaped as JSON requires. */
void turnos_json_writer_string       (TurnosJsonWriter *self,
                                      const char       *value);
void turnos_json_writer_int          (TurnosJsonWriter *self,
                                      gint64            value);
/* A local time as "YYYY-MM-DDTHH:MM:SS", the API's format (turnos_time_format()). */
void turnos_json_writer_time         (TurnosJsonWriter *self,
                                      GDateTime        *value);
/* A date as "YYYY-MM-DD". */
void turnos_json_writer_date         (TurnosJsonWriter *self,
                                      const GDate      *value);
/* A whole tree, for the rare parts still built with JsonBuilder. */
void turnos_json_writer_node         (TurnosJsonWriter *self,
                                      JsonNode         *value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TurnosJsonWriter, turnos_json_writer_free)

G_END_DECLS
