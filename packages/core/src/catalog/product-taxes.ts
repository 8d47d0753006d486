import { type FieldError, ValidationError } from '../errors.ts';
import { validateSatKeys } from '../taxes/compute.ts';
import type { Jurisdiction } from '../taxes/model.ts';
import { jurisdictionOf } from '../taxes/rules.ts';
import { validateTaxes } from '../taxes/validate-taxes.ts';
import type { CatalogDeps } from './deps.ts';
import type { Product } from './product.ts';

/** The tenant's jurisdiction: Mexico's rules for a Mexican tenant, Spain's otherwise. */
export async function catalogJurisdiction(
  deps: Pick<CatalogDeps, 'tenants'>,
  tenantId: string,
): Promise<Jurisdiction> {
  const tenant = await deps.tenants?.get(tenantId);
  return tenant ? jurisdictionOf(tenant.address.country) : 'ES';
}

/**
 * A product's taxes and SAT keys must be what an invoice line of its tenant accepts, so a product
 * can never hold taxes an invoice would refuse. Spanish tenants' products carry no SAT keys.
 */
export function assertValidProductTaxes(
  product: Pick<Product, 'taxes' | 'satProductKey' | 'satUnitKey' | 'taxObject'>,
  jurisdiction: Jurisdiction,
): void {
  const errors: FieldError[] = [];
  const bad = (path: string, message: string) => errors.push({ path, message });
  if (jurisdiction === 'ES') {
    for (const field of ['satProductKey', 'satUnitKey', 'taxObject'] as const) {
      if (product[field] !== undefined) bad(field, 'Only Mexican tenants carry SAT keys');
    }
  } else {
    validateSatKeys(product, bad);
  }
  validateTaxes(product.taxes, 'taxes', errors, {
    jurisdiction,
    ...(product.taxObject ? { taxObject: product.taxObject } : {}),
    taxObjectPath: 'taxObject',
  });
  if (errors.length) {
    throw new ValidationError(
      `Invalid taxes: ${errors.map((e) => `${e.path} (${e.message})`).join('; ')}`,
      errors,
    );
  }
}
