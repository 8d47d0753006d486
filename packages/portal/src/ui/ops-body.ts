import { ApiError } from '../api/problem.ts';

// Pure helpers of the catalog, tasks, work orders and users forms (tested in ops-body.test.ts).

/**
 * Turns what `formBody` made of names like `lines.0.quantity` (objects keyed `0`, `1`…) into
 * arrays, in index order and without gaps (a removed row leaves none).
 */
export function indexedToArrays(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(indexedToArrays);
  if (!value || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > 0 && entries.every(([k]) => /^\d+$/.test(k)))
    return entries.sort(([a], [b]) => Number(a) - Number(b)).map(([, v]) => indexedToArrays(v));
  return Object.fromEntries(entries.map(([k, v]) => [k, indexedToArrays(v)]));
}

/**
 * The same failure with its field paths renamed (`customerIds.3` → `customerIds`), so an error
 * the API words for an array item lands on the control that edits the array.
 */
export function renameProblemPaths(error: unknown, rename: (path: string) => string): unknown {
  if (!(error instanceof ApiError) || !error.problem?.errors) return error;
  return new ApiError(error.status, {
    ...error.problem,
    errors: error.problem.errors.map((e) => ({ ...e, path: rename(e.path) })),
  });
}
