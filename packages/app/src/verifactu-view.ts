import type { Invoice } from '@sello/core/invoices';
import { withoutXmlForbidden } from '@sello/core/shared';
import {
  type BillingRecord,
  qrUrl,
  recordEntryView,
  recordFields,
  remedyBlocker,
  type StoredRecord,
} from '@sello/core/verifactu';
import { writeBillingRecord as writeRecord } from '@sello/formats/verifactu';

/**
 * The record's XML. One that cannot be written (text holding a character XML cannot carry,
 * stored before the API refused it; held back from AEAT as unsendable) is shown with U+FFFD in
 * place of each such character, so the view still answers and shows where the problem is.
 */
function recordXml(record: BillingRecord): string {
  try {
    return writeRecord(record);
  } catch (error) {
    const shown = JSON.parse(JSON.stringify(record), (_key, value: unknown) =>
      typeof value === 'string' ? withoutXmlForbidden(value, '\uFFFD') : value,
    ) as BillingRecord;
    if (JSON.stringify(shown) === JSON.stringify(record)) throw error;
    return writeRecord(shown);
  }
}

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
    xml: recordXml(latest.record),
    qrUrl: qrUrl(alta?.record.kind === 'alta' ? alta.record : invoice, environment),
    submission: latest.submission,
    history: history.map(recordEntryView),
    remediable: remedyBlocker(history) === undefined,
  };
}
