import { formatMoney, formatPercent, formatQuantity } from '../format.ts';
import {
  CONTENT_W,
  INK,
  LEFT,
  MARGIN_TOP,
  PAD,
  PAGE_H,
  RULE,
  RUNNING_HEAD_H,
  SMALL,
  TABLE,
  WHITE,
} from '../layout.ts';
import type { ComputedLine, LineTax } from '../model.ts';
import type { Sheet } from '../sheet.ts';
import { type FontName, textWidth, toWinAnsi, wrapText } from '../text.ts';
import { unitLabel } from '../units.ts';

/** The quantity column's usual width, and how far it grows for a wider cell (mostly a unit). */
const QTY_W = 40;
const QTY_MAX_W = 72;

interface Column {
  x: number;
  w: number;
}

/** Columns of the lines table, in points; the description takes what is left. */
export interface Columns {
  desc: Column;
  qty: Column;
  price: Column;
  disc: Column;
  taxes: Column;
  amount: Column;
}

function columnsFor(qty: number): Columns {
  const price = 64;
  const disc = 38;
  const taxes = 62;
  const amount = 74;
  const desc = CONTENT_W - qty - price - disc - taxes - amount;
  let x = LEFT;
  const at = (w: number) => {
    const c = { x, w };
    x += w;
    return c;
  };
  return {
    desc: at(desc),
    qty: at(qty),
    price: at(price),
    disc: at(disc),
    taxes: at(taxes),
    amount: at(amount),
  };
}

/**
 * The columns for this invoice: the quantity column fits its widest cell ("2 h", "12 cajas")
 * between 40 and 72 pt, taking the room from the description; past that the cell shrinks to fit.
 */
export function columns(sheet: Sheet): Columns {
  let widest = 0;
  for (const line of sheet.inv.lines) {
    const w = textWidth(toWinAnsi(quantityCell(sheet, line)), 'regular', TABLE) + 2 * PAD;
    if (w > widest) widest = w;
  }
  return columnsFor(widest <= QTY_W ? QTY_W : Math.min(QTY_MAX_W, Math.ceil(widest)));
}

/** The quantity with its unit, if the unit says more than "units". */
function quantityCell(sheet: Sheet, line: ComputedLine): string {
  const qty = formatQuantity(line.quantity, sheet.lang);
  const unit = unitLabel(line.unit, line.quantity, sheet.lang);
  return unit ? `${qty} ${unit}` : qty;
}

const TABLE_LINE = TABLE * 1.24;
/** The taxes column follows the discount's right-aligned figure; a wider gap keeps them apart. */
const TAX_PAD = 10;
const HEADER_ROW_H = 18;

/** One line of the invoice as printed: its cells, wrapped, and the height they take. */
export interface Row {
  desc: string[];
  qty: string;
  price: string;
  disc: string;
  taxes: string[];
  amount: string;
  height: number;
}

/**
 * The lines table under a coloured header row. A row never splits across pages: it moves to the
 * next one, under a running head and a repeated header; only a description taller than a whole
 * page is split (see `splitRow`).
 */
export function linesTable(sheet: Sheet): void {
  const cols = columns(sheet);
  const rows = sheet.inv.lines.map((line) => row(sheet, cols, line));
  tableHeader(sheet, cols);
  for (const r of rows) {
    if (sheet.y - r.height < sheet.bodyBottom) {
      if (r.height > capacityOfFreshPage(sheet)) {
        splitRow(sheet, cols, r);
        continue;
      }
      sheet.continuationPage();
      tableHeader(sheet, cols);
    }
    drawRow(sheet, cols, r);
  }
}

/** Height available for rows on a continuation page, below its running head and table header. */
function capacityOfFreshPage(sheet: Sheet): number {
  return PAGE_H - MARGIN_TOP - RUNNING_HEAD_H - HEADER_ROW_H - sheet.bodyBottom;
}

/**
 * Only a description longer than a whole page can force a row across pages; then its text is
 * continued under a repeated header, with the numbers printed once on the first part.
 */
function splitRow(sheet: Sheet, cols: Columns, row: Row): void {
  let rest = row.desc;
  let first = true;
  while (rest.length > 0) {
    const room = Math.floor((sheet.y - sheet.bodyBottom - 2 * PAD) / TABLE_LINE);
    if (room < 1) {
      sheet.continuationPage();
      tableHeader(sheet, cols);
      continue;
    }
    const part = rest.slice(0, room);
    rest = rest.slice(room);
    const blank = { qty: '', price: '', disc: '', taxes: [] as string[], amount: '' };
    const piece = first ? row : { ...row, ...blank };
    drawRow(sheet, cols, { ...piece, desc: part, height: part.length * TABLE_LINE + 2 * PAD + 2 });
    first = false;
    if (rest.length > 0) {
      sheet.continuationPage();
      tableHeader(sheet, cols);
    }
  }
}

/** A line's cells as printed, in the invoice language. */
export function row(sheet: Sheet, cols: Columns, line: ComputedLine): Row {
  const { lang } = sheet;
  const desc = wrapText(line.description, 'regular', TABLE, cols.desc.w - 2 * PAD);
  const taxes = line.taxes.flatMap((t) =>
    wrapText(lineTaxLabel(sheet, t), 'regular', TABLE, cols.taxes.w - TAX_PAD - PAD),
  );
  const disc =
    line.discountRate && !/^0*(\.0*)?$/.test(line.discountRate)
      ? formatPercent(line.discountRate, lang)
      : '';
  const n = Math.max(desc.length, taxes.length, 1);
  return {
    desc,
    qty: quantityCell(sheet, line),
    price: formatMoney(line.unitPrice, lang, sheet.inv.currency),
    disc,
    taxes,
    amount: formatMoney(line.net, lang, sheet.inv.currency),
    height: n * TABLE_LINE + 2 * PAD + 2,
  };
}

function lineTaxLabel(sheet: Sheet, t: LineTax): string {
  if (t.exemption) return `${t.type} ${sheet.l.exempt}`;
  if (t.notSubject) return `${t.type} ${sheet.l.notSubject}`;
  return `${t.type} ${formatPercent(t.rate, sheet.lang)}`;
}

function tableHeader(sheet: Sheet, cols: Columns): void {
  const { pen, l } = sheet;
  const top = sheet.y;
  pen.canvas.rect(LEFT, top - HEADER_ROW_H, CONTENT_W, HEADER_ROW_H, sheet.accent);
  const base = top - HEADER_ROW_H / 2 - SMALL * 0.36;
  const f: FontName = 'bold';
  pen.text(l.description, cols.desc.x + PAD, base, f, SMALL + 0.5, WHITE);
  pen.cellRight(l.quantity, cols.qty, base, f, SMALL + 0.5, WHITE);
  pen.cellRight(l.unitPrice, cols.price, base, f, SMALL + 0.5, WHITE);
  pen.cellRight(l.discount, cols.disc, base, f, SMALL + 0.5, WHITE);
  pen.text(l.taxes, cols.taxes.x + TAX_PAD, base, f, SMALL + 0.5, WHITE);
  pen.cellRight(l.amount, cols.amount, base, f, SMALL + 0.5, WHITE);
  sheet.y = top - HEADER_ROW_H;
}

function drawRow(sheet: Sheet, cols: Columns, row: Row): void {
  const { pen } = sheet;
  const top = sheet.y;
  const first = top - PAD - TABLE;
  row.desc.forEach((s, i) => {
    pen.text(s, cols.desc.x + PAD, first - i * TABLE_LINE, 'regular', TABLE, INK);
  });
  row.taxes.forEach((s, i) => {
    pen.text(s, cols.taxes.x + TAX_PAD, first - i * TABLE_LINE, 'regular', TABLE, INK);
  });
  pen.cellRight(row.qty, cols.qty, first, 'regular', TABLE, INK);
  pen.cellRight(row.price, cols.price, first, 'regular', TABLE, INK);
  pen.cellRight(row.disc, cols.disc, first, 'regular', TABLE, INK);
  pen.cellRight(row.amount, cols.amount, first, 'regular', TABLE, INK);
  sheet.y = top - row.height;
  pen.rule(sheet.y, RULE, 0.5);
}
