import type { Series, SeriesRepository } from '@sello/core/invoices';
import { keys } from './keys.ts';
import { fromItem, getItem, prefixQuery, putNew, queryAll, TableAdapter } from './toolkit/index.ts';

const toSeries = (item: Record<string, unknown>) => fromItem<Series>(item);

export class DynamoSeriesRepository extends TableAdapter implements SeriesRepository {
  async create(tenantId: string, series: Series): Promise<void> {
    await putNew(
      this.db,
      this.table,
      { ...keys.series(tenantId, series.code), type: 'series', ...series },
      `Series ${series.code} already exists`,
    );
  }

  async get(tenantId: string, code: string): Promise<Series | undefined> {
    const item = await getItem(this.db, this.table, keys.series(tenantId, code));
    return item && toSeries(item);
  }

  async list(tenantId: string): Promise<Series[]> {
    const query = prefixQuery(this.table, keys.seriesPrefix(tenantId), { consistent: true });
    return (await queryAll(this.db, query)).map(toSeries);
  }
}
