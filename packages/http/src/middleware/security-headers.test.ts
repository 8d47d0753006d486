import { describe, expect, it } from 'vitest';
import { aRequest } from '../../testing/fakes.ts';
import { respondEarly } from './early-response.ts';
import { securityHeaders } from './security-headers.ts';

const ok = () => ({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: '{}' });

describe('securityHeaders', () => {
  it.each(['after', 'onError'] as const)(
    'puts nosniff and no-store under the %s response',
    async (phase) => {
      const request = aRequest(undefined, {}, ok());
      await securityHeaders()[phase]!(request);
      expect(Object.entries(request.response!.headers)).toEqual([
        ['x-content-type-options', 'nosniff'],
        ['cache-control', 'no-store'],
        ['content-type', 'application/json'],
      ]);
    },
  );

  it("lets a response's own cache-control win", async () => {
    const request = aRequest(undefined, {}, { ...ok(), headers: { 'cache-control': 'private' } });
    await securityHeaders().after!(request);
    expect(request.response!.headers).toEqual({
      'x-content-type-options': 'nosniff',
      'cache-control': 'private',
    });
  });

  it('reaches early responses too', async () => {
    const request = aRequest();
    await securityHeaders().before!(request);
    const response = await respondEarly(request, ok());
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });
});
