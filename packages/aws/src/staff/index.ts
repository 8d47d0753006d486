export * from './link-repository.ts';
export * from './membership-repository.ts';
