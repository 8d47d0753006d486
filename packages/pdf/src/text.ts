import { StandardFontEmbedder, StandardFonts } from 'pdf-lib';

/**
 * Text for the 14 standard PDF fonts: they are not embedded (tiny files, nothing to subset) but
 * only speak WinAnsi (Windows-1252). That covers Spanish and Catalan in full (á é í ó ú ü ñ ç à è ò
 * ï, the middle dot of "l·l", ¿ ¡ º ª) and the euro sign; anything else is replaced here, before it
 * reaches pdf-lib, which would otherwise throw in the middle of a render.
 */

/** Windows-1252 bytes 0x80–0x9F that are not Latin-1 (0x81 0x8D 0x8F 0x90 0x9D are unused). */
const CP1252_HIGH: ReadonlyArray<readonly [number, string]> = [
  [0x80, '€'],
  [0x82, '‚'],
  [0x83, 'ƒ'],
  [0x84, '„'],
  [0x85, '…'],
  [0x86, '†'],
  [0x87, '‡'],
  [0x88, 'ˆ'],
  [0x89, '‰'],
  [0x8a, 'Š'],
  [0x8b, '‹'],
  [0x8c, 'Œ'],
  [0x8e, 'Ž'],
  [0x91, '‘'],
  [0x92, '’'],
  [0x93, '“'],
  [0x94, '”'],
  [0x95, '•'],
  [0x96, '–'],
  [0x97, '—'],
  [0x98, '˜'],
  [0x99, '™'],
  [0x9a, 'š'],
  [0x9b, '›'],
  [0x9c, 'œ'],
  [0x9e, 'ž'],
  [0x9f, 'Ÿ'],
];

/** Character → its WinAnsi byte as two hex digits, the form it takes inside a PDF `<…> Tj`. */
const WIN_ANSI_HEX: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>();
  const add = (code: number, ch: string) => map.set(ch, code.toString(16).padStart(2, '0'));
  for (let c = 0x20; c <= 0x7e; c++) add(c, String.fromCharCode(c));
  for (const [code, ch] of CP1252_HIGH) add(code, ch);
  for (let c = 0xa0; c <= 0xff; c++) add(c, String.fromCharCode(c));
  return map;
})();

/** The characters we can draw, for tests that compare against pdf-lib's own character set. */
export const WIN_ANSI_CHARACTERS: readonly string[] = [...WIN_ANSI_HEX.keys()];

/** Hex string of sanitised text for a `Tj` operator (anything unexpected becomes "?"). */
export function winAnsiHex(text: string): string {
  let hex = '';
  for (let i = 0; i < text.length; i++) hex += WIN_ANSI_HEX.get(text[i]!) ?? '3f';
  return hex;
}

/** Printable ASCII plus Latin-1 plus the cp1252 extras: the common case is tested in one regex. */
const ALL_WIN_ANSI = new RegExp(
  `^[\\x20-\\x7e\\xa0-\\xff${CP1252_HIGH.map(([, ch]) => ch).join('')}]*$`,
);

/** Close look-alikes for characters outside WinAnsi that turn up in real names and notes. */
const LOOK_ALIKES: Readonly<Record<string, string>> = {
  '\u0140': 'l·', // ŀ: Catalan ela geminada written with the precomposed letter
  '\u013f': 'L·',
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2212': '-',
  '\u2032': "'",
  '\u2033': '"',
  '\u2009': ' ',
  '\u202f': ' ',
  '\u2007': ' ',
  '\u2002': ' ',
  '\u2003': ' ',
  '\u0131': 'i',
  '\u0142': 'l',
  '\u0141': 'L',
  '\u0111': 'd',
  '\u0110': 'D',
  '\u2116': 'No.',
};

/** What carries no glyph of its own: format characters (joiners, bidi controls) and marks. */
const INVISIBLE = /\p{Cf}|\p{M}/gu;

/** Control characters and line/paragraph separators: a space keeps the words apart. */
const CONTROL = /\p{Cc}|[\u2028\u2029]/gu;

const segmenter = new Intl.Segmenter('und', { granularity: 'grapheme' });

/**
 * Makes a string drawable with a standard font: NFC first (so "e" + combining acute becomes é),
 * then each grapheme that is still outside WinAnsi becomes its look-alike, its base letter without
 * accents (ő → o), or "?" (emoji, CJK: one "?" per visible character, never a crash). Tabs and
 * other control characters become spaces; line breaks are the caller's business (see `wrap`).
 */
export function toWinAnsi(text: string): string {
  if (ALL_WIN_ANSI.test(text)) return text;
  const nfc = text.normalize('NFC').replace(CONTROL, ' ');
  if (ALL_WIN_ANSI.test(nfc)) return nfc;
  let out = '';
  for (const { segment } of segmenter.segment(nfc)) {
    if (ALL_WIN_ANSI.test(segment)) {
      out += segment;
      continue;
    }
    const look = LOOK_ALIKES[segment];
    if (look !== undefined) {
      out += look;
      continue;
    }
    const stripped = segment.normalize('NFD').replace(INVISIBLE, '');
    if (stripped === '') continue;
    out += ALL_WIN_ANSI.test(stripped) ? stripped : '?';
  }
  return out;
}

/** The two faces the invoice uses: Helvetica and Helvetica-Bold. */
export type FontName = 'regular' | 'bold';

const FONT_FILES: Record<FontName, StandardFonts> = {
  regular: StandardFonts.Helvetica,
  bold: StandardFonts.HelveticaBold,
};

type FontNames = Parameters<typeof StandardFontEmbedder.for>[0];

/** Advance widths (1/1000 em) per character, read once at load from pdf-lib's AFM metrics. */
const WIDTHS: Record<FontName, ReadonlyMap<string, number>> = {
  regular: widthTable(FONT_FILES.regular),
  bold: widthTable(FONT_FILES.bold),
};

function widthTable(font: StandardFonts): Map<string, number> {
  // pdf-lib types the embedder with its own font-name enum; the strings are the same.
  const embedder = StandardFontEmbedder.for(font as unknown as FontNames);
  const table = new Map<string, number>();
  for (const ch of WIN_ANSI_HEX.keys()) table.set(ch, embedder.widthOfTextAtSize(ch, 1000));
  return table;
}

export const fontFile = (name: FontName): StandardFonts => FONT_FILES[name];

/**
 * Width of already-sanitised text. Deliberately without kerning: pdf-lib's drawText emits a plain
 * `Tj`, so the widths the reader lays out are the unkerned ones, and right-aligned numbers line up
 * exactly only if we measure the same way.
 */
export function textWidth(text: string, font: FontName, size: number): number {
  const table = WIDTHS[font];
  let w = 0;
  for (let i = 0; i < text.length; i++) w += table.get(text[i]!) ?? 556;
  return (w * size) / 1000;
}

/**
 * Greedy word wrap to `maxWidth` points. Explicit line breaks are kept; a word longer than the
 * line (an IBAN, a URL, a reference) is cut by characters rather than overflowing the column.
 * Input must be sanitised except for line breaks, which split paragraphs here.
 */
export function wrap(text: string, font: FontName, size: number, maxWidth: number): string[] {
  const lines: string[] = [];
  const space = textWidth(' ', font, size);
  for (const paragraph of text.split(/\r\n|\r|\n/)) {
    const words = paragraph.split(' ').filter((w) => w !== '');
    if (words.length === 0) {
      lines.push('');
      continue;
    }
    let line = '';
    let lineWidth = 0;
    for (const word of words) {
      const w = textWidth(word, font, size);
      if (line !== '' && lineWidth + space + w <= maxWidth) {
        line += ` ${word}`;
        lineWidth += space + w;
        continue;
      }
      if (line !== '') lines.push(line);
      if (w <= maxWidth) {
        line = word;
        lineWidth = w;
        continue;
      }
      // Cut an over-long word; the last piece starts the next line so text can follow it.
      let piece = '';
      let pieceWidth = 0;
      for (const ch of word) {
        const cw = textWidth(ch, font, size);
        if (piece !== '' && pieceWidth + cw > maxWidth) {
          lines.push(piece);
          piece = '';
          pieceWidth = 0;
        }
        piece += ch;
        pieceWidth += cw;
      }
      line = piece;
      lineWidth = pieceWidth;
    }
    lines.push(line);
  }
  return lines;
}

/** Sanitises each paragraph (keeping the line breaks) and wraps the result. */
export function wrapText(text: string, font: FontName, size: number, maxWidth: number): string[] {
  const clean = text
    .split(/\r\n|\r|\n/)
    .map((p) => toWinAnsi(p))
    .join('\n');
  return wrap(clean, font, size, maxWidth);
}
