import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The command-line tools that read our PDFs the way a third party would: poppler-utils
 * (pdftotext, pdfinfo, pdftoppm) and zbar-tools (zbarimg). CI installs them with
 * `apt-get install -y poppler-utils zbar-tools`.
 */
const TOOLS = ['pdftotext', 'pdfinfo', 'pdftoppm', 'zbarimg'];

export function requireTools(): void {
  const missing = TOOLS.filter((t) => spawnSync(t, ['-v']).error !== undefined);
  if (missing.length > 0) {
    throw new Error(
      `missing ${missing.join(', ')}: apt-get update && apt-get install -y poppler-utils zbar-tools`,
    );
  }
}

const work = mkdtempSync(join(tmpdir(), 'sello-pdf-'));
let counter = 0;

/** Writes the PDF to a scratch file and returns its path. */
export function save(bytes: Uint8Array, name = 'doc'): string {
  const path = join(work, `${name}-${++counter}.pdf`);
  writeFileSync(path, bytes);
  return path;
}

/**
 * The text of each page (pdftotext separates pages with a form feed). `layout` keeps columns;
 * `raw` keeps content-stream order, which keeps a rotated watermark's letters together.
 */
export function pageTexts(pdf: string, mode: 'reading' | 'layout' | 'raw' = 'reading'): string[] {
  const args = [...(mode === 'reading' ? [] : [`-${mode}`]), '-enc', 'UTF-8', pdf, '-'];
  const text = execFileSync('pdftotext', args, { encoding: 'utf8' });
  const pages = text.split('\f');
  if (pages.at(-1)?.trim() === '') pages.pop();
  return pages;
}

export function pageCount(pdf: string): number {
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  const m = /^Pages:\s+(\d+)$/m.exec(info);
  if (!m) throw new Error(`pdfinfo gave no page count:\n${info}`);
  return Number(m[1]);
}

/** Folder for the PNG renders a person looks at; kept out of git on purpose. */
export const RENDERS_DIR = process.env.SELLO_PDF_RENDERS ?? join(tmpdir(), 'sello-pdf-renders');

/** Renders one page to `<RENDERS_DIR>/<name>.png` and returns the path. */
export function renderPng(pdf: string, page: number, name: string, dpi = 80): string {
  mkdirSync(RENDERS_DIR, { recursive: true });
  const prefix = join(RENDERS_DIR, name);
  execFileSync('pdftoppm', [
    '-r',
    String(dpi),
    '-png',
    '-singlefile',
    '-f',
    String(page),
    '-l',
    String(page),
    pdf,
    prefix,
  ]);
  return `${prefix}.png`;
}

/** The QR payloads zbarimg finds in an image. */
export function decodeQr(png: string): string[] {
  const out = spawnSync('zbarimg', ['--quiet', '--raw', '-Sdisable', '-Sqrcode.enable', png], {
    encoding: 'utf8',
  });
  return out.stdout.split('\n').filter((l) => l !== '');
}

/**
 * Bounding box, in points from the top-left corner, of the pure-black pixels of a page. Only the
 * QR is pure black (text is a dark grey), so this is the printed size of the symbol.
 */
export function blackBox(
  pdf: string,
  page: number,
): { left: number; top: number; width: number; height: number } {
  const dpi = 144;
  const dir = mkdtempSync(join(work, 'pgm-'));
  execFileSync('pdftoppm', [
    '-r',
    String(dpi),
    '-gray',
    '-f',
    String(page),
    '-l',
    String(page),
    pdf,
    join(dir, 'p'),
  ]);
  const file = readdirSync(dir).find((f) => f.endsWith('.pgm'));
  if (!file) throw new Error('pdftoppm wrote no PGM');
  const pgm = readFileSync(join(dir, file));
  // Binary PGM: "P5", width, height, maxval, then one byte per pixel.
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('not a binary PGM');
  const [, w, h] = header.map(Number) as [number, number, number];
  const offset = header[0].length;
  let [x0, y0, x1, y1] = [w, h, -1, -1];
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      if (pgm[offset + y * w + x]! < 8) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
    }
  }
  const pt = 72 / dpi;
  return { left: x0 * pt, top: y0 * pt, width: (x1 - x0 + 1) * pt, height: (y1 - y0 + 1) * pt };
}
