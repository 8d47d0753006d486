import type { PartySnapshot } from '@sello/core/invoices';
import type { Address } from '@sello/core/parties';
import { type Endpoint, foreignEndpoint, vatEndpoint } from './codes.ts';
import { En16931BuildError } from './errors.ts';

/** Seller (BG-4) or buyer (BG-7) as both syntaxes print them. */
export interface En16931Party {
  name: string;
  /** BT-31 / BT-48: the VAT number with its country prefix. */
  vatId?: string;
  /** BT-30 / BT-47: the tax id when it is not printed as a VAT number. */
  legalId?: string;
  /** BT-34 / BT-49. */
  endpoint?: Endpoint;
  address: Address;
  email?: string;
}

const SPANISH_KINDS = new Set(['ES_NIF', 'ES_NIE', 'ES_CIF']);

/**
 * The party's VAT identifier: a Spanish NIF, NIE or CIF is the VAT number after "ES" (the NIF is
 * Spain's VAT identifier for every taxpayer), an EU VAT number is stored with its prefix already.
 * Mexican RFCs and other foreign ids are not VAT numbers (BR-CO-09 would refuse them).
 */
export function vatIdOf(party: PartySnapshot): string | undefined {
  const id = party.taxId.trim().toUpperCase();
  if (SPANISH_KINDS.has(party.taxIdKind)) return id.startsWith('ES') ? id : `ES${id}`;
  if (party.taxIdKind === 'EU_VAT') return id;
  return undefined;
}

/**
 * `withVatId` is false on an invoice whose only category is "not subject" (O), which may carry no
 * VAT identifier at all (BR-O-02): the tax id then goes in the legal registration identifier.
 */
export function partyOf(party: PartySnapshot, path: string, withVatId: boolean): En16931Party {
  const name = party.name.trim();
  if (!name) throw new En16931BuildError('a party needs a name', `${path}.name`);
  const vatId = vatIdOf(party);
  const country = party.address.country.trim().toUpperCase();
  const endpointCountry = vatId ? (vatId.startsWith('EL') ? 'GR' : vatId.slice(0, 2)) : country;
  const email = party.email?.trim() || undefined;
  // Without a tax-id scheme, the e-mail address (EAS "EM", which Peppol does not route) is the
  // only electronic address left.
  const endpoint =
    (vatId
      ? vatEndpoint(endpointCountry, vatId)
      : foreignEndpoint(country, party.taxId.trim().toUpperCase())) ??
    (email ? { scheme: 'EM', id: email } : undefined);
  const printVat = withVatId && vatId !== undefined;
  return {
    name,
    ...(printVat ? { vatId } : { legalId: party.taxId.trim().toUpperCase() }),
    ...(endpoint ? { endpoint } : {}),
    address: {
      line1: party.address.line1.trim(),
      ...(party.address.line2?.trim() ? { line2: party.address.line2.trim() } : {}),
      city: party.address.city.trim(),
      postalCode: party.address.postalCode.trim(),
      ...(party.address.province?.trim() ? { province: party.address.province.trim() } : {}),
      country,
    },
    ...(email ? { email } : {}),
  };
}
