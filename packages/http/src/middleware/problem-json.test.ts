import { NotFoundError } from '@sello/core/errors';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { anEvent, aRequest } from '../../testing/fakes.ts';
import { logger } from '../logger.ts';
import { HttpError } from '../problem.ts';
import { problemJson } from './problem-json.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

const fail = async (error: unknown, correlationId?: string) => {
  const request = aRequest(
    anEvent({ rawPath: '/v1/things/thg_1', requestId: 'req-7' }),
    correlationId ? { correlationId } : {},
  );
  request.error = error as Error;
  await problemJson().onError!(request);
  return request.response!;
};

describe('problemJson', () => {
  it('answers a typed error with its status, headers and RFC 9457 body, logged as a refusal', async () => {
    const info = vi.spyOn(logger, 'info');
    const response = await fail(
      new HttpError('method-not-allowed', 'no PUT here', [], { allow: 'GET' }),
      'trace-1',
    );
    expect(response).toEqual({
      statusCode: 405,
      headers: { allow: 'GET', 'content-type': 'application/problem+json; charset=utf-8' },
      body: JSON.stringify({
        type: 'urn:sello:problem:method-not-allowed',
        title: 'Method not allowed',
        status: 405,
        detail: 'no PUT here',
        instance: '/v1/things/thg_1',
        correlationId: 'trace-1',
      }),
    });
    expect(info).toHaveBeenCalledWith('request refused', {
      status: 405,
      type: 'urn:sello:problem:method-not-allowed',
    });
    expect((await fail(new NotFoundError('Thing', 'thg_1'), 'c')).statusCode).toBe(404);
  });

  it('hides what an unexpected error says, and logs it as an error', async () => {
    const error = vi.spyOn(logger, 'error');
    const boom = new Error('connect ECONNREFUSED password=hunter2');
    const response = await fail(boom, 'trace-2');
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toMatch(/ECONNREFUSED|hunter2/);
    expect(JSON.parse(response.body!).detail).toContain('trace-2');
    expect(error).toHaveBeenCalledWith('request failed', { error: boom });
  });

  it('quotes the request id when no correlation id was set yet', async () => {
    expect(JSON.parse((await fail(new Error('x'))).body!).correlationId).toBe('req-7');
  });
});
