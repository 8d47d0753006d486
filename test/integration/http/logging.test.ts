import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { aCustomer, createTenant, startApi } from '../../support/api.ts';
import { captureOutput } from '../../support/logs.ts';

// Set before the handlers (and their logger) load, as the Lambda environment would.
process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';
const api = await startApi();
let key: string;
const lines: string[] = [];

beforeAll(async () => {
  ({ key } = await createTenant());
  captureOutput(lines);
});
afterAll(() => {
  vi.restoreAllMocks();
});

describe('logs', () => {
  it('carry the correlation id and route, never keys, bodies or tax data', async () => {
    await api.call('POST', '/v1/customers', {
      key,
      body: aCustomer({ name: 'Secreta Pérez' }),
      headers: { 'x-correlation-id': 'trace-123', 'idempotency-key': 'log-1' },
    });
    await api.call('POST', '/v1/customers', { key, body: aCustomer({ taxId: '12345678A' }) });
    await api.call('GET', '/v1/customers', { key: `sello_${'Z'.repeat(40)}` });
    const text = lines.join('');
    const entries = lines.flatMap((l) => l.split('\n')).filter((l) => l.startsWith('{'));
    expect(entries.length).toBeGreaterThanOrEqual(3);
    const traced = entries.map((l) => JSON.parse(l)).find((e) => e.correlationId === 'trace-123');
    expect(traced).toMatchObject({ routeId: 'createCustomer', service: 'sello' });
    expect(text).not.toContain(key);
    expect(text).not.toContain('Z'.repeat(40));
    expect(text).not.toContain('Secreta');
    expect(text).not.toContain('12345678');
  });
});
