/* turnos-handlers-audit.c: who did what, when, to what (for the admin)
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-server"

#include "config.h"

#include "turnos-error.h"
#include "turnos-handlers.h"
#include "turnos-paging.h"
#include "turnos-store.h"
#include "turnos-time.h"

static void
entry_json (gconstpointer  entry,
            JsonBuilder   *builder)
{
  turnos_audit_entry_to_json (entry, builder);
}

/* GET /audit?since=YYYY-MM-DD&actor=&target=&limit=&cursor=: newest first, paged. */
void
turnos_handle_audit (TurnosRequest *request,
                     TurnosAnswer  *answer)
{
  g_autoptr(GDateTime) since = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cursor = NULL;
  g_autofree char *next = NULL;
  gint64 before = 0;
  guint limit;

  if (!turnos_request_limit (request, &limit, answer) ||
      !turnos_request_cursor (request, &cursor, answer))
    return;
  if (cursor != NULL && !g_ascii_string_to_signed (cursor, 10, 1, G_MAXINT64, &before, NULL))
    {
      turnos_answer_error (answer, 400, TURNOS_CODE_INVALID_FIELD, "cursor: not one this server gave");
      return;
    }
  if (turnos_request_query (request, "since") != NULL)
    {
      GDate d;

      if (!turnos_request_date (request, "since", &d, answer))
        return;
      since = g_date_time_new_utc (g_date_get_year (&d), g_date_get_month (&d), g_date_get_day (&d),
                                   0, 0, 0);
    }
  list = turnos_store_list_audit (request->store, since, turnos_request_query (request, "actor"),
                                  turnos_request_query (request, "target"), before, limit + 1, &error);
  if (list == NULL)
    {
      turnos_answer_store_error (answer, error);
      return;
    }
  if (list->len > limit)
    {
      g_autofree char *seq = g_strdup_printf ("%" G_GINT64_FORMAT,
                                              ((TurnosAuditEntry *) g_ptr_array_index (list, limit - 1))->seq);

      next = turnos_cursor_encode (seq);
      g_ptr_array_set_size (list, limit);
    }
  turnos_answer_json (answer, 200, turnos_page_node ("audit", list, entry_json, next));
}
