/* turnos-demo.c: the demo clinic
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-server"

#include "config.h"

#include "turnos-demo.h"
#include "turnos-time.h"

#define ZONE "America/Argentina/Buenos_Aires"

/* The demo's accounts sign in with their id as the user name and "demo-" + id as the
 * password (DESIGN.md, README). The argon2id strings are computed once, with libsodium's
 * interactive limits, so seeding costs no hashing: a test server starts in milliseconds. */
static const struct
{
  const char *id;
  TurnosRole  role;
  const char *name;
  const char *document;
  const char *phone;
  const char *email;
  const char *hash;
} demo_accounts[] = {
  { "admin", TURNOS_ROLE_ADMIN, "Clinic administrator", NULL, NULL, NULL,
    "$argon2id$v=19$m=65536,t=2,p=1$/c0fIsHZwL2JDEeldOOI4A$N8PBp4B2+O+R6vMEpgBD/qy8BNNNsI38SYZC7K6Uj9s" },
  { "desk", TURNOS_ROLE_DESK, "Front desk", NULL, NULL, NULL,
    "$argon2id$v=19$m=65536,t=2,p=1$mic6entHWOi940+3GI8Mtw$tD0bQMEm71Yeecx/wCir5Hy19H13yGCYYIxrHL1Cf4c" },
  { "dr-ana", TURNOS_ROLE_PROFESSIONAL, "Dra. Ana Gómez", NULL, NULL, NULL,
    "$argon2id$v=19$m=65536,t=2,p=1$4xUYPlV2KRO2ycCEmzCLLw$olVqYHy3bQYDmHHW5Hc+262XvTcgdHOu8El0SX8aK1I" },
  { "dr-bruno", TURNOS_ROLE_PROFESSIONAL, "Dr. Bruno Díaz", NULL, NULL, NULL,
    "$argon2id$v=19$m=65536,t=2,p=1$NS5IFR1WJPXPoZmEw0Qlog$0yAUnwwlyZIPlxrEIVi6aNXfsjJEOHD7gLW1a/nh91M" },
  { "dr-carla", TURNOS_ROLE_PROFESSIONAL, "Lic. Carla Ruiz", NULL, NULL, NULL,
    "$argon2id$v=19$m=65536,t=2,p=1$YmUp1V58E/ej0dFIidog5w$UppzwAPD1MN3C9Lcv0gdpNCaF7wegmErbIKXNlrDiuw" },
  { "patient-1", TURNOS_ROLE_PATIENT, "José Pérez", "30111222", "+54 11 5555-0101",
    "jose.perez@example.com",
    "$argon2id$v=19$m=65536,t=2,p=1$NimQZI3Jpl8iP9GESNhkXg$J2l/NIca5b4N6JMykfeSTA4ABUXPR3NrNv74/oMERXg" },
  { "patient-2", TURNOS_ROLE_PATIENT, "María Sánchez", "27333444", "+54 11 5555-0202",
    "maria.sanchez@example.com",
    "$argon2id$v=19$m=65536,t=2,p=1$94QM+uXqLxqfckTJqMeTYA$9c0IPv+0i+Hirx948lwpuqt+4Fyq2PyPU1o42zh8t5M" },
  { "patient-3", TURNOS_ROLE_PATIENT, "Lucía Fernández", "35555666", "+54 11 5555-0303",
    "lucia.fernandez@example.com",
    "$argon2id$v=19$m=65536,t=2,p=1$LIC3c7K2JHOzLaPiTpvbqA$5f02k2JaZ2z14d2Pey73cjg1mChUB+Qbxy+I86D+pxA" },
};

static gboolean
add_accounts (TurnosStore  *store,
              GDateTime    *now,
              GError      **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (demo_accounts); i++)
    {
      g_autoptr(TurnosAccount) a = turnos_account_new ();

      a->id = g_strdup (demo_accounts[i].id);
      a->username = g_strdup (demo_accounts[i].id);
      a->role = demo_accounts[i].role;
      a->display_name = g_strdup (demo_accounts[i].name);
      a->document = g_strdup (demo_accounts[i].document);
      a->phone = g_strdup (demo_accounts[i].phone);
      a->email = g_strdup (demo_accounts[i].email);
      if (!turnos_store_create_account (store, a, demo_accounts[i].hash, now, error))
        return FALSE;
    }
  return TRUE;
}

static TurnosSettings *
professional (const char     *id,
              const char     *name,
              TurnosModality  modality,
              int             duration,
              int             interval,
              gboolean        saturday)
{
  TurnosSettings *s = turnos_settings_new ();

  s->user_id = g_strdup (id);
  s->display_name = g_strdup (name);
  s->session_modality = modality;
  s->session_duration_minutes = duration;
  s->slot_interval_minutes = interval;
  s->min_notice_minutes = 120;
  s->booking_horizon_days = 60;
  s->cancel_notice_minutes = 1440;
  turnos_settings_set_timezone (s, ZONE);
  for (int wd = 1; wd <= 5; wd++)
    turnos_settings_add_hours (s, wd, 9 * 60, 17 * 60);
  if (saturday)
    turnos_settings_add_hours (s, 6, 9 * 60, 13 * 60);
  return s;
}

/* The @n-th working day (Monday to Friday) after today in the clinic's zone, at @minutes. */
static GDateTime *
working_day_at (GDateTime *now,
                int        n,
                int        minutes)
{
  g_autoptr(GTimeZone) tz = turnos_time_zone_new (ZONE);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (now, tz);
  GDate d;

  turnos_date_from_datetime (local, &d);
  while (n > 0)
    {
      g_date_add_days (&d, 1);
      if (g_date_get_weekday (&d) <= G_DATE_FRIDAY)
        n--;
    }
  return turnos_time_at (tz, &d, minutes);
}

static gboolean
book (TurnosStore    *store,
      const char     *client,
      TurnosSettings *prof,
      GDateTime      *start,
      TurnosModality  modality,
      GDateTime      *now,
      GError        **error)
{
  g_autoptr(TurnosReservation) r = turnos_reservation_new ();
  g_autoptr(TurnosReservation) stored = NULL;

  r->client_id = g_strdup (client);
  r->professional_id = g_strdup (prof->user_id);
  r->start = g_date_time_ref (start);
  r->end = g_date_time_add_minutes (start, prof->session_duration_minutes);
  r->modality = modality;
  stored = turnos_store_create_reservation (store, r, NULL, NULL, now, NULL,
                                            TURNOS_STORE_BOOK_DEFAULT, NULL, NULL, error);
  return stored != NULL;
}

gboolean
turnos_demo_seed (TurnosStore  *store,
                  GDateTime    *now,
                  GError      **error)
{
  g_autoptr(TurnosSettings) ana = professional ("dr-ana", "Dra. Ana Gómez", TURNOS_MODALITY_VIRTUAL,
                                                45, 60, FALSE);
  g_autoptr(TurnosSettings) bruno = professional ("dr-bruno", "Dr. Bruno Díaz",
                                                  TURNOS_MODALITY_PRESENCIAL, 45, 60, FALSE);
  g_autoptr(TurnosSettings) carla = professional ("dr-carla", "Lic. Carla Ruiz",
                                                  TURNOS_MODALITY_BOTH, 90, 30, TRUE);
  g_autoptr(GDateTime) week_ago = g_date_time_add_days (now, -7);
  g_autoptr(GDateTime) past = working_day_at (week_ago, 1, 10 * 60);
  g_autoptr(GDateTime) ana_soon = working_day_at (now, 2, 10 * 60);
  g_autoptr(GDateTime) carla_soon = working_day_at (now, 3, 9 * 60);
  g_autoptr(GDateTime) ana_later = working_day_at (now, 5, 15 * 60);
  g_autoptr(GDateTime) meeting_start = working_day_at (now, 4, 13 * 60);
  g_autoptr(GDateTime) meeting_end = working_day_at (now, 4, 15 * 60);
  g_autoptr(TurnosBlock) meeting = turnos_block_new ();
  g_autoptr(TurnosBlock) stored = NULL;

  bruno->requires_deposit = TRUE;
  bruno->deposit_amount = g_strdup ("5000.00");
  bruno->currency = g_strdup ("ARS");

  meeting->professional_id = g_strdup ("dr-ana");
  meeting->start = g_date_time_ref (meeting_start);
  meeting->end = g_date_time_ref (meeting_end);
  /* The demo clinic is in Buenos Aires: its own data is written in Spanish, as its staff would
   * type it (the app's words are translated; the clinic's data is not). */
  meeting->reason = g_strdup ("Reunión de equipo");

  if (!turnos_store_wipe (store, error) ||
      !add_accounts (store, now, error) ||
      !turnos_store_put_professional (store, ana, error) ||
      !turnos_store_put_professional (store, bruno, error) ||
      !turnos_store_put_professional (store, carla, error) ||
      /* A past session, so "my reservations" has history. */
      !book (store, "patient-1", ana, past, TURNOS_MODALITY_VIRTUAL, week_ago, error) ||
      !book (store, "patient-1", ana, ana_soon, TURNOS_MODALITY_VIRTUAL, now, error) ||
      !book (store, "patient-2", carla, carla_soon, TURNOS_MODALITY_PRESENCIAL, now, error) ||
      !book (store, "patient-3", ana, ana_later, TURNOS_MODALITY_VIRTUAL, now, error))
    return FALSE;
  stored = turnos_store_add_block (store, meeting, now, NULL, error);
  return stored != NULL;
}
