/* turnos-test-client.h: a TurnosClient for a test against a real server
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "turnos-client.h"
#include "turnos-test-server.h"

G_BEGIN_DECLS

/* turnos_test_client_stretch() multiplies @client's deadline per call; turnos_test_client_new()
 * is turnos_client_new (@base_url) whose deadline per call (10 s by default, see
 * turnos_client_set_timeout()) is multiplied by turnos_test_time_scale(), as every other bound
 * of a test is: under the sanitizers the server and the test run many times slower, and a
 * deadline meant for a person waiting must not fail a test that is only slow. Tests of the
 * deadline itself use turnos_client_new() and set their own. */
static inline void
turnos_test_client_stretch (TurnosClient *client)
{
  turnos_client_set_timeout (client, turnos_client_get_timeout (client) * turnos_test_time_scale ());
}

static inline TurnosClient *
turnos_test_client_new (const char *base_url)
{
  TurnosClient *client = turnos_client_new (base_url);

  turnos_test_client_stretch (client);
  return client;
}

G_END_DECLS
