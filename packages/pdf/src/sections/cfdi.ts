import type { CfdiPrint } from '@sello/formats/cfdi';
import { BODY, CONTENT_W, INK, LEADING, LEFT, MM, MUTED, RIGHT, RULE, SMALL } from '../layout.ts';
import { drawQr, qrSymbol } from '../qr.ts';
import type { Sheet } from '../sheet.ts';
import { type FontName, textWidth, toWinAnsi, wrapText } from '../text.ts';

/**
 * The printed representation of a stamped CFDI (Anexo 20; CFF art. 29 fr. V): its fiscal keys
 * under the parties, and at the end the stamp — SAT's verification QR beside the folio fiscal,
 * certificate numbers and certification time, then both seals and the stamp's cadena original,
 * and SAT's legend. Its texts are Spanish whatever the invoice's language: they are SAT's.
 */

/** SAT's minimum printed side for the QR is 2.75 cm. */
export const CFDI_QR_SIDE_MM = 28;
const QR_SIDE = CFDI_QR_SIDE_MM * MM;
const SEAL = 6.5;
const LEGEND = 'Este documento es una representación impresa de un CFDI.';

/**
 * The comprobante's fiscal keys in two columns (reading down the left one first), a value
 * wrapping under itself when long, so a régimen's full name never shrinks.
 */
export function cfdiDetails(sheet: Sheet): void {
  const cfdi = sheet.opts.cfdi;
  if (!cfdi || cfdi.details.length === 0) return;
  const { pen } = sheet;
  const gutter = 24;
  const colW = (CONTENT_W - gutter) / 2;
  const rows = Math.ceil(cfdi.details.length / 2);
  const lineH = BODY * LEADING;
  let y = sheet.y;
  pen.text('DATOS FISCALES DEL CFDI', LEFT, y - SMALL, 'bold', SMALL, sheet.accent);
  y -= SMALL * LEADING + 3;
  for (let row = 0; row < rows; row++) {
    let bottom = y;
    for (const [col, item] of [cfdi.details[row], cfdi.details[row + rows]].entries()) {
      if (!item) continue;
      const [label, value] = item;
      const x = LEFT + col * (colW + gutter);
      const w = pen.text(`${label}:`, x, y - BODY, 'regular', BODY, MUTED) + 4;
      const lines = wrapText(value, 'regular', BODY, colW - w);
      for (const [i, line] of lines.entries()) {
        pen.text(line, x + w, y - BODY - i * lineH, 'regular', BODY, INK);
      }
      bottom = Math.min(bottom, y - lines.length * lineH);
    }
    y = bottom - 1;
  }
  sheet.y = y - 16;
}

interface Line {
  text: string;
  font: FontName;
  size: number;
}

/** The stamp block, kept whole: on a new page when it does not fit under the totals. */
export function cfdiStamp(sheet: Sheet): void {
  const cfdi = sheet.opts.cfdi;
  if (!cfdi) return;
  const beside = facts(cfdi);
  const sealLines = seals(cfdi);
  const besideH = beside.length * BODY * LEADING;
  const headH = SMALL * LEADING + 6;
  const height =
    24 + headH + Math.max(QR_SIDE, besideH) + 8 + heightOf(sealLines) + BODY * LEADING + 4;
  // A fresh page's running head already rules the top: the block's own rule only under totals.
  const fresh = sheet.y - height < sheet.bodyBottom;
  if (fresh) sheet.continuationPage();
  else {
    sheet.y -= 18;
    sheet.pen.rule(sheet.y, RULE, 0.5);
  }

  const { pen } = sheet;
  let y = sheet.y - 6;
  pen.text('TIMBRE FISCAL DIGITAL', LEFT, y - SMALL, 'bold', SMALL, sheet.accent);
  y -= headH;
  drawQr(pen, qrSymbol(cfdi.qrUrl), LEFT, y, QR_SIDE);
  const x = LEFT + QR_SIDE + 16;
  let factsY = y;
  for (const [label, value] of beside) {
    const w = pen.text(`${label}:`, x, factsY - BODY, 'regular', BODY, MUTED);
    pen.text(value, x + w + 4, factsY - BODY, 'bold', BODY, INK, RIGHT - x - w - 4);
    factsY -= BODY * LEADING;
  }
  y -= Math.max(QR_SIDE, besideH) + 8;
  for (const line of sealLines) {
    pen.text(
      line.text,
      LEFT,
      y - line.size,
      line.font,
      line.size,
      line.font === 'bold' ? MUTED : INK,
    );
    y -= line.size * LEADING;
  }
  y -= 4;
  pen.text(LEGEND, LEFT, y - BODY, 'bold', BODY, INK);
  sheet.y = y - BODY * LEADING;
}

const facts = (c: CfdiPrint): Array<readonly [string, string]> => [
  ['Folio fiscal (UUID)', c.uuid],
  ['No. de serie del certificado del emisor', c.certificateNumber],
  ['No. de serie del certificado del SAT', c.satCertificateNumber],
  ['Fecha y hora de certificación', c.stampedAt],
  ['RFC del proveedor de certificación', c.pacRfc],
];

/** Seals and the cadena are long base64 and `|`-joined texts: cut by characters to the width. */
function seals(c: CfdiPrint): Line[] {
  const out: Line[] = [];
  const block = (title: string, text: string) => {
    out.push({ text: title, font: 'bold', size: SMALL });
    for (const piece of breakAnywhere(text, SEAL, CONTENT_W)) {
      out.push({ text: piece, font: 'regular', size: SEAL });
    }
  };
  block('Sello digital del CFDI', c.cfdiSeal);
  block('Sello digital del SAT', c.satSeal);
  block('Cadena original del complemento de certificación digital del SAT', c.stampChain);
  return out;
}

/** Lines of at most `width` points, cut between any two characters (no word breaks exist). */
function breakAnywhere(text: string, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const ch of toWinAnsi(text)) {
    if (line !== '' && textWidth(line + ch, 'regular', size) > width) {
      lines.push(line);
      line = '';
    }
    line += ch;
  }
  if (line) lines.push(line);
  return lines.length ? lines : wrapText('', 'regular', size, width);
}

const heightOf = (lines: readonly Line[]) => lines.reduce((h, l) => h + l.size * LEADING, 0);
