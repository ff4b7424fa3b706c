/* turnos-audit-item.c: one line of the audit trail as an item of a GListModel
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-booking"

#include "config.h"

#include "turnos-audit-item.h"

struct _TurnosAuditItem
{
  GObject            parent_instance;

  TurnosAuditRecord *record;   /* owned */
};

G_DEFINE_FINAL_TYPE (TurnosAuditItem, turnos_audit_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_AT,
  PROP_ACTOR,
  PROP_ACTION,
  PROP_TARGET_KIND,
  PROP_TARGET_ID,
  PROP_DETAIL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/*
 * GObject overrides
 */

static void
turnos_audit_item_finalize (GObject *object)
{
  g_clear_pointer (&TURNOS_AUDIT_ITEM (object)->record, turnos_audit_record_free);
  G_OBJECT_CLASS (turnos_audit_item_parent_class)->finalize (object);
}

static void
turnos_audit_item_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  TurnosAuditItem *self = TURNOS_AUDIT_ITEM (object);

  switch (prop_id)
    {
    case PROP_AT:
      g_value_set_boxed (value, self->record->at);
      break;
    case PROP_ACTOR:
      g_value_set_string (value, self->record->actor);
      break;
    case PROP_ACTION:
      g_value_set_string (value, self->record->action);
      break;
    case PROP_TARGET_KIND:
      g_value_set_string (value, self->record->target_kind);
      break;
    case PROP_TARGET_ID:
      g_value_set_string (value, self->record->target_id);
      break;
    case PROP_DETAIL:
      g_value_set_string (value, self->record->detail);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_audit_item_class_init (TurnosAuditItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = turnos_audit_item_finalize;
  object_class->get_property = turnos_audit_item_get_property;

  properties[PROP_AT] = g_param_spec_boxed ("at", NULL, NULL, G_TYPE_DATE_TIME, ro);
  properties[PROP_ACTOR] = g_param_spec_string ("actor", NULL, NULL, NULL, ro);
  properties[PROP_ACTION] = g_param_spec_string ("action", NULL, NULL, NULL, ro);
  properties[PROP_TARGET_KIND] = g_param_spec_string ("target-kind", NULL, NULL, NULL, ro);
  properties[PROP_TARGET_ID] = g_param_spec_string ("target-id", NULL, NULL, NULL, ro);
  properties[PROP_DETAIL] = g_param_spec_string ("detail", NULL, NULL, NULL, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
turnos_audit_item_init (TurnosAuditItem *self)
{
}

/*
 * Public API
 */

/* Takes @record. */
TurnosAuditItem *
turnos_audit_item_new (TurnosAuditRecord *record)
{
  TurnosAuditItem *self;

  g_return_val_if_fail (record != NULL && record->at != NULL, NULL);

  self = g_object_new (TURNOS_TYPE_AUDIT_ITEM, NULL);
  self->record = record;
  return self;
}

GDateTime *
turnos_audit_item_get_at (TurnosAuditItem *self)
{
  g_return_val_if_fail (TURNOS_IS_AUDIT_ITEM (self), NULL);
  return self->record->at;
}

const char *
turnos_audit_item_get_actor (TurnosAuditItem *self)
{
  g_return_val_if_fail (TURNOS_IS_AUDIT_ITEM (self), NULL);
  return self->record->actor;
}

const char *
turnos_audit_item_get_action (TurnosAuditItem *self)
{
  g_return_val_if_fail (TURNOS_IS_AUDIT_ITEM (self), NULL);
  return self->record->action;
}

const char *
turnos_audit_item_get_target_kind (TurnosAuditItem *self)
{
  g_return_val_if_fail (TURNOS_IS_AUDIT_ITEM (self), NULL);
  return self->record->target_kind;
}

const char *
turnos_audit_item_get_target_id (TurnosAuditItem *self)
{
  g_return_val_if_fail (TURNOS_IS_AUDIT_ITEM (self), NULL);
  return self->record->target_id;
}

const char *
turnos_audit_item_get_detail (TurnosAuditItem *self)
{
  g_return_val_if_fail (TURNOS_IS_AUDIT_ITEM (self), NULL);
  return self->record->detail;
}
