export * from './create-customer.ts';
export * from './customer.ts';
export * from './delete-customer.ts';
export * from './deps.ts';
export * from './dir3.ts';
export * from './get-customer.ts';
export * from './list-customers.ts';
export * from './update-customer.ts';
