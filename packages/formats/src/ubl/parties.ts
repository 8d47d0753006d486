import type { Address } from '@sello/core/parties';
import type { En16931Invoice } from '../en16931/document.ts';
import type { En16931Party } from '../en16931/parties.ts';
import { leafWith } from '../en16931/xml.ts';
import { leaf, node, optionalLeaf } from '../xml/canonical.ts';
import { taxScheme } from './format.ts';

/** AccountingSupplierParty (BG-4) and AccountingCustomerParty (BG-7). */
export function buildParties(doc: En16931Invoice): string {
  return (
    node('cac:AccountingSupplierParty', buildParty(doc.seller)) +
    node('cac:AccountingCustomerParty', buildParty(doc.buyer))
  );
}

export function buildParty(party: En16931Party): string {
  return node(
    'cac:Party',
    (party.endpoint
      ? leafWith('cbc:EndpointID', 'schemeID', party.endpoint.scheme, party.endpoint.id)
      : '') +
      node('cac:PostalAddress', buildAddress(party.address)) +
      (party.vatId
        ? node('cac:PartyTaxScheme', leaf('cbc:CompanyID', party.vatId) + taxScheme('VAT'))
        : '') +
      node(
        'cac:PartyLegalEntity',
        leaf('cbc:RegistrationName', party.name) + optionalLeaf('cbc:CompanyID', party.legalId),
      ) +
      (party.email ? node('cac:Contact', leaf('cbc:ElectronicMail', party.email)) : ''),
  );
}

/** The children of a UBL AddressType, in schema order. */
export function buildAddress(address: Address): string {
  return (
    optionalLeaf('cbc:StreetName', address.line1) +
    optionalLeaf('cbc:AdditionalStreetName', address.line2) +
    optionalLeaf('cbc:CityName', address.city) +
    optionalLeaf('cbc:PostalZone', address.postalCode) +
    optionalLeaf('cbc:CountrySubentity', address.province) +
    node('cac:Country', leaf('cbc:IdentificationCode', address.country))
  );
}

/** Delivery (BG-13): the date of the operation, and where goods went in an intra-EU supply. */
export function buildDelivery(doc: En16931Invoice): string {
  if (!doc.deliveryDate && !doc.deliverTo) return '';
  return node(
    'cac:Delivery',
    optionalLeaf('cbc:ActualDeliveryDate', doc.deliveryDate) +
      (doc.deliverTo
        ? node('cac:DeliveryLocation', node('cac:Address', buildAddress(doc.deliverTo)))
        : ''),
  );
}
