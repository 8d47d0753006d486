export * from './customer-portal-repositories.ts';
