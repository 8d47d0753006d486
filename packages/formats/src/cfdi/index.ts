export { buildCfdi, buildTimbre } from './build.ts';
export { cadenaOriginal, cadenaOriginalTimbre } from './cadena.ts';
export {
  CfdiMappingError,
  type CfdiOptions,
  cfdiOfInvoice,
  type IssuerCertificate,
} from './from-invoice.ts';
export {
  type GlobalInvoice,
  type GlobalSale,
  globalCfdi,
  globalPeriod,
  type Periodicidad,
  PUBLIC_NAME,
  PUBLIC_RFC,
} from './global.ts';
export { impuestosOf } from './impuestos.ts';
export * from './model.ts';
export { type CfdiPrint, cfdiPrint } from './print.ts';
export { readCfdi } from './read.ts';
export { sealCfdi } from './seal.ts';
export { formatQrTotal, satVerificationUrl } from './verification.ts';
