export * from './change-request-repository.ts';
