import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  type BillingRecord,
  type ChainHead,
  linkOf,
  type StoredRecord,
} from '@sello/core/verifactu';
import { keys } from '../keys.ts';
import { absent, fromItem, getItem } from '../toolkit/index.ts';

/**
 * The two writes that append a record to a tenant's chain, for a transaction: the new head,
 * conditioned on the head read (so two records can never follow the same one: no forks), and the
 * record under the next sequence number (so none is ever overwritten: no gaps). The head also
 * puts the tenant in the sender's sparse index of tenants with records to send.
 */
export function chainItems(
  table: string,
  tenantId: string,
  invoiceId: string,
  head: ChainHead | undefined,
  record: BillingRecord,
  /** The record this one corrects (a subsanación). */
  remedyOf?: number,
) {
  const seq = (head?.seq ?? 0) + 1;
  const stored: StoredRecord = {
    tenantId,
    seq,
    invoiceId,
    record,
    generatedAt: record.FechaHoraHusoGenRegistro,
    submission: { state: 'pending' },
    ...(remedyOf !== undefined ? { remedyOf } : {}),
  };
  return [
    {
      Put: {
        TableName: table,
        Item: {
          ...keys.chainHead(tenantId),
          ...keys.tenantWithPendingRecords(tenantId),
          type: 'chainHead',
          seq,
          link: linkOf(record),
        },
        ...(head
          ? { ConditionExpression: 'seq = :seq', ExpressionAttributeValues: { ':seq': head.seq } }
          : absent),
      },
    },
    {
      Put: {
        TableName: table,
        Item: {
          ...keys.chainRecord(tenantId, seq),
          ...keys.chainRecordOfInvoice(tenantId, invoiceId, seq),
          type: 'billingRecord',
          ...stored,
        },
        ...absent,
      },
    },
  ];
}

/** The chain head as stored (see `chainItems`), or undefined for a tenant with no record yet. */
export const toChainHead = (item: Record<string, unknown> | undefined): ChainHead | undefined =>
  item ? { seq: Number(item.seq), link: item.link as ChainHead['link'] } : undefined;

/** The tenant's chain head as the last append left it (strongly consistent). */
export async function readChainHead(
  db: DynamoDBDocumentClient,
  table: string,
  tenantId: string,
): Promise<ChainHead | undefined> {
  return toChainHead(await getItem(db, table, keys.chainHead(tenantId), { consistent: true }));
}

export const toStored = (item: Record<string, unknown>) => fromItem<StoredRecord>(item);
