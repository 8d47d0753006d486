import {
  ConditionalCheckFailedException,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import {
  ConflictError,
  type CustomerPrices,
  type CustomerPricesRepository,
  type Page,
  type PageRequest,
  PreconditionFailedError,
  type PriceEntry,
  type Product,
  type ProductRepository,
  type Tariff,
  type TariffRepository,
} from '@sello/core';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { type Key, keys, withoutKeys } from './keys.ts';
import { putNew } from './writes.ts';

type Item = Record<string, unknown>;

/** Tenant-scoped live items of one kind, oldest first (ids are ULIDs), with a checked cursor. */
async function listLive(
  db: DynamoDBDocumentClient,
  table: string,
  prefix: { pk: string; skPrefix: string },
  page: PageRequest,
): Promise<{ items: Item[]; nextCursor?: string }> {
  const out = await db.send(
    new QueryCommand({
      TableName: table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      FilterExpression: 'attribute_not_exists(deletedAt)',
      ExpressionAttributeValues: { ':pk': prefix.pk, ':prefix': prefix.skPrefix },
      Limit: page.limit,
      ExclusiveStartKey: decodeCursor(page.cursor, {
        pk: prefix.pk,
        sk: { prefix: prefix.skPrefix },
      }),
    }),
  );
  const nextCursor = encodeCursor(out.LastEvaluatedKey as Record<string, string> | undefined);
  return { items: out.Items ?? [], ...(nextCursor ? { nextCursor } : {}) };
}

const stripType = (item: Item) => {
  const { type: _type, ...rest } = withoutKeys(item);
  return rest;
};

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

const reasonsOf = (e: TransactionCanceledException) => e.CancellationReasons ?? [];

export class DynamoProductRepository implements ProductRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  private item(p: Product) {
    return { ...keys.product(p.tenantId, p.id), type: 'product', ...p };
  }

  /** The item that claims a code for one product: its existence is the uniqueness check. */
  private codeClaim(p: Product) {
    return { ...keys.productCode(p.tenantId, p.code), type: 'productCode', productId: p.id };
  }

  async create(product: Product): Promise<void> {
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.table,
                Item: this.item(product),
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Put: {
                TableName: this.table,
                Item: this.codeClaim(product),
                ConditionExpression: 'attribute_not_exists(pk)',
                ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
              },
            },
          ],
        }),
      );
    } catch (e) {
      if (!(e instanceof TransactionCanceledException)) throw e;
      const [self, claim] = reasonsOf(e);
      if (claim?.Code === 'ConditionalCheckFailed') throw codeTaken(product.code, claim.Item);
      if (self?.Code === 'ConditionalCheckFailed') {
        throw new ConflictError(`Product ${product.id} already exists`);
      }
      // TransactionConflict: another request is writing the same code right now.
      throw new ConflictError(`Product code ${product.code} is being claimed by another request`);
    }
  }

  async get(tenantId: string, id: string): Promise<Product | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.table, Key: keys.product(tenantId, id) }),
    );
    return Item ? (stripType(Item) as unknown as Product) : undefined;
  }

  async getMany(tenantId: string, ids: readonly string[]): Promise<Product[]> {
    const unique = [...new Set(ids)];
    const found: Product[] = [];
    // BatchGetItem takes at most 100 keys per call.
    for (let start = 0; start < unique.length; start += 100) {
      let pending: Key[] | undefined = unique
        .slice(start, start + 100)
        .map((id) => keys.product(tenantId, id));
      for (let attempt = 0; pending?.length; attempt++) {
        // Sustained throttling: fail the request (5xx) rather than price lines from a partial read.
        if (attempt === 8) throw new Error(`BatchGet left ${pending.length} products unread`);
        if (attempt > 0) await new Promise((ok) => setTimeout(ok, 25 * 2 ** attempt));
        const out = await this.db.send(
          new BatchGetCommand({ RequestItems: { [this.table]: { Keys: pending } } }),
        );
        for (const item of out.Responses?.[this.table] ?? []) {
          found.push(stripType(item) as unknown as Product);
        }
        // Throttled or oversized reads come back unprocessed; ask again for those only.
        pending = out.UnprocessedKeys?.[this.table]?.Keys as Key[] | undefined;
      }
    }
    return found;
  }

  async list(tenantId: string, page: PageRequest): Promise<Page<Product>> {
    const { items, nextCursor } = await listLive(
      this.db,
      this.table,
      keys.productPrefix(tenantId),
      page,
    );
    return {
      items: items.map((i) => stripType(i) as unknown as Product),
      ...(nextCursor ? { nextCursor } : {}),
    };
  }

  async update(next: Product, previous: Product): Promise<void> {
    const put = {
      TableName: this.table,
      Item: this.item(next),
      ConditionExpression: 'attribute_exists(pk) AND version = :previous',
      ExpressionAttributeValues: { ':previous': previous.version },
    };
    const stale = () =>
      new PreconditionFailedError(
        `Product ${next.id} was changed by another request; read it again`,
      );
    const releasing = !previous.deletedAt && (!!next.deletedAt || next.code !== previous.code);
    const claiming = !next.deletedAt && next.code !== previous.code;
    if (!releasing && !claiming) {
      try {
        await this.db.send(new PutCommand(put));
      } catch (e) {
        if (e instanceof ConditionalCheckFailedException) throw stale();
        throw e;
      }
      return;
    }
    // The product and its code claims change together, so a code is never held twice or lost.
    const transactItems: NonNullable<
      ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']
    > = [{ Put: put }];
    if (claiming) {
      transactItems.push({
        Put: {
          TableName: this.table,
          Item: this.codeClaim(next),
          ConditionExpression: 'attribute_not_exists(pk)',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      });
    }
    if (releasing) {
      transactItems.push({
        Delete: {
          TableName: this.table,
          Key: keys.productCode(previous.tenantId, previous.code),
          // Only our own claim; a missing one (nothing to free) must not block the change.
          ConditionExpression: 'attribute_not_exists(pk) OR productId = :id',
          ExpressionAttributeValues: { ':id': previous.id },
        },
      });
    }
    try {
      await this.db.send(new TransactWriteCommand({ TransactItems: transactItems }));
    } catch (e) {
      if (!(e instanceof TransactionCanceledException)) throw e;
      const [self, claim] = reasonsOf(e);
      if (self?.Code === 'ConditionalCheckFailed') throw stale();
      if (claiming && claim?.Code === 'ConditionalCheckFailed') {
        throw codeTaken(next.code, claim.Item);
      }
      throw stale();
    }
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

export class DynamoTariffRepository implements TariffRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  private item(t: Tariff) {
    return { ...keys.tariff(t.tenantId, t.id), type: 'tariff', ...t, prices: toPriceMap(t.prices) };
  }

  async create(tariff: Tariff): Promise<void> {
    await putNew(this.db, this.table, this.item(tariff), `Tariff ${tariff.id} already exists`);
  }

  async get(tenantId: string, id: string): Promise<Tariff | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.table, Key: keys.tariff(tenantId, id) }),
    );
    return Item ? toTariff(Item) : undefined;
  }

  async list(tenantId: string, page: PageRequest): Promise<Page<Tariff>> {
    const { items, nextCursor } = await listLive(
      this.db,
      this.table,
      keys.tariffPrefix(tenantId),
      page,
    );
    return { items: items.map(toTariff), ...(nextCursor ? { nextCursor } : {}) };
  }

  async update(next: Tariff): Promise<void> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: this.item(next),
          ConditionExpression: 'attribute_exists(pk) AND version = :previous',
          ExpressionAttributeValues: { ':previous': next.version - 1 },
        }),
      );
    } catch (e) {
      if (e instanceof ConditionalCheckFailedException) {
        throw new PreconditionFailedError(
          `Tariff ${next.id} was changed by another request; read it again`,
        );
      }
      throw e;
    }
  }
}

const toTariff = (item: Item): Tariff =>
  ({ ...stripType(item), prices: fromPriceMap(item.prices) }) as unknown as Tariff;

/** One item per customer holding its whole price set, so a PUT replaces it in one write. */
export class DynamoCustomerPricesRepository implements CustomerPricesRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async get(tenantId: string, customerId: string): Promise<CustomerPrices | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.table, Key: keys.customerPrices(tenantId, customerId) }),
    );
    if (!Item) return undefined;
    return { ...stripType(Item), prices: fromPriceMap(Item.prices) } as unknown as CustomerPrices;
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
