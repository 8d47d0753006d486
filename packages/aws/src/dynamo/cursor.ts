import { ValidationError } from '@sello/core/errors';

type DynamoKey = Record<string, string | number>;

/** Opaque pagination cursor: the last evaluated key, base64url JSON. */
export const encodeCursor = (key: DynamoKey | undefined): string | undefined =>
  key ? Buffer.from(JSON.stringify(key), 'utf8').toString('base64url') : undefined;

/**
 * Decodes a client's cursor and checks it belongs to the query being run (`expect`), so a forged
 * or foreign cursor is a 400 naming `cursor`, never a DynamoDB error or another tenant's page.
 */
export function decodeCursor(
  cursor: string | undefined,
  expect: Record<string, string | { prefix: string }>,
): DynamoKey | undefined {
  if (cursor === undefined) return undefined;
  const invalid = () =>
    new ValidationError('Invalid cursor', [
      { path: 'cursor', message: 'Not a cursor returned by this list; start again without it' },
    ]);
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (typeof key !== 'object' || key === null || Array.isArray(key)) throw invalid();
  const entries = Object.entries(key);
  if (entries.length > 6 || entries.some(([, v]) => typeof v !== 'string')) throw invalid();
  for (const [name, want] of Object.entries(expect)) {
    const got = (key as Record<string, unknown>)[name];
    if (typeof got !== 'string') throw invalid();
    // Outside the query's range DynamoDB would fail the request, so the prefix is checked too.
    if (typeof want === 'string' ? got !== want : !got.startsWith(want.prefix)) throw invalid();
  }
  return key as DynamoKey;
}
