export * from './checks.ts';
export * from './en16931.ts';
export * from './errors.ts';
export * from './parsed.ts';
