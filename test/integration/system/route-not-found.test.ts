import { describe, expect, it } from 'vitest';
import { startApi } from '../../support/api.ts';

const api = await startApi();

describe('$default route', () => {
  it('answers 404 for unknown paths, even without credentials', async () => {
    const res = await api.call('POST', '/v2/whatever', { body: {} });
    expect(res.status).toBe(404);
    expect(res.json).toMatchObject({
      type: 'urn:sello:problem:route-not-found',
      instance: '/v2/whatever',
    });
  });

  it('answers 405 with Allow for a known path and another method', async () => {
    const res = await api.call('DELETE', '/v1/health');
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET');
  });
});
