import { describe, expect, it } from 'vitest';
import { IVA21, issued, line, SYSTEM } from '../../testing/verifactu.ts';
import { buildRegistroAlta, tipoFacturaOf } from '../verifactu/alta.ts';

/** A self-invoiced invoice replaces the ticket (a simplified invoice): VERI*FACTU F3. */
describe('the VERI*FACTU record of an invoice replacing a ticket', () => {
  const invoice = issued([line('Consumiciones', '1', '10.00', IVA21)], {
    substitutes: [{ number: '0001-2026-000123', issueDate: '2026-03-14' }],
  });

  it('is F3 and names the ticket as the substituted simplified invoice of the same issuer', () => {
    expect(tipoFacturaOf(invoice)).toBe('F3');
    const record = buildRegistroAlta(invoice, {
      system: SYSTEM,
      generatedAt: new Date('2026-03-16T09:30:00Z'),
      timezone: 'Europe/Madrid',
    });
    expect(record.TipoFactura).toBe('F3');
    expect(record.FacturasSustituidas).toEqual([
      {
        IDEmisorFactura: invoice.issuer.taxId,
        NumSerieFactura: '0001-2026-000123',
        FechaExpedicionFactura: '14-03-2026',
      },
    ]);
    expect(record.TipoRectificativa).toBeUndefined();
    expect(record.Destinatarios).toHaveLength(1);
  });

  it('stays F1 without tickets', () => {
    expect(tipoFacturaOf({ ...invoice, substitutes: undefined })).toBe('F1');
  });
});
