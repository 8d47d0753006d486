import type { Customer } from '../customers/customer.ts';
import type { Deposit } from '../deposits/model.ts';
import { depositLines } from '../deposits/totals.ts';
import { effectiveTreatment } from '../deposits/treatment.ts';
import { referenceOfDepositId } from '../deposits/validate.ts';
import { ConflictError, type FieldError, ValidationError } from '../errors.ts';
import { Dec } from '../money/decimal.ts';
import type { Jurisdiction, LineInput } from '../taxes/model.ts';
import type { InvoiceDeps } from './deps.ts';
import { type DepositChange, MAX_DEPOSITS_PER_INVOICE } from './invoice-repository.ts';
import type { Invoice, PaymentMeans } from './model.ts';

/** What a draft made from deposits takes of them. */
export interface DepositBilling {
  /** The deposits' ids as the request named them (a refusal names `depositIds.<index>`). */
  deposits: string[];
  lines: LineInput[];
  currency: string;
  /** How the largest deposit was paid: the invoice's payment means (CFDI's FormaPago). */
  means: PaymentMeans;
}

/**
 * Reads the deposits a draft bills and makes its lines under the customer's treatment (its own,
 * else the tenant's, else the default), with `concept` replacing the treatment's text. Every
 * deposit must be the customer's, still uninvoiced (409 naming it otherwise: another invoice
 * has it), and in one currency. Nothing is taken here: issuing takes them, conditionally.
 */
export async function billDeposits(
  deps: Pick<InvoiceDeps, 'deposits' | 'depositTreatment'>,
  customer: Customer,
  jurisdiction: Jurisdiction,
  request: {
    depositIds: readonly string[];
    concept?: string;
    currency?: string;
    /** A split's original: its own deposits count as free, as the part takes them over. */
    heldBy?: string;
    /** Where the ids were named, e.g. `parts.1.depositIds`. */
    path?: string;
    /** The deposits as the caller read them in this request: not read again. */
    read?: readonly Deposit[];
  },
): Promise<DepositBilling> {
  const { depositIds } = request;
  const path = request.path ?? 'depositIds';
  if (!deps.deposits) {
    throw new ValidationError('This operation cannot bill deposits', [
      { path, message: 'Not accepted here' },
    ]);
  }
  if (!depositIds.length || depositIds.length > MAX_DEPOSITS_PER_INVOICE) {
    throw new ValidationError('Invalid deposits', [
      {
        path,
        message: `Name from 1 to ${MAX_DEPOSITS_PER_INVOICE} deposits per invoice`,
      },
    ]);
  }
  const errors: FieldError[] = [];
  const references = depositIds.map((id, i) => {
    const reference = referenceOfDepositId(id);
    if (!reference) errors.push({ path: `${path}.${i}`, message: `No deposit ${id}` });
    else if (depositIds.indexOf(id) !== i) {
      errors.push({ path: `${path}.${i}`, message: `Deposit ${id} is named twice` });
    }
    return reference ?? '';
  });
  if (errors.length) throw new ValidationError('Invalid deposits', errors);
  const found = request.read ?? (await deps.deposits.getMany(customer.tenantId, references));
  const byId = new Map(found.map((d) => [d.id, d]));
  const deposits: Deposit[] = [];
  const taken: FieldError[] = [];
  for (const [i, id] of depositIds.entries()) {
    const deposit = byId.get(id);
    // Another customer's deposit is as unknown as a missing one: ids say nothing of others.
    if (!deposit || deposit.customerId !== customer.id) {
      errors.push({
        path: `${path}.${i}`,
        message: `No deposit ${id} of customer ${customer.id}`,
      });
    } else if (
      deposit.status !== 'uninvoiced' &&
      !(request.heldBy && deposit.invoiceId === request.heldBy)
    ) {
      taken.push({
        path: `${path}.${i}`,
        message:
          deposit.status === 'invoiced'
            ? `Deposit ${id} is already invoiced by ${deposit.invoiceId}`
            : `Deposit ${id} was refunded`,
      });
    } else {
      deposits.push(deposit);
    }
  }
  if (errors.length) throw new ValidationError('Invalid deposits', errors);
  if (taken.length) throw new ConflictError('A deposit is not uninvoiced', taken);
  const currency = deposits[0]!.currency;
  for (const [i, id] of depositIds.entries()) {
    const other = byId.get(id)!.currency;
    if (other !== currency) {
      errors.push({
        path: `${path}.${i}`,
        message: `In ${other}, while ${depositIds[0]} is in ${currency}: one currency per invoice`,
      });
    }
  }
  if (request.currency && request.currency !== currency) {
    errors.push({ path: 'currency', message: `The deposits are in ${currency}` });
  }
  if (errors.length) throw new ValidationError('Invalid deposits', errors);
  const treatment = effectiveTreatment(
    jurisdiction,
    await deps.depositTreatment?.(customer.tenantId),
    customer.depositTreatment,
  );
  // Lines in payment order, oldest first.
  const ordered = [...deposits].sort((a, b) => a.paidAt.localeCompare(b.paidAt));
  const largest = deposits.reduce((a, b) => (new Dec(b.amount).greaterThan(a.amount) ? b : a));
  return {
    deposits: [...depositIds],
    lines: depositLines(
      ordered,
      request.concept ? { ...treatment, concept: request.concept } : treatment,
      jurisdiction,
    ),
    currency,
    means: largest.method,
  };
}

/**
 * The changes that mark a draft's deposits invoiced by it, named as the draft names them: taken
 * from uninvoiced, or from the invoice that billed them (`depositsFrom`, a split's original).
 */
export const takingDeposits = (draft: Invoice): DepositChange[] =>
  (draft.deposits ?? []).map((depositId, i) => ({
    depositId,
    to: draft.id,
    ...(draft.depositsFrom ? { from: draft.depositsFrom } : {}),
    path: `depositIds.${i}`,
  }));

/** The changes that give an invoice's deposits back (it was cancelled): uninvoiced again. */
export const releasingDeposits = (
  invoiceId: string,
  deposits: readonly string[],
): DepositChange[] =>
  deposits.map((depositId, i) => ({ depositId, from: invoiceId, path: `deposits.${i}` }));
