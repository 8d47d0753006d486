import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';

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
    /** The function's ARN by id (the stack passes them in the environment). */
    private readonly arnOf: (id: string) => string,
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
