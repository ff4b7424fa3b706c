/* turnos-catalog.h: the project's translations, looked up per request
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * The server answers each request in that request's language (the sandbox checkout page is
 * read by a patient's browser), while gettext() translates for the whole process, follows
 * LANGUAGE before anything else and needs the locale generated on the machine. So the server
 * reads the same compiled catalogs itself: <dir>/<language>/LC_MESSAGES/turnos.mo, where <dir>
 * is the directory bound with bindtextdomain (GETTEXT_PACKAGE, …) (turnos-server's main.c and
 * the desktop app's both bind it; TURNOS_LOCALEDIR overrides it for a build folder). Each
 * catalog is read once and kept; lookups are safe from any thread.
 */

/* The language of @accept_language (an HTTP Accept-Language value, may be NULL) that a catalog
 * exists for, as its folder is named ("es_AR", "es"), or NULL for the source language
 * (English). Ranges are taken by their q value, then in order; "es-AR" falls back to "es";
 * "en…" and "*" pick English; anything unreadable is skipped. */
const char *turnos_catalog_pick_language (const char *accept_language);

/* @msgid in @language (from turnos_catalog_pick_language(); NULL is English), or @msgid itself
 * when the catalog has no translation for it. Mark the msgids with N_() so xgettext finds
 * them. The result lives as long as the process. */
const char *turnos_catalog_translate     (const char *language,
                                          const char *msgid);

G_END_DECLS
