import type * as z from 'zod';
import type { FieldProblem } from '../api/problem.ts';

/**
 * A form's fields as the API's body: names are dotted paths (`address.city`) and become nested
 * objects. An empty field is left out, or sent as null where `clearable` says the API removes
 * the value that way (a PATCH).
 */
export function formBody(
  entries: Iterable<[string, FormDataEntryValue]>,
  clearable: readonly string[] = [],
): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [name, raw] of entries) {
    if (typeof raw !== 'string') continue;
    const value = raw === '' ? (clearable.includes(name) ? null : undefined) : raw;
    if (value === undefined) continue;
    const path = name.split('.');
    let target = body;
    for (const key of path.slice(0, -1)) {
      target[key] ??= {};
      target = target[key] as Record<string, unknown>;
    }
    target[path.at(-1)!] = value;
  }
  return body;
}

/**
 * zod's issues as the API words them (`errors[].path`), so both land on fields the same way. A
 * field missing from `body` is simply `required` (zod would say "expected string, received
 * undefined"; its issues do not carry the input, so the body tells).
 */
export function zodProblems(
  error: Pick<z.ZodError, 'issues'>,
  body: unknown,
  required = 'Required',
): FieldProblem[] {
  const missing = (path: readonly PropertyKey[]) =>
    path.reduce<unknown>(
      (value, key) =>
        value && typeof value === 'object'
          ? (value as Record<PropertyKey, unknown>)[key]
          : undefined,
      body,
    ) === undefined;
  return error.issues.flatMap((issue) => {
    const base = issue.path.map(String).join('.');
    if (issue.code === 'invalid_type' && issue.path.length > 0 && missing(issue.path))
      return [{ path: base, message: required }];
    if (issue.code === 'unrecognized_keys')
      return issue.keys.map((k) => ({ path: base ? `${base}.${k}` : k, message: issue.message }));
    return [{ path: base || 'body', message: issue.message }];
  });
}
