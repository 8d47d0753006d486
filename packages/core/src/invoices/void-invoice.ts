import { ConflictError } from '../errors.ts';
import { buildRegistroAnulacion } from '../verifactu/anulacion.ts';
import type { BillingRecord } from '../verifactu/record.ts';
import type { InvoiceDeps } from './deps.ts';
import { getInvoice } from './get-invoice.ts';
import type { Invoice } from './model.ts';
import { loadParties } from './parties.ts';
import { chainsRecords } from './verifactu.ts';

/**
 * Annuls an invoice issued in error (a duplicate, a test): VERI*FACTU's registro de anulación,
 * chained like any record, and the invoice marked void. A real operation that was invoiced wrong
 * is corrected with /rectify or /cancel instead, which issue corrective invoices.
 */
/**
 * An imported invoice was issued (and registered with AEAT) by the tenant's own system: records
 * and corrections of it belong there, not in this platform's chain and series.
 */
export const importedElsewhere = (invoice: Invoice) =>
  new ConflictError(
    `Invoice ${invoice.number} was issued by your own system and imported: void or correct it there, then import the result`,
  );

export const voidInvoice =
  (deps: InvoiceDeps) =>
  async (
    tenantId: string,
    id: string,
    reason: string,
  ): Promise<{ invoice: Invoice; record?: BillingRecord }> => {
    const invoice = await getInvoice(deps)(tenantId, id);
    if (invoice.status === 'draft')
      throw new ConflictError('A draft is deleted, not voided: it has no number');
    if (invoice.status === 'void')
      throw new ConflictError(`Invoice ${invoice.number} is already void`);
    if (invoice.origin === 'import') throw importedElsewhere(invoice);
    const { tenant } = await loadParties(deps, tenantId, invoice.customerId);
    const now = deps.clock.now();
    const at = now.toISOString();
    const next: Invoice = {
      ...invoice,
      status: 'void',
      events: [...invoice.events, { at, type: 'voided', detail: { reason } }],
      version: invoice.version + 1,
      updatedAt: at,
    };
    const system = chainsRecords(deps, tenant);
    if (!system) {
      await deps.invoices.update(next);
      return { invoice: next };
    }
    const record = await deps.invoices.updateWithRecord(next, (chain) =>
      buildRegistroAnulacion(invoice, {
        system,
        ...(chain ? { previous: chain.link } : {}),
        generatedAt: now,
        timezone: tenant.timezone,
      }),
    );
    return { invoice: next, record };
  };
