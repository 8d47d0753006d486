import type { components } from '../../api/index.ts';
import type { Language } from '../../i18n/index.ts';
import { decimalFromInput, decimalToInput } from './decimal.ts';
import type { Invoice, Product } from './queries.ts';

type Tax = components['schemas']['TaxInput'];
type LineInput = components['schemas']['LineInput'];

/** The product's own taxes (only a line taken from the catalog offers it). */
export const FROM_CATALOG = 'catalog';
export const TYPED = '';

/** A line as the editor holds it: what was typed, in the reader's notation. */
export interface LineDraft {
  key: number;
  productId: string;
  description: string;
  quantity: string;
  unitPrice: string;
  discountRate: string;
  /** `IVA:21`, `IVA:0:E1`… or FROM_CATALOG. */
  tax: string;
  /** `IRPF:15`… or '' for none. */
  withholding: string;
  unit?: string;
  /** Taxes the editor does not offer (an equivalence surcharge) kept as they came. */
  extra: Tax[];
}

let nextKey = 1;
export const emptyLine = (): LineDraft => ({
  key: nextKey++,
  productId: TYPED,
  description: '',
  quantity: '1',
  unitPrice: '',
  discountRate: '',
  tax: 'IVA:21',
  withholding: '',
  extra: [],
});

export const taxKey = (tax: Tax) =>
  [tax.type, tax.rate, tax.exemption ?? tax.notSubject ?? ''].filter(Boolean).join(':');
export const parseTaxKey = (key: string): Tax => {
  const [type, rate, code] = key.split(':') as [Tax['type'], string, string | undefined];
  return {
    type,
    rate,
    ...(code?.startsWith('E') ? { exemption: code as Tax['exemption'] } : {}),
    ...(code?.startsWith('N') ? { notSubject: code as Tax['notSubject'] } : {}),
  };
};

/** A line as the API gave it back, for editing again. */
export function lineFromInvoice(line: Invoice['lines'][number], language: Language): LineDraft {
  const main = line.taxes.find((t) => t.type === 'IVA' || t.type === 'IGIC');
  const irpf = line.taxes.find((t) => t.type === 'IRPF');
  return {
    key: nextKey++,
    productId: line.productId ?? TYPED,
    description: line.description,
    quantity: decimalToInput(line.quantity, language),
    unitPrice: decimalToInput(line.unitPrice, language),
    discountRate: decimalToInput(line.discountRate, language),
    tax: main ? taxKey(main) : FROM_CATALOG,
    withholding: irpf ? taxKey(irpf) : '',
    ...(line.unit ? { unit: line.unit } : {}),
    extra: line.taxes.filter((t) => t !== main && t !== irpf),
  };
}

/**
 * A line as the API's body: empty fields are left out, so a catalog line takes the price the API
 * picks for the customer (its own price, its tariff, the catalog) and the product's description.
 */
export function lineToBody(
  line: LineDraft,
  products: readonly Product[],
  language: Language,
): LineInput {
  const decimal = (text: string) => (text.trim() ? decimalFromInput(text, language) : undefined);
  const product = products.find((p) => p.id === line.productId);
  const withholding = line.withholding ? [parseTaxKey(line.withholding)] : [];
  let taxes: Tax[] | undefined;
  if (line.tax === FROM_CATALOG) {
    // Only a withholding changes the product's taxes; otherwise the API takes them as they are.
    if (withholding.length > 0 && product)
      taxes = [...product.taxes.filter((t) => t.type !== 'IRPF'), ...withholding];
  } else {
    taxes = [parseTaxKey(line.tax), ...line.extra, ...withholding];
  }
  const quantity = decimal(line.quantity);
  const unitPrice = decimal(line.unitPrice);
  const discountRate = decimal(line.discountRate);
  return {
    ...(line.productId ? { productId: line.productId } : {}),
    ...(line.description.trim() ? { description: line.description.trim() } : {}),
    // Missing, the schema says "required" beside the field.
    quantity: quantity as string,
    ...(unitPrice ? { unitPrice } : {}),
    ...(discountRate ? { discountRate } : {}),
    ...(line.unit ? { unit: line.unit } : {}),
    ...(taxes ? { taxes } : {}),
  };
}

/** The field names of the lines, for placing the API's errors. */
export function lineFieldNames(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) =>
    ['productId', 'description', 'quantity', 'unitPrice', 'discountRate', 'taxes'].map(
      (f) => `${prefix}.${i}.${f}`,
    ),
  ).flat();
}

/**
 * Places each problem on the field it names: the field itself, the nearest field it is inside
 * (`lines.0.taxes.0.rate` → `lines.0.taxes`), or the first field of the object it names
 * (`lines.0` → `lines.0.productId`); the rest are not placed.
 */
export function placeProblems(
  problems: readonly { path: string; message: string }[],
  fields: readonly string[],
): { byField: Record<string, string>; unplaced: { path: string; message: string }[] } {
  const byField: Record<string, string> = {};
  const unplaced: { path: string; message: string }[] = [];
  for (const { path, message } of problems) {
    const field =
      fields.find((f) => f === path) ??
      fields.filter((f) => path.startsWith(`${f}.`)).sort((a, b) => b.length - a.length)[0] ??
      fields.find((f) => f.startsWith(`${path}.`));
    if (!field) unplaced.push({ path, message });
    else byField[field] = byField[field] ? `${byField[field]} ${message}` : message;
  }
  return { byField, unplaced };
}
