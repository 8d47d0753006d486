export * from './sandbox-pac.ts';
