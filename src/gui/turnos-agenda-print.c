/* turnos-agenda-print.c: the desk agenda's day sheet, printed
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sheet is a list of lines (the heading, each professional's name, then a line per
 * session with tab stops for time, patient, phone and modality), laid out with Pango and cut
 * into pages by the printer's page height.
 */
#define G_LOG_DOMAIN "turnos-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "turnos-agenda-print.h"
#include "turnos-format.h"

/* What one line is. */
typedef enum
{
  LINE_TITLE,
  LINE_PROFESSIONAL,
  LINE_SESSION,
  LINE_NOTE,
} LineKind;

typedef struct
{
  LineKind  kind;
  char     *text;
} Line;

typedef struct
{
  TurnosDeskAgenda *agenda;      /* owned */
  GtkWindow        *parent;      /* owned, nullable */
  char             *export_filename;
  GArray           *lines;       /* of Line */
  double            line_height; /* points, of a session line */
  int               per_page;
} Sheet;

static void
line_clear (gpointer data)
{
  g_free (((Line *) data)->text);
}

static void
sheet_free (Sheet *sheet)
{
  g_clear_object (&sheet->agenda);
  g_clear_object (&sheet->parent);
  g_free (sheet->export_filename);
  g_clear_pointer (&sheet->lines, g_array_unref);
  g_free (sheet);
}

static void
add_line (Sheet    *sheet,
          LineKind  kind,
          char     *text)
{
  Line line = { kind, text };

  g_array_append_val (sheet->lines, line);
}

/* The reservations of @column's day, in time order. (transfer container) */
static GPtrArray *
sessions_of (TurnosDeskDay *column)
{
  GListModel *entries = turnos_desk_day_get_entries (column);
  GPtrArray *sessions = g_ptr_array_new_with_free_func ((GDestroyNotify) turnos_reservation_unref);

  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr(TurnosDeskEntry) e = g_list_model_get_item (entries, i);
      TurnosReservation *r = turnos_desk_entry_get_reservation (e);

      if (r != NULL)
        g_ptr_array_add (sessions, turnos_reservation_ref (r));
    }
  return sessions;
}

/* The sheet's lines, from the columns as they are now and the names read. */
static void
build_lines (Sheet *sheet)
{
  GListModel *columns = turnos_desk_agenda_get_columns (sheet->agenda);
  GListModel *professionals = turnos_desk_agenda_get_professionals (sheet->agenda);
  TurnosPatientNames *names = turnos_desk_agenda_get_patients (sheet->agenda);
  g_autofree char *date = turnos_agenda_format_date (turnos_desk_agenda_get_date (sheet->agenda));

  /* Translators: the printed sheet's heading, with the date */
  add_line (sheet, LINE_TITLE, g_strdup_printf (_("Day Sheet — %s"), date));
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(TurnosDeskDay) column = g_list_model_get_item (columns, i);
      g_autoptr(TurnosProfessional) pro = g_list_model_get_item (professionals, i);
      g_autoptr(GPtrArray) sessions = sessions_of (column);
      const char *name = pro ? turnos_professional_get_display_name (pro) : NULL;

      add_line (sheet, LINE_PROFESSIONAL,
                g_strdup (name ? name : turnos_desk_day_get_professional_id (column)));
      if (sessions->len == 0)
        add_line (sheet, LINE_NOTE, g_strdup (_("No sessions")));
      for (guint j = 0; j < sessions->len; j++)
        {
          TurnosReservation *r = g_ptr_array_index (sessions, j);
          TurnosPerson *p = turnos_patient_names_lookup (names, r->client_id);
          g_autofree char *range = turnos_format_time_range (r->start, r->end);
          const char *who = turnos_patient_names_get_name (names, r->client_id);
          const char *phone = p && p->phone ? p->phone : "—";

          add_line (sheet, LINE_SESSION, g_strdup_printf ("%s\t%s\t%s\t%s", range, who, phone,
                                                          turnos_format_modality (r->modality)));
        }
    }
}

static PangoLayout *
layout_for (GtkPrintContext *context,
            const Line      *line)
{
  PangoLayout *layout = gtk_print_context_create_pango_layout (context);
  g_autoptr(PangoFontDescription) font = NULL;
  double width = gtk_print_context_get_width (context);

  switch (line->kind)
    {
    case LINE_TITLE:
      font = pango_font_description_from_string ("Sans Bold 14");
      break;
    case LINE_PROFESSIONAL:
      font = pango_font_description_from_string ("Sans Bold 11");
      break;
    case LINE_SESSION:
    case LINE_NOTE:
    default:
      {
        PangoTabArray *tabs = pango_tab_array_new (4, FALSE);

        font = pango_font_description_from_string ("Sans 10");
        /* time | patient | phone | modality */
        pango_tab_array_set_tab (tabs, 0, PANGO_TAB_LEFT, (int) (0.04 * width * PANGO_SCALE));
        pango_tab_array_set_tab (tabs, 1, PANGO_TAB_LEFT, (int) (0.24 * width * PANGO_SCALE));
        pango_tab_array_set_tab (tabs, 2, PANGO_TAB_LEFT, (int) (0.58 * width * PANGO_SCALE));
        pango_tab_array_set_tab (tabs, 3, PANGO_TAB_LEFT, (int) (0.82 * width * PANGO_SCALE));
        pango_layout_set_tabs (layout, tabs);
        pango_tab_array_free (tabs);
      }
      break;
    }
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  /* A tab first: each session line starts indented under its professional. */
  if (line->kind == LINE_SESSION || line->kind == LINE_NOTE)
    {
      g_autofree char *text = g_strconcat ("\t", line->text, NULL);

      pango_layout_set_text (layout, text, -1);
    }
  else
    pango_layout_set_text (layout, line->text, -1);
  return layout;
}

/* A line's height on the sheet: its layout's, plus room above a professional's name. */
static double
line_height (GtkPrintContext *context,
             const Line      *line)
{
  g_autoptr(PangoLayout) layout = layout_for (context, line);
  int height;

  pango_layout_get_size (layout, NULL, &height);
  return (double) height / PANGO_SCALE * (line->kind == LINE_SESSION || line->kind == LINE_NOTE ? 1.3 : 1.8);
}

/*
 * Callbacks
 */

/* Which page each line goes on: lines are cut where the page's height runs out. */
static gboolean
on_paginate_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                Sheet             *sheet)
{
  double page = gtk_print_context_get_height (context);
  double used = 0;
  int n_pages = 1;

  for (guint i = 0; i < sheet->lines->len; i++)
    {
      Line *line = &g_array_index (sheet->lines, Line, i);
      double h = line_height (context, line);

      if (used + h > page && used > 0)
        {
          n_pages++;
          used = 0;
        }
      used += h;
    }
  gtk_print_operation_set_n_pages (operation, n_pages);
  return TRUE;
}

static void
on_draw_page_cb (GtkPrintOperation *operation,
                 GtkPrintContext   *context,
                 int                page_nr,
                 Sheet             *sheet)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double page = gtk_print_context_get_height (context);
  double used = 0;
  int n = 0;

  cairo_set_source_rgb (cr, 0, 0, 0);
  for (guint i = 0; i < sheet->lines->len; i++)
    {
      Line *line = &g_array_index (sheet->lines, Line, i);
      double h = line_height (context, line);

      if (used + h > page && used > 0)
        {
          n++;
          used = 0;
        }
      if (n == page_nr)
        {
          g_autoptr(PangoLayout) layout = layout_for (context, line);

          /* A professional's name sits at the bottom of its taller line, near its sessions. */
          cairo_move_to (cr, 0, used + (line->kind == LINE_PROFESSIONAL ? h * 0.35 : 0));
          pango_cairo_show_layout (cr, layout);
        }
      else if (n > page_nr)
        break;
      used += h;
    }
}

static void
run_operation (GTask *task)
{
  Sheet *sheet = g_task_get_task_data (task);
  g_autoptr(GtkPrintOperation) operation = gtk_print_operation_new ();
  g_autofree char *date = turnos_agenda_format_date (turnos_desk_agenda_get_date (sheet->agenda));
  /* Translators: the print job's name, with the date */
  g_autofree char *job = g_strdup_printf (_("Day sheet %s"), date);
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;
  GtkPrintOperationAction action = GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG;

  build_lines (sheet);
  gtk_print_operation_set_job_name (operation, job);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  g_signal_connect (operation, "paginate", G_CALLBACK (on_paginate_cb), sheet);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page_cb), sheet);
  if (sheet->export_filename != NULL)
    {
      gtk_print_operation_set_export_filename (operation, sheet->export_filename);
      action = GTK_PRINT_OPERATION_ACTION_EXPORT;
    }
  result = gtk_print_operation_run (operation, action, sheet->parent, &error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, result != GTK_PRINT_OPERATION_RESULT_CANCEL);
}

static void
names_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!turnos_patient_names_fetch_finish (TURNOS_PATIENT_NAMES (object), result, &error) ||
      g_task_return_error_if_cancelled (task))
    {
      if (error != NULL)
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  run_operation (task);
}

/*
 * Public API
 */

char *
turnos_agenda_format_date (const GDate *date)
{
  g_autoptr(GDateTime) dt = NULL;

  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  dt = g_date_time_new_utc (g_date_get_year (date), g_date_get_month (date),
                            g_date_get_day (date), 12, 0, 0);
  /* Translators: the agenda's date, a g_date_time_format() string: "Wednesday, March 4, 2026" */
  return g_date_time_format (dt, _("%A, %B %-d, %Y"));
}

void
turnos_agenda_print_async (TurnosDeskAgenda    *agenda,
                           GtkWindow           *parent,
                           const char          *export_filename,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  GListModel *columns;
  Sheet *sheet;

  g_return_if_fail (TURNOS_IS_DESK_AGENDA (agenda));
  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));

  task = g_task_new (agenda, cancellable, callback, user_data);
  g_task_set_source_tag (task, turnos_agenda_print_async);
  sheet = g_new0 (Sheet, 1);
  sheet->agenda = g_object_ref (agenda);
  sheet->parent = parent ? g_object_ref (parent) : NULL;
  sheet->export_filename = g_strdup (export_filename);
  sheet->lines = g_array_new (FALSE, TRUE, sizeof (Line));
  g_array_set_clear_func (sheet->lines, line_clear);
  g_task_set_task_data (task, sheet, (GDestroyNotify) sheet_free);

  /* Every patient on the sheet is read before it is drawn. The ids stay the reservations'. */
  columns = turnos_desk_agenda_get_columns (agenda);
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(TurnosDeskDay) column = g_list_model_get_item (columns, i);
      GListModel *entries = turnos_desk_day_get_entries (column);

      for (guint j = 0; j < g_list_model_get_n_items (entries); j++)
        {
          g_autoptr(TurnosDeskEntry) e = g_list_model_get_item (entries, j);
          TurnosReservation *r = turnos_desk_entry_get_reservation (e);

          if (r != NULL && r->client_id != NULL)
            g_ptr_array_add (ids, r->client_id);
        }
    }
  g_ptr_array_add (ids, NULL);
  turnos_patient_names_fetch_async (turnos_desk_agenda_get_patients (agenda),
                                    (const char * const *) ids->pdata, cancellable, names_cb,
                                    g_steal_pointer (&task));
}

gboolean
turnos_agenda_print_finish (TurnosDeskAgenda  *agenda,
                            GAsyncResult      *result,
                            GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, agenda), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
