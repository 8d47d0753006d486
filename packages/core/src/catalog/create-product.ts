import type { CatalogDeps } from './deps.ts';
import type { Product, ProductInput } from './product.ts';
import { assertValidProductTaxes, catalogJurisdiction } from './product-taxes.ts';

export const createProduct =
  ({
    products,
    clock,
    ids,
    tenants,
  }: Pick<CatalogDeps, 'products' | 'clock' | 'ids' | 'tenants'>) =>
  async (tenantId: string, input: ProductInput): Promise<Product> => {
    assertValidProductTaxes(input, await catalogJurisdiction({ tenants }, tenantId));
    const now = clock.now().toISOString();
    const product: Product = {
      id: ids.next('prd'),
      tenantId,
      code: input.code,
      description: input.description,
      unitPrice: input.unitPrice,
      ...(input.unit ? { unit: input.unit } : {}),
      taxes: input.taxes,
      ...(input.satProductKey ? { satProductKey: input.satProductKey } : {}),
      ...(input.satUnitKey ? { satUnitKey: input.satUnitKey } : {}),
      ...(input.taxObject ? { taxObject: input.taxObject } : {}),
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    await products.create(product);
    return product;
  };
