/* turnos-handlers-patients.c: the patient directory, a patient's export and erasure
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Privacy (Argentina's Ley 25.326, the GDPR): a patient may read everything stored about
 * them (export), and the admin erases it on request; the agendas keep the past sessions
 * under the patient's id alone, a pseudonym.
 */
#define G_LOG_DOMAIN "turnos-server"

#include "config.h"

#include <string.h>

#include "turnos-error.h"
#include "turnos-handlers.h"
#include "turnos-paging.h"
#include "turnos-password.h"
#include "turnos-server-private.h"
#include "turnos-setup.h"
#include "turnos-store.h"

#define MAX_NAME_BYTES 200
#define MAX_FIELD_BYTES 100

static void
account_json (gconstpointer  account,
              JsonBuilder   *builder)
{
  turnos_account_to_json (account, TRUE, builder);
}

/* Every reservation of @patient_id, soonest first, read page by page. */
static GPtrArray *
all_reservations (TurnosRequest  *request,
                  const char     *patient_id,
                  GError        **error)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify) turnos_reservation_unref);
  TurnosReservationQuery query = { 0 };
  gboolean more = TRUE;

  query.client_id = patient_id;
  query.now = request->now;
  query.limit = 500;
  while (more)
    {
      g_autoptr(GPtrArray) page = turnos_store_list_reservations (request->store, &query, &more, error);
      TurnosReservation *last;

      if (page == NULL)
        return NULL;
      if (page->len == 0)
        break;
      last = g_ptr_array_index (page, page->len - 1);
      query.after_start = g_date_time_to_unix (last->start);
      g_ptr_array_extend_and_steal (all, g_steal_pointer (&page));
      query.after_id = ((TurnosReservation *) g_ptr_array_index (all, all->len - 1))->id;
    }
  return g_steal_pointer (&all);
}

/* Every day @patient_id waits for, first come first, read page by page. */
static GPtrArray *
all_waiting (TurnosRequest  *request,
             const char     *patient_id,
             GError        **error)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify) turnos_waitlist_entry_unref);
  TurnosWaitlistQuery query = { 0 };
  gboolean more = TRUE;

  query.client_id = patient_id;
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

/* Whether professional @pro has ever had a session with patient @patient_id. */
static gboolean
is_their_patient (TurnosRequest *request,
                  const char    *patient_id,
                  TurnosAnswer  *answer)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  TurnosReservationQuery query = { 0 };
  gboolean more;

  query.client_id = patient_id;
  query.professional_id = request->account->id;
  query.now = request->now;
  query.limit = 1;
  if (!(list = turnos_store_list_reservations (request->store, &query, &more, &error)))
    {
      turnos_answer_store_error (answer, error);
      return FALSE;
    }
  if (list->len > 0)
    return TRUE;
  return turnos_request_forbid (request, answer);
}

/* The patient @id if the caller may read it (@edit: change it), else NULL with @answer set:
 * 403 for someone else's (before looking: a patient learns nothing of other ids), 404 for
 * no such patient. */
static TurnosAccount *
find_patient (TurnosRequest *request,
              const char    *id,
              gboolean       edit,
              TurnosAnswer  *answer)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TurnosAccount) patient = NULL;
  TurnosRole role = turnos_request_role (request);

  if (role == TURNOS_ROLE_PATIENT && !turnos_request_is (request, id))
    {
      turnos_request_forbid (request, answer);
      return NULL;
    }
  if (!(patient = turnos_store_get_account (request->store, id, &error)) ||
      patient->role != TURNOS_ROLE_PATIENT)
    {
      if (patient != NULL || g_error_matches (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_NOT_FOUND))
        turnos_answer_error (answer, 404, TURNOS_CODE_NOT_FOUND, "no such patient");
      else
        turnos_answer_store_error (answer, error);
      return NULL;
    }
  if (role == TURNOS_ROLE_PROFESSIONAL && (edit || !is_their_patient (request, id, answer)))
    {
      if (!turnos_answer_is_set (answer))
        turnos_request_forbid (request, answer);
      return NULL;
    }
  return g_steal_pointer (&patient);
}

void
turnos_handle_patients_search (TurnosRequest *request,
                               TurnosAnswer  *answer)
{
  const char *q = turnos_request_query (request, "q");
  g_autofree char *folded = NULL;
  g_autofree char *cursor = NULL;
  g_autofree char *next = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) after = NULL;
  guint limit;

  if (!turnos_request_limit (request, &limit, answer) ||
      !turnos_request_cursor (request, &cursor, answer))
    return;
  if (cursor != NULL && (!(after = g_strsplit (cursor, "\n", 2)) || g_strv_length (after) != 2))
    {
      turnos_answer_error (answer, 400, TURNOS_CODE_INVALID_FIELD, "cursor: not one this server gave");
      return;
    }
  /* The sought text, folded; "" lists everyone. */
  {
    g_autofree char *trimmed = g_strstrip (g_strdup (q ? q : ""));

    folded = turnos_fold_for_search (trimmed);
  }
  list = turnos_store_search_accounts (request->store, TURNOS_ROLE_PATIENT, folded,
                                       turnos_request_role (request) == TURNOS_ROLE_PROFESSIONAL
                                         ? request->account->id : NULL,
                                       after ? after[0] : NULL, after ? after[1] : NULL,
                                       limit + 1, &error);
  if (list == NULL)
    {
      turnos_answer_store_error (answer, error);
      return;
    }
  if (list->len > limit)
    {
      TurnosAccount *last = g_ptr_array_index (list, limit - 1);
      g_autofree char *sort = turnos_fold_for_search (last->display_name);
      g_autofree char *raw = g_strconcat (sort, "\n", last->id, NULL);

      next = turnos_cursor_encode (raw);
      g_ptr_array_set_size (list, limit);
    }
  turnos_answer_json (answer, 200, turnos_page_node ("patients", list, account_json, next));
}

/* Reads the directory's fields of @object into @patient (those present); FALSE with @answer
 * set to 400 invalid_field naming the first bad one. */
static gboolean
read_fields (TurnosRequest *request,
             JsonObject    *object,
             TurnosAccount *patient,
             TurnosAnswer  *answer)
{
  static const struct
  {
    const char *member;
    gsize       offset;
    gsize       max;
  } fields[] = {
    { "display_name", G_STRUCT_OFFSET (TurnosAccount, display_name), MAX_NAME_BYTES },
    { "document", G_STRUCT_OFFSET (TurnosAccount, document), MAX_FIELD_BYTES },
    { "phone", G_STRUCT_OFFSET (TurnosAccount, phone), MAX_FIELD_BYTES },
    { "email", G_STRUCT_OFFSET (TurnosAccount, email), MAX_FIELD_BYTES },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      char **slot = G_STRUCT_MEMBER_P (patient, fields[i].offset);
      const char *value = NULL;

      if (!json_object_has_member (object, fields[i].member))
        continue;
      if (!turnos_request_string_member (object, fields[i].member, fields[i].max, FALSE, &value,
                                         answer))
        return FALSE;
      if (g_str_equal (fields[i].member, "email") && value != NULL && *value != '\0' &&
          (strchr (value, '@') == NULL || strchr (value, ' ') != NULL))
        {
          turnos_answer_error (answer, 400, TURNOS_CODE_INVALID_FIELD, "email: not an e-mail address");
          return FALSE;
        }
      g_free (*slot);
      *slot = value != NULL && *value != '\0' ? g_strdup (value) : NULL;
    }
  if (patient->display_name == NULL || *g_strstrip (patient->display_name) == '\0')
    {
      turnos_answer_error (answer, 400, TURNOS_CODE_INVALID_FIELD, "display_name: a name is required");
      return FALSE;
    }
  return TRUE;
}

void
turnos_handle_patients_create (TurnosRequest *request,
                               TurnosAnswer  *answer)
{
  g_autoptr(JsonNode) node = turnos_request_read_object (request, answer);
  g_autoptr(TurnosAccount) patient = turnos_account_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = NULL;
  const char *username = NULL, *password = NULL;
  JsonObject *object;

  if (node == NULL)
    return;
  object = json_node_get_object (node);
  if (!read_fields (request, object, patient, answer) ||
      !turnos_request_string_member (object, "username", 64, FALSE, &username, answer) ||
      !turnos_request_string_member (object, "password", TURNOS_PASSWORD_MAX_BYTES, FALSE,
                                     &password, answer))
    return;
  if (username != NULL && !turnos_setup_name_is_valid (username))
    {
      turnos_answer_error (answer, 400, TURNOS_CODE_INVALID_FIELD,
                           "username: 1 to 64 letters, digits, “.”, “-” or “_”");
      return;
    }
  if ((username != NULL) != (password != NULL) ||
      (password != NULL && strlen (password) < TURNOS_PASSWORD_MIN_BYTES))
    {
      turnos_answer_error (answer, 400, TURNOS_CODE_INVALID_FIELD,
                           "password: with a username, an initial password of 8 to 200 bytes");
      return;
    }
  patient->id = g_uuid_string_random ();
  patient->role = TURNOS_ROLE_PATIENT;
  patient->username = g_strdup (username);
  /* A password someone else chose: the patient sets their own at the first sign-in. */
  patient->must_change = password != NULL;
  if (password != NULL && !(hash = turnos_password_hash (password)))
    {
      turnos_answer_error (answer, 500, TURNOS_CODE_INTERNAL, "cannot hash the password");
      return;
    }
  if (!turnos_store_create_account (request->store, patient, hash, request->now, &error))
    {
      if (g_error_matches (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_CONFLICT))
        turnos_answer_error (answer, 409, TURNOS_CODE_USERNAME_TAKEN, "username: taken");
      else
        turnos_answer_store_error (answer, error);
      return;
    }
  turnos_request_audit (request, "patient.create", "patient", patient->id, "");
  turnos_answer_json (answer, 201, turnos_account_to_node (patient, TRUE));
}

void
turnos_handle_patient_get (TurnosRequest *request,
                           TurnosAnswer  *answer)
{
  g_autoptr(TurnosAccount) patient = find_patient (request, request->params[0], FALSE, answer);

  if (patient != NULL)
    turnos_answer_json (answer, 200, turnos_account_to_node (patient, TRUE));
}

void
turnos_handle_patient_edit (TurnosRequest *request,
                            TurnosAnswer  *answer)
{
  g_autoptr(TurnosAccount) patient = find_patient (request, request->params[0], TRUE, answer);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) changed = g_string_new (NULL);
  const char *username = NULL;
  JsonObject *object;
  GList *members;

  if (patient == NULL || !(node = turnos_request_read_object (request, answer)))
    return;
  object = json_node_get_object (node);
  if (patient->erased)
    {
      turnos_answer_error (answer, 404, TURNOS_CODE_NOT_FOUND, "no such patient");
      return;
    }
  if (!read_fields (request, object, patient, answer))
    return;
  if (json_object_has_member (object, "username"))
    {
      if (turnos_request_role (request) == TURNOS_ROLE_PATIENT)
        {
          turnos_answer_error (answer, 403, TURNOS_CODE_FORBIDDEN, "username: the desk changes it");
          return;
        }
      if (!turnos_request_string_member (object, "username", 64, FALSE, &username, answer))
        return;
      if (username != NULL && !turnos_setup_name_is_valid (username))
        {
          turnos_answer_error (answer, 400, TURNOS_CODE_INVALID_FIELD,
                               "username: 1 to 64 letters, digits, “.”, “-” or “_”");
          return;
        }
      g_free (patient->username);
      patient->username = g_strdup (username);
    }
  if (!turnos_store_update_account (request->store, patient, &error))
    {
      if (g_error_matches (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_CONFLICT))
        turnos_answer_error (answer, 409, TURNOS_CODE_USERNAME_TAKEN, "username: taken");
      else
        turnos_answer_store_error (answer, error);
      return;
    }
  /* The audit names the fields changed, never their values. */
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    g_string_append_printf (changed, "%s%s", changed->len ? "," : "", (const char *) l->data);
  g_list_free (members);
  turnos_request_audit (request, "patient.edit", "patient", patient->id, changed->str);
  turnos_answer_json (answer, 200, turnos_account_to_node (patient, TRUE));
}

static void
audit_json (gconstpointer  entry,
            JsonBuilder   *builder)
{
  turnos_audit_entry_to_json (entry, builder);
}

void
turnos_handle_patient_export (TurnosRequest *request,
                              TurnosAnswer  *answer)
{
  g_autoptr(TurnosAccount) patient = find_patient (request, request->params[0], FALSE, answer);
  g_autoptr(GPtrArray) reservations = NULL;
  g_autoptr(GPtrArray) about = NULL;
  g_autoptr(GPtrArray) by = NULL;
  g_autoptr(GPtrArray) waiting = NULL;
  g_autoptr(JsonBuilder) b = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *at = NULL;

  if (patient == NULL)
    return;
  if (!(reservations = all_reservations (request, patient->id, &error)) ||
      !(about = turnos_store_list_audit (request->store, NULL, NULL, patient->id, 0, G_MAXINT, &error)) ||
      !(by = turnos_store_list_audit (request->store, NULL, patient->id, NULL, 0, G_MAXINT, &error)) ||
      !(waiting = all_waiting (request, patient->id, &error)))
    {
      turnos_answer_store_error (answer, error);
      return;
    }
  b = json_builder_new_immutable ();
  at = g_date_time_format (request->now, "%Y-%m-%dT%H:%M:%S%:z");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "exported_at");
  json_builder_add_string_value (b, at);
  json_builder_set_member_name (b, "patient");
  turnos_account_to_json (patient, TRUE, b);
  json_builder_set_member_name (b, "reservations");
  json_builder_begin_array (b);
  for (guint i = 0; i < reservations->len; i++)
    turnos_reservation_to_json (g_ptr_array_index (reservations, i), b);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "waitlist");
  json_builder_begin_array (b);
  for (guint i = 0; i < waiting->len; i++)
    turnos_waitlist_entry_to_json (g_ptr_array_index (waiting, i), b);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "audit");
  json_builder_begin_array (b);
  for (guint i = 0; i < about->len; i++)
    audit_json (g_ptr_array_index (about, i), b);
  for (guint i = 0; i < by->len; i++)
    if (g_strcmp0 (((TurnosAuditEntry *) g_ptr_array_index (by, i))->target_id, patient->id) != 0)
      audit_json (g_ptr_array_index (by, i), b);
  json_builder_end_array (b);
  json_builder_end_object (b);
  turnos_request_audit (request, "patient.export", "patient", patient->id, "");
  turnos_answer_json (answer, 200, json_builder_get_root (b));
}

void
turnos_handle_patient_erase (TurnosRequest *request,
                             TurnosAnswer  *answer)
{
  g_autoptr(TurnosAccount) patient = find_patient (request, request->params[0], TRUE, answer);
  g_autoptr(GError) error = NULL;

  if (patient == NULL)
    return;
  if (!turnos_store_erase_account (request->store, patient->id, request->now, &error))
    {
      turnos_answer_store_error (answer, error);
      return;
    }
  turnos_auth_forget_account (_turnos_server_get_auth (request->server), patient->id, NULL);
  turnos_request_audit (request, "patient.erase", "patient", patient->id, "");
  turnos_answer_clear (answer);
  answer->status = 204;
}
