import { describe, expect, it } from 'vitest';
import { IVA21, issued, line, SYSTEM } from '../../testing/verifactu.ts';
import { buildRegistroAlta } from './alta.ts';
import { qrUrl } from './qr.ts';
import type { RegistroAlta } from './record.ts';

describe('qrUrl', () => {
  it("reproduces AEAT's encoding example (QR spec v0.5.0 §4)", () => {
    const record = {
      IDFactura: {
        IDEmisorFactura: '89890001K',
        NumSerieFactura: '12345678&G33',
        FechaExpedicionFactura: '01-01-2024',
      },
      ImporteTotal: '241.4',
    } as RegistroAlta;
    expect(qrUrl(record, 'test')).toBe(
      'https://prewww2.aeat.es/wlpl/TIKE-CONT/ValidarQR?nif=89890001K&numserie=12345678%26G33&fecha=01-01-2024&importe=241.4',
    );
    expect(qrUrl(record, 'production')).toBe(
      'https://www2.agenciatributaria.gob.es/wlpl/TIKE-CONT/ValidarQR?nif=89890001K&numserie=12345678%26G33&fecha=01-01-2024&importe=241.4',
    );
  });

  it('gives the same URL from the invoice and from its record, with importe = ImporteTotal', () => {
    const invoice = issued(
      [line('Honorarios', '1', '1000', [...IVA21, { type: 'IRPF', rate: '15' }])],
      { number: 'F 2026/7' },
    );
    const record = buildRegistroAlta(invoice, {
      system: SYSTEM,
      generatedAt: new Date('2026-03-16T10:00:00Z'),
      timezone: 'Europe/Madrid',
    });
    const url = qrUrl(invoice, 'production');
    expect(url).toBe(qrUrl(record, 'production'));
    const params = new URL(url).searchParams;
    expect([...params.keys()]).toEqual(['nif', 'numserie', 'fecha', 'importe']);
    // The total before the 15 % withheld (1060.00 to pay), as the record has it.
    expect(Object.fromEntries(params)).toEqual({
      nif: 'B12345674',
      numserie: 'F 2026/7',
      fecha: '16-03-2026',
      importe: '1210.00',
    });
    expect(url).toContain('numserie=F+2026%2F7');
  });

  it('refuses a number AEAT could not read', () => {
    const invoice = issued([line('A', '1', '1', IVA21)], { number: 'FÑ-1' });
    expect(() => qrUrl(invoice, 'test')).toThrow(/printable ASCII/);
  });
});
