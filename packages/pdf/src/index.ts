export {
  formatDate,
  formatDecimal,
  formatIban,
  formatMoney,
  formatNegatedMoney,
  formatPercent,
  formatQuantity,
} from './format.ts';
export { LABELS, type Labels, QR_LEGEND, QR_TITLE } from './labels.ts';
export { QR_SIDE_MM, type RenderOptions, renderInvoicePdf } from './render.ts';
export { toWinAnsi } from './text.ts';
