import type { components } from '../../api/index.ts';

export type TaxIdCheck = NonNullable<components['schemas']['SigningCertificate']['taxIdCheck']>;
type TaxIdRefusal = components['schemas']['TaxIdRefusal'];

/** The message key of each reason the API gives (a new reason fails the type check here). */
const REASON_KEYS = {
  'holder-mismatch': 'holderMismatch',
  'untrusted-issuer': 'untrustedIssuer',
  expired: 'expired',
  'not-yet-valid': 'notYetValid',
  'not-for-signing': 'notForSigning',
} as const satisfies Record<TaxIdRefusal, string>;

/**
 * What the page says about the certificate and the company's tax id: under
 * `settings.taxIdCheck.`, the sentence for a proof or for the reason it is not one. A refusal
 * without reason (an older API) reads as an untrusted issuer, the commonest one.
 */
export function taxIdCheckMessage(check: TaxIdCheck): string {
  if (check.proves) return 'proves';
  return `reasons.${REASON_KEYS[check.reason ?? 'untrusted-issuer']}`;
}
