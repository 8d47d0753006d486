export * from './expression.ts';
export * from './spec.ts';
