import type { Address } from '@sello/core/parties';
import type { En16931Party } from '../en16931/parties.ts';
import { leafWith } from '../en16931/xml.ts';
import { leaf, node, optionalLeaf } from '../xml/canonical.ts';

/** A SellerTradeParty or BuyerTradeParty (TradePartyType), children in schema order. */
export function buildTradeParty(element: string, party: En16931Party): string {
  return node(
    element,
    leaf('ram:Name', party.name) +
      (party.legalId ? node('ram:SpecifiedLegalOrganization', leaf('ram:ID', party.legalId)) : '') +
      (party.email
        ? node(
            'ram:DefinedTradeContact',
            node('ram:EmailURIUniversalCommunication', leaf('ram:URIID', party.email)),
          )
        : '') +
      node('ram:PostalTradeAddress', buildAddress(party.address)) +
      (party.endpoint
        ? node(
            'ram:URIUniversalCommunication',
            leafWith('ram:URIID', 'schemeID', party.endpoint.scheme, party.endpoint.id),
          )
        : '') +
      (party.vatId
        ? node('ram:SpecifiedTaxRegistration', leafWith('ram:ID', 'schemeID', 'VA', party.vatId))
        : ''),
  );
}

/** TradeAddressType children in schema order. */
export function buildAddress(address: Address): string {
  return (
    optionalLeaf('ram:PostcodeCode', address.postalCode) +
    optionalLeaf('ram:LineOne', address.line1) +
    optionalLeaf('ram:LineTwo', address.line2) +
    optionalLeaf('ram:CityName', address.city) +
    leaf('ram:CountryID', address.country) +
    optionalLeaf('ram:CountrySubDivisionName', address.province)
  );
}
