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
      409: problem('The self-invoicing company number is taken (`selfInvoicing.companyNumber`)'),
      412: problem('`If-Match` does not match the current version'),
    },
  }),
  putLogo: defineRoute({
    id: 'putLogo',
    method: 'PUT',
    path: '/v1/settings/logo',
    entry: 'functions/settings/put-logo.ts',
    auth: 'tenant',
    roles: ADMINS,
    access: ['table:read', 'table:write', 'artifacts:write'],
    summary:
      'Set the logo printed at the head of invoice PDFs: the image itself as the body, PNG or ' +
      'JPEG (told by its bytes), at most 512 KiB, each side 16 to 3000 px. PDFs already stored ' +
      'keep the logo they were drawn with (send `If-Match` to guard against lost updates)',
    tag: 'Settings',
    request: {
      rawBody: {
        mediaTypes: ['image/png', 'image/jpeg'],
        description: 'The image, as its bytes',
      },
    },
    responses: {
      200: { description: 'The whole settings, with `branding.logo`', schema: Settings },
      400: problem('Empty, not a PNG or JPEG, or of a size outside the limits; `errors` says'),
      412: problem('`If-Match` does not match the current version'),
      413: problem('Larger than 512 KiB'),
      415: problem('Not sent as image/png or image/jpeg'),
    },
  }),
  getLogo: defineRoute({
    id: 'getLogo',
    method: 'GET',
    path: '/v1/settings/logo',
    entry: 'functions/settings/get-logo.ts',
    auth: 'tenant',
    access: ['table:read', 'artifacts:read'],
    summary: 'The logo image, as uploaded',
    tag: 'Settings',
    responses: {
      200: { description: 'The image (image/png or image/jpeg)', mediaType: 'image/png' },
      404: problem('No logo is set'),
    },
  }),
  deleteLogo: defineRoute({
    id: 'deleteLogo',
    method: 'DELETE',
    path: '/v1/settings/logo',
    entry: 'functions/settings/delete-logo.ts',
    auth: 'tenant',
    roles: ADMINS,
    access: readWrite,
    summary:
      'Stop printing a logo on the PDFs drawn from now on (nothing happens when none is set)',
    tag: 'Settings',
    responses: {
      200: { description: 'The whole settings, without `branding.logo`', schema: Settings },
      412: problem('`If-Match` does not match the current version'),
    },
  }),
} as const satisfies Record<string, RouteDef>;

/** Functions of this area no HTTP route reaches. */
export const settingsTriggered = {} as const satisfies Record<string, TriggeredDef>;
