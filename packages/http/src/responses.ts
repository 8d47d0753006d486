import type { HttpResult } from './request.ts';

export const ok = (body: unknown, extra: Partial<HttpResult> = {}): HttpResult => ({
  status: 200,
  body,
  ...extra,
});

export const created = (body: unknown, location: string, etag?: string): HttpResult => ({
  status: 201,
  body,
  headers: { location },
  ...(etag ? { etag } : {}),
});

export const noContent = (): HttpResult => ({ status: 204 });

/** Strong validator carrying a resource version, so `If-Match` can be checked without a read. */
export const versionEtag = (version: number) => `"v${version}"`;

/** The version named by `If-Match`, or undefined when absent; malformed values are refused. */
export function ifMatchVersion(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const match = /^"v(\d{1,12})"$/.exec(header.trim());
  if (!match) return -1; // matches no version, so the use case answers 412
  return Number(match[1]);
}
