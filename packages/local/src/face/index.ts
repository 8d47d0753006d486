export * from './facturae-checks.ts';
export * from './server.ts';
export * from './verify-wsse.ts';
