import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { qrSymbol } from './qr.ts';

describe('qrSymbol', () => {
  const url =
    'https://www2.agenciatributaria.gob.es/wlpl/TIKE-CONT/ValidarQR?nif=89890001K&numserie=12345678%26G33&fecha=01-01-2024&importe=241.4';

  it('uses error correction M, as AEAT requires', () => {
    const ref = QRCode.create(url, { errorCorrectionLevel: 'M' });
    const { size, runs } = qrSymbol(url);
    expect(size).toBe(ref.modules.size);
    // Runs rebuild exactly the reference module matrix.
    const dark = new Uint8Array(size * size);
    for (const [row, col, len] of runs) dark.fill(1, row * size + col, row * size + col + len);
    expect([...dark]).toEqual([...ref.modules.data]);
    expect(QRCode.create(url, { errorCorrectionLevel: 'L' }).modules.data).not.toEqual(
      ref.modules.data,
    );
  });
});
