export { buildCfdi, buildTimbre } from './build.ts';
export { cadenaOriginal, cadenaOriginalTimbre } from './cadena.ts';
export {
  CfdiMappingError,
  type CfdiOptions,
  cfdiOfInvoice,
  type IssuerCertificate,
} from './from-invoice.ts';
export * from './model.ts';
export { readCfdi } from './read.ts';
export { sealCfdi } from './seal.ts';
export { formatQrTotal, satVerificationUrl } from './verification.ts';
