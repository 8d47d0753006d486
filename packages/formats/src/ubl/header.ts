import { PEPPOL_CUSTOMIZATION_ID, PEPPOL_PROFILE_ID } from '../en16931/codes.ts';
import type { En16931Invoice } from '../en16931/document.ts';
import { leafWith } from '../en16931/xml.ts';
import { leaf, node } from '../xml/canonical.ts';

/** Header codes up to BuyerReference, in the order of the Invoice or CreditNote schema. */
export function buildHeader(doc: En16931Invoice): string {
  const creditNote = doc.kind === 'creditNote';
  return (
    leaf('cbc:CustomizationID', PEPPOL_CUSTOMIZATION_ID) +
    leaf('cbc:ProfileID', PEPPOL_PROFILE_ID) +
    leaf('cbc:ID', doc.number) +
    leaf('cbc:IssueDate', doc.issueDate) +
    (creditNote
      ? leaf('cbc:CreditNoteTypeCode', '381')
      : (doc.dueDate ? leaf('cbc:DueDate', doc.dueDate) : '') +
        leaf('cbc:InvoiceTypeCode', '380')) +
    buildNote(doc.notes) +
    leaf('cbc:DocumentCurrencyCode', doc.currency) +
    (doc.taxCurrency ? leaf('cbc:TaxCurrencyCode', doc.taxCurrency.code) : '') +
    leaf('cbc:BuyerReference', doc.buyerReference)
  );
}

/**
 * Peppol allows one document note (PEPPOL-EN16931-R002), so every note is a paragraph of it. A
 * note that contains "#" must start with a subject code (BR-CL-08): it gets #AAI# (general
 * information) so a "#" in the user's text never makes the document invalid.
 */
export function buildNote(notes: readonly string[]): string {
  if (notes.length === 0) return '';
  const text = notes.join('\n');
  return leaf('cbc:Note', text.includes('#') ? `#AAI#${text}` : text);
}

/**
 * BillingReference (BG-3) to the corrected invoice, the contract (BT-12), the invoiced object
 * (BT-18: an AdditionalDocumentReference with type 130 and the identifier's scheme) and the
 * supporting documents (BG-24), in schema order.
 */
export function buildReferences(doc: En16931Invoice): string {
  const billing = doc.preceding
    ? node(
        'cac:BillingReference',
        node(
          'cac:InvoiceDocumentReference',
          leaf('cbc:ID', doc.preceding.number) + leaf('cbc:IssueDate', doc.preceding.issueDate),
        ),
      )
    : '';
  const contract = doc.contractReference
    ? node('cac:ContractDocumentReference', leaf('cbc:ID', doc.contractReference))
    : '';
  const object = doc.invoicedObject
    ? node(
        'cac:AdditionalDocumentReference',
        leafWith('cbc:ID', 'schemeID', doc.invoicedObject.scheme, doc.invoicedObject.id) +
          leaf('cbc:DocumentTypeCode', '130'),
      )
    : '';
  const attachments = doc.attachments
    .map((a) =>
      node(
        'cac:AdditionalDocumentReference',
        leaf('cbc:ID', a.id) +
          leaf('cbc:DocumentDescription', a.description) +
          node('cac:Attachment', node('cac:ExternalReference', leaf('cbc:URI', a.uri))),
      ),
    )
    .join('');
  return billing + contract + object + attachments;
}
