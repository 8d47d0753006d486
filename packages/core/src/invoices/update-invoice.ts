import { ConflictError, PreconditionFailedError } from '../errors.ts';
import { computeInvoice } from '../taxes/compute.ts';
import type { InvoiceRequest } from './create-invoice.ts';
import type { InvoiceDeps } from './deps.ts';
import { getInvoice } from './get-invoice.ts';
import { chooseSeries } from './list-series.ts';
import type { Invoice } from './model.ts';
import { customerSnapshot, loadParties } from './parties.ts';
import { invoiceTerms } from './terms.ts';

/** Edits a draft. Issued invoices never change: they are corrected by corrective invoices. */
export const updateInvoice =
  (deps: InvoiceDeps) =>
  async (
    tenantId: string,
    id: string,
    patch: Partial<InvoiceRequest>,
    expectedVersion?: number,
  ): Promise<Invoice> => {
    const current = await getInvoice(deps)(tenantId, id);
    if (current.status !== 'draft') {
      throw new ConflictError(
        `Invoice ${current.number ?? id} is ${current.status}; correct it with /rectify instead`,
      );
    }
    if (expectedVersion !== undefined && expectedVersion !== current.version) {
      throw new PreconditionFailedError(
        `Invoice ${id} is at version ${current.version}, not ${expectedVersion}`,
      );
    }
    const { tenant, customer } = await loadParties(
      deps,
      tenantId,
      patch.customerId ?? current.customerId,
    );
    // The currency stays; its rate and the buyer's use of the CFDI may change (a new customer
    // re-checks or re-defaults the use).
    const terms = invoiceTerms(tenant, customer, {
      currency: current.currency,
      exchangeRate: patch.exchangeRate ?? current.exchangeRate,
      cfdiUse: patch.cfdiUse ?? (patch.customerId ? undefined : current.cfdiUse),
    });
    const series = patch.series
      ? (await chooseSeries(deps)(tenantId, 'standard', patch.series)).code
      : current.series;
    // New lines, or the same lines for a new customer (whose prices may differ), are recomputed.
    const computation =
      patch.lines || patch.customerId
        ? computeInvoice(
            await deps.resolveLines(tenantId, customer, patch.lines ?? current.lines),
            { currency: terms.currency, jurisdiction: terms.jurisdiction },
          )
        : { lines: current.lines, breakdown: current.breakdown, totals: current.totals };
    const { exchangeRate: _rate, cfdiUse: _use, ...kept } = current;
    const now = deps.clock.now().toISOString();
    const next: Invoice = {
      ...kept,
      ...(terms.exchangeRate ? { exchangeRate: terms.exchangeRate } : {}),
      ...(terms.cfdiUse ? { cfdiUse: terms.cfdiUse } : {}),
      ...computation,
      customerId: customer.id,
      customer: customerSnapshot(customer),
      series,
      ...(patch.issueDate !== undefined
        ? { issueDate: patch.issueDate, issueDateFixed: true }
        : {}),
      ...(patch.operationDate !== undefined ? { operationDate: patch.operationDate } : {}),
      ...(patch.language !== undefined ? { language: patch.language } : {}),
      ...(patch.payment !== undefined ? { payment: patch.payment } : {}),
      ...(patch.notes !== undefined ? { notes: patch.notes } : {}),
      events: [...current.events, { at: now, type: 'updated' }],
      version: current.version + 1,
      updatedAt: now,
    };
    await deps.invoices.updateDraft(next);
    return next;
  };
