/**
 * IBAN lengths by country, from the SWIFT IBAN registry. A country missing here is still checked
 * by its check digits and the general 15–34 length, so a new registry entry is not refused.
 */
// biome-ignore format: a registry table reads better in rows
const IBAN_LENGTHS: Record<string, number> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BR: 29, BY: 28,
  CH: 21, CR: 22, CY: 28, CZ: 24, DE: 22, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18,
  FO: 18, FR: 27, GB: 22, GE: 22, GI: 23, GL: 18, GR: 27, GT: 28, HR: 21, HU: 28, IE: 22,
  IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20,
  LU: 20, LV: 21, MC: 27, MD: 24, ME: 22, MK: 19, MR: 27, MT: 31, MU: 30, NL: 18, NO: 15,
  PK: 24, PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22, SA: 24, SC: 31, SE: 24, SI: 19,
  SK: 24, SM: 27, ST: 25, SV: 28, TL: 23, TN: 24, TR: 26, UA: 29, VA: 22, VG: 24, XK: 20,
};

/** Upper case without the spaces people group IBANs with. */
export const normalizeIban = (value: string): string => value.replace(/\s+/g, '').toUpperCase();

/** ISO 13616 check: the number, read with A=10 … Z=35 after moving the first four characters to the end, is 1 mod 97. */
function mod97(iban: string): number {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const value = Number.parseInt(char, 36); // '0'-'9' → 0-9, 'A'-'Z' → 10-35
    remainder = (value < 10 ? remainder * 10 + value : remainder * 100 + value) % 97;
  }
  return remainder;
}

/** Why `iban` (normalised) is not a valid IBAN, or undefined when it is. */
export function ibanProblem(iban: string): string | undefined {
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) {
    return 'Not an IBAN: two letters, two check digits and up to 30 letters or digits';
  }
  const expected = IBAN_LENGTHS[iban.slice(0, 2)];
  if (expected !== undefined && iban.length !== expected) {
    return `A ${iban.slice(0, 2)} IBAN has ${expected} characters; this one has ${iban.length}`;
  }
  if (mod97(iban) !== 1) return 'The check digits do not match: a character is probably mistyped';
  return undefined;
}
