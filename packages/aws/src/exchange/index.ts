export * from './import-repository.ts';
export * from './inbox-repository.ts';
