export * from './delivery-repository.ts';
export * from './http-transport.ts';
export * from './repositories.ts';
export * from './subscription-repository.ts';
export * from './wiring.ts';
