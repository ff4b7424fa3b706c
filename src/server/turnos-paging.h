/* turnos-paging.h: the shape every list answer shares (DESIGN.md, "Lists are paged")
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "turnos-route.h"

G_BEGIN_DECLS

#define TURNOS_PAGE_DEFAULT_LIMIT 100
#define TURNOS_PAGE_MAX_LIMIT     500

/* A position in a list ordered by (key, id): where the previous page ended. */
typedef struct
{
  gint64  key;
  char   *id;      /* NULL: from the start */
} TurnosCursor;

/* The query's `limit` (default 100, 1 to 500) and `cursor` (absent: from the start) of a list
 * whose order is named by @order ("asc" or "desc", so a cursor made for one order is refused
 * in the other). FALSE with @answer set to 400 invalid_field naming the parameter. */
gboolean  turnos_request_page    (TurnosRequest *request,
                                  const char    *order,
                                  guint         *limit,
                                  TurnosCursor  *cursor,
                                  TurnosAnswer  *answer);
void      turnos_cursor_clear    (TurnosCursor  *cursor);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TurnosCursor, turnos_cursor_clear)

/* Opaque to clients (base64url): the order, the key and the id. */
char     *turnos_cursor_encode   (const char    *order,
                                  gint64         key,
                                  const char    *id);

/* {"@member": [to_json (item) …], "next_cursor": @next_cursor or null}, taking nothing. */
JsonNode *turnos_page_node       (const char    *member,
                                  GPtrArray     *items,
                                  void         (*to_json) (gconstpointer, JsonBuilder *),
                                  const char    *next_cursor);

G_END_DECLS
