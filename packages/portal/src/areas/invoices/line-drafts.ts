import type { components } from '../../api/index.ts';
import type { Language } from '../../i18n/index.ts';
import { decimalFromInput, decimalToInput } from './decimal.ts';
import { mexicanTaxesFromInput, mexicanTaxesToInput } from './mexico.ts';
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
  /**
   * A Mexican line (see mexico.ts): `tax` is its IVA (`16`, `8`, `0`, `exempt` or `none`),
   * `withholding` its ISR and IVA withheld (`ISR:10+IVA:10.6667`), and these hold the rest.
   */
  mexico?: { ieps: string; satProductKey: string; satUnitKey: string; taxObject: string };
}

/** A new Mexican line: IVA 16 %, subject to tax and broken down (ObjetoImp 02). */
export const emptyMexicanLine = (): LineDraft => ({
  ...emptyLine(),
  tax: '16',
  mexico: { ieps: '', satProductKey: '', satUnitKey: '', taxObject: '02' },
});

/**
 * A Mexican line takes its product's taxes and SAT keys as its own, shown and changeable: a CFDI
 * concept states them, and the line's own win over the product's at the API too.
 */
export function mexicanLineOfProduct(line: LineDraft, product: Product | undefined): LineDraft {
  const taxes = mexicanTaxesFromInput(product?.taxes ?? []);
  return {
    ...line,
    productId: product?.id ?? TYPED,
    unitPrice: '',
    description: '',
    tax: product ? taxes.iva : '16',
    withholding: product ? taxes.withholding : '',
    mexico: {
      ieps: product ? taxes.ieps : '',
      satProductKey: product?.satProductKey ?? '',
      satUnitKey: product?.satUnitKey ?? '',
      taxObject: product?.taxObject ?? (product && product.taxes.length === 0 ? '01' : '02'),
    },
  };
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
export function lineFromInvoice(
  line: Invoice['lines'][number],
  language: Language,
  mexican = false,
): LineDraft {
  if (mexican) {
    const taxes = mexicanTaxesFromInput(line.taxes);
    return {
      key: nextKey++,
      productId: line.productId ?? TYPED,
      description: line.description,
      quantity: decimalToInput(line.quantity, language),
      unitPrice: decimalToInput(line.unitPrice, language),
      discountRate: decimalToInput(line.discountRate, language),
      tax: taxes.iva,
      withholding: taxes.withholding,
      ...(line.unit ? { unit: line.unit } : {}),
      extra: [],
      mexico: {
        ieps: taxes.ieps,
        satProductKey: line.satProductKey ?? '',
        satUnitKey: line.satUnitKey ?? '',
        taxObject: line.taxObject ?? (line.taxes.length ? '02' : '01'),
      },
    };
  }
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
  if (line.mexico) return mexicanLineToBody(line, line.mexico, decimal);
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

/** A Mexican line: its taxes always stated (none unless ObjetoImp 02), and its SAT keys. */
function mexicanLineToBody(
  line: LineDraft,
  mexico: NonNullable<LineDraft['mexico']>,
  decimal: (text: string) => string | undefined,
): LineInput {
  const quantity = decimal(line.quantity);
  const unitPrice = decimal(line.unitPrice);
  const discountRate = decimal(line.discountRate);
  const taxObject = mexico.taxObject as LineInput['taxObject'];
  const productKey = mexico.satProductKey.trim();
  const unitKey = mexico.satUnitKey.trim().toUpperCase();
  return {
    ...(line.productId ? { productId: line.productId } : {}),
    ...(line.description.trim() ? { description: line.description.trim() } : {}),
    quantity: quantity as string,
    ...(unitPrice ? { unitPrice } : {}),
    ...(discountRate ? { discountRate } : {}),
    ...(line.unit ? { unit: line.unit } : {}),
    taxes: mexicanTaxesToInput(
      { iva: line.tax, ieps: mexico.ieps, withholding: line.withholding },
      taxObject,
    ),
    ...(productKey ? { satProductKey: productKey } : {}),
    ...(unitKey ? { satUnitKey: unitKey } : {}),
    ...(taxObject ? { taxObject } : {}),
  };
}

/** The field names of the lines, for placing the API's errors (a Mexican line has more). */
export function lineFieldNames(prefix: string, count: number, mexican = false): string[] {
  const names = ['productId', 'description', 'quantity', 'unitPrice', 'discountRate', 'taxes'];
  if (mexican) names.push('taxObject', 'ieps', 'withholding', 'satProductKey', 'satUnitKey');
  return Array.from({ length: count }, (_, i) => names.map((f) => `${prefix}.${i}.${f}`)).flat();
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
