import type * as z from 'zod';
import { defineRoute, kebab, ROLES, type Role } from '../route.ts';
import { IdParams, PageQuery, Problem, pageOf } from '../schemas/common.ts';

/**
 * THE route table: plain data read by the CDK stack (one function and one route per entry, grants
 * from `access`), by the local server (same handlers), by the OpenAPI generator and by the tests.
 */
export const problem = (description: string) => ({ description, schema: Problem });
export const read = ['table:read'] as const;
export const readWrite = ['table:read', 'table:write'] as const;
/** Issuing writes the invoice, signs its Facturae and stores the documents. */
export const issuing = [
  'table:read',
  'table:write',
  'artifacts:read',
  'artifacts:write',
  'signing:sign',
] as const;

/** The five CRUD routes of a tenant-owned resource, named `<verb><Name>` with typed schemas. */
export function crud<
  const N extends string,
  I extends z.ZodType,
  P extends z.ZodType,
  O extends z.ZodType,
>(name: N, plural: string, area: string, tag: string, schemas: { input: I; patch: P; output: O }) {
  const base = `/v1/${plural}`;
  const noun = kebab(name).slice(1); // `Product` -> `product`
  const entry = (verb: string) => `functions/${area}/${verb}-${noun}.ts`;
  const create = defineRoute({
    id: `create${name}`,
    method: 'POST',
    path: base,
    entry: entry('create'),
    auth: 'tenant',
    access: readWrite,
    summary: `Create one`,
    tag,
    request: { body: schemas.input },
    responses: {
      201: { description: 'Created', schema: schemas.output },
      409: problem('Conflicts with an existing one'),
    },
  });
  const list = defineRoute({
    id: `list${name}s`,
    method: 'GET',
    path: base,
    entry: `functions/${area}/list-${noun}s.ts`,
    auth: 'tenant',
    access: read,
    summary: 'List them, oldest first',
    tag,
    request: { query: PageQuery },
    responses: { 200: { description: 'A page', schema: pageOf(schemas.output) } },
  });
  const get = defineRoute({
    id: `get${name}`,
    method: 'GET',
    path: `${base}/{id}`,
    entry: entry('get'),
    auth: 'tenant',
    access: read,
    summary: 'Get one',
    tag,
    request: { params: IdParams },
    responses: {
      200: { description: 'Found; `ETag` carries its version', schema: schemas.output },
      404: problem('Not found'),
    },
  });
  const update = defineRoute({
    id: `update${name}`,
    method: 'PATCH',
    path: `${base}/{id}`,
    entry: entry('update'),
    auth: 'tenant',
    access: readWrite,
    summary: 'Change one (send `If-Match` to guard against lost updates)',
    tag,
    request: { params: IdParams, body: schemas.patch },
    responses: {
      200: { description: 'Changed', schema: schemas.output },
      404: problem('Not found'),
      412: problem('`If-Match` does not match the current version'),
    },
  });
  const remove = defineRoute({
    id: `delete${name}`,
    method: 'DELETE',
    path: `${base}/{id}`,
    entry: entry('delete'),
    auth: 'tenant',
    access: readWrite,
    summary: 'Delete one (kept for the invoices that reference it)',
    tag,
    request: { params: IdParams },
    responses: { 204: { description: 'Deleted' }, 404: problem('Not found') },
  });
  return {
    [create.id]: create,
    [list.id]: list,
    [get.id]: get,
    [update.id]: update,
    [remove.id]: remove,
  } as {
    [K in `create${N}`]: typeof create;
  } & { [K in `list${N}s`]: typeof list } & { [K in `get${N}`]: typeof get } & {
    [K in `update${N}`]: typeof update;
  } & { [K in `delete${N}`]: typeof remove };
}

/**
 * Staff roles of routes whose default (`rolesOf`) is wrong, named for what they guard; the matrix
 * is in the package README.
 */
/** Who administers the tenant: its settings, credentials, integrations, automation and people. */
export const ADMINS = ['owner', 'admin'] as const satisfies readonly Role[];
/** POSTs that compute and change nothing (validating a document, verifying the chain). */
export const EVERYONE = ROLES;
/** Work orders are the technicians' job as much as the office's. */
export const FIELD_WORK = [
  'owner',
  'admin',
  'accountant',
  'technician',
] as const satisfies readonly Role[];
