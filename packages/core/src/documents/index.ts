export * from './checks.ts';
export * from './errors.ts';
export * from './parsed.ts';
