import { defineRoute, type RouteDef } from '../route.ts';
import { Centre, CentreInput, CentrePatch } from '../schemas/centres.ts';
import { IdParams, PageQuery, pageOf } from '../schemas/common.ts';
import { ADMINS, problem, read, readWrite } from './shared.ts';

/** Routes of this area (a tenant's work centres); spread into the route table in ../routes.ts. */
export const centresRoutes = {
  createCentre: defineRoute({
    id: 'createCentre',
    method: 'POST',
    path: '/v1/centres',
    entry: 'functions/centres/create-centre.ts',
    auth: 'tenant',
    roles: ADMINS,
    access: readWrite,
    summary:
      'Create a work centre: its name and address print on its invoices, its own `series` ' +
      "(a standard series of the tenant) numbers them instead of the tenant's default",
    tag: 'Centres',
    request: { body: CentreInput },
    responses: {
      201: { description: 'Created', schema: Centre },
      400: problem('Invalid input, or no such standard series; `errors` names each field'),
    },
  }),
  listCentres: defineRoute({
    id: 'listCentres',
    method: 'GET',
    path: '/v1/centres',
    entry: 'functions/centres/list-centres.ts',
    auth: 'tenant',
    access: read,
    summary: "List the tenant's work centres, oldest first",
    tag: 'Centres',
    request: { query: PageQuery },
    responses: { 200: { description: 'A page of centres', schema: pageOf(Centre) } },
  }),
  getCentre: defineRoute({
    id: 'getCentre',
    method: 'GET',
    path: '/v1/centres/{id}',
    entry: 'functions/centres/get-centre.ts',
    auth: 'tenant',
    access: read,
    summary: 'Get a work centre',
    tag: 'Centres',
    request: { params: IdParams },
    responses: {
      200: { description: 'The centre; `ETag` carries its version', schema: Centre },
      404: problem('No such centre'),
    },
  }),
  updateCentre: defineRoute({
    id: 'updateCentre',
    method: 'PATCH',
    path: '/v1/centres/{id}',
    entry: 'functions/centres/update-centre.ts',
    auth: 'tenant',
    roles: ADMINS,
    access: readWrite,
    summary:
      'Change a work centre (send `If-Match` to guard against lost updates); invoices made ' +
      'before keep the centre as it was',
    tag: 'Centres',
    request: { params: IdParams, body: CentrePatch },
    responses: {
      200: { description: 'Changed', schema: Centre },
      400: problem('Invalid input, or no such standard series; `errors` names each field'),
      404: problem('No such centre'),
      412: problem('`If-Match` does not match the current version'),
    },
  }),
} as const satisfies Record<string, RouteDef>;
