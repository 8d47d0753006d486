import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type {
  CustomerPrices,
  CustomerPricesRepository,
  PriceEntry,
  Product,
  ProductRepository,
  Tariff,
  TariffRepository,
} from '@sello/core/catalog';
import { ConflictError } from '@sello/core/errors';
import type { Page, PageRequest } from '@sello/core/shared';
import { keys } from './keys.ts';
import {
  absent,
  atVersion,
  batchGet,
  changedMeanwhile,
  fromItem,
  getItem,
  ListFilter,
  prefixQuery,
  putIf,
  putNew,
  putNextVersion,
  type Query,
  queryPage,
  TableAdapter,
  type TransactItem,
  transactWrite,
} from './toolkit/index.ts';

type Item = Record<string, unknown>;

/** Tenant-scoped live items of one kind, oldest first (ids are ULIDs). */
const live = (table: string, prefix: { pk: string; skPrefix: string }): Query =>
  prefixQuery(table, prefix, { filter: new ListFilter().absent('deletedAt') });

/**
 * Prices are stored as one map attribute `{productId: unitPrice}`: about a third smaller than a
 * list of objects, which keeps a 5000-entry tariff well inside DynamoDB's 400 KB item limit.
 */
const toPriceMap = (prices: readonly PriceEntry[]) =>
  Object.fromEntries(prices.map((p) => [p.productId, p.unitPrice]));

const fromPriceMap = (map: unknown): PriceEntry[] =>
  Object.entries((map ?? {}) as Record<string, string>)
    .map(([productId, unitPrice]) => ({ productId, unitPrice }))
    .sort((a, b) => (a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0));

const toProduct = (item: Item) => fromItem<Product>(item);

export class DynamoProductRepository extends TableAdapter implements ProductRepository {
  private item(p: Product) {
    return { ...keys.product(p.tenantId, p.id), type: 'product', ...p };
  }

  /** The item that claims a code for one product: its existence is the uniqueness check. */
  private claimCode(p: Product): TransactItem {
    return {
      Put: {
        TableName: this.table,
        Item: { ...keys.productCode(p.tenantId, p.code), type: 'productCode', productId: p.id },
        ...absent,
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      },
    };
  }

  async create(product: Product): Promise<void> {
    const own = { Put: { TableName: this.table, Item: this.item(product), ...absent } };
    await transactWrite(this.db, [own, this.claimCode(product)], (why) => {
      if (why.failed(1)) return codeTaken(product.code, why.reasons[1]!.Item);
      if (why.failed(0)) return new ConflictError(`Product ${product.id} already exists`);
      // TransactionConflict: another request is writing the same code right now.
      return new ConflictError(`Product code ${product.code} is being claimed by another request`);
    });
  }

  async get(tenantId: string, id: string): Promise<Product | undefined> {
    const item = await getItem(this.db, this.table, keys.product(tenantId, id));
    return item && toProduct(item);
  }

  async getMany(tenantId: string, ids: readonly string[]): Promise<Product[]> {
    // An incomplete read fails the request (5xx) rather than price lines from a partial one.
    const items = await batchGet(
      this.db,
      this.table,
      ids.map((id) => keys.product(tenantId, id)),
      { what: 'products' },
    );
    return items.map(toProduct);
  }

  list(tenantId: string, page: PageRequest): Promise<Page<Product>> {
    return queryPage(this.db, live(this.table, keys.productPrefix(tenantId)), page, toProduct);
  }

  async update(next: Product, previous: Product): Promise<void> {
    const version = atVersion(previous.version);
    const stale = changedMeanwhile(`Product ${next.id}`);
    const releasing = !previous.deletedAt && (!!next.deletedAt || next.code !== previous.code);
    const claiming = !next.deletedAt && next.code !== previous.code;
    if (!releasing && !claiming) {
      await putIf(this.db, this.table, this.item(next), version, stale);
      return;
    }
    // The product and its code claims change together, so a code is never held twice or lost.
    const items: TransactItem[] = [
      { Put: { TableName: this.table, Item: this.item(next), ...version } },
    ];
    if (claiming) items.push(this.claimCode(next));
    if (releasing) {
      items.push({
        Delete: {
          TableName: this.table,
          Key: keys.productCode(previous.tenantId, previous.code),
          // Only our own claim; a missing one (nothing to free) must not block the change.
          ConditionExpression: 'attribute_not_exists(pk) OR productId = :id',
          ExpressionAttributeValues: { ':id': previous.id },
        },
      });
    }
    await transactWrite(this.db, items, (why) =>
      !why.failed(0) && claiming && why.failed(1)
        ? codeTaken(next.code, why.reasons[1]!.Item)
        : stale(),
    );
  }
}

function codeTaken(code: string, holder: Record<string, unknown> | undefined): ConflictError {
  // The cancellation reason carries the claim in low-level attribute-value form.
  const by = holder ? unmarshall(holder as Parameters<typeof unmarshall>[0]).productId : undefined;
  return new ConflictError(
    `Product code ${code} is already used${typeof by === 'string' ? ` by ${by}` : ''}`,
    [{ path: 'code', message: 'Already used by another product' }],
  );
}

export class DynamoTariffRepository extends TableAdapter implements TariffRepository {
  private item(t: Tariff) {
    return { ...keys.tariff(t.tenantId, t.id), type: 'tariff', ...t, prices: toPriceMap(t.prices) };
  }

  async create(tariff: Tariff): Promise<void> {
    await putNew(this.db, this.table, this.item(tariff), `Tariff ${tariff.id} already exists`);
  }

  async get(tenantId: string, id: string): Promise<Tariff | undefined> {
    const item = await getItem(this.db, this.table, keys.tariff(tenantId, id));
    return item && toTariff(item);
  }

  list(tenantId: string, page: PageRequest): Promise<Page<Tariff>> {
    return queryPage(this.db, live(this.table, keys.tariffPrefix(tenantId)), page, toTariff);
  }

  async update(next: Tariff): Promise<void> {
    await putNextVersion(this.db, this.table, this.item(next), `Tariff ${next.id}`);
  }
}

const toTariff = (item: Item): Tariff => ({
  ...fromItem<Tariff>(item),
  prices: fromPriceMap(item.prices),
});

/** One item per customer holding its whole price set, so a PUT replaces it in one write. */
export class DynamoCustomerPricesRepository
  extends TableAdapter
  implements CustomerPricesRepository
{
  async get(tenantId: string, customerId: string): Promise<CustomerPrices | undefined> {
    const item = await getItem(this.db, this.table, keys.customerPrices(tenantId, customerId));
    return item && { ...fromItem<CustomerPrices>(item), prices: fromPriceMap(item.prices) };
  }

  async put(prices: CustomerPrices): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.table,
        Item: {
          ...keys.customerPrices(prices.tenantId, prices.customerId),
          type: 'customerPrices',
          ...prices,
          prices: toPriceMap(prices.prices),
        },
      }),
    );
  }
}
