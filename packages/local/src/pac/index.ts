export * from './journal.ts';
export * from './sandbox-pac.ts';
export * from './server.ts';
