import { describe, expect, it } from 'vitest';
import type { Language } from './model.ts';
import { toWinAnsi } from './text.ts';
import { unitLabel } from './units.ts';

const LANGS: Language[] = ['es', 'ca', 'en'];
const CODES = Array.from({ length: 36 }, (_, i) => String(i + 1).padStart(2, '0'));

describe('unitLabel', () => {
  it('prints nothing for plain units, "other" or no unit', () => {
    for (const lang of LANGS) {
      for (const unit of [undefined, '', '  ', '01', '05', 'ud', 'Uds.', 'unidades', 'units']) {
        expect(unitLabel(unit, '3', lang)).toBe('');
      }
    }
  });

  it('prints measures as symbols in every language', () => {
    for (const lang of LANGS) {
      expect(unitLabel('02', '2', lang)).toBe('h');
      expect(unitLabel('03', '1.5', lang)).toBe('kg');
      expect(unitLabel('04', '1', lang)).toBe('l');
      expect(unitLabel('33', '2', lang)).toBe('m³');
      expect(unitLabel('36', '120', lang)).toBe('kWh');
    }
  });

  it('reads the unit names the Facturae builder reads', () => {
    expect(unitLabel('horas', '2', 'en')).toBe('h');
    expect(unitLabel('Hr.', '2', 'es')).toBe('h');
    expect(unitLabel(' kilos ', '2', 'ca')).toBe('kg');
    expect(unitLabel('litres', '2', 'es')).toBe('l');
  });

  it('prints containers and counts as words, singular only for exactly one', () => {
    expect(unitLabel('06', '3', 'es')).toBe('cajas');
    expect(unitLabel('06', '1', 'es')).toBe('caja');
    expect(unitLabel('06', '1.000', 'ca')).toBe('caixa');
    expect(unitLabel('06', '-1', 'en')).toBe('box');
    expect(unitLabel('06', '1.5', 'en')).toBe('boxes');
    expect(unitLabel('06', '0', 'en')).toBe('boxes');
    expect(unitLabel('06', '10', 'en')).toBe('boxes');
    expect(unitLabel('18', '2', 'en')).toBe('dozen');
    expect(unitLabel('12', '2', 'ca')).toBe('ampolles');
  });

  it('names every Facturae code but 01 and 05 in every language, drawable by the PDF fonts', () => {
    for (const lang of LANGS) {
      for (const code of CODES) {
        const label = unitLabel(code, '2', lang);
        if (code === '01' || code === '05') expect(label).toBe('');
        else {
          expect(label, `${lang} ${code}`).not.toBe('');
          expect(toWinAnsi(label)).toBe(label);
        }
      }
    }
  });

  it('prints any other unit as written', () => {
    expect(unitLabel('m²', '12', 'es')).toBe('m²');
    expect(unitLabel(' sesión ', '1', 'es')).toBe('sesión');
    expect(unitLabel('37', '1', 'es')).toBe('37');
  });
});
