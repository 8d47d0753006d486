import { ConflictError } from '../errors.ts';
import type { Clock } from '../ports/clock.ts';
import { DEFAULT_SERIES, type Series, type SeriesRepository } from './series.ts';

/** The tenant's series; a tenant with none gets the defaults (F, R) created on first use. */
export const listSeries =
  ({ series, clock }: { series: SeriesRepository; clock: Clock }) =>
  async (tenantId: string): Promise<Series[]> => {
    const existing = await series.list(tenantId);
    if (existing.length) return existing;
    const createdAt = clock.now().toISOString();
    for (const s of DEFAULT_SERIES) {
      // A concurrent first use may have created it already: that is fine.
      await series.create(tenantId, { ...s, createdAt }).catch((e) => {
        if (!(e instanceof ConflictError)) throw e;
      });
    }
    return series.list(tenantId);
  };
