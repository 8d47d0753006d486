export { buildUbl, type UblOptions } from './build.ts';
