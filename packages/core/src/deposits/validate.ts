import type { FieldError } from '../errors.ts';
import { minorUnits } from '../money/currencies.ts';
import { Dec } from '../money/decimal.ts';
import { canonicalHash, idOfReference, referenceFromId } from '../shared/import-by-reference.ts';
import type { DepositInput } from './model.ts';

/** How far ahead of the server's clock a payment system's clock may be. */
const CLOCK_SKEW_MS = 60 * 60 * 1000;

const at = (prefix: string, path: string) => (prefix ? `${prefix}.${path}` : path);

/**
 * A deposit's rules beyond its shape (which the API schema checks): paid, not in the future, an
 * amount above zero in no more decimals than its currency has, and a customer of the tenant
 * (`customers` says which of the ids named exist). `prefix` names it in a batch (`deposits.3`).
 */
export function depositProblems(
  input: DepositInput,
  now: Date,
  customers: ReadonlySet<string>,
  prefix = '',
): FieldError[] {
  const errors: FieldError[] = [];
  const paid = Date.parse(input.date);
  if (Number.isNaN(paid)) {
    errors.push({ path: at(prefix, 'date'), message: 'Not a date and time' });
  } else if (paid > now.getTime() + CLOCK_SKEW_MS) {
    errors.push({ path: at(prefix, 'date'), message: 'The payment is in the future' });
  }
  const amount = new Dec(input.amount);
  if (amount.lte(0)) {
    errors.push({ path: at(prefix, 'amount'), message: 'A deposit is more than zero' });
  } else if (amount.decimalPlaces() > minorUnits(input.currency)) {
    errors.push({
      path: at(prefix, 'amount'),
      message: `${input.currency} has ${minorUnits(input.currency)} decimals`,
    });
  }
  if (!customers.has(input.customerId)) {
    errors.push({ path: at(prefix, 'customerId'), message: 'No customer of yours has this id' });
  }
  return errors;
}

/** The deposit's content in one canonical form: two imports agree when their hashes do. */
export const depositHash = (input: DepositInput): string => canonicalHash(input);

/** The deposit's id, `dep_` and its payment reference (see `idOfReference`). */
export const depositId = (reference: string) => idOfReference('dep', reference);

/** The reference a deposit id names, or undefined when it is not a deposit id. */
export const referenceOfDepositId = (id: string) => referenceFromId('dep', id);
