import { centreSnapshot } from '../centres/centres.ts';
import { ConflictError, PreconditionFailedError, ValidationError } from '../errors.ts';
import { computeInvoice } from '../taxes/compute.ts';
import { invoiceCentre } from './centre.ts';
import type { InvoiceRequest } from './create-invoice.ts';
import type { InvoiceDeps } from './deps.ts';
import { billDeposits } from './from-deposits.ts';
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
    patch: Omit<Partial<InvoiceRequest>, 'centreId'> & {
      /** Another centre (its series too, unless `series` is given); `null` none. */
      centreId?: string | null;
    },
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
    const centre = patch.centreId
      ? await invoiceCentre(deps, tenantId, { centreId: patch.centreId })
      : undefined;
    const seriesCode = patch.series ?? centre?.series;
    const series = seriesCode
      ? (await chooseSeries(deps)(tenantId, 'standard', seriesCode)).code
      : current.series;
    // A draft of deposits has its lines made from them: new deposits, a new concept or a new
    // customer (whose treatment may differ) make them again; lines typed in are refused.
    const depositIds = patch.depositIds ?? current.deposits;
    if (patch.lines && depositIds) {
      throw new ValidationError('This draft bills deposits', [
        {
          path: 'lines',
          message: 'Its lines come from its deposits: change `depositIds` or `concept`',
        },
      ]);
    }
    if (patch.concept && !depositIds) {
      throw new ValidationError('This draft bills no deposits', [
        { path: 'concept', message: 'Only for a draft of deposits' },
      ]);
    }
    const billing =
      depositIds && (patch.depositIds || patch.concept || patch.customerId)
        ? await billDeposits(deps, customer, terms.jurisdiction, {
            depositIds,
            ...(patch.concept ? { concept: patch.concept } : {}),
            currency: current.currency,
          })
        : undefined;
    // New lines, or the same lines for a new customer (whose prices may differ), are recomputed.
    const options = { currency: terms.currency, jurisdiction: terms.jurisdiction };
    const computation = billing
      ? computeInvoice(billing.lines, options)
      : patch.lines || patch.customerId
        ? computeInvoice(
            await deps.resolveLines(tenantId, customer, patch.lines ?? current.lines),
            options,
          )
        : { lines: current.lines, breakdown: current.breakdown, totals: current.totals };
    const { exchangeRate: _rate, cfdiUse: _use, centre: _centre, ...kept } = current;
    const snapshot =
      patch.centreId === undefined ? current.centre : centre && centreSnapshot(centre);
    const now = deps.clock.now().toISOString();
    const next: Invoice = {
      ...kept,
      ...(terms.exchangeRate ? { exchangeRate: terms.exchangeRate } : {}),
      ...(terms.cfdiUse ? { cfdiUse: terms.cfdiUse } : {}),
      ...computation,
      ...(billing ? { deposits: billing.deposits } : {}),
      customerId: customer.id,
      customer: customerSnapshot(customer),
      series,
      ...(snapshot ? { centre: snapshot } : {}),
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
