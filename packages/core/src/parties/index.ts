export * from './country.ts';
export * from './identify.ts';
export * from './party.ts';
export * from './tax-id.ts';
