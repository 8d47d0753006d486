export * from './functions.ts';
export * from './invoker.ts';
