/* turnos-handlers-payments.c: deposits, and the sandbox provider's checkout pages
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-server"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "turnos-catalog.h"
#include "turnos-error.h"
#include "turnos-handlers.h"
#include "turnos-server-private.h"
#include "turnos-store.h"

/* The words of the sandbox checkout, in the request's language. */
#define T(lang, msgid) turnos_catalog_translate ((lang), (msgid))

/* Where the sandbox provider's checkout for @payment_id is reached: the server's public URL,
 * never the request's Host header (a forged Host would send the patient elsewhere). */
char *
turnos_handlers_checkout_url (TurnosRequest *request,
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
  payment->checkout_url = turnos_handlers_checkout_url (request, payment->payment_id);
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
  g_autoptr(TurnosReservation) conflict = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *reason = NULL;
  const char *key = turnos_request_idempotency_key (request, answer);
  gboolean replayed = FALSE;

  if (turnos_answer_is_set (answer) ||
      !(draft = turnos_handlers_read_draft (request, &settings, &hash, &reason, answer)))
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
                                         key, hash, request->now, expires,
                                         reason ? TURNOS_STORE_BOOK_ALLOW_PATIENT_OVERLAP
                                                : TURNOS_STORE_BOOK_DEFAULT,
                                         &replayed, &conflict, &error);
  if (payment == NULL)
    turnos_handlers_answer_booking_error (answer, error, conflict);
  else
    {
      if (!replayed && reason != NULL)
        turnos_request_audit (request, "reservation.create.override", "reservation",
                              payment->reservation ? payment->reservation->id : "", reason);
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

/* "5000.00" as @language writes amounts: "5,000.00" in English, "5.000,00" in Spanish. */
static char *
format_amount (const char *amount,
               const char *language)
{
  gboolean spanish = language != NULL && g_str_has_prefix (language, "es");
  const char *dot = strchr (amount, '.');
  gsize whole = dot ? (gsize) (dot - amount) : strlen (amount);
  g_autoptr(GString) out = g_string_new (NULL);

  for (gsize i = 0; i < whole; i++)
    {
      if (i > 0 && (whole - i) % 3 == 0 && g_ascii_isdigit (amount[i - 1]))
        g_string_append_c (out, spanish ? '.' : ',');
      g_string_append_c (out, amount[i]);
    }
  if (dot != NULL)
    {
      g_string_append_c (out, spanish ? ',' : '.');
      g_string_append (out, dot + 1);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The sandbox provider's checkout: a page with Pay and Decline, as a real provider's would
 * be, in the language the browser asks for (Accept-Language, among the project's catalogs);
 * @decision is NULL to show it, else "pay" or "decline". */
static void
sandbox_page (TurnosRequest *request,
              const char    *decision,
              TurnosAnswer  *answer)
{
  SoupMessageHeaders *in = soup_server_message_get_request_headers (request->msg);
  SoupMessageHeaders *out = soup_server_message_get_response_headers (request->msg);
  const char *lang = turnos_catalog_pick_language (soup_message_headers_get_list (in, "Accept-Language"));
  const char *payment_id = request->params[0];
  g_autoptr(GError) error = NULL;
  g_autoptr(TurnosPayment) payment = NULL;
  g_autofree char *number = NULL;
  g_autofree char *amount = NULL;
  g_autofree char *deposit = NULL;
  g_autofree char *id = NULL;
  g_autofree char *html_lang = NULL;
  g_autofree char *title = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *note = NULL;
  g_autofree char *pay = NULL;
  g_autofree char *decline = NULL;
  const char *outcome;

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
  number = format_amount (payment->amount, lang);
  /* Translators: the deposit's amount, then its currency code: "5.000,00 ARS" */
  amount = g_strdup_printf (T (lang, N_("%s %s")), number, payment->currency);
  deposit = g_markup_printf_escaped (
    /* Translators: on the sandbox checkout page; %s is the amount, "5,000.00 ARS" */
    T (lang, N_("Deposit: %s")), amount);
  id = g_uri_escape_string (payment->payment_id, NULL, FALSE);
  html_lang = g_strdelimit (g_strdup (lang ? lang : "en"), "_", '-');
  title = g_markup_escape_text (T (lang, N_("Turnos sandbox checkout")), -1);
  soup_message_headers_replace (out, "Content-Language", html_lang);
  soup_message_headers_append (out, "Vary", "Accept-Language");

  turnos_answer_clear (answer);
  answer->status = 200;
  if (payment->status == TURNOS_PAYMENT_PENDING)
    {
      heading = g_markup_escape_text (T (lang, N_("Sandbox checkout")), -1);
      note = g_markup_escape_text (T (lang, N_("This is the built-in test provider: no money moves.")), -1);
      /* Translators: the sandbox checkout's button that approves the payment */
      pay = g_markup_escape_text (T (lang, N_("Pay")), -1);
      /* Translators: the sandbox checkout's button that refuses the payment */
      decline = g_markup_escape_text (T (lang, N_("Decline")), -1);
      answer->html = g_strdup_printf (
        "<!DOCTYPE html><html lang=\"%s\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>%s</title>"
        "<style>body{font-family:sans-serif;max-width:28em;margin:3em auto;padding:0 1em}"
        "button{font-size:1.1em;padding:.5em 1.5em;margin:0 1em 1em 0}</style></head><body>"
        "<h1>%s</h1><p>%s</p><p>%s</p>"
        "<form method=\"post\" action=\"/sandbox/checkout/%s/pay\" style=\"display:inline\">"
        "<button type=\"submit\">%s</button></form>"
        "<form method=\"post\" action=\"/sandbox/checkout/%s/decline\" style=\"display:inline\">"
        "<button type=\"submit\">%s</button></form></body></html>",
        html_lang, title, heading, deposit, note, id, pay, id, decline);
      return;
    }

  switch (payment->status)
    {
    case TURNOS_PAYMENT_APPROVED:
      outcome = T (lang, N_("Payment approved"));
      break;
    case TURNOS_PAYMENT_DECLINED:
      outcome = T (lang, N_("Payment declined"));
      break;
    case TURNOS_PAYMENT_EXPIRED:
    case TURNOS_PAYMENT_PENDING:
    default:
      outcome = T (lang, N_("Payment expired"));
      break;
    }
  heading = g_markup_escape_text (outcome, -1);
  note = g_markup_escape_text (T (lang, N_("You can return to Turnos.")), -1);
  answer->html = g_strdup_printf (
    "<!DOCTYPE html><html lang=\"%s\"><head><meta charset=\"utf-8\">"
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>%s</title>"
    "<style>body{font-family:sans-serif;max-width:28em;margin:3em auto;padding:0 1em}</style>"
    "</head><body><h1>%s</h1><p>%s</p><p>%s</p></body></html>",
    html_lang, title, heading, deposit, note);
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
