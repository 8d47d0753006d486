import middy from '@middy/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { aContext } from '../../testing/fakes.ts';
import { logger } from '../logger.ts';
import { respondEarly } from './early-response.ts';
import { lambdaLogger } from './lambda-logger.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('lambdaLogger', () => {
  it('adds the Lambda context to the logger before the handler runs', async () => {
    const addContext = vi.spyOn(logger, 'addContext');
    const context = aContext();
    await middy()
      .use(lambdaLogger())
      .handler(async () => {
        expect(addContext).toHaveBeenCalledWith(context);
      })({}, context);
    expect.assertions(1);
  });

  it.each([
    ['a result', async () => 'ok', undefined],
    [
      'an error',
      async () => {
        throw new Error('boom');
      },
      undefined,
    ],
    ['an early response', async () => 'not reached', 'early'],
  ])('drops the keys the request appended after %s', async (_name, fn, early) => {
    const resetKeys = vi.spyOn(logger, 'resetKeys');
    const handler = middy()
      .use(lambdaLogger())
      .use({
        before: (request) => {
          logger.appendKeys({ tenant: 't-1' });
          return early ? respondEarly(request, early) : undefined;
        },
      })
      .handler(fn);
    await handler({}, aContext()).catch(() => undefined);
    expect(resetKeys).toHaveBeenCalledTimes(1);
  });
});
