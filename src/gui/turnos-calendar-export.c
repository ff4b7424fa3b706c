/* turnos-calendar-export.c: Add to Calendar, the same from every page that offers it
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-gui"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>

#include "turnos-calendar-export.h"
#include "turnos-format.h"
#include "turnos-ics.h"

typedef struct
{
  GtkWindow *parent;   /* nullable */
  char      *ics;
  char      *path;
} Export;

static void
export_free (Export *export)
{
  g_clear_object (&export->parent);
  g_free (export->ics);
  g_free (export->path);
  g_free (export);
}

char *
turnos_calendar_export_path (const char *reservation_id)
{
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (reservation_id != NULL, NULL);

  id = g_strdup (*reservation_id != '\0' ? reservation_id : "session");
  for (char *c = id; *c != '\0'; c++)
    if (!g_ascii_isalnum (*c) && *c != '-' && *c != '_')
      *c = '_';
  name = g_strdup_printf ("turnos-%s.ics", id);
  return g_build_filename (g_get_user_cache_dir (), "turnos", name, NULL);
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Export *export = task_data;
  g_autofree char *dir = g_path_get_dirname (export->path);
  g_autoptr(GError) error = NULL;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved),
                               "%s: %s", dir, g_strerror (saved));
      return;
    }
  if (!g_file_set_contents_full (export->path, export->ics, -1, G_FILE_SET_CONTENTS_CONSISTENT,
                                 0600, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
shown_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (gtk_show_uri_full_finish (GTK_WINDOW (object), result, &error))
    g_task_return_boolean (task, TRUE);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    {
      g_debug ("no app opened the calendar file: %s", error->message);
      g_task_return_boolean (task, FALSE);
    }
}

static void
written_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Export *export = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (g_getenv ("TURNOS_NO_BROWSER") != NULL || export->parent == NULL)
    {
      g_task_return_boolean (task, FALSE);
      return;
    }
  uri = g_filename_to_uri (export->path, NULL, &error);
  if (uri == NULL)
    {
      g_task_return_boolean (task, FALSE);
      return;
    }
  gtk_show_uri_full (export->parent, uri, GDK_CURRENT_TIME, g_task_get_cancellable (task),
                     shown_cb, g_object_ref (task));
}

void
turnos_calendar_export_async (GtkWindow           *parent,
                              TurnosReservation   *reservation,
                              const char          *title,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) writing = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  Export *export;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (reservation != NULL);
  g_return_if_fail (title != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, turnos_calendar_export_async);
  export = g_new0 (Export, 1);
  export->parent = parent != NULL ? g_object_ref (parent) : NULL;
  export->ics = turnos_ics_from_reservation (reservation, title,
                                             turnos_format_modality (reservation->modality), now);
  export->path = turnos_calendar_export_path (reservation->id != NULL ? reservation->id : "");
  g_task_set_task_data (task, export, (GDestroyNotify) export_free);

  writing = g_task_new (NULL, cancellable, written_cb, g_object_ref (task));
  g_task_set_source_tag (writing, turnos_calendar_export_async);
  g_task_set_task_data (writing, export, NULL);
  g_task_run_in_thread (writing, write_thread);
}

char *
turnos_calendar_export_finish (GAsyncResult *result)
{
  GTask *task = G_TASK (result);
  Export *export = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  if (g_task_propagate_boolean (task, &error) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return NULL;
  if (error != NULL)
    {
      g_debug ("writing the calendar file: %s", error->message);
      return g_strdup (_("The calendar file could not be written."));
    }
  /* Translators: %s is a file's path */
  return g_strdup_printf (_("No calendar app opened it. The event is saved in %s"), export->path);
}
