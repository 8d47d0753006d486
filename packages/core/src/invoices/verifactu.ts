import type { Tenant } from '../tenants/tenant.ts';
import { buildRegistroAlta } from '../verifactu/alta.ts';
import type { ChainLink, RegistroAlta, SistemaInformatico } from '../verifactu/record.ts';
import type { InvoiceDeps } from './deps.ts';
import type { Invoice } from './model.ts';

/** VERI*FACTU applies to Spanish issuers, where the platform has records switched on. */
export function chainsRecords(
  deps: Pick<InvoiceDeps, 'verifactu'>,
  tenant: Tenant,
): SistemaInformatico | undefined {
  return tenant.address.country === 'ES' ? deps.verifactu?.system : undefined;
}

export const altaFor = (
  invoice: Invoice,
  system: SistemaInformatico,
  previous: ChainLink | undefined,
  generatedAt: Date,
  timezone: string,
  /** The corrected invoice, for correctives by substitution (ImporteRectificacion). */
  original?: Invoice,
): RegistroAlta =>
  buildRegistroAlta(invoice, {
    system,
    ...(previous ? { previous } : {}),
    generatedAt,
    timezone,
    ...(original ? { original } : {}),
  });
