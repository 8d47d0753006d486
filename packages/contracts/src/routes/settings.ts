import { defineRoute, type RouteDef, type TriggeredDef } from '../route.ts';
import { Settings, SettingsPatch } from '../schemas/settings.ts';
import { ADMINS, problem, read, readWrite } from './shared.ts';

/** Routes of this area; spread into the route table in ../routes.ts. */
export const settingsRoutes = {
  getSettings: defineRoute({
    id: 'getSettings',
    method: 'GET',
    path: '/v1/settings',
    entry: 'functions/settings/get-settings.ts',
    auth: 'tenant',
    access: read,
    summary: "The tenant's settings (defaults until first changed)",
    tag: 'Settings',
    responses: {
      200: { description: 'The settings; `ETag` carries their version', schema: Settings },
    },
  }),
  updateSettings: defineRoute({
    id: 'updateSettings',
    method: 'PATCH',
    path: '/v1/settings',
    entry: 'functions/settings/update-settings.ts',
    auth: 'tenant',
    roles: ADMINS,
    access: readWrite,
    summary: 'Change settings by merge patch (send `If-Match` to guard against lost updates)',
    tag: 'Settings',
    request: { body: SettingsPatch },
    responses: {
      200: { description: 'The whole settings after the change', schema: Settings },
      412: problem('`If-Match` does not match the current version'),
    },
  }),
} as const satisfies Record<string, RouteDef>;

/** Functions of this area no HTTP route reaches. */
export const settingsTriggered = {} as const satisfies Record<string, TriggeredDef>;
