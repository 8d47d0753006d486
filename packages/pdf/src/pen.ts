import type { Canvas, Rgb } from './canvas.ts';
import { LEADING, LEFT, PAD, RIGHT } from './layout.ts';
import { type FontName, textWidth, toWinAnsi, wrapText } from './text.ts';

/**
 * The text and rule helpers the sections draw with, on one page's canvas. Text goes through
 * `toWinAnsi` here, so sections pass plain strings.
 */
export class Pen {
  constructor(readonly canvas: Canvas) {}

  /** Draws one line of text; `maxWidth` shrinks the size rather than letting it overflow. */
  text(
    s: string,
    x: number,
    y: number,
    font: FontName,
    size: number,
    color: Rgb,
    maxWidth?: number,
  ): number {
    const t = toWinAnsi(s);
    if (t === '') return 0;
    let w = textWidth(t, font, size);
    let sz = size;
    if (maxWidth !== undefined && w > maxWidth && w > 0) {
      sz = Math.max(5, (size * maxWidth) / w);
      w = textWidth(t, font, sz);
    }
    this.canvas.text(t, x, y, font, sz, color);
    return w;
  }

  textRight(
    s: string,
    right: number,
    y: number,
    font: FontName,
    size: number,
    color: Rgb,
    maxWidth?: number,
  ): void {
    const t = toWinAnsi(s);
    let sz = size;
    let w = textWidth(t, font, sz);
    if (maxWidth !== undefined && w > maxWidth && w > 0) {
      sz = Math.max(5, (size * maxWidth) / w);
      w = textWidth(t, font, sz);
    }
    this.canvas.text(t, right - w, y, font, sz, color);
  }

  textCentered(s: string, cx: number, y: number, font: FontName, size: number, color: Rgb): void {
    const t = toWinAnsi(s);
    this.canvas.text(t, cx - textWidth(t, font, size) / 2, y, font, size, color);
  }

  /** Right-aligned inside a table column, shrunk to fit so a huge amount never hits its neighbour. */
  cellRight(
    s: string,
    col: { x: number; w: number },
    y: number,
    font: FontName,
    size: number,
    color: Rgb,
  ): void {
    if (s === '') return;
    this.textRight(s, col.x + col.w - PAD, y, font, size, color, col.w - 2 * PAD);
  }

  /** Wrapped text starting at `top`; returns the y under the last line. */
  paragraph(
    s: string,
    x: number,
    top: number,
    width: number,
    font: FontName,
    size: number,
    color: Rgb,
  ): number {
    let y = top;
    for (const line of wrapText(s, font, size, width)) {
      this.text(line, x, y - size, font, size, color);
      y -= size * LEADING;
    }
    return y;
  }

  rule(y: number, color: Rgb, thickness: number, x0 = LEFT, x1 = RIGHT): void {
    this.canvas.hline(x0, x1, y, thickness, color);
  }
}
