import type {
  Claim,
  ClaimDocument,
  ClaimDocumentRepository,
  ClaimListQuery,
  ClaimRepository,
  Valuation,
  ValuationRepository,
} from '@sello/core/claims';
import { ConflictError } from '@sello/core/errors';
import type { Page, PageRequest } from '@sello/core/shared';
import { keys } from '../dynamo/keys.ts';
import {
  absent,
  fromItem,
  getItem,
  ListFilter,
  prefixQuery,
  putNew,
  putNextVersion,
  queryAll,
  queryPage,
  TableAdapter,
  transactWrite,
} from '../dynamo/toolkit/index.ts';

const toClaim = (item: Record<string, unknown>) => fromItem<Claim>(item);

/**
 * Claim files, each in its own partition (see keys/claims.ts), listed newest first by gsi1. A new
 * claim is written in one transaction with the guard of its number for its insurer, so two
 * requests racing with the same number make one claim and a 409.
 */
export class DynamoClaimRepository extends TableAdapter implements ClaimRepository {
  private item(c: Claim) {
    return {
      ...keys.claim(c.tenantId, c.id),
      ...keys.claimByDate(c.tenantId, c.createdAt, c.id),
      type: 'claim',
      ...c,
    };
  }

  async create(claim: Claim): Promise<void> {
    const guard = {
      ...keys.claimNumber(claim.tenantId, claim.insurerId, claim.claimNumber),
      type: 'claimNumber',
      claimId: claim.id,
    };
    await transactWrite(
      this.db,
      [
        { Put: { TableName: this.table, Item: this.item(claim), ...absent } },
        { Put: { TableName: this.table, Item: guard, ...absent } },
      ],
      (why) =>
        why.failed(1)
          ? new ConflictError(`The insurer already has a claim ${claim.claimNumber}`, [
              { path: 'claimNumber', message: 'The insurer already has a claim with this number' },
            ])
          : undefined,
    );
  }

  async get(tenantId: string, id: string): Promise<Claim | undefined> {
    const item = await getItem(this.db, this.table, keys.claim(tenantId, id), {
      consistent: true,
    });
    return item && toClaim(item);
  }

  list(tenantId: string, query: ClaimListQuery): Promise<Page<Claim>> {
    const filter = new ListFilter()
      .where('status', '=', query.status)
      .where('insurerId', '=', query.insurerId)
      .where('vehicle.plate', '=', query.plate)
      .where('claimNumber', '=', query.claimNumber);
    return queryPage(
      this.db,
      {
        table: this.table,
        partition: { gsi1pk: keys.claimByDate(tenantId, '', '').gsi1pk },
        filter,
        newestFirst: true,
      },
      query,
      toClaim,
    );
  }

  async update(next: Claim): Promise<void> {
    await putNextVersion(this.db, this.table, this.item(next), `Claim ${next.id}`);
  }
}

/**
 * The versions of a claim's valuation, beside the claim. Recording one moves the claim to it in
 * the same transaction, conditioned on the claim's latest version being the one before: two
 * imports of a version racing store one, and the loser is told so (and then compares contents).
 */
export class DynamoValuationRepository extends TableAdapter implements ValuationRepository {
  async get(tenantId: string, claimId: string, version: number): Promise<Valuation | undefined> {
    const item = await getItem(this.db, this.table, keys.valuation(tenantId, claimId, version), {
      consistent: true,
    });
    return item && fromItem<Valuation>(item);
  }

  async list(tenantId: string, claimId: string): Promise<Valuation[]> {
    const items = await queryAll(
      this.db,
      prefixQuery(this.table, keys.valuationPrefix(tenantId, claimId), { consistent: true }),
    );
    return items.map((i) => fromItem<Valuation>(i));
  }

  listPage(tenantId: string, claimId: string, page: PageRequest): Promise<Page<Valuation>> {
    return queryPage(
      this.db,
      prefixQuery(this.table, keys.valuationPrefix(tenantId, claimId), { consistent: true }),
      page,
      (i) => fromItem<Valuation>(i),
    );
  }

  async record(valuation: Valuation): Promise<void> {
    const { tenantId, claimId, version } = valuation;
    const previous = version - 1;
    await transactWrite(
      this.db,
      [
        {
          Put: {
            TableName: this.table,
            Item: {
              ...keys.valuation(tenantId, claimId, version),
              type: 'valuation',
              ...valuation,
            },
            ...absent,
          },
        },
        {
          Update: {
            TableName: this.table,
            Key: keys.claim(tenantId, claimId),
            UpdateExpression:
              'SET #status = :valued, valuationVersion = :version, updatedAt = :at ADD version :one',
            ConditionExpression: `attribute_exists(pk) AND #status <> :closed AND ${
              previous === 0
                ? 'attribute_not_exists(valuationVersion)'
                : 'valuationVersion = :previous'
            }`,
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':valued': 'valued',
              ':closed': 'closed',
              ':version': version,
              ':at': valuation.importedAt,
              ':one': 1,
              ...(previous === 0 ? {} : { ':previous': previous }),
            },
          },
        },
      ],
      (why) =>
        why.contended
          ? new ConflictError(`Version ${version} of the valuation was recorded meanwhile`, [
              { path: 'version', message: 'Another import changed the valuation meanwhile' },
            ])
          : undefined,
    );
  }
}

/** The files linked to a claim, beside it; their bytes are in the artifact bucket. */
export class DynamoClaimDocumentRepository extends TableAdapter implements ClaimDocumentRepository {
  async create(document: ClaimDocument): Promise<void> {
    await putNew(this.db, this.table, {
      ...keys.claimDocument(document.tenantId, document.claimId, document.id),
      type: 'claimDocument',
      ...document,
    });
  }

  async get(tenantId: string, claimId: string, id: string): Promise<ClaimDocument | undefined> {
    const item = await getItem(this.db, this.table, keys.claimDocument(tenantId, claimId, id));
    return item && fromItem<ClaimDocument>(item);
  }

  async list(tenantId: string, claimId: string): Promise<ClaimDocument[]> {
    const items = await queryAll(
      this.db,
      prefixQuery(this.table, keys.claimDocumentPrefix(tenantId, claimId)),
    );
    return items.map((i) => fromItem<ClaimDocument>(i));
  }
}
