import type { components } from './schema';

export type Problem = components['schemas']['Problem'];
export interface FieldProblem {
  path: string;
  message: string;
}

/** A failed API call: its status and, when the API answered problem+json, the problem. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | undefined,
  ) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`);
    this.name = 'ApiError';
  }
}

const isProblem = (value: unknown): value is Problem =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Problem).title === 'string' &&
  typeof (value as Problem).status === 'number';

/**
 * The data of an openapi-fetch result, or an ApiError for its problem: what query functions and
 * mutations call so that every failure reaches the UI the same way.
 */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.error !== undefined || !result.response.ok) {
    throw new ApiError(result.response.status, isProblem(result.error) ? result.error : undefined);
  }
  return result.data as T;
}

/**
 * Splits a problem's `errors` between the form's fields and the rest. The API names a field by
 * its dotted path in the body (`taxId`, `address.city`); an error on a whole object
 * (`address`) goes to its first field on the form, so it is still shown next to something.
 */
export function problemToFields(
  problems: readonly FieldProblem[],
  fields: readonly string[],
): { byField: Record<string, string>; unplaced: FieldProblem[] } {
  const byField: Record<string, string> = {};
  const unplaced: FieldProblem[] = [];
  for (const { path, message } of problems) {
    const field = fields.includes(path) ? path : fields.find((f) => f.startsWith(`${path}.`));
    if (!field) unplaced.push({ path, message });
    else byField[field] = byField[field] ? `${byField[field]} ${message}` : message;
  }
  return { byField, unplaced };
}
