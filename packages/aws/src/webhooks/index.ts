export * from './delivery-repository.ts';
export * from './http-transport.ts';
export * from './subscription-repository.ts';
