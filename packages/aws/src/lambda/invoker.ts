import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { functionArn } from './functions.ts';

/** Runs the triggered functions of the route table, by id, wherever the platform runs them. */
export interface FunctionInvoker {
  /** Hands `payload` to `id` and returns once it is accepted, not run (Lambda `Event`). */
  handOver(id: string, payload: unknown): Promise<void>;
  /** Runs `id` with `payload` and answers its result (Lambda `RequestResponse`). */
  call<T>(id: string, payload: unknown): Promise<T>;
}

/** The invoked function failed; its own error, as Lambda reports it to the caller. */
export class FunctionFailedError extends Error {
  override readonly name = 'FunctionFailedError';
  constructor(
    readonly functionId: string,
    readonly errorType: string,
    message: string,
  ) {
    super(`${functionId} failed: ${errorType}: ${message}`);
  }
}

const encode = (payload: unknown) => new TextEncoder().encode(JSON.stringify(payload));

/** Lambda's `Invoke`: 202 for an accepted event, 200 with the result (or `FunctionError`). */
export class LambdaInvoker implements FunctionInvoker {
  constructor(
    private readonly client: LambdaClient,
    private readonly arnOf: (id: string) => string = functionArn,
  ) {}

  async handOver(id: string, payload: unknown): Promise<void> {
    const out = await this.client.send(
      new InvokeCommand({
        FunctionName: this.arnOf(id),
        InvocationType: 'Event',
        Payload: encode(payload),
      }),
    );
    if (out.StatusCode !== 202)
      throw new Error(`${id} did not accept the event (${out.StatusCode})`);
  }

  async call<T>(id: string, payload: unknown): Promise<T> {
    const out = await this.client.send(
      new InvokeCommand({
        FunctionName: this.arnOf(id),
        InvocationType: 'RequestResponse',
        Payload: encode(payload),
      }),
    );
    const text = out.Payload ? new TextDecoder().decode(out.Payload) : '';
    if (out.FunctionError) {
      const reported = parse(text) as { errorType?: string; errorMessage?: string } | undefined;
      throw new FunctionFailedError(
        id,
        reported?.errorType ?? out.FunctionError,
        reported?.errorMessage ?? text,
      );
    }
    return (text ? JSON.parse(text) : undefined) as T;
  }
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

let lambda: LambdaInvoker | undefined;
let replacement: FunctionInvoker | undefined;

/**
 * Where this process runs triggered functions: through Lambda, unless the local platform put its
 * in-process invoker in place. Resolved on every use, so a handler wired at import time follows
 * whichever is current.
 */
export function invoker(): FunctionInvoker {
  if (replacement) return replacement;
  lambda ??= new LambdaInvoker(new LambdaClient({}));
  return lambda;
}

/** The local platform runs triggered functions in its own process (undefined: Lambda again). */
export function useInvoker(next: FunctionInvoker | undefined): void {
  replacement = next;
}
