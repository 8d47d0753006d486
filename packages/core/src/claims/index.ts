// Claim files of workshop → insurer billing: claims, their documents and valuations.

export * from './billing.ts';
export * from './billing-split.ts';
export * from './billing-texts.ts';
export * from './claims.ts';
export * from './documents.ts';
export * from './model.ts';
export * from './valuation-csv.ts';
export * from './valuation-diff.ts';
export * from './valuations.ts';
