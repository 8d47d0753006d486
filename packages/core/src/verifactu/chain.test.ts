import { describe, expect, it } from 'vitest';
import { corrective, IVA21, issued, line, SYSTEM } from '../../testing/verifactu.ts';
import type { Invoice } from '../invoices/model.ts';
import { buildRegistroAlta } from './alta.ts';
import { buildRegistroAnulacion } from './anulacion.ts';
import { verifyChain } from './chain.ts';
import { type BillingRecord, linkOf } from './record.ts';

const options = (at: string, previous?: BillingRecord) => ({
  system: SYSTEM,
  generatedAt: new Date(at),
  timezone: 'Europe/Madrid',
  ...(previous ? { previous: linkOf(previous) } : {}),
});

/** A chain of four: two altas, the anulación of the second, a corrective of the first. */
function chain(): BillingRecord[] {
  const first = issued([line('A', '2', '50', IVA21)]);
  const second = issued([line('B', '1', '80', IVA21)], { number: 'F2026-000002' });
  const r1 = buildRegistroAlta(first, options('2026-03-16T09:00:00Z'));
  const r2 = buildRegistroAlta(second, options('2026-03-16T09:05:00Z', r1));
  const r3 = buildRegistroAnulacion(second, options('2026-03-16T09:10:00Z', r2));
  const r4 = buildRegistroAlta(
    corrective([line('A', '-1', '50', IVA21)], 'differences'),
    options('2026-04-02T08:00:00Z', r3),
  );
  return [r1, r2, r3, r4];
}

describe('verifyChain', () => {
  it('accepts a chain built by the builders', () => {
    expect(verifyChain(chain())).toEqual({ valid: true, checked: 4 });
    expect(verifyChain([])).toEqual({ valid: true, checked: 0 });
  });

  it('accepts a slice from the middle of a chain', () => {
    expect(verifyChain(chain().slice(1))).toEqual({ valid: true, checked: 3 });
  });

  it('catches an edited amount and names the record', () => {
    const records = chain();
    records[1] = { ...records[1], ImporteTotal: '96.90' } as BillingRecord;
    const result = verifyChain(records);
    expect(result.valid).toBe(false);
    expect(result.checked).toBe(2);
    expect(result.firstBroken?.index).toBe(1);
    expect(result.firstBroken?.reason).toContain('alta of B12345674 F2026-000002 (16-03-2026)');
    expect(result.firstBroken?.reason).toContain('does not match its content');
  });

  it('catches an edit whose huella was recomputed, at the next record', () => {
    const records = chain();
    const edited = buildRegistroAlta(
      issued([line('B', '1', '1', IVA21)], { number: 'F2026-000002' }),
      options('2026-03-16T09:05:00Z', records[0]),
    );
    records[1] = edited;
    const result = verifyChain(records);
    expect(result.firstBroken?.index).toBe(2);
    expect(result.firstBroken?.reason).toMatch(/anulacion of .* does not chain .*Huella/);
  });

  it('catches a removed record and a missing link', () => {
    const records = chain();
    expect(verifyChain([records[0]!, records[2]!, records[3]!]).firstBroken).toMatchObject({
      index: 1,
      reason: expect.stringContaining(
        'NumSerieFactura F2026-000002 where that record has F2026-000001',
      ),
    });
    const { RegistroAnterior: _dropped, ...unlinked } = records[3]!;
    expect(verifyChain([...records.slice(0, 3), unlinked as BillingRecord]).firstBroken).toEqual({
      index: 3,
      reason: 'alta of B12345674 R2026-000001 (02-04-2026) has no RegistroAnterior',
    });
  });
});

describe("AEAT's worked examples, end to end through the builders", () => {
  const aeat = (number: string): Invoice =>
    issued([line('x', '1', '1', IVA21)], {
      number,
      issueDate: '2024-01-01',
      issuer: {
        taxId: '89890001K',
        taxIdKind: 'ES_NIF',
        personType: 'individual',
        name: 'Empresa de prueba',
        address: { line1: 'x', city: 'Madrid', postalCode: '28001', country: 'ES' },
      },
      // The example's totals (12.35 over 111.10) are not any real rate; written by hand.
      breakdown: [{ type: 'IVA', rate: '10', base: '111.10', amount: '12.35', withheld: false }],
    });

  it('gives the three published huellas and a valid chain', () => {
    const r1 = buildRegistroAlta(aeat('12345678/G33'), options('2024-01-01T18:20:30Z'));
    const r2 = buildRegistroAlta(aeat('12345679/G34'), options('2024-01-01T18:20:35Z', r1));
    const r3 = buildRegistroAnulacion(aeat('12345679/G34'), options('2024-01-01T18:20:40Z', r2));
    expect([r1.Huella, r2.Huella, r3.Huella]).toEqual([
      '3C464DAF61ACB827C65FDA19F352A4E3BDC2C640E9E9FC4CC058073F38F12F60',
      'F7B94CFD8924EDFF273501B01EE5153E4CE8F259766F88CF6ACB8935802A2B97',
      '177547C0D57AC74748561D054A9CEC14B4C4EA23D1BEFD6F2E69E3A388F90C68',
    ]);
    expect(verifyChain([r1, r2, r3])).toEqual({ valid: true, checked: 3 });
  });
});
