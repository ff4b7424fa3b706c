/* turnos-fold-box.h: children side by side, or one above the other when narrow
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define TURNOS_TYPE_FOLD_BOX (turnos_fold_box_get_type ())
G_DECLARE_FINAL_TYPE (TurnosFoldBox, turnos_fold_box, TURNOS, FOLD_BOX, GtkWidget)

/**
 * TurnosFoldBox:
 *
 * Its children in equal columns side by side when it is given at least "threshold" pixels of
 * width, else one above the other in their order, each as wide as the box: a two-column page
 * that becomes one column on a phone. libadwaita 1.2 has no AdwBreakpoint, and AdwLeaflet
 * would show one child at a time where both are wanted. The width is the allocation's, so the
 * box never asks its window to grow: its minimum width is its widest child's.
 *
 * Properties: "threshold" (int, px, default 600), "spacing" (int, px, between children, both
 * ways), "folded" (bool, ro: one column now; notified after the allocation that changed it).
 * Children are added in a .ui as <child> elements, or with turnos_fold_box_append().
 */
GtkWidget *turnos_fold_box_new        (void);
void       turnos_fold_box_append     (TurnosFoldBox *self,
                                       GtkWidget     *child);
gboolean   turnos_fold_box_get_folded (TurnosFoldBox *self);

G_END_DECLS
