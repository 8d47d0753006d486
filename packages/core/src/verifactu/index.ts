export {
  type AltaOptions,
  buildRegistroAlta,
  importeTotal,
  RECIPIENT_ID_TYPES,
  type RecipientIdType,
  TIPO_FACTURA_BY_REASON,
  tipoFacturaOf,
} from './alta.ts';
export { type AnulacionOptions, buildRegistroAnulacion } from './anulacion.ts';
export { type ChainCheck, verifyChain } from './chain.ts';
export { fechaHoraHuso } from './format.ts';
export * from './huella.ts';
export { QR_BASE_URL, qrUrl } from './qr.ts';
export * from './record.ts';
export * from './remedy.ts';
export * from './store.ts';
export * from './submission.ts';
export * from './submitter-certificate.ts';
export * from './system.ts';
export * from './verify-chain.ts';
export * from './views.ts';
