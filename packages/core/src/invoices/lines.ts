import type { Customer } from '../customers/customer.ts';
import { type FieldError, ValidationError } from '../errors.ts';
import type { LineInput, LineTax, TaxObject } from '../taxes/model.ts';

/** A line as a client sends it: a product reference may stand for price, text and taxes. */
export interface LineRequest {
  productId?: string;
  description?: string;
  quantity: string;
  unitPrice?: string;
  discountRate?: string;
  unit?: string;
  taxes?: LineTax[];
  /** Mexico: SAT's ClaveProdServ, ClaveUnidad and ObjetoImp (else the product's). */
  satProductKey?: string;
  satUnitKey?: string;
  taxObject?: TaxObject;
}

/** Turns request lines into complete lines (catalog prices, descriptions, taxes). */
export type LineResolver = (
  tenantId: string,
  customer: Customer,
  lines: readonly LineRequest[],
) => Promise<LineInput[]>;

/** The resolver for lines that carry everything themselves (no catalog lookups). */
export const explicitLines: LineResolver = async (_tenant, _customer, lines) => {
  const errors: FieldError[] = [];
  const out = lines.map((line, i) => {
    for (const field of ['description', 'unitPrice', 'taxes'] as const) {
      if (line[field] === undefined) {
        errors.push({
          path: `lines.${i}.${field}`,
          message: 'Required when the line names no product',
        });
      }
    }
    return line as LineInput;
  });
  if (errors.length) throw new ValidationError('Incomplete lines', errors);
  return out;
};
