import { verifyChain } from './chain.ts';
import type { BillingRecord } from './record.ts';
import type { StoredRecord, VerifactuRepository } from './store.ts';

const PAGE = 1000;

/**
 * Walks the tenant's whole chain in generation order and recomputes every huella and link.
 * `firstBroken` names the first record that does not match what is stored before it.
 */
export const verifyTenantChain =
  ({ verifactu }: { verifactu: VerifactuRepository }) =>
  async (tenantId: string) => {
    const stored: StoredRecord[] = [];
    let cursor: string | undefined;
    do {
      const page = await verifactu.list(tenantId, { limit: PAGE, ...(cursor ? { cursor } : {}) });
      stored.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    const records: BillingRecord[] = stored.map((s) => s.record);
    const check = verifyChain(records);
    // The store's own sequence must also be unbroken: 1, 2, 3…
    const gap = stored.findIndex((s, i) => s.seq !== i + 1);
    const brokenAt =
      check.firstBroken && (gap < 0 || check.firstBroken.index < gap)
        ? { index: check.firstBroken.index, reason: check.firstBroken.reason }
        : gap >= 0
          ? {
              index: gap,
              reason: `Record ${stored[gap]!.seq} is out of sequence (expected ${gap + 1})`,
            }
          : undefined;
    if (!brokenAt) return { valid: true, checked: stored.length };
    const at = stored[brokenAt.index]!;
    return {
      valid: false,
      checked: stored.length,
      firstBroken: { seq: at.seq, invoiceId: at.invoiceId, reason: brokenAt.reason },
    };
  };
