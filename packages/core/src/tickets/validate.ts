import { AppError, type FieldError } from '../errors.ts';
import { cents, Dec, sum } from '../money/decimal.ts';
import { canonicalHash, idOfReference, referenceFromId } from '../shared/import-by-reference.ts';
import { computeInvoice } from '../taxes/compute.ts';
import type { TicketInput, TicketTax } from './model.ts';

/** How far ahead of the server's clock a till's clock may be before a sale counts as future. */
const CLOCK_SKEW_MS = 60 * 60 * 1000;

const at = (prefix: string, path: string) => (prefix ? `${prefix}.${path}` : path);

/**
 * The rules a ticket's content must keep beyond its shape (which the API schema checks): the
 * sale is not in the future, the total is positive, and the tax breakdown and lines, when given,
 * add up to the total exactly as Sello's tax engine will compute the invoice made from them (a
 * quota is its base × rate rounded half up once per row), so an invoice made from the ticket
 * always carries the ticket's total to the cent. `prefix` names the ticket in a batch
 * (`tickets.3`). Answers the problems; empty when the ticket is fine.
 */
export function ticketProblems(input: TicketInput, now: Date, prefix = ''): FieldError[] {
  const errors: FieldError[] = [];
  const sold = Date.parse(input.date);
  if (Number.isNaN(sold)) {
    errors.push({ path: at(prefix, 'date'), message: 'Not a date and time' });
  } else if (sold > now.getTime() + CLOCK_SKEW_MS) {
    errors.push({ path: at(prefix, 'date'), message: 'The sale is in the future' });
  }
  const total = new Dec(input.total);
  if (total.lte(0)) {
    errors.push({ path: at(prefix, 'total'), message: 'A ticket total is more than zero' });
  }
  if (input.taxes) errors.push(...taxProblems(input.taxes, total, prefix));
  if (input.lines) errors.push(...lineProblems(input, total, prefix));
  return errors;
}

function taxProblems(taxes: readonly TicketTax[], total: Dec, prefix: string): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  for (const [i, row] of taxes.entries()) {
    const key = `${row.type}|${new Dec(row.rate).toString()}|${row.exemption ?? ''}|${row.notSubject ?? ''}`;
    if (seen.has(key)) {
      errors.push({
        path: at(prefix, `taxes.${i}`),
        message: 'The same tax and rate appears twice; give one row per tax and rate',
      });
    }
    seen.add(key);
    const expected = cents(new Dec(row.base).times(row.rate).dividedBy(100));
    if (!new Dec(row.amount).equals(expected)) {
      errors.push({
        path: at(prefix, `taxes.${i}.amount`),
        message: `${row.base} at ${row.rate} % is ${expected}, not ${row.amount}`,
      });
    }
  }
  if (errors.length) return errors;
  const sign = (row: TicketTax) => (row.type === 'IRPF' ? -1 : 1);
  // Every base once: each IVA/IGIC row is a part of the sale; RE and IRPF ride on those bases.
  const bases = taxes.filter((r) => r.type === 'IVA' || r.type === 'IGIC').map((r) => r.base);
  const computed = sum(bases.map((b) => new Dec(b))).plus(
    sum(taxes.map((r) => new Dec(r.amount).times(sign(r)))),
  );
  if (!computed.equals(total)) {
    errors.push({
      path: at(prefix, 'total'),
      message: `The tax breakdown adds up to ${cents(computed)}, not ${cents(total)}`,
    });
  }
  return errors;
}

function lineProblems(input: TicketInput, total: Dec, prefix: string): FieldError[] {
  let computed: ReturnType<typeof computeInvoice>;
  try {
    computed = computeInvoice(input.lines ?? []);
  } catch (e) {
    if (e instanceof AppError) {
      return e.errors.map((err) => ({ ...err, path: at(prefix, err.path) }));
    }
    throw e;
  }
  const errors: FieldError[] = [];
  if (!new Dec(computed.totals.total).equals(total)) {
    errors.push({
      path: at(prefix, 'total'),
      message: `The lines add up to ${computed.totals.total}, not ${cents(total)}`,
    });
  }
  if (input.taxes) {
    const rowKey = (r: Pick<TicketTax, 'type' | 'rate' | 'base' | 'amount'>) =>
      `${r.type}|${new Dec(r.rate).toString()}|${cents(new Dec(r.base))}|${cents(new Dec(r.amount))}`;
    const given = new Set(input.taxes.map(rowKey));
    const fromLines = computed.breakdown.map(rowKey);
    if (given.size !== fromLines.length || fromLines.some((k) => !given.has(k))) {
      errors.push({
        path: at(prefix, 'taxes'),
        message: 'The tax breakdown is not the one the lines give',
      });
    }
  }
  return errors;
}

/** The ticket's content in one canonical form: two imports agree when their hashes do. */
export const contentHash = (input: TicketInput): string => canonicalHash(input);

/** The ticket's id, `tkt_` and its reference (see `idOfReference`). */
export const ticketId = (reference: string) => idOfReference('tkt', reference);

/** The reference a ticket id names, or undefined when it is not a ticket id. */
export const referenceOfId = (id: string) => referenceFromId('tkt', id);
