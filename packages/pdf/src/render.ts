import { PDFDocument, type PDFImage, PDFName } from 'pdf-lib';
import { FONT_KEYS } from './canvas.ts';
import { MARGIN_TOP, PAGE_H, PAGE_W, RUNNING_HEAD_H } from './layout.ts';
import type { Invoice } from './model.ts';
import type { RenderOptions } from './options.ts';
import { cfdiDetails, cfdiStamp } from './sections/cfdi.ts';
import { claimBlock } from './sections/claim.ts';
import { pageFooter } from './sections/footer.ts';
import { header, runningHead } from './sections/header.ts';
import { linesTable } from './sections/lines.ts';
import { parties } from './sections/parties.ts';
import { drawBlocks, paymentAndNotes } from './sections/payment-notes.ts';
import { summary } from './sections/totals.ts';
import { watermark } from './sections/watermark.ts';
import { Sheet } from './sheet.ts';
import { fontFile } from './text.ts';

export type { CfdiPrint } from '@sello/formats/cfdi';
export type { RenderOptions } from './options.ts';
export { CFDI_QR_SIDE_MM } from './sections/cfdi.ts';
export { QR_SIDE_MM } from './sections/verifactu.ts';

/**
 * Renders an invoice as an A4 PDF. Deterministic for a given invoice, options and `now`.
 *
 * The page is composed top-down from the sections (`sections/`): the head of page 1 (issuer,
 * title, the VERI*FACTU QR), the parties, the lines table, then the closing block (breakdown and
 * totals, payment, notes). Each draws on a `Sheet`, which starts continuation pages with their
 * running head; once every page exists, each gets its footer (and a draft its watermark) and
 * becomes a pdf-lib page with our content stream.
 */
export async function renderInvoicePdf(
  invoice: Invoice,
  options: RenderOptions = {},
): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const logo = await embedLogo(doc, options.branding?.logo);
  const fonts = {
    regular: doc.embedStandardFont(fontFile('regular')),
    bold: doc.embedStandardFont(fontFile('bold')),
  };
  const sheet = new Sheet(invoice, options, logo, runningHead);
  setMetadata(doc, sheet, options.now ?? new Date());

  sheet.newPage();
  header(sheet);
  parties(sheet);
  claimBlock(sheet);
  cfdiDetails(sheet);
  linesTable(sheet);
  closing(sheet);
  cfdiStamp(sheet);

  const total = sheet.pages.length;
  const pages = sheet.pages.map(() => doc.addPage([PAGE_W, PAGE_H]));
  const { context } = doc;
  const translucent = sheet.draft
    ? context.obj({ Type: 'ExtGState', ca: 0.13, CA: 0.13 })
    : undefined;
  sheet.pages.forEach((pen, i) => {
    pageFooter(sheet, pen, i, total);
    if (sheet.draft) watermark(pen, sheet.l.draft);
    const node = pages[i]!.node;
    node.setFontDictionary(PDFName.of(FONT_KEYS.regular), fonts.regular.ref);
    node.setFontDictionary(PDFName.of(FONT_KEYS.bold), fonts.bold.ref);
    if (translucent) node.setExtGState(PDFName.of('GS1'), translucent);
    if (i === 0 && logo) node.setXObject(PDFName.of('Im1'), logo.ref);
    const stream = context.stream(pen.canvas.deflate(), { Filter: 'FlateDecode' });
    node.addContentStream(context.register(stream));
  });
  return doc.save({ useObjectStreams: false, objectsPerTick: Number.POSITIVE_INFINITY });
}

/**
 * PNG or JPEG, told by the first bytes. A logo that is neither, or broken, must not stop an
 * invoice from being issued: it is left out.
 */
async function embedLogo(doc: PDFDocument, bytes?: Uint8Array): Promise<PDFImage | undefined> {
  if (!bytes || bytes.length < 4) return undefined;
  try {
    if (bytes[0] === 0x89 && bytes[1] === 0x50) return await doc.embedPng(bytes);
    if (bytes[0] === 0xff && bytes[1] === 0xd8) return await doc.embedJpg(bytes);
  } catch {
    // broken: left out, as above
  }
  return undefined;
}

function setMetadata(doc: PDFDocument, sheet: Sheet, now: Date): void {
  const { inv, title, number } = sheet;
  doc.setTitle(`${title} ${number}`);
  doc.setAuthor(inv.issuer.name);
  doc.setSubject(`${title} ${number} · ${inv.customer.name}`);
  doc.setCreator('Sello');
  doc.setProducer('Sello');
  doc.setLanguage({ es: 'es-ES', ca: 'ca-ES', en: 'en' }[sheet.lang]);
  doc.setCreationDate(now);
  doc.setModificationDate(now);
}

/**
 * Everything after the lines is one block that stays together: if it does not fit under the
 * last row it moves, whole, to a new page, so the totals are always with the breakdown and
 * payment details on the last page. Only when notes make the block taller than a page do the
 * notes flow on; breakdown, totals and payment still stay together.
 */
function closing(sheet: Sheet): void {
  const gap = 16;
  const summaryH = summary(sheet, false);
  const blocks = paymentAndNotes(sheet);
  const blocksH = blocks.reduce((h, b) => h + b.height, 0);
  const all = gap + summaryH + blocksH;
  const fresh = PAGE_H - MARGIN_TOP - RUNNING_HEAD_H - sheet.bodyBottom;
  const payment = blocks.find((b) => b.kind === 'payment')?.height ?? 0;
  const need = all <= fresh ? all : gap + summaryH + payment;
  if (sheet.y - need < sheet.bodyBottom) {
    sheet.continuationPage();
  } else {
    sheet.y -= gap;
  }
  summary(sheet, true);
  drawBlocks(sheet, blocks);
}
