import { NotFoundError } from '@sello/core/errors';
import type { Invoice } from '@sello/core/invoices';
import type { BillingRecord } from '@sello/core/verifactu';
import { defineFormat, utf8 } from '../registry/format.ts';
import { verifactuFacts } from './facts.ts';
import { registroAltaXml, registroAnulacionXml } from './records.ts';

export interface VerifactuRecordPorts {
  /** The invoice's latest VERI*FACTU record (alta, or the anulación of a voided one), if any. */
  verifactuRecord(invoice: Invoice): Promise<BillingRecord | undefined>;
}

/** The XML of a billing record: RegistroAlta or RegistroAnulacion, as submitted to the AEAT. */
export const writeBillingRecord = (record: BillingRecord) =>
  record.kind === 'alta' ? registroAltaXml(record) : registroAnulacionXml(record);

/** The invoice's latest VERI*FACTU record as the AEAT receives it, written from the stored record. */
export const verifactuFormat = defineFormat(
  verifactuFacts,
  async (invoice, ports: VerifactuRecordPorts) => {
    const record = await ports.verifactuRecord(invoice);
    if (!record) throw new NotFoundError('VERI*FACTU record of invoice', invoice.id);
    return utf8(writeBillingRecord(record));
  },
);
