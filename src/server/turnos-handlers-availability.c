/* turnos-handlers-availability.c: what is free on a day, on a month, and the front desk's day
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-server"

#include "config.h"

#include "turnos-availability.h"
#include "turnos-error.h"
#include "turnos-handlers.h"
#include "turnos-json.h"
#include "turnos-slots.h"
#include "turnos-store.h"
#include "turnos-time.h"

/* One day's availability from the store, by the core's turnos_availability_new_for_day(). */
static TurnosAvailability *
load_day (TurnosRequest  *request,
          TurnosSettings *settings,
          const GDate    *date,
          GPtrArray     **live_out,
          TurnosAnswer   *answer)
{
  g_autoptr(GDateTime) day_start = NULL;
  g_autoptr(GDateTime) day_end = NULL;
  g_autoptr(GPtrArray) reservations = NULL;
  g_autoptr(GPtrArray) blocks = NULL;
  g_autoptr(GError) error = NULL;

  turnos_day_bounds (settings->tz, date, &day_start, &day_end);
  if (!turnos_store_list_range (request->store, settings->user_id, day_start, day_end,
                                &reservations, &blocks, &error))
    {
      turnos_answer_store_error (answer, error);
      return NULL;
    }
  return turnos_availability_new_for_day (settings, date, reservations, blocks, request->now,
                                          live_out);
}

void
turnos_handle_availability (TurnosRequest *request,
                            TurnosAnswer  *answer)
{
  g_autoptr(TurnosSettings) settings = NULL;
  g_autoptr(TurnosAvailability) a = NULL;
  GDate date;

  if (!turnos_request_date (request, "date", &date, answer) ||
      !(settings = turnos_request_find_professional (request,
                                                     turnos_request_query (request, "professional_id"),
                                                     answer)) ||
      !(a = load_day (request, settings, &date, NULL, answer)))
    return;
  /* Anonymous and patients see when a professional is away, never why (DESIGN.md). */
  if (!(turnos_request_role (request) & TURNOS_ROLES_STAFF))
    for (guint i = 0; i < a->blocked->len; i++)
      g_clear_pointer (&((TurnosBlock *) g_ptr_array_index (a->blocked, i))->reason, g_free);
  answer->status = 200;
  answer->json = turnos_availability_to_json (a, &answer->json_len);
}

void
turnos_handle_desk_day (TurnosRequest *request,
                        TurnosAnswer  *answer)
{
  g_autoptr(TurnosSettings) settings = NULL;
  g_autoptr(TurnosAvailability) a = NULL;
  g_autoptr(GPtrArray) live = NULL;
  g_autoptr(GPtrArray) waiting = NULL;
  g_autoptr(GError) error = NULL;
  TurnosJsonWriter *w;
  GDate date;

  if (!turnos_request_manages (request, request->params[0]))
    {
      turnos_request_forbid (request, answer);
      return;
    }
  if (!turnos_request_date (request, "date", &date, answer) ||
      !(settings = turnos_request_find_professional (request, request->params[0], answer)) ||
      !(a = load_day (request, settings, &date, &live, answer)))
    return;
  if (!(waiting = turnos_handlers_waiting_on (request, settings->user_id, &date, &error)))
    {
      turnos_answer_store_error (answer, error);
      return;
    }

  /* The availability's members, then the reservations and who waits, in one object. */
  w = turnos_json_writer_new ();
  turnos_json_writer_begin_object (w);
  turnos_availability_write_members (a, w);
  turnos_json_writer_member (w, "reservations");
  turnos_json_writer_begin_array (w);
  for (guint i = 0; i < live->len; i++)
    {
      g_autoptr(JsonNode) node = turnos_reservation_to_node (g_ptr_array_index (live, i));

      turnos_json_writer_node (w, node);
    }
  turnos_json_writer_end_array (w);
  turnos_json_writer_member (w, "waitlist");
  turnos_json_writer_begin_array (w);
  for (guint i = 0; i < waiting->len; i++)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
      g_autoptr(JsonNode) node = NULL;

      turnos_waitlist_entry_to_json (g_ptr_array_index (waiting, i), builder);
      node = json_builder_get_root (builder);
      turnos_json_writer_node (w, node);
    }
  turnos_json_writer_end_array (w);
  turnos_json_writer_end_object (w);
  turnos_answer_written (answer, w);
}

void
turnos_handle_availability_month (TurnosRequest *request,
                                  TurnosAnswer  *answer)
{
  g_autoptr(TurnosSettings) settings = NULL;
  g_autoptr(TurnosMonthOverview) m = turnos_month_overview_new ();
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) to = NULL;
  g_autoptr(GPtrArray) reservations = NULL;
  g_autoptr(GPtrArray) blocks = NULL;
  g_autoptr(GError) error = NULL;
  GDate first, last;
  int year, month;

  if (!turnos_month_parse (turnos_request_query (request, "month"), &year, &month, &error) ||
      year < 1900 || year > 9000)
    {
      turnos_answer_error (answer, 400, TURNOS_CODE_INVALID_DATE,
                           error ? error->message : "month out of range");
      return;
    }
  if (!(settings = turnos_request_find_professional (request,
                                                     turnos_request_query (request, "professional_id"),
                                                     answer)))
    return;

  /* One range query for the month, then the engine per day. */
  g_date_clear (&first, 1);
  g_date_set_dmy (&first, 1, month, year);
  last = first;
  g_date_add_days (&last, g_date_get_days_in_month (month, year) - 1);
  turnos_day_bounds (settings->tz, &first, &from, NULL);
  turnos_day_bounds (settings->tz, &last, NULL, &to);
  if (!turnos_store_list_range (request->store, settings->user_id, from, to,
                                &reservations, &blocks, &error))
    {
      turnos_answer_store_error (answer, error);
      return;
    }

  m->year = year;
  m->month = month;
  m->timezone = g_strdup (settings->timezone);
  for (GDate d = first; g_date_compare (&d, &last) <= 0; g_date_add_days (&d, 1))
    {
      g_autoptr(GArray) slots = turnos_slots_compute_for (settings, &d, reservations, blocks,
                                                          request->now);
      TurnosMonthDay day = { d, (int) slots->len };

      g_array_append_val (m->days, day);
    }
  answer->status = 200;
  answer->json = turnos_month_overview_to_json (m, &answer->json_len);
}
