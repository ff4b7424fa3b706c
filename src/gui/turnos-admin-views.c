/* turnos-admin-views.c: where the admin's views (and a professional's own settings) plug into
 * the window
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "turnos-admin-views.h"

/* A page saying what will be here: replaced by the admin's views (issue #16). */
static GtkWidget *
placeholder (const char *icon,
             const char *title)
{
  GtkWidget *page = adw_status_page_new ();

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (page), icon);
  adw_status_page_set_title (ADW_STATUS_PAGE (page), title);
  return page;
}

GtkWidget *
turnos_admin_views_new_page (TurnosWindowView  view,
                             TurnosSession    *session,
                             TurnosBooking    *booking)
{
  g_return_val_if_fail (session == NULL || TURNOS_IS_SESSION (session), NULL);
  g_return_val_if_fail (TURNOS_IS_BOOKING (booking), NULL);

  switch (view)
    {
    case TURNOS_WINDOW_VIEW_PROFESSIONALS:
      return placeholder ("system-users-symbolic", _("Professionals"));
    case TURNOS_WINDOW_VIEW_AUDIT:
      return placeholder ("document-open-recent-symbolic", _("Audit"));
    case TURNOS_WINDOW_VIEW_SETTINGS:
      return placeholder ("preferences-system-symbolic", _("Settings"));
    case TURNOS_WINDOW_VIEW_BOOKING:
    case TURNOS_WINDOW_VIEW_RESERVATIONS:
    case TURNOS_WINDOW_VIEW_DESK:
    case TURNOS_WINDOW_VIEW_TIME_OFF:
    default:
      g_return_val_if_reached (NULL);
    }
}
