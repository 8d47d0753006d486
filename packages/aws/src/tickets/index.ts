export * from './document-grant-store.ts';
export * from './global-invoice-repository.ts';
export * from './ticket-repository.ts';
