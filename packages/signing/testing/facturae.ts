import { readFileSync } from 'node:fs';

/**
 * Unsigned Facturae documents for the signing tests, in the canonical form the fast path needs:
 * - `design`: the DESIGN example invoice;
 * - `escaping`: text that needs escaping (&, <, >, quotes, CR, tab, astral characters);
 * - `corrective`: a corrective with negative amounts;
 * - `foreign-exempt`: a foreign customer of unknown kind, in English, with an exempt line.
 *
 * They were written by @sello/formats' `buildFacturae` and are vendored so that the signing
 * package tests without the formats package (which depends on it). They need not follow later
 * changes of the builder: the formats package signs what it builds in its own tests.
 */
export type FacturaeFixture = 'design' | 'escaping' | 'corrective' | 'foreign-exempt';

export function unsignedFacturae(name: FacturaeFixture = 'design'): string {
  return readFileSync(new URL(`./fixtures/facturae-${name}.xml`, import.meta.url), 'utf8');
}
