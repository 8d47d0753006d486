import {
  type Invoice,
  qrUrl,
  recordEntryView,
  recordFields,
  remedyBlocker,
  type StoredRecord,
} from '@sello/core';
import { registroAltaXml, registroAnulacionXml } from '@sello/formats/verifactu';

/**
 * An invoice's VERI*FACTU view (GET /v1/invoices/{id}/verifactu, and the answer to a remedy): the
 * latest record's fields as written in its XML, the XML, the QR URL, its submission, every record
 * of the invoice, and whether the latest can be corrected now.
 */
export function invoiceVerifactuView(
  invoice: Invoice,
  history: readonly StoredRecord[],
  environment: 'test' | 'production',
) {
  const latest = history.at(-1)!;
  const alta = history.findLast((h) => h.record.kind === 'alta');
  return {
    record: recordFields(latest.record),
    xml:
      latest.record.kind === 'alta'
        ? registroAltaXml(latest.record)
        : registroAnulacionXml(latest.record),
    qrUrl: qrUrl(alta?.record.kind === 'alta' ? alta.record : invoice, environment),
    submission: latest.submission,
    history: history.map(recordEntryView),
    remediable: remedyBlocker(history) === undefined,
  };
}
