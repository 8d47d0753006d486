export * from './client.ts';
export * from './context.tsx';
export * from './problem.ts';
export type { components } from './schema';
