/* fuzz-replay.c: a harness's corpus and crashers in the ordinary suite
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built with the normal compiler around one harness (FUZZ_HARNESS names it): every file of
 * each directory given on the command line goes through LLVMFuzzerTestOneInput, so an input
 * that once crashed stays fixed. One TAP subtest per directory, /fuzz/HARNESS/DIR.
 */
#define G_LOG_DOMAIN "turnos-fuzz"

#include "config.h"

#include <string.h>

#include "fuzz-common.h"

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
replay_directory (gconstpointer data)
{
  const char *path = data;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  const char *name;

  dir = g_dir_open (path, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.')
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *file = g_build_filename (path, names->pdata[i], NULL);
      g_autofree char *contents = NULL;
      gsize len;

      g_assert_true (g_file_get_contents (file, &contents, &len, &error));
      g_assert_no_error (error);
      /* Said before the input runs: a crash names its input in the log. */
      g_test_message ("replaying %s (%" G_GSIZE_FORMAT " bytes)", file, len);
      LLVMFuzzerTestOneInput ((const uint8_t *) contents, len);
    }
  g_test_message ("%u inputs replayed from %s", names->len, path);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  LLVMFuzzerInitialize (&argc, &argv);

  /* A harness without crashers yet has no such directory: nothing to replay there. */
  for (int i = 1; i < argc; i++)
    if (g_file_test (argv[i], G_FILE_TEST_IS_DIR))
      {
        g_autofree char *parent = g_path_get_dirname (argv[i]);
        g_autofree char *kind = g_path_get_basename (parent);
        g_autofree char *test_path = g_strdup_printf ("/fuzz/%s/%s", FUZZ_HARNESS, kind);

        g_test_add_data_func (test_path, argv[i], replay_directory);
      }
  return g_test_run ();
}
