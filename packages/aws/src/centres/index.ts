export * from './centre-repository.ts';
