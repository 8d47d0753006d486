import { type FormatFacts, formatCatalog } from '../src/formats/catalog.ts';
import type { Invoice } from '../src/invoices/model.ts';

/**
 * A stand-in for the formats' registry in core's own tests, which may not import
 * `@sello/formats` (core imports no other package). Shaped like the real facts the tests lean on
 * (names, extensions, where each applies); the real ones are tested with the registry.
 */
const mexican = (i: Invoice) => i.issuer.address.country === 'MX';
const label = (name: string) => ({ es: name, ca: name, en: name });

const FACTS: readonly FormatFacts[] = [
  {
    id: 'pdf',
    name: 'PDF',
    label: label('PDF'),
    mediaType: 'application/pdf',
    fileExtension: 'pdf',
    stored: { extension: 'pdf' },
    preview: true,
    mailed: true,
    delivery: true,
    inbox: true,
    appliesTo: (i) => !mexican(i) || i.cfdi?.status === 'stamped',
  },
  {
    id: 'facturae',
    name: 'Facturae',
    label: label('Facturae'),
    mediaType: 'application/xml',
    fileExtension: 'xsig',
    stored: { extension: 'xml' },
    mailed: true,
    delivery: true,
    inbox: true,
    readable: true,
    originalIn: ['ES'],
    appliesTo: (i) => !mexican(i) && (i.origin !== 'import' || i.imported?.format === 'facturae'),
    notApplicable: (i) =>
      `Invoice ${i.number} was imported as ${i.imported?.format.toUpperCase()}; it has no Facturae`,
  },
  {
    id: 'ubl',
    name: 'UBL',
    label: label('UBL'),
    mediaType: 'application/xml',
    fileExtension: 'ubl.xml',
    delivery: true,
    inbox: true,
    readable: true,
    appliesTo: (i) => !mexican(i),
  },
  {
    id: 'cii',
    name: 'CII',
    label: label('CII'),
    mediaType: 'application/xml',
    fileExtension: 'cii.xml',
    inbox: true,
    readable: true,
    appliesTo: (i) => !mexican(i),
  },
  {
    id: 'cfdi',
    name: 'CFDI',
    label: label('CFDI'),
    mediaType: 'application/xml',
    fileExtension: 'cfdi.xml',
    stored: { extension: 'cfdi.xml' },
    mailed: true,
    delivery: true,
    inbox: true,
    originalIn: ['MX'],
    appliesTo: (i) => mexican(i) && i.cfdi?.status === 'stamped',
  },
];

export const testFormats = formatCatalog(FACTS);
