// The symbol encoder alone: the package entry also loads its PNG/SVG renderers (pngjs), which a
// PDF that draws the modules as vectors never uses.
import * as QRCode from 'qrcode/lib/core/qrcode.js';
import { BLACK } from './layout.ts';
import type { Pen } from './pen.ts';

/**
 * The VERI*FACTU QR as vector data. AEAT asks for ISO/IEC 18004 with error correction M; we keep
 * the symbol as dark runs per row so the PDF gets one rectangle per run (a few hundred `re`
 * operators and a single fill) instead of a raster image: sharp at any zoom or printer resolution
 * and a few hundred bytes.
 */
export interface QrSymbol {
  /** Modules per side, without the quiet zone. */
  size: number;
  /** Horizontal runs of dark modules: row, first column, length. Row 0 is the top. */
  runs: ReadonlyArray<readonly [number, number, number]>;
}

export function qrSymbol(text: string): QrSymbol {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const { size, data } = modules;
  const runs: Array<readonly [number, number, number]> = [];
  for (let row = 0; row < size; row++) {
    let start = -1;
    for (let col = 0; col <= size; col++) {
      const dark = col < size && data[row * size + col] === 1;
      if (dark && start < 0) start = col;
      else if (!dark && start >= 0) {
        runs.push([row, start, col - start]);
        start = -1;
      }
    }
  }
  return { size, runs };
}

/** Draws the symbol as vector runs, `side` points wide, its top-left at (`x`, `top`). */
export function drawQr(pen: Pen, symbol: QrSymbol, x: number, top: number, side: number): void {
  const m = side / symbol.size;
  const rects = symbol.runs.map(
    ([row, col, len]) => [x + col * m, top - (row + 1) * m, len * m, m] as const,
  );
  pen.canvas.rects(rects, BLACK);
}
