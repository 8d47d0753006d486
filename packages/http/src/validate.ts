import { type FieldError, ValidationError } from '@sello/core/errors';
import type * as z from 'zod';

/** Turns zod issues into `{path, message}` entries; unknown keys get one entry each. */
export function fieldErrors(error: z.ZodError, root: string): FieldError[] {
  return issueErrors(error.issues, root);
}

type Issue = z.core.$ZodIssue;

/**
 * The branch of a failed union of strict objects that the input meant: the one branch whose
 * root took every key given (the others answer `unrecognized_keys` there), e.g. a batch
 * `{tickets: […]}` rather than one ticket. Undefined when that does not single one out.
 */
function meantBranch(issue: Issue): Issue[] | undefined {
  if (issue.code !== 'invalid_union') return undefined;
  const fitting = issue.errors.filter(
    (branch) => !branch.some((i) => i.code === 'unrecognized_keys' && i.path.length === 0),
  );
  return fitting.length === 1 ? fitting[0] : undefined;
}

function issueErrors(issues: readonly Issue[], root: string): FieldError[] {
  return issues.flatMap((issue) => {
    const base = [root, ...issue.path.map(String)].filter(Boolean).join('.');
    const branch = meantBranch(issue);
    if (branch) return issueErrors(branch, base);
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
