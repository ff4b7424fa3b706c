/* turnos-professional.c: a professional as an item of a GListModel
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-booking"

#include "config.h"

#include "turnos-professional.h"

struct _TurnosProfessional
{
  GObject         parent_instance;

  TurnosSettings *settings;
};

G_DEFINE_FINAL_TYPE (TurnosProfessional, turnos_professional, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_DISPLAY_NAME,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
turnos_professional_finalize (GObject *object)
{
  TurnosProfessional *self = TURNOS_PROFESSIONAL (object);

  g_clear_pointer (&self->settings, turnos_settings_unref);

  G_OBJECT_CLASS (turnos_professional_parent_class)->finalize (object);
}

static void
turnos_professional_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  TurnosProfessional *self = TURNOS_PROFESSIONAL (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, turnos_professional_get_id (self));
      break;
    case PROP_DISPLAY_NAME:
      g_value_set_string (value, turnos_professional_get_display_name (self));
      break;
    case PROP_SETTINGS:
      g_value_set_boxed (value, self->settings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_professional_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  TurnosProfessional *self = TURNOS_PROFESSIONAL (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_boxed (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_professional_class_init (TurnosProfessionalClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = turnos_professional_finalize;
  object_class->get_property = turnos_professional_get_property;
  object_class->set_property = turnos_professional_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DISPLAY_NAME] =
    g_param_spec_string ("display-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SETTINGS] =
    g_param_spec_boxed ("settings", NULL, NULL, TURNOS_TYPE_SETTINGS,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
turnos_professional_init (TurnosProfessional *self)
{
}

TurnosProfessional *
turnos_professional_new (TurnosSettings *settings)
{
  g_return_val_if_fail (settings != NULL, NULL);
  return g_object_new (TURNOS_TYPE_PROFESSIONAL, "settings", settings, NULL);
}

const char *
turnos_professional_get_id (TurnosProfessional *self)
{
  g_return_val_if_fail (TURNOS_IS_PROFESSIONAL (self), NULL);
  return self->settings->user_id;
}

const char *
turnos_professional_get_display_name (TurnosProfessional *self)
{
  g_return_val_if_fail (TURNOS_IS_PROFESSIONAL (self), NULL);
  return self->settings->display_name ? self->settings->display_name : self->settings->user_id;
}

TurnosSettings *
turnos_professional_get_settings (TurnosProfessional *self)
{
  g_return_val_if_fail (TURNOS_IS_PROFESSIONAL (self), NULL);
  return self->settings;
}
