import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';

export type LambdaHandler = (event: unknown, context: Context) => Promise<unknown>;

/** The repository root, where route entries (`functions/...`) are relative to. */
export const repoRoot = resolve(import.meta.dirname, '../../..');

const loaded = new Map<string, Promise<LambdaHandler>>();

/**
 * Imports an entry's `handler` once, on first use, like a Lambda cold start. The module is the same
 * file CDK bundles, so local and AWS run identical code.
 */
export function loadHandler(entry: string): Promise<LambdaHandler> {
  let handler = loaded.get(entry);
  if (!handler) {
    handler = import(pathToFileURL(resolve(repoRoot, entry)).href).then((mod) => {
      if (typeof mod.handler !== 'function') throw new Error(`${entry} does not export handler`);
      return mod.handler as LambdaHandler;
    });
    loaded.set(entry, handler);
  }
  return handler;
}
