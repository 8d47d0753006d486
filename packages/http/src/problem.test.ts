import { NotFoundError, RateLimitedError, ValidationError } from '@sello/core/errors';
import { PacRejectedError, PacUnavailableError } from '@sello/core/ports';
import { describe, expect, it } from 'vitest';
import { HttpError, toProblem } from './problem.ts';

describe('toProblem', () => {
  it('maps domain errors to their status with the field list', () => {
    const p = toProblem(
      new ValidationError('Invalid tax id', [{ path: 'taxId', message: 'bad' }]),
      '/v1/customers',
      'c-1',
    );
    expect(p).toEqual({
      status: 400,
      headers: {},
      body: {
        type: 'urn:sello:problem:validation-error',
        title: 'The request is not valid',
        status: 400,
        detail: 'Invalid tax id',
        instance: '/v1/customers',
        correlationId: 'c-1',
        errors: [{ path: 'taxId', message: 'bad' }],
      },
    });
    expect(toProblem(new NotFoundError('Customer', 'x'), '/', 'c').status).toBe(404);
  });

  it('adds Retry-After, Allow and WWW-Authenticate where the status calls for them', () => {
    expect(toProblem(new RateLimitedError('slow down', 30), '/', 'c').headers).toEqual({
      'retry-after': '30',
    });
    expect(
      toProblem(new HttpError('method-not-allowed', 'no', [], { allow: 'GET' }), '/', 'c').headers,
    ).toEqual({ allow: 'GET' });
  });

  it('answers a PAC refusal 422 naming its code, and an unreachable PAC 503 to retry', () => {
    const refused = toProblem(new PacRejectedError('305', 'CSD not in force'), '/', 'c');
    expect(refused.status).toBe(422);
    expect(refused.body.type).toBe('urn:sello:problem:pac-rejected');
    expect(refused.body.errors).toEqual([{ path: 'xml', message: '305: CSD not in force' }]);
    const down = toProblem(new PacUnavailableError('timed out', 60), '/', 'c');
    expect(down.status).toBe(503);
    expect(down.headers).toEqual({ 'retry-after': '60' });
  });

  it('never leaks the message of an unexpected error', () => {
    const p = toProblem(
      new Error('connect ECONNREFUSED 10.0.0.7:5432 password=hunter2'),
      '/',
      'c-9',
    );
    expect(p.status).toBe(500);
    expect(JSON.stringify(p)).not.toMatch(/ECONNREFUSED|hunter2/);
    expect(p.body.detail).toContain('c-9');
  });

  it('treats an error with an unknown code as internal', () => {
    expect(toProblem(new HttpError('made-up', 'x'), '/', 'c').status).toBe(500);
  });
});
