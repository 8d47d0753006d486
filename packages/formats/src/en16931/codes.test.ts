import { describe, expect, it } from 'vitest';
import { foreignEndpoint, paymentMeansCode, unitCode, vatEndpoint } from './codes.ts';

describe('unitCode', () => {
  it('maps Facturae unit codes and common names to UN/ECE Rec 20/21 codes', () => {
    expect(unitCode(undefined)).toBe('C62');
    expect(unitCode('01')).toBe('C62');
    expect(unitCode('02')).toBe('HUR');
    expect(unitCode('horas')).toBe('HUR');
    expect(unitCode('kg')).toBe('KGM');
    expect(unitCode('l')).toBe('LTR');
    expect(unitCode('36')).toBe('KWH');
  });

  it('writes an unknown unit as "one" rather than failing', () => {
    expect(unitCode('palés')).toBe('C62');
  });
});

describe('paymentMeansCode', () => {
  it('uses SEPA credit transfer only with an account to pay into', () => {
    expect(paymentMeansCode('transfer', true)).toBe('58');
    expect(paymentMeansCode('transfer', false)).toBe('42');
    expect(paymentMeansCode('card', false)).toBe('48');
    expect(paymentMeansCode('cash', false)).toBe('10');
    expect(paymentMeansCode('directDebit', true)).toBe('1');
    expect(paymentMeansCode('other', false)).toBe('ZZZ');
  });
});

describe('electronic addresses', () => {
  it('uses the Peppol VAT scheme of the VAT number country', () => {
    expect(vatEndpoint('ES', 'ESB12345674')).toEqual({ scheme: '9920', id: 'ESB12345674' });
    expect(vatEndpoint('FR', 'FR40303265045')).toEqual({ scheme: '9957', id: 'FR40303265045' });
    expect(vatEndpoint('GR', 'EL094014201')).toEqual({ scheme: '9933', id: 'EL094014201' });
  });

  it('uses the national identifier a VAT number contains where there is no VAT scheme', () => {
    expect(vatEndpoint('DK', 'DK13585628')).toEqual({ scheme: '0184', id: 'DK13585628' });
    expect(vatEndpoint('SE', 'SE556036079301')).toEqual({ scheme: '0007', id: '5560360793' });
    expect(vatEndpoint('FI', 'FI02018345')).toEqual({ scheme: '0216', id: '003702018345' });
  });

  it('knows the schemes of foreign tax ids outside the EU, and nothing else', () => {
    expect(foreignEndpoint('CH', 'CHE116281710')).toEqual({ scheme: '9927', id: 'CHE116281710' });
    expect(foreignEndpoint('NO', 'NO923609016MVA')).toEqual({ scheme: '0192', id: '923609016' });
    expect(foreignEndpoint('NO', 'ABC')).toBeUndefined();
    expect(foreignEndpoint('MX', 'XAXX010101000')).toBeUndefined();
  });
});
