import { describe, expect, it } from 'vitest';
import { claimInvoiceId } from './billing.ts';

describe('claimInvoiceId', () => {
  const claim = 'clm_01kbx3y7v8q2m4n6p8r0s2t4v6';

  it('is the same for the same claim, version and side, so racing writers make one draft', () => {
    expect(claimInvoiceId(claim, 1, 'insurer')).toBe(claimInvoiceId(claim, 1, 'insurer'));
  });

  it('differs by side, version and claim', () => {
    const ids = new Set([
      claimInvoiceId(claim, 1, 'insurer'),
      claimInvoiceId(claim, 1, 'insured'),
      claimInvoiceId(claim, 2, 'insurer'),
      claimInvoiceId('clm_01kbx3y7v8q2m4n6p8r0s2t4v7', 1, 'insurer'),
    ]);
    expect(ids.size).toBe(4);
  });

  it("is shaped like the other invoice ids, with the claim's time so lists keep their order", () => {
    const id = claimInvoiceId(claim, 1, 'insurer');
    expect(id).toMatch(/^inv_01kbx3y7v8[0-9a-hjkmnp-tv-z]{16}$/);
  });
});
