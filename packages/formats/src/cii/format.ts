import { leaf } from '../xml/canonical.ts';

/** UN/CEFACT CII D16B namespaces. */
export const CII_NAMESPACES = {
  rsm: 'urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100',
  ram: 'urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100',
  udt: 'urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100',
  qdt: 'urn:un:unece:uncefact:data:standard:QualifiedDataType:100',
} as const;

/** A date as CII writes it: `<udt:DateTimeString format="102">YYYYMMDD</...>` (CII-DT-097). */
export const udtDate = (isoDate: string): string =>
  `<udt:DateTimeString format="102">${isoDate.replaceAll('-', '')}</udt:DateTimeString>`;

/** The same in the qualified data type namespace, as InvoiceReferencedDocument wants it. */
export const qdtDate = (isoDate: string): string =>
  `<qdt:DateTimeString format="102">${isoDate.replaceAll('-', '')}</qdt:DateTimeString>`;

/** `ram:TypeCode` VAT: every trade tax in an EN 16931 CII document is VAT (CII-DT-037). */
export const VAT_TYPE = leaf('ram:TypeCode', 'VAT');
