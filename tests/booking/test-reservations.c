/* test-reservations.c: a patient's reservations, against a real server and against servers
 * that page (DESIGN.md's "Lists are paged") or do not
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "turnos-error.h"
#include "turnos-json.h"
#include "turnos-reservations.h"
#include "turnos-test-server.h"
#include "turnos-time.h"

#define ZONE "America/Argentina/Buenos_Aires"

static void
on_cancelled_cb (TurnosReservations *list,
                 TurnosReservation  *r,
                 gpointer            data)
{
  (*(guint *) data)++;
}

static void
on_failed_cb (TurnosReservations *list,
              const GError       *error,
              gpointer            data)
{
  GError **out = data;

  g_clear_error (out);
  *out = g_error_copy (error);
}

static TurnosReservationSection *
section (TurnosReservations     *list,
         TurnosReservationsKind  kind)
{
  return turnos_reservations_get_section (list, kind);
}

static guint
n_items (TurnosReservations     *list,
         TurnosReservationsKind  kind)
{
  return g_list_model_get_n_items (turnos_reservation_section_get_items (section (list, kind)));
}

static TurnosReservationItem *
nth (TurnosReservations     *list,
     TurnosReservationsKind  kind,
     guint                   i)
{
  return g_list_model_get_item (turnos_reservation_section_get_items (section (list, kind)), i);
}

/* Loads every section's first page, as the page does when each tab is first shown. */
static void
load_all (TurnosReservations *list)
{
  turnos_reservations_refresh (list);
  g_assert_true (turnos_reservation_section_get_loading (section (list, TURNOS_RESERVATIONS_UPCOMING)));
  TURNOS_TEST_WAIT_UNTIL (turnos_reservation_section_get_loaded (section (list, TURNOS_RESERVATIONS_UPCOMING)));
  turnos_reservations_load_more (list, TURNOS_RESERVATIONS_PAST);
  turnos_reservations_load_more (list, TURNOS_RESERVATIONS_CANCELLED);
  for (TurnosReservationsKind k = 0; k <= TURNOS_RESERVATIONS_CANCELLED; k++)
    TURNOS_TEST_WAIT_UNTIL (turnos_reservation_section_get_loaded (section (list, k)) &&
                            !turnos_reservation_section_get_loading (section (list, k)));
}

static void
test_list_and_cancel (void)
{
  g_autoptr(TurnosTestServer) server = turnos_test_server_start (TRUE, NULL);
  g_autoptr(TurnosClient) client = turnos_client_new (turnos_test_server_get_url (server));
  g_autoptr(TurnosReservations) list = turnos_reservations_new (client);
  g_autoptr(TurnosReservationItem) upcoming = NULL;
  g_autoptr(TurnosReservationItem) past = NULL;
  g_autoptr(GError) failure = NULL;
  g_autoptr(GDateTime) until = NULL;
  guint cancelled = 0;

  turnos_test_sign_in (client, server, "desk");
  g_signal_connect (list, "cancelled", G_CALLBACK (on_cancelled_cb), &cancelled);
  g_signal_connect (list, "failed", G_CALLBACK (on_failed_cb), &failure);

  /* The demo's patient-1 has one session to come and one that has passed. */
  turnos_reservations_set_client_id (list, "patient-1");
  load_all (list);
  g_assert_null (turnos_reservation_section_get_error (section (list, TURNOS_RESERVATIONS_UPCOMING)));
  g_assert_cmpuint (n_items (list, TURNOS_RESERVATIONS_UPCOMING), ==, 1);
  g_assert_cmpuint (n_items (list, TURNOS_RESERVATIONS_PAST), ==, 1);
  g_assert_cmpuint (n_items (list, TURNOS_RESERVATIONS_CANCELLED), ==, 0);
  upcoming = nth (list, TURNOS_RESERVATIONS_UPCOMING, 0);
  past = nth (list, TURNOS_RESERVATIONS_PAST, 0);
  g_assert_cmpstr (turnos_reservation_item_get_professional_name (upcoming), ==, "Dra. Ana Gómez");
  g_assert_cmpint (turnos_reservation_item_get_state (upcoming), ==, TURNOS_RESERVATION_CONFIRMED);
  /* The rule is the server's: 24 hours' notice in the demo. */
  g_assert_true (turnos_reservation_item_get_can_cancel (upcoming));
  until = g_date_time_add_hours (turnos_reservation_item_get_reservation (upcoming)->start, -24);
  g_assert_true (g_date_time_equal (turnos_reservation_item_get_cancel_until (upcoming), until));
  g_assert_false (turnos_reservation_item_get_can_cancel (past));
  g_assert_error (turnos_reservation_item_get_cancel_error (past), TURNOS_ERROR, TURNOS_ERROR_RESERVATION_PAST);

  /* Cancel: the same item now says cancelled and moves to its section. */
  turnos_reservations_cancel (list, upcoming);
  TURNOS_TEST_WAIT_UNTIL (cancelled == 1 &&
                          !turnos_reservation_section_get_loading (section (list, TURNOS_RESERVATIONS_CANCELLED)));
  g_assert_null (failure);
  g_assert_cmpint (turnos_reservation_item_get_reservation (upcoming)->status, ==, TURNOS_STATUS_CANCELLED);
  g_assert_cmpint (turnos_reservation_item_get_state (upcoming), ==, TURNOS_RESERVATION_CANCELLED);
  g_assert_false (turnos_reservation_item_get_can_cancel (upcoming));
  TURNOS_TEST_WAIT_UNTIL (n_items (list, TURNOS_RESERVATIONS_UPCOMING) == 0 &&
                          n_items (list, TURNOS_RESERVATIONS_CANCELLED) == 1);
  {
    g_autoptr(TurnosReservationItem) again = nth (list, TURNOS_RESERVATIONS_CANCELLED, 0);

    g_assert_true (again == upcoming);
  }

  /* The server refuses what has passed, whatever a client asks. */
  turnos_reservations_cancel (list, past);
  TURNOS_TEST_WAIT_UNTIL (failure != NULL);
  g_assert_error (failure, TURNOS_CLIENT_ERROR, TURNOS_CLIENT_ERROR_CONFLICT);
  g_assert_cmpstr (turnos_client_error_get_api_code (failure), ==, TURNOS_CODE_RESERVATION_PAST);
}

/* A reservation's state as a person reads it: a lapsed hold is expired, not cancelled. */
static void
test_states (void)
{
  static const struct {
    TurnosStatus            status;
    const char             *reason;
    int                     hold_minutes;   /* from now; 0: none */
    TurnosReservationState  state;
  } cases[] = {
    { TURNOS_STATUS_CONFIRMED, NULL, 0, TURNOS_RESERVATION_CONFIRMED },
    { TURNOS_STATUS_PENDING, NULL, 10, TURNOS_RESERVATION_PENDING_PAYMENT },
    { TURNOS_STATUS_PENDING, NULL, -1, TURNOS_RESERVATION_EXPIRED },
    { TURNOS_STATUS_CANCELLED, "expired", 0, TURNOS_RESERVATION_EXPIRED },
    { TURNOS_STATUS_CANCELLED, "released", 0, TURNOS_RESERVATION_RELEASED },
    { TURNOS_STATUS_CANCELLED, "cancelled", 0, TURNOS_RESERVATION_CANCELLED },
    { TURNOS_STATUS_CANCELLED, "rescheduled", 0, TURNOS_RESERVATION_CANCELLED },
    { TURNOS_STATUS_CANCELLED, NULL, 0, TURNOS_RESERVATION_CANCELLED },
  };
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 3, 2, 12, 0, 0);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TurnosReservation) r = turnos_reservation_new ();

      r->status = cases[i].status;
      r->cancel_reason = g_strdup (cases[i].reason);
      r->start = g_date_time_add_days (now, 3);
      if (cases[i].hold_minutes != 0)
        r->hold_expires_at = g_date_time_add_minutes (now, cases[i].hold_minutes);
      g_assert_cmpint (turnos_reservation_state_at (r, now), ==, cases[i].state);
    }
}

/*
 * A server that pages as DESIGN.md says, and one that does not
 */

typedef struct
{
  SoupServer     *server;
  char           *url;
  TurnosSettings *settings;
  GPtrArray      *all;        /* of TurnosReservation */
  GPtrArray      *queries;    /* of char*: each /reservations query as received */
  gboolean        paged;      /* FALSE: an older server, parameters ignored */
} Fake;

static void
answer_json (SoupServerMessage *msg,
             JsonNode          *node)
{
  gsize len;
  g_autofree char *json = turnos_json_to_string (node, &len);

  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, json, len);
}

static int
by_start_asc (gconstpointer a,
              gconstpointer b)
{
  return g_date_time_compare ((*(TurnosReservation **) a)->start, (*(TurnosReservation **) b)->start);
}

static int
by_start_desc (gconstpointer a,
               gconstpointer b)
{
  return -by_start_asc (a, b);
}

/* The filters, order and cursor of GET /reservations, as the fake server reads them. */
static void
answer_reservations (Fake              *fake,
                     SoupServerMessage *msg,
                     GHashTable        *query)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(JsonBuilder) b = json_builder_new_immutable ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  const char *status = query ? g_hash_table_lookup (query, "status") : NULL;
  const char *from = query ? g_hash_table_lookup (query, "from") : NULL;
  const char *to = query ? g_hash_table_lookup (query, "to") : NULL;
  const char *order = query ? g_hash_table_lookup (query, "order") : NULL;
  const char *limit = query ? g_hash_table_lookup (query, "limit") : NULL;
  const char *cursor = query ? g_hash_table_lookup (query, "cursor") : NULL;
  guint offset = cursor ? (guint) g_ascii_strtoull (cursor, NULL, 10) : 0;
  guint n = limit ? (guint) g_ascii_strtoull (limit, NULL, 10) : 100;
  GDate from_day, to_day;

  g_ptr_array_add (fake->queries, g_strdup (g_uri_get_query (soup_server_message_get_uri (msg))));
  if (from != NULL)
    g_assert_true (turnos_date_parse (from, &from_day, NULL));
  if (to != NULL)
    g_assert_true (turnos_date_parse (to, &to_day, NULL));
  for (guint i = 0; i < fake->all->len; i++)
    {
      TurnosReservation *r = fake->all->pdata[i];
      gboolean live = turnos_reservation_is_live (r, now);
      GDate day;

      turnos_date_from_datetime (r->start, &day);
      if (fake->paged &&
          ((g_strcmp0 (status, "live") == 0 && !live) ||
           (g_strcmp0 (status, "cancelled") == 0 && live) ||
           (from != NULL && g_date_compare (&day, &from_day) < 0) ||
           (to != NULL && g_date_compare (&day, &to_day) > 0)))
        continue;
      g_ptr_array_add (rows, r);
    }
  g_ptr_array_sort (rows, fake->paged && g_strcmp0 (order, "asc") == 0 ? by_start_asc : by_start_desc);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "reservations");
  json_builder_begin_array (b);
  for (guint i = fake->paged ? offset : 0; i < rows->len && (!fake->paged || i < offset + n); i++)
    turnos_reservation_to_json (rows->pdata[i], b);
  json_builder_end_array (b);
  if (fake->paged)
    {
      json_builder_set_member_name (b, "next_cursor");
      if (offset + n < rows->len)
        {
          g_autofree char *next = g_strdup_printf ("%u", offset + n);

          json_builder_add_string_value (b, next);
        }
      else
        json_builder_add_null_value (b);
    }
  json_builder_end_object (b);
  {
    g_autoptr(JsonNode) root = json_builder_get_root (b);

    answer_json (msg, root);
  }
}

static void
fake_cb (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  Fake *fake = user_data;

  if (g_str_equal (path, "/professionals"))
    {
      g_autoptr(JsonBuilder) b = json_builder_new_immutable ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "professionals");
      json_builder_begin_array (b);
      turnos_settings_to_json (fake->settings, b);
      json_builder_end_array (b);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      answer_json (msg, root);
    }
  else if (g_str_equal (path, "/reservations"))
    answer_reservations (fake, msg, query);
  else
    soup_server_message_set_status (msg, 404, NULL);
}

/* A reservation with dr-fake @days from today at 10:00 in the clinic's zone. */
static void
add (Fake         *fake,
     int           days,
     TurnosStatus  status,
     const char   *cancel_reason)
{
  g_autoptr(GTimeZone) tz = turnos_time_zone_new (ZONE);
  g_autoptr(GDateTime) now = g_date_time_new_now (tz);
  TurnosReservation *r = turnos_reservation_new ();
  GDate day;

  turnos_date_from_datetime (now, &day);
  if (days >= 0)
    g_date_add_days (&day, days);
  else
    g_date_subtract_days (&day, -days);
  r->id = g_strdup_printf ("r%u", fake->all->len);
  r->client_id = g_strdup ("patient-1");
  r->professional_id = g_strdup ("dr-fake");
  r->start = turnos_time_at (tz, &day, 10 * 60);
  r->end = g_date_time_add_minutes (r->start, 45);
  r->status = status;
  r->modality = TURNOS_MODALITY_VIRTUAL;
  r->created_at = g_date_time_ref (now);
  r->timezone = g_strdup (ZONE);
  r->cancel_reason = g_strdup (cancel_reason);
  g_ptr_array_add (fake->all, r);
}

static Fake *
fake_new (gboolean paged)
{
  Fake *fake = g_new0 (Fake, 1);

  fake->paged = paged;
  fake->settings = turnos_settings_new ();
  fake->settings->user_id = g_strdup ("dr-fake");
  fake->settings->display_name = g_strdup ("Dr. Fake");
  fake->settings->cancel_notice_minutes = 1440;
  turnos_settings_set_timezone (fake->settings, ZONE);
  fake->all = g_ptr_array_new_with_free_func ((GDestroyNotify) turnos_reservation_unref);
  fake->queries = g_ptr_array_new_with_free_func (g_free);
  /* 30 to come (two days from today on), 3 past, one cancelled and one lapsed hold. */
  for (int i = 0; i < 30; i++)
    add (fake, 2 + i, TURNOS_STATUS_CONFIRMED, NULL);
  for (int i = 1; i <= 3; i++)
    add (fake, -i * 7, TURNOS_STATUS_CONFIRMED, NULL);
  add (fake, 5, TURNOS_STATUS_CANCELLED, "cancelled");
  add (fake, 6, TURNOS_STATUS_CANCELLED, "expired");

  fake->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fake->server, NULL, fake_cb, fake, NULL);
  fake->url = turnos_test_soup_server_listen (fake->server);
  return fake;
}

static void
fake_free (Fake *fake)
{
  soup_server_disconnect (fake->server);
  g_object_unref (fake->server);
  g_free (fake->url);
  turnos_settings_unref (fake->settings);
  g_ptr_array_unref (fake->all);
  g_ptr_array_unref (fake->queries);
  g_free (fake);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Fake, fake_free)

static void
assert_order (TurnosReservations     *list,
              TurnosReservationsKind  kind,
              int                     sign)
{
  for (guint i = 1; i < n_items (list, kind); i++)
    {
      g_autoptr(TurnosReservationItem) a = nth (list, kind, i - 1);
      g_autoptr(TurnosReservationItem) b = nth (list, kind, i);

      g_assert_cmpint (sign * g_date_time_compare (turnos_reservation_item_get_reservation (a)->start,
                                                   turnos_reservation_item_get_reservation (b)->start), <, 0);
    }
}

/* Upcoming first, soonest first, a page at a time; the past and the cancelled on demand. */
static void
test_paged_server (void)
{
  g_autoptr(Fake) fake = fake_new (TRUE);
  g_autoptr(TurnosClient) client = turnos_client_new (fake->url);
  g_autoptr(TurnosReservations) list = turnos_reservations_new (client);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *yesterday = NULL;
  g_autofree char *want = NULL;
  TurnosReservationSection *upcoming = section (list, TURNOS_RESERVATIONS_UPCOMING);

  {
    g_autoptr(GDateTime) y = g_date_time_add_days (now, -1);

    yesterday = g_date_time_format (y, "%Y-%m-%d");
  }
  turnos_reservations_set_client_id (list, "patient-1");
  turnos_reservations_refresh (list);
  TURNOS_TEST_WAIT_UNTIL (turnos_reservation_section_get_loaded (upcoming));
  /* Only the upcoming live sessions were asked for, soonest first. */
  g_assert_cmpuint (fake->queries->len, ==, 1);
  want = g_strdup_printf ("client_id=patient-1&status=live&order=asc&from=%s&limit=%u", today,
                          TURNOS_RESERVATIONS_PAGE_SIZE);
  g_assert_cmpstr (fake->queries->pdata[0], ==, want);
  g_assert_cmpuint (n_items (list, TURNOS_RESERVATIONS_UPCOMING), ==, TURNOS_RESERVATIONS_PAGE_SIZE);
  g_assert_true (turnos_reservation_section_get_has_more (upcoming));
  g_assert_false (turnos_reservation_section_get_loaded (section (list, TURNOS_RESERVATIONS_PAST)));
  assert_order (list, TURNOS_RESERVATIONS_UPCOMING, 1);

  /* The next page, through the cursor: the rest. */
  turnos_reservations_load_more (list, TURNOS_RESERVATIONS_UPCOMING);
  TURNOS_TEST_WAIT_UNTIL (!turnos_reservation_section_get_loading (upcoming));
  g_assert_cmpuint (n_items (list, TURNOS_RESERVATIONS_UPCOMING), ==, 30);
  g_assert_false (turnos_reservation_section_get_has_more (upcoming));
  g_assert_nonnull (strstr (fake->queries->pdata[1], "&cursor=25"));
  assert_order (list, TURNOS_RESERVATIONS_UPCOMING, 1);

  /* The past when asked for: up to yesterday, latest first. */
  turnos_reservations_load_more (list, TURNOS_RESERVATIONS_PAST);
  TURNOS_TEST_WAIT_UNTIL (turnos_reservation_section_get_loaded (section (list, TURNOS_RESERVATIONS_PAST)));
  g_free (want);
  want = g_strdup_printf ("client_id=patient-1&status=live&order=desc&to=%s&limit=%u", yesterday,
                          TURNOS_RESERVATIONS_PAGE_SIZE);
  g_assert_cmpstr (fake->queries->pdata[2], ==, want);
  g_assert_cmpuint (n_items (list, TURNOS_RESERVATIONS_PAST), ==, 3);
  assert_order (list, TURNOS_RESERVATIONS_PAST, -1);

  turnos_reservations_load_more (list, TURNOS_RESERVATIONS_CANCELLED);
  TURNOS_TEST_WAIT_UNTIL (turnos_reservation_section_get_loaded (section (list, TURNOS_RESERVATIONS_CANCELLED)));
  g_assert_nonnull (strstr (fake->queries->pdata[3], "status=cancelled&order=desc"));
  g_assert_cmpuint (n_items (list, TURNOS_RESERVATIONS_CANCELLED), ==, 2);
  {
    /* The latest start first: the lapsed hold (in 6 days), then the cancellation (in 5). */
    g_autoptr(TurnosReservationItem) first = nth (list, TURNOS_RESERVATIONS_CANCELLED, 0);
    g_autoptr(TurnosReservationItem) second = nth (list, TURNOS_RESERVATIONS_CANCELLED, 1);

    g_assert_cmpint (turnos_reservation_item_get_state (first), ==, TURNOS_RESERVATION_EXPIRED);
    g_assert_cmpint (turnos_reservation_item_get_state (second), ==, TURNOS_RESERVATION_CANCELLED);
  }
  g_assert_cmpuint (fake->queries->len, ==, 4);
}

/* A server from before paging answers everything at once, newest first: the rows are sorted
 * into their sections here, and none is asked for again. */
static void
test_unpaged_server (void)
{
  g_autoptr(Fake) fake = fake_new (FALSE);
  g_autoptr(TurnosClient) client = turnos_client_new (fake->url);
  g_autoptr(TurnosReservations) list = turnos_reservations_new (client);

  turnos_reservations_set_client_id (list, "patient-1");
  turnos_reservations_refresh (list);
  for (TurnosReservationsKind k = 0; k <= TURNOS_RESERVATIONS_CANCELLED; k++)
    TURNOS_TEST_WAIT_UNTIL (turnos_reservation_section_get_loaded (section (list, k)));
  g_assert_cmpuint (n_items (list, TURNOS_RESERVATIONS_UPCOMING), ==, 30);
  g_assert_cmpuint (n_items (list, TURNOS_RESERVATIONS_PAST), ==, 3);
  g_assert_cmpuint (n_items (list, TURNOS_RESERVATIONS_CANCELLED), ==, 2);
  assert_order (list, TURNOS_RESERVATIONS_UPCOMING, 1);
  assert_order (list, TURNOS_RESERVATIONS_PAST, -1);
  assert_order (list, TURNOS_RESERVATIONS_CANCELLED, -1);
  for (TurnosReservationsKind k = 0; k <= TURNOS_RESERVATIONS_CANCELLED; k++)
    g_assert_false (turnos_reservation_section_get_has_more (section (list, k)));

  turnos_reservations_load_more (list, TURNOS_RESERVATIONS_PAST);
  turnos_reservations_load_more (list, TURNOS_RESERVATIONS_UPCOMING);
  g_assert_false (turnos_reservation_section_get_loading (section (list, TURNOS_RESERVATIONS_PAST)));
  g_assert_cmpuint (fake->queries->len, ==, 1);

  /* A refresh (F5) asks once, not once per section: the answer holds them all. */
  turnos_reservations_refresh (list);
  for (TurnosReservationsKind k = 0; k <= TURNOS_RESERVATIONS_CANCELLED; k++)
    TURNOS_TEST_WAIT_UNTIL (!turnos_reservation_section_get_loading (section (list, k)));
  g_assert_cmpuint (fake->queries->len, ==, 2);
  g_assert_cmpuint (n_items (list, TURNOS_RESERVATIONS_PAST), ==, 3);
}

static GDateTime *
fixed_clock (gpointer data)
{
  return g_date_time_ref (data);
}

/* Cancel is offered until the professional's notice, as the server's rule says, and a hold
 * past its time reads as expired and leaves the upcoming sessions. */
static void
test_rules_follow_the_clock (void)
{
  g_autoptr(TurnosTestServer) server = turnos_test_server_start (TRUE, NULL);
  g_autoptr(TurnosClient) client = turnos_client_new (turnos_test_server_get_url (server));
  g_autoptr(TurnosReservations) list = turnos_reservations_new (client);
  g_autoptr(TurnosReservationItem) item = NULL;
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) late = NULL;

  turnos_test_sign_in (client, server, "desk");
  turnos_reservations_set_client_id (list, "patient-1");
  turnos_reservations_refresh (list);
  TURNOS_TEST_WAIT_UNTIL (turnos_reservation_section_get_loaded (section (list, TURNOS_RESERVATIONS_UPCOMING)) &&
                          n_items (list, TURNOS_RESERVATIONS_UPCOMING) > 0);
  item = nth (list, TURNOS_RESERVATIONS_UPCOMING, 0);
  start = g_date_time_ref (turnos_reservation_item_get_reservation (item)->start);

  /* An hour before the session, inside the 24 hours' notice: no Cancel, and why. */
  late = g_date_time_add_hours (start, -1);
  turnos_reservations_set_clock (list, fixed_clock, late);
  turnos_reservations_refresh (list);
  TURNOS_TEST_WAIT_UNTIL (!turnos_reservation_item_get_can_cancel (item));
  g_assert_error (turnos_reservation_item_get_cancel_error (item), TURNOS_ERROR, TURNOS_ERROR_TOO_LATE_TO_CANCEL);
  g_assert_null (turnos_reservation_item_get_cancel_until (item));
}

static void
sandbox (TurnosTestServer *server,
         TurnosPayment    *payment,
         const char       *decision)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strdup_printf ("%s/%s", payment->checkout_url, decision);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  g_autoptr(GBytes) body = soup_session_send_and_read (session, msg, NULL, NULL);

  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
}

static void
payment_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      data)
{
  *(TurnosPayment **) data = turnos_client_start_payment_finish (TURNOS_CLIENT (object), result, NULL);
}

static void
availability_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      data)
{
  *(TurnosAvailability **) data = turnos_client_get_availability_finish (TURNOS_CLIENT (object), result, NULL);
}

/* Holds @index-th free time of dr-bruno (who asks for a deposit) for @patient. */
static TurnosPayment *
hold (TurnosClient *client,
      const char   *patient,
      guint         index)
{
  g_autoptr(TurnosAvailability) a = NULL;
  g_autoptr(TurnosReservation) draft = turnos_reservation_new ();
  TurnosPayment *payment = NULL;
  GDate day;

  turnos_test_working_day (ZONE, 9, &day);
  turnos_client_get_availability_async (client, "dr-bruno", &day, NULL, availability_cb, &a);
  TURNOS_TEST_WAIT_UNTIL (a != NULL);
  g_assert_cmpuint (a->slots->len, >, index);
  draft->client_id = g_strdup (patient);
  draft->professional_id = g_strdup ("dr-bruno");
  draft->start = g_date_time_ref (g_array_index (a->slots, TurnosInterval, index).start);
  draft->end = g_date_time_ref (g_array_index (a->slots, TurnosInterval, index).end);
  draft->modality = TURNOS_MODALITY_PRESENCIAL;
  turnos_client_start_payment_async (client, draft, NULL, NULL, payment_cb, &payment);
  TURNOS_TEST_WAIT_UNTIL (payment != NULL);
  return payment;
}

/* A pending payment on screen follows the server by itself: paid elsewhere, it turns
 * confirmed; let go, it leaves the upcoming sessions as released. */
/* A client of @server signed in as the demo account @username. */
static TurnosClient *
signed_in (TurnosTestServer *server,
           const char       *username)
{
  TurnosClient *client = turnos_client_new (turnos_test_server_get_url (server));

  turnos_test_sign_in (client, server, username);
  return client;
}

static void
test_pending_follows_server (void)
{
  g_autoptr(TurnosTestServer) server = turnos_test_server_start (TRUE, NULL);
  g_autoptr(TurnosClient) client = signed_in (server, "desk");
  g_autoptr(TurnosReservations) list = turnos_reservations_new (client);
  g_autoptr(TurnosPayment) paid = hold (client, "patient-7", 0);
  g_autoptr(TurnosPayment) declined = hold (client, "patient-7", 1);
  g_autoptr(TurnosReservationItem) first = NULL;
  g_autoptr(TurnosReservationItem) second = NULL;

  turnos_reservations_set_client_id (list, "patient-7");
  turnos_reservations_set_following (list, TRUE);
  turnos_reservations_refresh (list);
  TURNOS_TEST_WAIT_UNTIL (n_items (list, TURNOS_RESERVATIONS_UPCOMING) == 2);
  first = nth (list, TURNOS_RESERVATIONS_UPCOMING, 0);
  second = nth (list, TURNOS_RESERVATIONS_UPCOMING, 1);
  g_assert_cmpint (turnos_reservation_item_get_state (first), ==, TURNOS_RESERVATION_PENDING_PAYMENT);
  g_assert_true (turnos_reservation_item_get_can_pay (first));
  g_assert_cmpstr (turnos_reservation_item_get_reservation (first)->payment_id, ==, paid->payment_id);
  /* Releasing one's own hold needs no notice. */
  g_assert_true (turnos_reservation_item_get_can_cancel (first));

  sandbox (server, paid, "pay");
  sandbox (server, declined, "decline");
  /* No refresh asked for: the list follows the pending rows by itself. */
  TURNOS_TEST_WAIT_UNTIL (turnos_reservation_item_get_state (first) == TURNOS_RESERVATION_CONFIRMED);
  g_assert_false (turnos_reservation_item_get_can_pay (first));
  TURNOS_TEST_WAIT_UNTIL (n_items (list, TURNOS_RESERVATIONS_UPCOMING) == 1);

  /* Nothing pending is left: the asking stops. */
  turnos_reservations_load_more (list, TURNOS_RESERVATIONS_CANCELLED);
  TURNOS_TEST_WAIT_UNTIL (n_items (list, TURNOS_RESERVATIONS_CANCELLED) == 1);
  {
    g_autoptr(TurnosReservationItem) gone = nth (list, TURNOS_RESERVATIONS_CANCELLED, 0);

    g_assert_cmpint (turnos_reservation_item_get_state (gone), ==, TURNOS_RESERVATION_RELEASED);
  }
  {
    guint before = turnos_test_server_count_requests (server, "GET /reservations?");
    gboolean never = FALSE;

    turnos_test_wait_for (&never, 2 * TURNOS_RESERVATIONS_POLL_MS + 500);
    g_assert_cmpuint (turnos_test_server_count_requests (server, "GET /reservations?"), ==, before);
  }
}

/* The desk's window says what its viewer may do before any list is asked for: the rows that
 * follow still name the professional, not "dr-ana". */
static void
test_named_when_override_comes_first (void)
{
  g_autoptr(TurnosTestServer) server = turnos_test_server_start (TRUE, NULL);
  g_autoptr(TurnosClient) client = turnos_client_new (turnos_test_server_get_url (server));
  g_autoptr(TurnosReservations) list = turnos_reservations_new (client);
  g_autoptr(TurnosReservationItem) upcoming = NULL;

  turnos_test_sign_in (client, server, "desk");
  turnos_reservations_set_client_id (list, "patient-1");
  turnos_reservations_set_may_override (list, TRUE);
  TURNOS_TEST_WAIT_UNTIL (turnos_reservation_section_get_loaded (section (list, TURNOS_RESERVATIONS_UPCOMING)) &&
                          !turnos_reservation_section_get_loading (section (list, TURNOS_RESERVATIONS_UPCOMING)));
  g_assert_cmpuint (n_items (list, TURNOS_RESERVATIONS_UPCOMING), ==, 1);
  upcoming = nth (list, TURNOS_RESERVATIONS_UPCOMING, 0);
  g_assert_cmpstr (turnos_reservation_item_get_professional_name (upcoming), ==, "Dra. Ana Gómez");
  g_assert_true (turnos_reservation_item_get_can_cancel (upcoming));

  /* An item made by id alone takes the name once it is known. */
  turnos_reservation_item_set_professional_name (upcoming, NULL);
  g_assert_cmpstr (turnos_reservation_item_get_professional_name (upcoming), ==, "dr-ana");
  load_all (list);
  g_assert_cmpstr (turnos_reservation_item_get_professional_name (upcoming), ==, "Dra. Ana Gómez");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/booking/reservations/list-and-cancel", test_list_and_cancel);
  g_test_add_func ("/booking/reservations/named-when-override-comes-first", test_named_when_override_comes_first);
  g_test_add_func ("/booking/reservations/states", test_states);
  g_test_add_func ("/booking/reservations/paged-server", test_paged_server);
  g_test_add_func ("/booking/reservations/unpaged-server", test_unpaged_server);
  g_test_add_func ("/booking/reservations/rules-follow-the-clock", test_rules_follow_the_clock);
  g_test_add_func ("/booking/reservations/pending-follows-server", test_pending_follows_server);

  return g_test_run ();
}
