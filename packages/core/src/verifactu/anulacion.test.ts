import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { IVA21, issued, line, SYSTEM } from '../../testing/verifactu.ts';
import { ValidationError } from '../errors.ts';
import { buildRegistroAnulacion } from './anulacion.ts';

const invoice = issued([line('Prueba', '1', '100', IVA21)]);
const previous = {
  IDEmisorFactura: 'B12345674',
  NumSerieFactura: 'F2026-000001',
  FechaExpedicionFactura: '16-03-2026',
  Huella: '3C464DAF61ACB827C65FDA19F352A4E3BDC2C640E9E9FC4CC058073F38F12F60',
};

describe('buildRegistroAnulacion', () => {
  it('identifies the cancelled invoice and chains to the previous record', () => {
    const record = buildRegistroAnulacion(invoice, {
      system: SYSTEM,
      previous,
      generatedAt: new Date('2026-07-01T16:00:00Z'),
      timezone: 'Europe/Madrid',
    });
    expect(record).toEqual({
      kind: 'anulacion',
      IDVersion: '1.0',
      IDFactura: {
        IDEmisorFacturaAnulada: 'B12345674',
        NumSerieFacturaAnulada: 'F2026-000001',
        FechaExpedicionFacturaAnulada: '16-03-2026',
      },
      RegistroAnterior: previous,
      SistemaInformatico: SYSTEM,
      FechaHoraHusoGenRegistro: '2026-07-01T18:00:00+02:00',
      TipoHuella: '01',
      Huella: createHash('sha256')
        .update(
          'IDEmisorFacturaAnulada=B12345674&NumSerieFacturaAnulada=F2026-000001' +
            `&FechaExpedicionFacturaAnulada=16-03-2026&Huella=${previous.Huella}` +
            '&FechaHoraHusoGenRegistro=2026-07-01T18:00:00+02:00',
        )
        .digest('hex')
        .toUpperCase(),
    });
  });

  it('may open a chain', () => {
    const record = buildRegistroAnulacion(invoice, {
      system: SYSTEM,
      generatedAt: new Date('2026-07-01T16:00:00Z'),
      timezone: 'Europe/Madrid',
    });
    expect(record.RegistroAnterior).toBeUndefined();
    expect(record.Huella).toMatch(/^[0-9A-F]{64}$/);
  });

  it('needs an issued invoice of a Spanish issuer', () => {
    const options = { system: SYSTEM, generatedAt: new Date(), timezone: 'Europe/Madrid' };
    expect(() => buildRegistroAnulacion({ ...invoice, number: undefined }, options)).toThrow(
      ValidationError,
    );
    expect(() =>
      buildRegistroAnulacion(
        { ...invoice, issuer: { ...invoice.issuer, taxId: 'FR40303265045', taxIdKind: 'EU_VAT' } },
        options,
      ),
    ).toThrow(/not a Spanish NIF/);
  });
});
