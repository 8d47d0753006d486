import { routeList } from '@sello/contracts';
import { describe, expect, it } from 'vitest';
import { startApi } from '../../support/api.ts';

const api = await startApi();

describe('GET /v1/openapi.json', () => {
  it('describes every route with its schemas, as OpenAPI 3.1', async () => {
    const res = await api.call('GET', '/v1/openapi.json');
    expect(res.status).toBe(200);
    const doc = res.json;
    expect(doc.openapi).toBe('3.1.0');
    for (const route of routeList) {
      const op = doc.paths[route.path]?.[route.method.toLowerCase()];
      expect(op, `${route.method} ${route.path}`).toBeDefined();
      expect(op.operationId).toBe(route.id);
      for (const status of Object.keys(route.responses)) expect(op.responses[status]).toBeDefined();
    }
    const create = doc.paths['/v1/customers'].post;
    expect(create.requestBody.content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/CustomerInput',
    });
    expect(create.parameters.map((p: { name: string }) => p.name)).toContain('Idempotency-Key');
    expect(doc.components.schemas.CustomerInput.required).toEqual(['taxId', 'name', 'address']);
    expect(doc.components.schemas.CustomerInput.properties.address).toEqual({
      $ref: '#/components/schemas/Address',
    });
    // Bodies the handler reads itself (XML) are described by media type.
    const imports = doc.paths['/v1/imports'].post.requestBody.content;
    expect(Object.keys(imports)).toEqual([
      'application/xml',
      'text/xml',
      'application/octet-stream',
      'application/json',
    ]);
    expect(imports['application/json'].schema).toEqual({
      $ref: '#/components/schemas/ImportBatchInput',
    });
    expect(imports['application/octet-stream'].schema).toEqual({
      type: 'string',
      format: 'binary',
    });
    const validate = doc.paths['/v1/documents/validate'].post.requestBody.content;
    expect(validate['application/xml'].schema).toEqual({ type: 'string' });
    // Recipient sessions reach the inbox, and so do the tenant's keys and staff; any one is enough.
    expect(doc.paths['/v1/inbox'].get.security).toEqual([
      { apiKey: [] },
      { staffToken: [] },
      { session: [] },
    ]);
    expect(doc.paths['/v1/customers'].get.security).toEqual([{ apiKey: [] }, { staffToken: [] }]);
    const list = doc.paths['/v1/customers'].get;
    expect(list.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`)).toEqual([
      'query:limit',
      'query:cursor',
      'query:taxId',
    ]);
    // Every $ref resolves.
    const refs = JSON.stringify(doc).match(/#\/components\/schemas\/[\w-]+/g) ?? [];
    for (const ref of new Set(refs)) {
      expect(doc.components.schemas[ref.split('/').pop()!], ref).toBeDefined();
    }
  });
});
