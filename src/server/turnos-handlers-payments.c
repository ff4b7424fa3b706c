/* turnos-handlers-payments.c: deposits, and the sandbox provider's checkout pages
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-server"

#include "config.h"

#include "turnos-error.h"
#include "turnos-handlers.h"
#include "turnos-server-private.h"
#include "turnos-store.h"

/* Where the sandbox provider's checkout for @payment_id is reached: the server's public URL,
 * never the request's Host header (a forged Host would send the patient elsewhere). */
static char *
checkout_url (TurnosRequest *request,
              const char    *payment_id)
{
  g_autofree char *base = _turnos_server_dup_public_url (request->server);
  g_autofree char *escaped = g_uri_escape_string (payment_id, NULL, FALSE);

  return g_strconcat (base, "sandbox/checkout/", escaped, NULL);
}

static void
answer_payment (TurnosRequest *request,
                TurnosPayment *payment,
                guint          status,
                TurnosAnswer  *answer)
{
  g_free (payment->checkout_url);
  payment->checkout_url = checkout_url (request, payment->payment_id);
  turnos_answer_json (answer, status, turnos_payment_to_node (payment));
}

void
turnos_handle_payment_create (TurnosRequest *request,
                              TurnosAnswer  *answer)
{
  g_autoptr(GDateTime) expires = NULL;
  g_autoptr(TurnosSettings) settings = NULL;
  g_autoptr(TurnosReservation) draft = NULL;
  g_autoptr(TurnosPayment) payment = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = NULL;
  const char *key = turnos_request_idempotency_key (request, answer);
  gboolean replayed = FALSE;

  if (turnos_answer_is_set (answer) ||
      !(draft = turnos_handlers_read_draft (request, &settings, &hash, answer)))
    return;
  if (!_turnos_server_has_sandbox (request->server))
    {
      turnos_answer_error (answer, 503, TURNOS_CODE_NO_PAYMENT_PROVIDER,
                           "this server takes no deposits: no payment provider is set up");
      return;
    }
  if (!settings->requires_deposit || settings->deposit_amount == NULL)
    {
      turnos_answer_error (answer, 422, TURNOS_CODE_INVALID_FIELD,
                           "this professional takes no deposit: use /reservations/create-without-payment");
      return;
    }
  expires = g_date_time_add_minutes (request->now, _turnos_server_get_hold_minutes (request->server));
  payment = turnos_store_create_payment (request->store, draft, settings->deposit_amount,
                                         settings->currency ? settings->currency : "ARS",
                                         key, hash, request->now, expires, &replayed, NULL, &error);
  if (payment == NULL)
    turnos_answer_store_error (answer, error);
  else
    {
      if (!replayed)
        turnos_request_audit (request, "payment.create", "payment", payment->payment_id,
                              payment->reservation ? payment->reservation->id : "");
      answer_payment (request, payment, 201, answer);
    }
}

void
turnos_handle_payment_get (TurnosRequest *request,
                           TurnosAnswer  *answer)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TurnosPayment) payment = turnos_store_get_payment (request->store, request->params[0],
                                                               request->now, &error);

  if (payment == NULL)
    turnos_answer_store_error (answer, error);
  else if (turnos_request_role (request) == TURNOS_ROLE_PATIENT &&
           !turnos_request_is (request, payment->reservation->client_id))
    turnos_request_forbid (request, answer);
  else
    answer_payment (request, payment, 200, answer);
}

/* The sandbox provider's checkout: a page with Pay and Decline, as a real provider's would
 * be; @decision is NULL to show it, else "pay" or "decline". */
static void
sandbox_page (TurnosRequest *request,
              const char    *decision,
              TurnosAnswer  *answer)
{
  const char *payment_id = request->params[0];
  g_autoptr(GError) error = NULL;
  g_autoptr(TurnosPayment) payment = NULL;
  g_autofree char *amount = NULL;
  g_autofree char *id = NULL;
  const char *status;

  if (!_turnos_server_has_sandbox (request->server))
    {
      turnos_answer_error (answer, 404, TURNOS_CODE_NOT_FOUND, "no such resource");
      return;
    }
  if (decision != NULL)
    payment = turnos_store_decide_payment (request->store, payment_id,
                                           g_str_equal (decision, "pay"), request->now, &error);
  else
    payment = turnos_store_get_payment (request->store, payment_id, request->now, &error);
  if (payment == NULL)
    {
      turnos_answer_store_error (answer, error);
      return;
    }

  if (decision != NULL)
    turnos_request_audit (request, g_str_equal (decision, "pay") ? "payment.approve" : "payment.decline",
                          "payment", payment->payment_id, "sandbox");
  amount = g_markup_printf_escaped ("%s %s", payment->amount, payment->currency);
  id = g_uri_escape_string (payment->payment_id, NULL, FALSE);
  status = turnos_payment_status_to_string (payment->status);
  turnos_answer_clear (answer);
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

void
turnos_handle_sandbox_page (TurnosRequest *request,
                            TurnosAnswer  *answer)
{
  sandbox_page (request, NULL, answer);
}

void
turnos_handle_sandbox_pay (TurnosRequest *request,
                           TurnosAnswer  *answer)
{
  sandbox_page (request, "pay", answer);
}

void
turnos_handle_sandbox_decline (TurnosRequest *request,
                               TurnosAnswer  *answer)
{
  sandbox_page (request, "decline", answer);
}
