export * from './document-grant-store.ts';
export * from './ticket-repository.ts';
