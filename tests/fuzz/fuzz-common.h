/* fuzz-common.h: what every libFuzzer harness of tests/fuzz shares
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* libFuzzer's entry points: each harness defines both. The same file runs under libFuzzer
 * (clang -fsanitize=fuzzer) and under fuzz-replay.c, which feeds it the corpus and the
 * crashers in the ordinary suite. */
int LLVMFuzzerInitialize   (int            *argc,
                            char         ***argv);
int LLVMFuzzerTestOneInput (const uint8_t  *data,
                            size_t          size);

/* Warnings, criticals (a failed g_return_if_fail) and errors print and abort(): a finding.
 * Messages, info and debug are dropped. Call once, from LLVMFuzzerInitialize. */
void      fuzz_init (void);

/* The input as a JSON tree, or NULL when turnos_json_parse refuses it (no finding). */
JsonNode *fuzz_parse_json (const uint8_t *data,
                           size_t         size);

/* The input as a NUL-terminated string (inputs with a NUL byte inside are cut there). */
char     *fuzz_strndup (const uint8_t *data,
                        size_t         size);

/* A tree's compact text, for comparing two trees. */
char     *fuzz_dump (JsonNode *node);

/* Prints "fuzz: invariant failed: @what" with the place and aborts, when @cond is FALSE: what
 * a parser promises (a value it read writes back and reads again the same). */
#define fuzz_check(cond, what) \
  G_STMT_START { \
    if (G_UNLIKELY (!(cond))) \
      fuzz_fail (__FILE__, __LINE__, what); \
  } G_STMT_END

G_NORETURN void fuzz_fail (const char *file,
                           int         line,
                           const char *what);

G_END_DECLS
