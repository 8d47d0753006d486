import { ConflictError, PreconditionFailedError } from '../errors.ts';
import { getInvoice } from './get-invoice.ts';
import type { DraftDeletion, InvoiceRepository } from './invoice-repository.ts';

/**
 * Deletes a draft. Issued invoices are never deleted: their number is taken and the law keeps
 * them, so they are corrected (/rectify), cancelled by a corrective (/cancel) or, if issued in
 * error, voided (/void).
 */
export const deleteInvoice =
  (deps: { invoices: Pick<InvoiceRepository, 'get'> & DraftDeletion }) =>
  async (tenantId: string, id: string, expectedVersion?: number): Promise<void> => {
    const current = await getInvoice(deps)(tenantId, id);
    if (current.status !== 'draft') {
      throw new ConflictError(
        `Invoice ${current.number ?? id} is ${current.status} and has a number: it cannot be ` +
          'deleted; correct it with /rectify or /cancel, or /void it if it was issued in error',
      );
    }
    if (expectedVersion !== undefined && expectedVersion !== current.version) {
      throw new PreconditionFailedError(
        `Invoice ${id} is at version ${current.version}, not ${expectedVersion}`,
      );
    }
    await deps.invoices.deleteDraft(current);
  };
