/* test-format.c: the words a person reads about each error, from turnos_format_error()
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "turnos-booking.h"
#include "turnos-client.h"
#include "turnos-error.h"
#include "turnos-format.h"
#include "turnos-test-client.h"
#include "turnos-test-server.h"

/* A server that answers every request with the status and body the case sets. */
typedef struct
{
  SoupServer *server;
  char       *url;
  guint       status;
  const char *body;
} Scripted;

static void
scripted_cb (SoupServer        *server,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  Scripted *s = user_data;

  soup_server_message_set_status (msg, s->status, NULL);
  if (s->body != NULL)
    soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, s->body,
                                      strlen (s->body));
}

static void
scripted_start (Scripted *s)
{
  s->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (s->server, NULL, scripted_cb, s, NULL);
  s->url = turnos_test_soup_server_listen (s->server);
}

static void
scripted_stop (Scripted *s)
{
  soup_server_disconnect (s->server);
  g_clear_object (&s->server);
  g_clear_pointer (&s->url, g_free);
}

typedef struct
{
  GError   *error;
  gboolean  done;
} Answer;

static void
settings_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Answer *answer = user_data;
  TurnosSettings *settings;

  settings = turnos_client_get_settings_finish (TURNOS_CLIENT (object), result, &answer->error);
  g_assert_null (settings);
  answer->done = TRUE;
}

/* The error the client gives for one request to @url. */
static GError *
client_error_from (const char *url)
{
  g_autoptr(TurnosClient) client = turnos_test_client_new (url);
  Answer answer = { NULL, FALSE };

  turnos_client_get_settings_async (client, "dr-ana", NULL, settings_cb, &answer);
  g_assert_true (turnos_test_wait_for (&answer.done, 10000));
  g_assert_nonnull (answer.error);
  return answer.error;
}

/* What the server says, through the real client, and what the person reads. */
static void
test_server_errors (void)
{
  static const struct { guint status; const char *code; const char *words; } cases[] = {
    { 409, TURNOS_CODE_SLOT_TAKEN, "Someone else just took that time." },
    { 409, NULL, "Someone else just took that time." },
    { 409, TURNOS_CODE_ALREADY_CANCELLED, "This session was already cancelled." },
    { 409, TURNOS_CODE_RESERVATION_PAST, "This session has already begun." },
    { 409, TURNOS_CODE_TOO_LATE_TO_CANCEL,
      "It is too late to cancel this session here. Please call the clinic." },
    { 409, TURNOS_CODE_BLOCK_OVERLAPS,
      "A booked session falls in that time. Cancel or move it first." },
    { 409, "some_new_rule", "That change is no longer possible." },
    { 422, TURNOS_CODE_TOO_SOON, "That time is too soon to book. Please choose a later one." },
    { 422, TURNOS_CODE_OUTSIDE_HOURS, "That time is no longer available. Please choose another." },
    { 422, TURNOS_CODE_IN_PAST, "That time is no longer available. Please choose another." },
    { 422, TURNOS_CODE_MODALITY_NOT_OFFERED, "The server could not accept this request." },
    { 400, TURNOS_CODE_BAD_REQUEST, "The server could not accept this request." },
    { 413, TURNOS_CODE_BODY_TOO_LARGE, "The server could not accept this request." },
    { 404, TURNOS_CODE_UNKNOWN_PROFESSIONAL, "That was not found on the server." },
    { 500, TURNOS_CODE_INTERNAL, "The server had a problem. Please try again." },
    { 503, NULL, "The server had a problem. Please try again." },
    { 503, TURNOS_CODE_NO_PAYMENT_PROVIDER,
      "This clinic takes no deposits online. Please contact the clinic to book." },
    { 401, TURNOS_CODE_UNAUTHENTICATED, "Your session has ended. Please sign in again." },
    { 401, TURNOS_CODE_BAD_CREDENTIALS, "Wrong user name or password." },
    { 403, TURNOS_CODE_FORBIDDEN, "Your account may not do that." },
    { 429, TURNOS_CODE_TOO_MANY_ATTEMPTS, "Too many failed attempts. Please wait and try again." },
    { 429, TURNOS_CODE_TOO_MANY_CONNECTIONS, "The server is busy. Please try again in a moment." },
    { 429, TURNOS_CODE_TOO_MANY_REQUESTS, "The server is busy. Please try again in a moment." },
  };
  Scripted s = { 0 };

  scripted_start (&s);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *body = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *words = NULL;

      if (cases[i].code != NULL)
        body = g_strdup_printf ("{\"error\": {\"code\": \"%s\", \"message\": \"for the log\"}}",
                                cases[i].code);
      s.status = cases[i].status;
      s.body = body;
      error = client_error_from (s.url);
      words = turnos_format_error (error);
      g_test_message ("%u %s", cases[i].status, cases[i].code);
      g_assert_cmpstr (words, ==, cases[i].words);
    }

  /* An answer that is not the JSON asked for. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *words = NULL;

    s.status = 200;
    s.body = "<html>a captive portal</html>";
    error = client_error_from (s.url);
    g_assert_error (error, TURNOS_CLIENT_ERROR, TURNOS_CLIENT_ERROR_MALFORMED);
    words = turnos_format_error (error);
    g_assert_cmpstr (words, ==, "The server sent an answer Turnos cannot read.");
  }
  scripted_stop (&s);

  /* Nobody listening. */
  {
    g_autoptr(GError) error = client_error_from ("http://127.0.0.1:1/");
    g_autofree char *words = turnos_format_error (error);

    g_assert_error (error, TURNOS_CLIENT_ERROR, TURNOS_CLIENT_ERROR_CANNOT_CONNECT);
    g_assert_cmpstr (words, ==, "Cannot reach the reservations server.");
  }
}

/* The words come from the domain and code alone: the message is the log's. */
static void
test_codes_not_messages (void)
{
  static const struct { const char *domain; int code; const char *words; } cases[] = {
    { "booking", TURNOS_BOOKING_ERROR_PAYMENT_DECLINED,
      "The payment was declined. The time was not booked." },
    { "booking", TURNOS_BOOKING_ERROR_PAYMENT_EXPIRED,
      "The time to pay ran out. The time was not booked." },
    { "client", TURNOS_CLIENT_ERROR_TIMED_OUT, "The server is taking too long to answer." },
    { "client", TURNOS_CLIENT_ERROR_CANNOT_CONNECT, "Cannot reach the reservations server." },
    { "client", TURNOS_CLIENT_ERROR_CONFLICT, "Someone else just took that time." },
    { "other", G_IO_ERROR_FAILED, "Something went wrong. Please try again." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GQuark domain = g_str_equal (cases[i].domain, "booking") ? TURNOS_BOOKING_ERROR
                      : g_str_equal (cases[i].domain, "client") ? TURNOS_CLIENT_ERROR
                      : G_IO_ERROR;
      g_autoptr(GError) error = g_error_new_literal (domain, cases[i].code, "no place for words");
      g_autofree char *words = turnos_format_error (error);

      g_assert_cmpstr (words, ==, cases[i].words);
    }
}

/* Whose clock and which day: the zones are named, and this computer's day is said whenever
 * it is not the clinic's (a Buenos Aires Monday evening is a Tuesday morning in Tokyo). */
static void
test_zones_and_days (void)
{
  static const struct { const char *zone; const char *city; } cities[] = {
    { "America/Argentina/Buenos_Aires", "Buenos Aires" },
    { "Asia/Tokyo", "Tokyo" },
    { ":Asia/Tokyo", "Tokyo" },
    { "/usr/share/zoneinfo/Europe/Madrid", "Madrid" },
    { "UTC", "UTC" },
    { "Etc/UTC", "UTC" },
    { "", "UTC" },
  };
  static const struct {
    const char *local;      /* this computer's TZ */
    int         hour;       /* the session's start in Buenos Aires, Monday 30 November 2026 */
    const char *clinic;
    const char *mine;       /* NULL: the same clock */
    const char *spoken;
  } spans[] = {
    { "America/Argentina/Buenos_Aires", 10, "10:00 – 10:45, Buenos Aires time", NULL,
      "10:00 to 10:45, Buenos Aires time" },
    { "Asia/Tokyo", 10, "10:00 – 10:45, Buenos Aires time", "22:00 – 22:45 your time, Tokyo",
      "10:00 to 10:45, Buenos Aires time" },
    { "Asia/Tokyo", 20, "20:00 – 20:45, Buenos Aires time",
      "08:00 – 08:45 your time, Tokyo, Tue 1 Dec", "20:00 to 20:45, Buenos Aires time" },
    { "Pacific/Honolulu", 2, "02:00 – 02:45, Buenos Aires time",
      "19:00 – 19:45 your time, Honolulu, Sun 29 Nov", "02:00 to 02:45, Buenos Aires time" },
  };
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("America/Argentina/Buenos_Aires");
  g_autofree char *saved = g_strdup (g_getenv ("TZ"));

  for (guint i = 0; i < G_N_ELEMENTS (cities); i++)
    {
      g_autofree char *city = turnos_format_zone_city (cities[i].zone);

      g_assert_cmpstr (city, ==, cities[i].city);
    }
  for (guint i = 0; i < G_N_ELEMENTS (spans); i++)
    {
      g_autoptr(GDateTime) start = g_date_time_new (tz, 2026, 11, 30, spans[i].hour, 0, 0);
      g_autoptr(GDateTime) end = g_date_time_add_minutes (start, 45);
      g_autofree char *clinic = NULL;
      g_autofree char *mine = NULL;
      g_autofree char *spoken = NULL;

      g_setenv ("TZ", spans[i].local, TRUE);
      clinic = turnos_format_clinic_span (start, end, TURNOS_SPAN_SHORT);
      mine = turnos_format_local_span (start, end, TURNOS_SPAN_SHORT);
      spoken = turnos_format_clinic_span (start, end, TURNOS_SPAN_SPOKEN);
      g_test_message ("%s at %d", spans[i].local, spans[i].hour);
      g_assert_cmpstr (clinic, ==, spans[i].clinic);
      g_assert_cmpstr (mine, ==, spans[i].mine);
      g_assert_cmpstr (spoken, ==, spans[i].spoken);
      g_assert_true (turnos_format_local_differs (start) == (spans[i].mine != NULL));
    }
  if (saved != NULL)
    g_setenv ("TZ", saved, TRUE);
  else
    g_unsetenv ("TZ");
}

/* The rules, as the reserve, confirm and done pages word them. */
static void
test_rules_words (void)
{
  g_autoptr(TurnosSettings) s = turnos_settings_new ();
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("America/Argentina/Buenos_Aires");
  g_autoptr(GDateTime) start = g_date_time_new (tz, 2026, 11, 30, 9, 0, 0);
  g_autoptr(GDateTime) before = g_date_time_new (tz, 2026, 11, 20, 9, 0, 0);
  g_autoptr(GDateTime) late = g_date_time_new (tz, 2026, 11, 29, 10, 0, 0);
  g_autofree char *saved = g_strdup (g_getenv ("TZ"));
  static const struct { int minutes; const char *words; } notices[] = {
    { 0, "Free cancellation until the session starts" },
    { 1440, "Free cancellation up to 24 hours before the session" },
    { 2880, "Free cancellation up to 2 days before the session" },
    { 120, "Free cancellation up to 2 hours before the session" },
    { 60, "Free cancellation up to 1 hour before the session" },
    { 90, "Free cancellation up to 90 minutes before the session" },
  };

  g_setenv ("TZ", "America/Argentina/Buenos_Aires", TRUE);
  turnos_settings_set_timezone (s, "America/Argentina/Buenos_Aires");
  for (guint i = 0; i < G_N_ELEMENTS (notices); i++)
    {
      g_autofree char *words = NULL;

      s->cancel_notice_minutes = notices[i].minutes;
      words = turnos_format_cancel_notice (s);
      g_assert_cmpstr (words, ==, notices[i].words);
    }

  s->cancel_notice_minutes = 1440;
  {
    g_autofree char *until = turnos_format_cancel_until (s, start, before);
    g_autofree char *too_late = turnos_format_cancel_until (s, start, late);
    g_autofree char *none = turnos_format_deposit (s);

    g_assert_cmpstr (until, ==, "Free cancellation until Sun 29 Nov, 09:00");
    g_assert_cmpstr (too_late, ==, "Too close to the start to cancel here: to change it, call the clinic");
    g_assert_cmpstr (none, ==, "No deposit");
  }
  /* Seen from another zone, the clock it is on is named. */
  g_setenv ("TZ", "Europe/Madrid", TRUE);
  {
    g_autofree char *until = turnos_format_cancel_until (s, start, before);

    g_assert_cmpstr (until, ==, "Free cancellation until Sun 29 Nov, 09:00 (Buenos Aires time)");
  }

  /* The deposit, with its amount written for the locale: the C locale groups nothing, so the
   * language's marks are used (English "5,000.00"). */
  s->requires_deposit = TRUE;
  s->deposit_amount = g_strdup ("5000.00");
  s->currency = g_strdup ("ARS");
  {
    g_autofree char *deposit = turnos_format_deposit (s);
    g_autofree char *big = turnos_format_amount ("1234567.5", "ARS");
    g_autofree char *small = turnos_format_amount ("999", "USD");

    g_assert_cmpstr (deposit, ==, "Deposit: 5,000.00 ARS, paid when booking");
    g_assert_cmpstr (big, ==, "1,234,567.50 ARS");
    g_assert_cmpstr (small, ==, "999.00 USD");
  }

  /* A calendar day for a screen reader. */
  {
    GDate day;
    g_autofree char *eight = NULL;
    g_autofree char *one = NULL;
    g_autofree char *none = NULL;
    g_autofree char *unknown = NULL;

    g_date_clear (&day, 1);
    g_date_set_dmy (&day, 1, 12, 2026);
    eight = turnos_format_calendar_day (&day, 8, FALSE);
    one = turnos_format_calendar_day (&day, 1, TRUE);
    none = turnos_format_calendar_day (&day, 0, FALSE);
    unknown = turnos_format_calendar_day (&day, -1, FALSE);
    g_assert_cmpstr (eight, ==, "Tuesday 1 December, 8 free times");
    g_assert_cmpstr (one, ==, "Tuesday 1 December, today, 1 free time");
    g_assert_cmpstr (none, ==, "Tuesday 1 December, no free times");
    g_assert_cmpstr (unknown, ==, "Tuesday 1 December");
  }
  if (saved != NULL)
    g_setenv ("TZ", saved, TRUE);
  else
    g_unsetenv ("TZ");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gui/format/zones-and-days", test_zones_and_days);
  g_test_add_func ("/gui/format/rules", test_rules_words);
  g_test_add_func ("/gui/format/server-errors", test_server_errors);
  g_test_add_func ("/gui/format/codes-not-messages", test_codes_not_messages);

  return g_test_run ();
}
