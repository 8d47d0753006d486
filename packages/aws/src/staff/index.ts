export * from './link-repository.ts';
export * from './membership-repository.ts';
export * from './sign-up-repository.ts';
