import { describe, expect, it } from 'vitest';
import { provinceOfPostalCode } from './provinces.ts';

describe('provinceOfPostalCode', () => {
  it.each([
    ['01001', 'Araba/Álava'],
    ['08017', 'Barcelona'],
    ['28013', 'Madrid'],
    ['35002', 'Las Palmas'],
    ['38001', 'S.C. de Tenerife'],
    ['46004', 'Valencia/València'],
    ['48001', 'Bizkaia'],
    ['51001', 'Ceuta'],
    ['52001', 'Melilla'],
  ])('%s is in %s', (code, province) => {
    expect(provinceOfPostalCode(code)).toBe(province);
  });

  it.each(['00001', '53001', '99999', '2801', 'ABCDE'])('%s names no province', (code) => {
    expect(provinceOfPostalCode(code)).toBeUndefined();
  });

  it('fits every name in Facturae Province (20 characters)', () => {
    for (let prefix = 1; prefix <= 52; prefix++) {
      const name = provinceOfPostalCode(`${String(prefix).padStart(2, '0')}000`);
      expect(name).toBeDefined();
      expect(Array.from(name!).length).toBeLessThanOrEqual(20);
    }
  });
});
