/* turnos-reservations.h: one patient's reservations, as the "my reservations" page shows them
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "turnos-client.h"
#include "turnos-reservation-item.h"

G_BEGIN_DECLS

/* Rows asked for per page, and how often a shown pending payment is asked about. */
#define TURNOS_RESERVATIONS_PAGE_SIZE 25
#define TURNOS_RESERVATIONS_POLL_MS 2000

#define TURNOS_TYPE_RESERVATION_SECTION (turnos_reservation_section_get_type ())
G_DECLARE_FINAL_TYPE (TurnosReservationSection, turnos_reservation_section, TURNOS, RESERVATION_SECTION, GObject)

/**
 * TurnosReservationSection:
 *
 * One tab of My Reservations. Properties (read-only, notified on change):
 * - "kind" (TurnosReservationsKind)
 * - "items" (GListModel of TurnosReservationItem, always the same store): UPCOMING soonest
 *   first, PAST and CANCELLED latest first. A refresh that finds a reservation again updates
 *   its item in place, so a view keeps its rows.
 * - "loading" (bool): a page is being asked for
 * - "loaded" (bool): its first page has arrived since the patient was set
 * - "has-more" (bool): the server has more pages (turnos_reservations_load_more())
 * - "error" (GError, nullable): the last page request's failure; cleared on the next one
 */
TurnosReservationsKind turnos_reservation_section_get_kind     (TurnosReservationSection *self);
GListModel            *turnos_reservation_section_get_items    (TurnosReservationSection *self);
gboolean               turnos_reservation_section_get_loading  (TurnosReservationSection *self);
gboolean               turnos_reservation_section_get_loaded   (TurnosReservationSection *self);
gboolean               turnos_reservation_section_get_has_more (TurnosReservationSection *self);
const GError          *turnos_reservation_section_get_error    (TurnosReservationSection *self);

#define TURNOS_TYPE_RESERVATIONS (turnos_reservations_get_type ())
G_DECLARE_FINAL_TYPE (TurnosReservations, turnos_reservations, TURNOS, RESERVATIONS, GObject)

/**
 * TurnosReservations:
 *
 * A patient's sessions in three sections, asked for page by page (DESIGN.md, "Lists are
 * paged"): UPCOMING (status=live, from=today, order=asc) first; PAST (status=live,
 * to=yesterday, order=desc) and CANCELLED (status=cancelled, order=desc) when first shown
 * (turnos_reservations_load_more()). "Today" is this computer's date; a session belongs to a
 * section by its own day in its professional's zone, as the server reads from and to. A
 * server that ignores the paging parameters (no "next_cursor" in its answer) answers
 * everything at once: the rows are then sorted into all three sections here, and none has
 * more.
 *
 * Properties: "client" (construct-only), "client-id" (rw: setting it empties the sections),
 * "following" (rw, bool: while TRUE and an UPCOMING pending payment is shown, UPCOMING is asked
 * for again every TURNOS_RESERVATIONS_POLL_MS, so its status follows the server; the page sets
 * it while it is on screen).
 * Signals: "cancelled" (TurnosReservation: what the server now holds), "failed" (GError): a
 * cancel's outcome; "reason-needed" (TurnosReservationItem): with may-override, the server
 * refused a cancel past the professional's notice (409 too_late_to_cancel): ask why, then
 * turnos_reservations_cancel_with_reason().
 */
TurnosReservations       *turnos_reservations_new           (TurnosClient           *client);
TurnosClient             *turnos_reservations_get_client    (TurnosReservations     *self);
void                      turnos_reservations_set_client_id (TurnosReservations     *self,
                                                             const char             *client_id);
const char               *turnos_reservations_get_client_id (TurnosReservations     *self);
TurnosReservationSection *turnos_reservations_get_section   (TurnosReservations     *self,
                                                             TurnosReservationsKind  kind);
void                      turnos_reservations_set_following (TurnosReservations     *self,
                                                             gboolean                following);
gboolean                  turnos_reservations_get_following (TurnosReservations     *self);
/* The professionals' names and rules, then the first page of UPCOMING and of every section
 * loaded before (pages past the first are asked for again with load_more). */
void                      turnos_reservations_refresh       (TurnosReservations     *self);
/* The first page of @kind when it has none, else its next page when it has more. */
void                      turnos_reservations_load_more     (TurnosReservations     *self,
                                                             TurnosReservationsKind  kind);
/* Cancels (a pending payment's hold: releases) @item's reservation; the item is updated from
 * the answer at once, then the sections are asked for again. */
void                      turnos_reservations_cancel        (TurnosReservations     *self,
                                                             TurnosReservationItem  *item);
/* The item showing reservation @id in any section, or NULL (owned by the sections). */
TurnosReservationItem    *turnos_reservations_find          (TurnosReservations     *self,
                                                             const char             *id);

typedef GDateTime *(*TurnosReservationsClock) (gpointer user_data);
/* "Now" for the states, the sections and "today"; tests may replace it (NULL: the real
 * clock). */
void                      turnos_reservations_set_clock     (TurnosReservations      *self,
                                                             TurnosReservationsClock  clock,
                                                             gpointer                 user_data);
/* The desk and the admin may cancel past the notice, with a reason (DESIGN.md). */
void                      turnos_reservations_set_may_override   (TurnosReservations    *self,
                                                                  gboolean               may_override);
void                      turnos_reservations_cancel_with_reason (TurnosReservations    *self,
                                                                  TurnosReservationItem *item,
                                                                  const char            *reason);

G_END_DECLS
