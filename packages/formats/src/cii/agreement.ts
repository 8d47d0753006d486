import type { En16931Invoice } from '../en16931/document.ts';
import { leaf, node } from '../xml/canonical.ts';
import { buildTradeParty } from './parties.ts';

/**
 * ApplicableHeaderTradeAgreement: buyer reference, seller, buyer, the contract (BT-12), the
 * invoiced object (BT-18: AdditionalReferencedDocument type 130 with its scheme as
 * ReferenceTypeCode) and the supporting documents (BG-24) as AdditionalReferencedDocument with
 * type 916, the only type that may carry a URI (CII-DT-015).
 */
export function buildAgreement(doc: En16931Invoice): string {
  return node(
    'ram:ApplicableHeaderTradeAgreement',
    leaf('ram:BuyerReference', doc.buyerReference) +
      buildTradeParty('ram:SellerTradeParty', doc.seller) +
      buildTradeParty('ram:BuyerTradeParty', doc.buyer) +
      (doc.contractReference
        ? node(
            'ram:ContractReferencedDocument',
            leaf('ram:IssuerAssignedID', doc.contractReference),
          )
        : '') +
      (doc.invoicedObject
        ? node(
            'ram:AdditionalReferencedDocument',
            leaf('ram:IssuerAssignedID', doc.invoicedObject.id) +
              leaf('ram:TypeCode', '130') +
              leaf('ram:ReferenceTypeCode', doc.invoicedObject.scheme),
          )
        : '') +
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
