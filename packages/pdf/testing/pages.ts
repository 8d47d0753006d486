import { inflateSync } from 'node:zlib';
import type { Rgb } from '../src/canvas.ts';
import type { Invoice } from '../src/model.ts';
import type { RenderOptions } from '../src/options.ts';
import type { Pen } from '../src/pen.ts';
import { runningHead } from '../src/sections/header.ts';
import { type LogoSize, Sheet } from '../src/sheet.ts';
import { type FontName, textWidth, WIN_ANSI_CHARACTERS, winAnsiHex } from '../src/text.ts';

/**
 * Test support for the section tests (not exported from the package): a sheet on a first page,
 * and what a page's content stream draws, read back from the operators the canvas wrote.
 */

export interface DrawnText {
  text: string;
  x: number;
  y: number;
  font: FontName;
  size: number;
  /** The fill colour as written, e.g. "1 1 1". */
  color: string;
}

export interface Drawn {
  texts: DrawnText[];
  /** Text drawn rotated (the watermark), with its angle in radians. */
  rotated: Array<DrawnText & { angle: number }>;
  /** Filled rectangles; `path` counts how many were filled together (a QR symbol is one path). */
  rects: Array<{ x: number; y: number; w: number; h: number; color: string; path: number }>;
  rules: Array<{ x0: number; x1: number; y: number; thickness: number; color: string }>;
  images: Array<{ x: number; y: number; w: number; h: number }>;
}

const FONTS: Record<string, FontName> = { F1: 'regular', F2: 'bold' };
const CHARS = new Map(WIN_ANSI_CHARACTERS.map((ch) => [winAnsiHex(ch), ch]));
const decode = (hex: string): string =>
  (hex.match(/../g) ?? []).map((h) => CHARS.get(h) ?? '\uFFFD').join('');

const NUM = String.raw`(-?[\d.]+)`;
const HEX = '<([0-9a-f]*)> Tj ET';

/** Everything a page's pen has drawn so far, in drawing order. */
export function drawn(pen: Pen): Drawn {
  const out: Drawn = { texts: [], rotated: [], rects: [], rules: [], images: [] };
  let fill = '';
  let stroke = '';
  let path: Array<Omit<Drawn['rects'][number], 'path'>> = [];
  const closePath = () => {
    for (const r of path) out.rects.push({ ...r, path: path.length });
    path = [];
  };
  // One reader per operator line the canvas writes; the groups are numbers unless noted.
  const readers: Array<[RegExp, (g: string[]) => void]> = [
    [/^(.+) rg$/, ([c]) => (fill = c!)],
    [/^(.+) RG$/, ([c]) => (stroke = c!)],
    [
      new RegExp(`^BT /(F\\d) ${NUM} Tf ${NUM} ${NUM} Td ${HEX}$`),
      ([f, size, x, y, hex]) =>
        out.texts.push({
          text: decode(hex!),
          x: +x!,
          y: +y!,
          font: FONTS[f!]!,
          size: +size!,
          color: fill,
        }),
    ],
    [
      new RegExp(
        `BDC q /GS1 gs (.+) rg BT /(F\\d) ${NUM} Tf ${NUM} ${NUM} ${NUM} ${NUM} ${NUM} ${NUM} Tm ${HEX} Q EMC$`,
      ),
      ([color, f, size, cos, sin, , , x, y, hex]) =>
        out.rotated.push({
          text: decode(hex!),
          x: +x!,
          y: +y!,
          font: FONTS[f!]!,
          size: +size!,
          color: color!,
          angle: Math.atan2(+sin!, +cos!),
        }),
    ],
    [
      new RegExp(`^${NUM} ${NUM} ${NUM} ${NUM} re( f)?$`),
      ([x, y, w, h, filled]) => {
        path.push({ x: +x!, y: +y!, w: +w!, h: +h!, color: fill });
        if (filled) closePath();
      },
    ],
    [/^f$/, closePath],
    [
      new RegExp(`^${NUM} w ${NUM} ${NUM} m ${NUM} ${NUM} l S$`),
      ([thickness, x0, y, x1]) =>
        out.rules.push({ x0: +x0!, x1: +x1!, y: +y!, thickness: +thickness!, color: stroke }),
    ],
    [
      new RegExp(`^q ${NUM} 0 0 ${NUM} ${NUM} ${NUM} cm /Im1 Do Q$`),
      ([w, h, x, y]) => out.images.push({ x: +x!, y: +y!, w: +w!, h: +h! }),
    ],
  ];
  const ops = inflateSync(pen.canvas.deflate()).toString('latin1').split('\n');
  for (const op of ops) {
    if (op === '') continue;
    const reader = readers.find(([re]) => re.test(op));
    if (!reader) throw new Error(`testing.drawn: unknown operator line ${op}`);
    reader[1](reader[0].exec(op)!.slice(1));
  }
  return out;
}

/** The strings each page shows, in drawing order. */
export const pageStrings = (sheet: Sheet): string[][] =>
  sheet.pages.map((pen) => drawn(pen).texts.map((t) => t.text));

/** A sheet on its first, empty page, with the real running head for continuation pages. */
export function sheetOn(invoice: Invoice, options: RenderOptions = {}, logo?: LogoSize): Sheet {
  const sheet = new Sheet(invoice, options, logo, runningHead);
  sheet.newPage();
  return sheet;
}

/** The text drawn with exactly this string (throws if there is none, so a test reads plainly). */
export function textNamed(texts: readonly DrawnText[], s: string): DrawnText {
  const t = texts.find((x) => x.text === s);
  if (!t) throw new Error(`no text "${s}" among: ${texts.map((x) => x.text).join(' | ')}`);
  return t;
}

/** A colour as the canvas writes it, to compare with `DrawnText.color`. */
export const colour = (c: Rgb): string => c.map((v) => String(Math.round(v * 100) / 100)).join(' ');

/** The right edge of a drawn text (its x plus its width at the size it was drawn). */
export const rightEdge = (t: DrawnText): number => t.x + textWidth(t.text, t.font, t.size);
