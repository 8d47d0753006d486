export * from './ticket-repository.ts';
