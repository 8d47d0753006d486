import type { En16931Invoice } from '../en16931/document.ts';
import { leaf, node } from '../xml/canonical.ts';
import { buildTradeParty } from './parties.ts';

/**
 * ApplicableHeaderTradeAgreement: buyer reference, seller, buyer, and the supporting documents
 * (BG-24) as AdditionalReferencedDocument with type 916, the only type that may carry a URI
 * (CII-DT-015).
 */
export function buildAgreement(doc: En16931Invoice): string {
  return node(
    'ram:ApplicableHeaderTradeAgreement',
    leaf('ram:BuyerReference', doc.buyerReference) +
      buildTradeParty('ram:SellerTradeParty', doc.seller) +
      buildTradeParty('ram:BuyerTradeParty', doc.buyer) +
      doc.attachments
        .map((a) =>
          node(
            'ram:AdditionalReferencedDocument',
            leaf('ram:IssuerAssignedID', a.id) +
              leaf('ram:URIID', a.uri) +
              leaf('ram:TypeCode', '916') +
              leaf('ram:Name', a.description),
          ),
        )
        .join(''),
  );
}
