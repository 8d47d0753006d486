import { describe, expect, it } from 'vitest';
import { startApi } from '../../support/api.ts';

const api = await startApi();

describe('GET /v1/health', () => {
  it('answers without credentials', async () => {
    const res = await api.call('GET', '/v1/health');
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ status: 'ok', service: 'sello', stage: 'test' });
    expect(res.json.version).toMatch(/^\d+\.\d+\.\d+/);
  });
});
