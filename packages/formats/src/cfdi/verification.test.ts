import { describe, expect, it } from 'vitest';
import type { Cfdi } from './model.ts';
import { formatQrTotal, satVerificationUrl } from './verification.ts';

describe("SAT's verification URL (the printed CFDI's QR)", () => {
  it('writes the total with no insignificant zeros, one decimal kept, from the text', () => {
    expect(formatQrTotal('2320.00')).toBe('2320.0');
    expect(formatQrTotal('459.36')).toBe('459.36');
    expect(formatQrTotal('0.50')).toBe('0.5');
    expect(formatQrTotal('1000')).toBe('1000.0');
    expect(formatQrTotal('0012.340000')).toBe('12.34');
    expect(formatQrTotal('0.000000')).toBe('0.0');
    // A float would print 123456789012345678 as 123456789012345680.
    expect(formatQrTotal('123456789012345678.123456')).toBe('123456789012345678.123456');
  });

  it('names the stamp, both RFCs (an & written as XML text), the total and the seal’s end', () => {
    const cfdi = {
      total: '3327.01',
      sello: 'CcujSbJvKzVmf7jQ…KklI5Q==',
      emisor: { rfc: 'EKU9003173C9' },
      receptor: { rfc: 'A&A010101AAA' },
      timbre: { uuid: '6F35D3B5-3651-5370-BC2C-14CDBE384CD7' },
    } as Cfdi;
    expect(satVerificationUrl(cfdi)).toBe(
      'https://verificacfdi.facturaelectronica.sat.gob.mx/default.aspx?' +
        'id=6F35D3B5-3651-5370-BC2C-14CDBE384CD7&re=EKU9003173C9&rr=A&amp;A010101AAA&tt=3327.01&fe=KklI5Q==',
    );
    expect(() => satVerificationUrl({ ...cfdi, timbre: undefined })).toThrow(/stamped/);
  });
});
