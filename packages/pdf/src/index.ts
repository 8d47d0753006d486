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
export {
  CFDI_QR_SIDE_MM,
  type CfdiPrint,
  QR_SIDE_MM,
  type RenderOptions,
  renderInvoicePdf,
} from './render.ts';
export { toWinAnsi } from './text.ts';
