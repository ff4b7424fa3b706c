/* turnos-settings.h: a professional's settings, the rules the slot engine applies
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "turnos-types.h"

G_BEGIN_DECLS

#define TURNOS_DEFAULT_SESSION_MINUTES 45

typedef struct
{
  int weekday;        /* ISO 8601: 1 = Monday … 7 = Sunday, as g_date_time_get_day_of_week() */
  int start_minute;   /* minutes after local midnight, "09:00" = 540 */
  int end_minute;     /* exclusive; up to 1440 ("24:00") */
} TurnosWorkingHours;

/* A refcounted plain struct. Build one with turnos_settings_new(), fill the fields, then treat
 * it as immutable once shared. */
typedef struct
{
  char          *user_id;
  char          *display_name;
  int            session_duration_minutes;  /* 45 when absent from JSON */
  int            slot_interval_minutes;     /* the grid; defaults to the duration when absent */
  gboolean       requires_deposit;
  char          *deposit_amount;            /* decimal string as on the wire, "5000.00" */
  char          *currency;                  /* ISO 4217, "ARS" */
  TurnosModality session_modality;          /* VIRTUAL, PRESENCIAL or BOTH */
  char          *timezone;                  /* IANA name, never NULL or empty */
  GTimeZone     *tz;                        /* from timezone */
  GArray        *working_hours;             /* of TurnosWorkingHours */
  int            min_notice_minutes;
  int            booking_horizon_days;
  int            cancel_notice_minutes;

  /*< private >*/
  gatomicrefcount ref_count;
} TurnosSettings;

#define TURNOS_TYPE_SETTINGS (turnos_settings_get_type ())
GType           turnos_settings_get_type (void) G_GNUC_CONST;

/* Defaults: 45-minute sessions on a 45-minute grid, no deposit, BOTH, zone "UTC", no working
 * hours, no notice, a 60-day horizon, no cancel notice. */
TurnosSettings *turnos_settings_new   (void);
TurnosSettings *turnos_settings_ref   (TurnosSettings *self);
void            turnos_settings_unref (TurnosSettings *self);
TurnosSettings *turnos_settings_copy  (const TurnosSettings *self);

/* Sets timezone and tz together; FALSE (unchanged) when @name is not a known zone. */
gboolean        turnos_settings_set_timezone (TurnosSettings *self,
                                              const char     *name);
/**
 * turnos_settings_get_session_minutes:
 *
 * How long one session lasts, in minutes of elapsed time: session_duration_minutes, or
 * TURNOS_DEFAULT_SESSION_MINUTES (45, DESIGN.md's booking flow step 4) when it is unset.
 * The one place that default is applied.
 */
int             turnos_settings_get_session_minutes (const TurnosSettings *self);
void            turnos_settings_add_hours    (TurnosSettings *self,
                                              int             weekday,
                                              int             start_minute,
                                              int             end_minute);

/* Required: user_id, timezone (known), working_hours may be empty. */
TurnosSettings *turnos_settings_from_json (JsonNode              *node,
                                           GError               **error);
void            turnos_settings_to_json   (const TurnosSettings  *self,
                                           JsonBuilder           *builder);
JsonNode       *turnos_settings_to_node   (const TurnosSettings  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TurnosSettings, turnos_settings_unref)

G_END_DECLS
