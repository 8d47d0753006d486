export * from './policy-repository.ts';
