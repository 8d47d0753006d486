import { AsyncLocalStorage } from 'node:async_hooks';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';

export type LambdaHandler = (event: unknown, context: Context) => Promise<unknown>;

/** The repository root, where route entries (`functions/...`) are relative to. */
export const repoRoot = resolve(import.meta.dirname, '../../..');

/** The entry file whose handler is running, across its awaits (who is invoking, locally). */
const running = new AsyncLocalStorage<string>();
export const runningEntry = (): string | undefined => running.getStore();

const loaded = new Map<string, Promise<LambdaHandler>>();

/**
 * Imports an entry's `handler` once, on first use, like a Lambda cold start. The module is the same
 * file CDK bundles, so local and AWS run identical code. Each run knows its entry (`runningEntry`),
 * so the local invoker can hold it to the entry's declared `invokes`, as IAM does in AWS.
 */
export function loadHandler(entry: string): Promise<LambdaHandler> {
  let handler = loaded.get(entry);
  if (!handler) {
    handler = import(pathToFileURL(resolve(repoRoot, entry)).href).then((mod) => {
      if (typeof mod.handler !== 'function') throw new Error(`${entry} does not export handler`);
      const run = mod.handler as LambdaHandler;
      return (event: unknown, context: Context) => running.run(entry, () => run(event, context));
    });
    loaded.set(entry, handler);
  }
  return handler;
}
