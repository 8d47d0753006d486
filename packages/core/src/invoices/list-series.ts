import { ConflictError, ValidationError } from '../errors.ts';
import type { Clock } from '../ports/clock.ts';
import { DEFAULT_SERIES, pickSeries, type Series, type SeriesRepository } from './series.ts';

/**
 * The tenant's series. A kind with no series yet gets its default (F for invoices, R for
 * correctives) on first use, so a new tenant can invoice and correct at once.
 */
export const listSeries =
  ({ series, clock }: { series: SeriesRepository; clock: Clock }) =>
  async (tenantId: string, options: { fresh?: boolean } = {}): Promise<Series[]> => {
    const existing = await series.list(tenantId, options);
    const missing = DEFAULT_SERIES.filter((d) => !existing.some((s) => s.kind === d.kind));
    if (!missing.length) return existing;
    const createdAt = clock.now().toISOString();
    for (const s of missing) {
      // A concurrent first use may have created it already: that is fine.
      await series.create(tenantId, { ...s, createdAt }).catch((e) => {
        if (!(e instanceof ConflictError)) throw e;
      });
    }
    return series.list(tenantId, { fresh: true });
  };

/**
 * The series to number with (see `pickSeries`). The list may come from a cache; a code it does
 * not know may have been created a moment ago, so it is looked up again before being refused.
 */
export const chooseSeries =
  (deps: { series: SeriesRepository; clock: Clock }) =>
  async (
    tenantId: string,
    kind: Series['kind'],
    code: string | undefined,
    path?: string,
  ): Promise<Series> => {
    try {
      return pickSeries(await listSeries(deps)(tenantId), kind, code, path);
    } catch (error) {
      if (!code || !(error instanceof ValidationError)) throw error;
      return pickSeries(await listSeries(deps)(tenantId, { fresh: true }), kind, code, path);
    }
  };
