export { buildCfdi } from './build.ts';
export { cadenaOriginal, cadenaOriginalTimbre } from './cadena.ts';
export * from './model.ts';
export { readCfdi } from './read.ts';
export { sealCfdi } from './seal.ts';
