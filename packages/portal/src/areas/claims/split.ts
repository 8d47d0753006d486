import { splitFranchise } from '@sello/core/claims';
import type { Valuation } from './queries.ts';

/** The texts of the split's own lines do not change its totals: the page shows totals only. */
const TEXTS = { deduction: 'deduction', franchise: 'franchise' };

/**
 * The franchise split of a valuation for a franchise as typed: what the insurer's and the
 * insured's invoices would total, by the very function the API bills with (pure, no request per
 * keystroke). Undefined for a franchise that is no amount from 0 up to the total.
 */
export function liveSplit(
  valuation: Pick<Valuation, 'lines' | 'taxes' | 'currency'>,
  franchise: string,
): { insurer: string; insured: string } | undefined {
  if (!/^\d+(\.\d{1,2})?$/.test(franchise)) return undefined;
  try {
    const split = splitFranchise({ ...valuation, franchise }, TEXTS);
    return { insurer: split.insurer.total, insured: split.insured?.total ?? '0.00' };
  } catch {
    return undefined;
  }
}
