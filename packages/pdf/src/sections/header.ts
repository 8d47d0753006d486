import { formatDate } from '../format.ts';
import { BODY, CONTENT_W, INK, LEADING, LEFT, MUTED, RIGHT, RUNNING_HEAD_H } from '../layout.ts';
import type { Sheet } from '../sheet.ts';
import { textWidth, toWinAnsi, wrapText } from '../text.ts';
import { addressLines, partyLines } from './parties.ts';
import { qrBlock } from './verifactu.ts';

/**
 * The head of page 1: the issuer (logo, name, tax id, address) on the left and the title with
 * number and dates on the right; with VERI*FACTU the QR block sits between them, centred, as AEAT
 * prefers. Leaves `y` under the tallest of the three.
 */
export function header(sheet: Sheet): void {
  const top = sheet.y;
  const qrUrl = sheet.opts.verifactu?.qrUrl;
  const titleW = qrUrl ? 185 : 230;
  const issuerW = qrUrl ? 185 : CONTENT_W - titleW - 20;
  const issuerBottom = issuerBlock(sheet, top, issuerW);
  const titleBottom = titleBlock(sheet, top, titleW);
  const qrBottom = qrUrl ? qrBlock(sheet.pen, top, qrUrl) : top;
  sheet.y = Math.min(issuerBottom, titleBottom, qrBottom) - 16;
}

function issuerBlock(sheet: Sheet, top: number, width: number): number {
  const { pen, logo, inv } = sheet;
  let y = top;
  if (logo) {
    const scale = Math.min(140 / logo.width, 44 / logo.height, 1);
    const w = logo.width * scale;
    const h = logo.height * scale;
    pen.canvas.image(LEFT, y - h, w, h);
    y -= h + 8;
  }
  const issuer = inv.issuer;
  y = pen.paragraph(issuer.name, LEFT, y, width, 'bold', 12, INK);
  y -= 2;
  for (const line of partyLines(sheet, issuer, inv.customer)) {
    y = pen.paragraph(line, LEFT, y, width, 'regular', BODY - 0.5, MUTED);
  }
  if (inv.centre) {
    // The work centre that made it: where the customer brought the car, not the head office.
    y -= 4;
    y = pen.paragraph(
      `${sheet.l.centre}: ${inv.centre.name}`,
      LEFT,
      y,
      width,
      'bold',
      BODY - 0.5,
      INK,
    );
    for (const line of addressLines(inv.centre.address)) {
      y = pen.paragraph(line, LEFT, y, width, 'regular', BODY - 0.5, MUTED);
    }
  }
  return y;
}

function titleBlock(sheet: Sheet, top: number, width: number): number {
  const { pen, inv, l, lang } = sheet;
  const x0 = RIGHT - width;
  let y = top;
  for (const line of wrapText(sheet.title, 'bold', 20, width)) {
    pen.textRight(line, RIGHT, y - 17, 'bold', 20, sheet.accent);
    y -= 24;
  }
  y -= 6;
  const rows: Array<[string, string, boolean]> = [[l.number, sheet.number, true]];
  if (inv.series) rows.push([l.series, inv.series, false]);
  rows.push([l.issueDate, formatDate(inv.issueDate, lang), false]);
  if (inv.operationDate && inv.operationDate !== inv.issueDate) {
    rows.push([l.operationDate, formatDate(inv.operationDate, lang), false]);
  }
  if (inv.payment?.dueDate) rows.push([l.dueDate, formatDate(inv.payment.dueDate, lang), false]);
  for (const [label, value, strong] of rows) {
    const base = y - BODY;
    pen.text(label, x0, base, 'regular', BODY, MUTED);
    const labelW = textWidth(toWinAnsi(label), 'regular', BODY) + 8;
    pen.textRight(value, RIGHT, base, strong ? 'bold' : 'regular', BODY, INK, width - labelW);
    y -= BODY * LEADING + 1.5;
  }
  return y;
}

/** The slim head of every page after the first: issuer on the left, title and number on the right. */
export function runningHead(sheet: Sheet): void {
  const { pen } = sheet;
  const top = sheet.y;
  const base = top - BODY;
  pen.text(sheet.inv.issuer.name, LEFT, base, 'bold', BODY, INK, CONTENT_W / 2);
  const right = `${sheet.title} ${sheet.number} · ${sheet.l.continued}`;
  pen.textRight(right, RIGHT, base, 'regular', BODY, MUTED);
  pen.rule(top - BODY - 6, sheet.accent, 0.8);
  sheet.y = top - RUNNING_HEAD_H;
}
