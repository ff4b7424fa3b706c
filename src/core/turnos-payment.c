/* turnos-payment.c: a deposit payment and the hold it keeps on a time
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-core"

#include "config.h"

#include "turnos-error.h"
#include "turnos-json.h"
#include "turnos-payment.h"
#include "turnos-time.h"

G_DEFINE_BOXED_TYPE (TurnosPayment, turnos_payment, turnos_payment_ref, turnos_payment_unref)

static const char * const payment_words[] = { "pending", "approved", "declined", "expired" };

const char *
turnos_payment_status_to_string (TurnosPaymentStatus status)
{
  g_return_val_if_fail (status <= TURNOS_PAYMENT_EXPIRED, NULL);
  return payment_words[status];
}

gboolean
turnos_payment_status_from_string (const char          *str,
                                   TurnosPaymentStatus *out)
{
  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (payment_words); i++)
    if (g_str_equal (str, payment_words[i]))
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

TurnosPayment *
turnos_payment_new (void)
{
  TurnosPayment *self = g_new0 (TurnosPayment, 1);

  g_atomic_ref_count_init (&self->ref_count);
  return self;
}

TurnosPayment *
turnos_payment_ref (TurnosPayment *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
turnos_payment_unref (TurnosPayment *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->payment_id);
  g_free (self->checkout_url);
  g_free (self->amount);
  g_free (self->currency);
  g_clear_pointer (&self->expires_at, g_date_time_unref);
  g_clear_pointer (&self->reservation, turnos_reservation_unref);
  g_free (self);
}

TurnosPayment *
turnos_payment_from_json (JsonNode   *node,
                          GTimeZone  *tz,
                          GError    **error)
{
  g_autoptr(TurnosPayment) self = turnos_payment_new ();
  g_autoptr(GTimeZone) own_tz = NULL;
  JsonObject *object;
  JsonNode *reservation;
  const char *id = NULL, *status = NULL, *url = NULL, *amount = NULL, *currency = NULL;
  const char *expires = NULL, *zone = NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, TURNOS_ERROR, TURNOS_ERROR_MISSING_FIELD, "payment is not an object");
      return NULL;
    }
  object = json_node_get_object (node);
  if (!turnos_json_get_string (object, "payment_id", FALSE, &id, error) ||
      !turnos_json_get_string (object, "status", FALSE, &status, error) ||
      !turnos_json_get_string (object, "checkout_url", TRUE, &url, error) ||
      !turnos_json_get_string (object, "amount", TRUE, &amount, error) ||
      !turnos_json_get_string (object, "currency", TRUE, &currency, error) ||
      !turnos_json_get_string (object, "expires_at", TRUE, &expires, error) ||
      !turnos_json_get_string (object, "timezone", TRUE, &zone, error))
    return NULL;
  if (!turnos_payment_status_from_string (status, &self->status))
    {
      g_set_error (error, TURNOS_ERROR, TURNOS_ERROR_INVALID_VALUE, "unknown payment status “%s”", status);
      return NULL;
    }
  if (zone != NULL && (own_tz = turnos_time_zone_new (zone)) != NULL)
    tz = own_tz;
  if (expires != NULL)
    {
      if (tz == NULL)
        {
          g_set_error_literal (error, TURNOS_ERROR, TURNOS_ERROR_MISSING_FIELD, "payment without a time zone");
          return NULL;
        }
      if (!(self->expires_at = turnos_time_parse (expires, tz, error)))
        return NULL;
    }
  reservation = json_object_get_member (object, "reservation");
  if (reservation != NULL && !JSON_NODE_HOLDS_NULL (reservation) &&
      !(self->reservation = turnos_reservation_stored_from_json (reservation, tz, error)))
    return NULL;

  self->payment_id = g_strdup (id);
  self->checkout_url = g_strdup (url);
  self->amount = g_strdup (amount);
  self->currency = g_strdup (currency);
  return g_steal_pointer (&self);
}

JsonNode *
turnos_payment_to_node (const TurnosPayment *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  g_return_val_if_fail (self != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "payment_id");
  json_builder_add_string_value (builder, self->payment_id);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, turnos_payment_status_to_string (self->status));
  if (self->checkout_url != NULL)
    {
      json_builder_set_member_name (builder, "checkout_url");
      json_builder_add_string_value (builder, self->checkout_url);
    }
  if (self->amount != NULL)
    {
      json_builder_set_member_name (builder, "amount");
      json_builder_add_string_value (builder, self->amount);
    }
  if (self->currency != NULL)
    {
      json_builder_set_member_name (builder, "currency");
      json_builder_add_string_value (builder, self->currency);
    }
  if (self->expires_at != NULL)
    {
      g_autofree char *expires = turnos_time_format (self->expires_at);

      json_builder_set_member_name (builder, "expires_at");
      json_builder_add_string_value (builder, expires);
      json_builder_set_member_name (builder, "timezone");
      json_builder_add_string_value (builder,
                                     g_time_zone_get_identifier (g_date_time_get_timezone (self->expires_at)));
    }
  if (self->reservation != NULL)
    {
      json_builder_set_member_name (builder, "reservation");
      turnos_reservation_to_json (self->reservation, builder);
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

char *
turnos_payment_amount_times (const char *amount,
                             guint       n)
{
  guint64 units = 0;
  gsize digits = 0;
  gboolean cents;
  const char *p = amount;

  g_return_val_if_fail (amount != NULL, NULL);
  g_return_val_if_fail (n <= 1000000, NULL);

  while (g_ascii_isdigit (*p))
    units = units * 10 + (guint64) (*p++ - '0'), digits++;
  if (digits == 0 || digits > 9)
    return NULL;
  cents = *p == '.';
  if (cents)
    {
      if (!g_ascii_isdigit (p[1]) || !g_ascii_isdigit (p[2]) || p[3] != '\0')
        return NULL;
      units = units * 100 + (guint64) ((p[1] - '0') * 10 + (p[2] - '0'));
    }
  else if (*p != '\0')
    return NULL;
  /* Below 10^11 cents × 10^6: well inside 64 bits. */
  units *= n;
  if (!cents)
    return g_strdup_printf ("%" G_GUINT64_FORMAT, units);
  return g_strdup_printf ("%" G_GUINT64_FORMAT ".%02u", units / 100, (guint) (units % 100));
}
