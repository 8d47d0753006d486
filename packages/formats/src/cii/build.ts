import type { Invoice } from '@sello/core/invoices';
import { type ExportOptions, toEn16931 } from '../en16931/document.ts';
import { node } from '../xml/canonical.ts';
import { buildAgreement } from './agreement.ts';
import { buildDelivery } from './delivery.ts';
import { CII_NAMESPACES } from './format.ts';
import { buildHeader } from './header.ts';
import { buildLine } from './lines.ts';
import { buildSettlement } from './settlement.ts';

export type CiiOptions = ExportOptions;

const OPEN =
  '<?xml version="1.0" encoding="UTF-8"?>\n' +
  `<rsm:CrossIndustryInvoice xmlns:rsm="${CII_NAMESPACES.rsm}" xmlns:ram="${CII_NAMESPACES.ram}"` +
  ` xmlns:udt="${CII_NAMESPACES.udt}" xmlns:qdt="${CII_NAMESPACES.qdt}">`;

/**
 * An issued invoice (or corrective) as UN/CEFACT CII D16B following EN 16931 (the same semantic
 * document `buildUbl` prints, see `toEn16931`): type 380, 381 for a negative total (amounts
 * negated), 384 for a corrective that is not negative.
 */
export function buildCii(invoice: Invoice, options: CiiOptions = {}): string {
  const doc = toEn16931(invoice, options);
  return (
    OPEN +
    buildHeader(doc) +
    node(
      'rsm:SupplyChainTradeTransaction',
      doc.lines.map(buildLine).join('') +
        buildAgreement(doc) +
        buildDelivery(doc) +
        buildSettlement(doc),
    ) +
    '</rsm:CrossIndustryInvoice>'
  );
}
