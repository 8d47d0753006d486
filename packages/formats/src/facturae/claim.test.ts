import { describe, expect, it } from 'vitest';
import { claimLineReferences, claimText } from './claim.ts';

const claim = {
  claimId: 'clm_1',
  claimNumber: 'SIN-2026-0042',
  policyNumber: 'POL-778899',
  plate: '1234BCD',
  billedTo: 'insurer' as const,
};

describe('the claim in a Facturae', () => {
  it('puts the policy and the claim number on a line, in schema order', () => {
    expect(claimLineReferences(claim)).toBe(
      '<ReceiverContractReference>POL-778899</ReceiverContractReference>' +
        '<FileReference>SIN-2026-0042</FileReference>',
    );
  });

  it('leaves out a reference longer than TextMax20 rather than cut it', () => {
    expect(claimLineReferences({ ...claim, claimNumber: 'X'.repeat(21) })).toBe(
      '<ReceiverContractReference>POL-778899</ReceiverContractReference>',
    );
    expect(claimLineReferences(undefined)).toBe('');
  });

  it('reads the claim in the invoice language', () => {
    expect(claimText(claim, 'es')).toBe(
      'Siniestro SIN-2026-0042 · Póliza POL-778899 · Matrícula 1234BCD',
    );
    expect(claimText(claim, 'en')).toBe('Claim SIN-2026-0042 · Policy POL-778899 · Plate 1234BCD');
  });
});
