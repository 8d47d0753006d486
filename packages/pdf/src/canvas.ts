import { deflateSync } from 'node:zlib';
import { type FontName, winAnsiHex } from './text.ts';

/**
 * One page's content stream, written as PDF operators directly. pdf-lib's drawing helpers validate
 * every option and format every number through a general routine; over a 300-line invoice that was
 * most of the render time. We only need a handful of operators (text, filled rectangles, lines, an
 * image, a translucent rotated word), so we write them here and leave pdf-lib the document
 * structure, fonts, images, metadata and serialisation.
 *
 * Resource names are fixed: F1/F2 for the regular and bold fonts, GS1 for the watermark's
 * transparency, Im1 for the logo; the renderer registers them on each page.
 */
export type Rgb = readonly [number, number, number];

export const FONT_KEYS: Readonly<Record<FontName, string>> = { regular: 'F1', bold: 'F2' };

/** Two decimals are a hundredth of a point: far below what any printer or screen resolves. */
const n = (v: number): string => {
  const r = Math.round(v * 100) / 100;
  return Object.is(r, -0) ? '0' : String(r);
};

const colour = (c: Rgb): string => `${n(c[0])} ${n(c[1])} ${n(c[2])}`;

export class Canvas {
  private readonly ops: string[] = [];
  private fill = '';
  private stroke = '';

  private fillColour(c: Rgb): void {
    const key = colour(c);
    if (key !== this.fill) {
      this.ops.push(`${key} rg`);
      this.fill = key;
    }
  }

  /** Text must already be sanitised to WinAnsi (see `toWinAnsi`). */
  text(t: string, x: number, y: number, font: FontName, size: number, c: Rgb): void {
    if (t === '') return;
    this.fillColour(c);
    this.ops.push(
      `BT /${FONT_KEYS[font]} ${n(size)} Tf ${n(x)} ${n(y)} Td <${winAnsiHex(t)}> Tj ET`,
    );
  }

  /** Text turned by `angle` radians about (x, y), drawn through the GS1 transparency state. */
  rotatedText(
    t: string,
    x: number,
    y: number,
    angle: number,
    font: FontName,
    size: number,
    c: Rgb,
  ): void {
    const cos = Math.cos(angle);
    const sin = Math.sin(angle);
    // Marked as a pagination artifact: readers that honour tagging leave it out of copied text
    // and screen readers. q…Q restores the colour, so our colour cache is reset after it.
    this.ops.push(
      `/Artifact <</Type /Pagination /Subtype /Watermark>> BDC q /GS1 gs ${colour(c)} rg ` +
        `BT /${FONT_KEYS[font]} ${n(size)} Tf ` +
        `${cos.toFixed(4)} ${sin.toFixed(4)} ${(-sin).toFixed(4)} ${cos.toFixed(4)} ${n(x)} ${n(y)} Tm ` +
        `<${winAnsiHex(t)}> Tj ET Q EMC`,
    );
    this.fill = '';
    this.stroke = '';
  }

  rect(x: number, y: number, w: number, h: number, c: Rgb): void {
    this.fillColour(c);
    this.ops.push(`${n(x)} ${n(y)} ${n(w)} ${n(h)} re f`);
  }

  /** Many rectangles as one path and one fill: no hairline seams between touching modules. */
  rects(rs: ReadonlyArray<readonly [number, number, number, number]>, c: Rgb): void {
    this.fillColour(c);
    for (const [x, y, w, h] of rs) this.ops.push(`${n(x)} ${n(y)} ${n(w)} ${n(h)} re`);
    this.ops.push('f');
  }

  hline(x0: number, x1: number, y: number, thickness: number, c: Rgb): void {
    const key = colour(c);
    if (key !== this.stroke) {
      this.ops.push(`${key} RG`);
      this.stroke = key;
    }
    this.ops.push(`${n(thickness)} w ${n(x0)} ${n(y)} m ${n(x1)} ${n(y)} l S`);
  }

  image(x: number, y: number, w: number, h: number): void {
    this.ops.push(`q ${n(w)} 0 0 ${n(h)} ${n(x)} ${n(y)} cm /Im1 Do Q`);
  }

  /** The compressed stream body (FlateDecode). */
  deflate(): Uint8Array {
    return deflateSync(Buffer.from(this.ops.join('\n'), 'latin1'));
  }
}
