/* turnos-handlers-waitlist.c: waiting for time to free up on a professional's day
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN.md "Reschedule, series, waitlist": a patient (or the desk for them) waits for a
 * day; when time frees up on it, the store sends the waiting patients a waitlist_offer in the
 * transaction that frees it (turnos-store.h, "Live events"); the first to book wins, and the
 * entry ends with its day. Who may: the table "Who may do what" (join and leave: a patient for
 * themselves, the desk for anyone; a day's list: a patient their own entries, a professional
 * their agenda's, the desk any).
 */
#define G_LOG_DOMAIN "turnos-server"

#include "config.h"

#include "turnos-error.h"
#include "turnos-handlers.h"
#include "turnos-json.h"
#include "turnos-paging.h"
#include "turnos-store.h"
#include "turnos-time.h"

/* How many days one patient may wait on at once: a year of working days ahead is far less
 * than a person means, and more would only fill the table. */
#define MAX_WAITING_PER_PATIENT 30

static void
entry_json (gconstpointer  entry,
            JsonBuilder   *builder)
{
  turnos_waitlist_entry_to_json (entry, builder);
}

static void
answer_entry (TurnosAnswer        *answer,
              guint                status,
              TurnosWaitlistEntry *entry)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  turnos_waitlist_entry_to_json (entry, builder);
  turnos_answer_json (answer, status, json_builder_get_root (builder));
}

/* POST /waitlist {"professional_id", "date", "client_id"} */
void
turnos_handle_waitlist_add (TurnosRequest *request,
                            TurnosAnswer  *answer)
{
  g_autoptr(JsonNode) node = turnos_request_read_object (request, answer);
  g_autoptr(TurnosSettings) settings = NULL;
  g_autoptr(TurnosAccount) patient = NULL;
  g_autoptr(TurnosWaitlistEntry) entry = NULL;
  g_autoptr(TurnosWaitlistEntry) stored = NULL;
  g_autoptr(GDateTime) local_now = NULL;
  g_autoptr(GError) error = NULL;
  const char *client = NULL, *prof = NULL, *date = NULL;
  gboolean existed = FALSE;
  JsonObject *object;
  GDate day, today, last;

  if (node == NULL)
    return;
  object = json_node_get_object (node);
  /* A patient waits only for themselves (403 before 404 and 400). */
  if (!turnos_handlers_may_book_for (request, object, answer))
    return;
  if (!turnos_request_string_member (object, "client_id", TURNOS_REQUEST_MAX_VALUE, FALSE, &client, answer) ||
      !turnos_request_string_member (object, "professional_id", TURNOS_REQUEST_MAX_VALUE, FALSE, &prof, answer) ||
      !turnos_request_string_member (object, "date", 10, FALSE, &date, answer))
    return;
  if (client == NULL || *client == '\0')
    {
      turnos_answer_error (answer, 400, TURNOS_CODE_BAD_REQUEST, "client_id is required");
      return;
    }
  if (!(settings = turnos_request_find_professional (request, prof, answer)))
    return;
  if (!turnos_date_parse (date, &day, &error))
    {
      turnos_answer_error (answer, 400, TURNOS_CODE_INVALID_DATE, error->message);
      return;
    }
  if (!(patient = turnos_store_get_account (request->store, client, &error)) ||
      patient->role != TURNOS_ROLE_PATIENT)
    {
      if (patient != NULL || g_error_matches (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_NOT_FOUND))
        turnos_answer_error (answer, 404, TURNOS_CODE_NOT_FOUND, "no such patient");
      else
        turnos_answer_store_error (answer, error);
      return;
    }
  /* A day that can still be booked: from today to the horizon, in the professional's zone. */
  local_now = g_date_time_to_timezone (request->now, settings->tz);
  turnos_date_from_datetime (local_now, &today);
  last = today;
  g_date_add_days (&last, settings->booking_horizon_days);
  if (g_date_compare (&day, &today) < 0)
    {
      turnos_answer_error (answer, 422, TURNOS_CODE_IN_PAST, "that day has passed");
      return;
    }
  if (g_date_compare (&day, &last) > 0)
    {
      turnos_answer_error (answer, 422, TURNOS_CODE_BEYOND_HORIZON, "bookings do not open that far ahead");
      return;
    }

  entry = turnos_waitlist_entry_new ();
  entry->professional_id = g_strdup (settings->user_id);
  entry->client_id = g_strdup (client);
  entry->date = day;
  if (!(stored = turnos_store_add_waitlist (request->store, entry, request->now,
                                            MAX_WAITING_PER_PATIENT, &existed, &error)))
    {
      turnos_answer_store_error (answer, error);
      return;
    }
  if (!existed)
    turnos_request_audit (request, "waitlist.add", "waitlist", stored->id, date);
  answer_entry (answer, existed ? 200 : 201, stored);
}

/* GET /waitlist?professional_id=&date=&client_id=&limit=&cursor= */
void
turnos_handle_waitlist_list (TurnosRequest *request,
                             TurnosAnswer  *answer)
{
  const char *prof = turnos_request_query (request, "professional_id");
  const char *client = turnos_request_query (request, "client_id");
  TurnosRole role = turnos_request_role (request);
  TurnosWaitlistQuery query = { 0 };
  g_auto(TurnosCursor) cursor = { 0 };
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *next = NULL;
  gboolean more = FALSE;
  GDate date;

  /* A patient sees their own entries; a professional their agenda's. */
  if (role == TURNOS_ROLE_PATIENT)
    {
      if (client != NULL && !turnos_request_is (request, client))
        {
          turnos_request_forbid (request, answer);
          return;
        }
      client = request->account->id;
    }
  if (role == TURNOS_ROLE_PROFESSIONAL)
    {
      if (prof != NULL && !turnos_request_is (request, prof))
        {
          turnos_request_forbid (request, answer);
          return;
        }
      prof = request->account->id;
    }
  if (prof != NULL)
    {
      g_autoptr(TurnosSettings) settings = turnos_request_find_professional (request, prof, answer);

      if (settings == NULL)
        return;
    }
  if (turnos_request_query (request, "date") != NULL)
    {
      if (!turnos_request_date (request, "date", &date, answer))
        return;
      query.date = &date;
    }
  if (!turnos_request_page (request, "asc", &query.limit, &cursor, answer))
    return;
  query.professional_id = prof;
  query.client_id = client;
  query.now = request->now;
  query.after_key = cursor.key;
  query.after_id = cursor.id;
  if (!(list = turnos_store_list_waitlist (request->store, &query, &more, &error)))
    {
      turnos_answer_store_error (answer, error);
      return;
    }
  if (more)
    {
      TurnosWaitlistEntry *last = g_ptr_array_index (list, list->len - 1);

      next = turnos_cursor_encode_at ("asc", last->seq, last->id);
    }
  turnos_answer_json (answer, 200, turnos_page_node ("waitlist", list, entry_json, next));
}

/* DELETE /waitlist/{id} */
void
turnos_handle_waitlist_remove (TurnosRequest *request,
                               TurnosAnswer  *answer)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TurnosWaitlistEntry) entry = turnos_store_get_waitlist (request->store, request->params[0], &error);

  if (entry == NULL)
    {
      turnos_answer_store_error (answer, error);
      return;
    }
  if (turnos_request_role (request) == TURNOS_ROLE_PATIENT &&
      !turnos_request_is (request, entry->client_id))
    {
      turnos_request_forbid (request, answer);
      return;
    }
  if (!turnos_store_remove_waitlist (request->store, entry->id, &error))
    {
      turnos_answer_store_error (answer, error);
      return;
    }
  turnos_request_audit (request, "waitlist.remove", "waitlist", entry->id, "");
  answer->status = 204;
}

/* Every entry waiting for @professional_id's @date (for the desk's day), first come first. */
GPtrArray *
turnos_handlers_waiting_on (TurnosRequest  *request,
                            const char     *professional_id,
                            const GDate    *date,
                            GError        **error)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify) turnos_waitlist_entry_unref);
  TurnosWaitlistQuery query = { 0 };
  gboolean more = TRUE;

  query.professional_id = professional_id;
  query.date = date;
  query.now = request->now;
  query.limit = 500;
  while (more)
    {
      g_autoptr(GPtrArray) page = turnos_store_list_waitlist (request->store, &query, &more, error);
      TurnosWaitlistEntry *last;

      if (page == NULL)
        return NULL;
      if (page->len == 0)
        break;
      last = g_ptr_array_index (page, page->len - 1);
      query.after_key = last->seq;
      g_ptr_array_extend_and_steal (all, g_steal_pointer (&page));
      query.after_id = ((TurnosWaitlistEntry *) g_ptr_array_index (all, all->len - 1))->id;
    }
  return g_steal_pointer (&all);
}
