/* turnos-test-inproc.h: a TurnosServer in the test's own process, on a fixed clock
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "turnos-server.h"

G_BEGIN_DECLS

typedef struct
{
  char         *uri;       /* the scratch store (turnos_test_store_new_uri()) */
  TurnosStore  *store;
  TurnosServer *server;
  char         *url;       /* "http://127.0.0.1:PORT/" */
  GDateTime    *now;       /* the server's clock: Monday 2 March 2026, 08:00 in Buenos Aires;
                            * turnos_test_inproc_set_now() moves it */
  char         *token;     /* sent by turnos_test_inproc_request(): the demo desk's, or NULL */
} TurnosTestInproc;

/* A scratch store (SQLite, or PostgreSQL in a "-pg" test: turnos-test-store.h) seeded with the demo clinic at the fixed clock, served on
 * 127.0.0.1:0 in the default main context (tests run the main loop to get answers), with
 * the sandbox payment provider on, and signed in as the demo desk (self->token). */
TurnosTestInproc *turnos_test_inproc_new  (void);
void              turnos_test_inproc_free (TurnosTestInproc *self);

/* Sends @method @path (relative to the server's URL, may hold a query) with an optional JSON
 * @body (@body_len -1: NUL-terminated) through libsoup; returns the status and, when asked,
 * the answer parsed as JSON (NULL when empty or not JSON). Bounded wait (10 s). */
guint             turnos_test_inproc_request (TurnosTestInproc *self,
                                              const char       *method,
                                              const char       *path,
                                              const char       *body,
                                              gssize            body_len,
                                              JsonNode        **body_out);

/* The same as @token (NULL: anonymous); the answer's headers into @headers_out if asked. */
guint             turnos_test_inproc_request_as (TurnosTestInproc    *self,
                                                 const char          *token,
                                                 const char          *method,
                                                 const char          *path,
                                                 const char          *body,
                                                 gssize               body_len,
                                                 JsonNode           **body_out,
                                                 SoupMessageHeaders **headers_out);

/* Signs a demo account in through POST /auth/login ("demo-" + @username); returns its token. */
char             *turnos_test_inproc_login (TurnosTestInproc *self,
                                            const char       *username);

/* Moves the server's clock to @now (a new reference is taken). */
void              turnos_test_inproc_set_now (TurnosTestInproc *self,
                                              GDateTime        *now);

/* Writes @raw (a whole HTTP/1.1 request, sent as is: any Host, any bytes) on a fresh
 * connection and returns everything the server answered until it closed the connection
 * (send "Connection: close"). Bounded wait (10 s). */
char             *turnos_test_inproc_raw (TurnosTestInproc *self,
                                          const char       *raw,
                                          gsize             raw_len);

/* The error code of an error answer ({"error": {"code"}}); asserts it is one. */
char             *turnos_test_error_code (JsonNode *node);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TurnosTestInproc, turnos_test_inproc_free)

G_END_DECLS
