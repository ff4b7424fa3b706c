/* test-desk-agenda.c: what the desk does to a session in the agenda (issue #18)
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Against the server in this process, on its fixed clock: Monday 2 March 2026, 08:00 in
 * Buenos Aires; the demo has patient-1 with dr-ana on Wednesday 4 March at 10:00.
 */
#include "config.h"

#include "turnos-desk-agenda.h"
#include "turnos-error.h"
#include "turnos-test-inproc.h"
#include "turnos-test-server.h"
#include "turnos-time.h"

#define ZONE "America/Argentina/Buenos_Aires"

typedef struct
{
  TurnosTestInproc *srv;
  TurnosClient     *client;
  TurnosDeskAgenda *agenda;
  GPtrArray        *heard;      /* "changed ID", "reason-needed ID", "failed CODE" */
} Fixture;

static GDateTime *
inproc_clock (gpointer data)
{
  return g_date_time_ref (((TurnosTestInproc *) data)->now);
}

static void
changed_cb (TurnosDeskAgenda  *agenda,
            TurnosReservation *now,
            Fixture           *f)
{
  g_ptr_array_add (f->heard, g_strdup_printf ("changed %s %s", now->id,
                                              turnos_status_to_string (now->status)));
}

static void
reason_needed_cb (TurnosDeskAgenda  *agenda,
                  TurnosReservation *reservation,
                  Fixture           *f)
{
  g_ptr_array_add (f->heard, g_strdup_printf ("reason-needed %s", reservation->id));
}

static void
failed_cb (TurnosDeskAgenda *agenda,
           GError           *error,
           Fixture          *f)
{
  g_ptr_array_add (f->heard, g_strdup_printf ("failed %s", turnos_client_error_get_api_code (error)));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  GDate day;

  f->srv = turnos_test_inproc_new ();
  f->client = turnos_client_new (f->srv->url);
  turnos_client_set_token (f->client, f->srv->token);
  f->agenda = turnos_desk_agenda_new (f->client);
  f->heard = g_ptr_array_new_with_free_func (g_free);
  turnos_desk_agenda_set_clock (f->agenda, inproc_clock, f->srv);
  g_signal_connect (f->agenda, "changed", G_CALLBACK (changed_cb), f);
  g_signal_connect (f->agenda, "reason-needed", G_CALLBACK (reason_needed_cb), f);
  g_signal_connect (f->agenda, "failed", G_CALLBACK (failed_cb), f);
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 4, 3, 2026);
  turnos_desk_agenda_set_date (f->agenda, &day);
  turnos_desk_agenda_load (f->agenda);
  TURNOS_TEST_WAIT_UNTIL (g_list_model_get_n_items (turnos_desk_agenda_get_columns (f->agenda)) == 3);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_signal_handlers_disconnect_by_data (f->agenda, f);
  g_clear_object (&f->agenda);
  g_clear_object (&f->client);
  g_ptr_array_unref (f->heard);
  turnos_test_inproc_free (f->srv);
}

static gboolean
heard (Fixture    *f,
       const char *line)
{
  for (guint i = 0; i < f->heard->len; i++)
    if (g_str_equal (g_ptr_array_index (f->heard, i), line))
      return TRUE;
  return FALSE;
}

/* dr-ana's column (the first), once loaded. */
static TurnosDeskDay *
ana (Fixture *f)
{
  g_autoptr(TurnosDeskDay) column = g_list_model_get_item (turnos_desk_agenda_get_columns (f->agenda), 0);

  g_assert_cmpstr (turnos_desk_day_get_professional_id (column), ==, "dr-ana");
  TURNOS_TEST_WAIT_UNTIL (!turnos_desk_day_get_loading (column));
  return column;   /* the store keeps it */
}

/* The first session of @column, or NULL. (transfer none: the entry's) */
static TurnosReservation *
first_session (TurnosDeskDay *column)
{
  GListModel *entries = turnos_desk_day_get_entries (column);

  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr(TurnosDeskEntry) e = g_list_model_get_item (entries, i);

      if (turnos_desk_entry_get_kind (e) == TURNOS_DESK_ENTRY_RESERVATION)
        return turnos_desk_entry_get_reservation (e);
    }
  return NULL;
}

/* Marked arrived, the column shows it at once (no events followed here); then cleared. */
static void
test_attendance (Fixture       *f,
                 gconstpointer  data)
{
  TurnosDeskDay *column = ana (f);
  TurnosReservation *r = first_session (column);
  g_autofree char *id = NULL;
  g_autofree char *line = NULL;

  g_assert_nonnull (r);
  g_assert_cmpstr (r->client_id, ==, "patient-1");
  g_assert_cmpint (r->attendance, ==, TURNOS_ATTENDANCE_NONE);
  id = g_strdup (r->id);
  line = g_strdup_printf ("changed %s CONFIRMED", id);

  turnos_desk_agenda_set_attendance (f->agenda, r, TURNOS_ATTENDANCE_ARRIVED);
  TURNOS_TEST_WAIT_UNTIL (heard (f, line));
  TURNOS_TEST_WAIT_UNTIL (first_session (column) != NULL &&
                          first_session (column)->attendance == TURNOS_ATTENDANCE_ARRIVED);
  g_ptr_array_set_size (f->heard, 0);
  turnos_desk_agenda_set_attendance (f->agenda, first_session (column), TURNOS_ATTENDANCE_NONE);
  TURNOS_TEST_WAIT_UNTIL (heard (f, line));
  TURNOS_TEST_WAIT_UNTIL (first_session (column)->attendance == TURNOS_ATTENDANCE_NONE);
}

/* Past the cancel notice the desk is asked why; with a reason it goes, and the column drops it. */
static void
test_cancel_reason (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GTimeZone) tz = turnos_time_zone_new (ZONE);
  g_autoptr(TurnosReservation) d = turnos_reservation_new ();
  g_autoptr(TurnosReservation) soon = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *asked = NULL;
  g_autofree char *done = NULL;
  TurnosDeskDay *column;
  GDate today;

  /* Today at 15:00: seven hours away, inside dr-ana's notice. Stored directly. */
  d->client_id = g_strdup ("patient-2");
  d->professional_id = g_strdup ("dr-ana");
  d->start = turnos_time_parse ("2026-03-02T15:00:00", tz, NULL);
  d->end = g_date_time_add_minutes (d->start, 45);
  d->modality = TURNOS_MODALITY_VIRTUAL;
  soon = turnos_store_create_reservation (f->srv->store, d, NULL, NULL, f->srv->now, NULL,
                                          TURNOS_STORE_BOOK_DEFAULT, NULL, NULL, &error);
  g_assert_no_error (error);
  asked = g_strdup_printf ("reason-needed %s", soon->id);
  done = g_strdup_printf ("changed %s CANCELLED", soon->id);

  turnos_desk_agenda_today (f->agenda);
  turnos_desk_agenda_get_today (f->agenda, &today);
  g_assert_cmpint (g_date_get_day (&today), ==, 2);
  column = ana (f);
  TURNOS_TEST_WAIT_UNTIL (first_session (column) != NULL);
  g_assert_cmpstr (first_session (column)->id, ==, soon->id);

  turnos_desk_agenda_cancel (f->agenda, first_session (column), NULL);
  TURNOS_TEST_WAIT_UNTIL (heard (f, asked));
  g_assert_false (heard (f, done));
  g_assert_nonnull (first_session (column));

  turnos_desk_agenda_cancel (f->agenda, soon, "the patient called in sick");
  TURNOS_TEST_WAIT_UNTIL (heard (f, done));
  TURNOS_TEST_WAIT_UNTIL (!turnos_desk_day_get_loading (column) && first_session (column) == NULL);

  /* Again: already gone, said as a failure. */
  turnos_desk_agenda_cancel (f->agenda, soon, "twice");
  TURNOS_TEST_WAIT_UNTIL (heard (f, "failed " TURNOS_CODE_ALREADY_CANCELLED));
}

static void
names_changed_cb (TurnosPatientNames *names,
                  const char         *id,
                  guint              *n)
{
  (*n)++;
}

static void
fetched_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  gboolean *done = user_data;

  g_assert_true (turnos_patient_names_fetch_finish (TURNOS_PATIENT_NAMES (object), result, NULL));
  *done = TRUE;
}

/* The patients are asked for once each; one that cannot be read is known as such. */
static void
test_patient_names (Fixture       *f,
                    gconstpointer  data)
{
  TurnosPatientNames *names = turnos_desk_agenda_get_patients (f->agenda);
  const char *ids[] = { "patient-1", "patient-2", "patient-3", "nobody", "patient-1", NULL };
  guint changed = 0;
  guint asked;
  gboolean done = FALSE;
  TurnosPerson *p;

  g_signal_connect (names, "changed", G_CALLBACK (names_changed_cb), &changed);
  g_assert_null (turnos_patient_names_lookup (names, "patient-1"));
  TURNOS_TEST_WAIT_UNTIL (changed == 1);
  p = turnos_patient_names_lookup (names, "patient-1");
  g_assert_nonnull (p);
  g_assert_cmpstr (p->display_name, ==, "José Pérez");
  g_assert_cmpstr (p->phone, ==, "+54 11 5555-0101");

  turnos_patient_names_fetch_async (names, ids, NULL, fetched_cb, &done);
  TURNOS_TEST_WAIT_UNTIL (done);
  /* patient-1 was known: only the three others were asked for. */
  g_assert_cmpuint (changed, ==, 4);
  g_assert_nonnull (turnos_patient_names_lookup (names, "patient-3"));
  g_assert_true (turnos_patient_names_is_known (names, "nobody"));
  g_assert_null (turnos_patient_names_lookup (names, "nobody"));
  asked = changed;
  g_assert_null (turnos_patient_names_lookup (names, "nobody"));
  turnos_test_wait_for (&(gboolean) { FALSE }, 100);
  g_assert_cmpuint (changed, ==, asked);

  /* Forgotten (a resync): asked again. */
  turnos_patient_names_forget (names);
  g_assert_false (turnos_patient_names_is_known (names, "patient-1"));
  g_assert_null (turnos_patient_names_lookup (names, "patient-1"));
  TURNOS_TEST_WAIT_UNTIL (turnos_patient_names_lookup (names, "patient-1") != NULL);
  g_signal_handlers_disconnect_by_data (names, &changed);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/booking/agenda/attendance", test_attendance);
  ADD ("/booking/agenda/cancel-reason", test_cancel_reason);
  ADD ("/booking/agenda/patient-names", test_patient_names);
#undef ADD

  return g_test_run ();
}
