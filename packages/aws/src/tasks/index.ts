export * from './repositories.ts';
export * from './run-repository.ts';
export * from './task-repository.ts';
export * from './wiring.ts';
export * from './work-order-repository.ts';
