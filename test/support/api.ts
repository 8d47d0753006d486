import type { AddressInfo } from 'node:net';
import { repositories } from '@sello/app/platform';
import { routeList } from '@sello/contracts';
import { systemClock, ulidIds } from '@sello/core/ports';
import { provisionTenant } from '@sello/core/tenants';
import { afterAll } from 'vitest';
import { createApiServer } from '../../packages/local/src/api-server.ts';
import { installLocalInvoker } from '../../packages/local/src/invoker.ts';

/**
 * Starts the local API (real routing, real events, real handlers) for this test file. What the
 * handlers hand over (documents after issue) runs in the background of this process: `settled()`
 * waits for it and answers its failures; `invoker.hold()` keeps it from starting.
 */
export async function startApi() {
  const invoker = installLocalInvoker({
    log: (line, error) => console.error(`[background] ${line}:`, error),
  });
  const server = createApiServer({ routes: routeList, corsOrigins: ['https://portal.example'] });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  afterAll(async () => {
    invoker.release();
    await invoker.settled();
    await new Promise<void>((ok) => {
      server.closeAllConnections();
      server.close(() => ok());
    });
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const call = async (
    method: string,
    path: string,
    options: { key?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {},
  ) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.key) headers.authorization = `Bearer ${options.key}`;
    let body: string | undefined = options.raw;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(`${base}${path}`, {
      method,
      headers,
      ...(body !== undefined ? { body } : {}),
    });
    const text = await res.text();
    const type = res.headers.get('content-type') ?? '';
    // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON answers
    const json: any = type.includes('json') && text ? JSON.parse(text) : undefined;
    return { status: res.status, headers: res.headers, json, text };
  };
  return { base, call, invoker, settled: () => invoker.settled() };
}

let tenantCounter = 0;

/** A fresh tenant with a working API key (Spanish CIFs that pass the check digit). */
export async function createTenant(name = `Tenant ${++tenantCounter}`) {
  const { tenant, secret, apiKey } = await provisionTenant({
    tenants: repositories().tenants,
    clock: systemClock,
    ids: ulidIds,
  })({
    name,
    taxId: 'B12345674',
    email: 'billing@example.es',
    language: 'es',
    timezone: 'Europe/Madrid',
    address: { line1: 'Gran Vía 1', city: 'Madrid', postalCode: '28013', country: 'ES' },
  });
  return { tenantId: tenant.id, key: secret, keyId: apiKey.id };
}

export const aCustomer = (overrides: Record<string, unknown> = {}) => ({
  taxId: '12345678Z',
  name: 'Ana García Pérez',
  email: 'ana@example.es',
  address: { line1: 'Calle Sierpes 12', city: 'Sevilla', postalCode: '41004', country: 'ES' },
  ...overrides,
});
