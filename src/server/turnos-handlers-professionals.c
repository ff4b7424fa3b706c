/* turnos-handlers-professionals.c: health, the professionals, their settings and time off
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-server"

#include "config.h"

#include <string.h>
#include <unistd.h>

#include "turnos-error.h"
#include "turnos-handlers.h"
#include "turnos-paging.h"
#include "turnos-password.h"
#include "turnos-settings-check.h"
#include "turnos-setup.h"
#include "turnos-store.h"
#include "turnos-text.h"
#include "turnos-time.h"

#define MAX_REASON_BYTES 500

void
turnos_handle_health (TurnosRequest *request,
                      TurnosAnswer  *answer)
{
  g_autoptr(JsonBuilder) b = json_builder_new_immutable ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "status");
  json_builder_add_string_value (b, "ok");
  /* Which process answered: with --workers, a live events test holds a subscriber on each. */
  json_builder_set_member_name (b, "pid");
  json_builder_add_int_value (b, getpid ());
  json_builder_end_object (b);
  turnos_answer_json (answer, 200, json_builder_get_root (b));
}

void
turnos_handle_professionals (TurnosRequest *request,
                             TurnosAnswer  *answer)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = turnos_store_list_professionals (request->store, &error);

  if (list == NULL)
    turnos_answer_store_error (answer, error);
  else
    turnos_answer_json (answer, 200, turnos_answer_list_node ("professionals", list,
                                                              (gpointer) turnos_settings_to_json));
}

void
turnos_handle_settings (TurnosRequest *request,
                        TurnosAnswer  *answer)
{
  g_autoptr(TurnosSettings) s = turnos_request_find_professional (request, request->params[0], answer);

  if (s != NULL)
    turnos_answer_json (answer, 200, turnos_settings_to_node (s));
}

/* The query's optional day @name as the start (@start) or end of that day in @settings' zone;
 * @fallback when absent. FALSE with @answer set when it is not a date. */
static gboolean
query_day_bound (TurnosRequest   *request,
                 TurnosSettings  *settings,
                 const char      *name,
                 gboolean         start,
                 GDateTime       *fallback,
                 GDateTime      **out,
                 TurnosAnswer    *answer)
{
  GDate d;

  if (turnos_request_query (request, name) == NULL)
    {
      *out = g_date_time_ref (fallback);
      return TRUE;
    }
  if (!turnos_request_date (request, name, &d, answer))
    return FALSE;
  turnos_day_bounds (settings->tz, &d, start ? out : NULL, start ? NULL : out);
  return TRUE;
}

static int
compare_blocks (gconstpointer a,
                gconstpointer b)
{
  const TurnosBlock *x = *(TurnosBlock * const *) a;
  const TurnosBlock *y = *(TurnosBlock * const *) b;
  int c = g_date_time_compare (x->start, y->start);

  return c != 0 ? c : g_strcmp0 (x->id, y->id);
}

void
turnos_handle_blocks_list (TurnosRequest *request,
                           TurnosAnswer  *answer)
{
  const char *prof = request->params[0];
  g_autoptr(TurnosSettings) settings = NULL;
  g_autoptr(GDateTime) epoch = g_date_time_new_from_unix_utc (0);
  g_autoptr(GDateTime) far = g_date_time_new_utc (9999, 12, 31, 0, 0, 0);
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) to = NULL;
  g_autoptr(GPtrArray) blocks = NULL;
  g_autoptr(GPtrArray) page = g_ptr_array_new ();
  g_auto(TurnosCursor) cursor = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *next = NULL;
  guint limit;

  if (!turnos_request_manages (request, prof))
    {
      turnos_request_forbid (request, answer);
      return;
    }
  if (!(settings = turnos_request_find_professional (request, prof, answer)) ||
      !query_day_bound (request, settings, "from", TRUE, epoch, &from, answer) ||
      !query_day_bound (request, settings, "to", FALSE, far, &to, answer) ||
      !turnos_request_page (request, "asc", &limit, &cursor, answer))
    return;
  if (!turnos_store_list_range (request->store, prof, from, to, NULL, &blocks, &error))
    {
      turnos_answer_store_error (answer, error);
      return;
    }
  /* A professional's time off is a short list kept by staff: paged here, in (start, id)
   * order, after the store's range query. */
  g_ptr_array_sort (blocks, compare_blocks);
  for (guint i = 0; i < blocks->len; i++)
    {
      TurnosBlock *b = g_ptr_array_index (blocks, i);
      gint64 key = g_date_time_to_unix (b->start);

      if (cursor.id != NULL &&
          (key < cursor.key || (key == cursor.key && g_strcmp0 (b->id, cursor.id) <= 0)))
        continue;
      if (page->len == limit)
        {
          TurnosBlock *last = g_ptr_array_index (page, page->len - 1);

          next = turnos_cursor_encode_at ("asc", g_date_time_to_unix (last->start), last->id);
          break;
        }
      g_ptr_array_add (page, b);
    }
  turnos_answer_json (answer, 200, turnos_page_node ("blocks", page,
                                                     (gpointer) turnos_block_to_json, next));
}

/* Every live reservation a refused @block would have hit, in time order, so the desk can
 * name them all at once; at least @first, the one the store's check found. */
static JsonNode *
overlapping_sessions (TurnosRequest     *request,
                      TurnosBlock       *block,
                      TurnosReservation *first)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(GPtrArray) reservations = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  if (!turnos_store_list_range (request->store, block->professional_id, block->start, block->end,
                                &reservations, NULL, &error))
    g_message ("listing the sessions under a refused block: %s", error->message);
  json_builder_begin_array (builder);
  for (guint i = 0; reservations != NULL && i < reservations->len; i++)
    if (turnos_reservation_is_live (reservations->pdata[i], request->now))
      {
        turnos_reservation_to_json (reservations->pdata[i], builder);
        n++;
      }
  if (n == 0)
    turnos_reservation_to_json (first, builder);
  json_builder_end_array (builder);
  return json_builder_get_root (builder);
}

void
turnos_handle_blocks_add (TurnosRequest *request,
                          TurnosAnswer  *answer)
{
  const char *prof = request->params[0];
  g_autoptr(TurnosSettings) settings = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(TurnosBlock) block = NULL;
  g_autoptr(TurnosBlock) stored = NULL;
  g_autoptr(TurnosReservation) conflict = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(GError) error = NULL;

  if (!turnos_request_manages (request, prof))
    {
      turnos_request_forbid (request, answer);
      return;
    }
  if (!(settings = turnos_request_find_professional (request, prof, answer)) ||
      !(node = turnos_request_read_object (request, answer)))
    return;
  json_object_remove_member (json_node_get_object (node), "timezone");
  if (!(block = turnos_block_from_json (node, settings->tz, &error)))
    {
      turnos_answer_rule_error (answer, 400, TURNOS_CODE_INVALID_TIME, error);
      return;
    }
  if (block->reason != NULL && !turnos_text_is_clean (block->reason, MAX_REASON_BYTES, TRUE))
    {
      turnos_answer_error (answer, 400, TURNOS_CODE_INVALID_FIELD,
                           "reason is too long or holds a control character");
      return;
    }
  g_free (block->professional_id);
  block->professional_id = g_strdup (prof);
  stored = turnos_store_add_block (request->store, block, request->now, &conflict, &error);
  if (stored == NULL && g_error_matches (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_CONFLICT))
    {
      turnos_answer_error (answer, 409, TURNOS_CODE_BLOCK_OVERLAPS, error->message);
      if (conflict != NULL)
        {
          JsonObject *inner = json_object_get_object_member (json_node_get_object (answer->body), "error");

          json_object_set_member (inner, "reservation", turnos_reservation_to_node (conflict));
          json_object_set_member (inner, "reservations", overlapping_sessions (request, block, conflict));
        }
      return;
    }
  if (stored == NULL)
    {
      turnos_answer_store_error (answer, error);
      return;
    }
  turnos_request_audit (request, "block.add", "block", stored->id, stored->reason);
  builder = json_builder_new_immutable ();
  turnos_block_to_json (stored, builder);
  turnos_answer_json (answer, 201, json_builder_get_root (builder));
}

void
turnos_handle_blocks_remove (TurnosRequest *request,
                             TurnosAnswer  *answer)
{
  g_autoptr(GError) error = NULL;

  if (!turnos_request_manages (request, request->params[0]))
    turnos_request_forbid (request, answer);
  else if (!turnos_store_remove_block (request->store, request->params[0], request->params[1], &error))
    turnos_answer_store_error (answer, error);
  else
    {
      turnos_request_audit (request, "block.remove", "block", request->params[1], "");
      turnos_answer_clear (answer);
      answer->status = 204;
    }
}

/* An error naming the member at fault beside its code ({"error": {"field"}}), for a form to
 * point at. */
static void
answer_field_error (TurnosAnswer *answer,
                    guint         status,
                    const char   *code,
                    const char   *field,
                    const char   *message)
{
  turnos_answer_error (answer, status, code, message);
  json_object_set_string_member (json_object_get_object_member (json_node_get_object (answer->body),
                                                                "error"),
                                 "field", field);
}

/* The settings in the body, checked as a whole; NULL with @answer set to 400 invalid_field
 * naming the first bad member. */
static TurnosSettings *
read_settings (TurnosRequest *request,
               JsonNode      *node,
               const char    *id,
               TurnosAnswer  *answer)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *field = NULL;
  TurnosSettings *settings = turnos_settings_check (node, id, &field, &error);

  if (settings == NULL)
    answer_field_error (answer, 400, TURNOS_CODE_INVALID_FIELD, field ? field : "settings",
                        error ? error->message : NULL);
  return settings;
}

void
turnos_handle_professionals_create (TurnosRequest *request,
                                    TurnosAnswer  *answer)
{
  g_autoptr(JsonNode) node = turnos_request_read_object (request, answer);
  g_autoptr(TurnosSettings) settings = NULL;
  g_autoptr(TurnosSettings) existing = NULL;
  g_autoptr(TurnosAccount) account = turnos_account_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *username = NULL;
  g_autofree char *password = NULL;
  const char *id = NULL, *name = NULL, *secret = NULL;
  JsonObject *object;

  if (node == NULL)
    return;
  object = json_node_get_object (node);
  if (!turnos_request_string_member (object, "user_id", 64, FALSE, &id, answer) ||
      !turnos_request_string_member (object, "username", 64, FALSE, &name, answer) ||
      !turnos_request_string_member (object, "password", TURNOS_PASSWORD_MAX_BYTES, FALSE,
                                     &secret, answer))
    return;
  /* Copied: the members leave the object before the settings are read from it. */
  username = g_strdup (name);
  password = g_strdup (secret);
  if (!turnos_setup_name_is_valid (id))
    {
      answer_field_error (answer, 400, TURNOS_CODE_INVALID_FIELD, "user_id",
                          "user_id: 1 to 64 letters, digits, “.”, “-” or “_”");
      return;
    }
  if ((username != NULL && !turnos_setup_name_is_valid (username)) ||
      (username != NULL) != (password != NULL) ||
      (password != NULL && strlen (password) < TURNOS_PASSWORD_MIN_BYTES))
    {
      answer_field_error (answer, 400, TURNOS_CODE_INVALID_FIELD,
                          username == NULL || turnos_setup_name_is_valid (username) ? "password" : "username",
                          "username and password: a user name and an initial password of 8 to 200 bytes, or neither");
      return;
    }
  json_object_remove_member (object, "username");
  json_object_remove_member (object, "password");
  if (!(settings = read_settings (request, node, id, answer)))
    return;
  if ((existing = turnos_store_get_professional (request->store, id, NULL)) != NULL)
    {
      answer_field_error (answer, 409, TURNOS_CODE_USERNAME_TAKEN, "user_id", "user_id: a professional has it");
      return;
    }
  account->id = g_strdup (id);
  account->role = TURNOS_ROLE_PROFESSIONAL;
  account->username = g_strdup (username);
  account->display_name = g_strdup (settings->display_name);
  account->must_change = password != NULL;
  if (password != NULL && !(hash = turnos_password_hash (password)))
    {
      turnos_answer_error (answer, 500, TURNOS_CODE_INTERNAL, "cannot hash the password");
      return;
    }
  if (!turnos_store_create_account (request->store, account, hash, request->now, &error))
    {
      if (g_error_matches (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_CONFLICT))
        {
          g_autoptr(TurnosAccount) holder = turnos_store_get_account (request->store, id, NULL);

          /* Which one, for the form: the id when an account has it, else the user name. */
          answer_field_error (answer, 409, TURNOS_CODE_USERNAME_TAKEN,
                              holder != NULL || username == NULL ? "user_id" : "username",
                              "user_id or username: taken");
        }
      else
        turnos_answer_store_error (answer, error);
      return;
    }
  if (!turnos_store_put_professional (request->store, settings, &error))
    {
      turnos_answer_store_error (answer, error);
      return;
    }
  turnos_request_audit (request, "professional.create", "professional", id, "");
  turnos_answer_json (answer, 201, turnos_settings_to_node (settings));
}

/* Whether @r fits the working hours of @settings (in its zone, on its weekday). */
static gboolean
fits_hours (TurnosSettings    *settings,
            TurnosReservation *r)
{
  g_autoptr(GDateTime) start = g_date_time_to_timezone (r->start, settings->tz);
  g_autoptr(GDateTime) end = g_date_time_to_timezone (r->end, settings->tz);
  int weekday = g_date_time_get_day_of_week (start);
  int from = g_date_time_get_hour (start) * 60 + g_date_time_get_minute (start);
  int to = from + (int) (g_date_time_difference (end, start) / G_TIME_SPAN_MINUTE);

  for (guint i = 0; i < settings->working_hours->len; i++)
    {
      const TurnosWorkingHours *wh = &g_array_index (settings->working_hours, TurnosWorkingHours, i);

      if (wh->weekday == weekday && wh->start_minute <= from && to <= wh->end_minute)
        return TRUE;
    }
  return FALSE;
}

void
turnos_handle_settings_put (TurnosRequest *request,
                            TurnosAnswer  *answer)
{
  const char *id = request->params[0];
  g_autoptr(TurnosSettings) current = NULL;
  g_autoptr(TurnosSettings) settings = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GPtrArray) future = NULL;
  g_autoptr(GDateTime) far = NULL;
  g_autoptr(JsonBuilder) b = NULL;
  g_autoptr(GError) error = NULL;
  const char *dry_run = turnos_request_query (request, "dry_run");

  if (turnos_request_role (request) == TURNOS_ROLE_PROFESSIONAL && !turnos_request_is (request, id))
    {
      turnos_request_forbid (request, answer);
      return;
    }
  if (!(current = turnos_request_find_professional (request, id, answer)) ||
      !(node = turnos_request_read_object (request, answer)))
    return;
  /* ?dry_run=1 checks and answers as the change would, writing nothing: the editor shows
   * the sessions the new hours leave out before anything changes. */
  if (dry_run != NULL && !g_str_equal (dry_run, "0") && !g_str_equal (dry_run, "1"))
    {
      turnos_answer_error (answer, 400, TURNOS_CODE_INVALID_FIELD, "dry_run: 0 or 1");
      json_object_set_string_member (json_object_get_object_member (json_node_get_object (answer->body),
                                                                    "error"),
                                     "field", "dry_run");
      return;
    }
  if (!(settings = read_settings (request, node, id, answer)))
    return;
  if (g_strcmp0 (dry_run, "1") != 0)
    {
      if (!turnos_store_put_professional (request->store, settings, &error))
        {
          turnos_answer_store_error (answer, error);
          return;
        }
      turnos_request_audit (request, "settings.change", "professional", id, "");
    }

  /* Nothing becomes invalid silently: the future sessions the new hours leave out. */
  far = g_date_time_add_years (request->now, 10);
  if (!turnos_store_list_range (request->store, id, request->now, far, &future, NULL, &error))
    {
      turnos_answer_store_error (answer, error);
      return;
    }
  b = json_builder_new_immutable ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "settings");
  turnos_settings_to_json (settings, b);
  json_builder_set_member_name (b, "outside_hours");
  json_builder_begin_array (b);
  for (guint i = 0; i < future->len; i++)
    {
      TurnosReservation *r = g_ptr_array_index (future, i);

      if (turnos_reservation_is_live (r, request->now) &&
          g_date_time_compare (r->start, request->now) > 0 && !fits_hours (settings, r))
        turnos_reservation_to_json (r, b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  turnos_answer_json (answer, 200, json_builder_get_root (b));
}
