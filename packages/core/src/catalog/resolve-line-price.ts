import type { Customer } from '../customers/customer.ts';
import { type FieldError, ValidationError } from '../errors.ts';
import type { LineRequest, LineResolver } from '../invoices/lines.ts';
import type { LineInput } from '../taxes/model.ts';
import type { CatalogDeps } from './deps.ts';
import type { SatKeys } from './product.ts';
import type { PriceEntry } from './tariff.ts';

// One `LineRequest` for the whole domain: the invoices slice declares it (with `LineResolver`,
// the shape of `resolveLines(deps)`), so both export the same symbol and `export *` stays unambiguous.
export type { LineRequest } from '../invoices/lines.ts';

/**
 * Completes request lines from the catalog, for the tax engine. A line naming a product takes its
 * description, unit and taxes unless it gives its own, and its unit price from the first of: the
 * line itself, the customer's own prices, the customer's tariff, the catalog. A line without a
 * product must give description, unit price and taxes. Every fault of every line is reported at
 * once, by path (`lines.<i>.<field>`).
 */
export const resolveLines =
  ({
    products,
    tariffs,
    customerPrices,
  }: Pick<CatalogDeps, 'products' | 'tariffs' | 'customerPrices'>): LineResolver =>
  async (
    tenantId: string,
    customer: Customer,
    lines: readonly LineRequest[],
  ): Promise<LineInput[]> => {
    const productIds = [...new Set(lines.flatMap((l) => (l.productId ? [l.productId] : [])))];
    // Customer and tariff prices are read only when some catalog line leaves the price to us.
    const needsPrices = lines.some((l) => l.productId && l.unitPrice === undefined);
    const [found, own, tariff] = await Promise.all([
      productIds.length ? products.getMany(tenantId, productIds) : [],
      needsPrices ? customerPrices.get(tenantId, customer.id) : undefined,
      needsPrices && customer.tariffId ? tariffs.get(tenantId, customer.tariffId) : undefined,
    ]);
    const catalog = new Map(found.filter((p) => !p.deletedAt).map((p) => [p.id, p]));
    const ownPrices = priceMap(own?.prices);
    // A deleted tariff no longer applies; the catalog price does.
    const tariffPrices = priceMap(tariff && !tariff.deletedAt ? tariff.prices : undefined);

    const errors: FieldError[] = [];
    const resolved = lines.map((line, i): LineInput | undefined => {
      const missing = (field: string, message: string) =>
        errors.push({ path: `lines.${i}.${field}`, message });
      const optional = {
        ...(line.discountRate !== undefined ? { discountRate: line.discountRate } : {}),
      };
      if (line.productId === undefined) {
        if (line.description === undefined)
          missing('description', 'Give a description or a productId');
        if (line.unitPrice === undefined) missing('unitPrice', 'Give a unitPrice or a productId');
        if (line.taxes === undefined) missing('taxes', 'Give the taxes or a productId');
        if (line.description === undefined || line.unitPrice === undefined || !line.taxes) {
          return undefined;
        }
        return {
          description: line.description,
          quantity: line.quantity,
          unitPrice: line.unitPrice,
          ...optional,
          ...(line.unit ? { unit: line.unit } : {}),
          taxes: line.taxes,
          ...satKeys(line),
        };
      }
      const product = catalog.get(line.productId);
      if (!product) {
        missing('productId', `No product ${line.productId}`);
        return undefined;
      }
      const unit = line.unit || product.unit;
      return {
        description: line.description ?? product.description,
        quantity: line.quantity,
        unitPrice:
          line.unitPrice ??
          ownPrices.get(product.id) ??
          tariffPrices.get(product.id) ??
          product.unitPrice,
        ...optional,
        productId: product.id,
        ...(unit ? { unit } : {}),
        taxes: line.taxes ?? product.taxes,
        ...satKeys(product),
        ...satKeys(line),
      };
    });
    if (errors.length) {
      throw new ValidationError(
        `Invalid lines: ${errors.map((e) => `${e.path} (${e.message})`).join('; ')}`,
        errors,
      );
    }
    return resolved as LineInput[];
  };

/** The SAT keys given (a line's own win over its product's). */
const satKeys = (from: SatKeys) => ({
  ...(from.satProductKey !== undefined ? { satProductKey: from.satProductKey } : {}),
  ...(from.satUnitKey !== undefined ? { satUnitKey: from.satUnitKey } : {}),
  ...(from.taxObject !== undefined ? { taxObject: from.taxObject } : {}),
});

const priceMap = (prices: readonly PriceEntry[] | undefined) =>
  new Map((prices ?? []).map((p) => [p.productId, p.unitPrice]));
