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

G_DEFINE_QUARK (turnos-store-error-quark, turnos_store_error)
G_DEFINE_INTERFACE (TurnosStore, turnos_store, G_TYPE_OBJECT)

static void
turnos_store_default_init (TurnosStoreInterface *iface)
{
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
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   "this build has no PostgreSQL store yet; use sqlite:///path");
      return NULL;
    }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               "unknown database “%s”; use sqlite:///absolute/path.db", uri);
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
                                 gboolean           *replayed,
                                 TurnosReservation **conflict,
                                 GError            **error)
{
  g_return_val_if_fail (TURNOS_IS_STORE (self), NULL);
  g_return_val_if_fail (draft != NULL && draft->start != NULL && draft->end != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);
  return IFACE (self)->create_reservation (self, draft, idempotency_key, request_hash, now,
                                           hold_until, replayed, conflict, error);
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
                             gboolean           *replayed,
                             TurnosReservation **conflict,
                             GError            **error)
{
  g_return_val_if_fail (TURNOS_IS_STORE (self), NULL);
  g_return_val_if_fail (expires_at != NULL, NULL);
  return IFACE (self)->create_payment (self, draft, amount, currency, idempotency_key,
                                       request_hash, now, expires_at, replayed, conflict, error);
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
