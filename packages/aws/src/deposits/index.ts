export * from './deposit-repository.ts';
