import { describe, expect, it } from 'vitest';
import { computeHuella, huellaInput } from './huella.ts';
import type { RegistroAlta, RegistroAnulacion } from './record.ts';

// The three worked examples of AEAT's hash specification v0.1.2, §6.
const system = {} as RegistroAlta['SistemaInformatico'];
const alta = (num: string, at: string, previous?: string): RegistroAlta => ({
  kind: 'alta',
  IDVersion: '1.0',
  IDFactura: {
    IDEmisorFactura: '89890001K',
    NumSerieFactura: num,
    FechaExpedicionFactura: '01-01-2024',
  },
  NombreRazonEmisor: 'x',
  TipoFactura: 'F1',
  DescripcionOperacion: 'x',
  Desglose: [],
  CuotaTotal: '12.35',
  ImporteTotal: '123.45',
  ...(previous
    ? {
        RegistroAnterior: {
          IDEmisorFactura: '',
          NumSerieFactura: '',
          FechaExpedicionFactura: '',
          Huella: previous,
        },
      }
    : {}),
  SistemaInformatico: system,
  FechaHoraHusoGenRegistro: at,
  TipoHuella: '01',
  Huella: '',
});

describe('huella (AEAT worked examples)', () => {
  it('AEAT-1: first alta', () => {
    const r = alta('12345678/G33', '2024-01-01T19:20:30+01:00');
    expect(huellaInput(r)).toBe(
      'IDEmisorFactura=89890001K&NumSerieFactura=12345678/G33&FechaExpedicionFactura=01-01-2024&TipoFactura=F1&CuotaTotal=12.35&ImporteTotal=123.45&Huella=&FechaHoraHusoGenRegistro=2024-01-01T19:20:30+01:00',
    );
    expect(computeHuella(r)).toBe(
      '3C464DAF61ACB827C65FDA19F352A4E3BDC2C640E9E9FC4CC058073F38F12F60',
    );
  });

  it('AEAT-2: chained alta', () => {
    const r = alta(
      '12345679/G34',
      '2024-01-01T19:20:35+01:00',
      '3C464DAF61ACB827C65FDA19F352A4E3BDC2C640E9E9FC4CC058073F38F12F60',
    );
    expect(computeHuella(r)).toBe(
      'F7B94CFD8924EDFF273501B01EE5153E4CE8F259766F88CF6ACB8935802A2B97',
    );
  });

  it('AEAT-3: chained anulación', () => {
    const r: RegistroAnulacion = {
      kind: 'anulacion',
      IDVersion: '1.0',
      IDFactura: {
        IDEmisorFacturaAnulada: '89890001K',
        NumSerieFacturaAnulada: '12345679/G34',
        FechaExpedicionFacturaAnulada: '01-01-2024',
      },
      RegistroAnterior: {
        IDEmisorFactura: '89890001K',
        NumSerieFactura: '12345679/G34',
        FechaExpedicionFactura: '01-01-2024',
        Huella: 'F7B94CFD8924EDFF273501B01EE5153E4CE8F259766F88CF6ACB8935802A2B97',
      },
      SistemaInformatico: system,
      FechaHoraHusoGenRegistro: '2024-01-01T19:20:40+01:00',
      TipoHuella: '01',
      Huella: '',
    };
    expect(computeHuella(r)).toBe(
      '177547C0D57AC74748561D054A9CEC14B4C4EA23D1BEFD6F2E69E3A388F90C68',
    );
  });

  it('trims values and changes with any character of them', () => {
    const a = alta(' 12345678/G33 ', '2024-01-01T19:20:30+01:00');
    expect(computeHuella(a)).toBe(
      '3C464DAF61ACB827C65FDA19F352A4E3BDC2C640E9E9FC4CC058073F38F12F60',
    );
    expect(computeHuella({ ...a, ImporteTotal: '123.450' })).not.toBe(computeHuella(a));
  });
});
