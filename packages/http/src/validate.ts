import { type FieldError, ValidationError } from '@sello/core/errors';
import type * as z from 'zod';

/** Turns zod issues into `{path, message}` entries; unknown keys get one entry each. */
export function fieldErrors(error: z.ZodError, root: string): FieldError[] {
  return error.issues.flatMap((issue) => {
    const base = [root, ...issue.path.map(String)].filter(Boolean).join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((k) => ({
        path: base ? `${base}.${k}` : k,
        message: 'Unknown field',
      }));
    }
    return [{ path: base || root || 'body', message: issue.message }];
  });
}

/** Parses `value` with `schema`; failures become a ValidationError naming each field. */
export function parseWith<S extends z.ZodType>(
  schema: S,
  value: unknown,
  root: '' | 'query' | 'params',
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const errors = fieldErrors(result.error, root);
  throw new ValidationError(
    `Invalid ${root || 'body'}: ${errors.map((e) => `${e.path} (${e.message})`).join('; ')}`,
    errors,
  );
}
