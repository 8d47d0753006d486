import { afterEach, describe, expect, it, vi } from 'vitest';
import { anEvent, aRequest } from '../../testing/fakes.ts';
import { logger } from '../logger.ts';
import { correlation, correlationIdOf } from './correlation.ts';

const route = { id: 'listThings' } as never;
const response = () => ({ statusCode: 200, headers: { 'content-type': 'text/plain' }, body: '' });

afterEach(() => {
  vi.restoreAllMocks();
});

describe('correlationIdOf', () => {
  it('takes a safe caller id, else the API Gateway request id', () => {
    const of = (id?: string) =>
      correlationIdOf(
        anEvent({
          requestId: 'req-1',
          headers: id === undefined ? {} : { 'x-correlation-id': id },
        }),
      );
    expect(of('erp-42:order.7_a')).toBe('erp-42:order.7_a');
    expect(of('x'.repeat(128))).toBe('x'.repeat(128));
    expect(of()).toBe('req-1');
    for (const unsafe of ['', 'x'.repeat(129), 'a b', 'a\nb', '<script>', 'ñ']) {
      expect(of(unsafe)).toBe('req-1');
    }
  });
});

describe('correlation', () => {
  it('puts the id on the context and the route on every log line', () => {
    const appendKeys = vi.spyOn(logger, 'appendKeys');
    const request = aRequest(anEvent({ headers: { 'x-correlation-id': 'trace-1' } }));
    correlation(route).before!(request);
    expect(request.context.correlationId).toBe('trace-1');
    expect(appendKeys).toHaveBeenCalledWith({ correlationId: 'trace-1', routeId: 'listThings' });
  });

  it('echoes the id last, on results and problems alike, and logs completion', async () => {
    const debug = vi.spyOn(logger, 'debug');
    const mw = correlation(route);
    for (const phase of ['after', 'onError'] as const) {
      const request = aRequest(anEvent({ requestId: 'req-9' }));
      mw.before!(request);
      request.response = response();
      await mw[phase]!(request);
      expect(Object.entries(request.response.headers).at(-1)).toEqual([
        'x-correlation-id',
        'req-9',
      ]);
    }
    expect(debug).toHaveBeenCalledTimes(1);
    expect(debug).toHaveBeenCalledWith('request completed', {
      status: 200,
      ms: expect.any(Number),
    });
  });

  it('replaces an x-correlation-id a handler set', async () => {
    const mw = correlation(route);
    const request = aRequest(anEvent({ requestId: 'req-3' }));
    mw.before!(request);
    request.response = { ...response(), headers: { 'x-correlation-id': 'mine' } };
    await mw.after!(request);
    expect(request.response.headers['x-correlation-id']).toBe('req-3');
  });
});
