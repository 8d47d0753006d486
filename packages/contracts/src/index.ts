export * from './env.ts';
export * from './route.ts';
export * from './routes.ts';
export * from './schemas/common.ts';
export * from './schemas/customers.ts';
export * from './schemas/system.ts';
export * from './schemas/tenants.ts';
