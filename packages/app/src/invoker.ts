import { LambdaClient } from '@aws-sdk/client-lambda';
import { type FunctionInvoker, LambdaInvoker } from '@sello/aws';
import { functionArn } from './config.ts';

let lambda: LambdaInvoker | undefined;
let replacement: FunctionInvoker | undefined;

/**
 * Where this process runs triggered functions: through Lambda, unless the local platform put its
 * in-process invoker in place. Resolved on every use, so a handler wired at import time follows
 * whichever is current.
 */
export function invoker(): FunctionInvoker {
  if (replacement) return replacement;
  lambda ??= new LambdaInvoker(new LambdaClient({}), functionArn);
  return lambda;
}

/** The local platform runs triggered functions in its own process (undefined: Lambda again). */
export function useInvoker(next: FunctionInvoker | undefined): void {
  replacement = next;
}
