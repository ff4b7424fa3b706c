/* test-sandbox-i18n.c: the sandbox checkout page in the browser's language
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libintl.h>
#include <libsoup/soup.h>
#include <string.h>

#include "turnos-catalog.h"
#include "turnos-json.h"
#include "turnos-test-inproc.h"
#include "turnos-test-server.h"

typedef struct
{
  TurnosTestInproc *t;
  char             *checkout;   /* "sandbox/checkout/ID", relative to the server */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(JsonNode) payment = NULL;

  f->t = turnos_test_inproc_new ();
  /* dr-bruno asks for a 5000.00 ARS deposit in the demo clinic. */
  g_assert_cmpuint (turnos_test_inproc_request (f->t, "POST", "reservations/payment",
                                                "{\"client_id\": \"patient-7\", \"professional_id\": \"dr-bruno\", "
                                                "\"start_time\": \"2026-03-04T10:00:00\", "
                                                "\"session_modality\": \"Presencial\"}", -1, &payment),
                    ==, 201);
  f->checkout = g_strdup_printf ("sandbox/checkout/%s",
                                 json_object_get_string_member (json_node_get_object (payment), "payment_id"));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->t, turnos_test_inproc_free);
  g_free (f->checkout);
}

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* @method @path with Accept-Language @languages (NULL: none); the page, and its
 * Content-Language in @content_language. */
static char *
page (Fixture     *f,
      const char  *method,
      const char  *path,
      const char  *languages,
      char       **content_language)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strconcat (f->t->url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  if (languages != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept-Language", languages);
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, done_cb, &result);
  TURNOS_TEST_WAIT_UNTIL (result != NULL);
  body = soup_session_send_and_read_finish (session, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_cmpstr (soup_message_headers_get_one (soup_message_get_response_headers (msg), "Vary"), ==,
                   "Accept-Language");
  if (content_language != NULL)
    *content_language = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                                "Content-Language"));
  return g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

static void
assert_has (const char *html,
            const char *text)
{
  if (strstr (html, text) == NULL)
    g_error ("“%s” not in the page: %s", text, html);
}

/* The browser's Accept-Language picks the words, the amount's separators and <html lang>. */
static void
test_checkout_speaks (Fixture       *f,
                      gconstpointer  data)
{
  static const struct {
    const char *accept;
    const char *lang;
    const char *words[4];
  } cases[] = {
    { "es-AR,es;q=0.9,en;q=0.5", "es-AR", { "<html lang=\"es-AR\">", "Seña: 5.000,00 ARS", ">Pagar<", "no se mueve plata" } },
    { "es-ES,es;q=0.9", "es", { "<html lang=\"es\">", "Seña: 5.000,00 ARS", ">Rechazar<", "no se mueve dinero" } },
    { "fr-FR, es;q=0.4, de;q=0.8", "es", { "no se mueve dinero" } },
    { "en-US,es-AR;q=0.8", "en", { "<html lang=\"en\">", "Deposit: 5,000.00 ARS", ">Pay<", ">Decline<" } },
    { "es-AR;q=0.5, en;q=0.9", "en", { ">Pay<" } },
    { "de-DE", "en", { "Deposit: 5,000.00 ARS" } },
    { "es-AR;q=zzz, ../../etc;q=1, *;q=0.1", "en", { ">Pay<" } },
    { NULL, "en", { ">Pay<" } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *lang = NULL;
      g_autofree char *html = page (f, "GET", f->checkout, cases[i].accept, &lang);

      g_test_message ("Accept-Language: %s", cases[i].accept);
      g_assert_cmpstr (lang, ==, cases[i].lang);
      for (guint w = 0; w < G_N_ELEMENTS (cases[i].words) && cases[i].words[w] != NULL; w++)
        assert_has (html, cases[i].words[w]);
    }
}

/* After the decision, the page that says so speaks the same language. */
static void
test_outcome_speaks (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *pay = g_strconcat (f->checkout, "/pay", NULL);
  g_autofree char *paid = page (f, "POST", pay, "es-AR", NULL);
  g_autofree char *again = page (f, "GET", f->checkout, "en", NULL);

  assert_has (paid, "Pago aprobado");
  assert_has (paid, "Ya podés volver a Turnos.");
  assert_has (again, "Payment approved");
}

static void
test_pick_language (void)
{
  static const struct { const char *accept; const char *picked; } cases[] = {
    { "es-AR", "es_AR" },
    { "es-ar", "es_AR" },
    { "es-MX", "es" },
    { "es-419", "es" },
    { "ES", "es" },
    { "en, es-AR", NULL },
    { "fr;q=1, es-AR;q=0.2", "es_AR" },
    { "es-AR;q=0", NULL },
    { "", NULL },
    { ",,;;", NULL },
    { "es_AR/../..", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpstr (turnos_catalog_pick_language (cases[i].accept), ==, cases[i].picked);
  g_assert_cmpstr (turnos_catalog_translate (NULL, "Pay"), ==, "Pay");
  g_assert_cmpstr (turnos_catalog_translate ("es_AR", "Pay"), ==, "Pagar");
  g_assert_cmpstr (turnos_catalog_translate ("es_AR", "no such message"), ==, "no such message");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* As turnos-server's main() does: the build folder's catalogs. */
  g_assert_nonnull (g_getenv ("TURNOS_LOCALEDIR"));
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("TURNOS_LOCALEDIR"));

  g_test_add_func ("/server/sandbox/pick-language", test_pick_language);
  g_test_add ("/server/sandbox/checkout-speaks", Fixture, NULL, fixture_set_up, test_checkout_speaks,
              fixture_tear_down);
  g_test_add ("/server/sandbox/outcome-speaks", Fixture, NULL, fixture_set_up, test_outcome_speaks,
              fixture_tear_down);

  return g_test_run ();
}
