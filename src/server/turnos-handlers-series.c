/* turnos-handlers-series.c: weekly series, cancelling this one and the following, reschedule
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN.md "Reschedule, series, waitlist". The core's rules (hours, notice, horizon, modality)
 * are checked here, session by session; the overlaps (the professional's and the patient's)
 * in the store's one write transaction.
 *
 * A series with a professional who asks for a deposit pays ONE payment of one deposit per
 * session booked: every session is held (PENDING) until it is paid, and confirmed or released
 * together. A deposit secures each hour of the agenda a series takes, so a year of Thursdays
 * is not held for the price of one; one checkout keeps it one step for the patient.
 */
#define G_LOG_DOMAIN "turnos-server"

#include "config.h"

#include "turnos-error.h"
#include "turnos-handlers.h"
#include "turnos-json.h"
#include "turnos-server-private.h"
#include "turnos-slots.h"
#include "turnos-store.h"
#include "turnos-text.h"
#include "turnos-time.h"

/* A reservation @id, or NULL with @answer set: 404, or 403 when the caller may not change it
 * (a patient their own, a professional their agenda's). */
static TurnosReservation *
find_own (TurnosRequest *request,
          const char    *id,
          TurnosAnswer  *answer)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TurnosReservation) r = turnos_store_get_reservation (request->store, id, &error);
  TurnosRole role = turnos_request_role (request);

  if (r == NULL)
    {
      turnos_answer_store_error (answer, error);
      return NULL;
    }
  if ((role == TURNOS_ROLE_PATIENT && !turnos_request_is (request, r->client_id)) ||
      (role == TURNOS_ROLE_PROFESSIONAL && !turnos_request_is (request, r->professional_id)))
    {
      turnos_request_forbid (request, answer);
      return NULL;
    }
  return g_steal_pointer (&r);
}

/* The optional JSON body's override_reason (DESIGN.md "Who may do what"). */
static gboolean
optional_override (TurnosRequest  *request,
                   JsonNode      **node,
                   const char    **reason,
                   TurnosAnswer   *answer)
{
  *reason = NULL;
  if (soup_server_message_get_request_body (request->msg)->length == 0)
    return TRUE;
  return (*node = turnos_request_read_object (request, answer)) != NULL &&
         turnos_handlers_read_override (request, json_node_get_object (*node), reason, answer);
}

static int
compare_conflicts (gconstpointer a,
                   gconstpointer b)
{
  const TurnosSeriesConflict *x = *(TurnosSeriesConflict * const *) a;
  const TurnosSeriesConflict *y = *(TurnosSeriesConflict * const *) b;

  return g_strcmp0 (x->start_time, y->start_time);
}

/* {"error": {"code": "series_conflicts", "message", "conflicts": [...]}} */
static void
answer_conflicts (TurnosAnswer *answer,
                  GPtrArray    *conflicts)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) list = NULL;
  JsonObject *inner;

  json_builder_begin_array (builder);
  for (guint i = 0; i < conflicts->len; i++)
    turnos_series_conflict_to_json (g_ptr_array_index (conflicts, i), builder);
  json_builder_end_array (builder);
  list = json_builder_get_root (builder);
  turnos_answer_error (answer, 409, TURNOS_CODE_SERIES_CONFLICTS,
                       "some sessions of the series cannot be booked");
  inner = json_object_get_object_member (json_node_get_object (answer->body), "error");
  json_object_set_member (inner, "conflicts", g_steal_pointer (&list));
}

static void
answer_series (TurnosRequest *request,
               TurnosSeries  *series,
               guint          status,
               TurnosAnswer  *answer)
{
  if (series->payment != NULL)
    {
      g_free (series->payment->checkout_url);
      series->payment->checkout_url = turnos_handlers_checkout_url (request, series->payment->payment_id);
    }
  turnos_answer_json (answer, status, turnos_series_to_node (series));
}

/* The series' shape: every_weeks, count or until, mode; FALSE with @answer set (400). */
static gboolean
read_shape (JsonObject       *object,
            guint            *every_weeks,
            guint            *count,
            GDate            *until,
            TurnosSeriesMode *mode,
            TurnosAnswer     *answer)
{
  g_autoptr(GError) error = NULL;
  gint64 every = 1, n = 0;
  const char *last = NULL, *how = NULL;

  g_date_clear (until, 1);
  if (!turnos_json_get_int (object, "every_weeks", TRUE, &every, &error) ||
      !turnos_json_get_int (object, "count", TRUE, &n, &error) ||
      !turnos_json_get_string (object, "until", TRUE, &last, &error) ||
      !turnos_json_get_string (object, "mode", TRUE, &how, &error))
    {
      turnos_answer_error (answer, 400, TURNOS_CODE_INVALID_FIELD, error->message);
      return FALSE;
    }
  if (every != 1 && every != 2)
    {
      turnos_answer_error (answer, 400, TURNOS_CODE_INVALID_FIELD, "every_weeks: 1 or 2");
      return FALSE;
    }
  if ((n != 0) == (last != NULL))
    {
      turnos_answer_error (answer, 400, TURNOS_CODE_INVALID_FIELD,
                           "a series takes count or until, one of them");
      return FALSE;
    }
  if (last == NULL && (n < 1 || n > TURNOS_SERIES_MAX_SESSIONS))
    {
      turnos_answer_error (answer, 400, TURNOS_CODE_INVALID_FIELD, "count: 1 to 52 sessions");
      return FALSE;
    }
  if (last != NULL && !turnos_date_parse (last, until, NULL))
    {
      turnos_answer_error (answer, 400, TURNOS_CODE_INVALID_DATE, "until: a date YYYY-MM-DD");
      return FALSE;
    }
  *mode = TURNOS_SERIES_ALL_OR_NOTHING;
  if (how != NULL && !turnos_series_mode_from_string (how, mode))
    {
      turnos_answer_error (answer, 400, TURNOS_CODE_INVALID_FIELD,
                           "mode: all_or_nothing or free_ones");
      return FALSE;
    }
  *every_weeks = (guint) every;
  *count = (guint) n;
  return TRUE;
}

/* `dry_run` of the query: absent, "0"/"false", "1"/"true"; FALSE with @answer set. */
static gboolean
read_dry_run (TurnosRequest *request,
              gboolean      *dry_run,
              TurnosAnswer  *answer)
{
  const char *value = turnos_request_query (request, "dry_run");

  *dry_run = value != NULL && (g_str_equal (value, "1") || g_str_equal (value, "true"));
  if (value != NULL && !*dry_run && !g_str_equal (value, "0") && !g_str_equal (value, "false"))
    {
      turnos_answer_error (answer, 400, TURNOS_CODE_INVALID_FIELD, "dry_run: 1 or 0");
      return FALSE;
    }
  return TRUE;
}

/* The first session: the body's "reservation" (a draft, checked as a booking's) or the
 * reservation it "repeat"s (a live one of the caller's, which becomes the series' first). */
static TurnosReservation *
read_first (TurnosRequest   *request,
            JsonObject      *object,
            TurnosSettings **settings,
            char           **join_id,
            TurnosAnswer    *answer)
{
  JsonNode *draft = json_object_get_member (object, "reservation");
  const char *repeat = NULL;
  g_autoptr(TurnosReservation) existing = NULL;
  g_autoptr(TurnosReservation) first = NULL;

  if (!turnos_request_string_member (object, "repeat", TURNOS_REQUEST_MAX_VALUE, FALSE, &repeat,
                                     answer))
    return NULL;
  if ((draft == NULL) == (repeat == NULL))
    {
      turnos_answer_error (answer, 400, TURNOS_CODE_BAD_REQUEST,
                           "a series takes a reservation, or the id of one to repeat");
      return NULL;
    }
  if (draft != NULL)
    {
      if (!JSON_NODE_HOLDS_OBJECT (draft))
        {
          turnos_answer_error (answer, 400, TURNOS_CODE_BAD_REQUEST, "reservation: an object");
          return NULL;
        }
      /* A patient books only for themselves (403 before 404 and 400). */
      if (!turnos_handlers_may_book_for (request, json_node_get_object (draft), answer))
        return NULL;
      return turnos_handlers_parse_draft (request, draft, settings, answer);
    }

  if (!(existing = find_own (request, repeat, answer)) ||
      !(*settings = turnos_request_find_professional (request, existing->professional_id, answer)))
    return NULL;
  if (existing->series_id != NULL)
    {
      turnos_answer_error (answer, 400, TURNOS_CODE_INVALID_FIELD,
                           "repeat: that session is in a series already");
      return NULL;
    }
  first = turnos_reservation_new ();
  first->client_id = g_strdup (existing->client_id);
  first->professional_id = g_strdup (existing->professional_id);
  first->start = g_date_time_ref (existing->start);
  first->end = g_date_time_ref (existing->end);
  first->modality = existing->modality;
  *join_id = g_strdup (existing->id);
  return g_steal_pointer (&first);
}

static TurnosReservation *
session_at (TurnosReservation *first,
            TurnosSettings    *settings,
            GDateTime         *start)
{
  TurnosReservation *r = turnos_reservation_new ();

  r->client_id = g_strdup (first->client_id);
  r->professional_id = g_strdup (first->professional_id);
  r->start = g_date_time_ref (start);
  r->end = turnos_reservation_draft_end (settings, start);
  r->modality = first->modality;
  r->status = TURNOS_STATUS_PENDING;
  return r;
}

/* POST /reservations/series[?dry_run=1] */
void
turnos_handle_series_create (TurnosRequest *request,
                             TurnosAnswer  *answer)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(TurnosSettings) settings = NULL;
  g_autoptr(TurnosReservation) first = NULL;
  g_autoptr(GArray) occurrences = NULL;
  g_autoptr(GPtrArray) drafts = g_ptr_array_new_with_free_func ((GDestroyNotify) turnos_reservation_unref);
  g_autoptr(GPtrArray) conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) turnos_series_conflict_free);
  g_autoptr(GDateTime) hold_until = NULL;
  g_autoptr(TurnosSeries) series = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *join_id = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *until_text = NULL;
  const char *key = turnos_request_idempotency_key (request, answer);
  const char *reason = NULL;
  TurnosStoreSeriesRequest store_request = { 0 };
  TurnosSeriesMode mode;
  gboolean dry_run, replayed = FALSE;
  guint every_weeks, count;
  GDate until;

  if (turnos_answer_is_set (answer) || !(node = turnos_request_read_object (request, answer)) ||
      !turnos_handlers_read_override (request, json_node_get_object (node), &reason, answer) ||
      !(first = read_first (request, json_node_get_object (node), &settings, &join_id, answer)) ||
      !read_shape (json_node_get_object (node), &every_weeks, &count, &until, &mode, answer) ||
      !read_dry_run (request, &dry_run, answer))
    return;
  if (join_id != NULL && count == 1)
    {
      turnos_answer_error (answer, 400, TURNOS_CODE_INVALID_FIELD,
                           "count: a repeated session makes a series of 2 to 52");
      return;
    }
  if (!(occurrences = turnos_series_occurrences (first->start, every_weeks, count,
                                                 g_date_valid (&until) ? &until : NULL, &error)))
    {
      turnos_answer_error (answer, 400, TURNOS_CODE_INVALID_FIELD, error->message);
      return;
    }
  if (settings->requires_deposit &&
      (!_turnos_server_has_sandbox (request->server) || settings->deposit_amount == NULL))
    {
      turnos_answer_error (answer, 503, TURNOS_CODE_NO_PAYMENT_PROVIDER,
                           "this server takes no deposits: no payment provider is set up");
      return;
    }

  /* The core's rules, session by session; a session that breaks one is a conflict. */
  for (guint i = join_id != NULL ? 1 : 0; i < occurrences->len; i++)
    {
      TurnosOccurrence *o = &g_array_index (occurrences, TurnosOccurrence, i);
      g_autoptr(TurnosReservation) session = NULL;
      g_autoptr(GError) broken = NULL;

      if (o->start == NULL)
        {
          g_ptr_array_add (conflicts, turnos_series_conflict_new (o->start_time, TURNOS_CODE_INVALID_TIME, NULL));
          continue;
        }
      session = session_at (first, settings, o->start);
      if (!turnos_slots_check_booking (settings, session->start, session->end, session->modality,
                                       request->now, &broken))
        {
          g_ptr_array_add (conflicts, turnos_series_conflict_new (o->start_time,
                                                                  turnos_error_to_code (broken), NULL));
          continue;
        }
      g_ptr_array_add (drafts, g_steal_pointer (&session));
    }

  until_text = g_date_valid (&until) ? turnos_date_format (&until) : g_strdup ("");
  {
    g_autofree char *canonical = g_strdup_printf ("series|%s|%s|%" G_GINT64_FORMAT "|%s|%s|%u|%u|%s|%s",
                                                  first->client_id, first->professional_id,
                                                  g_date_time_to_unix (first->start),
                                                  turnos_modality_to_string (first->modality),
                                                  join_id ? join_id : "", every_weeks, count,
                                                  until_text, turnos_series_mode_to_string (mode));

    hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, canonical, -1);
  }
  if (settings->requires_deposit)
    hold_until = g_date_time_add_minutes (request->now, _turnos_server_get_hold_minutes (request->server));

  store_request.drafts = drafts;
  store_request.join_id = join_id;
  store_request.mode = mode;
  /* A series that the rules refuse already is only asked about, so the 409 lists every
   * conflict, the store's too. */
  store_request.dry_run = dry_run || (mode == TURNOS_SERIES_ALL_OR_NOTHING && conflicts->len > 0);
  store_request.flags = reason ? TURNOS_STORE_BOOK_ALLOW_PATIENT_OVERLAP : TURNOS_STORE_BOOK_DEFAULT;
  store_request.now = request->now;
  store_request.hold_until = hold_until;
  store_request.deposit_amount = settings->deposit_amount;
  store_request.currency = settings->currency;
  store_request.idempotency_key = key;
  store_request.request_hash = hash;
  if (!(series = turnos_store_create_series (request->store, &store_request, &replayed, &error)))
    {
      turnos_answer_store_error (answer, error);
      return;
    }
  if (replayed)
    {
      answer_series (request, series, 201, answer);
      return;
    }
  g_ptr_array_extend_and_steal (conflicts, g_steal_pointer (&series->conflicts));
  g_ptr_array_sort (conflicts, compare_conflicts);
  series->conflicts = g_steal_pointer (&conflicts);

  if (dry_run)
    answer_series (request, series, 200, answer);
  else if (series->series_id == NULL)
    answer_conflicts (answer, series->conflicts);
  else
    {
      g_autofree char *detail = g_strdup_printf ("%u sessions%s%s", series->reservations->len,
                                                 reason ? ": " : "", reason ? reason : "");

      turnos_request_audit (request, reason ? "series.create.override" : "series.create", "series",
                            series->series_id, detail);
      answer_series (request, series, 201, answer);
    }
}

/* POST /reservations/series/{id}/cancel?from=YYYY-MM-DD: this session and the following. */
void
turnos_handle_series_cancel (TurnosRequest *request,
                             TurnosAnswer  *answer)
{
  const char *series_id = request->params[0];
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sessions = turnos_store_list_series (request->store, series_id, &error);
  g_autoptr(GPtrArray) cancelled = NULL;
  g_autoptr(TurnosSettings) settings = NULL;
  g_autoptr(TurnosReservation) too_late = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) not_before = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  TurnosReservation *any;
  const char *reason = NULL;
  TurnosRole role = turnos_request_role (request);
  GDate day;

  if (sessions == NULL)
    {
      turnos_answer_store_error (answer, error);
      return;
    }
  any = g_ptr_array_index (sessions, 0);
  if ((role == TURNOS_ROLE_PATIENT && !turnos_request_is (request, any->client_id)) ||
      (role == TURNOS_ROLE_PROFESSIONAL && !turnos_request_is (request, any->professional_id)))
    {
      turnos_request_forbid (request, answer);
      return;
    }
  if (!optional_override (request, &node, &reason, answer) ||
      !turnos_request_date (request, "from", &day, answer) ||
      !(settings = turnos_request_find_professional (request, any->professional_id, answer)))
    return;

  turnos_day_bounds (settings->tz, &day, &from, NULL);
  /* Past the notice only with the desk's reason; each session is held to it, as a cancel. */
  not_before = reason != NULL ? g_date_time_ref (request->now)
                              : g_date_time_add_minutes (request->now, settings->cancel_notice_minutes);
  if (!(cancelled = turnos_store_cancel_series (request->store, series_id, from, not_before,
                                                request->now, &too_late, &error)))
    {
      turnos_answer_store_error (answer, error);
      if (too_late != NULL)
        {
          JsonObject *inner = json_object_get_object_member (json_node_get_object (answer->body), "error");

          json_object_set_member (inner, "reservation", turnos_reservation_to_node (too_late));
        }
      return;
    }
  {
    g_autofree char *date = turnos_date_format (&day);
    g_autofree char *detail = g_strdup_printf ("from %s: %u sessions%s%s", date, cancelled->len,
                                               reason ? ": " : "", reason ? reason : "");

    turnos_request_audit (request, reason ? "series.cancel.override" : "series.cancel", "series",
                          series_id, detail);
  }
  builder = json_builder_new_immutable ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "series_id");
  json_builder_add_string_value (builder, series_id);
  json_builder_set_member_name (builder, "reservations");
  json_builder_begin_array (builder);
  for (guint i = 0; i < cancelled->len; i++)
    turnos_reservation_to_json (g_ptr_array_index (cancelled, i), builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  turnos_answer_json (answer, 200, json_builder_get_root (builder));
}

/* POST /reservations/{id}/reschedule {"start_time", "end_time"?, "session_modality"?} */
void
turnos_handle_reschedule (TurnosRequest *request,
                          TurnosAnswer  *answer)
{
  g_autoptr(TurnosReservation) old = find_own (request, request->params[0], answer);
  g_autoptr(TurnosReservation) draft = NULL;
  g_autoptr(TurnosReservation) moved = NULL;
  g_autoptr(TurnosReservation) conflict = NULL;
  g_autoptr(TurnosSettings) settings = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  const char *reason = NULL;
  const char *client = NULL, *prof = NULL;
  JsonObject *object;

  if (old == NULL || !(node = turnos_request_read_object (request, answer)))
    return;
  object = json_node_get_object (node);
  if (!turnos_handlers_read_override (request, object, &reason, answer))
    return;
  /* Only the time and the modality move. */
  if (!turnos_request_string_member (object, "client_id", TURNOS_REQUEST_MAX_VALUE, FALSE, &client, answer) ||
      !turnos_request_string_member (object, "professional_id", TURNOS_REQUEST_MAX_VALUE, FALSE, &prof, answer))
    return;
  if ((client != NULL && !g_str_equal (client, old->client_id)) ||
      (prof != NULL && !g_str_equal (prof, old->professional_id)))
    {
      turnos_answer_error (answer, 400, TURNOS_CODE_INVALID_FIELD,
                           "a reschedule keeps the patient and the professional");
      return;
    }
  json_object_set_string_member (object, "client_id", old->client_id);
  json_object_set_string_member (object, "professional_id", old->professional_id);
  if (!json_object_has_member (object, "session_modality"))
    json_object_set_string_member (object, "session_modality", turnos_modality_to_string (old->modality));
  if (!(draft = turnos_handlers_parse_draft (request, node, &settings, answer)))
    return;

  /* The session that moves is held to the rules of a cancel: not begun, and the notice unless
   * the desk gives a reason (or it is an unpaid hold, released any time). */
  if (old->status == TURNOS_STATUS_PENDING && !turnos_reservation_is_live (old, request->now))
    {
      turnos_answer_error (answer, 409, TURNOS_CODE_ALREADY_CANCELLED, "the payment hold has lapsed");
      return;
    }
  if (!turnos_slots_check_cancel (settings, old, request->now,
                                  reason != NULL || old->status == TURNOS_STATUS_PENDING, &error))
    {
      turnos_answer_rule_error (answer, 409, TURNOS_CODE_BAD_REQUEST, error);
      return;
    }
  if (!turnos_slots_check_booking (settings, draft->start, draft->end, draft->modality,
                                   request->now, &error))
    {
      turnos_answer_rule_error (answer, 422, TURNOS_CODE_INVALID_TIME, error);
      return;
    }
  if (!(moved = turnos_store_reschedule (request->store, old->id, draft,
                                         reason ? TURNOS_STORE_BOOK_ALLOW_PATIENT_OVERLAP
                                                : TURNOS_STORE_BOOK_DEFAULT,
                                         request->now, &conflict, &error)))
    {
      turnos_handlers_answer_booking_error (answer, error, conflict);
      return;
    }
  {
    g_autofree char *detail = g_strdup_printf ("to %s%s%s", moved->id, reason ? ": " : "",
                                               reason ? reason : "");

    turnos_request_audit (request, reason ? "reservation.reschedule.override" : "reservation.reschedule",
                          "reservation", old->id, detail);
  }
  turnos_answer_json (answer, 201, turnos_reservation_to_node (moved));
}
