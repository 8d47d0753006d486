import { leaf } from '../xml/canonical.ts';

/** UBL 2.1 namespaces. */
export const UBL_NAMESPACES = {
  invoice: 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2',
  creditNote: 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2',
  cac: 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2',
  cbc: 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2',
} as const;

/** An amount element in `currency` (the document's, BT-5): the EN 16931 layer printed the value. */
export const amount = (name: string, value: string, currency: string): string =>
  `<${name} currencyID="${currency}">${value}</${name}>`;

/** `cac:TaxScheme` with the given scheme id (VAT for every EN 16931 category). */
export const taxScheme = (id: string): string =>
  `<cac:TaxScheme>${leaf('cbc:ID', id)}</cac:TaxScheme>`;
