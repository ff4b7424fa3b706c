/* turnos-store.c: the store interface
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-server"

#include "config.h"

#include <string.h>

#include "turnos-sqlite-store.h"
#include "turnos-store.h"
#include "turnos-time.h"
#ifdef HAVE_POSTGRESQL
#include "turnos-pg-store.h"
#endif

G_DEFINE_QUARK (turnos-store-error-quark, turnos_store_error)
G_DEFINE_INTERFACE (TurnosStore, turnos_store, G_TYPE_OBJECT)

static guint events_appended_signal;

static void
turnos_store_default_init (TurnosStoreInterface *iface)
{
  /**
   * TurnosStore::events-appended:
   *
   * This connection committed a write that appended live events; emitted in the writing
   * thread, after the commit. Other connections learn through turnos_store_watch_events().
   */
  events_appended_signal = g_signal_new ("events-appended", G_TYPE_FROM_INTERFACE (iface),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

TurnosStore *
turnos_store_open (const char  *uri,
                   GError     **error)
{
  g_return_val_if_fail (uri != NULL, NULL);

  if (g_str_has_prefix (uri, "sqlite://"))
    {
      const char *path = uri + strlen ("sqlite://");

      if (*path == '\0')
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       "“%s” names no database file", uri);
          return NULL;
        }
      return turnos_sqlite_store_new (path, error);
    }
  if (g_str_has_prefix (uri, "postgresql://") || g_str_has_prefix (uri, "postgres://"))
    {
#ifdef HAVE_POSTGRESQL
      return turnos_pg_store_new (uri, error);
#else
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   "this build has no PostgreSQL store (-Dpostgresql=disabled); use sqlite:///path");
      return NULL;
#endif
    }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               "unknown database “%s”; use sqlite:///absolute/path.db or postgresql://…", uri);
  return NULL;
}

#define IFACE(self) TURNOS_STORE_GET_IFACE (self)

GPtrArray *
turnos_store_list_professionals (TurnosStore  *self,
                                 GError      **error)
{
  g_return_val_if_fail (TURNOS_IS_STORE (self), NULL);
  return IFACE (self)->list_professionals (self, error);
}

TurnosSettings *
turnos_store_get_professional (TurnosStore  *self,
                               const char   *id,
                               GError      **error)
{
  g_return_val_if_fail (TURNOS_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  return IFACE (self)->get_professional (self, id, error);
}

gboolean
turnos_store_put_professional (TurnosStore     *self,
                               TurnosSettings  *settings,
                               GError         **error)
{
  g_return_val_if_fail (TURNOS_IS_STORE (self), FALSE);
  g_return_val_if_fail (settings != NULL && settings->user_id != NULL, FALSE);
  return IFACE (self)->put_professional (self, settings, error);
}

gboolean
turnos_store_list_range (TurnosStore  *self,
                         const char   *professional_id,
                         GDateTime    *from,
                         GDateTime    *to,
                         GPtrArray   **reservations,
                         GPtrArray   **blocks,
                         GError      **error)
{
  g_return_val_if_fail (TURNOS_IS_STORE (self), FALSE);
  g_return_val_if_fail (professional_id != NULL && from != NULL && to != NULL, FALSE);
  return IFACE (self)->list_range (self, professional_id, from, to, reservations, blocks, error);
}

TurnosReservation *
turnos_store_create_reservation (TurnosStore        *self,
                                 TurnosReservation  *draft,
                                 const char         *idempotency_key,
                                 const char         *request_hash,
                                 GDateTime          *now,
                                 GDateTime          *hold_until,
                                 TurnosStoreBookFlags flags,
                                 gboolean           *replayed,
                                 TurnosReservation **conflict,
                                 GError            **error)
{
  g_return_val_if_fail (TURNOS_IS_STORE (self), NULL);
  g_return_val_if_fail (draft != NULL && draft->start != NULL && draft->end != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);
  return IFACE (self)->create_reservation (self, draft, idempotency_key, request_hash, now,
                                           hold_until, flags, replayed, conflict, error);
}

TurnosReservation *
turnos_store_get_reservation (TurnosStore  *self,
                              const char   *id,
                              GError      **error)
{
  g_return_val_if_fail (TURNOS_IS_STORE (self), NULL);
  return IFACE (self)->get_reservation (self, id, error);
}

GPtrArray *
turnos_store_list_reservations (TurnosStore                  *self,
                                const TurnosReservationQuery *query,
                                gboolean                     *more,
                                GError                      **error)
{
  g_return_val_if_fail (TURNOS_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL && query->client_id != NULL && query->now != NULL, NULL);
  g_return_val_if_fail (query->limit >= 1 && query->limit <= 500, NULL);
  g_return_val_if_fail (more != NULL, NULL);

  return IFACE (self)->list_reservations (self, query, more, error);
}

TurnosReservation *
turnos_store_set_status (TurnosStore   *self,
                         const char    *id,
                         TurnosStatus   status,
                         GError       **error)
{
  g_return_val_if_fail (TURNOS_IS_STORE (self), NULL);
  return IFACE (self)->set_status (self, id, status, error);
}

TurnosReservation *
turnos_store_set_attendance (TurnosStore       *self,
                             const char        *id,
                             TurnosAttendance   attendance,
                             GError           **error)
{
  g_return_val_if_fail (TURNOS_IS_STORE (self), NULL);

  if (IFACE (self)->set_attendance == NULL)
    {
      g_set_error_literal (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_FAILED,
                           "this store does not keep attendance");
      return NULL;
    }
  return IFACE (self)->set_attendance (self, id, attendance, error);
}

TurnosBlock *
turnos_store_add_block (TurnosStore        *self,
                        TurnosBlock        *block,
                        GDateTime          *now,
                        TurnosReservation **conflict,
                        GError            **error)
{
  g_return_val_if_fail (TURNOS_IS_STORE (self), NULL);
  g_return_val_if_fail (block != NULL && block->professional_id != NULL, NULL);
  return IFACE (self)->add_block (self, block, now, conflict, error);
}

gboolean
turnos_store_remove_block (TurnosStore  *self,
                           const char   *professional_id,
                           const char   *block_id,
                           GError      **error)
{
  g_return_val_if_fail (TURNOS_IS_STORE (self), FALSE);
  return IFACE (self)->remove_block (self, professional_id, block_id, error);
}

TurnosPayment *
turnos_store_create_payment (TurnosStore        *self,
                             TurnosReservation  *draft,
                             const char         *amount,
                             const char         *currency,
                             const char         *idempotency_key,
                             const char         *request_hash,
                             GDateTime          *now,
                             GDateTime          *expires_at,
                             TurnosStoreBookFlags flags,
                             gboolean           *replayed,
                             TurnosReservation **conflict,
                             GError            **error)
{
  g_return_val_if_fail (TURNOS_IS_STORE (self), NULL);
  g_return_val_if_fail (expires_at != NULL, NULL);
  return IFACE (self)->create_payment (self, draft, amount, currency, idempotency_key,
                                       request_hash, now, expires_at, flags, replayed, conflict,
                                       error);
}

TurnosPayment *
turnos_store_get_payment (TurnosStore  *self,
                          const char   *payment_id,
                          GDateTime    *now,
                          GError      **error)
{
  g_return_val_if_fail (TURNOS_IS_STORE (self), NULL);
  return IFACE (self)->get_payment (self, payment_id, now, error);
}

TurnosPayment *
turnos_store_decide_payment (TurnosStore  *self,
                             const char   *payment_id,
                             gboolean      approved,
                             GDateTime    *now,
                             GError      **error)
{
  g_return_val_if_fail (TURNOS_IS_STORE (self), NULL);
  return IFACE (self)->decide_payment (self, payment_id, approved, now, error);
}

gboolean
turnos_store_wipe (TurnosStore  *self,
                   GError      **error)
{
  g_return_val_if_fail (TURNOS_IS_STORE (self), FALSE);
  return IFACE (self)->wipe (self, error);
}

gboolean
turnos_store_create_account (TurnosStore    *self,
                             TurnosAccount  *account,
                             const char     *password_hash,
                             GDateTime      *now,
                             GError        **error)
{
  g_return_val_if_fail (TURNOS_IS_STORE (self), FALSE);
  g_return_val_if_fail (account != NULL && account->id != NULL && now != NULL, FALSE);
  return IFACE (self)->create_account (self, account, password_hash, now, error);
}

TurnosAccount *
turnos_store_get_account (TurnosStore  *self,
                          const char   *id,
                          GError      **error)
{
  g_return_val_if_fail (TURNOS_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  return IFACE (self)->get_account (self, id, error);
}

TurnosAccount *
turnos_store_find_login (TurnosStore  *self,
                         const char   *username,
                         char        **password_hash,
                         GError      **error)
{
  g_return_val_if_fail (TURNOS_IS_STORE (self), NULL);
  g_return_val_if_fail (username != NULL, NULL);
  return IFACE (self)->find_login (self, username, password_hash, error);
}

gboolean
turnos_store_update_account (TurnosStore    *self,
                             TurnosAccount  *account,
                             GError        **error)
{
  g_return_val_if_fail (TURNOS_IS_STORE (self), FALSE);
  g_return_val_if_fail (account != NULL && account->id != NULL, FALSE);
  return IFACE (self)->update_account (self, account, error);
}

gboolean
turnos_store_set_password (TurnosStore  *self,
                           const char   *id,
                           const char   *password_hash,
                           gboolean      must_change,
                           gboolean      revoke,
                           const char   *keep_token_hash,
                           GError      **error)
{
  g_return_val_if_fail (TURNOS_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL && password_hash != NULL, FALSE);
  return IFACE (self)->set_password (self, id, password_hash, must_change, revoke,
                                     keep_token_hash, error);
}

GPtrArray *
turnos_store_search_accounts (TurnosStore  *self,
                              TurnosRole    role,
                              const char   *folded,
                              const char   *professional_id,
                              const char   *after_name,
                              const char   *after_id,
                              guint         limit,
                              GError      **error)
{
  g_return_val_if_fail (TURNOS_IS_STORE (self), NULL);
  g_return_val_if_fail ((after_name == NULL) == (after_id == NULL), NULL);
  return IFACE (self)->search_accounts (self, role, folded, professional_id, after_name,
                                        after_id, limit, error);
}

gboolean
turnos_store_erase_account (TurnosStore  *self,
                            const char   *id,
                            GDateTime    *now,
                            GError      **error)
{
  g_return_val_if_fail (TURNOS_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL && now != NULL, FALSE);
  return IFACE (self)->erase_account (self, id, now, error);
}

gboolean
turnos_store_put_token (TurnosStore  *self,
                        const char   *token_hash,
                        const char   *account_id,
                        GDateTime    *expires,
                        GError      **error)
{
  g_return_val_if_fail (TURNOS_IS_STORE (self), FALSE);
  g_return_val_if_fail (token_hash != NULL && account_id != NULL && expires != NULL, FALSE);
  return IFACE (self)->put_token (self, token_hash, account_id, expires, error);
}

TurnosAccount *
turnos_store_get_token (TurnosStore  *self,
                        const char   *token_hash,
                        GDateTime   **expires,
                        GError      **error)
{
  g_return_val_if_fail (TURNOS_IS_STORE (self), NULL);
  g_return_val_if_fail (token_hash != NULL && expires != NULL, NULL);
  return IFACE (self)->get_token (self, token_hash, expires, error);
}

gboolean
turnos_store_extend_token (TurnosStore  *self,
                           const char   *token_hash,
                           GDateTime    *expires,
                           GError      **error)
{
  g_return_val_if_fail (TURNOS_IS_STORE (self), FALSE);
  g_return_val_if_fail (token_hash != NULL && expires != NULL, FALSE);
  return IFACE (self)->extend_token (self, token_hash, expires, error);
}

gboolean
turnos_store_revoke_token (TurnosStore  *self,
                           const char   *token_hash,
                           GError      **error)
{
  g_return_val_if_fail (TURNOS_IS_STORE (self), FALSE);
  g_return_val_if_fail (token_hash != NULL, FALSE);
  return IFACE (self)->revoke_token (self, token_hash, error);
}

gboolean
turnos_store_add_failure (TurnosStore  *self,
                          const char   *key,
                          GDateTime    *at,
                          GDateTime    *forget_before,
                          GError      **error)
{
  g_return_val_if_fail (TURNOS_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL && at != NULL && forget_before != NULL, FALSE);
  return IFACE (self)->add_failure (self, key, at, forget_before, error);
}

guint
turnos_store_count_failures (TurnosStore  *self,
                             const char   *key,
                             GDateTime    *since,
                             GDateTime   **oldest,
                             GError      **error)
{
  g_return_val_if_fail (TURNOS_IS_STORE (self), 0);
  g_return_val_if_fail (key != NULL && since != NULL, 0);
  return IFACE (self)->count_failures (self, key, since, oldest, error);
}

gboolean
turnos_store_clear_failures (TurnosStore  *self,
                             const char   *key,
                             GError      **error)
{
  g_return_val_if_fail (TURNOS_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  return IFACE (self)->clear_failures (self, key, error);
}

gboolean
turnos_store_add_audit (TurnosStore       *self,
                        TurnosAuditEntry  *entry,
                        GError           **error)
{
  g_return_val_if_fail (TURNOS_IS_STORE (self), FALSE);
  g_return_val_if_fail (entry != NULL && entry->at != NULL && entry->action != NULL, FALSE);
  return IFACE (self)->add_audit (self, entry, error);
}

GPtrArray *
turnos_store_list_audit (TurnosStore  *self,
                         GDateTime    *since,
                         const char   *actor,
                         const char   *target,
                         gint64        before_seq,
                         guint         limit,
                         GError      **error)
{
  g_return_val_if_fail (TURNOS_IS_STORE (self), NULL);
  return IFACE (self)->list_audit (self, since, actor, target, before_seq, limit, error);
}

void
turnos_store_event_free (TurnosStoreEvent *event)
{
  if (event == NULL)
    return;
  g_free (event->json);
  g_free (event);
}

GPtrArray *
turnos_store_read_events (TurnosStore  *self,
                          gint64        after_seq,
                          guint         limit,
                          gboolean     *missed,
                          GError      **error)
{
  g_return_val_if_fail (TURNOS_IS_STORE (self), NULL);
  g_return_val_if_fail (limit > 0 && missed != NULL, NULL);
  return IFACE (self)->read_events (self, after_seq, limit, missed, error);
}

gboolean
turnos_store_last_event_seq (TurnosStore  *self,
                             gint64       *seq,
                             GError      **error)
{
  g_return_val_if_fail (TURNOS_IS_STORE (self), FALSE);
  g_return_val_if_fail (seq != NULL, FALSE);
  return IFACE (self)->last_event_seq (self, seq, error);
}

GSource *
turnos_store_watch_events (TurnosStore *self)
{
  g_return_val_if_fail (TURNOS_IS_STORE (self), NULL);
  return IFACE (self)->watch_events (self);
}

gboolean
turnos_store_release_lapsed (TurnosStore  *self,
                             GDateTime    *now,
                             guint        *released,
                             GError      **error)
{
  g_return_val_if_fail (TURNOS_IS_STORE (self), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);
  return IFACE (self)->release_lapsed (self, now, released, error);
}

gboolean
turnos_store_next_hold_expiry (TurnosStore  *self,
                               GDateTime   **expiry,
                               GError      **error)
{
  g_return_val_if_fail (TURNOS_IS_STORE (self), FALSE);
  g_return_val_if_fail (expiry != NULL, FALSE);
  return IFACE (self)->next_hold_expiry (self, expiry, error);
}

TurnosSeries *
turnos_store_create_series (TurnosStore                    *self,
                            const TurnosStoreSeriesRequest *request,
                            gboolean                       *replayed,
                            GError                        **error)
{
  g_return_val_if_fail (TURNOS_IS_STORE (self), NULL);
  g_return_val_if_fail (request != NULL && request->drafts != NULL && request->now != NULL, NULL);
  g_return_val_if_fail (request->hold_until == NULL || request->deposit_amount != NULL, NULL);
  return IFACE (self)->create_series (self, request, replayed, error);
}

GPtrArray *
turnos_store_list_series (TurnosStore  *self,
                          const char   *series_id,
                          GError      **error)
{
  g_return_val_if_fail (TURNOS_IS_STORE (self), NULL);
  g_return_val_if_fail (series_id != NULL, NULL);
  return IFACE (self)->list_series (self, series_id, error);
}

GPtrArray *
turnos_store_cancel_series (TurnosStore        *self,
                            const char         *series_id,
                            GDateTime          *from,
                            GDateTime          *not_before,
                            GDateTime          *now,
                            TurnosReservation **too_late,
                            GError            **error)
{
  g_return_val_if_fail (TURNOS_IS_STORE (self), NULL);
  g_return_val_if_fail (series_id != NULL && from != NULL && not_before != NULL && now != NULL, NULL);
  return IFACE (self)->cancel_series (self, series_id, from, not_before, now, too_late, error);
}

TurnosReservation *
turnos_store_reschedule (TurnosStore          *self,
                         const char           *id,
                         TurnosReservation    *draft,
                         TurnosStoreBookFlags  flags,
                         GDateTime            *now,
                         TurnosReservation   **conflict,
                         GError              **error)
{
  g_return_val_if_fail (TURNOS_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL && now != NULL, NULL);
  g_return_val_if_fail (draft != NULL && draft->start != NULL && draft->end != NULL, NULL);
  return IFACE (self)->reschedule (self, id, draft, flags, now, conflict, error);
}

TurnosWaitlistEntry *
turnos_store_add_waitlist (TurnosStore          *self,
                           TurnosWaitlistEntry  *entry,
                           GDateTime            *now,
                           guint                 max_per_client,
                           gboolean             *existed,
                           GError              **error)
{
  g_return_val_if_fail (TURNOS_IS_STORE (self), NULL);
  g_return_val_if_fail (entry != NULL && entry->professional_id != NULL && entry->client_id != NULL, NULL);
  g_return_val_if_fail (g_date_valid (&entry->date) && now != NULL, NULL);
  return IFACE (self)->add_waitlist (self, entry, now, max_per_client, existed, error);
}

TurnosWaitlistEntry *
turnos_store_get_waitlist (TurnosStore  *self,
                           const char   *id,
                           GError      **error)
{
  g_return_val_if_fail (TURNOS_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  return IFACE (self)->get_waitlist (self, id, error);
}

gboolean
turnos_store_remove_waitlist (TurnosStore  *self,
                              const char   *id,
                              GError      **error)
{
  g_return_val_if_fail (TURNOS_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  return IFACE (self)->remove_waitlist (self, id, error);
}

GPtrArray *
turnos_store_list_waitlist (TurnosStore               *self,
                            const TurnosWaitlistQuery *query,
                            gboolean                  *more,
                            GError                   **error)
{
  g_return_val_if_fail (TURNOS_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL && query->now != NULL && more != NULL, NULL);
  g_return_val_if_fail (query->limit >= 1 && query->limit <= 500, NULL);
  return IFACE (self)->list_waitlist (self, query, more, error);
}

void
turnos_store_emit_events_appended (TurnosStore *self)
{
  g_return_if_fail (TURNOS_IS_STORE (self));
  g_signal_emit (self, events_appended_signal, 0);
}

gboolean
turnos_reservation_query_within_days (const TurnosReservationQuery *query,
                                      const TurnosReservation      *r)
{
  GDate day;

  turnos_date_from_datetime (r->start, &day);
  return (query->from == NULL || g_date_compare (&day, query->from) >= 0) &&
         (query->to == NULL || g_date_compare (&day, query->to) <= 0);
}

static gint64
day_utc (const GDate *date,
         int          add_days)
{
  g_autoptr(GDateTime) midnight = g_date_time_new_utc (g_date_get_year (date),
                                                       g_date_get_month (date),
                                                       g_date_get_day (date), 0, 0, 0);

  return g_date_time_to_unix (midnight) + (gint64) add_days * 86400;
}

void
turnos_reservation_query_instants (const TurnosReservationQuery *query,
                                   gint64                        earliest,
                                   gint64                        latest,
                                   gint64                       *from_ts,
                                   gint64                       *to_ts)
{
  const gint64 slack = 14 * 3600;

  *from_ts = query->from ? day_utc (query->from, 0) - slack : earliest;
  *to_ts = query->to ? day_utc (query->to, 1) + slack : latest;
}
