import { ConflictError } from '../errors.ts';
import type { Clock } from '../ports/clock.ts';
import { DEFAULT_SERIES, type Series, type SeriesRepository } from './series.ts';

/**
 * The tenant's series. A kind with no series yet gets its default (F for invoices, R for
 * correctives) on first use, so a new tenant can invoice and correct at once.
 */
export const listSeries =
  ({ series, clock }: { series: SeriesRepository; clock: Clock }) =>
  async (tenantId: string): Promise<Series[]> => {
    const existing = await series.list(tenantId);
    const missing = DEFAULT_SERIES.filter((d) => !existing.some((s) => s.kind === d.kind));
    if (!missing.length) return existing;
    const createdAt = clock.now().toISOString();
    for (const s of missing) {
      // A concurrent first use may have created it already: that is fine.
      await series.create(tenantId, { ...s, createdAt }).catch((e) => {
        if (!(e instanceof ConflictError)) throw e;
      });
    }
    return series.list(tenantId);
  };
