import { PDFDocument, type PDFFont, type PDFImage, PDFName, type PDFPage } from 'pdf-lib';
import { Canvas, FONT_KEYS, type Rgb } from './canvas.ts';
import {
  formatDate,
  formatIban,
  formatMoney,
  formatNegatedMoney,
  formatPercent,
  formatQuantity,
} from './format.ts';
import { LABELS, type Labels, QR_LEGEND, QR_TITLE } from './labels.ts';
import type {
  Address,
  ComputedLine,
  Invoice,
  Language,
  LineTax,
  PartySnapshot,
  TaxBreakdownRow,
} from './model.ts';
import { qrSymbol } from './qr.ts';
import { type FontName, fontFile, textWidth, toWinAnsi, wrapText } from './text.ts';

export interface RenderOptions {
  /** Print as a draft (watermark, no number). Defaults to `invoice.status === 'draft'`. */
  draft?: boolean;
  branding?: {
    /** `#RRGGBB` or `#RGB`; anything else falls back to Sello's blue. */
    accentColor?: string;
    /** Drawn top-left above the issuer; scaled to fit 140 × 44 pt. */
    logoPng?: Uint8Array;
    /** Small print at the foot of every page (registry data, GDPR notice…). */
    legalFooter?: string;
  };
  /** The AEAT verification URL; the QR and its legends go at the top of page 1. */
  verifactu?: { qrUrl: string };
  /** Creation and modification date written into the file; fixing it makes output byte-stable. */
  now?: Date;
}

// A4 portrait in points, 15 mm side margins.
const MM = 72 / 25.4;
const PAGE_W = 595.28;
const PAGE_H = 841.89;
const MARGIN_X = 15 * MM;
const MARGIN_TOP = 14 * MM;
const MARGIN_BOTTOM = 12 * MM;
const LEFT = MARGIN_X;
const RIGHT = PAGE_W - MARGIN_X;
const CONTENT_W = RIGHT - LEFT;

/** Printed side of the QR symbol, inside AEAT's 30–40 mm window with room on both sides. */
export const QR_SIDE_MM = 34;
const QR_SIDE = QR_SIDE_MM * MM;

const INK: Rgb = [0.13, 0.15, 0.18];
const MUTED: Rgb = [0.4, 0.44, 0.5];
const RULE: Rgb = [0.84, 0.86, 0.89];
const WHITE: Rgb = [1, 1, 1];
const BLACK: Rgb = [0, 0, 0];
const WATERMARK: Rgb = [0.8, 0.1, 0.1];
const DEFAULT_ACCENT = '#1f4e79';

// Type scale: body 9 pt, table 8.5 pt; the QR legends use the body size as AEAT requires.
const BODY = 9;
const SMALL = 7.5;
const TABLE = 8.5;
const LEADING = 1.3;

/** Columns of the lines table, in points; the description takes what is left. */
const PAD = 4;
const COLS = (() => {
  const qty = 40;
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
})();
const TABLE_LINE = TABLE * 1.24;
/** Height of the issuer/number line that heads every page after the first. */
const RUNNING_HEAD_H = BODY + 18;
/** The taxes column follows the discount's right-aligned figure; a wider gap keeps them apart. */
const TAX_PAD = 10;
const HEADER_ROW_H = 18;

interface Row {
  desc: string[];
  qty: string;
  price: string;
  disc: string;
  taxes: string[];
  amount: string;
  height: number;
}

/** Renders an invoice as an A4 PDF. Deterministic for a given invoice, options and `now`. */
export async function renderInvoicePdf(
  invoice: Invoice,
  options: RenderOptions = {},
): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const logo = await embedLogo(doc, options.branding?.logoPng);
  const r = new Renderer(doc, invoice, options, logo);
  r.render();
  return doc.save({ useObjectStreams: false, objectsPerTick: Number.POSITIVE_INFINITY });
}

/** A logo that is not a PNG must not stop an invoice from being issued: it is left out. */
async function embedLogo(doc: PDFDocument, png?: Uint8Array): Promise<PDFImage | undefined> {
  if (!png || png.length === 0) return undefined;
  try {
    return await doc.embedPng(png);
  } catch {
    return undefined;
  }
}

class Renderer {
  private readonly lang: Language;
  private readonly l: Labels;
  private readonly fonts: Record<FontName, PDFFont>;
  private readonly accent: Rgb;
  private readonly accentTint: Rgb;
  private readonly draft: boolean;
  private readonly title: string;
  private readonly number: string;
  private readonly footerLines: string[];
  private readonly bodyBottom: number;
  private readonly pages: Array<{ page: PDFPage; canvas: Canvas }> = [];
  private canvas!: Canvas;
  private y = 0;

  constructor(
    private readonly doc: PDFDocument,
    private readonly inv: Invoice,
    private readonly opts: RenderOptions,
    private readonly logo: PDFImage | undefined,
  ) {
    this.lang = inv.language in LABELS ? inv.language : 'es';
    this.l = LABELS[this.lang];
    this.fonts = {
      regular: doc.embedStandardFont(fontFile('regular')),
      bold: doc.embedStandardFont(fontFile('bold')),
    };
    const [ar, ag, ab] = parseHex(opts.branding?.accentColor) ?? parseHex(DEFAULT_ACCENT)!;
    this.accent = [ar, ag, ab];
    this.accentTint = [mix(ar, 0.9), mix(ag, 0.9), mix(ab, 0.9)];
    this.draft = opts.draft ?? inv.status === 'draft';
    this.title = inv.kind === 'corrective' ? this.l.correctiveInvoice : this.l.invoice;
    this.number = this.draft || !inv.number ? this.l.noNumber : inv.number;
    const footer = opts.branding?.legalFooter?.trim();
    this.footerLines = footer ? wrapText(footer, 'regular', SMALL, CONTENT_W - 90) : [];
    // Footer: legal text (if any) and the page number line, above the bottom margin.
    const footerH = Math.max(1, this.footerLines.length) * SMALL * LEADING;
    this.bodyBottom = MARGIN_BOTTOM + footerH + 14;
  }

  render(): void {
    this.setMetadata();
    this.newPage();
    this.header();
    this.parties();
    this.linesTable();
    this.closing();
    this.finishPages();
  }

  // ---------------------------------------------------------------- document and pages

  private setMetadata(): void {
    const { doc, inv } = this;
    const now = this.opts.now ?? new Date();
    doc.setTitle(`${this.title} ${this.number}`);
    doc.setAuthor(inv.issuer.name);
    doc.setSubject(`${this.title} ${this.number} · ${inv.customer.name}`);
    doc.setCreator('Sello');
    doc.setProducer('Sello');
    doc.setLanguage({ es: 'es-ES', ca: 'ca-ES', en: 'en' }[this.lang]);
    doc.setCreationDate(now);
    doc.setModificationDate(now);
  }

  private newPage(): void {
    this.canvas = new Canvas();
    this.pages.push({ page: this.doc.addPage([PAGE_W, PAGE_H]), canvas: this.canvas });
    this.y = PAGE_H - MARGIN_TOP;
  }

  /** A page after the first: a slim running head so a loose sheet still says whose it is. */
  private continuationPage(): void {
    this.newPage();
    const top = this.y;
    const base = top - BODY;
    this.text(this.inv.issuer.name, LEFT, base, 'bold', BODY, INK, CONTENT_W / 2);
    const right = `${this.title} ${this.number} · ${this.l.continued}`;
    this.textRight(right, RIGHT, base, 'regular', BODY, MUTED);
    this.rule(top - BODY - 6, this.accent, 0.8);
    this.y = top - RUNNING_HEAD_H;
  }

  private finishPages(): void {
    const total = this.pages.length;
    const { context } = this.doc;
    const translucent = this.draft
      ? context.obj({ Type: 'ExtGState', ca: 0.13, CA: 0.13 })
      : undefined;
    this.pages.forEach(({ page, canvas }, i) => {
      this.canvas = canvas;
      const numberLine = MARGIN_BOTTOM;
      this.rule(numberLine + Math.max(1, this.footerLines.length) * SMALL * LEADING + 2, RULE, 0.5);
      this.textRight(this.l.page(i + 1, total), RIGHT, numberLine, 'regular', SMALL, MUTED);
      // Legal text grows upwards from the page-number line so it always ends at the margin.
      const n = this.footerLines.length;
      this.footerLines.forEach((line, j) => {
        this.text(line, LEFT, numberLine + (n - 1 - j) * SMALL * LEADING, 'regular', SMALL, MUTED);
      });
      if (this.draft) this.watermark();
      const node = page.node;
      node.setFontDictionary(PDFName.of(FONT_KEYS.regular), this.fonts.regular.ref);
      node.setFontDictionary(PDFName.of(FONT_KEYS.bold), this.fonts.bold.ref);
      if (translucent) node.setExtGState(PDFName.of('GS1'), translucent);
      if (i === 0 && this.logo) node.setXObject(PDFName.of('Im1'), this.logo.ref);
      const stream = context.stream(canvas.deflate(), { Filter: 'FlateDecode' });
      node.addContentStream(context.register(stream));
    });
  }

  /** Diagonal, translucent and on top, so it cannot be hidden by a filled box underneath. */
  private watermark(): void {
    const word = toWinAnsi(this.l.draft);
    const angle = Math.atan2(PAGE_H, PAGE_W);
    const diag = Math.hypot(PAGE_W, PAGE_H);
    const size = Math.min(140, (diag * 0.62) / textWidth(word, 'bold', 1));
    const w = textWidth(word, 'bold', size);
    const capH = size * 0.72;
    const cos = Math.cos(angle);
    const sin = Math.sin(angle);
    const x = PAGE_W / 2 - (w / 2) * cos + (capH / 2) * sin;
    const y = PAGE_H / 2 - (w / 2) * sin - (capH / 2) * cos;
    this.canvas.rotatedText(word, x, y, angle, 'bold', size, WATERMARK);
  }

  // ---------------------------------------------------------------- page 1 head

  private header(): void {
    const top = this.y;
    const qrUrl = this.opts.verifactu?.qrUrl;
    // With a QR the head has three columns: issuer, QR (centred, as AEAT prefers), title.
    const titleW = qrUrl ? 185 : 230;
    const issuerW = qrUrl ? 185 : CONTENT_W - titleW - 20;
    const issuerBottom = this.issuerBlock(top, issuerW);
    const titleBottom = this.titleBlock(top, titleW);
    const qrBottom = qrUrl ? this.qrBlock(top, qrUrl) : top;
    this.y = Math.min(issuerBottom, titleBottom, qrBottom) - 16;
  }

  private issuerBlock(top: number, width: number): number {
    let y = top;
    if (this.logo) {
      const scale = Math.min(140 / this.logo.width, 44 / this.logo.height, 1);
      const w = this.logo.width * scale;
      const h = this.logo.height * scale;
      this.canvas.image(LEFT, y - h, w, h);
      y -= h + 8;
    }
    const issuer = this.inv.issuer;
    y = this.paragraph(issuer.name, LEFT, y, width, 'bold', 12, INK);
    y -= 2;
    for (const line of this.partyLines(issuer, this.inv.customer)) {
      y = this.paragraph(line, LEFT, y, width, 'regular', BODY - 0.5, MUTED);
    }
    return y;
  }

  private titleBlock(top: number, width: number): number {
    const x0 = RIGHT - width;
    let y = top;
    for (const line of wrapText(this.title, 'bold', 20, width)) {
      this.textRight(line, RIGHT, y - 17, 'bold', 20, this.accent);
      y -= 24;
    }
    y -= 6;
    const inv = this.inv;
    const l = this.l;
    const rows: Array<[string, string, boolean]> = [[l.number, this.number, true]];
    if (inv.series) rows.push([l.series, inv.series, false]);
    rows.push([l.issueDate, formatDate(inv.issueDate, this.lang), false]);
    if (inv.operationDate && inv.operationDate !== inv.issueDate) {
      rows.push([l.operationDate, formatDate(inv.operationDate, this.lang), false]);
    }
    if (inv.payment?.dueDate)
      rows.push([l.dueDate, formatDate(inv.payment.dueDate, this.lang), false]);
    for (const [label, value, strong] of rows) {
      const base = y - BODY;
      this.text(label, x0, base, 'regular', BODY, MUTED);
      const labelW = textWidth(toWinAnsi(label), 'regular', BODY) + 8;
      this.textRight(value, RIGHT, base, strong ? 'bold' : 'regular', BODY, INK, width - labelW);
      y -= BODY * LEADING + 1.5;
    }
    return y;
  }

  /** The QR with AEAT's legends, centred on the page; nothing is drawn in its quiet zone. */
  private qrBlock(top: number, url: string): number {
    const symbol = qrSymbol(url);
    const m = QR_SIDE / symbol.size;
    const quiet = 4 * m;
    const cx = PAGE_W / 2;
    let y = top;
    this.textCentered(QR_TITLE, cx, y - BODY, 'regular', BODY, INK);
    y -= BODY * LEADING + quiet;
    const x0 = cx - QR_SIDE / 2;
    const symbolTop = y;
    const rects = symbol.runs.map(
      ([row, col, len]) => [x0 + col * m, symbolTop - (row + 1) * m, len * m, m] as const,
    );
    this.canvas.rects(rects, BLACK);
    y -= QR_SIDE + quiet;
    this.textCentered(QR_LEGEND, cx, y - BODY, 'bold', BODY, INK);
    return y - BODY * LEADING;
  }

  /** Customer on the left; for a corrective invoice, what it corrects on the right. */
  private parties(): void {
    const top = this.y;
    const half = (CONTENT_W - 24) / 2;
    let y = top;
    this.text(this.l.customer.toUpperCase(), LEFT, y - SMALL, 'bold', SMALL, this.accent);
    y -= SMALL * LEADING + 3;
    const c = this.inv.customer;
    y = this.paragraph(c.name, LEFT, y, half, 'bold', 10.5, INK);
    y -= 1;
    for (const line of this.partyLines(c, this.inv.issuer)) {
      y = this.paragraph(line, LEFT, y, half, 'regular', BODY, INK);
    }
    const rightBottom = this.correctiveBox(top, RIGHT - half, half);
    this.y = Math.min(y, rightBottom) - 18;
  }

  private correctiveBox(top: number, x: number, width: number): number {
    const cd = this.inv.corrective;
    if (this.inv.kind !== 'corrective' || !cd) return top;
    const l = this.l;
    const lang = this.lang;
    const inner = width - 20;
    const lines: Array<[string, FontName]> = [
      [`${l.corrects} ${cd.originalNumber}`, 'bold'],
      [
        `${cd.originalSeries ? `${l.series}: ${cd.originalSeries} · ` : ''}${l.issueDate}: ${formatDate(cd.originalIssueDate, lang)}`,
        'regular',
      ],
      [`${l.reason}: ${cd.reasonCode} – ${cd.reasonDescription}`, 'regular'],
      [`${l.method}: ${l.methods[cd.method]}`, 'regular'],
      [
        `${l.period}: ${formatDate(cd.period.start, lang)} – ${formatDate(cd.period.end, lang)}`,
        'regular',
      ],
    ];
    const wrapped = lines.flatMap(([t, f]) =>
      wrapText(t, f, BODY, inner).map((s) => [s, f] as const),
    );
    const h = wrapped.length * BODY * LEADING + 16;
    this.canvas.rect(x, top - h, width, h, this.accentTint);
    this.canvas.rect(x, top - h, 2.5, h, this.accent);
    let y = top - 8;
    for (const [s, f] of wrapped) {
      this.text(s, x + 12, y - BODY, f, BODY, INK);
      y -= BODY * LEADING;
    }
    return top - h;
  }

  /** Tax id, address, country when the other party is elsewhere, e-mail. */
  private partyLines(p: PartySnapshot, other: PartySnapshot): string[] {
    const lines = [`${this.l.taxId} ${p.taxId}`, ...addressLines(p.address)];
    if (p.address.country !== other.address.country)
      lines.push(countryName(p.address.country, this.lang));
    if (p.email) lines.push(p.email);
    return lines;
  }

  // ---------------------------------------------------------------- lines table

  private linesTable(): void {
    const rows = this.inv.lines.map((line) => this.row(line));
    this.tableHeader();
    for (const row of rows) {
      if (this.y - row.height < this.bodyBottom) {
        if (row.height > this.capacityOfFreshPage()) {
          this.splitRow(row);
          continue;
        }
        this.continuationPage();
        this.tableHeader();
      }
      this.drawRow(row);
    }
  }

  /** Height available for rows on a continuation page, below its running head and table header. */
  private capacityOfFreshPage(): number {
    return PAGE_H - MARGIN_TOP - RUNNING_HEAD_H - HEADER_ROW_H - this.bodyBottom;
  }

  /**
   * Only a description longer than a whole page can force a row across pages; then its text is
   * continued under a repeated header, with the numbers printed once on the first part.
   */
  private splitRow(row: Row): void {
    let rest = row.desc;
    let first = true;
    while (rest.length > 0) {
      const room = Math.floor((this.y - this.bodyBottom - 2 * PAD) / TABLE_LINE);
      if (room < 1) {
        this.continuationPage();
        this.tableHeader();
        continue;
      }
      const part = rest.slice(0, room);
      rest = rest.slice(room);
      const blank = { qty: '', price: '', disc: '', taxes: [] as string[], amount: '' };
      const piece = first ? row : { ...row, ...blank };
      this.drawRow({ ...piece, desc: part, height: part.length * TABLE_LINE + 2 * PAD + 2 });
      first = false;
      if (rest.length > 0) {
        this.continuationPage();
        this.tableHeader();
      }
    }
  }

  private row(line: ComputedLine): Row {
    const lang = this.lang;
    const desc = wrapText(line.description, 'regular', TABLE, COLS.desc.w - 2 * PAD);
    const taxes = line.taxes.flatMap((t) =>
      wrapText(this.lineTaxLabel(t), 'regular', TABLE, COLS.taxes.w - TAX_PAD - PAD),
    );
    const disc =
      line.discountRate && !/^0*(\.0*)?$/.test(line.discountRate)
        ? formatPercent(line.discountRate, lang)
        : '';
    const n = Math.max(desc.length, taxes.length, 1);
    return {
      desc,
      qty: formatQuantity(line.quantity, lang),
      price: formatMoney(line.unitPrice, lang),
      disc,
      taxes,
      amount: formatMoney(line.net, lang),
      height: n * TABLE_LINE + 2 * PAD + 2,
    };
  }

  private lineTaxLabel(t: LineTax): string {
    if (t.exemption) return `${t.type} ${this.l.exempt}`;
    if (t.notSubject) return `${t.type} ${this.l.notSubject}`;
    return `${t.type} ${formatPercent(t.rate, this.lang)}`;
  }

  private tableHeader(): void {
    const top = this.y;
    this.canvas.rect(LEFT, top - HEADER_ROW_H, CONTENT_W, HEADER_ROW_H, this.accent);
    const base = top - HEADER_ROW_H / 2 - SMALL * 0.36;
    const l = this.l;
    const f: FontName = 'bold';
    this.text(l.description, COLS.desc.x + PAD, base, f, SMALL + 0.5, WHITE);
    this.cellRight(l.quantity, COLS.qty, base, f, SMALL + 0.5, WHITE);
    this.cellRight(l.unitPrice, COLS.price, base, f, SMALL + 0.5, WHITE);
    this.cellRight(l.discount, COLS.disc, base, f, SMALL + 0.5, WHITE);
    this.text(l.taxes, COLS.taxes.x + TAX_PAD, base, f, SMALL + 0.5, WHITE);
    this.cellRight(l.amount, COLS.amount, base, f, SMALL + 0.5, WHITE);
    this.y = top - HEADER_ROW_H;
  }

  private drawRow(row: Row): void {
    const top = this.y;
    const first = top - PAD - TABLE;
    row.desc.forEach((s, i) => {
      this.text(s, COLS.desc.x + PAD, first - i * TABLE_LINE, 'regular', TABLE, INK);
    });
    row.taxes.forEach((s, i) => {
      this.text(s, COLS.taxes.x + TAX_PAD, first - i * TABLE_LINE, 'regular', TABLE, INK);
    });
    this.cellRight(row.qty, COLS.qty, first, 'regular', TABLE, INK);
    this.cellRight(row.price, COLS.price, first, 'regular', TABLE, INK);
    this.cellRight(row.disc, COLS.disc, first, 'regular', TABLE, INK);
    this.cellRight(row.amount, COLS.amount, first, 'regular', TABLE, INK);
    this.y = top - row.height;
    this.rule(this.y, RULE, 0.5);
  }

  // ---------------------------------------------------------------- breakdown, totals, payment, notes

  /**
   * Everything after the lines is one block that stays together: if it does not fit under the
   * last row it moves, whole, to a new page, so the totals are always with the breakdown and
   * payment details on the last page. Only when notes make the block taller than a page do the
   * notes flow on; breakdown, totals and payment still stay together.
   */
  private closing(): void {
    const gap = 16;
    const summaryH = this.summary(false);
    const extras = this.extras();
    const extrasH = extras.reduce((h, e) => h + e.height, 0);
    const all = gap + summaryH + extrasH;
    const fresh = PAGE_H - MARGIN_TOP - RUNNING_HEAD_H - this.bodyBottom;
    const payment = extras.find((e) => e.kind === 'payment')?.height ?? 0;
    const need = all <= fresh ? all : gap + summaryH + payment;
    if (this.y - need < this.bodyBottom) {
      this.continuationPage();
    } else {
      this.y -= gap;
    }
    this.summary(true);
    for (const e of extras) {
      for (const [i, piece] of e.lines.entries()) {
        const h = i === 0 ? piece.height + e.lead : piece.height;
        if (this.y - h < this.bodyBottom) this.continuationPage();
        if (i === 0) this.y -= e.lead;
        this.text(piece.text, LEFT, this.y - piece.size, piece.font, piece.size, piece.color);
        this.y -= piece.height;
      }
    }
  }

  /** Breakdown table (left) and totals (right). Measures only when `draw` is false. */
  private summary(draw: boolean): number {
    const top = this.y;
    const l = this.l;
    const lang = this.lang;
    const totalsW = 200;
    const breakdownW = CONTENT_W - totalsW - 28;
    // Breakdown columns inside breakdownW.
    const cAmount = { x: LEFT + breakdownW - 72, w: 72 };
    const cRate = { x: cAmount.x - 48, w: 48 };
    const cBase = { x: cRate.x - 76, w: 76 };
    const cTax = { x: LEFT, w: cBase.x - LEFT };
    const rowH = BODY * LEADING + 5;

    let y = top;
    if (draw) this.text(l.taxBreakdown.toUpperCase(), LEFT, y - SMALL, 'bold', SMALL, this.accent);
    y -= SMALL * LEADING + 4;
    if (draw) {
      const base = y - SMALL - 2;
      this.text(l.tax, cTax.x, base, 'bold', SMALL, MUTED);
      this.cellRight(l.base, cBase, base, 'bold', SMALL, MUTED);
      this.cellRight(l.rate, cRate, base, 'bold', SMALL, MUTED);
      this.cellRight(l.taxAmount, cAmount, base, 'bold', SMALL, MUTED);
      this.rule(y - SMALL - 6, RULE, 0.5, LEFT, LEFT + breakdownW);
    }
    y -= SMALL + 6;
    for (const b of this.inv.breakdown) {
      const names = wrapText(this.breakdownName(b), 'regular', BODY, cTax.w - PAD);
      const h = (names.length - 1) * BODY * LEADING + rowH;
      if (draw) {
        const base = y - BODY - 3;
        names.forEach((s, i) => {
          this.text(s, cTax.x, base - i * BODY * LEADING, 'regular', BODY, INK);
        });
        this.cellRight(formatMoney(b.base, lang), cBase, base, 'regular', BODY, INK);
        this.cellRight(formatPercent(b.rate, lang), cRate, base, 'regular', BODY, INK);
        const amount = b.withheld
          ? formatNegatedMoney(b.amount, lang)
          : formatMoney(b.amount, lang);
        this.cellRight(amount, cAmount, base, 'regular', BODY, INK);
        this.rule(y - h, RULE, 0.5, LEFT, LEFT + breakdownW);
      }
      y -= h;
    }
    const leftBottom = y;

    // Totals.
    const x0 = RIGHT - totalsW;
    const col = { x: x0, w: totalsW };
    const totals = this.inv.totals;
    const taxTypes = distinct(this.inv.breakdown.filter((b) => !b.withheld).map((b) => b.type));
    const heldTypes = distinct(this.inv.breakdown.filter((b) => b.withheld).map((b) => b.type));
    const rows: Array<[string, string]> = [
      [l.taxableBase, formatMoney(totals.net, lang)],
      [taxTypes.length > 0 ? taxTypes.join(' + ') : l.taxes, formatMoney(totals.tax, lang)],
    ];
    if (heldTypes.length > 0) {
      rows.push([l.withholding(heldTypes.join(' + ')), formatNegatedMoney(totals.withheld, lang)]);
    }
    y = top;
    for (const [label, value] of rows) {
      if (draw) {
        const base = y - BODY - 3;
        this.text(label, x0 + 8, base, 'regular', BODY, MUTED, totalsW / 2);
        this.cellRight(value, col, base, 'regular', BODY, INK);
      }
      y -= rowH;
    }
    const totalH = 26;
    y -= 4;
    if (draw) {
      this.canvas.rect(x0, y - totalH, totalsW, totalH, this.accentTint);
      this.canvas.rect(x0, y, totalsW, 1.2, this.accent);
      const base = y - totalH / 2 - 4;
      this.text(l.total, x0 + 8, base, 'bold', 12, this.accent);
      this.cellRight(formatMoney(totals.total, lang), col, base, 'bold', 12, this.accent);
    }
    y -= totalH;
    const bottom = Math.min(leftBottom, y);
    if (draw) this.y = bottom;
    return top - bottom;
  }

  private breakdownName(b: TaxBreakdownRow): string {
    if (b.exemption) return `${b.type} ${this.l.exempt} (${b.exemption})`;
    if (b.notSubject) return `${b.type} ${this.l.notSubject} (${b.notSubject})`;
    return b.type;
  }

  /** Payment terms and notes as lists of lines, so they can be measured and, if huge, flowed. */
  private extras(): Extra[] {
    const out: Extra[] = [];
    const l = this.l;
    const p = this.inv.payment;
    const line = (
      text: string,
      font: FontName = 'regular',
      size = BODY,
      color: Rgb = INK,
    ): ExtraLine => ({
      text,
      font,
      size,
      color,
      height: size * LEADING,
    });
    if (p) {
      const lines: ExtraLine[] = [line(l.payment.toUpperCase(), 'bold', SMALL, this.accent)];
      lines.push(line(l.paymentMeans[p.means], 'bold'));
      if (p.iban) lines.push(line(`${l.iban}  ${formatIban(p.iban)}`));
      if (p.terms) {
        for (const s of wrapText(p.terms, 'regular', BODY, CONTENT_W)) lines.push(line(s));
      }
      out.push(extra('payment', lines, 18));
    }
    const notes = this.inv.notes?.trim();
    if (notes) {
      const lines: ExtraLine[] = [line(l.notes.toUpperCase(), 'bold', SMALL, this.accent)];
      for (const s of wrapText(notes, 'regular', BODY, CONTENT_W)) lines.push(line(s));
      out.push(extra('notes', lines, 14));
    }
    return out;
  }

  // ---------------------------------------------------------------- drawing primitives

  /** Draws one line of text; `maxWidth` shrinks the size rather than letting it overflow. */
  private text(
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

  private textRight(
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

  private textCentered(
    s: string,
    cx: number,
    y: number,
    font: FontName,
    size: number,
    color: Rgb,
  ): void {
    const t = toWinAnsi(s);
    this.canvas.text(t, cx - textWidth(t, font, size) / 2, y, font, size, color);
  }

  /** Right-aligned inside a table column, shrunk to fit so a huge amount never hits its neighbour. */
  private cellRight(
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
  private paragraph(
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

  private rule(y: number, color: Rgb, thickness: number, x0 = LEFT, x1 = RIGHT): void {
    this.canvas.hline(x0, x1, y, thickness, color);
  }
}

interface ExtraLine {
  text: string;
  font: FontName;
  size: number;
  color: Rgb;
  height: number;
}

interface Extra {
  kind: 'payment' | 'notes';
  lines: ExtraLine[];
  /** Space above the block. */
  lead: number;
  height: number;
}

const extra = (kind: Extra['kind'], lines: ExtraLine[], lead: number): Extra => ({
  kind,
  lines,
  lead,
  height: lead + lines.reduce((h, l) => h + l.height, 0),
});

function addressLines(a: Address): string[] {
  const lines = [a.line1];
  if (a.line2) lines.push(a.line2);
  const city = [a.postalCode, a.city].filter(Boolean).join(' ');
  const withProvince =
    a.province && a.province.toLowerCase() !== a.city.toLowerCase()
      ? `${city} (${a.province})`
      : city;
  lines.push(withProvince);
  return lines;
}

const regionNames = new Map<Language, Intl.DisplayNames>();

/** Country name in the invoice language, from the runtime's ICU data (no table to maintain). */
function countryName(code: string, lang: Language): string {
  let names = regionNames.get(lang);
  if (!names) {
    names = new Intl.DisplayNames([lang], { type: 'region' });
    regionNames.set(lang, names);
  }
  try {
    return names.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

const distinct = <T>(xs: T[]): T[] => [...new Set(xs)];

function parseHex(value?: string): [number, number, number] | undefined {
  const m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(value?.trim() ?? '');
  if (!m) return undefined;
  let hex = m[1]!;
  if (hex.length === 3) hex = [...hex].map((c) => c + c).join('');
  const n = Number.parseInt(hex, 16);
  return [((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255];
}

/** Blends a channel towards white: the tint behind the total and the corrective reference. */
const mix = (c: number, white: number): number => c + (1 - c) * white;
