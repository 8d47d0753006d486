import type { FieldProblem } from '../../api/problem.ts';
import type { Csd } from './queries.ts';

const DAY = 86_400_000;
/** A CSD this close to its end is warned about: SAT takes days to issue the next one. */
export const EXPIRY_WARNING_DAYS = 30;

/** Where a CSD stands today: in force, ending soon (with the days left), ended, or not yet. */
export function csdState(
  csd: Pick<Csd, 'validFrom' | 'validTo'>,
  now = Date.now(),
): { state: 'valid' | 'expiring' | 'expired' | 'notYetValid'; days: number } {
  const end = Date.parse(csd.validTo);
  const days = Math.ceil((end - now) / DAY);
  if (end <= now) return { state: 'expired', days: 0 };
  if (Date.parse(csd.validFrom) > now) return { state: 'notYetValid', days };
  return { state: days <= EXPIRY_WARNING_DAYS ? 'expiring' : 'valid', days };
}

/**
 * The API's words for a CSD it refuses (field errors carry no code; see problem-messages.ts) as
 * the page's key, for the cases a person meets: a wrong password, an e.firma, an ended or
 * future CSD, another RFC's, a key of another certificate. Anything else keeps the API's words.
 */
export function csdProblemKey(
  status: number,
  { path, message }: FieldProblem,
): { key: string; values?: Record<string, string> } | undefined {
  if (path === 'password') return { key: 'wrongPassword' };
  if (path === 'certificate' && status === 409) {
    const [, csd, tenant] = /RFC (\S+);.* RFC is (\S+)/.exec(message) ?? [];
    return csd && tenant ? { key: 'otherRfc', values: { csd, tenant } } : undefined;
  }
  if (path === 'certificate' && /e\.firma|FIEL/i.test(message)) return { key: 'eFirma' };
  if (path === 'certificate' && /expired/i.test(message)) return { key: 'expired' };
  if (path === 'certificate' && /not valid until/i.test(message)) return { key: 'notYetValid' };
  if (path === 'key' && /not the key of/i.test(message)) return { key: 'keyMismatch' };
  return undefined;
}
