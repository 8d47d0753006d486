export * from './parsed.ts';
