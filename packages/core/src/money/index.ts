export * from './currencies.ts';
export * from './decimal.ts';
