export * from './huella.ts';
export * from './record.ts';
