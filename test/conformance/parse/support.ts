import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const fixtures = resolve(import.meta.dirname, '../../fixtures');

/** A vendored public sample (test/fixtures/samples), as bytes like an upload would bring it. */
export const sample = (name: string): Uint8Array => readFileSync(join(fixtures, 'samples', name));

/** One of our own Facturae goldens (read-only), as text. */
export const golden = (name: string): string =>
  readFileSync(join(fixtures, 'golden/facturae', name), 'utf8');

/** Replaces exactly one occurrence, so a mutation never silently misses its target. */
export function mutate(xml: string, from: string, to: string): string {
  const at = xml.indexOf(from);
  if (at < 0 || xml.indexOf(from, at + 1) >= 0) {
    throw new Error(`expected exactly one ${JSON.stringify(from)} in the document`);
  }
  return xml.slice(0, at) + to + xml.slice(at + from.length);
}
