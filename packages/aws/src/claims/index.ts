export * from './claim-repository.ts';
