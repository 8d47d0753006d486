import middy from '@middy/core';
import type { TriggeredDef } from '@sello/contracts';
import { ValidationError } from '@sello/core/errors';
import type { Context } from 'aws-lambda';
import type * as z from 'zod';
import { logger } from './logger.ts';
import { lambdaLogger } from './middleware/lambda-logger.ts';
import { fieldErrors } from './validate.ts';

/**
 * The wrapper of every triggered function (scheduler targets, operator invocations): validates the
 * event against the entry's schema and logs with the entry id. Errors propagate, so the invoker's
 * retry policy and dead-letter queue apply.
 */
export function jobHandler<const T extends TriggeredDef, S extends z.ZodType, Out>(
  def: T,
  schema: S,
  fn: (input: z.output<S>, context: Context) => Promise<Out>,
) {
  return middy<unknown, Out>()
    .use(lambdaLogger())
    .handler(async (event, context) => {
      logger.appendKeys({ entryId: def.id });
      const parsed = schema.safeParse(event);
      if (!parsed.success) {
        const errors = fieldErrors(parsed.error, '');
        logger.error('invalid event', { errors });
        throw new ValidationError(`Invalid ${def.id} event`, errors);
      }
      return fn(parsed.data, context);
    });
}
