import { ValidationError } from '../errors.ts';

export interface Series {
  code: string;
  kind: 'standard' | 'corrective';
  prefix: string;
  yearlyReset: boolean;
  padding: number;
  default: boolean;
  createdAt: string;
}

export interface SeriesRepository {
  /** Fails with ConflictError when the code exists. */
  create(tenantId: string, series: Series): Promise<void>;
  get(tenantId: string, code: string): Promise<Series | undefined>;
  /**
   * Every series of the tenant. An adapter may answer from a cache a few seconds old (series
   * never change once created); `fresh` reads the store.
   */
  list(tenantId: string, options?: { fresh?: boolean }): Promise<Series[]>;
}

/** Numbering period of an issue date: the year for yearly series, one period otherwise. */
export const numberingPeriod = (series: Series, issueDate: string) =>
  series.yearlyReset ? issueDate.slice(0, 4) : 'all';

/** `F2026-000042`: prefix, year when numbers restart yearly, zero-padded sequence. */
export function formatNumber(series: Series, issueDate: string, sequence: number): string {
  const year = series.yearlyReset ? `${issueDate.slice(0, 4)}-` : '';
  return `${series.prefix}${year}${String(sequence).padStart(series.padding, '0')}`;
}

/** Created on first use, so a new tenant can invoice at once: F for invoices, R for correctives. */
export const DEFAULT_SERIES: ReadonlyArray<Omit<Series, 'createdAt'>> = [
  { code: 'F', kind: 'standard', prefix: 'F', yearlyReset: true, padding: 6, default: true },
  { code: 'R', kind: 'corrective', prefix: 'R', yearlyReset: true, padding: 6, default: true },
];

/** The series to number with: the given code (which must be of the right kind) or the default. */
export function pickSeries(
  all: readonly Series[],
  kind: Series['kind'],
  code: string | undefined,
  path = 'series',
): Series {
  if (code) {
    const found = all.find((s) => s.code === code);
    if (!found)
      throw new ValidationError(`Unknown series ${code}`, [{ path, message: `No series ${code}` }]);
    if (found.kind !== kind) {
      throw new ValidationError(`Series ${code} is for ${found.kind} invoices`, [
        { path, message: `Series ${code} numbers ${found.kind} invoices, not ${kind} ones` },
      ]);
    }
    return found;
  }
  const byKind = all.filter((s) => s.kind === kind);
  const chosen = byKind.find((s) => s.default) ?? byKind[0];
  if (!chosen) {
    throw new ValidationError(`No ${kind} series`, [
      { path, message: `Create a ${kind} series first` },
    ]);
  }
  return chosen;
}
