/* turnos-paging.h: the shape every list answer shares (DESIGN.md, "Lists are paged")
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "turnos-route.h"

G_BEGIN_DECLS

#define TURNOS_PAGE_DEFAULT 100
#define TURNOS_PAGE_MAX     500

/* `limit` (default 100, 1 to 500) into @limit, or FALSE with @answer set to 400
 * invalid_field naming limit. */
gboolean  turnos_request_limit   (TurnosRequest *request,
                                  guint         *limit,
                                  TurnosAnswer  *answer);
/* The opaque `cursor` decoded (NULL when absent), or FALSE with @answer set to 400
 * invalid_field naming cursor. A cursor is base64url of what the list's store call takes. */
gboolean  turnos_request_cursor  (TurnosRequest *request,
                                  char         **decoded,
                                  TurnosAnswer  *answer);
/* @raw as an opaque cursor (unpadded base64url). */
char     *turnos_cursor_encode   (const char    *raw);

/* A position in a list ordered by (an instant, an id): where the previous page ended. */
typedef struct
{
  gint64  key;     /* Unix seconds */
  char   *id;      /* NULL: from the start */
} TurnosCursor;

void      turnos_cursor_clear    (TurnosCursor  *cursor);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TurnosCursor, turnos_cursor_clear)

/* `limit` and a `cursor` made by turnos_cursor_encode_at() for the same @order ("asc" or
 * "desc": a cursor of one order is refused in the other), or FALSE with @answer set. */
gboolean  turnos_request_page    (TurnosRequest *request,
                                  const char    *order,
                                  guint         *limit,
                                  TurnosCursor  *cursor,
                                  TurnosAnswer  *answer);
/* The cursor after (@key, @id) in a list in @order. */
char     *turnos_cursor_encode_at (const char   *order,
                                   gint64        key,
                                   const char   *id);

/* {"@member": [to_json (item) …], "next_cursor": @next_cursor or null}, taking nothing. */
JsonNode *turnos_page_node       (const char    *member,
                                  GPtrArray     *items,
                                  void         (*to_json) (gconstpointer, JsonBuilder *),
                                  const char    *next_cursor);

G_END_DECLS
