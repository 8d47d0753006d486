import { QR_LEGEND, QR_TITLE } from '../labels.ts';
import { BODY, INK, LEADING, MM, PAGE_W } from '../layout.ts';
import type { Pen } from '../pen.ts';
import { drawQr, qrSymbol } from '../qr.ts';

/** Printed side of the QR symbol, inside AEAT's 30–40 mm window with room on both sides. */
export const QR_SIDE_MM = 34;
const QR_SIDE = QR_SIDE_MM * MM;

/**
 * The VERI*FACTU block: AEAT's "QR tributario:" above the symbol and "VERI*FACTU" below it,
 * centred on the page; nothing is drawn in the symbol's quiet zone. Returns the y under it.
 */
export function qrBlock(pen: Pen, top: number, url: string): number {
  const symbol = qrSymbol(url);
  const m = QR_SIDE / symbol.size;
  const quiet = 4 * m;
  const cx = PAGE_W / 2;
  let y = top;
  pen.textCentered(QR_TITLE, cx, y - BODY, 'regular', BODY, INK);
  y -= BODY * LEADING + quiet;
  drawQr(pen, symbol, cx - QR_SIDE / 2, y, QR_SIDE);
  y -= QR_SIDE + quiet;
  pen.textCentered(QR_LEGEND, cx, y - BODY, 'bold', BODY, INK);
  return y - BODY * LEADING;
}
