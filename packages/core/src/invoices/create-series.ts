import type { Clock } from '../ports/clock.ts';
import type { Series, SeriesRepository } from './series.ts';

export const createSeries =
  ({ series, clock }: { series: SeriesRepository; clock: Clock }) =>
  async (tenantId: string, input: Omit<Series, 'createdAt'>): Promise<Series> => {
    const created: Series = { ...input, createdAt: clock.now().toISOString() };
    await series.create(tenantId, created);
    return created;
  };
