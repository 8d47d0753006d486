import type { Invoice } from '@sello/core/invoices';
import type { Language } from '@sello/core/parties';
import { leaf } from '../xml/canonical.ts';

type ClaimReference = NonNullable<Invoice['claim']>;

/** Facturae's line references are TextMax20: a longer value would be cut, so it is left out. */
const MAX_REFERENCE = 20;

const LABELS: Record<Language, { claim: string; policy: string; plate: string }> = {
  es: { claim: 'Siniestro', policy: 'Póliza', plate: 'Matrícula' },
  ca: { claim: 'Sinistre', policy: 'Pòlissa', plate: 'Matrícula' },
  en: { claim: 'Claim', policy: 'Policy', plate: 'Plate' },
};

/**
 * The claim on each InvoiceLine, where insurers' Facturae intake matches lines to a file: the
 * policy as ReceiverContractReference (the receiver's contract) and the claim number as
 * FileReference (referencia del expediente). In schema order, before ItemDescription. A value
 * longer than 20 characters cannot be written whole and is left to the readable text.
 */
export function claimLineReferences(claim: ClaimReference | undefined): string {
  if (!claim) return '';
  const fits = (value: string) => value.length <= MAX_REFERENCE;
  return (
    (fits(claim.policyNumber) ? leaf('ReceiverContractReference', claim.policyNumber) : '') +
    (fits(claim.claimNumber) ? leaf('FileReference', claim.claimNumber) : '')
  );
}

/** "Siniestro 2026-123 · Póliza P-9 · Matrícula 1234BCD": the claim for a person to read. */
export function claimText(claim: ClaimReference, language: Language): string {
  const labels = LABELS[language] ?? LABELS.es;
  return [
    `${labels.claim} ${claim.claimNumber}`,
    `${labels.policy} ${claim.policyNumber}`,
    `${labels.plate} ${claim.plate}`,
  ].join(' · ');
}
