export { buildCfdi, buildTimbre } from './build.ts';
export { cadenaOriginal, cadenaOriginalTimbre } from './cadena.ts';
export * from './model.ts';
export { type CfdiPrint, cfdiPrint } from './print.ts';
export { readCfdi } from './read.ts';
export { sealCfdi } from './seal.ts';
export { formatQrTotal, satVerificationUrl } from './verification.ts';
