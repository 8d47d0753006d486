export { buildCii, type CiiOptions } from './build.ts';
