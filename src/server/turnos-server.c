/* turnos-server.c: the reservations API on a SoupServer
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-server"
#define G_LOG_USE_STRUCTURED 1

#include "config.h"

#include <libsoup/soup.h>
#include <errno.h>
#include <sys/socket.h>
#include <string.h>

#include "turnos-availability.h"
#include "turnos-error.h"
#include "turnos-json.h"
#include "turnos-server.h"
#include "turnos-slots.h"
#include "turnos-time.h"

struct _TurnosServer
{
  GObject            parent_instance;

  SoupServer        *soup;
  TurnosStore       *store;
  guint              hold_minutes;
  gboolean           log_requests;
  TurnosServerClock  clock;
  gpointer           clock_data;
};

G_DEFINE_FINAL_TYPE (TurnosServer, turnos_server, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_HOLD_MINUTES,
  PROP_LOG_REQUESTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What one request is answering with; filled by a handler, sent by handle_cb. */
typedef struct
{
  guint       status;
  JsonNode   *body;       /* JSON answer as a tree, or NULL */
  char       *json;       /* JSON answer streamed by a TurnosJsonWriter, or NULL */
  gsize       json_len;
  char       *html;       /* an HTML answer (the sandbox checkout), or NULL */
} Answer;

static void
answer_json (Answer   *answer,
             guint     status,
             JsonNode *body)
{
  answer->status = status;
  answer->body = body;
}

/* A 200 written without a tree: takes @writer. */
static void
answer_written (Answer           *answer,
                TurnosJsonWriter *writer)
{
  answer->status = 200;
  answer->json = turnos_json_writer_free_to_string (writer, &answer->json_len);
}

static void
answer_error (Answer     *answer,
              guint       status,
              const char *code,
              const char *message)
{
  answer->status = status;
  g_clear_pointer (&answer->body, json_node_unref);
  g_clear_pointer (&answer->json, g_free);
  answer->body = turnos_json_error_new (code, message);
}

static GDateTime *
now (TurnosServer *self)
{
  return self->clock ? self->clock (self->clock_data) : g_date_time_new_now_utc ();
}

/* Maps a store failure onto the API. */
static void
answer_store_error (Answer       *answer,
                    const GError *error)
{
  if (error->domain == TURNOS_STORE_ERROR)
    switch ((TurnosStoreError) error->code)
      {
      case TURNOS_STORE_ERROR_NOT_FOUND:
        answer_error (answer, 404, TURNOS_CODE_NOT_FOUND, error->message);
        return;
      case TURNOS_STORE_ERROR_CONFLICT:
        answer_error (answer, 409, TURNOS_CODE_SLOT_TAKEN, error->message);
        return;
      case TURNOS_STORE_ERROR_ALREADY_CANCELLED:
        answer_error (answer, 409, TURNOS_CODE_ALREADY_CANCELLED, error->message);
        return;
      case TURNOS_STORE_ERROR_IDEMPOTENCY_MISMATCH:
        answer_error (answer, 422, TURNOS_CODE_IDEMPOTENCY_MISMATCH, error->message);
        return;
      case TURNOS_STORE_ERROR_FAILED:
      default:
        break;
      }
  g_warning ("store: %s", error->message);
  answer_error (answer, 500, TURNOS_CODE_INTERNAL, "the store failed");
}

static JsonNode *
list_node (const char *member,
           GPtrArray  *items,
           void      (*to_json) (gconstpointer, JsonBuilder *))
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; i < items->len; i++)
    to_json (g_ptr_array_index (items, i), builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* The professional named by @id, or an answer saying why not. */
static TurnosSettings *
find_professional (TurnosServer *self,
                   const char   *id,
                   Answer       *answer)
{
  g_autoptr(GError) error = NULL;
  TurnosSettings *settings;

  if (id == NULL || *id == '\0')
    {
      answer_error (answer, 400, TURNOS_CODE_BAD_REQUEST, "professional_id is required");
      return NULL;
    }
  settings = turnos_store_get_professional (self->store, id, &error);
  if (settings == NULL)
    {
      if (g_error_matches (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_NOT_FOUND))
        answer_error (answer, 404, TURNOS_CODE_UNKNOWN_PROFESSIONAL, error->message);
      else
        answer_store_error (answer, error);
    }
  return settings;
}

/* Availability of one day: the seed's fields, then occupied, blocked and the free slots. */
static TurnosAvailability *
compute_day (TurnosServer   *self,
             TurnosSettings *settings,
             const GDate    *date,
             GDateTime      *at,
             GPtrArray     **live_out,
             GError        **error)
{
  g_autoptr(TurnosAvailability) a = turnos_availability_new ();
  g_autoptr(GDateTime) day_start = NULL;
  g_autoptr(GDateTime) day_end = NULL;
  g_autoptr(GPtrArray) reservations = NULL;
  g_autoptr(GPtrArray) blocks = NULL;
  g_autoptr(GPtrArray) starts = g_ptr_array_new_null_terminated (8, g_free, TRUE);
  g_autoptr(GPtrArray) live = g_ptr_array_new_with_free_func ((GDestroyNotify) turnos_reservation_unref);

  turnos_day_bounds (settings->tz, date, &day_start, &day_end);
  if (!turnos_store_list_range (self->store, settings->user_id, day_start, day_end,
                                &reservations, &blocks, error))
    return NULL;

  a->date = *date;
  a->timezone = g_strdup (settings->timezone);
  a->tz = g_time_zone_ref (settings->tz);
  for (guint i = 0; i < reservations->len; i++)
    {
      TurnosReservation *r = g_ptr_array_index (reservations, i);
      TurnosInterval iv;

      if (!turnos_reservation_is_live (r, at))
        continue;
      g_ptr_array_add (live, turnos_reservation_ref (r));
      g_ptr_array_add (starts, turnos_time_format (r->start));
      turnos_interval_init (&iv, r->start, r->end);
      g_array_append_val (a->occupied, iv);
    }
  g_strfreev (a->occupied_slots);
  a->occupied_slots = (GStrv) g_ptr_array_steal (starts, NULL);
  g_ptr_array_extend_and_steal (a->blocked, g_steal_pointer (&blocks));
  g_array_unref (a->slots);
  a->slots = turnos_slots_compute_for (settings, date, live, a->blocked, at);
  a->has_slots = TRUE;
  if (live_out != NULL)
    *live_out = g_steal_pointer (&live);
  return g_steal_pointer (&a);
}

/*
 * Handlers
 */

static void
get_availability (TurnosServer *self,
                  GHashTable   *query,
                  Answer       *answer)
{
  g_autoptr(TurnosSettings) settings = NULL;
  g_autoptr(TurnosAvailability) a = NULL;
  g_autoptr(GDateTime) at = now (self);
  g_autoptr(GError) error = NULL;
  GDate date;

  if (!turnos_date_parse (query ? g_hash_table_lookup (query, "date") : NULL, &date, &error))
    {
      answer_error (answer, 400, TURNOS_CODE_INVALID_DATE, error->message);
      return;
    }
  if (!(settings = find_professional (self, query ? g_hash_table_lookup (query, "professional_id") : NULL, answer)))
    return;
  if (!(a = compute_day (self, settings, &date, at, NULL, &error)))
    {
      answer_store_error (answer, error);
      return;
    }
  answer->status = 200;
  answer->json = turnos_availability_to_json (a, &answer->json_len);
}

/* The front desk's day: the availability answer plus who booked what. */
static void
get_desk_day (TurnosServer *self,
              const char   *prof,
              GHashTable   *query,
              Answer       *answer)
{
  g_autoptr(TurnosSettings) settings = NULL;
  g_autoptr(TurnosAvailability) a = NULL;
  g_autoptr(GPtrArray) live = NULL;
  g_autoptr(GDateTime) at = now (self);
  g_autoptr(GError) error = NULL;
  GDate date;

  if (!turnos_date_parse (query ? g_hash_table_lookup (query, "date") : NULL, &date, &error))
    {
      answer_error (answer, 400, TURNOS_CODE_INVALID_DATE, error->message);
      return;
    }
  if (!(settings = find_professional (self, prof, answer)))
    return;
  if (!(a = compute_day (self, settings, &date, at, &live, &error)))
    {
      answer_store_error (answer, error);
      return;
    }
  /* The availability's members, then the reservations, in one object. */
  {
    TurnosJsonWriter *w = turnos_json_writer_new ();

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
    turnos_json_writer_end_object (w);
    answer_written (answer, w);
  }
}

static void
get_month (TurnosServer *self,
           GHashTable   *query,
           Answer       *answer)
{
  g_autoptr(TurnosSettings) settings = NULL;
  g_autoptr(TurnosMonthOverview) m = turnos_month_overview_new ();
  g_autoptr(GDateTime) at = now (self);
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) to = NULL;
  g_autoptr(GPtrArray) reservations = NULL;
  g_autoptr(GPtrArray) blocks = NULL;
  g_autoptr(GError) error = NULL;
  GDate first, last;
  int year, month;

  if (!turnos_month_parse (query ? g_hash_table_lookup (query, "month") : NULL, &year, &month, &error) ||
      year < 1900 || year > 9000)
    {
      answer_error (answer, 400, TURNOS_CODE_INVALID_DATE,
                    error ? error->message : "month out of range");
      return;
    }
  if (!(settings = find_professional (self, query ? g_hash_table_lookup (query, "professional_id") : NULL, answer)))
    return;

  /* One range query for the month, then the engine per day. */
  g_date_clear (&first, 1);
  g_date_set_dmy (&first, 1, month, year);
  last = first;
  g_date_add_days (&last, g_date_get_days_in_month (month, year) - 1);
  turnos_day_bounds (settings->tz, &first, &from, NULL);
  turnos_day_bounds (settings->tz, &last, NULL, &to);
  if (!turnos_store_list_range (self->store, settings->user_id, from, to, &reservations, &blocks, &error))
    {
      answer_store_error (answer, error);
      return;
    }

  m->year = year;
  m->month = month;
  m->timezone = g_strdup (settings->timezone);
  for (GDate d = first; g_date_compare (&d, &last) <= 0; g_date_add_days (&d, 1))
    {
      g_autoptr(GArray) slots = turnos_slots_compute_for (settings, &d, reservations, blocks, at);
      TurnosMonthDay day = { d, (int) slots->len };

      g_array_append_val (m->days, day);
    }
  answer->status = 200;
  answer->json = turnos_month_overview_to_json (m, &answer->json_len);
}

static void
get_professionals (TurnosServer *self,
                   Answer       *answer)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = turnos_store_list_professionals (self->store, &error);

  if (list == NULL)
    answer_store_error (answer, error);
  else
    answer_json (answer, 200, list_node ("professionals", list, (gpointer) turnos_settings_to_json));
}

/* The body as a JSON object, or an answer saying why not. */
static JsonNode *
read_body (SoupServerMessage *msg,
           Answer            *answer)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autoptr(GError) error = NULL;
  JsonNode *node;
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  if (len > TURNOS_SERVER_MAX_BODY)
    {
      answer_error (answer, 413, TURNOS_CODE_BODY_TOO_LARGE, "the body is too large");
      return NULL;
    }
  if (!(node = turnos_json_parse (data, len, &error)))
    {
      answer_error (answer, 400, TURNOS_CODE_BAD_REQUEST, error->message);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      json_node_unref (node);
      answer_error (answer, 400, TURNOS_CODE_BAD_REQUEST, "the body is not a JSON object");
      return NULL;
    }
  return node;
}

/* Reads a reservation request and applies every rule but the overlap: returns the draft
 * with the server's end time, the professional and the request's hash. */
static TurnosReservation *
read_draft (TurnosServer       *self,
            SoupServerMessage  *msg,
            GDateTime          *at,
            TurnosSettings    **settings_out,
            char              **hash_out,
            Answer             *answer)
{
  g_autoptr(JsonNode) node = read_body (msg, answer);
  g_autoptr(TurnosSettings) settings = NULL;
  g_autoptr(TurnosReservation) draft = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) end = NULL;
  g_autofree char *canonical = NULL;
  const char *prof = NULL;
  JsonObject *object;

  if (node == NULL)
    return NULL;
  object = json_node_get_object (node);
  if (!turnos_json_get_string (object, "professional_id", FALSE, &prof, &error))
    {
      answer_error (answer, 400, TURNOS_CODE_BAD_REQUEST, error->message);
      return NULL;
    }
  if (!(settings = find_professional (self, prof, answer)))
    return NULL;
  /* Times are the professional's wall clock, whatever zone the body claims. */
  json_object_remove_member (object, "timezone");
  if (!(draft = turnos_reservation_from_json (node, settings->tz, &error)))
    {
      answer_error (answer, 400,
                    error->code == TURNOS_ERROR_PARSE ? TURNOS_CODE_INVALID_TIME : turnos_error_to_code (error),
                    error->message);
      return NULL;
    }
  if (strlen (draft->client_id) > 200)
    {
      answer_error (answer, 400, TURNOS_CODE_INVALID_FIELD, "client_id is too long");
      return NULL;
    }

  /* The server owns the end time: absent, it is computed; present, it must match. */
  end = g_date_time_add_minutes (draft->start, settings->session_duration_minutes > 0
                                 ? settings->session_duration_minutes
                                 : TURNOS_DEFAULT_SESSION_MINUTES);
  if (draft->end == NULL)
    draft->end = g_date_time_ref (end);
  if (!turnos_slots_check_booking (settings, draft->start, draft->end, draft->modality, at, &error))
    {
      answer_error (answer, 422, turnos_error_to_code (error), error->message);
      return NULL;
    }
  draft->status = TURNOS_STATUS_PENDING;

  canonical = g_strdup_printf ("%s|%s|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT "|%s",
                               draft->client_id, draft->professional_id,
                               g_date_time_to_unix (draft->start), g_date_time_to_unix (draft->end),
                               turnos_modality_to_string (draft->modality));
  *hash_out = g_compute_checksum_for_string (G_CHECKSUM_SHA256, canonical, -1);
  *settings_out = g_steal_pointer (&settings);
  return g_steal_pointer (&draft);
}

static const char *
idempotency_key (SoupServerMessage *msg,
                 Answer            *answer)
{
  const char *key = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                  "Idempotency-Key");

  if (key != NULL && (strlen (key) == 0 || strlen (key) > 200))
    {
      answer_error (answer, 400, TURNOS_CODE_INVALID_FIELD, "Idempotency-Key must be 1 to 200 characters");
      return NULL;
    }
  return key;
}

static void
create_without_payment (TurnosServer      *self,
                        SoupServerMessage *msg,
                        Answer            *answer)
{
  g_autoptr(GDateTime) at = now (self);
  g_autoptr(TurnosSettings) settings = NULL;
  g_autoptr(TurnosReservation) draft = NULL;
  g_autoptr(TurnosReservation) stored = NULL;
  g_autoptr(TurnosReservation) conflict = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = NULL;
  const char *key = idempotency_key (msg, answer);
  gboolean replayed = FALSE;

  if (answer->body != NULL)
    return;
  if (!(draft = read_draft (self, msg, at, &settings, &hash, answer)))
    return;
  if (settings->requires_deposit)
    {
      answer_error (answer, 422, TURNOS_CODE_DEPOSIT_REQUIRED,
                    "this professional requires a deposit: use /reservations/payment");
      return;
    }
  stored = turnos_store_create_reservation (self->store, draft, key, hash, at, NULL,
                                            &replayed, &conflict, &error);
  if (stored == NULL)
    answer_store_error (answer, error);
  else
    answer_json (answer, 201, turnos_reservation_to_node (stored));  /* a replay answers as the first time */
}

static char *
checkout_url (TurnosServer      *self,
              SoupServerMessage *msg,
              const char        *payment_id)
{
  GUri *uri = soup_server_message_get_uri (msg);

  return g_strdup_printf ("http://%s:%d/sandbox/checkout/%s", g_uri_get_host (uri),
                          g_uri_get_port (uri), payment_id);
}

static void
answer_payment (TurnosServer      *self,
                SoupServerMessage *msg,
                TurnosPayment     *payment,
                guint              status,
                Answer            *answer)
{
  g_free (payment->checkout_url);
  payment->checkout_url = checkout_url (self, msg, payment->payment_id);
  answer_json (answer, status, turnos_payment_to_node (payment));
}

static void
create_payment (TurnosServer      *self,
                SoupServerMessage *msg,
                Answer            *answer)
{
  g_autoptr(GDateTime) at = now (self);
  g_autoptr(GDateTime) expires = NULL;
  g_autoptr(TurnosSettings) settings = NULL;
  g_autoptr(TurnosReservation) draft = NULL;
  g_autoptr(TurnosPayment) payment = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = NULL;
  const char *key = idempotency_key (msg, answer);
  gboolean replayed = FALSE;

  if (answer->body != NULL)
    return;
  if (!(draft = read_draft (self, msg, at, &settings, &hash, answer)))
    return;
  if (!settings->requires_deposit || settings->deposit_amount == NULL)
    {
      answer_error (answer, 422, TURNOS_CODE_INVALID_FIELD,
                    "this professional takes no deposit: use /reservations/create-without-payment");
      return;
    }
  expires = g_date_time_add_minutes (at, self->hold_minutes);
  payment = turnos_store_create_payment (self->store, draft, settings->deposit_amount,
                                         settings->currency ? settings->currency : "ARS",
                                         key, hash, at, expires, &replayed, NULL, &error);
  if (payment == NULL)
    answer_store_error (answer, error);
  else
    answer_payment (self, msg, payment, 201, answer);
}

static void
get_payment (TurnosServer      *self,
             SoupServerMessage *msg,
             const char        *payment_id,
             Answer            *answer)
{
  g_autoptr(GDateTime) at = now (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(TurnosPayment) payment = turnos_store_get_payment (self->store, payment_id, at, &error);

  if (payment == NULL)
    answer_store_error (answer, error);
  else
    answer_payment (self, msg, payment, 200, answer);
}

static void
list_reservations (TurnosServer *self,
                   GHashTable   *query,
                   Answer       *answer)
{
  const char *client = query ? g_hash_table_lookup (query, "client_id") : NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;

  if (client == NULL || *client == '\0')
    {
      answer_error (answer, 400, TURNOS_CODE_BAD_REQUEST, "client_id is required");
      return;
    }
  if (!(list = turnos_store_list_for_client (self->store, client, &error)))
    answer_store_error (answer, error);
  else
    answer_json (answer, 200, list_node ("reservations", list, (gpointer) turnos_reservation_to_json));
}

static void
cancel_reservation (TurnosServer *self,
                    const char   *id,
                    Answer       *answer)
{
  g_autoptr(GDateTime) at = now (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(TurnosReservation) r = turnos_store_get_reservation (self->store, id, &error);
  g_autoptr(TurnosReservation) cancelled = NULL;
  g_autoptr(TurnosSettings) settings = NULL;

  if (r == NULL)
    {
      answer_store_error (answer, error);
      return;
    }
  if (r->status == TURNOS_STATUS_CANCELLED)
    {
      answer_error (answer, 409, TURNOS_CODE_ALREADY_CANCELLED, "the reservation is already cancelled");
      return;
    }
  if (g_date_time_compare (r->start, at) <= 0)
    {
      answer_error (answer, 409, TURNOS_CODE_RESERVATION_PAST, "the reservation has already begun");
      return;
    }
  if (!(settings = find_professional (self, r->professional_id, answer)))
    return;
  if (g_date_time_difference (r->start, at) < (GTimeSpan) settings->cancel_notice_minutes * G_TIME_SPAN_MINUTE)
    {
      answer_error (answer, 409, TURNOS_CODE_TOO_LATE_TO_CANCEL,
                    "cancelling needs more notice than is left");
      return;
    }
  if (!(cancelled = turnos_store_set_status (self->store, id, TURNOS_STATUS_CANCELLED, &error)))
    answer_store_error (answer, error);
  else
    answer_json (answer, 200, turnos_reservation_to_node (cancelled));
}

static void
list_blocks (TurnosServer *self,
             const char   *prof,
             GHashTable   *query,
             Answer       *answer)
{
  g_autoptr(TurnosSettings) settings = find_professional (self, prof, answer);
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) to = NULL;
  g_autoptr(GPtrArray) blocks = NULL;
  g_autoptr(GError) error = NULL;
  const char *from_str = query ? g_hash_table_lookup (query, "from") : NULL;
  const char *to_str = query ? g_hash_table_lookup (query, "to") : NULL;
  GDate d;

  if (settings == NULL)
    return;
  if (from_str != NULL)
    {
      if (!turnos_date_parse (from_str, &d, &error))
        {
          answer_error (answer, 400, TURNOS_CODE_INVALID_DATE, error->message);
          return;
        }
      turnos_day_bounds (settings->tz, &d, &from, NULL);
    }
  else
    from = g_date_time_new_from_unix_utc (0);
  if (to_str != NULL)
    {
      if (!turnos_date_parse (to_str, &d, &error))
        {
          answer_error (answer, 400, TURNOS_CODE_INVALID_DATE, error->message);
          return;
        }
      turnos_day_bounds (settings->tz, &d, NULL, &to);
    }
  else
    to = g_date_time_new_utc (9999, 12, 31, 0, 0, 0);
  if (!turnos_store_list_range (self->store, prof, from, to, NULL, &blocks, &error))
    answer_store_error (answer, error);
  else
    answer_json (answer, 200, list_node ("blocks", blocks, (gpointer) turnos_block_to_json));
}

static void
add_block (TurnosServer      *self,
           const char        *prof,
           SoupServerMessage *msg,
           Answer            *answer)
{
  g_autoptr(TurnosSettings) settings = find_professional (self, prof, answer);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(TurnosBlock) block = NULL;
  g_autoptr(TurnosBlock) stored = NULL;
  g_autoptr(TurnosReservation) conflict = NULL;
  g_autoptr(GDateTime) at = now (self);
  g_autoptr(GError) error = NULL;

  if (settings == NULL || !(node = read_body (msg, answer)))
    return;
  json_object_remove_member (json_node_get_object (node), "timezone");
  if (!(block = turnos_block_from_json (node, settings->tz, &error)))
    {
      answer_error (answer, 400,
                    error->code == TURNOS_ERROR_PARSE ? TURNOS_CODE_INVALID_TIME : turnos_error_to_code (error),
                    error->message);
      return;
    }
  if (block->reason != NULL && strlen (block->reason) > 500)
    {
      answer_error (answer, 400, TURNOS_CODE_INVALID_FIELD, "reason is too long");
      return;
    }
  g_free (block->professional_id);
  block->professional_id = g_strdup (prof);
  stored = turnos_store_add_block (self->store, block, at, &conflict, &error);
  if (stored == NULL && g_error_matches (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_CONFLICT))
    {
      answer_error (answer, 409, TURNOS_CODE_BLOCK_OVERLAPS, error->message);
      if (conflict != NULL)
        {
          JsonObject *inner = json_object_get_object_member (json_node_get_object (answer->body), "error");

          json_object_set_member (inner, "reservation", turnos_reservation_to_node (conflict));
        }
    }
  else if (stored == NULL)
    answer_store_error (answer, error);
  else
    {
      g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

      turnos_block_to_json (stored, builder);
      answer_json (answer, 201, json_builder_get_root (builder));
    }
}

static void
remove_block (TurnosServer *self,
              const char   *prof,
              const char   *block_id,
              Answer       *answer)
{
  g_autoptr(GError) error = NULL;

  if (!turnos_store_remove_block (self->store, prof, block_id, &error))
    answer_store_error (answer, error);
  else
    answer->status = 204;
}

/* The sandbox provider's checkout: a page with Pay and Decline, as a real provider's would be. */
static void
sandbox_page (TurnosServer *self,
              const char   *payment_id,
              const char   *action,
              Answer       *answer)
{
  g_autoptr(GDateTime) at = now (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(TurnosPayment) payment = NULL;
  g_autofree char *amount = NULL;
  g_autofree char *id = NULL;
  const char *status;

  if (action != NULL)
    payment = turnos_store_decide_payment (self->store, payment_id,
                                           g_str_equal (action, "pay"), at, &error);
  else
    payment = turnos_store_get_payment (self->store, payment_id, at, &error);
  if (payment == NULL)
    {
      answer_store_error (answer, error);
      return;
    }

  amount = g_markup_printf_escaped ("%s %s", payment->amount, payment->currency);
  id = g_markup_escape_text (payment->payment_id, -1);
  status = turnos_payment_status_to_string (payment->status);
  answer->status = 200;
  if (payment->status == TURNOS_PAYMENT_PENDING)
    answer->html = g_strdup_printf (
      "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Turnos sandbox checkout</title>"
      "<style>body{font-family:sans-serif;max-width:28em;margin:3em auto}"
      "button{font-size:1.1em;padding:.5em 1.5em;margin-right:1em}</style></head><body>"
      "<h1>Sandbox checkout</h1><p>Deposit: <strong>%s</strong></p>"
      "<p>This is the built-in test provider: no money moves.</p>"
      "<form method=\"post\" action=\"/sandbox/checkout/%s/pay\" style=\"display:inline\">"
      "<button type=\"submit\">Pay</button></form>"
      "<form method=\"post\" action=\"/sandbox/checkout/%s/decline\" style=\"display:inline\">"
      "<button type=\"submit\">Decline</button></form></body></html>", amount, id, id);
  else
    answer->html = g_strdup_printf (
      "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Turnos sandbox checkout</title>"
      "</head><body><h1>Payment %s</h1><p>Deposit: %s. You can return to Turnos.</p>"
      "</body></html>", status, amount);
}

/*
 * Routing
 */

static void
route (TurnosServer      *self,
       SoupServerMessage *msg,
       const char        *method,
       const char        *path,
       GHashTable        *query,
       Answer            *answer)
{
  g_auto(GStrv) parts = g_strsplit (path + 1, "/", 6);
  guint n = g_strv_length (parts);
  gboolean get = g_str_equal (method, "GET"), post = g_str_equal (method, "POST");
  gboolean matched = TRUE;

  /* An empty segment ("//", a trailing "/") matches no route. */
  for (guint i = 0; i < n; i++)
    if (*parts[i] == '\0')
      n = 0;

#define IS(i, word) (g_str_equal (parts[i], word))
  if (n == 1 && IS (0, "health"))
    {
      if (get)
        {
          g_autoptr(JsonBuilder) b = json_builder_new_immutable ();

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "status");
          json_builder_add_string_value (b, "ok");
          json_builder_end_object (b);
          answer_json (answer, 200, json_builder_get_root (b));
          return;
        }
    }
  else if (n == 1 && IS (0, "professionals"))
    {
      if (get)
        return get_professionals (self, answer);
    }
  else if (n == 3 && IS (0, "professionals") && IS (2, "settings"))
    {
      if (get)
        {
          g_autoptr(TurnosSettings) s = find_professional (self, parts[1], answer);

          if (s != NULL)
            answer_json (answer, 200, turnos_settings_to_node (s));
          return;
        }
    }
  else if (n == 3 && IS (0, "professionals") && IS (2, "day"))
    {
      if (get)
        return get_desk_day (self, parts[1], query, answer);
    }
  else if (n == 3 && IS (0, "professionals") && IS (2, "blocks"))
    {
      if (get)
        return list_blocks (self, parts[1], query, answer);
      if (post)
        return add_block (self, parts[1], msg, answer);
    }
  else if (n == 4 && IS (0, "professionals") && IS (2, "blocks"))
    {
      if (g_str_equal (method, "DELETE"))
        return remove_block (self, parts[1], parts[3], answer);
    }
  else if (n == 1 && IS (0, "reservations"))
    {
      if (get)
        return list_reservations (self, query, answer);
    }
  else if (n == 2 && IS (0, "reservations") && IS (1, "availability"))
    {
      if (get)
        return get_availability (self, query, answer);
    }
  else if (n == 3 && IS (0, "reservations") && IS (1, "availability") && IS (2, "month"))
    {
      if (get)
        return get_month (self, query, answer);
    }
  else if (n == 2 && IS (0, "reservations") && IS (1, "create-without-payment"))
    {
      if (post)
        return create_without_payment (self, msg, answer);
    }
  else if (n == 2 && IS (0, "reservations") && IS (1, "payment"))
    {
      if (post)
        return create_payment (self, msg, answer);
    }
  else if (n == 3 && IS (0, "reservations") && IS (1, "payment"))
    {
      if (get)
        return get_payment (self, msg, parts[2], answer);
    }
  else if (n == 3 && IS (0, "reservations") && IS (2, "cancel"))
    {
      if (post)
        return cancel_reservation (self, parts[1], answer);
    }
  else if (n == 3 && IS (0, "sandbox") && IS (1, "checkout"))
    {
      if (get)
        return sandbox_page (self, parts[2], NULL, answer);
    }
  else if (n == 4 && IS (0, "sandbox") && IS (1, "checkout") && (IS (3, "pay") || IS (3, "decline")))
    {
      if (post)
        return sandbox_page (self, parts[2], parts[3], answer);
    }
  else
    matched = FALSE;
#undef IS

  if (matched)
    answer_error (answer, 405, TURNOS_CODE_METHOD_NOT_ALLOWED, "method not allowed here");
  else
    answer_error (answer, 404, TURNOS_CODE_NOT_FOUND, "no such resource");
}

static void
handle_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  TurnosServer *self = user_data;
  gint64 started = g_get_monotonic_time ();
  const char *method = soup_server_message_get_method (msg);
  goffset declared = soup_message_headers_get_content_length (soup_server_message_get_request_headers (msg));
  Answer answer = { 0 };

  if (declared > TURNOS_SERVER_MAX_BODY)
    answer_error (&answer, 413, TURNOS_CODE_BODY_TOO_LARGE, "the body is too large");
  else
    route (self, msg, method, path, query, &answer);

  if (answer.html != NULL)
    {
      gsize len = strlen (answer.html);

      soup_server_message_set_response (msg, "text/html; charset=utf-8", SOUP_MEMORY_TAKE,
                                        g_steal_pointer (&answer.html), len);
    }
  else if (answer.json != NULL)
    soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE,
                                      g_steal_pointer (&answer.json), answer.json_len);
  else if (answer.body != NULL)
    {
      gsize len;
      char *json = turnos_json_to_string (answer.body, &len);

      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, json, len);
    }
  soup_server_message_set_status (msg, answer.status ? answer.status : 500, NULL);
  g_clear_pointer (&answer.body, json_node_unref);

  if (self->log_requests)
    {
      GUri *uri = soup_server_message_get_uri (msg);
      const char *q = g_uri_get_query (uri);

      g_message ("%s %s%s%s -> %u (%.1f ms)", method, path, q ? "?" : "", q ? q : "",
                 answer.status, (g_get_monotonic_time () - started) / 1000.0);
    }
}

/*
 * GObject overrides
 */

static void
turnos_server_dispose (GObject *object)
{
  TurnosServer *self = TURNOS_SERVER (object);

  if (self->soup != NULL)
    soup_server_disconnect (self->soup);
  g_clear_object (&self->soup);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (turnos_server_parent_class)->dispose (object);
}

static void
turnos_server_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  TurnosServer *self = TURNOS_SERVER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_HOLD_MINUTES:
      g_value_set_uint (value, self->hold_minutes);
      break;
    case PROP_LOG_REQUESTS:
      g_value_set_boolean (value, self->log_requests);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_server_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  TurnosServer *self = TURNOS_SERVER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_HOLD_MINUTES:
      self->hold_minutes = g_value_get_uint (value);
      break;
    case PROP_LOG_REQUESTS:
      self->log_requests = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_server_class_init (TurnosServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = turnos_server_dispose;
  object_class->get_property = turnos_server_get_property;
  object_class->set_property = turnos_server_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, TURNOS_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HOLD_MINUTES] =
    g_param_spec_uint ("hold-minutes", NULL, NULL, 1, 24 * 60, 15,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOG_REQUESTS] =
    g_param_spec_boolean ("log-requests", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
turnos_server_init (TurnosServer *self)
{
  self->hold_minutes = 15;
  self->log_requests = TRUE;
  self->soup = soup_server_new ("server-header", "turnos-server/" PACKAGE_VERSION " ", NULL);
  soup_server_add_handler (self->soup, NULL, handle_cb, self, NULL);
}

/*
 * Public API
 */

TurnosServer *
turnos_server_new (TurnosStore *store)
{
  g_return_val_if_fail (TURNOS_IS_STORE (store), NULL);
  return g_object_new (TURNOS_TYPE_SERVER, "store", store, NULL);
}

void
turnos_server_set_hold_minutes (TurnosServer *self,
                                guint         minutes)
{
  g_return_if_fail (TURNOS_IS_SERVER (self));
  if (self->hold_minutes == minutes)
    return;
  self->hold_minutes = minutes;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HOLD_MINUTES]);
}

void
turnos_server_set_clock (TurnosServer      *self,
                         TurnosServerClock  clock,
                         gpointer           user_data)
{
  g_return_if_fail (TURNOS_IS_SERVER (self));
  self->clock = clock;
  self->clock_data = user_data;
}

gboolean
turnos_socket_bind_shared (GSocket         *socket,
                           GSocketAddress  *address,
                           GError         **error)
{
  struct sockaddr_storage native;
  gssize len = g_socket_address_get_native_size (address);

  /* g_socket_bind() turns SO_REUSEPORT off again for stream sockets: bind the fd ourselves. */
  if (!g_socket_set_option (socket, SOL_SOCKET, SO_REUSEADDR, 1, error) ||
      !g_socket_set_option (socket, SOL_SOCKET, SO_REUSEPORT, 1, error) ||
      !g_socket_address_to_native (address, &native, sizeof native, error))
    return FALSE;
  if (bind (g_socket_get_fd (socket), (struct sockaddr *) &native, len) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "cannot bind: %s",
                   g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

static gboolean
listen_on (TurnosServer  *self,
           const char    *address,
           guint16        port,
           gboolean       shared,
           GError       **error)
{
  g_autoptr(GInetAddress) inet = NULL;
  g_autoptr(GSocketAddress) sockaddr = NULL;
  g_autoptr(GSocket) socket = NULL;

  g_return_val_if_fail (TURNOS_IS_SERVER (self), FALSE);

  if ((inet = g_inet_address_new_from_string (address)) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "“%s” is not an IP address", address);
      return FALSE;
    }
  sockaddr = g_inet_socket_address_new (inet, port);

  /* SoupServer's own socket keeps GLib's backlog of 10: fifty desks connecting at once would
   * see resets. A socket of ours carries a deep queue. */
  socket = g_socket_new (g_inet_address_get_family (inet), G_SOCKET_TYPE_STREAM,
                         G_SOCKET_PROTOCOL_TCP, error);
  if (socket == NULL)
    return FALSE;
  g_socket_set_listen_backlog (socket, TURNOS_SERVER_BACKLOG);
  if (!(shared ? turnos_socket_bind_shared (socket, sockaddr, error)
               : g_socket_bind (socket, sockaddr, TRUE, error)) ||
      !g_socket_listen (socket, error))
    return FALSE;
  return soup_server_listen_socket (self->soup, socket, 0, error);
}

gboolean
turnos_server_listen (TurnosServer  *self,
                      const char    *address,
                      guint16        port,
                      GError       **error)
{
  return listen_on (self, address, port, FALSE, error);
}

gboolean
turnos_server_listen_shared (TurnosServer  *self,
                             const char    *address,
                             guint16        port,
                             GError       **error)
{
  return listen_on (self, address, port, TRUE, error);
}

char *
turnos_server_dup_base_url (TurnosServer *self)
{
  g_autoslist(GUri) uris = NULL;

  g_return_val_if_fail (TURNOS_IS_SERVER (self), NULL);

  uris = soup_server_get_uris (self->soup);
  if (uris == NULL)
    return NULL;
  return g_strdup_printf ("http://%s:%d/", g_uri_get_host (uris->data), g_uri_get_port (uris->data));
}

void
turnos_server_disconnect (TurnosServer *self)
{
  g_return_if_fail (TURNOS_IS_SERVER (self));
  soup_server_disconnect (self->soup);
}

gboolean
turnos_server_accept_stream (TurnosServer    *self,
                             GIOStream       *stream,
                             GSocketAddress  *local,
                             GSocketAddress  *remote,
                             GError         **error)
{
  g_return_val_if_fail (TURNOS_IS_SERVER (self), FALSE);
  g_return_val_if_fail (G_IS_IO_STREAM (stream), FALSE);
  g_return_val_if_fail (G_IS_SOCKET_ADDRESS (local) && G_IS_SOCKET_ADDRESS (remote), FALSE);
  return soup_server_accept_iostream (self->soup, stream, local, remote, error);
}
