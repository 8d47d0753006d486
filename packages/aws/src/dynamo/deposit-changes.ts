import { referenceOfDepositId } from '@sello/core/deposits';
import { ConflictError } from '@sello/core/errors';
import type { DepositChange } from '@sello/core/invoices';
import { keys } from './keys.ts';
import type { TransactItem } from './toolkit/index.ts';

/**
 * A deposit taken by an invoice (from uninvoiced, or from the invoice that billed it) or given
 * back, as a transaction item conditioned on who holds it now: of two issues over one deposit,
 * the loser's transaction fails on this item.
 */
export function depositChangeItem(
  table: string,
  tenantId: string,
  change: DepositChange,
  at: string,
): TransactItem {
  const reference = referenceOfDepositId(change.depositId) ?? change.depositId;
  const holds = change.from ? '#status = :invoiced AND invoiceId = :from' : '#status = :uninvoiced';
  return {
    Update: {
      TableName: table,
      Key: keys.deposit(tenantId, reference),
      UpdateExpression: change.to
        ? 'SET #status = :invoiced, invoiceId = :to, updatedAt = :at'
        : 'SET #status = :uninvoiced, updatedAt = :at REMOVE invoiceId',
      ConditionExpression: `attribute_exists(pk) AND ${holds}`,
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':at': at,
        ...(change.to || change.from ? { ':invoiced': 'invoiced' } : {}),
        ...(!change.to || !change.from ? { ':uninvoiced': 'uninvoiced' } : {}),
        ...(change.to ? { ':to': change.to } : {}),
        ...(change.from ? { ':from': change.from } : {}),
      },
    },
  };
}

/** The 409 of deposit changes whose condition failed: each named by the request's path. */
export const depositsLost = (lost: readonly DepositChange[]) =>
  new ConflictError(
    `Deposit ${lost.map((c) => c.depositId).join(', ')} was invoiced or changed by another request`,
    lost.map((c) => ({
      path: c.path,
      message: c.to
        ? `Deposit ${c.depositId} is no longer ${c.from ? 'billed by the invoice split' : 'uninvoiced'}: another request took it`
        : `Deposit ${c.depositId} is no longer billed by this invoice`,
    })),
  );
